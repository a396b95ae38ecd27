"""GS1 element strings as scanners deliver them, and GTIN normalisation.

A GS1-128, GS1 DataMatrix or GS1 QR symbol carries *element strings*: an
Application Identifier (AI, 2 to 4 digits) followed by its value, e.g.
``01`` + a GTIN-14, ``17`` + an expiry date, ``10`` + a batch number. Scanners
send them in one of these forms, all accepted by :func:`parse`:

* raw, with FNC1 transmitted as GS (``\\x1d``) after each variable-length value:
  ``01095011015300031725010110ABC\\x1d21XYZ``;
* the same with an AIM symbology identifier in front (``]C1`` GS1-128,
  ``]d2`` GS1 DataMatrix, ``]Q3`` GS1 QR, ``]e0`` GS1 DataBar, ``]J1`` GS1 DotCode)
  and possibly a leading GS (the symbol's first FNC1);
* the human-readable interpretation with parentheses, as printed under the
  bar code or typed by hand: ``(01)09501101530003(17)250101(10)ABC``.

What GS1 says about each AI (its format, data title, whether a separator
follows it) and the validation of a value against it, including the check
digits of GTINs, SSCCs and GLNs, come from ``biip``, which carries the GS1
General Specifications' AI table (:mod:`app.domain.gs1_ais`). This module adds
what a warehouse floor needs on top: where a value ends in the forms above, an
error that tells the operator what is wrong, and dates whose century follows
a given ``today``.

Where a value ends: the AIs whose length GS1 predefines (00–04, 11–20, 31–36,
41) need no separator; every other value runs to the next GS or the end.
Unknown AIs in an assigned range are kept as raw text (their value runs to the
next GS); an AI whose first two digits belong to no assigned range cannot be
delimited and is an error.

:func:`gtin_of` turns an EAN-8, UPC-A (12 digits, or 13 with a leading 0 as many
scanners send it), EAN-13 or GTIN-14 into one comparable 14-digit key.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from biip import ParseError
from biip.checksums import gs1_standard_check_digit
from biip.gtin import Gtin

from app.domain.gs1_ais import GS, PREDEFINED, AiFacts, ai_facts, ai_length, biip_element

__all__ = [
    "GS",
    "GS1_SYMBOLOGIES",
    "GTIN_LENGTHS",
    "Element",
    "Gs1Data",
    "check_digit",
    "gs1_date",
    "gtin_of",
    "has_valid_check_digit",
    "parse",
    "strip_symbology",
]

# AIM symbology identifiers (ISO/IEC 15424) whose data is a GS1 element string.
# biip knows these but DotCode (]J1), so the set is spelled out.
GS1_SYMBOLOGIES: Final = frozenset({"]C1", "]d2", "]Q3", "]e0", "]J1"})
_AIM = re.compile(r"\][A-Za-z][0-9A-Za-z]")


# --------------------------------------------------------------------------- check digits


def check_digit(body: str) -> str:
    """The GS1 mod-10 check digit of ``body`` (every digit but the check digit).

    Weights 3, 1, 3, … from the rightmost body digit: one rule for EAN-8,
    UPC-A, EAN-13, GTIN-14, SSCC and GLN.
    """
    # biip accepts any Unicode decimal digit; a scanned code is ASCII.
    if not body.isascii() or not body.isdigit():
        raise ValueError(f"a GS1 number is digits only, not {body!r}")
    return str(gs1_standard_check_digit(body))


def has_valid_check_digit(code: str) -> bool:
    """True when ``code`` is at least two digits and its last digit is the GS1 check digit."""
    return (
        len(code) >= 2 and code.isascii() and code.isdigit() and check_digit(code[:-1]) == code[-1]
    )


def _require_check(what: str, code: str) -> None:
    expected = check_digit(code[:-1])
    if code[-1] != expected:
        raise ValueError(f"bad check digit in {what} {code}: expected {expected}, not {code[-1]}")


GTIN_LENGTHS: Final = (8, 12, 13, 14)


def gtin_of(code: str) -> str:
    """The 14-digit comparison key of an EAN-8, UPC-A, EAN-13 or GTIN-14.

    Left-padding with zeros is how GS1 compares GTINs: UPC-A ``036000291452``,
    the same code sent as EAN-13 ``0036000291452`` and as GTIN-14
    ``00036000291452`` all give ``00036000291452``. Raises ValueError for a
    wrong length, non-digits or a bad check digit. An 8-digit code is read as
    EAN-8 (a UPC-E would need expanding to UPC-A first).
    """
    text = code.strip()
    if not text.isascii() or not text.isdigit():
        raise ValueError(f"{code!r} is not a GTIN: a GTIN is digits only")
    if len(text) not in GTIN_LENGTHS:
        raise ValueError(f"{code!r} is not a GTIN: {len(text)} digits (a GTIN has 8, 12, 13 or 14)")
    try:
        return Gtin.parse(text).as_gtin_14()
    except ParseError as exc:
        _require_check("GTIN", text)  # the operator's sentence for the usual fault
        raise ValueError(f"{code!r} is not a GTIN: {exc}") from None


# --------------------------------------------------------------------------- dates


def gs1_date(yymmdd: str, today: date | None = None) -> date:
    """A GS1 YYMMDD date; day ``00`` means the last day of the month.

    The century follows GS1's sliding window (General Specifications 7.12): a
    year more than 50 years ahead of ``today`` is in the previous century, one
    more than 49 years behind it in the next. (biip applies the same window to
    the wall clock only; a station's tests and replays need to give the day.)
    """
    if len(yymmdd) != 6 or not yymmdd.isascii() or not yymmdd.isdigit():
        raise ValueError(f"a GS1 date is YYMMDD, not {yymmdd!r}")
    yy, mm, dd = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    now = (today or date.today()).year
    century = now - now % 100
    diff = yy - now % 100
    if 51 <= diff <= 99:
        century -= 100
    elif -99 <= diff <= -50:
        century += 100
    year = century + yy
    if not 1 <= mm <= 12:
        raise ValueError(f"month {mm:02d} in GS1 date {yymmdd} is not 01-12")
    last = calendar.monthrange(year, mm)[1]
    if dd == 0:
        dd = last
    elif dd > last:
        raise ValueError(f"day {dd:02d} in GS1 date {yymmdd}: {year}-{mm:02d} has {last} days")
    return date(year, mm, dd)


# --------------------------------------------------------------------------- elements


@dataclass(frozen=True, slots=True)
class Element:
    """One element string: the AI, its value as sent, and the value typed by the AI."""

    ai: str
    raw: str
    value: str | int | Decimal | date
    title: str


# The counts (AI 30 variable count, 37 count of trade items) are read as numbers;
# biip leaves them as text.
_COUNTS: Final = frozenset({"30", "37"})


def _require_shape(facts: AiFacts, raw: str) -> None:
    """Length, digits and control characters, checked first for the clearest reason."""
    ai, title = facts.ai, facts.title
    if not facts.min_len <= len(raw) <= facts.max_len:
        want = (
            f"{facts.min_len}"
            if facts.min_len == facts.max_len
            else f"{facts.min_len} to {facts.max_len}"
        )
        raise ValueError(f"AI ({ai}) {title} needs {want} characters, got {len(raw)} ({raw!r})")
    at = 0
    for charset, low, high in facts.parts:
        # Only the last part of a GS1 format has a variable length.
        part = raw[at : at + low] if low == high else raw[at:]
        if charset == "N" and part and not (part.isascii() and part.isdigit()):
            raise ValueError(f"AI ({ai}) {title} must be digits, got {raw!r}")
        at += len(part)
    if any(ch == GS or not ch.isprintable() for ch in raw):
        raise ValueError(f"AI ({ai}) value {raw!r} contains a control character")


def _element(ai: str, raw: str, today: date | None) -> Element:
    facts = ai_facts(ai)
    _require_shape(facts, raw)
    if facts.spec is None:  # unknown to GS1, or a family the floor passes through
        return Element(ai, raw, raw, facts.title)
    label = f"AI ({ai}) {facts.title}"
    value: str | int | Decimal | date = raw
    if facts.is_date:
        try:
            value = gs1_date(raw, today)
        except ValueError as exc:
            raise ValueError(f"{label}: {exc}") from None
    found = biip_element(facts.spec, raw)
    if found is None:
        # The pattern biip holds is the GS1 one: the characters (GS1's 82) or the
        # shape (a GRAI's leading 0, a date's month) are wrong.
        raise ValueError(f"{label}: {raw!r} does not fit the GS1 format {facts.fmt}")
    number_error = found.gtin_error or found.sscc_error or found.gln_error
    if number_error is not None:
        _require_check(label, raw)
        raise ValueError(f"{label}: {number_error}")
    if facts.check_span is not None:
        start, end = facts.check_span
        _require_check(label, raw[start:end])
    if ai in _COUNTS:
        value = int(raw)
    elif found.decimal is not None and len(found.pattern_groups) == 1:
        value = found.decimal  # a measure, amount or percentage (not one with a currency)
    return Element(ai, raw, value, facts.title)


def strip_symbology(text: str) -> tuple[str | None, str]:
    """Split a leading AIM symbology identifier (``]C1``, ``]E0`` …) off ``text``."""
    if _AIM.match(text):
        return text[:3], text[3:]
    return None, text


_HRI = re.compile(r"\(([0-9]{2,4})\)")


def _check_ai(ai: str, pos: int) -> None:
    length = ai_length(ai[:2])
    if length is None:
        raise ValueError(f"unknown AI ({ai}) at position {pos}: no GS1 AI starts with {ai[:2]}")
    if len(ai) != length:
        raise ValueError(
            f"({ai}) at position {pos} is not a GS1 AI: AIs starting {ai[:2]} have {length} digits"
        )


def _split_hri(text: str) -> Iterator[tuple[str, str]]:
    pos = 0
    while pos < len(text):
        m = _HRI.match(text, pos)
        if m is None:
            raise ValueError(f"expected '(AI)' at position {pos}, found {text[pos : pos + 8]!r}")
        ai = m.group(1)
        _check_ai(ai, pos)
        start = m.end()
        fixed = PREDEFINED.get(ai[:2])
        if fixed is not None and (start + fixed == len(text) or _HRI.match(text, start + fixed)):
            end = start + fixed
        else:
            nxt = _HRI.search(text, start)
            end = nxt.start() if nxt else len(text)
        yield ai, text[start:end].strip(" ")
        pos = end


def _ai_at(data: str, pos: int) -> str:
    head = data[pos : pos + 2]
    if len(head) < 2 or not head.isascii() or not head.isdigit():
        raise ValueError(
            f"expected an AI (digits) at position {pos}, found {data[pos : pos + 4]!r}"
        )
    length = ai_length(head)
    if length is None:
        raise ValueError(
            f"unknown AI starting {head!r} at position {pos}: "
            "no GS1 AI starts with these digits, so its end cannot be told"
        )
    ai = data[pos : pos + length]
    if len(ai) < length or not ai.isascii() or not ai.isdigit():
        raise ValueError(
            f"AI {ai!r} at position {pos} is cut short: AIs starting {head} have {length} digits"
        )
    return ai


def _split_raw(data: str) -> Iterator[tuple[str, str]]:
    pos = 0
    while pos < len(data):
        if data[pos] == GS:
            pos += 1
            continue
        ai = _ai_at(data, pos)
        start = pos + len(ai)
        facts = ai_facts(ai)
        # A fixed length ends the value even where GS1 still wants a GS after it.
        if facts.min_len == facts.max_len:
            end = start + facts.min_len
            value = data[start:end]
            if len(value) < facts.min_len or GS in value:
                cut = value.split(GS, 1)[0]
                raise ValueError(
                    f"AI ({ai}) {facts.title} needs {facts.min_len} characters, "
                    f"got {len(cut)} ({cut!r})"
                )
        else:
            gs = data.find(GS, start)
            end = len(data) if gs < 0 else gs
            value = data[start:end]
        yield ai, value
        pos = end


class Gs1Data(Mapping[str, str]):
    """Parsed GS1 element strings: an ordered mapping AI → value as sent.

    ``data["17"]`` is the text ``"250101"``; :meth:`value` gives it typed
    (a :class:`datetime.date`), and the helpers name the usual ones.
    """

    __slots__ = ("_elements", "_by_ai", "symbology")

    def __init__(self, elements: Iterable[Element], symbology: str | None = None) -> None:
        self._elements = tuple(elements)
        self._by_ai = {e.ai: e for e in self._elements}
        self.symbology = symbology

    # Mapping
    def __getitem__(self, ai: str) -> str:
        return self._by_ai[ai].raw

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_ai)

    def __len__(self) -> int:
        return len(self._by_ai)

    def __repr__(self) -> str:
        return f"Gs1Data({self.hri()!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Gs1Data):
            return [(e.ai, e.raw) for e in self._elements] == [
                (e.ai, e.raw) for e in other._elements
            ]
        return Mapping.__eq__(self, other)

    def __hash__(self) -> int:
        return hash(tuple((e.ai, e.raw) for e in self._elements))

    @property
    def elements(self) -> tuple[Element, ...]:
        return self._elements

    def value(self, ai: str) -> str | int | Decimal | date | None:
        """The typed value of ``ai`` (date, int, Decimal or text), or None when absent."""
        element = self._by_ai.get(ai)
        return None if element is None else element.value

    def _date(self, ai: str) -> date | None:
        value = self.value(ai)
        return value if isinstance(value, date) else None

    @property
    def gtin(self) -> str | None:
        """AI (01): the GTIN-14 of the trade item this symbol is on."""
        return self.get("01")

    @property
    def content_gtin(self) -> str | None:
        """AI (02): the GTIN of the trade items inside a logistic unit (with a count in 37)."""
        return self.get("02")

    @property
    def sscc(self) -> str | None:
        """AI (00): the 18-digit serial shipping container code."""
        return self.get("00")

    @property
    def batch(self) -> str | None:
        return self.get("10")

    @property
    def serial(self) -> str | None:
        return self.get("21")

    @property
    def expiry(self) -> date | None:
        """AI (17) use-by / expiry date."""
        return self._date("17")

    @property
    def best_before(self) -> date | None:
        return self._date("15")

    @property
    def production_date(self) -> date | None:
        return self._date("11")

    @property
    def count(self) -> int | None:
        """AI (37) count of trade items, else (30) variable count."""
        for ai in ("37", "30"):
            value = self.value(ai)
            if isinstance(value, int):
                return value
        return None

    @property
    def net_weight_g(self) -> int | None:
        """Net weight in whole grams from AI 310n (kg) or 320n (lb), else None."""
        for element in self._elements:
            if isinstance(element.value, Decimal) and element.ai[:3] in ("310", "320"):
                grams = element.value * (1000 if element.ai[:3] == "310" else Decimal("453.59237"))
                return int(grams.quantize(Decimal(1), rounding=ROUND_HALF_UP))
        return None

    def hri(self) -> str:
        """The human-readable form, ``(01)09501101530003(10)ABC``."""
        return "".join(f"({e.ai}){e.raw}" for e in self._elements)

    def element_string(self) -> str:
        """The transmitted form: a GS after each value whose length GS1 does not predefine."""
        out: list[str] = []
        for i, e in enumerate(self._elements):
            out.append(e.ai + e.raw)
            if i < len(self._elements) - 1 and e.ai[:2] not in PREDEFINED:
                out.append(GS)
        return "".join(out)


def parse(text: str, *, today: date | None = None, separator: str = GS) -> Gs1Data:
    """Parse a GS1 element string as a scanner sends it; see the module doc for the forms.

    ``separator`` is what the scanner sends for FNC1 when it is not GS (some
    are set to send another character). ``today`` anchors the century of
    two-digit years (default: the current date). Raises ValueError with the
    reason for anything that is not a valid GS1 element string.
    """
    if not isinstance(text, str):
        raise ValueError(f"GS1 data is text, not {type(text).__name__}")
    data = text.strip("\r\n\t ")
    symbology, data = strip_symbology(data)
    if symbology is not None and symbology not in GS1_SYMBOLOGIES:
        raise ValueError(
            f"symbology {symbology} does not carry GS1 data (expected ]C1, ]d2, ]Q3 …)"
        )
    if separator != GS:
        if not separator:
            raise ValueError("the FNC1 separator cannot be empty")
        data = data.replace(separator, GS)
    data = data.strip(GS)
    if not data:
        raise ValueError("empty GS1 data")
    pairs = _split_hri(data) if data.startswith("(") else _split_raw(data)
    elements: list[Element] = []
    seen: dict[str, str] = {}
    for ai, raw in pairs:
        if ai in seen:
            if seen[ai] != raw:
                raise ValueError(
                    f"AI ({ai}) appears twice with different values: {seen[ai]!r}, {raw!r}"
                )
            continue
        seen[ai] = raw
        elements.append(_element(ai, raw, today))
    return Gs1Data(elements, symbology)
