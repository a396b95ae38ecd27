"""One Taobao/Tmall order from its order-list row and its rows in the order details.

An order is imported whole or not at all: one bad item row rejects the whole order.
"""

from __future__ import annotations

from app.domain.cn_address import split_cn_address
from app.domain.incoming import IncomingLine, IncomingOrder, PaymentStatus, Recipient, Rejected
from app.services.intake.build import ZERO, LineLabels, checked_line, plain_line, present
from app.services.intake.checks import Problems, money, whole
from app.services.intake.csvtext import PROTECTED, unprotect
from app.services.intake.taobao.cells import beijing_time, excel_hint, mobile

_CLOSED = "交易关闭"
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
_EXTRA_KEYS = tuple(_EXTRA.values())

DETAIL_FIELDS = (
    "订单编号",
    "商家编码",
    "外部系统编号",
    "购买数量",
    "价格",
    "标题",
    "商品属性",
    "订单状态",
)
LIST_FIELDS = (
    *("订单编号", "买家会员名", "订单状态", "买家留言", "订单备注", "店铺名称", "宝贝总数量"),
    *("收货人姓名", "收货地址", "修改后的收货地址", "联系手机", "联系电话", "运送方式", "物流公司"),
    *("订单创建时间", "订单付款时间", "买家实际支付金额", "总金额", "买家应付邮费", "退款金额"),
    *_EXTRA,
)
_ITEM = LineLabels(
    "商家编码 (seller SKU)",
    "购买数量 (quantity)",
    "价格 (price)",
    no_sku="item {name!r} has no 商家编码 (seller SKU) and no 外部系统编号",
    price_not_an_amount=True,
)
_TOTAL_UNITS = "宝贝总数量 (total quantity)"
# One detail row, kept raw (stripped) until its order is built: its row number and
# DETAIL_FIELDS.
Item = tuple[int, tuple[str, ...]]


def order(
    source_file: str,
    number: int,
    fields: tuple[str, ...],
    order_no: str,
    found: tuple[str, list[Item]] | None,
    platform: str,
) -> IncomingOrder | Rejected:
    """One order from its list row (LIST_FIELDS, stripped) and its detail file's rows."""
    if not (order_no.isascii() and order_no.isdigit()):
        reason = (
            f"订单编号 {order_no!r} is not a Taobao order number{excel_hint(order_no)}"
            if order_no
            else "订单编号 (order number) is empty"
        )
        return Rejected(source_file, number, reason, order_no=order_no or None)
    # The row as named values rather than a dict of LIST_FIELDS: one fewer dict per order.
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
        mobile_text,
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

    problems = Problems(source_file, name_files=True)  # the items are in another file
    status = status_text.replace(",", "，").replace(" ", "")
    cancelled = status == _CLOSED
    refund = money(refund_text, "退款金额", number, problems) or ZERO
    if cancelled:
        payment = PaymentStatus.REFUNDED if refund > 0 else PaymentStatus.UNPAID
    elif status in _STATUS:
        payment = _STATUS[status]
        if payment is PaymentStatus.PAID and refund > 0:
            payment = PaymentStatus.PARTIALLY_REFUNDED
    else:
        payment = PaymentStatus.UNPAID
        problems.add(number, f"unknown 订单状态 (order status) {status_text!r}")

    placed_at = beijing_time(placed_text, "订单创建时间", number, problems)
    paid_at = beijing_time(paid_text, "订单付款时间", number, problems)
    paid = money(paid_amount_text, "买家实际支付金额", number, problems)
    total = paid if paid is not None else money(total_text, "总金额", number, problems)
    shipping_fee = money(fee_text, "买家应付邮费", number, problems) or ZERO

    lines: list[IncomingLine] = []
    closed_items: list[str] = []
    if found is None:
        problems.add(number, "no item rows for this order in the order detail file (宝贝报表)")
    else:
        detail_file, rows_of_order = found
        in_details = problems.in_file(detail_file)
        units = 0
        closed: list[IncomingLine] = []  # closed on its own: refunded before shipping
        for item_row, item in rows_of_order:
            line = _line(item_row, item, in_details)
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
        total_units = whole(total_units_text, _TOTAL_UNITS, number, problems, None)
        if total_units is None and total_units_text and not unprotect(total_units_text):
            # Only a protection mark (a lone '): empty to whole(), yet not the number asked for.
            problems.add(number, f"{_TOTAL_UNITS} {total_units_text!r} is not a whole number")
        all_read = len(lines) + len(closed) == len(rows_of_order)
        if total_units is not None and all_read and units != total_units:
            rows = ", ".join(str(r) for r, _ in rows_of_order)
            plural = "s" if len(rows_of_order) > 1 else ""
            problems.add(
                number,
                f"宝贝总数量 (total quantity) is {total_units} but the item rows "
                f"in {detail_file} (row{plural} {rows}) add up to {units}",
            )

    if problems:
        return problems.rejected_order(order_no)

    # unprotect() only for the few extra cells that need it ('78563412901234).
    extra = present(_EXTRA_KEYS, extra_texts)
    for key, v in extra.items():
        if v[:1] in PROTECTED:
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
        # A buyer may change the address after paying; the changed one is where it must go.
        recipient=_recipient(name, mobile_text, phone, changed_address or address),
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


def _recipient(name: str, mobile_text: str, phone: str, address: str) -> Recipient:
    """Who receives the parcel, and where: the one address line split into its parts."""
    province, city, district, street, postcode = split_cn_address(address)
    return Recipient(
        name=name,
        # The landline when there is no mobile; ident() of the stripped cell, inlined.
        phone=mobile(mobile_text) or (unprotect(phone) if phone[:1] in PROTECTED else phone),
        country="CN",
        province=province,
        city=city,
        district=district,
        address=street,
        postcode=postcode,
    )


def _line(row: int, fields: tuple[str, ...], problems: Problems) -> IncomingLine | None:
    _, sku, alt_sku, qty_text, price_text, title, props, _ = fields
    # The cells are stripped: unprotect() is only needed for a protected one ('600123).
    if sku[:1] in PROTECTED:
        sku = unprotect(sku)
    if not sku:
        sku = unprotect(alt_sku)
    name = f"{title} ({props})" if props else title
    # The plain "2" and "89.00" of nearly every row first, without the checks' clean-up.
    return plain_line(sku, qty_text, price_text, name) or checked_line(
        sku, qty_text, price_text, name, row, problems, _ITEM
    )
