"""Taobao/Tmall seller-centre exports: the order list (订单报表) and its order details (宝贝报表).

The seller centre exports an order in two files: the list has one row per order
(buyer, address, status, totals), the details one row per item. Neither is usable
alone, so both are read and joined on 订单编号. Tmall writes the same format.
An order is imported whole or not at all: one bad item row rejects the whole order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timedelta, timezone, tzinfo
from decimal import Decimal, InvalidOperation
from operator import itemgetter
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from app.domain.cn_address import split_cn_address
from app.domain.incoming import IncomingLine, IncomingOrder, PaymentStatus, Recipient, Rejected
from app.services.intake.csvtext import (
    Columns,
    FileFormatError,
    exotic_number,
    parse_decimal,
    parse_int,
    read_csv,
    unprotect,
)


def _shanghai() -> tzinfo:
    try:
        return ZoneInfo("Asia/Shanghai")
    except ZoneInfoNotFoundError:
        # Windows without the tzdata package; China has had no DST since 1991.
        return timezone(timedelta(hours=8), "Asia/Shanghai")


SHANGHAI = _shanghai()

_LIST_REQUIRED = ("订单编号", "买家会员名", "订单状态", "收货人姓名", "收货地址")
_DETAIL_REQUIRED = ("订单编号", "标题", "价格", "购买数量")
_CLOSED = "交易关闭"
_ZERO = Decimal("0")
# 订单状态 → payment status; 交易关闭 is handled apart because it depends on refunds.
_STATUS = {
    "等待买家付款": PaymentStatus.UNPAID,
    "买家已付款，等待卖家发货": PaymentStatus.PAID,
    "卖家已发货，等待买家确认": PaymentStatus.PAID,
    "交易成功": PaymentStatus.PAID,
    "部分发货": PaymentStatus.PAID,
}
# Kept verbatim in IncomingOrder.extra (only when not empty) for people and later rules.
_EXTRA = {
    "买家支付宝账号": "alipay_account",
    "物流公司": "carrier",
    "物流单号": "tracking_no",
    "店铺Id": "shop_id",
    "发票抬头": "invoice_title",
    "订单关闭原因": "close_reason",
    "异常信息": "anomaly",
    "修改后的sku": "changed_sku",
    "分阶段订单信息": "staged_order",
    "确认收货时间": "confirmed_at",
}


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
    lists: list[tuple[str, Columns, Iterator[tuple[int, list[str]]]]] = []
    details: list[tuple[str, Columns, Iterator[tuple[int, list[str]]]]] = []
    for path in paths:
        header, rows = read_csv(path)
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


def _picker(columns: Columns, names: tuple[str, ...]) -> tuple[int, itemgetter[Any]]:
    """(width, getter): rows padded to width plus one "" fetch the named cells in one call.

    A column the file lacks points at the extra "" after the padding. The parsers pad
    rows themselves, inline, because they do it once per row of a big file.
    """
    width = max(columns.index.values(), default=-1) + 1
    return width, itemgetter(*(columns.index.get(n, width) for n in names))


_DETAIL_FIELDS = (
    "订单编号",
    "商家编码",
    "外部系统编号",
    "购买数量",
    "价格",
    "标题",
    "商品属性",
    "订单状态",
)
_LIST_FIELDS = (
    *("订单编号", "买家会员名", "订单状态", "买家留言", "订单备注", "店铺名称", "宝贝总数量"),
    *("收货人姓名", "收货地址", "修改后的收货地址", "联系手机", "联系电话", "运送方式", "物流公司"),
    *("订单创建时间", "订单付款时间", "买家实际支付金额", "总金额", "买家应付邮费", "退款金额"),
    *_EXTRA,
)
_EXTRA_KEYS = tuple(_EXTRA.values())
_VALUE = itemgetter(1)
_PROTECTED = ("=", "'")  # how an Excel-protected cell starts (see unprotect)
# One detail row, kept raw (stripped) until its order is built: its row number and
# _DETAIL_FIELDS.
_Item = tuple[int, tuple[str, ...]]
# A detail file's rows of one order as a chain, the last row first: (row number,
# _DETAIL_FIELDS, the chain of the rows before it or None). Tuples of text and numbers
# only, never a list: the garbage collector stops tracking such tuples after their first
# collection, while it would walk every list again in each of the full collections a big
# file sets off. _items() turns a chain back into rows in file order.
_Chain = tuple[int, tuple[str, ...], "_Chain | None"]


def _items(chain: _Chain | None) -> list[_Item]:
    rows = []
    while chain is not None:
        number, fields, chain = chain
        rows.append((number, fields))
    rows.reverse()
    return rows


def _parse(
    lists: list[tuple[str, Columns, Iterator[tuple[int, list[str]]]]],
    details: list[tuple[str, Columns, Iterator[tuple[int, list[str]]]]],
    platform: str,
) -> Iterator[IncomingOrder | Rejected]:
    # order number → ((detail file, its rows of the order as a _Chain), ...), in the
    # order the files were given
    items: dict[str, tuple[tuple[str, _Chain], ...]] = {}
    for name, columns, rows in details:
        width, pick = _picker(columns, _DETAIL_FIELDS)
        blanks = [""] * width
        in_file: dict[str, _Chain] = {}
        last_of = in_file.get
        for number, cells in rows:
            # Padding inlined (see _picker): this loop runs once per item of a big export.
            if len(cells) != width:
                cells = (cells + blanks)[:width]
            cells.append("")
            fields = tuple(map(str.strip, pick(cells)))
            order_no = fields[0]
            if order_no[:1] in _PROTECTED:  # ="3712…", as the seller centre writes it
                order_no = unprotect(order_no)
            if not order_no:
                yield Rejected(name, number, "订单编号 (order number) is empty")
                continue
            in_file[order_no] = (number, fields, last_of(order_no))
        for order_no, chain in in_file.items():
            items[order_no] = (*items.get(order_no, ()), (name, chain))

    listed: set[str] = set()
    for name, columns, rows in lists:
        width, pick = _picker(columns, _LIST_FIELDS)
        blanks = [""] * width
        for number, cells in rows:
            if len(cells) != width:
                cells = (cells + blanks)[:width]
            cells.append("")
            fields = tuple(map(str.strip, pick(cells)))
            order_no = fields[0]
            if order_no[:1] in _PROTECTED:
                order_no = unprotect(order_no)
            listed.add(order_no)
            in_details = items.get(order_no)
            # The first detail file wins: overlapping exports must not double the items.
            found = (in_details[0][0], _items(in_details[0][1])) if in_details else None
            yield _order(name, number, fields, order_no, found, platform)

    for order_no, in_details in items.items():
        if order_no in listed:
            continue
        for name, chain in in_details:
            for number, _ in _items(chain):
                yield Rejected(
                    name,
                    number,
                    f"order {order_no} has an item row here but is not in the order list "
                    f"(订单报表){_excel_hint(order_no)}",
                    order_no=order_no,
                )


def _order(
    source_file: str,
    number: int,
    fields: tuple[str, ...],
    order_no: str,
    found: tuple[str, list[_Item]] | None,
    platform: str,
) -> IncomingOrder | Rejected:
    """One order from its list row (_LIST_FIELDS, stripped) and its detail file's rows."""
    if not (order_no.isascii() and order_no.isdigit()):
        reason = (
            f"订单编号 {order_no!r} is not a Taobao order number{_excel_hint(order_no)}"
            if order_no
            else "订单编号 (order number) is empty"
        )
        return Rejected(source_file, number, reason, order_no=order_no or None)
    # The row as named values rather than a dict of _LIST_FIELDS: one fewer dict per order.
    (
        _,
        buyer_id,
        status_text,
        buyer_remark,
        seller_remark,
        store,
        total_units_text,
        name,
        address,
        changed_address,
        mobile,
        phone,
        shipping_method,
        carrier,
        placed_text,
        paid_text,
        paid_amount_text,
        total_text,
        fee_text,
        refund_text,
        *extra_texts,
    ) = fields

    problems: list[tuple[str, int, str]] = []  # (file, row, what is wrong)

    def problem(text: str) -> None:
        problems.append((source_file, number, text))

    status = status_text.replace(",", "，").replace(" ", "")
    cancelled = status == _CLOSED
    refund = _money(refund_text, "退款金额", problem) or _ZERO
    if cancelled:
        payment = PaymentStatus.REFUNDED if refund > 0 else PaymentStatus.UNPAID
    elif status in _STATUS:
        payment = _STATUS[status]
        if payment is PaymentStatus.PAID and refund > 0:
            payment = PaymentStatus.PARTIALLY_REFUNDED
    else:
        payment = PaymentStatus.UNPAID
        problem(f"unknown 订单状态 (order status) {status_text!r}")

    placed_at = _time(placed_text, "订单创建时间", problem)
    paid_at = _time(paid_text, "订单付款时间", problem)
    paid = _money(paid_amount_text, "买家实际支付金额", problem)
    total = paid if paid is not None else _money(total_text, "总金额", problem)
    shipping_fee = _money(fee_text, "买家应付邮费", problem) or _ZERO

    lines: list[IncomingLine] = []
    closed_items: list[str] = []
    if found is None:
        problem("no item rows for this order in the order detail file (宝贝报表)")
    else:
        detail_file, rows_of_order = found
        units = 0
        closed: list[IncomingLine] = []  # closed on its own: refunded before shipping
        for item_row, item in rows_of_order:
            line = _line(detail_file, item_row, item, problems)
            if line is None:
                continue
            units += line.qty
            if item[-1] == _CLOSED and not cancelled:
                closed.append(line)
            else:
                lines.append(line)
        if closed and not lines:
            lines, closed = closed, []  # every item closed yet the order is live: keep all
        closed_items = [f"{line.sku} x{line.qty}" for line in closed]
        total_units = _whole(total_units_text)
        if total_units is None and total_units_text:
            problem(f"宝贝总数量 (total quantity) {total_units_text!r} is not a whole number")
        all_read = len(lines) + len(closed) == len(rows_of_order)
        if total_units is not None and all_read and units != total_units:
            rows = ", ".join(str(r) for r, _ in rows_of_order)
            plural = "s" if len(rows_of_order) > 1 else ""
            problem(
                f"宝贝总数量 (total quantity) is {total_units} but the item rows "
                f"in {detail_file} (row{plural} {rows}) add up to {units}"
            )

    if problems:
        where = "; ".join(f"{f} row {r}: {text}" for f, r, text in problems)
        return Rejected(
            problems[0][0],
            problems[0][1],
            f"order {order_no} not imported (an order is imported whole or not at all): {where}",
            order_no=order_no,
        )

    # A buyer may change the address after paying; the changed one is where it must go.
    province, city, district, street, postcode = split_cn_address(changed_address or address)
    # The extra cells that are not empty, by their extra name; filter and itemgetter keep
    # the loop in C. unprotect() then only for the few that need it ('78563412901234).
    extra = dict(filter(_VALUE, zip(_EXTRA_KEYS, extra_texts, strict=True)))
    for key, v in extra.items():
        if v[:1] in _PROTECTED:
            extra[key] = unprotect(v)
    if changed_address:
        extra["original_address"] = address
    if refund:
        extra["refund_amount"] = str(refund)
    if closed_items:
        extra["closed_items"] = ", ".join(closed_items)
    return IncomingOrder(
        platform=platform,
        order_no=order_no,
        lines=tuple(lines),
        recipient=Recipient(
            name=name,
            phone=_mobile(mobile) or (unprotect(phone) if phone[:1] in _PROTECTED else phone),
            country="CN",
            province=province,
            city=city,
            district=district,
            address=street,
            postcode=postcode,
        ),
        payment_status=payment,
        store=store or None,
        cancelled=cancelled,
        placed_at=placed_at,
        paid_at=paid_at,
        total=total,
        shipping_fee=shipping_fee,
        shipping_method=shipping_method or carrier,
        buyer_id=buyer_id,
        buyer_remark=buyer_remark,
        seller_remark=seller_remark,
        source_file=source_file,
        source_row=number,
        extra=extra,
    )


