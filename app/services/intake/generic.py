"""The generic import formats for every source without its own importer.

Orders come as CSV (one row per order line) or JSON lines (one order per line);
products, locations and stock come as CSV. resources/import-formats.md is the
documentation a seller or an integrator reads; keep it in step with this module.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from app.domain.incoming import (
    IncomingLine,
    IncomingLocation,
    IncomingOrder,
    IncomingProduct,
    IncomingStock,
    PaymentStatus,
    Recipient,
    Rejected,
)
from app.services.intake.csvtext import (
    Columns,
    decode_bytes,
    parse_decimal,
    parse_int,
    read_csv,
    unprotect,
)
from app.services.intake.shopify import cell_picker, pad_row

T = TypeVar("T")

_TRUE = frozenset({"true", "1", "yes", "y"})
_FALSE = frozenset({"false", "0", "no", "n", ""})
_PAYMENT = {status.value: status for status in PaymentStatus}

# ---------------------------------------------------------------------------------------------
# Values: CSV cells are text, JSON values may also be numbers, booleans or null. Each converter
# raises ValueError with a message that names the field and the value, for the clerk.


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | Decimal):
        return "a number"
    return "a list" if isinstance(value, list) else "an object"


def _show(value: object) -> str:
    return repr(value) if isinstance(value, str) else str(value)


def _text(value: object, field: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise ValueError(f"{field} must be text, not {_kind(value)}")


def _ident(value: object, field: str) -> str:
    """An identifier (order number, SKU, phone, postcode): Excel protection removed."""
    return unprotect(_text(value, field))


def _required(value: object, field: str) -> str:
    text = _text(value, field)
    if not text:
        raise ValueError(f"{field} is empty")
    return text


def _required_ident(value: object, field: str) -> str:
    return _required(_ident(value, field), field)


def _amount(value: object, field: str) -> Decimal | None:
    if isinstance(value, bool):
        raise ValueError(f"{field} must be an amount, not true/false")
    if isinstance(value, int):
        amount: Decimal | None = Decimal(value)
    elif isinstance(value, Decimal):
        amount = value
    else:
        text = _text(value, field)
        try:
            amount = parse_decimal(text)
        except ValueError:
            raise ValueError(f"{field} {text!r} is not an amount") from None
    if amount is not None and amount < 0:
        raise ValueError(f"{field} {_show(value)} is negative")
    return amount


def _price(value: object, field: str) -> Decimal:
    amount = _amount(value, field)
    if amount is None:
        raise ValueError(f"{field} is empty")
    return amount


def _qty(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
        raise ValueError(f"{field} must be a positive whole number, not {_kind(value)}")
    try:
        qty = parse_int(str(value))
    except ValueError:
        qty = None
    if qty is None or qty <= 0:
        raise ValueError(f"{field} {_show(value)} is not a positive whole number")
    return qty


def _flag(value: object, field: str) -> bool:
    if value is None or isinstance(value, bool):
        return bool(value)
    text = _text(value, field).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"{field} {_show(value)} is not one of true, false, 1, 0, yes, no")


def _moment(value: object, field: str) -> datetime | None:
    text = _text(value, field)
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"{field} {text!r} is not an ISO 8601 time like 2024-03-05T14:22:10+08:00"
        ) from None
    if moment.tzinfo is None:
        raise ValueError(
            f"{field} {text!r} has no UTC offset; add one, e.g. {text}+08:00 for Beijing time"
        )
    return moment


def _payment(value: object, field: str) -> PaymentStatus:
    text = _text(value, field).lower()
    status = _PAYMENT.get(text)
    if status is None:
        raise ValueError(f"{field} {text!r} is not one of {', '.join(_PAYMENT)}")
    return status


class _Problems:
    """Collects every problem of one order or row, so the clerk fixes them all in one go."""

    def __init__(self) -> None:
        self.found: list[tuple[int, str]] = []

    def check(
        self, at: int, convert: Callable[[Any, str], T], value: object, field: str
    ) -> T | None:
        try:
            return convert(value, field)
        except ValueError as exc:
            self.found.append((at, str(exc)))
            return None

    def reason(self, unit: str) -> str:
        found = sorted(self.found, key=lambda problem: problem[0])
        return "; ".join(f"{unit} {at}: {text}" for at, text in found)


# ---------------------------------------------------------------------------------------------
# Orders


class _OrderShape:
    """Where one order's fields sit: CSV and JSON lines spell a few of them differently."""

    def __init__(self, unit: str, payment: str, line_name: str, recipient_prefix: str) -> None:
        self.unit = unit  # "row" or "line", for messages
        self.payment = payment
        self.line_name = line_name
        self.recipient_prefix = recipient_prefix


