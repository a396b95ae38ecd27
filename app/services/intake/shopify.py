"""Shopify admin exports, "Export orders" and "Export products" CSV, as Shopify writes them.

The orders file has one row per line item; an order's own columns (status, totals,
addresses, notes) are filled on its first row only, and its rows are consecutive.
An order is imported whole or not at all: one bad line rejects the whole order.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from app.domain.incoming import (
    IncomingLine,
    IncomingOrder,
    IncomingProduct,
    PaymentStatus,
    Recipient,
    Rejected,
)
from app.services.intake.csvtext import Columns, parse_int, read_csv
from app.services.intake.generic import amount, cell_picker, ident, pad_row

PLATFORM = "shopify"

# Shopify's "Financial Status"; money that is only promised (pending, authorized) or was
# never taken (voided, expired) is unpaid for the warehouse.
_PAYMENT = {
    "paid": PaymentStatus.PAID,
    "partially_paid": PaymentStatus.PARTIALLY_PAID,
    "refunded": PaymentStatus.REFUNDED,
    "partially_refunded": PaymentStatus.PARTIALLY_REFUNDED,
    "pending": PaymentStatus.UNPAID,
    "authorized": PaymentStatus.UNPAID,
    "voided": PaymentStatus.UNPAID,
    "expired": PaymentStatus.UNPAID,
}

_ORDER_REQUIRED = (
    "Name",
    "Email",
    "Financial Status",
    "Currency",
    "Shipping",
    "Total",
    "Created at",
    "Lineitem quantity",
    "Lineitem name",
    "Lineitem price",
    "Lineitem sku",
    "Shipping Name",
    "Shipping Address1",
    "Shipping City",
    "Shipping Zip",
    "Shipping Country",
)
_LINE_FIELDS = (
    "Lineitem sku",
    "Lineitem quantity",
    "Lineitem price",
    "Lineitem name",
    "Lineitem requires shipping",
)
_ORDER_FIELDS = (
    "Financial Status",
    "Paid at",
    "Currency",
    "Shipping",
    "Total",
    "Shipping Method",
    "Created at",
    "Notes",
    "Cancelled at",
    "Email",
    "Phone",
)
_ADDRESS_PARTS = (
    "Name",
    "Phone",
    "Country",
    "Province",
    "Province Name",
    "City",
    "Address1",
    "Address2",
    "Street",
    "Zip",
)
# Kept verbatim in IncomingOrder.extra (only when not empty) for people and later rules.
_EXTRA = {
    "Id": "shopify_id",
    "Tags": "tags",
    "Risk Level": "risk_level",
    "Source": "source",
    "Fulfillment Status": "fulfillment_status",
    "Payment Method": "payment_method",
    "Discount Code": "discount_code",
    "Refunded Amount": "refunded_amount",
    "Note Attributes": "note_attributes",
    "Shipping Company": "shipping_company",
}


def _parse_time(value: str) -> datetime | None:
    """Read Shopify's ``2024-03-05 14:22:10 +0800`` (or ISO 8601) as an aware datetime."""
    v = value.strip()
    if not v:
        return None
    if len(v) == 25 and v[19] == " ":
        v = v[:19] + v[20:]  # "... +0800" → "...+0800", which fromisoformat reads everywhere
    try:
        moment = datetime.fromisoformat(v)
    except ValueError:
        raise ValueError(f"{value!r} is not a date like 2024-03-05 14:22:10 +0800") from None
    if moment.tzinfo is None:
        raise ValueError(f"{value!r} has no UTC offset (like +0800)")
    return moment


def _money(value: str, column: str, problems: list[str]) -> Decimal | None:
    try:
        number = amount(value)
    except ValueError:
        problems.append(f"{column} {value!r} is not an amount")
        return None
    if number is not None and number < 0:
        problems.append(f"{column} {value!r} is negative")
        return None
    return number


def _time(value: str, column: str, problems: list[str]) -> datetime | None:
    try:
        return _parse_time(value)
    except ValueError as exc:
        problems.append(f"{column} {exc}")
        return None