def _line(
    detail_file: str, row: int, fields: tuple[str, ...], problems: list[tuple[str, int, str]]
) -> IncomingLine | None:
    _, sku, alt_sku, qty_text, price_text, title, props, _ = fields
    # The cells are stripped: unprotect() is only needed for a protected one ('600123).
    if sku[:1] in _PROTECTED:
        sku = unprotect(sku)
    if not sku:
        sku = unprotect(alt_sku)
    name = f"{title} ({props})" if props else title
    if (
        sku
        and qty_text.isdecimal()
        and price_text[:1].isdecimal()
        and not exotic_number(price_text)
    ):
        # The plain "2" and "89.00" of nearly every row, without the helpers' clean-up.
        try:
            qty, price = int(qty_text), Decimal(price_text)
        except InvalidOperation:
            pass
        else:
            if qty > 0:
                return IncomingLine(sku=sku, qty=qty, unit_price=price, name=name)
    count = _whole(qty_text)
    try:
        amount = parse_decimal(price_text)
    except ValueError:
        amount = None
    if sku and count is not None and count > 0 and amount is not None and amount >= 0:
        return IncomingLine(sku=sku, qty=count, unit_price=amount, name=name)
    if not sku:
        problems.append(
            (detail_file, row, f"item {name!r} has no 商家编码 (seller SKU) and no 外部系统编号")
        )
    if count is None or count <= 0:
        problems.append(
            (detail_file, row, f"购买数量 (quantity) {qty_text!r} is not a positive whole number")
        )
    if amount is None or amount < 0:
        problems.append((detail_file, row, f"价格 (price) {price_text!r} is not an amount"))
    return None


