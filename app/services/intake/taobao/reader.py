"""Reading a Taobao/Tmall seller-centre export pair and joining its two files on 订单编号.

The seller centre exports an order in two files: the list (订单报表) has one row per
order (buyer, address, status, totals), the details (宝贝报表) one row per item.
Neither is usable alone, so both are read and joined. Tmall writes the same format.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from app.domain.incoming import IncomingOrder, Rejected
from app.services.intake.csvtext import PROTECTED, Columns, FileFormatError, read_csv, unprotect
from app.services.intake.taobao.cells import excel_hint
from app.services.intake.taobao.order import DETAIL_FIELDS, LIST_FIELDS, Item, order

_LIST_REQUIRED = ("订单编号", "买家会员名", "订单状态", "收货人姓名", "收货地址")
_DETAIL_REQUIRED = ("订单编号", "标题", "价格", "购买数量")

# A file's name, its columns and its rows (padded, see read_csv)
_File = tuple[str, Columns, Iterator[tuple[int, list[str]]]]
# A detail file's rows of one order as a chain, the last row first: (row number,
# DETAIL_FIELDS, the chain of the rows before it or None). Tuples of text and numbers
# only, never a list: the garbage collector stops tracking such tuples after their first
# collection, while it would walk every list again in each of the full collections a big
# file sets off. _items() turns a chain back into rows in file order.
_Chain = tuple[int, tuple[str, ...], "_Chain | None"]


def is_taobao_order_list(header: list[str]) -> bool:
    """True for a seller-centre order list (订单报表): one row per order, with the address."""
    names = {h.strip() for h in header}
    return all(c in names for c in _LIST_REQUIRED)


def is_taobao_order_details(header: list[str]) -> bool:
    """True for a seller-centre order detail file (宝贝报表): one row per item."""
    names = {h.strip() for h in header}
    return all(c in names for c in _DETAIL_REQUIRED) and "收货地址" not in names


def parse_taobao(
    paths: Sequence[Path], platform: str = "taobao"
) -> Iterator[IncomingOrder | Rejected]:
    """Read order list and order detail files, in any order; yield one result per order.

    Several pairs may be given at once. An order's items are taken from the first
    detail file (in the order given) that has them, so overlapping exports do not
    double the lines. Detail rows whose order is in no list file are rejected row
    by row, after the orders.

    Raises FileFormatError at once (not on first iteration) when a file is neither
    kind, lacks columns, or when only lists or only detail files are given.
    """
    lists: list[_File] = []
    details: list[_File] = []
    for path in paths:
        header, rows = read_csv(path, padded=True)
        if is_taobao_order_list(header):
            lists.append((path.name, Columns(header, _LIST_REQUIRED, path.name), rows))
        elif is_taobao_order_details(header):
            details.append((path.name, Columns(header, _DETAIL_REQUIRED, path.name), rows))
        else:
            raise FileFormatError(
                f"{path.name}: neither a Taobao order list (订单报表) nor an order detail "
                f"file (宝贝报表); found columns: {', '.join(h for h in header if h)}"
            )
    if not lists and not details:
        raise FileFormatError("no files given: need an order list and its order detail file")
    if not lists:
        names = ", ".join(name for name, _, _ in details)
        raise FileFormatError(
            f"the order list file (订单报表, one row per order) is missing; "
            f"{names} only holds order details (宝贝报表)"
        )
    if not details:
        names = ", ".join(name for name, _, _ in lists)
        raise FileFormatError(
            f"the order detail file (宝贝报表, one row per item) is missing; "
            f"{names} only holds the order list (订单报表)"
        )
    for name, columns, _ in details:
        if not (columns.has("商家编码") or columns.has("外部系统编号")):
            raise FileFormatError(f"{name}: missing column(s) 商家编码 or 外部系统编号")
    return _parse(lists, details, platform)


def _items(chain: _Chain | None) -> list[Item]:
    rows = []
    while chain is not None:
        number, fields, chain = chain
        rows.append((number, fields))
    rows.reverse()
    return rows


def _parse(
    lists: list[_File], details: list[_File], platform: str
) -> Iterator[IncomingOrder | Rejected]:
    # order number → ((detail file, its rows of the order as a _Chain), ...), in the
    # order the files were given
    items: dict[str, tuple[tuple[str, _Chain], ...]] = {}
    for name, columns, rows in details:
        pick = columns.picker(DETAIL_FIELDS)
        in_file: dict[str, _Chain] = {}
        last_of = in_file.get
        for number, cells in rows:
            fields = tuple(map(str.strip, pick(cells)))
            order_no = fields[0]
            if order_no[:1] in PROTECTED:  # ="3712…", as the seller centre writes it
                order_no = unprotect(order_no)
            if not order_no:
                yield Rejected(name, number, "订单编号 (order number) is empty")
                continue
            in_file[order_no] = (number, fields, last_of(order_no))
        for order_no, chain in in_file.items():
            items[order_no] = (*items.get(order_no, ()), (name, chain))

    listed: set[str] = set()
    for name, columns, rows in lists:
        pick = columns.picker(LIST_FIELDS)
        for number, cells in rows:
            fields = tuple(map(str.strip, pick(cells)))
            order_no = fields[0]
            if order_no[:1] in PROTECTED:
                order_no = unprotect(order_no)
            listed.add(order_no)
            in_details = items.get(order_no)
            # The first detail file wins: overlapping exports must not double the items.
            found = (in_details[0][0], _items(in_details[0][1])) if in_details else None
            yield order(name, number, fields, order_no, found, platform)

    for order_no, in_details in items.items():
        if order_no in listed:
            continue
        for name, chain in in_details:
            for number, _ in _items(chain):
                yield Rejected(
                    name,
                    number,
                    f"order {order_no} has an item row here but is not in the order list "
                    f"(订单报表){excel_hint(order_no)}",
                    order_no=order_no,
                )
