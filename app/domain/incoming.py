"""Orders and catalog rows as an importer reads them, before they touch the database.

Every importer (Shopify, Taobao/Tmall, generic CSV/JSON-lines) turns its file into
these plain values; one service then applies them to the database. Keeping the
parsers pure means a malformed file is a unit test, not a database fixture.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum


class PaymentStatus(StrEnum):
    PAID = "paid"
    UNPAID = "unpaid"
    PARTIALLY_PAID = "partially_paid"
    REFUNDED = "refunded"
    PARTIALLY_REFUNDED = "partially_refunded"


@dataclass(frozen=True, slots=True)
class Recipient:
    name: str = ""
    phone: str = ""
    country: str = ""  # ISO 3166-1 alpha-2, e.g. "CN", "US"
    province: str = ""  # province / state, as written by the platform
    city: str = ""
    district: str = ""
    address: str = ""  # street lines, joined with ", "
    postcode: str = ""


@dataclass(frozen=True, slots=True)
class IncomingLine:
    sku: str
    qty: int
    unit_price: Decimal
    name: str = ""


@dataclass(frozen=True, slots=True)
class IncomingOrder:
    """One whole order from one platform file (all its rows already gathered)."""

    platform: str  # "shopify", "taobao", "tmall", "jd", "pdd", "douyin", "manual", ...
    order_no: str  # the platform's own number, always text ("#1001", 19-digit Taobao numbers)
    lines: tuple[IncomingLine, ...]
    recipient: Recipient
    payment_status: PaymentStatus
    store: str | None = None  # store name when the file says it; else the --store option
    cancelled: bool = False
    placed_at: datetime | None = None
    paid_at: datetime | None = None
    currency: str = "CNY"
    total: Decimal | None = None  # what the buyer paid for the order, shipping included
    shipping_fee: Decimal = Decimal("0")
    shipping_method: str = ""  # requested carrier / shipping line as the platform wrote it
    buyer_id: str = ""  # platform buyer account (Taobao 买家会员名), for blacklists
    buyer_email: str = ""
    buyer_remark: str = ""  # 买家留言
    seller_remark: str = ""  # 卖家备注
    source_file: str = ""
    source_row: int = 0  # 1-based data row (header is row 1) of the order's first row
    extra: dict[str, str] = field(default_factory=dict)

    def content_hash(self) -> str:
        """A digest of everything the platform controls, so a re-import can tell 'unchanged'.

        Built from a plain tuple rather than dataclasses.asdict, which deep-copies and
        would dominate the import of a large file.
        """
        r = self.recipient
        key = (
            self.platform,
            self.order_no,
            self.payment_status.value,
            self.cancelled,
            self.placed_at.isoformat() if self.placed_at else None,
            self.paid_at.isoformat() if self.paid_at else None,
            self.currency,
            str(self.total),
            str(self.shipping_fee),
            self.shipping_method,
            self.buyer_id,
            self.buyer_email,
            self.buyer_remark,
            self.seller_remark,
            (r.name, r.phone, r.country, r.province, r.city, r.district, r.address, r.postcode),
            tuple((ln.sku, ln.qty, str(ln.unit_price), ln.name) for ln in self.lines),
            tuple(sorted(self.extra.items())),
        )
        return hashlib.sha256(repr(key).encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Rejected:
    """A row or an order an importer could not accept, and why, in words a clerk can act on."""

    source_file: str
    row: int  # 1-based line/row number in the file (header is row 1); 0 when the whole file
    reason: str
    order_no: str | None = None


@dataclass(frozen=True, slots=True)
class IncomingProduct:
    sku: str
    name_zh: str = ""
    name_en: str = ""
    barcodes: tuple[str, ...] = ()  # unit barcodes (EAN-13, UPC-A, ...)
    case_barcode: str = ""  # the carton's own barcode ...
    case_qty: int = 0  # ... and how many units it holds
    weight_g: int | None = None
    length_mm: int | None = None
    width_mm: int | None = None
    height_mm: int | None = None
    price: Decimal | None = None
    source_row: int = 0


@dataclass(frozen=True, slots=True)
class IncomingLocation:
    warehouse: str  # warehouse code
    zone: str
    aisle: int
    position: int  # bay along the aisle, 1 at the front cross aisle
    level: int
    barcode: str = ""  # defaults to the location code when empty
    source_row: int = 0


@dataclass(frozen=True, slots=True)
class IncomingStock:
    location: str  # location barcode
    sku: str
    on_hand: int
    source_row: int = 0


ParseResult = IncomingOrder | Rejected