_CSV_SHAPE = _OrderShape("row", "status_payment", "item_name", "")
_JSONL_SHAPE = _OrderShape("line", "payment_status", "name", "recipient.")


def _build_order(
    head: Mapping[str, object],
    recipient: Mapping[str, object],
    lines: list[tuple[int, str, Mapping[str, object]]],
    at: int,
    shape: _OrderShape,
    source_file: str,
) -> IncomingOrder | Rejected:
    """One order from its head fields and its lines ``(row, field prefix, fields)``."""
    p = _Problems()
    order_no = p.check(at, _required_ident, head.get("order_no"), "order_no") or ""
    # Line problems are reported after the order's own, whatever order the checks run in.
    lp = _Problems()
    out_lines: list[IncomingLine] = []
    for row, prefix, line in lines:
        sku = lp.check(row, _required_ident, line.get("sku"), prefix + "sku")
        qty = lp.check(row, _qty, line.get("qty"), prefix + "qty")
        price = lp.check(row, _price, line.get("unit_price"), prefix + "unit_price")
        name = lp.check(row, _text, line.get(shape.line_name), prefix + shape.line_name)
        if sku is not None and qty is not None and price is not None:
            out_lines.append(IncomingLine(sku=sku, qty=qty, unit_price=price, name=name or ""))

    def text(key: str, convert: Callable[[Any, str], str] = _text) -> str:
        return p.check(at, convert, head.get(key), key) or ""

    def address(key: str, convert: Callable[[Any, str], str] = _text) -> str:
        return p.check(at, convert, recipient.get(key), shape.recipient_prefix + key) or ""

    order = IncomingOrder(
        platform=text("platform", _required).lower(),
        order_no=order_no,
        lines=tuple(out_lines),
        recipient=Recipient(
            name=address("name"),
            phone=address("phone", _ident),
            country=address("country").upper(),
            province=address("province"),
            city=address("city"),
            district=address("district"),
            address=address("address"),
            postcode=address("postcode", _ident),
        ),
        payment_status=p.check(at, _payment, head.get(shape.payment), shape.payment)
        or PaymentStatus.UNPAID,
        store=text("store") or None,
        cancelled=bool(p.check(at, _flag, head.get("cancelled"), "cancelled")),
        placed_at=p.check(at, _moment, head.get("placed_at"), "placed_at"),
        paid_at=p.check(at, _moment, head.get("paid_at"), "paid_at"),
        currency=(text("currency") or "CNY").upper(),
        total=p.check(at, _amount, head.get("total"), "total"),
        shipping_fee=p.check(at, _amount, head.get("shipping_fee"), "shipping_fee") or Decimal(0),
        shipping_method=text("shipping_method"),
        buyer_id=text("buyer_id", _ident),
        buyer_email=text("buyer_email"),
        buyer_remark=text("buyer_remark"),
        seller_remark=text("seller_remark"),
        source_file=source_file,
        source_row=at,
    )
    if not lines:
        p.found.append((at, "the order has no lines"))
    p.found += lp.found
    if p.found:
        return Rejected(
            source_file,
            min(row for row, _ in p.found),
            f"order {order_no or '(no number)'} not imported (an order is imported whole "
            f"or not at all): {p.reason(shape.unit)}",
            order_no=order_no or None,
        )
    return order


_ORDER_CSV_REQUIRED = (
    "platform",
    "order_no",
    "status_payment",
    "name",
    "phone",
    "country",
    "province",
    "city",
    "address",
    "sku",
    "qty",
    "unit_price",
)
_ORDER_CSV_HEAD = (
    "store",
    "platform",
    "order_no",
    "status_payment",
    "cancelled",
    "placed_at",
    "paid_at",
    "currency",
    "total",
    "shipping_fee",
    "shipping_method",
    "buyer_id",
    "buyer_email",
    "buyer_remark",
    "seller_remark",
    "name",
    "phone",
    "country",
    "province",
    "city",
    "district",
    "address",
    "postcode",
)
_ORDER_CSV_LINE = ("sku", "qty", "unit_price", "item_name")


