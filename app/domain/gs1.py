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

GS: Final = "\x1d"

# AIM symbology identifiers (ISO/IEC 15424) whose data is a GS1 element string.
GS1_SYMBOLOGIES: Final = frozenset({"]C1", "]d2", "]Q3", "]e0", "]J1"})
_AIM = re.compile(r"\][A-Za-z][0-9A-Za-z]")

# The AIs whose value length GS1 predefines (General Specifications, figure
# 7.8.5-2): no FNC1 separator follows them. Keyed by the AI's first two digits,
# value = length of the data after the AI.
_PREDEFINED: Final[dict[str, int]] = {
    "00": 18, "01": 14, "02": 14, "03": 14, "04": 16,
    "11": 6, "12": 6, "13": 6, "14": 6, "15": 6, "16": 6, "17": 6, "18": 6, "19": 6,
    "20": 2,
    "31": 6, "32": 6, "33": 6, "34": 6, "35": 6, "36": 6,
    "41": 13,
}  # fmt: skip

# Length of an AI from its first two digits, for every assigned range.
_AI_LENGTH: Final[dict[str, int]] = {
    **{p: 2 for p in ("00", "01", "02", "03", "04")},
    **{f"{n}": 2 for n in range(10, 23)},
    **{f"{n}": 3 for n in range(23, 26)},
    "30": 2,
    **{f"{n}": 4 for n in range(31, 37)},
    "37": 2,
    "39": 4,
    **{f"{n}": 3 for n in range(40, 43)},
    "43": 4,
    "70": 4,
    "71": 3,
    "72": 4,
    **{f"{n}": 4 for n in range(80, 83)},
    **{f"{n}": 2 for n in range(90, 100)},
}


@dataclass(frozen=True, slots=True)
class AiSpec:
    """What GS1 says about one AI: its data format and how to read the value.

    ``fmt`` follows the GS1 notation: ``N14`` 14 digits, ``X..20`` up to 20
    characters, ``N3+X..9`` 3 digits then up to 9 characters. ``kind`` says how
    :attr:`Element.value` is typed: ``text``, ``int``, ``date`` (YYMMDD),
    ``decimal`` (the AI's last digit gives the decimals), ``check`` (digits
    with a GS1 check digit over ``check_span``).
    """

    ai: str
    fmt: str
    kind: str
    title: str
    check_span: tuple[int, int] | None = None

    @property
    def parts(self) -> tuple[tuple[str, int, int], ...]:
        """(charset, min length, max length) for each part of the format."""
        out = []
        for i, part in enumerate(self.fmt.split("+")):
            m = re.fullmatch(r"([NX])(\d*)(?:\.\.(\d+))?", part)
            if m is None:  # pragma: no cover - the table below is static
                raise AssertionError(f"bad format {self.fmt!r}")
            charset, low, high = m.groups()
            if high is None:
                out.append((charset, int(low), int(low)))
            else:
                out.append((charset, int(low) if low else (1 if i == 0 else 0), int(high)))
        return tuple(out)

    @property
    def min_len(self) -> int:
        return sum(p[1] for p in self.parts)

    @property
    def max_len(self) -> int:
        return sum(p[2] for p in self.parts)