def _recipient(ship: tuple[str, ...], bill: tuple[str, ...], order_phone: str) -> Recipient:
    block = ship if any(map(str.strip, ship)) else bill
    name, phone, country, province, province_name, city, address1, address2, street, zip_ = map(
        str.strip, block
    )
    if address1:
        address = f"{address1}, {address2}" if address2 else address1
    else:
        address = street
    return Recipient(
        name=name,
        phone=ident(phone) or ident(order_phone),
        country=country.upper(),
        province=province or province_name,
        city=city,
        address=address,
        postcode=ident(zip_),
    )


class _OrderReader:
    """Turns the consecutive rows of one Shopify order into an IncomingOrder or a Rejected."""

    def __init__(self, header: list[str], source_file: str) -> None:
        self.source_file = source_file
        self.line = cell_picker(header, _LINE_FIELDS)
        self.order = cell_picker(header, _ORDER_FIELDS)
        self.ship = cell_picker(header, tuple(f"Shipping {p}" for p in _ADDRESS_PARTS))
        self.bill = cell_picker(header, tuple(f"Billing {p}" for p in _ADDRESS_PARTS))
        self.extra_keys = tuple(_EXTRA)
        self.extra = cell_picker(header, self.extra_keys)

    def build(self, name: str, rows: list[tuple[int, list[str]]]) -> IncomingOrder | Rejected:
        problems: list[tuple[int, str]] = []
        lines: list[IncomingLine] = []
        unshipped: list[str] = []
        for number, cells in rows:
            sku, qty, price, title, ships = map(str.strip, self.line(cells))
            # Tips, gift cards and digital goods have nothing to pick and often no SKU.
            if not sku and ships.lower() == "false":
                unshipped.append(f"{title} × {qty}")
                continue
            line = self._line(sku, qty, price, title, number, problems)
            if line is not None:
                lines.append(line)

        first_row, first = rows[0]
        found: list[str] = []
        (
            status,
            paid_at,
            currency,
            shipping,
            total,
            method,
            created_at,
            notes,
            cancelled,
            email,
            phone,
        ) = map(str.strip, self.order(first))
        payment = _PAYMENT.get(status.lower())
        if payment is None:
            found.append(f"Financial Status {status!r} is not one of {', '.join(_PAYMENT)}")
        if not currency:
            found.append("Currency is empty")
        extra = self._extra(first)
        if unshipped:
            extra["unshipped_lines"] = "; ".join(unshipped)
            if not lines and not problems:
                found.append(f"nothing to ship, only {extra['unshipped_lines']}")
        order = IncomingOrder(
            platform=PLATFORM,
            order_no=name,
            lines=tuple(lines),
            recipient=_recipient(self.ship(first), self.bill(first), phone),
            payment_status=payment or PaymentStatus.UNPAID,
            cancelled=bool(cancelled),
            placed_at=_time(created_at, "Created at", found),
            paid_at=_time(paid_at, "Paid at", found),
            currency=currency.upper(),
            total=_money(total, "Total", found),
            shipping_fee=_money(shipping, "Shipping", found) or Decimal("0"),
            shipping_method=method,
            buyer_email=email,
            buyer_remark=notes,
            source_file=self.source_file,
            source_row=first_row,
            extra=extra,
        )
        problems[:0] = [(first_row, p) for p in found]
        if problems:
            problems.sort(key=lambda p: p[0])
            detail = "; ".join(f"row {n}: {p}" for n, p in problems)
            return Rejected(
                self.source_file,
                problems[0][0],
                f"order {name} not imported (an order is imported whole or not at all): {detail}",
                order_no=name,
            )
        return order

    @staticmethod
    def _line(
        sku: str,
        qty_text: str,
        price_text: str,
        title: str,
        number: int,
        problems: list[tuple[int, str]],
    ) -> IncomingLine | None:
        sku = ident(sku)
        found: list[str] = []
        if not sku:
            found.append("Lineitem sku is empty")
        try:
            qty = int(qty_text) if qty_text.isdecimal() else parse_int(qty_text)
        except ValueError:
            qty = None
        if qty is None or qty <= 0:
            found.append(f"Lineitem quantity {qty_text!r} is not a positive whole number")
        if price_text:
            price = _money(price_text, "Lineitem price", found)
        else:
            price = None
            found.append("Lineitem price is empty")
        if found:
            problems.extend((number, p) for p in found)
            return None
        assert qty is not None and price is not None
        return IncomingLine(sku=sku, qty=qty, unit_price=price, name=title)

    def _extra(self, cells: list[str]) -> dict[str, str]:
        values = self.extra(cells)
        return {
            _EXTRA[k]: s for k, v in zip(self.extra_keys, values, strict=True) if (s := v.strip())
        }