def _whole(text: str) -> int | None:
    """A whole number, or None when the cell is empty or is not one."""
    if text.isdecimal():
        return int(text)
    if "e" in text.lower():
        return None  # parse_int would expand "1e500000" into a huge int, for seconds
    try:
        return parse_int(text)
    except (ValueError, ArithmeticError):
        return None


def _money(value: str, column: str, problem: Callable[[str], None]) -> Decimal | None:
    if value[:1].isdecimal() and not exotic_number(value):
        try:
            return Decimal(value)  # the plain "89.00" of nearly every cell, quickly
        except InvalidOperation:
            pass
    try:
        amount = parse_decimal(value)
    except ValueError:
        problem(f"{column} {value!r} is not an amount")
        return None
    if amount is not None and amount < 0:
        problem(f"{column} {value!r} is negative")
        return None
    return amount


def _time(value: str, column: str, problem: Callable[[str], None]) -> datetime | None:
    """Read the seller centre's ``2024-03-05 14:22:10`` (Beijing time) as an aware datetime."""
    v = value if value[:1].isdigit() else unprotect(value)
    if not v:
        return None
    try:
        moment = datetime.fromisoformat(v)
    except ValueError:
        moment = None
        for fmt in ("%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d"):  # re-saved by Excel
            try:
                moment = datetime.strptime(v, fmt)
                break
            except ValueError:
                pass
    if moment is None:
        problem(f"{column} {value!r} is not a date like 2024-03-05 14:22:10")
        return None
    if moment.tzinfo:
        return moment
    # The constructor is several times faster than moment.replace(tzinfo=...).
    m = moment
    return datetime(m.year, m.month, m.day, m.hour, m.minute, m.second, m.microsecond, SHANGHAI)


def _mobile(value: str) -> str:
    """``="+86 138 0013 8000"`` → ``13800138000``; masked numbers (138****8000) pass as they are."""
    v = value.strip()
    if v[:1] in _PROTECTED:
        v = unprotect(v)
    v = v.replace(" ", "").replace("-", "").removeprefix("+")
    if v.startswith("0086"):
        v = v[4:]
    elif v.startswith("86") and len(v) == 13:
        v = v[2:]
    return v


def _excel_hint(order_no: str) -> str:
    if "E+" in order_no.upper():
        return "; a spreadsheet turned it into a number: export again and do not save it in Excel"
    return ""