def _table() -> dict[str, AiSpec]:
    rows: list[tuple[str, str, str, str]] = [
        ("00", "N18", "check", "SSCC"),
        ("01", "N14", "check", "GTIN"),
        ("02", "N14", "check", "CONTENT"),
        ("03", "N14", "check", "MTO GTIN"),
        ("10", "X..20", "text", "BATCH/LOT"),
        ("11", "N6", "date", "PROD DATE"),
        ("12", "N6", "date", "DUE DATE"),
        ("13", "N6", "date", "PACK DATE"),
        ("15", "N6", "date", "BEST BEFORE"),
        ("16", "N6", "date", "SELL BY"),
        ("17", "N6", "date", "USE BY OR EXPIRY"),
        ("20", "N2", "text", "VARIANT"),
        ("21", "X..20", "text", "SERIAL"),
        ("22", "X..20", "text", "CPV"),
        ("235", "X..28", "text", "TPX"),
        ("240", "X..30", "text", "ADDITIONAL ID"),
        ("241", "X..30", "text", "CUST. PART No."),
        ("242", "N..6", "text", "MTO VARIANT"),
        ("243", "X..20", "text", "PCN"),
        ("250", "X..30", "text", "SECONDARY SERIAL"),
        ("251", "X..30", "text", "REF. TO SOURCE"),
        ("253", "N13+X..17", "check13", "GDTI"),
        ("254", "X..20", "text", "GLN EXTENSION COMPONENT"),
        ("255", "N13+N..12", "check13", "GCN"),
        ("30", "N..8", "int", "VAR. COUNT"),
        ("37", "N..8", "int", "COUNT"),
        ("400", "X..30", "text", "ORDER NUMBER"),
        ("401", "X..30", "text", "GINC"),
        ("402", "N17", "check", "GSIN"),
        ("403", "X..30", "text", "ROUTE"),
        ("410", "N13", "check", "SHIP TO LOC"),
        ("411", "N13", "check", "BILL TO"),
        ("412", "N13", "check", "PURCHASE FROM"),
        ("413", "N13", "check", "SHIP FOR LOC"),
        ("414", "N13", "check", "LOC No."),
        ("415", "N13", "check", "PAY TO"),
        ("416", "N13", "check", "PROD/SERV LOC"),
        ("417", "N13", "check", "PARTY"),
        ("420", "X..20", "text", "SHIP TO POST"),
        ("421", "N3+X..9", "text", "SHIP TO POST (ISO country)"),
        ("422", "N3", "text", "ORIGIN"),
        ("423", "N3+N..12", "text", "COUNTRY - INITIAL PROCESS."),
        ("424", "N3", "text", "COUNTRY - PROCESS."),
        ("425", "N3+N..12", "text", "COUNTRY - DISASSEMBLY"),
        ("426", "N3", "text", "COUNTRY - FULL PROCESS"),
        ("427", "X..3", "text", "ORIGIN SUBDIVISION"),
        ("7001", "N13", "text", "NSN"),
        ("7002", "X..30", "text", "MEAT CUT"),
        ("7003", "N10", "text", "EXPIRY TIME"),
        ("7006", "N6", "date", "FIRST FREEZE DATE"),
        ("8001", "N14", "text", "DIMENSIONS"),
        ("8002", "X..20", "text", "CMT No."),
        ("8003", "N14+X..16", "check1_14", "GRAI"),
        ("8004", "X..30", "text", "GIAI"),
        ("8005", "N6", "text", "PRICE PER UNIT"),
        ("8006", "N14+N2+N2", "text", "ITIP"),
        ("8007", "X..34", "text", "IBAN"),
        ("8008", "N8+N..4", "text", "PROD TIME"),
        ("8012", "X..20", "text", "VERSION"),
        ("8013", "X..25", "text", "GMN"),
        ("8017", "N18", "check", "GSRN - PROVIDER"),
        ("8018", "N18", "check", "GSRN - RECIPIENT"),
        ("8020", "X..25", "text", "REF. No."),
        ("8200", "X..70", "text", "PRODUCT URL"),
        ("90", "X..30", "text", "INTERNAL"),
    ]
    rows += [(f"{n}", "X..90", "text", "INTERNAL") for n in range(91, 100)]
    # Trade and logistic measures: 31nn-36nn, six digits, the last AI digit is
    # the number of decimals. Named where a warehouse meets them.
    measures = {
        "310": "NET WEIGHT (kg)",
        "311": "LENGTH (m)",
        "312": "WIDTH (m)",
        "313": "HEIGHT (m)",
        "315": "NET VOLUME (l)",
        "316": "NET VOLUME (m3)",
        "320": "NET WEIGHT (lb)",
        "330": "GROSS WEIGHT (kg)",
        "340": "GROSS WEIGHT (lb)",
    }
    for head in range(310, 370):
        title = measures.get(str(head), f"MEASURE {head}")
        rows += [(f"{head}{d}", "N6", "decimal", title) for d in range(10)]
    for head, fmt, title in (
        ("390", "N..15", "AMOUNT"),
        ("392", "N..15", "PRICE"),
        ("394", "N4", "PRCNT OFF"),
        ("395", "N6", "PRICE/UoM"),
    ):
        rows += [(f"{head}{d}", fmt, "decimal", title) for d in range(10)]
    for head, title in (("391", "AMOUNT (ISO currency)"), ("393", "PRICE (ISO currency)")):
        rows += [(f"{head}{d}", "N3+N..15", "text", title) for d in range(10)]
    spans = {"check": None, "check13": (0, 13), "check1_14": (1, 14)}
    table: dict[str, AiSpec] = {}
    for ai, fmt, kind, title in rows:
        if kind in spans:
            span = spans[kind]
            table[ai] = AiSpec(ai, fmt, "check", title, span)
        else:
            table[ai] = AiSpec(ai, fmt, kind, title)
    return table


AIS: Final[dict[str, AiSpec]] = _table()


# --------------------------------------------------------------------------- check digits


