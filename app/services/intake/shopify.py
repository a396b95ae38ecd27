"""Shopify admin exports, "Export orders" and "Export products" CSV, as Shopify writes them.

The orders file has one row per line item; an order's own columns (status, totals,
addresses, notes) are filled on its first row only, and its rows are consecutive.
An order is imported whole or not at all: one bad line rejects the whole order.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from operator import itemgetter
from pathlib import Path

from app.domain.incoming import (
    IncomingLine,
    IncomingOrder,
    IncomingProduct,
    PaymentStatus,
    Recipient,
    Rejected,
)
from app.services.intake.csvtext import Columns, parse_int, plain_decimal, read_csv, unprotect
from app.services.intake.generic import amount, cell_picker, ident, pad_row

PLATFORM = "shopify"
_PROTECTED = ("=", "'")  # how an Excel-protected cell starts (see ident)
_ZERO = Decimal("0")
_VALUE = itemgetter(1)

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
    try:
        moment = _fromisoformat(v)
    except ValueError:
        raise ValueError(f"{value!r} is not a date like 2024-03-05 14:22:10 +0800") from None
    if moment.tzinfo is None:
        raise ValueError(f"{value!r} has no UTC offset (like +0800)")
    return moment


def _fromisoformat(v: str) -> datetime:
    """datetime.fromisoformat, for Shopify's ``2024-03-05 14:22:10 +0800`` too."""
    if len(v) == 25 and v[19] == " ":
        v = v[:19] + v[20:]  # "... +0800" → "...+0800", which fromisoformat reads everywhere
    return datetime.fromisoformat(v)


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
    block = tuple(map(str.strip, ship))
    if not any(block):
        block = tuple(map(str.strip, bill))
    name, phone, country, province, province_name, city, address1, address2, street, zip_ = block
    if address1:
        address = f"{address1}, {address2}" if address2 else address1
    else:
        address = street
    # ident() for the rare Excel-protected cell only: this runs once per order.
    if phone[:1] in _PROTECTED:
        phone = unprotect(phone)
    return Recipient(
        name=name,
        phone=phone or ident(order_phone),
        country=country.upper(),
        province=province or province_name,
        city=city,
        address=address,
        postcode=unprotect(zip_) if zip_[:1] in _PROTECTED else zip_,
    )


class _OrderReader:
    """Turns the consecutive rows of one Shopify order into an IncomingOrder or a Rejected."""

    def __init__(self, header: list[str], source_file: str) -> None:
        self.source_file = source_file
        self.line = cell_picker(header, _LINE_FIELDS)
        self.order = cell_picker(header, _ORDER_FIELDS)
        self.ship = cell_picker(header, tuple(f"Shipping {p}" for p in _ADDRESS_PARTS))
        self.bill = cell_picker(header, tuple(f"Billing {p}" for p in _ADDRESS_PARTS))
        self.extra_names = tuple(_EXTRA.values())
        self.extra = cell_picker(header, tuple(_EXTRA))

    def build(self, name: str, rows: list[tuple[int, list[str]]]) -> IncomingOrder | Rejected:
        order = self._plain(name, rows)
        if order is not None:
            return order
        # Something looks wrong: the checks below name every problem, or pass the
        # order anyway (a "1,299.00" total, a gift card without a SKU).
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

    def _plain(self, name: str, rows: list[tuple[int, list[str]]]) -> IncomingOrder | None:
        """The order when every value is plain, or None to let build() judge it.

        Nearly every order of a big export is clean. Building it here skips the helper
        calls of the checks (several per line) and the exceptions an empty amount raises
        in amount(). It must give exactly what build() gives for the same rows, so it only
        takes the plain forms: amounts that Decimal reads as they are, quantities of
        digits, a known Financial Status, lines with a SKU. Any other value, even one
        build() would accept, goes to build() (test_fast_path_gives_what_the_checks_give
        holds the two to the same results).
        """
        first_row, first = rows[0]
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
        if payment is None or not currency:
            return None
        try:
            # As _parse_time reads them; a time without an offset is for build() to name.
            placed = _fromisoformat(created_at) if created_at else None
            paid = _fromisoformat(paid_at) if paid_at else None
            # Empty reads as None; anything Decimal refuses ("1,299.00", "$12") is for amount().
            paid_total = plain_decimal(total) if total else None
            fee = plain_decimal(shipping) if shipping else _ZERO
            lines = []
            for _, cells in rows:
                sku, qty_text, price_text, title, _ = self.line(cells)
                sku = sku.strip()
                if sku[:1] in _PROTECTED:
                    sku = unprotect(sku)
                qty_text = qty_text.strip()
                price_text = price_text.strip()
                # No SKU at all may be a gift card or a tip (nothing to ship): build() decides.
                if not (sku and qty_text.isdecimal() and price_text):
                    return None
                qty = int(qty_text)
                price = plain_decimal(price_text)
                # NaN and infinities are not amounts; NaN < 0 would raise, so is_finite first.
                if qty <= 0 or not price.is_finite() or price < _ZERO:
                    return None
                lines.append(IncomingLine(sku=sku, qty=qty, unit_price=price, name=title.strip()))
        except (ValueError, ArithmeticError):  # decimal.InvalidOperation is an ArithmeticError
            return None
        if (placed is not None and placed.tzinfo is None) or (
            paid is not None and paid.tzinfo is None
        ):
            return None
        if paid_total is not None and (not paid_total.is_finite() or paid_total < _ZERO):
            return None
        if not fee.is_finite() or fee < _ZERO:
            return None
        return IncomingOrder(
            platform=PLATFORM,
            order_no=name,
            lines=tuple(lines),
            recipient=_recipient(self.ship(first), self.bill(first), phone),
            payment_status=payment,
            cancelled=bool(cancelled),
            placed_at=placed,
            paid_at=paid,
            currency=currency.upper(),
            total=paid_total,
            # build() writes `_money(...) or Decimal("0")`: a fee of "0.00" becomes 0 too.
            shipping_fee=fee or _ZERO,
            shipping_method=method,
            buyer_email=email,
            buyer_remark=notes,
            source_file=self.source_file,
            source_row=first_row,
            extra=self._extra(first),
        )

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
        if price is None and not found:
            found.append(f"Lineitem price {price_text!r} is empty")  # e.g. a lone ' or =""
        if found or qty is None or price is None:
            problems.extend((number, p) for p in found)
            return None
        return IncomingLine(sku=sku, qty=qty, unit_price=price, name=title)

    def _extra(self, cells: list[str]) -> dict[str, str]:
        # The cells that are not empty once stripped, by their extra name; filter and
        # itemgetter keep the loop in C, which matters once per order of a big export.
        stripped = map(str.strip, self.extra(cells))
        return dict(filter(_VALUE, zip(self.extra_names, stripped, strict=True)))


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