def parse_generic_orders_csv(path: Path) -> Iterator[IncomingOrder | Rejected]:
    """Read the generic orders CSV: one row per order line, grouped by (store, order_no).

    An order's rows need not be consecutive; its own fields come from its first row.
    Results follow the order of the orders' first rows, once the whole file is read.
    """
    source_file = path.name
    header, rows = read_csv(path)
    Columns(header, _ORDER_CSV_REQUIRED, source_file)
    width = len(header)
    key_of = cell_picker(header, ("store", "order_no"))
    line_of = cell_picker(header, _ORDER_CSV_LINE)
    head_of = cell_picker(header, _ORDER_CSV_HEAD)
    # (store, order_no), or the row number of a row without order_no → (first row, its
    # cells, lines); a dict keeps first-appearance order, so results follow the file.
    groups: dict[object, tuple[int, list[str], list[tuple[int, str, dict[str, str]]]]] = {}
    for number, cells in rows:
        cells = pad_row(cells, width)
        store, order_no = key_of(cells)
        key = (store.strip(), unprotect(order_no)) if unprotect(order_no) else number
        line = (number, "", dict(zip(_ORDER_CSV_LINE, line_of(cells), strict=True)))
        group = groups.get(key)
        if group is None:
            groups[key] = (number, cells, [line])
        else:
            group[2].append(line)
    for key, (first, cells, lines) in groups.items():
        if isinstance(key, int):
            yield Rejected(
                source_file, first, "order_no is empty; every row needs its order number"
            )
            continue
        head = dict(zip(_ORDER_CSV_HEAD, head_of(cells), strict=True))
        yield _build_order(head, head, lines, first, _CSV_SHAPE, source_file)


def parse_generic_orders_jsonl(path: Path) -> Iterator[IncomingOrder | Rejected]:
    """Read generic JSON lines: one order per line, as documented in import-formats.md."""
    source_file = path.name
    text, _ = decode_bytes(path.read_bytes())
    seen: dict[tuple[str, str], int] = {}
    # Split on "\n" only: str.splitlines would also break at U+2028 inside a JSON string.
    for number, raw in enumerate(text.split("\n"), 1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw, parse_float=Decimal)
        except json.JSONDecodeError as exc:
            yield Rejected(
                source_file,
                number,
                f"line {number} is not valid JSON: {exc.msg} (column {exc.colno})",
            )
            continue
        if not isinstance(data, dict):
            yield Rejected(
                source_file, number, f"line {number} is {_kind(data)}, not a JSON object"
            )
            continue
        recipient = data.get("recipient")
        lines = data.get("lines")
        order_no = data.get("order_no")
        shape_problem = ""
        if isinstance(order_no, int | Decimal) and not isinstance(order_no, bool):
            shape_problem = (
                f'order_no {order_no} is a JSON number; write it as a string ("{order_no}") '
                "because long order numbers lose digits in many JSON writers"
            )
        elif recipient is not None and not isinstance(recipient, dict):
            shape_problem = f"recipient must be an object, not {_kind(recipient)}"
        elif not isinstance(lines, list) or not all(isinstance(item, dict) for item in lines):
            shape_problem = 'lines must be a list of objects like {"sku", "qty", "unit_price"}'
        if shape_problem:
            yield Rejected(
                source_file,
                number,
                f"line {number}: {shape_problem}",
                order_no=order_no if isinstance(order_no, str) else None,
            )
            continue
        result = _build_order(
            data,
            recipient or {},
            [(number, f"lines[{i}].", item) for i, item in enumerate(lines)],
            number,
            _JSONL_SHAPE,
            source_file,
        )
        if isinstance(result, IncomingOrder):
            key = (result.store or "", result.order_no)
            if key in seen:
                result = Rejected(
                    source_file,
                    number,
                    f"order {result.order_no} already appears on line {seen[key]}",
                    order_no=result.order_no,
                )
            else:
                seen[key] = number
        yield result


# ---------------------------------------------------------------------------------------------
# Catalog: products, locations, stock


def _whole(value: str, field: str, minimum: int) -> int | None:
    try:
        number = parse_int(value)
    except ValueError:
        raise ValueError(f"{field} {value!r} is not a whole number") from None
    if number is not None and number < minimum:
        raise ValueError(f"{field} {value!r} is less than {minimum}")
    return number


def _count(value: str, field: str) -> int | None:
    return _whole(value, field, 0)


def _ordinal(value: str, field: str) -> int:
    number = _whole(value, field, 1)
    if number is None:
        raise ValueError(f"{field} is empty")
    return number


def _barcodes(value: str, field: str) -> tuple[str, ...]:
    codes = tuple(unprotect(code) for code in value.split("|") if code.strip())
    for code in codes:
        if "E+" in code.upper():
            raise ValueError(
                f"{field} {code!r} was turned into a number by a spreadsheet; "
                "format the column as text and export again"
            )
    return codes


def _catalog_rows(
    path: Path, required: tuple[str, ...], fields: tuple[str, ...]
) -> Iterator[tuple[int, tuple[str, ...]]]:
    header, rows = read_csv(path)
    Columns(header, required, path.name)
    width = len(header)
    pick = cell_picker(header, fields)
    for number, cells in rows:
        yield number, tuple(v.strip() for v in pick(pad_row(cells, width)))


def _rejected_row(source_file: str, number: int, p: _Problems) -> Rejected:
    return Rejected(source_file, number, "; ".join(text for _, text in p.found))


