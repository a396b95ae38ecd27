"""What goes on a label, independent of how it is printed.

One description, two renderers: :func:`printing.zpl.render_zpl` for thermal
printers and :func:`printing.pdf.render_pdf` for everything else. Both lay the
label out with :mod:`printing.layout`, so the two show the same content in the
same place.

- :class:`ShippingLabel` is the carrier's e-waybill (电子面单).
- :class:`LocationLabel`, :class:`ToteLabel`, :class:`BadgeLabel` and
  :class:`ProductLabel` are the small code labels a warehouse prints to set
  itself up: a heading, a Code 128 barcode of ``code`` and the code in text.

Text fields are cleaned on construction: control characters and line breaks
become spaces and runs of white space collapse, so no field can start a new
line on the label (or a new command in ZPL, which also escapes every field).
Codes that become barcodes are restricted to a safe ASCII set and refused with
``ValueError`` otherwise.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from app.domain.carriers import CARRIERS
from app.domain.phone import mask_phone as _mask_phone

__all__ = [
    "BadgeLabel",
    "CodeLabel",
    "FULL_PHONE_CARRIERS",
    "LABEL_SIZES",
    "LabelSize",
    "LocationLabel",
    "ProductLabel",
    "Recipient",
    "SIZE_100X150",
    "SIZE_100X180",
    "SIZE_100X50",
    "SIZE_4X6",
    "SIZE_60X40",
    "SIZE_76X130",
    "Sender",
    "ShippingLabel",
    "ToteLabel",
    "WAYBILL_SIZES",
    "clean_text",
    "summarize_items",
]

# ---------------------------------------------------------------- sizes

DOTS_PER_MM = 8  # 203 dpi thermal printers


@dataclass(frozen=True)
class LabelSize:
    """A label stock: its size in millimetres and in dots at 203 dpi (8 dots/mm).

    ``width_dots`` × ``height_dots`` is the ZPL canvas (``^PW``/``^LL``); the
    PDF page is ``width_mm`` × ``height_mm``. Labels feed with the short side
    first (portrait).
    """

    name: str
    width_mm: float
    height_mm: float
    width_dots: int
    height_dots: int

    @classmethod
    def of_mm(cls, name: str, width_mm: float, height_mm: float) -> LabelSize:
        """A size from millimetres, its dots at 8 dots/mm (rounded down)."""
        return cls(
            name, width_mm, height_mm, int(width_mm * DOTS_PER_MM), int(height_mm * DOTS_PER_MM)
        )

    @classmethod
    def by_name(cls, name: str) -> LabelSize:
        """``"4x6"``, ``"100x150"``, ``"76x130"``, ``"100x180"``, ``"60x40"`` or ``"100x50"``."""
        for size in LABEL_SIZES:
            if size.name == name.strip().lower():
                return size
        known = ", ".join(s.name for s in LABEL_SIZES)
        raise ValueError(f"unknown label size {name!r} (known: {known})")

    @property
    def is_waybill(self) -> bool:
        """Tall enough for an e-waybill (at least 76 × 130 mm)."""
        return self.width_dots >= 600 and self.height_dots >= 1000


# 4 x 6 in at 203 dpi is the conventional 812 x 1218 dots (4 * 203, 6 * 203).
SIZE_4X6 = LabelSize("4x6", 101.6, 152.4, 812, 1218)
SIZE_100X150 = LabelSize.of_mm("100x150", 100, 150)  # 800 x 1200
SIZE_76X130 = LabelSize.of_mm("76x130", 76, 130)  # 608 x 1040, 一联单
SIZE_100X180 = LabelSize.of_mm("100x180", 100, 180)  # 800 x 1440, 二联单
SIZE_60X40 = LabelSize.of_mm("60x40", 60, 40)  # 480 x 320, locations, products
SIZE_100X50 = LabelSize.of_mm("100x50", 100, 50)  # 800 x 400, totes, badges

WAYBILL_SIZES: tuple[LabelSize, ...] = (SIZE_4X6, SIZE_100X150, SIZE_76X130, SIZE_100X180)
LABEL_SIZES: tuple[LabelSize, ...] = (*WAYBILL_SIZES, SIZE_60X40, SIZE_100X50)

# ---------------------------------------------------------------- text

_SPACES = re.compile(r"\s+")
# Tracking numbers and codes go into barcodes and ZPL barcode fields unescaped:
# a conservative set that needs no escaping in ZPL (no ^ ~ _ > , \) and scans
# back from every Code 128 reader.
_TRACKING = re.compile(r"[0-9A-Za-z][0-9A-Za-z\-]{3,39}")
_CODE = re.compile(r"[0-9A-Za-z][0-9A-Za-z\-./+:#*% ]{0,47}")


def clean_text(text: str | None) -> str:
    """One printable line: control and format characters become spaces, runs of
    white space one space, the ends trimmed. Full-width forms are kept as typed."""
    if not text:
        return ""
    chars = [" " if unicodedata.category(c)[0] in "CZ" else c for c in str(text)]
    return _SPACES.sub(" ", "".join(chars)).strip()


def _check_code(value: str, what: str, pattern: re.Pattern[str]) -> str:
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise ValueError(f"{what} {value!r} cannot be printed as a barcode")
    return value


def summarize_items(items: Iterable[tuple[str, int]], max_chars: int = 60) -> str:
    """``"3 件: 保温杯×2, 数据线×1"`` from ``[("保温杯", 2), ("数据线", 1)]``.

    Names are cleaned, equal names merged. When the text would pass
    ``max_chars``, the items that do not fit are left out and counted at the
    end (``"…等5种"``); a single over-long name is cut with ``…``.
    """
    merged: dict[str, int] = {}
    for name, qty in items:
        key = clean_text(name) or "?"
        merged[key] = merged.get(key, 0) + int(qty)
    total = sum(merged.values())
    head = f"{total} 件: "
    parts = [f"{name}×{qty}" for name, qty in merged.items()]
    text = head + ", ".join(parts)
    if len(text) <= max_chars:
        return text
    tail = f" …等{len(parts)}种"
    shown: list[str] = []
    for part in parts:
        candidate = head + ", ".join([*shown, part]) + tail
        if len(candidate) > max_chars:
            break
        shown.append(part)
    if not shown:  # even the first item is too long: cut its name
        room = max(1, max_chars - len(head) - len(tail) - 1)
        shown = [parts[0][:room] + "…"]
    return head + ", ".join(shown) + tail


# ---------------------------------------------------------------- waybill

# Carriers that need the recipient's full phone number on the label: the
# international express carriers call the consignee for customs and delivery and
# do not run the mainland privacy-waybill scheme. Mainland carriers all do.
FULL_PHONE_CARRIERS: frozenset[str] = frozenset({"UPS", "FEDEX", "DHL", "USPS"})


@dataclass(frozen=True)
class Sender:
    """寄件人: usually the shop or the warehouse."""

    name: str
    phone: str = ""
    address_lines: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", clean_text(self.name))
        object.__setattr__(self, "phone", clean_text(self.phone))
        lines = tuple(clean_text(line) for line in self.address_lines)
        object.__setattr__(self, "address_lines", tuple(line for line in lines if line))

    @property
    def address(self) -> str:
        return " ".join(self.address_lines)


@dataclass(frozen=True)
class Recipient:
    """收件人, with the address split as the platforms deliver it."""

    name: str
    phone: str = ""
    province: str = ""
    city: str = ""
    district: str = ""
    address: str = ""
    postcode: str = ""

    def __post_init__(self) -> None:
        for name in ("name", "phone", "province", "city", "district", "address", "postcode"):
            object.__setattr__(self, name, clean_text(getattr(self, name)))

    @property
    def full_address(self) -> str:
        """``浙江省 杭州市 西湖区 文三路 90 号``: the parts that are set, in order,
        leaving out a province, city or district the street address already names
        (buyers often type the whole address into the street field)."""
        street = self.address.replace(" ", "")
        parts: list[str] = []
        for part in (self.province, self.city, self.district):
            if part and part not in street and part not in parts:
                parts.append(part)
        if self.address:
            parts.append(self.address)
        return " ".join(parts)


@dataclass(frozen=True)
class ShippingLabel:
    """An e-waybill (电子面单).

    ``carrier_name`` defaults to the carrier's Chinese name from
    :data:`app.domain.carriers.CARRIERS`. ``sort_code`` is the carrier's
    routing code (大头笔 / 三段码, e.g. ``"310-A01 12"``), printed large when
    given. ``mask_phone`` asks for the privacy waybill (隐私面单); the phone is
    still printed in full for the carriers in :data:`FULL_PHONE_CARRIERS`.
    """

    carrier_code: str
    tracking_no: str
    sender: Sender
    recipient: Recipient
    order_no: str
    items_summary: str
    printed_at: datetime
    carrier_name: str = ""
    service: str = "标准快递"
    weight_g: int | None = None
    sort_code: str = ""
    mask_phone: bool = True
    remark: str = ""

    def __post_init__(self) -> None:
        code = clean_text(self.carrier_code).upper()
        object.__setattr__(self, "carrier_code", code)
        _check_code(self.tracking_no, "tracking number", _TRACKING)
        name = clean_text(self.carrier_name) or (CARRIERS[code][0] if code in CARRIERS else code)
        object.__setattr__(self, "carrier_name", name)
        for attr in ("service", "order_no", "items_summary", "sort_code", "remark"):
            object.__setattr__(self, attr, clean_text(getattr(self, attr)))
        if self.weight_g is not None and self.weight_g < 0:
            raise ValueError(f"weight_g must not be negative: {self.weight_g}")

    @property
    def prints_full_phone(self) -> bool:
        return not self.mask_phone or self.carrier_code in FULL_PHONE_CARRIERS

    @property
    def recipient_phone(self) -> str:
        """The recipient phone as printed: masked (138****8000) on a privacy waybill."""
        phone = self.recipient.phone
        if not phone or self.prints_full_phone:
            return phone
        return _mask_phone(phone)

    @property
    def weight_text(self) -> str:
        """``"1.25 kg"``, or ``""`` when the parcel was not weighed."""
        if self.weight_g is None:
            return ""
        return f"{self.weight_g / 1000:.2f} kg"


# ---------------------------------------------------------------- code labels


@dataclass(frozen=True)
class CodeLabel:
    """A heading, a Code 128 barcode of ``code`` and the code under it.

    ``kind`` is the small tag in the corner (``库位 LOCATION``); ``lines`` are
    up to two lines of detail under the barcode.
    """

    code: str

    kind = ""

    def __post_init__(self) -> None:
        _check_code(self.code, "code", _CODE)

    @property
    def heading(self) -> str:
        return self.code

    @property
    def lines(self) -> tuple[str, ...]:
        return ()


@dataclass(frozen=True)
class LocationLabel(CodeLabel):
    """库位: a bin or shelf location, e.g. ``A-01-02-03`` with ``"A区 1巷 2架 3层"``."""

    description: str = ""
    kind = "库位 LOCATION"

    @property
    def lines(self) -> tuple[str, ...]:
        text = clean_text(self.description)
        return (text,) if text else ()


@dataclass(frozen=True)
class ToteLabel(CodeLabel):
    """周转箱: a tote or carton used on carts and put walls."""

    description: str = ""
    kind = "周转箱 TOTE"

    @property
    def lines(self) -> tuple[str, ...]:
        text = clean_text(self.description)
        return (text,) if text else ()


@dataclass(frozen=True)
class BadgeLabel(CodeLabel):
    """工牌: an operator badge to sign in at a station by scanning."""

    name: str = ""
    role: str = ""
    kind = "工牌 BADGE"

    @property
    def heading(self) -> str:
        return clean_text(self.name) or self.code

    @property
    def lines(self) -> tuple[str, ...]:
        role = clean_text(self.role)
        return (role,) if role else ()


@dataclass(frozen=True)
class ProductLabel(CodeLabel):
    """商品: a product barcode (SKU or EAN) with its name and specification."""

    name: str = ""
    spec: str = ""
    kind = "商品 PRODUCT"

    @property
    def heading(self) -> str:
        return clean_text(self.name) or self.code

    @property
    def lines(self) -> tuple[str, ...]:
        spec = clean_text(self.spec)
        return (spec,) if spec else ()
