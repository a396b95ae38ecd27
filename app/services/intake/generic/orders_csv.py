"""The generic orders CSV: one row per order line, grouped into orders by (store, order_no)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from operator import itemgetter
from pathlib import Path

from app.domain.incoming import IncomingOrder, Rejected
from app.services.intake.build import plain_lines, plain_values
from app.services.intake.checks import Problems
from app.services.intake.csvtext import PROTECTED, Columns, read_csv, unprotect
from app.services.intake.generic.order import (
    CSV_LINE,
    FLAGS,
    ORDER_FIELDS,
    PAYMENT,
    RECIPIENT_FIELDS,
    Head,
    build_order,
    incoming,
)

REQUIRED = (
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
_HEAD = (*ORDER_FIELDS, "status_payment", *RECIPIENT_FIELDS)  # the columns of a Head
_LINE = ("sku", "qty", "unit_price", "item_name")

# (row, sku, qty, unit_price, item_name, the order's line before it or None): the cells
# as the file holds them, not yet stripped
_CsvLine = tuple[int, str, str, str, str, "_CsvLine | None"]
_LINE_CELLS = itemgetter(1, 2, 3, 4)  # a _CsvLine's sku, qty, unit_price, item_name
# The fields of a Head that the fast path looks at before it builds the order
_CHECKED = itemgetter(
    *map(
        Head._fields.index,
        ("payment", "cancelled", "platform", "placed_at", "paid_at", "total", "shipping_fee"),
    )
)


def parse_generic_orders_csv(path: Path) -> Iterator[IncomingOrder | Rejected]:
    """Read the generic orders CSV: one row per order line, grouped by (store, order_no).

    An order's rows need not be consecutive; its own fields come from its first row.
    Results follow the order of the orders' first rows, once the whole file is read.
    """
    source_file = path.name
    header, rows = read_csv(path, padded=True)
    columns = Columns(header, REQUIRED, source_file)
    row_of = columns.picker(("store", "order_no", *_LINE))
    head_of = columns.picker(_HEAD)
    # (store, order_no) or, for a row without order_no, its row number
    #   → (first row number, its order fields, its last line so far); a dict keeps the
    # file's order. Each line links to the order's line before it (see _CsvLine), so all
    # that is kept is tuples of text and numbers, never a list: the garbage collector
    # stops tracking such tuples after their first collection, while it would walk every
    # list again in each of the full collections a big file sets off (tens of ms each).
    groups: dict[tuple[str, str] | int, tuple[int, tuple[str, ...], _CsvLine]] = {}
    find = groups.get
    for number, cells in rows:
        store, order_no, sku, qty, price, name = row_of(cells)
        order_no = order_no.strip()
        if order_no[:1] in PROTECTED:  # ident(), inlined: this loop runs once per line
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
        link: _CsvLine | None = last
        while link is not None:
            lines.append(link)
            link = link[5]
        lines.reverse()
        head = tuple(map(str.strip, fields))  # a Head, without its attributes' cost
        order = _plain_csv_order(head, lines, first, source_file)
        if order is None:
            # Something looks wrong: the checks name every problem, or pass the order
            # anyway (a "1,299.00" total, a "2.0" quantity).
            texts = [
                (row, CSV_LINE, sku.strip(), qty.strip(), price.strip(), name.strip())
                for row, sku, qty, price, name, _ in lines
            ]
            yield build_order(Head._make(head), texts, first, Problems(source_file))
        else:
            yield order


def _plain_csv_order(
    head: tuple[str, ...], lines: list[_CsvLine], first: int, source_file: str
) -> IncomingOrder | None:
    """The order of a CSV group whose every value is plain, or None to let build_order judge.

    Nearly every order of a big file is clean. Building it here skips the dozen helper
    calls of the checks and the exceptions they raise: most of what the parser itself
    adds to reading the file and constructing the results. It must give exactly what
    build_order gives for the same cells, so it only takes the plain forms: text that
    Decimal and fromisoformat read as they are, quantities of digits, known status and
    flag spellings. Any other value, even one the checks would accept, goes to
    build_order (test_fast_path_gives_what_the_checks_give holds the two to the same
    results).
    """
    status, cancelled, platform, placed_at, paid_at, total, shipping_fee = _CHECKED(head)
    payment = PAYMENT.get(status.lower())
    flag = FLAGS.get(cancelled.lower())
    if payment is None or flag is None or not platform:
        return None
    values = plain_values(placed_at, paid_at, total, shipping_fee, datetime.fromisoformat)
    if values is None:
        return None
    order_lines = plain_lines(map(_LINE_CELLS, lines))
    if order_lines is None:
        return None
    return incoming(head, order_lines, payment, flag, values, source_file, first)
