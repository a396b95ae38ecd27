"""The one place that turns a scanned string into a meaning.

Every scanner (keyboard wedge, serial, camera) hands its raw text to
:func:`classify`, and screens receive the resulting :data:`Scan`: a
:class:`Location`, :class:`Product`, :class:`Tote`, :class:`Carton`,
:class:`Order`, :class:`Tracking`, :class:`Badge`, :class:`Command`,
:class:`Gs1` or :class:`Unknown` (with the reason). Nothing here looks anything up: whether
location ``HZ1-A01-05-2`` exists is the service's question.

Cleaning, in order: the terminator (CR, LF, Tab) and surrounding blanks, the
scanner's configured suffix and prefix, an AIM symbology identifier (``]C0``,
``]E0``, ``]d2`` …), control characters other than GS (kept as the GS1
separator), full-width characters an active Chinese input method produces
(``ＨＺ１`` → ``HZ1``). Empty, over-long or non-printable input is
:class:`Unknown` with a reason.

Several kinds of code are all digits (EAN-13, numeric tracking numbers, platform
order numbers), so some strings fit more than one rule. The candidates are
ranked (GS1 > command > badge/tote/carton/location > ``#`` order > product with a valid
check digit > tracking > long numeric order > custom product patterns). A number
of GTIN length with a bad check digit is Unknown ("bad check digit …") unless
another rule takes it (a ZTO or Yunda waybill has no GS1 check digit). A screen
that knows what it expects passes ``prefer`` (``classify(text, rules,
prefer={"tracking"})`` at the hand-over desk) and gets that reading when the
string allows it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import ClassVar, Final

from app.domain import gs1

# --------------------------------------------------------------------------- meanings


@dataclass(frozen=True, slots=True)
class _Coded:
    """A meaning that is one of our own codes; ``raw`` is the scan as received."""

    code: str
    raw: str = field(default="", compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Location(_Coded):
    kind: ClassVar[str] = "location"


@dataclass(frozen=True, slots=True)
class Product:
    """A product barcode; ``gtin`` is the 14-digit key of :func:`gs1.gtin_of` for
    EAN/UPC/GTIN-14 codes (compare on it), None for in-house product labels."""

    kind: ClassVar[str] = "product"
    barcode: str
    gtin: str | None = None
    raw: str = field(default="", compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Tote(_Coded):
    kind: ClassVar[str] = "tote"


@dataclass(frozen=True, slots=True)
class Carton(_Coded):
    """A shipping carton (box size) from the sheet at the pack bench, e.g. ``BOX-M``."""

    kind: ClassVar[str] = "carton"


@dataclass(frozen=True, slots=True)
class Order:
    kind: ClassVar[str] = "order"
    order_no: str
    raw: str = field(default="", compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Tracking:
    """A carrier's tracking (waybill) number; ``carrier`` is a guess from its shape."""

    kind: ClassVar[str] = "tracking"
    number: str
    carrier: str
    raw: str = field(default="", compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Badge(_Coded):
    kind: ClassVar[str] = "badge"


@dataclass(frozen=True, slots=True)
class Command:
    """A command barcode on a station's cheat sheet: ``CMD:CONFIRM`` or ``%CONFIRM%``."""

    kind: ClassVar[str] = "command"
    name: str
    raw: str = field(default="", compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Gs1:
    """GS1 element strings (GS1-128, GS1 DataMatrix, …): batch, expiry, SSCC, …"""

    kind: ClassVar[str] = "gs1"
    fields: gs1.Gs1Data
    raw: str = field(default="", compare=False, repr=False)

    @property
    def gtin(self) -> str | None:
        """The item's GTIN-14 from AI (01), the usual key for the product."""
        return self.fields.gtin


@dataclass(frozen=True, slots=True)
class Unknown:
    """Not understood: ``raw`` as received, ``why`` for the operator, ``text`` as cleaned."""

    kind: ClassVar[str] = "unknown"
    raw: str
    why: str
    text: str = ""


Scan = Location | Product | Tote | Carton | Order | Tracking | Badge | Command | Gs1 | Unknown

KINDS: Final = frozenset(
    c.kind for c in (Location, Product, Tote, Carton, Order, Tracking, Badge, Command, Gs1, Unknown)
)

# --------------------------------------------------------------------------- rules


@lru_cache(maxsize=256)
def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.ASCII)


def _full(pattern: str, text: str) -> bool:
    return _rx(pattern).fullmatch(text) is not None


# Tracking-number shapes by carrier (codes of app.domain.carriers.CARRIERS), in
# the order they are tried. Every one is an APPROXIMATION of what the carrier
# issues today, good enough to tell a waybill from other scans and guess the
# carrier; the carrier's own label data is the truth. Numeric shapes overlap
# with EAN/UPC codes, which is why a product with a valid check digit ranks
# first unless the screen prefers "tracking".
DEFAULT_TRACKING: Final[tuple[tuple[str, str], ...]] = (
    # SF Express: "SF" + 12-13 digits (the long-standing e-waybill format).
    ("SF", r"SF\d{12,13}"),
    # YTO: "YT" + 13 digits.
    ("YTO", r"YT\d{13}"),
    # J&T Express: "JT" + 13 digits.
    ("JTEXPRESS", r"JT\d{13}"),
    # JD Logistics: "JD" + 13 letters/digits (JDVA…, JDX…).
    ("JD", r"JD[0-9A-Z]{13}"),
    # EMS / China Post: UPU S10 items ending in CN; EMS items start with E.
    ("EMS", r"E[A-Z]\d{9}CN"),
    ("EMS", r"[A-Z]{2}\d{9}CN"),
    # UPS: "1Z" + 16 letters/digits.
    ("UPS", r"1Z[0-9A-Z]{16}"),
    # USPS: UPU S10 ending in US, or 22-digit IMpb starting 92-95.
    ("USPS", r"[A-Z]{2}\d{9}US"),
    ("USPS", r"9[2-5]\d{20}"),
    # FedEx: 22-digit Ground/SmartPost barcodes starting 96 (12/15-digit
    # Express numbers are too generic to tell from other codes).
    ("FEDEX", r"96\d{20}"),
    # DHL: Paket licence plates JJD + 18-20 digits; Express waybills are 10 digits.
    ("DHL", r"JJD\d{18,20}"),
    ("DHL", r"\d{10}"),
    # ZTO: 12 digits starting 7, or 14 digits starting 75/78 (newer series).
    ("ZTO", r"7\d{11}|(?:75|78)\d{12}"),
    # STO: 13 digits starting 268/368/468/568/668/868/888/900 …, or 15 starting 77.
    ("STO", r"(?:268|368|468|568|668|868|888|900)\d{10}|77\d{13}"),
    # Yunda: 13 digits starting 3 or 4, or 15 starting 46.
    ("YUNDA", r"[34]\d{12}|46\d{13}"),
)

DEFAULT_COMMANDS: Final = frozenset({"CONFIRM", "CANCEL", "SHORT", "REPRINT", "LOGOUT", "NEXT"})


@dataclass(frozen=True, slots=True)
class ScanRules:
    """What our codes look like. Patterns are regular expressions matched against
    the whole cleaned text (upper-cased first when ``fold_case``)."""

    # HZ1-A01-05-2: warehouse, aisle, bay, level (see demo_catalog.location_code).
    location_pattern: str = r"[A-Z]{2}\d-[A-Z]\d{2}-\d{2}-\d"
    # Anything starting with one of these is a location too, e.g. ("HZ1-", "GZ1-")
    # for receiving docks or staging lanes coded outside the pattern.
    location_prefixes: tuple[str, ...] = ()
    tote_pattern: str = r"T-\d{4,}"
    # Cartons by their size code (app.services.packing.cartons), printed on the bench sheet.
    carton_pattern: str = r"BOX-[A-Z0-9]{1,8}"
    badge_pattern: str = r"U-\d{4}"
    # Shopify "#1001"; Pinduoduo "240101-123456789012345"; 16-20 digit platform
    # numbers (Taobao/Tmall and Douyin issue 19 digits). A store can narrow the
    # last one, e.g. r"[23]\d{18}" for its Taobao shop.
    order_patterns: tuple[str, ...] = (r"#\d{1,20}", r"\d{6}-\d{15}", r"[1-9]\d{15,19}")
    tracking_patterns: tuple[tuple[str, str], ...] = DEFAULT_TRACKING
    # In-house product labels (Code 128 SKUs …), matched case-sensitively.
    product_patterns: tuple[str, ...] = ()
    commands: frozenset[str] = DEFAULT_COMMANDS
    command_prefix: str = "CMD:"
    # Prefix/suffix programmed into the scanner (e.g. STX/ETX), stripped when present.
    prefix: str = ""
    suffix: str = ""
    max_length: int = 128
    # A wedge scanner typing with Caps Lock on sends hz1-a01-05-2.
    fold_case: bool = True

    def __post_init__(self) -> None:
        patterns = [
            ("location_pattern", self.location_pattern),
            ("tote_pattern", self.tote_pattern),
            ("carton_pattern", self.carton_pattern),
            ("badge_pattern", self.badge_pattern),
            *(("order_patterns", p) for p in self.order_patterns),
            *(("product_patterns", p) for p in self.product_patterns),
            *(("tracking_patterns", p) for _, p in self.tracking_patterns),
        ]
        for name, pattern in patterns:
            try:
                _rx(pattern)
            except re.error as exc:
                raise ValueError(f"ScanRules.{name}: bad pattern {pattern!r}: {exc}") from None
        if self.max_length < 1:
            raise ValueError("ScanRules.max_length must be at least 1")


DEFAULT_RULES: Final = ScanRules()


# --------------------------------------------------------------------------- cleaning

_TERMINATORS = "\r\n\t "
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_CONTROL = re.compile(r"[\x00-\x1c\x1e\x1f\x7f-\x9f]")  # Cc except GS (\x1d)


@dataclass(frozen=True, slots=True)
class Cleaned:
    text: str
    symbology: str | None


def clean(raw: str, rules: ScanRules = DEFAULT_RULES) -> Cleaned | str:
    """The scanned text without wrappers, or the reason it is garbage (a str)."""
    if len(raw) > 4 * rules.max_length + 64:  # don't bother cleaning a flood
        return f"too long: {len(raw)} characters (at most {rules.max_length})"
    text = raw.strip(_TERMINATORS)
    if rules.suffix and text.endswith(rules.suffix):
        text = text[: -len(rules.suffix)]
    if rules.prefix and text.startswith(rules.prefix):
        text = text[len(rules.prefix) :]
    text = _CONTROL.sub("", text).translate(_FULLWIDTH)
    symbology, text = gs1.strip_symbology(text.strip(_TERMINATORS))
    text = text.strip(_TERMINATORS + gs1.GS)
    if not text:
        return "empty scan" if not raw else "empty scan (only blanks or control characters)"
    if len(text) > rules.max_length:
        return f"too long: {len(text)} characters (at most {rules.max_length})"
    for ch in text:
        if ch == "\ufffd":
            return (
                "garbled: the scanner sent bytes that are not text (wrong baud rate or encoding?)"
            )
        if ch != gs1.GS and not ch.isprintable():
            return f"non-printable character U+{ord(ch):04X}"
    return Cleaned(text, symbology)


# --------------------------------------------------------------------------- classify


def _gtin_reading(text: str, raw: str) -> Product | Unknown:
    try:
        key = gs1.gtin_of(text)
    except ValueError as exc:
        return Unknown(raw, str(exc), text)
    # A 13-digit code starting with 0 is a UPC-A sent in EAN-13 form.
    barcode = text[1:] if len(text) == 13 and text.startswith("0") else text
    return Product(barcode, key, raw)


def _candidates(c: Cleaned, raw: str, rules: ScanRules) -> Iterator[Scan]:
    text = c.text
    sym = c.symbology or ""
    if sym in gs1.GS1_SYMBOLOGIES or gs1.GS in text or text.startswith("("):
        try:
            yield Gs1(gs1.parse(text, separator=gs1.GS), raw)
        except ValueError as exc:
            yield Unknown(raw, f"GS1: {exc}", text)
        return
    if sym[:2] in ("]E", "]I"):  # EAN/UPC or ITF symbology: a product code and nothing else
        if text.isascii() and text.isdigit() and len(text) in gs1.GTIN_LENGTHS:
            yield _gtin_reading(text, raw)
        else:
            yield Unknown(raw, f"not a GTIN: {text!r} from an EAN/UPC/ITF symbol", text)
        return
    up = text.upper() if rules.fold_case else text

    name = None
    if rules.command_prefix and up.startswith(rules.command_prefix.upper()):
        name = up[len(rules.command_prefix) :].strip()
    elif len(up) > 2 and up.startswith("%") and up.endswith("%"):
        name = up[1:-1].strip()
    if name is not None:
        if name in rules.commands:
            yield Command(name, raw)
        else:
            known = ", ".join(sorted(rules.commands))
            yield Unknown(raw, f"unknown command {name!r} (known: {known})", text)
        return

    if _full(rules.badge_pattern, up):
        yield Badge(up, raw)
    if _full(rules.tote_pattern, up):
        yield Tote(up, raw)
    if _full(rules.carton_pattern, up):
        yield Carton(up, raw)
    if _full(rules.location_pattern, up) or any(
        p and up.startswith(p.upper() if rules.fold_case else p) for p in rules.location_prefixes
    ):
        yield Location(up, raw)
    digits = text.isascii() and text.isdigit()
    orders = [p for p in rules.order_patterns if _full(p, up)]
    if orders and not digits:
        yield Order(up, raw)
    if digits and len(text) in gs1.GTIN_LENGTHS and gs1.has_valid_check_digit(text):
        yield _gtin_reading(text, raw)
    for carrier, pattern in rules.tracking_patterns:
        if _full(pattern, up):
            yield Tracking(up, carrier, raw)
            break
    if _rx(r"00[0-9]{18}|0[1-3][0-9]{14}").match(text):
        # GS1-128 from a scanner that sends no symbology identifier nor leading FNC1.
        try:
            yield Gs1(gs1.parse(text), raw)
        except ValueError:
            pass
    if orders and digits:
        yield Order(up, raw)
    if any(_full(p, text) for p in rules.product_patterns):
        yield Product(text, None, raw)
    if digits and len(text) in gs1.GTIN_LENGTHS:
        yield _gtin_reading(text, raw)  # a bad check digit: the reason says so


def classify(
    raw: object, rules: ScanRules = DEFAULT_RULES, *, prefer: Collection[str] = ()
) -> Scan:
    """What a scanned string means. Never raises: garbage is :class:`Unknown` with a reason,
    and so is anything that is not text (a driver handing over bytes, say).

    ``prefer`` names kinds (``"tracking"``, ``"order"``, ``"product"`` …) the
    screen expects; when the string fits one of them as well as something
    ranked higher, the preferred reading wins.
    """
    if not isinstance(raw, str):
        return Unknown(repr(raw), f"not text: {type(raw).__name__}")
    cleaned = clean(raw, rules)
    if isinstance(cleaned, str):
        return Unknown(raw, cleaned)
    first: Scan | None = None
    first_unknown: Unknown | None = None
    for candidate in _candidates(cleaned, raw, rules):
        if isinstance(candidate, Unknown):
            first_unknown = first_unknown or candidate
            continue
        if candidate.kind in prefer:
            return candidate
        first = first or candidate
    if first is not None:
        return first
    if first_unknown is not None:
        return first_unknown
    return Unknown(raw, f"not a known kind of code: {cleaned.text!r}", cleaned.text)