def parse_shopify_orders(path: Path) -> Iterator[IncomingOrder | Rejected]:
    """Read a Shopify "Export orders" CSV; yields one result per order, in file order.

    Raises FileFormatError when the file cannot be read or required columns are missing.
    """
    source_file = path.name
    header, rows = read_csv(path)
    Columns(header, _ORDER_REQUIRED, source_file)
    reader = _OrderReader(header, source_file)
    width = len(header)
    i_name = header.index("Name")
    seen: dict[str, int] = {}  # order name → its first row, to catch an order split apart
    current = ""
    group: list[tuple[int, list[str]]] = []

    def finish() -> IncomingOrder | Rejected:
        first = group[0][0]
        if current in seen:
            return Rejected(
                source_file,
                first,
                f"order {current} appears again at row {first} after other orders "
                f"(first at row {seen[current]}); Shopify writes an order's rows together",
                order_no=current,
            )
        seen[current] = first
        return reader.build(current, group)

    for number, cells in rows:
        name = cells[i_name].strip() if i_name < len(cells) else ""
        if name != current or not name:
            if group:
                yield finish()
                group = []
            current = name
            if not name:
                yield Rejected(
                    source_file, number, "Name is empty; every row needs its order number"
                )
                continue
        group.append((number, pad_row(cells, width)))
    if group:
        yield finish()


_PRODUCT_REQUIRED = ("Handle", "Title", "Variant SKU", "Variant Price")
_PRODUCT_FIELDS = (
    "Handle",
    "Title",
    "Option1 Value",
    "Option2 Value",
    "Option3 Value",
    "Variant SKU",
    "Variant Grams",
    "Variant Price",
    "Variant Barcode",
)


def _barcode(value: str) -> str:
    code = ident(value)
    if "E+" in code.upper():
        raise ValueError(
            f"Variant Barcode {value!r} was turned into a number by a spreadsheet; "
            "format the column as text and export again"
        )
    return code


def parse_shopify_products(path: Path) -> Iterator[IncomingProduct | Rejected]:
    """Read a Shopify product export CSV; yields one IncomingProduct per variant.

    A product's first row carries its Title; later rows of the same Handle carry only
    variant fields and image-only rows carry neither, so they are skipped.
    """
    source_file = path.name
    header, rows = read_csv(path)
    Columns(header, _PRODUCT_REQUIRED, source_file)
    fields = cell_picker(header, _PRODUCT_FIELDS)
    width = len(header)
    titles: dict[str, str] = {}
    seen_sku: dict[str, int] = {}

    for number, cells in rows:
        handle, title, o1, o2, o3, sku, grams, price_text, barcode = map(
            str.strip, fields(pad_row(cells, width))
        )
        if title:
            titles.setdefault(handle, title)
        title = titles.get(handle, title) or handle
        options = tuple(v for v in (o1, o2, o3) if v)
        sku = ident(sku)
        if not sku:
            if options or price_text or grams or barcode:
                yield Rejected(
                    source_file,
                    number,
                    f"Variant SKU is empty for a variant of {handle!r} "
                    f"({' / '.join(options) or 'no options'}); give every variant a SKU",
                )
            continue
        problems: list[str] = []
        if sku in seen_sku:
            problems.append(f"Variant SKU already used at row {seen_sku[sku]}")
        price = _money(price_text, "Variant Price", problems)
        weight = _money(grams, "Variant Grams", problems)
        codes: tuple[str, ...] = ()
        try:
            codes = (_barcode(barcode),) if barcode else ()
        except ValueError as exc:
            problems.append(str(exc))
        if problems:
            yield Rejected(source_file, number, f"SKU {sku}: " + "; ".join(problems))
            continue
        seen_sku[sku] = number
        if options and options != ("Default Title",):
            title = f"{title} / {' / '.join(options)}"
        yield IncomingProduct(
            sku=sku,
            name_en=title,
            barcodes=codes,
            # Shopify writes 0 g when nobody entered a weight: unknown, not weightless.
            weight_g=int(weight.to_integral_value()) if weight else None,
            price=price,
            source_row=number,
        )
