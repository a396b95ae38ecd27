"""The generic import formats, for every source without an importer of its own.

Orders come as CSV (one row per order line) or JSON lines (one order per line);
products, locations and stock come as CSV. resources/import-formats.md is what a
seller or an integrator reads: keep it in step with this module.

Every check appends ``(row, message)`` to a problem list instead of raising, so a
clerk sees all of a row's or an order's problems at once. Messages name the
column (or JSON field) and quote the value.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import datetime
from decimal import Decimal, InvalidOperation
from operator import itemgetter
from pathlib import Path

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
    exotic_number,
    parse_decimal,
    parse_int,
    plain_decimal,
    read_csv,
    unprotect,
)

Problems = list[tuple[int, str]]

# --- cell helpers, shared with the Shopify importer (candidates for csvtext) -----------------


def cell_picker(
    header: list[str], names: tuple[str, ...]
) -> Callable[[list[str]], tuple[str, ...]]:
    """Fetch several cells at once by column name; an absent column reads as empty.

    Rows must be padded by ``pad_row``, whose extra last cell is always empty, so an
    absent column can point at it instead of being checked on every row.
    """
    index = {name: i for i, name in reversed(list(enumerate(header)))}
    blank = len(header)
    getter = itemgetter(*(index.get(n, blank) for n in names))
    if len(names) == 1:
        return lambda cells: (getter(cells),)
    return getter  # itemgetter of two or more items returns a tuple


def pad_row(cells: list[str], width: int) -> list[str]:
    """Make a row exactly ``width`` cells long, plus the empty cell ``cell_picker`` relies on."""
    if len(cells) != width:
        cells = (cells + [""] * width)[:width]
    cells.append("")
    return cells


def ident(value: str) -> str:
    """An identifier (order number, SKU, phone, barcode) with Excel protection removed."""
    v = value.strip()
    # unprotect() only for the rare protected cell: big files stay fast.
    return unprotect(v) if v[:1] in ("=", "'") else v


def amount(value: str) -> Decimal | None:
    """``parse_decimal`` with a fast path for plain numbers; None when empty."""
    try:
        number = Decimal(value)
    except InvalidOperation:
        return parse_decimal(value)
    if not number.is_finite() or exotic_number(value):
        return parse_decimal(value)  # raises, with the reason
    return number


# --- checks -------------------------------------------------------------------------------------

_PAYMENT = {status.value: status for status in PaymentStatus}
_FLAGS = {
    **dict.fromkeys(("true", "yes", "y", "1"), True),
    **dict.fromkeys(("false", "no", "n", "0", ""), False),
}


def _money(value: str, field: str, at: int, problems: Problems) -> Decimal | None:
    try:
        number = amount(value)
    except ValueError:
        problems.append((at, f"{field} {value!r} is not an amount"))
        return None
    if number is not None and number < 0:
        problems.append((at, f"{field} {value!r} is negative"))
        return None
    return number


def _whole(value: str, field: str, at: int, problems: Problems, minimum: int = 0) -> int | None:
    try:
        number = int(value) if value.isdecimal() else parse_int(value)
    except ValueError:
        problems.append((at, f"{field} {value!r} is not a whole number"))
        return None
    if number is not None and number < minimum:
        problems.append((at, f"{field} {value!r} is less than {minimum}"))
        return None
    return number


def _qty(value: str, field: str, at: int, problems: Problems) -> int | None:
    try:
        qty = int(value) if value.isdecimal() else parse_int(value)
    except ValueError:
        qty = None
    if qty is None or qty <= 0:
        problems.append((at, f"{field} {value!r} is not a positive whole number"))
        return None
    return qty


def _moment(value: str, field: str, at: int, problems: Problems) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        problems.append(
            (at, f"{field} {value!r} is not an ISO 8601 time like 2024-03-05T14:22:10+08:00")
        )
        return None
    if moment.tzinfo is None:
        problems.append(
            (at, f"{field} {value!r} has no UTC offset; write e.g. {value}+08:00 for Beijing time")
        )
        return None
    return moment


def _required(value: str, field: str, at: int, problems: Problems) -> str:
    if not value:
        problems.append((at, f"{field} is empty"))
    return value


# --- orders ---------------------------------------------------------------------------------

# (row, field prefix for messages, sku, qty, unit_price, name), all text, stripped
_Line = tuple[int, str, str, str, str, str]


def _build_order(
    head: Mapping[str, str],
    lines: Sequence[_Line],
    at: int,
    unit: str,
    problems: Problems,
    source_file: str,
) -> IncomingOrder | Rejected:
    """One order from its own fields (text, stripped) and its lines; all or nothing."""
    order_no = _required(ident(head["order_no"]), "order_no", at, problems)
    line_problems: Problems = []  # listed after the order's own, which the clerk reads first
    # The one field whose name differs: CSV rows say status_payment, JSON lines payment_status.
    payment_field = "status_payment" if unit == "row" else "payment_status"
    payment = _PAYMENT.get(head[payment_field].lower())
    if payment is None:
        problems.append(
            (at, f"{payment_field} {head[payment_field]!r} is not one of {', '.join(_PAYMENT)}")
        )
    cancelled = _FLAGS.get(head["cancelled"].lower())
    if cancelled is None:
        problems.append(
            (at, f"cancelled {head['cancelled']!r} is not one of true, false, yes, no, 1, 0")
        )
    order = IncomingOrder(
        platform=_required(head["platform"], "platform", at, problems).lower(),
        order_no=order_no,
        lines=_order_lines(lines, line_problems),
        recipient=Recipient(
            name=head["name"],
            phone=ident(head["phone"]),
            country=head["country"].upper(),
            province=head["province"],
            city=head["city"],
            district=head["district"],
            address=head["address"],
            postcode=ident(head["postcode"]),
        ),
        payment_status=payment or PaymentStatus.UNPAID,
        store=head["store"] or None,
        cancelled=bool(cancelled),
        placed_at=_moment(head["placed_at"], "placed_at", at, problems),
        paid_at=_moment(head["paid_at"], "paid_at", at, problems),
        currency=(head["currency"] or "CNY").upper(),
        total=_money(head["total"], "total", at, problems),
        shipping_fee=_money(head["shipping_fee"], "shipping_fee", at, problems) or Decimal(0),
        shipping_method=head["shipping_method"],
        buyer_id=ident(head["buyer_id"]),
        buyer_email=head["buyer_email"],
        buyer_remark=head["buyer_remark"],
        seller_remark=head["seller_remark"],
        source_file=source_file,
        source_row=at,
    )
    if not lines:
        problems.append((at, "the order has no lines"))
    problems += line_problems
    if not problems:
        return order
    problems.sort(key=lambda problem: problem[0])  # stable: the order's own problems first
    detail = "; ".join(f"{unit} {row}: {text}" for row, text in problems)
    return Rejected(
        source_file,
        problems[0][0],
        f"order {order_no or '(no number)'} not imported "
        f"(an order is imported whole or not at all): {detail}",
        order_no=order_no or None,
    )


def _order_lines(lines: Sequence[_Line], problems: Problems) -> tuple[IncomingLine, ...]:
    result = []
    for row, prefix, sku_text, qty_text, price_text, name in lines:
        sku = _required(ident(sku_text), prefix + "sku", row, problems)
        qty = _qty(qty_text, prefix + "qty", row, problems)
        price = _money(price_text, prefix + "unit_price", row, problems)
        if price is None and not price_text:
            problems.append((row, f"{prefix}unit_price is empty"))
        if sku and qty is not None and price is not None:
            result.append(IncomingLine(sku=sku, qty=qty, unit_price=price, name=name))
    return tuple(result)


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
_ORDER_FIELDS = (
    "store",
    "platform",
    "order_no",
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
)
_RECIPIENT_FIELDS = (
    "name",
    "phone",
    "country",
    "province",
    "city",
    "district",
    "address",
    "postcode",
)
_ORDER_CSV_HEAD = (*_ORDER_FIELDS, "status_payment", *_RECIPIENT_FIELDS)
_ORDER_CSV_LINE = ("sku", "qty", "unit_price", "item_name")
_ORDER_JSON_HEAD = (*_ORDER_FIELDS, "payment_status")
_LINE_JSON = ("sku", "qty", "unit_price", "name")
_JSON = json.JSONDecoder(parse_float=Decimal)  # exact amounts, never binary floats


def parse_generic_orders_csv(path: Path) -> Iterator[IncomingOrder | Rejected]:
    """Read the generic orders CSV: one row per order line, grouped by (store, order_no).

    An order's rows need not be consecutive; its own fields come from its first row.
    Results follow the order of the orders' first rows, once the whole file is read.
    """
    source_file = path.name
    header, rows = read_csv(path)
    Columns(header, _ORDER_CSV_REQUIRED, source_file)
    width = len(header)
    blanks = [""] * width
    row_of = cell_picker(header, ("store", "order_no", *_ORDER_CSV_LINE))
    head_of = cell_picker(header, _ORDER_CSV_HEAD)
    # (store, order_no) or, for a row without order_no, its row number
    #   → (first row number, its order fields, its last line so far); a dict keeps the
    # file's order. Each line links to the order's line before it (see _CsvLine), so all
    # that is kept is tuples of text and numbers, never a list: the garbage collector
    # stops tracking such tuples after their first collection, while it would walk every
    # list again in each of the full collections a big file sets off (tens of ms each).
    groups: dict[tuple[str, str] | int, tuple[int, tuple[str, ...], _CsvLine]] = {}
    find = groups.get
    for number, cells in rows:
        # pad_row, inlined: this loop runs once per line of a file of 100,000 lines.
        if len(cells) != width:
            cells = (cells + blanks)[:width]
        cells.append("")
        store, order_no, sku, qty, price, name = row_of(cells)
        order_no = order_no.strip()
        if order_no[:1] in _PROTECTED:
            order_no = unprotect(order_no)
        key = (store.strip(), order_no) if order_no else number
        group = find(key)
        if group is None:
            groups[key] = (number, head_of(cells), (number, sku, qty, price, name, None))
        else:
            first, fields, last = group
            groups[key] = (first, fields, (number, sku, qty, price, name, last))
    for key, (first, fields, last) in groups.items():
        if isinstance(key, int):
            yield Rejected(
                source_file, first, "order_no is empty; every row needs its order number"
            )
            continue
        lines = []
        while last is not None:
            lines.append(last)
            last = last[5]
        lines.reverse()
        order = _plain_csv_order(fields, lines, first, source_file)
        if order is None:
            # Something looks wrong: the checks below name every problem, or pass
            # the order anyway (a "1,299.00" total, a "2.0" quantity).
            head = dict(zip(_ORDER_CSV_HEAD, map(str.strip, fields), strict=True))
            texts = [
                (row, "", sku.strip(), qty.strip(), price.strip(), name.strip())
                for row, sku, qty, price, name, _ in lines
            ]
            yield _build_order(head, texts, first, "row", [], source_file)
        else:
            yield order


# (row, sku, qty, unit_price, item_name, the order's line before it or None): the cells
# as the file holds them, not yet stripped
_CsvLine = tuple[int, str, str, str, str, "_CsvLine | None"]
_PROTECTED = ("=", "'")  # how an Excel-protected cell starts (see ident)
_ZERO = Decimal(0)


def _plain_csv_order(
    fields: tuple[str, ...], lines: list[_CsvLine], first: int, source_file: str
) -> IncomingOrder | None:
    """The order of a CSV group whose every value is plain, or None to let _build_order judge.

    Nearly every order of a big file is clean. Building it here skips the dozen helper
    calls of the checks and the exception an empty amount raises in amount(): most of
    what the parser itself adds to reading the file and constructing the results. It
    must give exactly what _build_order gives for the same cells, so it only takes the
    plain forms: text that Decimal and fromisoformat read as they are, quantities of
    digits, known status and flag spellings. Any other value, even one the checks would
    accept, goes to _build_order (test_fast_path_gives_what_the_checks_give holds the two
    to the same results).
    """
    (
        store,
        platform,
        order_no,
        cancelled,
        placed_at,
        paid_at,
        currency,
        total,
        shipping_fee,
        shipping_method,
        buyer_id,
        buyer_email,
        buyer_remark,
        seller_remark,
        status,
        name,
        phone,
        country,
        province,
        city,
        district,
        address,
        postcode,
    ) = map(str.strip, fields)
    payment = _PAYMENT.get(status.lower())
    flag = _FLAGS.get(cancelled.lower())
    if payment is None or flag is None or not platform:
        return None
    try:
        placed = datetime.fromisoformat(placed_at) if placed_at else None
        paid = datetime.fromisoformat(paid_at) if paid_at else None
        # Empty reads as None; anything Decimal refuses ("1,299.00", "¥12") is for _money.
        paid_total = plain_decimal(total) if total else None
        fee = plain_decimal(shipping_fee) if shipping_fee else _ZERO
        order_lines = []
        for _, sku, qty_text, price_text, item_name, _ in lines:
            sku = sku.strip()
            if sku[:1] in _PROTECTED:
                sku = unprotect(sku)
            qty_text = qty_text.strip()
            price_text = price_text.strip()
            if not (sku and qty_text.isdecimal() and price_text):
                return None
            qty = int(qty_text)
            price = plain_decimal(price_text)
            # NaN and infinities are not amounts; NaN < 0 would raise, so is_finite first.
            if qty <= 0 or not price.is_finite() or price < _ZERO:
                return None
            order_lines.append(
                IncomingLine(sku=sku, qty=qty, unit_price=price, name=item_name.strip())
            )
    except (ValueError, ArithmeticError):  # decimal.InvalidOperation is an ArithmeticError
        return None
    if (placed is not None and placed.tzinfo is None) or (paid is not None and paid.tzinfo is None):
        return None
    if paid_total is not None and (not paid_total.is_finite() or paid_total < _ZERO):
        return None
    if not fee.is_finite() or fee < _ZERO:
        return None
    return IncomingOrder(
        platform=platform.lower(),
        order_no=unprotect(order_no) if order_no[:1] in _PROTECTED else order_no,
        lines=tuple(order_lines),
        recipient=Recipient(
            name=name,
            phone=unprotect(phone) if phone[:1] in _PROTECTED else phone,
            country=country.upper(),
            province=province,
            city=city,
            district=district,
            address=address,
            postcode=unprotect(postcode) if postcode[:1] in _PROTECTED else postcode,
        ),
        payment_status=payment,
        store=store or None,
        cancelled=flag,
        placed_at=placed,
        paid_at=paid,
        currency=(currency or "CNY").upper(),
        total=paid_total,
        # _build_order writes `_money(...) or Decimal(0)`: a fee of "0.00" becomes 0 too.
        shipping_fee=fee or _ZERO,
        shipping_method=shipping_method,
        buyer_id=unprotect(buyer_id) if buyer_id[:1] in _PROTECTED else buyer_id,
        buyer_email=buyer_email,
        buyer_remark=buyer_remark,
        seller_remark=seller_remark,
        source_file=source_file,
        source_row=first,
    )


def _kind(value: object) -> str:
    if value is None or isinstance(value, bool):
        return "null" if value is None else "true/false"
    if isinstance(value, int | Decimal):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "a list" if isinstance(value, list) else "an object"


def _json_texts(
    data: dict[str, object], keys: tuple[str, ...], prefix: str, at: int, problems: Problems
) -> list[str]:
    """JSON values as the text a CSV cell would hold; JSON numbers keep their digits."""
    texts = []
    for key in keys:
        value = data.get(key)
        if type(value) is str:
            texts.append(value.strip())
        elif value is None:
            texts.append("")
        elif isinstance(value, bool):
            texts.append("true" if value else "false")
        elif isinstance(value, int | Decimal):
            texts.append(str(value))
        else:
            problems.append((at, f"{prefix}{key} must be text or a number, not {_kind(value)}"))
            texts.append("")
    return texts


def _json_order(data: dict[str, object], number: int, source_file: str) -> IncomingOrder | Rejected:
    order_no = data.get("order_no")
    if isinstance(order_no, int | Decimal) and not isinstance(order_no, bool):
        return Rejected(
            source_file,
            number,
            f'line {number}: order_no {order_no} is a JSON number; write it as a string ("{order_no}") '
            "because long order numbers lose digits in many JSON writers",
        )
    recipient = data.get("recipient") or {}
    items = data.get("lines")
    if not isinstance(recipient, dict):
        problem = f"recipient must be an object, not {_kind(recipient)}"
    elif not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        problem = 'lines must be a list of objects like {"sku": …, "qty": …, "unit_price": …}'
    else:
        problem = ""
    if problem:
        return Rejected(
            source_file,
            number,
            f"line {number}: {problem}",
            order_no=order_no if isinstance(order_no, str) else None,
        )
    assert isinstance(items, list)
    problems: Problems = []
    texts = _json_texts(data, _ORDER_JSON_HEAD, "", number, problems)
    head = dict(zip(_ORDER_JSON_HEAD, texts, strict=True))
    texts = _json_texts(recipient, _RECIPIENT_FIELDS, "recipient.", number, problems)
    head.update(zip(_RECIPIENT_FIELDS, texts, strict=True))
    lines: list[_Line] = []
    for i, item in enumerate(items):
        prefix = f"lines[{i}]."
        sku, qty, price, name = _json_texts(item, _LINE_JSON, prefix, number, problems)
        lines.append((number, prefix, sku, qty, price, name))
    return _build_order(head, lines, number, "line", problems, source_file)


def parse_generic_orders_jsonl(path: Path) -> Iterator[IncomingOrder | Rejected]:
    """Read generic JSON lines: one order per line; line numbers count from 1."""
    source_file = path.name
    text, _ = decode_bytes(path.read_bytes())
    seen: dict[tuple[str, str], int] = {}
    # Split on "\n" only: str.splitlines would also break at U+2028 inside a JSON string.
    for number, raw in enumerate(text.split("\n"), 1):
        if not raw.strip():
            continue
        try:
            data = _JSON.decode(raw)
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
        result = _json_order(data, number, source_file)
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


# --- catalog: products, locations, stock ----------------------------------------------------


def _catalog_rows(
    path: Path, required: tuple[str, ...], fields: tuple[str, ...]
) -> Iterator[tuple[int, tuple[str, ...]]]:
    header, rows = read_csv(path)
    Columns(header, required, path.name)
    width = len(header)
    pick = cell_picker(header, fields)
    for number, cells in rows:
        yield number, tuple(map(str.strip, pick(pad_row(cells, width))))


def _barcodes(value: str, field: str, at: int, problems: Problems) -> tuple[str, ...]:
    codes = tuple(ident(code) for code in value.split("|") if code.strip())
    for code in codes:
        if "E+" in code.upper():
            problems.append(
                (
                    at,
                    f"{field} {code!r} was turned into a number by a spreadsheet; "
                    "format the column as text and export again",
                )
            )
    return codes


def _rejected_row(source_file: str, problems: Problems) -> Rejected:
    return Rejected(source_file, problems[0][0], "; ".join(text for _, text in problems))


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
        problems: Problems = []
        sku = _required(ident(sku_text), "sku", number, problems)
        if sku in seen:
            problems.append((number, f"sku {sku!r} already appears at row {seen[sku]}"))
        codes = _barcodes(barcode, "barcode", number, problems)
        case_codes = _barcodes(case_barcode, "case_barcode", number, problems)
        if len(case_codes) > 1:
            problems.append((number, f"case_barcode {case_barcode!r} holds more than one barcode"))
        units = _whole(case_qty, "case_qty", number, problems)
        if case_codes and not units:
            problems.append((number, "case_barcode is given but case_qty is empty"))
        weight, length, width, height = (
            _whole(value, field, number, problems)
            for value, field in zip(sizes, _PRODUCT_FIELDS[6:10], strict=True)
        )
        unit_price = _money(price, "price", number, problems)
        if problems:
            yield _rejected_row(source_file, problems)
            continue
        seen[sku] = number
        yield IncomingProduct(
            sku=sku,
            name_zh=name_zh,
            name_en=name_en,
            barcodes=codes,
            case_barcode=case_codes[0] if case_codes else "",
            case_qty=units or 0,
            weight_g=weight,
            length_mm=length,
            width_mm=width,
            height_mm=height,
            price=unit_price,
            source_row=number,
        )


_LOCATION_FIELDS = ("warehouse", "zone", "aisle", "position", "level", "barcode")


def parse_generic_locations(path: Path) -> Iterator[IncomingLocation | Rejected]:
    """Read the generic locations CSV: one bin per row; aisle, position and level count from 1."""
    source_file = path.name
    seen: dict[object, int] = {}  # a location's place and its barcode → first row
    for number, values in _catalog_rows(path, _LOCATION_FIELDS[:5], _LOCATION_FIELDS):
        warehouse, zone, aisle_text, position_text, level_text, barcode_text = values
        problems: Problems = []
        _required(warehouse, "warehouse", number, problems)
        _required(zone, "zone", number, problems)
        aisle, position, level = (
            _whole(_required(text, field, number, problems), field, number, problems, 1)
            for text, field in zip(
                (aisle_text, position_text, level_text), _LOCATION_FIELDS[2:5], strict=True
            )
        )
        barcode = ident(barcode_text)
        place = (warehouse, zone, aisle, position, level)
        if place in seen:
            problems.append((number, f"this location already appears at row {seen[place]}"))
        if barcode in seen:
            problems.append((number, f"barcode {barcode!r} already appears at row {seen[barcode]}"))
        if problems or aisle is None or position is None or level is None:
            yield _rejected_row(source_file, problems)
            continue
        seen[place] = number
        if barcode:
            seen[barcode] = number
        yield IncomingLocation(
            warehouse=warehouse,
            zone=zone,
            aisle=aisle,
            position=position,
            level=level,
            barcode=barcode,
            source_row=number,
        )


def parse_generic_stock(path: Path) -> Iterator[IncomingStock | Rejected]:
    """Read the generic stock CSV: how many units of a SKU sit in a location."""
    source_file = path.name
    fields = ("location", "sku", "on_hand")
    seen: dict[tuple[str, str], int] = {}
    for number, (location_text, sku_text, on_hand) in _catalog_rows(path, fields, fields):
        problems: Problems = []
        location = _required(ident(location_text), "location", number, problems)
        sku = _required(ident(sku_text), "sku", number, problems)
        units = _whole(_required(on_hand, "on_hand", number, problems), "on_hand", number, problems)
        key = (location, sku)
        if key in seen:
            problems.append((number, f"{location} / {sku} already appears at row {seen[key]}"))
        if problems or units is None:
            yield _rejected_row(source_file, problems)
            continue
        seen[key] = number
        yield IncomingStock(location=location, sku=sku, on_hand=units, source_row=number)