_PRODUCT_FIELDS = (
    "sku",
    "name_zh",
    "name_en",
    "barcode",
    "case_barcode",
    "case_qty",
    "weight_g",
    "length_mm",
    "width_mm",
    "height_mm",
    "price",
)


def parse_generic_products(path: Path) -> Iterator[IncomingProduct | Rejected]:
    """Read the generic products CSV (only ``sku`` is a required column)."""
    source_file = path.name
    seen: dict[str, int] = {}
    for number, values in _catalog_rows(path, ("sku",), _PRODUCT_FIELDS):
        sku_text, name_zh, name_en, barcode, case_barcode, case_qty, *sizes, price = values
        p = _Problems()
        sku = p.check(number, _required_ident, sku_text, "sku")
        if sku is not None and sku in seen:
            p.found.append((number, f"sku {sku!r} already appears at row {seen[sku]}"))
        codes = p.check(number, _barcodes, barcode, "barcode")
        case_codes = p.check(number, _barcodes, case_barcode, "case_barcode")
        qty = p.check(number, _count, case_qty, "case_qty")
        weight, length, width, height = (
            p.check(number, _count, v, f)
            for v, f in zip(sizes, ("weight_g", "length_mm", "width_mm", "height_mm"), strict=True)
        )
        amount = p.check(number, _amount, price, "price")
        if case_codes and not qty:
            p.found.append((number, "case_barcode is given but case_qty is empty"))
        if case_codes and len(case_codes) > 1:
            p.found.append((number, f"case_barcode {case_barcode!r} holds more than one barcode"))
        if p.found or sku is None:
            yield _rejected_row(source_file, number, p)
            continue
        seen[sku] = number
        yield IncomingProduct(
            sku=sku,
            name_zh=name_zh,
            name_en=name_en,
            barcodes=codes or (),
            case_barcode=case_codes[0] if case_codes else "",
            case_qty=qty or 0,
            weight_g=weight,
            length_mm=length,
            width_mm=width,
            height_mm=height,
            price=amount,
            source_row=number,
        )


_LOCATION_FIELDS = ("warehouse", "zone", "aisle", "position", "level", "barcode")


def parse_generic_locations(path: Path) -> Iterator[IncomingLocation | Rejected]:
    """Read the generic locations CSV: one bin per row; aisle, position and level count from 1."""
    source_file = path.name
    seen: dict[object, int] = {}
    for number, values in _catalog_rows(path, _LOCATION_FIELDS[:5], _LOCATION_FIELDS):
        warehouse, zone, aisle, position, level, barcode_text = values
        p = _Problems()
        p.check(number, _required, warehouse, "warehouse")
        p.check(number, _required, zone, "zone")
        place = (
            p.check(number, _ordinal, aisle, "aisle"),
            p.check(number, _ordinal, position, "position"),
            p.check(number, _ordinal, level, "level"),
        )
        barcode = unprotect(barcode_text)
        spot = (warehouse, zone, *place)
        for key, label in ((spot, "this location"), (barcode, f"barcode {barcode!r}")):
            if key and key in seen:
                p.found.append((number, f"{label} already appears at row {seen[key]}"))
        if p.found or None in place:
            yield _rejected_row(source_file, number, p)
            continue
        seen[spot] = number
        if barcode:
            seen[barcode] = number
        aisle_no, position_no, level_no = (n for n in place if n is not None)
        yield IncomingLocation(
            warehouse=warehouse,
            zone=zone,
            aisle=aisle_no,
            position=position_no,
            level=level_no,
            barcode=barcode,
            source_row=number,
        )


def _on_hand(value: str, field: str) -> int:
    number = _whole(value, field, 0)
    if number is None:
        raise ValueError(f"{field} is empty")
    return number


def parse_generic_stock(path: Path) -> Iterator[IncomingStock | Rejected]:
    """Read the generic stock CSV: how many units of a SKU sit in a location."""
    source_file = path.name
    seen: dict[tuple[str, str], int] = {}
    for number, (location_text, sku_text, on_hand) in _catalog_rows(
        path, ("location", "sku", "on_hand"), ("location", "sku", "on_hand")
    ):
        p = _Problems()
        location = p.check(number, _required_ident, location_text, "location")
        sku = p.check(number, _required_ident, sku_text, "sku")
        units = p.check(number, _on_hand, on_hand, "on_hand")
        key = (location or "", sku or "")
        if key in seen:
            p.found.append((number, f"{location} / {sku} already appears at row {seen[key]}"))
        if p.found or location is None or sku is None or units is None:
            yield _rejected_row(source_file, number, p)
            continue
        seen[key] = number
        yield IncomingStock(location=location, sku=sku, on_hand=units, source_row=number)
