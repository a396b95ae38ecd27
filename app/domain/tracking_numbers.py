"""Waybill (tracking) numbers from a carrier's range: the check-digit rules by name.

A carrier hands a shipper ranges of numbers; each number is ``prefix + serial
(zero-padded to digits) + check digit + suffix``, the check digit computed by the
carrier's published rule. The rules, with where each is defined:

``s10``
    UPU Standard S10 (Identification of postal items, 13-character identifier):
    two letters, an 8-digit serial, a check digit, the ISO country code
    (``EA123456785CN``). Weights 8 6 4 2 3 5 9 7 over the serial; C = 11 − (sum
    mod 11), with 10 → 0 and 11 → 5. Used by China Post / EMS and every postal
    operator (USPS ``..US`` items too).
``ups``
    UPS "1Z" tracking numbers (UPS Guide to Labeling, "1Z" check digit): the 15
    characters after ``1Z`` — letters first mapped to digits, (ord − 63) mod 10 —
    weighted 1 2 1 2 … from the left, check digit = (10 − sum mod 10) mod 10.
``usps``
    USPS Intelligent Mail package barcode (IMpb; USPS Publication 199, "Mod 10
    check digit"): every digit before the check digit, weighted 3 1 3 1 … from
    the right, check digit = (10 − sum mod 10) mod 10. 20, 22, 26, 30 or 34 digits.
``fedex96``
    FedEx Ground "96" barcodes (FedEx Ground Label Layout Specification): 22
    digits, the same mod-10 3-1 rule over the 14 digits before the check digit
    (the serial), not over the ``96`` application code and service digits.
``mod7``
    DHL Express 10-digit waybills: the check digit is the first nine digits, read
    as a number, mod 7.
``none``
    No check digit. SF Express, ZTO, YTO, STO, Yunda, J&T and JD Logistics publish
    no check-digit rule for their e-waybill numbers: they validate numbers
    against the ranges they issued, so we hand them out exactly as assigned.

Nothing here knows about the database; :mod:`app.services.shipping.tracking_pools` keeps
the ranges and who has taken which number.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

IMPB_LENGTHS: Final = (20, 22, 26, 30, 34)
_S10_WEIGHTS: Final = (8, 6, 4, 2, 3, 5, 9, 7)


@dataclass(frozen=True, slots=True)
class CheckRule:
    """One carrier check-digit rule: its name, who uses it and where it is defined."""

    name: str
    used_by: str
    source: str
    has_check_digit: bool


RULES: Final[dict[str, CheckRule]] = {
    "s10": CheckRule("s10", "China Post / EMS, postal operators", "UPU Standard S10", True),
    "ups": CheckRule("ups", "UPS", "UPS Guide to Labeling, 1Z check digit", True),
    "usps": CheckRule("usps", "USPS", "USPS Publication 199 (IMpb), Mod 10", True),
    "fedex96": CheckRule(
        "fedex96", "FedEx Ground", "FedEx Ground Label Layout Specification", True
    ),
    "mod7": CheckRule("mod7", "DHL Express", "DHL Express waybill, mod 7", True),
    "none": CheckRule(
        "none", "SF, ZTO, YTO, STO, Yunda, J&T, JD", "no published check digit", False
    ),
}


def _mod10_31(digits: str) -> str:
    """Weights 3 1 3 1 … from the right (the GS1 / IMpb mod-10 rule)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return str((10 - total % 10) % 10)


def _ups_value(ch: str) -> int:
    return int(ch) if ch.isdigit() else (ord(ch) - 63) % 10


def _ups(body15: str) -> str:
    total = sum(_ups_value(c) * (2 if i % 2 else 1) for i, c in enumerate(body15))
    return str((10 - total % 10) % 10)


def _s10(serial8: str) -> str:
    check = 11 - sum(int(d) * w for d, w in zip(serial8, _S10_WEIGHTS, strict=True)) % 11
    return {10: "0", 11: "5"}.get(check, str(check))


def _mod7(digits9: str) -> str:
    return str(int(digits9) % 7)


# What a whole number of each rule looks like, with the parts the check covers.
_SHAPES: Final[dict[str, re.Pattern[str]]] = {
    "s10": re.compile(r"[A-Z]{2}(?P<covered>\d{8})(?P<check>\d)[A-Z]{2}"),
    "ups": re.compile(r"1Z(?P<covered>[0-9A-Z]{15})(?P<check>\d)"),
    "usps": re.compile(r"(?P<covered>\d{19,33})(?P<check>\d)"),
    "fedex96": re.compile(r"96\d{5}(?P<covered>\d{14})(?P<check>\d)"),
    "mod7": re.compile(r"(?P<covered>\d{9})(?P<check>\d)"),
    "none": re.compile(r"[0-9A-Z]+"),
}

_COMPUTE: Final[dict[str, Callable[[str], str]]] = {
    "s10": _s10,
    "ups": _ups,
    "usps": _mod10_31,
    "fedex96": _mod10_31,
    "mod7": _mod7,
}


def rule_of(name: str) -> CheckRule:
    try:
        return RULES[name]
    except KeyError:
        known = ", ".join(RULES)
        raise ValueError(f"unknown check-digit rule {name!r} (known: {known})") from None


