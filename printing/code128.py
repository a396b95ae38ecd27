"""Code 128 encoding, so the layout knows a barcode's exact width before printing.

A Zebra printer chooses the subsets itself only in ``^BC`` mode ``A``; we send
the subsets explicitly instead (mode ``N`` with invocation codes: ``>:`` start
B, ``>;`` start C, ``>5`` code C, ``>6`` code B), so the printed symbol is the
one computed here, symbol for symbol, and its width in modules is known.

The symbol values of each character in each subset, the start and code-switch
symbols and the bar pattern of every symbol are python-barcode's
(``barcode.charsets.code128``). What this module adds is the choice of
subsets and the ZPL that spells it out: python-barcode starts in subset C and
leaves the last digit of an odd run for subset B, which gives a longer symbol
for codes such as ``SF1234567890123`` than the rule below (and its 0.16
drops a leading digit pair 99, taking it for the switch to C); since the
width decides whether a tracking number fits its label, the shorter rule is
kept.

Subsets B (ASCII 32-126) and C (digit pairs) cover every code the labels allow
(:mod:`printing.label` refuses the rest). Runs of four or more digits go in
subset C (an odd run leaves its first digit in B), which is what the common
encoders do and gives the shortest symbol for tracking numbers.
"""

from __future__ import annotations

import re
from itertools import groupby
from typing import Final

from barcode.charsets import code128 as charset

__all__ = ["bar_widths", "module_count", "symbols", "symbols_from_zpl", "zpl_field_data"]

# python-barcode's tables: one 11-module bar/space pattern per symbol value
# ("1" bar, "0" space), the stop pattern without its final bar, and the values
# of the characters of subset B.
_PATTERNS: Final[tuple[str, ...]] = tuple(charset.CODES)
_STOP: Final[str] = charset.STOP + "11"  # the stop symbol's closing two-module bar
_SUBSET_B: Final[dict[str, int]] = dict(charset.B)
_START_B: Final[int] = charset.START_CODES["B"]
_START_C: Final[int] = charset.START_CODES["C"]
_CODE_B: Final[int] = charset.C["TO_B"]
_CODE_C: Final[int] = charset.B["TO_C"]
_DIGITS = re.compile(r"\d+")


def _runs(data: str) -> list[tuple[str, str]]:
    """Split ``data`` into ("B", text) and ("C", even digit run) pieces."""
    if not data or any(not " " <= c <= "~" for c in data):
        raise ValueError(f"Code 128 subsets B/C cannot encode {data!r}")
    pieces: list[tuple[str, str]] = []
    pos = 0
    for match in _DIGITS.finditer(data):
        run = match.group()
        if len(run) < 4 and not (len(run) == 2 and len(data) == 2):
            continue
        start = match.start() + len(run) % 2  # odd run: first digit stays in B
        if start > pos:
            pieces.append(("B", data[pos:start]))
        pieces.append(("C", data[start : match.end()]))
        pos = match.end()
    if pos < len(data):
        pieces.append(("B", data[pos:]))
    return pieces


def _subset_b(char: str, data: str) -> int:
    # python-barcode's subset B also holds DEL and its FNC stand-ins; a label holds neither.
    if not " " <= char <= "~":
        raise ValueError(f"Code 128 subset B cannot encode {char!r} in {data!r}")
    return _SUBSET_B[char]


def _subset_values(subset: str, text: str) -> list[int]:
    if subset == "C":
        return [int(text[i : i + 2]) for i in range(0, len(text), 2)]
    return [_subset_b(c, text) for c in text]


def symbols(data: str) -> list[int]:
    """Symbol values from the start symbol to the check symbol (the stop not included)."""
    values: list[int] = []
    for subset, text in _runs(data):
        if not values:
            values.append(_START_C if subset == "C" else _START_B)
        else:
            values.append(_CODE_C if subset == "C" else _CODE_B)
        values.extend(_subset_values(subset, text))
    return _checked(values)


def module_count(data: str) -> int:
    """Width of the symbol in modules, quiet zones not included."""
    return len(_PATTERNS[0]) * len(symbols(data)) + len(_STOP)


def _checked(values: list[int]) -> list[int]:
    # The Code 128 check symbol: the start value plus each value times its position, mod 103.
    check = (values[0] + sum(i * v for i, v in enumerate(values[1:], start=1))) % 103
    return [*values, check]


def _widths(pattern: str) -> list[int]:
    return [len(list(run)) for _, run in groupby(pattern)]


def bar_widths(data: str | list[int]) -> list[int]:
    """Alternating bar, space, bar … widths in modules, starting and ending with a bar,
    of ``data`` or of a list of symbol values as :func:`symbols` returns."""
    values = symbols(data) if isinstance(data, str) else data
    return _widths("".join(_PATTERNS[v] for v in values) + _STOP)


_INVOCATIONS: Final = {">;": _START_C, ">:": _START_B, ">5": _CODE_C, ">6": _CODE_B}


def symbols_from_zpl(field_data: str) -> list[int]:
    """The symbols a printer encodes for ``^BC…,N`` field data using subsets B and C
    with the invocation codes :func:`zpl_field_data` writes (for previews and tests)."""
    values: list[int] = []
    subset = "B"
    pos = 0
    while pos < len(field_data):
        two = field_data[pos : pos + 2]
        if two in _INVOCATIONS:
            subset = "C" if two in (">;", ">5") else "B"
            if two in (">;", ">:") and values:
                raise ValueError("start code in the middle of Code 128 data")
            values.append(_INVOCATIONS[two])
            pos += 2
            continue
        if not values:
            values.append(_START_B)
        if subset == "C":
            if not two.isdigit() or len(two) < 2:
                raise ValueError(f"subset C needs digit pairs: {field_data!r}")
            values.append(int(two))
            pos += 2
        else:
            values.append(_subset_b(field_data[pos], field_data))
            pos += 1
    return _checked(values)


def zpl_field_data(data: str) -> str:
    """``^FD`` data for ``^BC…,N`` that makes the printer encode exactly :func:`symbols`."""
    out: list[str] = []
    for subset, text in _runs(data):
        if not out:
            out.append(">;" if subset == "C" else ">:")
        else:
            out.append(">5" if subset == "C" else ">6")
        if any(c in "^~>" for c in text):
            raise ValueError(f"{data!r} needs ZPL invocation codes this encoder does not emit")
        out.append(text)
    return "".join(out)
