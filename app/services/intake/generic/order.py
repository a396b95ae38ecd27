"""One generic order from its texts, for the CSV and the JSON-lines reader alike.

``build_order`` runs every check and names every problem; ``incoming`` is the one
place a generic IncomingOrder and its Recipient are made, from checked values or
from the CSV reader's fast path.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from app.domain.incoming import IncomingLine, IncomingOrder, PaymentStatus, Recipient, Rejected
from app.services.intake.build import ZERO, LineLabels, OrderValues, checked_line
from app.services.intake.checks import Problems, TimeFormat, aware_time, money, required
from app.services.intake.csvtext import PROTECTED, ident, unprotect


class Head(NamedTuple):
    """An order's own fields as text (stripped), the same for a CSV row and a JSON line."""

    store: str
    platform: str
    order_no: str
    cancelled: str
    placed_at: str
    paid_at: str
    currency: str
    total: str
    shipping_fee: str
    shipping_method: str
    buyer_id: str
    buyer_email: str
    buyer_remark: str
    seller_remark: str
    payment: str  # the one field whose name differs: CSV status_payment, JSON payment_status
    name: str
    phone: str
    country: str
    province: str
    city: str
    district: str
    address: str
    postcode: str


ORDER_FIELDS = Head._fields[:14]  # named alike in both formats
RECIPIENT_FIELDS = Head._fields[15:]  # CSV columns; in a JSON line, fields of "recipient"

PAYMENT = {status.value: status for status in PaymentStatus}
FLAGS = {
    **dict.fromkeys(("true", "yes", "y", "1"), True),
    **dict.fromkeys(("false", "no", "n", "0", ""), False),
}
ISO_TIME = TimeFormat(
    datetime.fromisoformat,
    "an ISO 8601 time like 2024-03-05T14:22:10+08:00",
    "; write e.g. {value}+08:00 for Beijing time",
)
CSV_LINE = LineLabels("sku", "qty", "unit_price")

# (row, what messages call its cells, sku, qty, unit_price, name), all text, stripped
Line = tuple[int, LineLabels, str, str, str, str]


def build_order(
    head: Head, lines: Sequence[Line], at: int, problems: Problems
) -> IncomingOrder | Rejected:
    """One order from its own fields and its lines, with every check; all or nothing.

    ``problems`` may hold what was found while reading the texts; the order's own
    problems follow, then its lines', which the clerk reads last.
    """
    order_no = required(ident(head.order_no), "order_no", at, problems)
    payment_field = "status_payment" if problems.unit == "row" else "payment_status"
    payment = PAYMENT.get(head.payment.lower())
    if payment is None:
        problems.add(at, f"{payment_field} {head.payment!r} is not one of {', '.join(PAYMENT)}")
    cancelled = FLAGS.get(head.cancelled.lower())
    if cancelled is None:
        problems.add(at, f"cancelled {head.cancelled!r} is not one of true, false, yes, no, 1, 0")
    required(head.platform, "platform", at, problems)
    placed_at = aware_time(head.placed_at, "placed_at", at, problems, ISO_TIME)
    paid_at = aware_time(head.paid_at, "paid_at", at, problems, ISO_TIME)
    total = money(head.total, "total", at, problems)
    shipping_fee = money(head.shipping_fee, "shipping_fee", at, problems)
    if not lines:
        problems.add(at, "the order has no lines")
    order_lines = []
    for row, labels, sku, qty, price, name in lines:
        line = checked_line(ident(sku), qty, price, name, row, problems, labels)
        if line is not None:
            order_lines.append(line)
    if problems or payment is None or cancelled is None:
        return problems.rejected_order(order_no)
    values = (placed_at, paid_at, total, shipping_fee)
    return incoming(head, tuple(order_lines), payment, cancelled, values, problems.source_file, at)


def incoming(
    head: tuple[str, ...],
    lines: tuple[IncomingLine, ...],
    payment: PaymentStatus,
    cancelled: bool,
    values: OrderValues,
    source_file: str,
    at: int,
) -> IncomingOrder:
    """The order of checked values, from build_order or from the CSV reader's fast path.

    ``head`` holds a Head's fields; the fast path passes them as a plain tuple.
    """
    placed_at, paid_at, total, shipping_fee = values
    # Named values rather than head.<field>: the fast path makes every order of a big file
    # here, and one unpacking costs less than two dozen attribute look-ups.
    (
        store,
        platform,
        order_no,
        _,  # cancelled
        _,  # placed_at
        _,  # paid_at
        currency,
        _,  # total
        _,  # shipping_fee
        shipping_method,
        buyer_id,
        buyer_email,
        buyer_remark,
        seller_remark,
        _,  # payment
        name,
        phone,
        country,
        province,
        city,
        district,
        address,
        postcode,
    ) = head
    # ident() of the stripped cells, inlined for the same reason.
    return IncomingOrder(
        platform=platform.lower(),
        order_no=unprotect(order_no) if order_no[:1] in PROTECTED else order_no,
        lines=lines,
        recipient=Recipient(
            name=name,
            phone=unprotect(phone) if phone[:1] in PROTECTED else phone,
            country=country.upper(),
            province=province,
            city=city,
            district=district,
            address=address,
            postcode=unprotect(postcode) if postcode[:1] in PROTECTED else postcode,
        ),
        payment_status=payment,
        store=store or None,
        cancelled=cancelled,
        placed_at=placed_at,
        paid_at=paid_at,
        currency=(currency or "CNY").upper(),
        total=total,
        shipping_fee=shipping_fee or ZERO,  # empty, or "0.00": 0 either way
        shipping_method=shipping_method,
        buyer_id=unprotect(buyer_id) if buyer_id[:1] in PROTECTED else buyer_id,
        buyer_email=buyer_email,
        buyer_remark=buyer_remark,
        seller_remark=seller_remark,
        source_file=source_file,
        source_row=at,
    )
