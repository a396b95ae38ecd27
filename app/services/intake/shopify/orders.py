"""Shopify admin "Export orders" CSV, as Shopify writes it.

The orders file has one row per line item; an order's own columns (status, totals,
addresses, notes) are filled on its first row only, and its rows are consecutive.
An order is imported whole or not at all: one bad line rejects the whole order.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from app.domain.incoming import IncomingLine, IncomingOrder, PaymentStatus, Recipient, Rejected
from app.services.intake.build import (
    ZERO,
    LineLabels,
    OrderValues,
    checked_line,
    plain_lines,
    plain_values,
    present,
)
from app.services.intake.checks import Problems, TimeFormat, aware_time, money
from app.services.intake.csvtext import PROTECTED, Columns, ident, read_csv, unprotect

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
_CELLS = itemgetter(1)  # of a (row number, cells) pair
_LINE_LABELS = LineLabels("Lineitem sku", "Lineitem quantity", "Lineitem price")


class _Head(NamedTuple):
    """An order's own cells, stripped, from its first row."""

    status: str
    paid_at: str
    currency: str
    shipping: str
    total: str
    method: str
    created_at: str
    notes: str
    cancelled: str
    email: str
    phone: str


_ORDER_FIELDS = (  # the columns of a _Head
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


def _fromisoformat(v: str) -> datetime:
    """datetime.fromisoformat, for Shopify's ``2024-03-05 14:22:10 +0800`` too."""
    if len(v) == 25 and v[19] == " ":
        v = v[:19] + v[20:]  # "... +0800" → "...+0800", which fromisoformat reads everywhere
    return datetime.fromisoformat(v)


# Shopify's ``2024-03-05 14:22:10 +0800`` (or ISO 8601), always with an offset.
_TIME = TimeFormat(_fromisoformat, "a date like 2024-03-05 14:22:10 +0800", " (like +0800)")


def _recipient(ship: tuple[str, ...], bill: tuple[str, ...], order_phone: str) -> Recipient:
    block = tuple(map(str.strip, ship))
    if not any(block):
        block = tuple(map(str.strip, bill))
    name, phone, country, province, province_name, city, address1, address2, street, zip_ = block
    if address1:
        address = f"{address1}, {address2}" if address2 else address1
    else:
        address = street
    # ident() for the rare Excel-protected cell only: this runs once per order.
    if phone[:1] in PROTECTED:
        phone = unprotect(phone)
    return Recipient(
        name=name,
        phone=phone or ident(order_phone),
        country=country.upper(),
        province=province or province_name,
        city=city,
        address=address,
        postcode=unprotect(zip_) if zip_[:1] in PROTECTED else zip_,
    )


class _OrderReader:
    """Turns the consecutive rows of one Shopify order into an IncomingOrder or a Rejected."""

    def __init__(self, columns: Columns, source_file: str) -> None:
        self.source_file = source_file
        self.line = columns.picker(_LINE_FIELDS)
        self.line_cells = columns.picker(_LINE_FIELDS[:4])  # all but "requires shipping"
        self.head = columns.picker(_ORDER_FIELDS)
        self.ship = columns.picker(tuple(f"Shipping {p}" for p in _ADDRESS_PARTS))
        self.bill = columns.picker(tuple(f"Billing {p}" for p in _ADDRESS_PARTS))
        self.extra_names = tuple(_EXTRA.values())
        self.extra = columns.picker(tuple(_EXTRA))

    def build(self, name: str, rows: list[tuple[int, list[str]]]) -> IncomingOrder | Rejected:
        order = self._plain(name, rows)
        if order is not None:
            return order
        # Something looks wrong: the checks below name every problem, or pass the
        # order anyway (a "1,299.00" total, a gift card without a SKU).
        line_problems = Problems(self.source_file)
        lines: list[IncomingLine] = []
        unshipped: list[str] = []
        for number, cells in rows:
            sku, qty, price, title, ships = map(str.strip, self.line(cells))
            # Tips, gift cards and digital goods have nothing to pick and often no SKU.
            if not sku and ships.lower() == "false":
                unshipped.append(f"{title} × {qty}")
                continue
            line = checked_line(ident(sku), qty, price, title, number, line_problems, _LINE_LABELS)
            if line is not None:
                lines.append(line)

        first_row, first = rows[0]
        head = _Head._make(map(str.strip, self.head(first)))
        found = Problems(self.source_file)  # the order's own, which the clerk reads first
        payment = _PAYMENT.get(head.status.lower())
        if payment is None:
            found.add(
                first_row, f"Financial Status {head.status!r} is not one of {', '.join(_PAYMENT)}"
            )
        if not head.currency:
            found.add(first_row, "Currency is empty")
        extra = self._extra(first)
        if unshipped:
            extra["unshipped_lines"] = "; ".join(unshipped)
            if not lines and not line_problems:
                found.add(first_row, f"nothing to ship, only {extra['unshipped_lines']}")
        placed_at = aware_time(head.created_at, "Created at", first_row, found, _TIME)
        paid_at = aware_time(head.paid_at, "Paid at", first_row, found, _TIME)
        total = money(head.total, "Total", first_row, found)
        shipping_fee = money(head.shipping, "Shipping", first_row, found)
        found.extend(line_problems)
        if found or payment is None:
            return found.rejected_order(name)
        values = (placed_at, paid_at, total, shipping_fee)
        return self._order(name, rows, head, tuple(lines), payment, values, extra)

    def _plain(self, name: str, rows: list[tuple[int, list[str]]]) -> IncomingOrder | None:
        """The order when every value is plain, or None to let build() judge it.

        Nearly every order of a big export is clean. Building it here skips the helper
        calls of the checks (several per line) and the exceptions they raise. It must
        give exactly what build() gives for the same rows, so it only takes the plain
        forms: amounts that Decimal reads as they are, quantities of digits, a known
        Financial Status, lines with a SKU (none may be a gift card or a tip, which
        build() decides). Any other value, even one build() would accept, goes to
        build() (test_fast_path_gives_what_the_checks_give holds the two to the same
        results).
        """
        _, first = rows[0]
        head = _Head._make(map(str.strip, self.head(first)))
        payment = _PAYMENT.get(head.status.lower())
        if payment is None or not head.currency:
            return None
        # As aware_time reads them; a time without an offset is for build() to name.
        values = plain_values(
            head.created_at, head.paid_at, head.total, head.shipping, _fromisoformat
        )
        if values is None:
            return None
        lines = plain_lines(map(self.line_cells, map(_CELLS, rows)))
        if lines is None:
            return None
        return self._order(name, rows, head, lines, payment, values, self._extra(first))

    def _order(
        self,
        name: str,
        rows: list[tuple[int, list[str]]],
        head: _Head,
        lines: tuple[IncomingLine, ...],
        payment: PaymentStatus,
        values: OrderValues,
        extra: dict[str, str],
    ) -> IncomingOrder:
        """The order of checked values, from build() or from the fast path."""
        first_row, first = rows[0]
        placed_at, paid_at, total, shipping_fee = values
        return IncomingOrder(
            platform=PLATFORM,
            order_no=name,
            lines=lines,
            recipient=_recipient(self.ship(first), self.bill(first), head.phone),
            payment_status=payment,
            cancelled=bool(head.cancelled),
            placed_at=placed_at,
            paid_at=paid_at,
            currency=head.currency.upper(),
            total=total,
            shipping_fee=shipping_fee or ZERO,  # empty, or "0.00": 0 either way
            shipping_method=head.method,
            buyer_email=head.email,
            buyer_remark=head.notes,
            source_file=self.source_file,
            source_row=first_row,
            extra=extra,
        )

    def _extra(self, cells: list[str]) -> dict[str, str]:
        return present(self.extra_names, map(str.strip, self.extra(cells)))


def parse_shopify_orders(path: Path) -> Iterator[IncomingOrder | Rejected]:
    """Read a Shopify "Export orders" CSV; yields one result per order, in file order.

    Raises FileFormatError when the file cannot be read or required columns are missing.
    """
    source_file = path.name
    header, rows = read_csv(path, padded=True)
    reader = _OrderReader(Columns(header, _ORDER_REQUIRED, source_file), source_file)
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
        name = cells[i_name].strip()
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
        group.append((number, cells))
    if group:
        yield finish()