def _check_shape(prefix: str, digits: int, rule: str, suffix: str) -> None:
    """Refuse a pool shape the rule cannot produce, with the reason."""
    if rule == "s10":
        if not re.fullmatch(r"[A-Z]{2}", prefix) or not re.fullmatch(r"[A-Z]{2}", suffix):
            raise ValueError(
                "S10 numbers are two letters, 8 digits, a check digit, two letters (EA…CN)"
            )
        if digits != 8:
            raise ValueError(f"S10 numbers have an 8-digit serial, not {digits}")
        return
    if rule == "ups":
        if not re.fullmatch(r"1Z[0-9A-Z]*", prefix) or suffix:
            raise ValueError("UPS numbers start with 1Z and have no suffix")
        if len(prefix) - 2 + digits != 15:
            raise ValueError(
                f"UPS numbers have 15 characters between 1Z and the check digit, not {len(prefix) - 2 + digits}"
            )
        return
    if rule in ("usps", "fedex96", "mod7"):
        if not re.fullmatch(r"\d*", prefix) or suffix:
            raise ValueError(
                f"{rule} numbers are all digits: the prefix must be digits and there is no suffix"
            )
        length = len(prefix) + digits + 1
        if rule == "usps" and length not in IMPB_LENGTHS:
            raise ValueError(f"IMpb numbers have 20, 22, 26, 30 or 34 digits, not {length}")
        if rule == "fedex96" and (length != 22 or not prefix.startswith("96")):
            raise ValueError(f"FedEx Ground 96 numbers have 22 digits starting 96, not {length}")
        if rule == "mod7" and length != 10:
            raise ValueError(f"DHL Express waybills have 10 digits, not {length}")
        return
    if not re.fullmatch(r"[0-9A-Z]*", prefix + suffix):
        raise ValueError("prefix and suffix may hold capital letters and digits only")


def make_number(prefix: str, serial: int, digits: int, rule: str, suffix: str = "") -> str:
    """``prefix + serial (zero-padded to digits) + check digit + suffix``.

    Raises ValueError for an unknown rule, a serial that does not fit ``digits``,
    or a prefix/suffix/length the rule's numbers cannot have.
    """
    rule_of(rule)
    if digits < 1 or digits > 30:
        raise ValueError(f"digits must be between 1 and 30, not {digits}")
    if serial < 0 or serial >= 10**digits:
        raise ValueError(f"serial {serial} does not fit in {digits} digits")
    _check_shape(prefix, digits, rule, suffix)
    body = prefix + str(serial).zfill(digits)
    if rule == "none":
        return body + suffix
    covered = {
        "s10": body[2:],
        "ups": body[2:],
        "fedex96": body[7:],
    }.get(rule, body)
    return body + _COMPUTE[rule](covered) + suffix


def is_valid(number: object, rule: str) -> bool:
    """Whether ``number`` has the shape of ``rule`` and its check digit is right.

    For ``none`` any run of capital letters and digits is valid: there is
    nothing to check.
    """
    rule_of(rule)
    if not isinstance(number, str):
        return False
    m = _SHAPES[rule].fullmatch(number)
    if m is None:
        return False
    if rule == "none":
        return True
    if rule == "usps" and len(number) not in IMPB_LENGTHS:
        return False
    return _COMPUTE[rule](m.group("covered")) == m.group("check")


@dataclass(frozen=True, slots=True)
class PoolShape:
    """A range of numbers as a carrier assigns it: serials ``start``…``end``."""

    carrier: str
    prefix: str
    digits: int
    check_rule: str
    start: int
    end: int
    suffix: str = ""

    def number(self, serial: int) -> str:
        return make_number(self.prefix, serial, self.digits, self.check_rule, self.suffix)


# One plausible range per carrier of app.domain.carriers.CARRIERS for the demo, each
# shaped like the carrier's waybills in app.domain.scan.DEFAULT_TRACKING. ZTO's
# shapes (12 and 14 digits) are GTIN lengths too: about one number in ten also
# reads as a valid EAN/GTIN, which is why the hand-over desk scans with
# prefer={"tracking"}.
DEMO_POOLS: Final[tuple[PoolShape, ...]] = (
    PoolShape("SF", "SF", 12, "none", 140_000_000_000, 140_000_999_999),
    PoolShape("ZTO", "78", 12, "none", 310_000_000_000, 310_000_999_999),
    PoolShape("YTO", "YT", 13, "none", 7_350_000_000_000, 7_350_000_999_999),
    PoolShape("STO", "77", 13, "none", 3_080_000_000_000, 3_080_000_999_999),
    PoolShape("YUNDA", "46", 13, "none", 1_260_000_000_000, 1_260_000_999_999),
    PoolShape("JD", "JDVA", 11, "none", 2_000_000_000, 2_000_999_999),
    PoolShape("EMS", "EA", 8, "s10", 20_000_000, 20_999_999, "CN"),
    PoolShape("JTEXPRESS", "JT", 13, "none", 5_010_000_000_000, 5_010_000_999_999),
    PoolShape("UPS", "1Z879E93", 9, "ups", 30_000_000, 30_999_999),
    PoolShape("FEDEX", "96110209", 13, "fedex96", 8_765_000_000_000, 8_765_000_999_999),
    PoolShape("DHL", "", 9, "mod7", 331_000_000, 331_999_999),
    PoolShape("USPS", "94001118", 13, "usps", 9_922_000_000_000, 9_922_000_999_999),
)
