"""Carriers: who takes the parcel, told from what the platform wrote as the shipping method."""

from __future__ import annotations

from datetime import time

# Code → (Chinese name, English name, default daily cut-off, local time).
CARRIERS: dict[str, tuple[str, str, time]] = {
    "SF": ("顺丰速运", "SF Express", time(18, 0)),
    "ZTO": ("中通快递", "ZTO Express", time(17, 0)),
    "YTO": ("圆通速递", "YTO Express", time(17, 0)),
    "STO": ("申通快递", "STO Express", time(17, 0)),
    "YUNDA": ("韵达快递", "Yunda Express", time(17, 0)),
    "JD": ("京东物流", "JD Logistics", time(19, 0)),
    "EMS": ("中国邮政EMS", "China Post EMS", time(16, 0)),
    "JTEXPRESS": ("极兔速递", "J&T Express", time(17, 0)),
    "UPS": ("UPS", "UPS", time(16, 0)),
    "FEDEX": ("FedEx", "FedEx", time(16, 0)),
    "DHL": ("DHL", "DHL", time(16, 0)),
    "USPS": ("USPS", "USPS", time(16, 0)),
}

# Substrings of shipping-method texts, most specific first.
_HINTS: tuple[tuple[str, str], ...] = (
    ("顺丰", "SF"),
    ("sf express", "SF"),
    ("中通", "ZTO"),
    ("zto", "ZTO"),
    ("圆通", "YTO"),
    ("yto", "YTO"),
    ("申通", "STO"),
    ("sto express", "STO"),
    ("韵达", "YUNDA"),
    ("yunda", "YUNDA"),
    ("京东", "JD"),
    ("jd logistics", "JD"),
    ("ems", "EMS"),
    ("邮政", "EMS"),
    ("极兔", "JTEXPRESS"),
    ("j&t", "JTEXPRESS"),
    ("ups", "UPS"),
    ("fedex", "FEDEX"),
    ("dhl", "DHL"),
    ("usps", "USPS"),
)

DEFAULT_CARRIER = "ZTO"


def carrier_for(
    shipping_method: str, assigned: str | None = None, default: str = DEFAULT_CARRIER
) -> str:
    """The carrier code for an order: the one assigned, else the one its method names."""
    if assigned:
        return assigned.upper()
    text = shipping_method.lower()
    for hint, code in _HINTS:
        if hint in text:
            return code
    return default


def default_cutoff(carrier: str) -> time:
    return CARRIERS.get(carrier, ("", "", time(17, 0)))[2]
