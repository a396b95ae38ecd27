"""Code 128 encoding, so the layout knows a barcode's exact width before printing.

A Zebra printer chooses the subsets itself only in ``^BC`` mode ``A``; we send
the subsets explicitly instead (mode ``N`` with invocation codes: ``>:`` start
B, ``>;`` start C, ``>5`` code C, ``>6`` code B), so the printed symbol is the
one computed here, symbol for symbol, and its width in modules is known.

Subsets B (ASCII 32-126) and C (digit pairs) cover every code the labels allow
(:mod:`printing.label` refuses the rest). Runs of four or more digits go in
subset C (an odd run leaves its first digit in B), which is what the common
encoders do and gives the shortest symbol for tracking numbers.
"""

from __future__ import annotations

import re

__all__ = ["bar_widths", "module_count", "symbols", "symbols_from_zpl", "zpl_field_data"]

# Bar/space widths of symbol values 0-105; the stop symbol is 2331112.
_PATTERNS = (
    "212222 222122 222221 121223 121322 131222 122213 122312 132212 221213 221312 231212 "
    "112232 122132 122231 113222 123122 123221 223211 221132 221231 213212 223112 312131 "
    "311222 321122 321221 312212 322112 322211 212123 212321 232121 111323 131123 131321 "
    "112313 132113 132311 211313 231113 231311 112133 112331 132131 113123 113321 133121 "
    "313121 211331 231131 213113 213311 213131 311123 311321 331121 312113 312311 332111 "
    "314111 221411 431111 111224 111422 121124 121421 141122 141221 112214 112412 122114 "
    "122411 142112 142211 241211 221114 413111 241112 134111 111242 121142 121241 114212 "
    "124112 124211 411212 421112 421211 212141 214121 412121 111143 111341 131141 114113 "
    "114311 411113 411311 113141 114131 311141 411131 211412 211214 211232"
).split()
_STOP = "2331112"
_START_B, _START_C, _CODE_B, _CODE_C = 104, 105, 100, 99
_DIGITS = re.compile(r"\d+")


def _runs(data: str) -> list[tuple[str, str]]:
    """Split ``data`` into ("B", text) and ("C", even digit run) pieces."""
    if not data or any(not 32 <= ord(c) <= 126 for c in data):
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


def symbols(data: str) -> list[int]:
    """Symbol values from the start symbol to the check symbol (the stop not included)."""
    values: list[int] = []
    for subset, text in _runs(data):
        if not values:
            values.append(_START_C if subset == "C" else _START_B)
        else:
            values.append(_CODE_C if subset == "C" else _CODE_B)
        if subset == "C":
            values.extend(int(text[i : i + 2]) for i in range(0, len(text), 2))
        else:
            values.extend(ord(c) - 32 for c in text)
    return _checked(values)


def module_count(data: str) -> int:
    """Width of the symbol in modules, quiet zones not included."""
    return 11 * len(symbols(data)) + 13


def _checked(values: list[int]) -> list[int]:
    check = (values[0] + sum(i * v for i, v in enumerate(values[1:], start=1))) % 103
    return [*values, check]


def bar_widths(data: str | list[int]) -> list[int]:
    """Alternating bar, space, bar … widths in modules, starting and ending with a bar,
    of ``data`` or of a list of symbol values as :func:`symbols` returns."""
    values = symbols(data) if isinstance(data, str) else data
    widths = [int(w) for v in values for w in _PATTERNS[v]]
    return widths + [int(w) for w in _STOP]


def symbols_from_zpl(field_data: str) -> list[int]:
    """The symbols a printer encodes for ``^BC…,N`` field data using subsets B and C
    with the invocation codes :func:`zpl_field_data` writes (for previews and tests)."""
    values: list[int] = []
    subset = "B"
    pos = 0
    while pos < len(field_data):
        two = field_data[pos : pos + 2]
        if two in (">;", ">:", ">5", ">6"):
            subset = "C" if two in (">;", ">5") else "B"
            if two in (">;", ">:") and values:
                raise ValueError("start code in the middle of Code 128 data")
            values.append({">;": _START_C, ">:": _START_B, ">5": _CODE_C, ">6": _CODE_B}[two])
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
            values.append(ord(field_data[pos]) - 32)
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