def check_digit(body: str) -> str:
    """The GS1 mod-10 check digit of ``body`` (every digit but the check digit).

    Weights 3, 1, 3, … from the rightmost body digit: one rule for EAN-8,
    UPC-A, EAN-13, GTIN-14, SSCC and GLN.
    """
    if not body.isascii() or not body.isdigit():
        raise ValueError(f"a GS1 number is digits only, not {body!r}")
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return str((10 - total % 10) % 10)


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
    _require_check("GTIN", text)
    return text.zfill(14)


# --------------------------------------------------------------------------- dates


def gs1_date(yymmdd: str, today: date | None = None) -> date:
    """A GS1 YYMMDD date; day ``00`` means the last day of the month.

    The century follows GS1's sliding window (General Specifications 7.12): a
    year more than 50 years ahead of ``today`` is in the previous century, one
    more than 49 years behind it in the next.
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


def _spec(ai: str) -> AiSpec:
    known = AIS.get(ai)
    if known is not None:
        return known
    fixed = _PREDEFINED.get(ai[:2])
    if fixed is not None:
        return AiSpec(ai, f"X{fixed}", "text", "UNKNOWN AI")
    return AiSpec(ai, "X..90", "text", "UNKNOWN AI")


def _ai_length(data: str, pos: int) -> int:
    head = data[pos : pos + 2]
    if len(head) < 2 or not head.isascii() or not head.isdigit():
        raise ValueError(
            f"expected an AI (digits) at position {pos}, found {data[pos : pos + 4]!r}"
        )
    length = _AI_LENGTH.get(head)
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
    return length


def _element(ai: str, raw: str, today: date | None) -> Element:
    spec = _spec(ai)
    if not spec.min_len <= len(raw) <= spec.max_len:
        want = (
            f"{spec.min_len}"
            if spec.min_len == spec.max_len
            else f"{spec.min_len} to {spec.max_len}"
        )
        raise ValueError(
            f"AI ({ai}) {spec.title} needs {want} characters, got {len(raw)} ({raw!r})"
        )
    at = 0
    for charset, low, high in spec.parts:
        # Only the last part of a GS1 format has a variable length.
        part = raw[at : at + low] if low == high else raw[at:]
        if charset == "N" and part and not (part.isascii() and part.isdigit()):
            raise ValueError(f"AI ({ai}) {spec.title} must be digits, got {raw!r}")
        at += len(part)
    if any(ch == GS or not ch.isprintable() for ch in raw):
        raise ValueError(f"AI ({ai}) value {raw!r} contains a control character")
    value: str | int | Decimal | date = raw
    if spec.kind == "check":
        start, end = spec.check_span or (0, len(raw))
        _require_check(f"AI ({ai}) {spec.title}", raw[start:end])
    elif spec.kind == "date":
        try:
            value = gs1_date(raw, today)
        except ValueError as exc:
            raise ValueError(f"AI ({ai}) {spec.title}: {exc}") from None
    elif spec.kind == "int":
        value = int(raw)
    elif spec.kind == "decimal":
        value = Decimal(int(raw)).scaleb(-int(ai[-1]))
    return Element(ai, raw, value, spec.title)


def strip_symbology(text: str) -> tuple[str | None, str]:
    """Split a leading AIM symbology identifier (``]C1``, ``]E0`` …) off ``text``."""
    if _AIM.match(text):
        return text[:3], text[3:]
    return None, text


_HRI = re.compile(r"\(([0-9]{2,4})\)")


def _check_ai(ai: str, pos: int) -> None:
    length = _AI_LENGTH.get(ai[:2])
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
        fixed = _PREDEFINED.get(ai[:2])
        if fixed is not None and (start + fixed == len(text) or _HRI.match(text, start + fixed)):
            end = start + fixed
        else:
            nxt = _HRI.search(text, start)
            end = nxt.start() if nxt else len(text)
        yield ai, text[start:end].strip(" ")
        pos = end


def _split_raw(data: str) -> Iterator[tuple[str, str]]:
    pos = 0
    while pos < len(data):
        if data[pos] == GS:
            pos += 1
            continue
        length = _ai_length(data, pos)
        ai = data[pos : pos + length]
        start = pos + length
        fixed = _PREDEFINED.get(ai[:2])
        if fixed is None and ai in AIS and AIS[ai].min_len == AIS[ai].max_len:
            fixed = AIS[ai].min_len  # fixed length, but GS1 still wants a GS after it
        if fixed is not None:
            end = start + fixed
            value = data[start:end]
            if len(value) < fixed or GS in value:
                cut = value.split(GS, 1)[0]
                raise ValueError(
                    f"AI ({ai}) {_spec(ai).title} needs {fixed} characters, got {len(cut)} ({cut!r})"
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
            if i < len(self._elements) - 1 and e.ai[:2] not in _PREDEFINED:
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
