import importlib.util
import shutil
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.domain.incoming import IncomingLine, IncomingOrder, PaymentStatus, Recipient, Rejected
from app.services.intake.csvtext import FileFormatError
from app.services.intake.taobao import (
    is_taobao_order_details,
    is_taobao_order_list,
    parse_taobao,
)

FIXTURES = Path(__file__).parents[3] / "fixtures" / "taobao"
HAPPY = [FIXTURES / "happy_ExportOrderList.csv", FIXTURES / "happy_ExportOrderDetailList.csv"]
UNHAPPY = [FIXTURES / "unhappy_ExportOrderList.csv", FIXTURES / "unhappy_ExportOrderDetailList.csv"]
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _load_maker():
    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


mf = _load_maker()


def by_number(results) -> dict[str, IncomingOrder]:
    orders = [r for r in results if isinstance(r, IncomingOrder)]
    assert len({o.order_no for o in orders}) == len(orders)
    return {o.order_no: o for o in orders}


@pytest.fixture(scope="module")
def happy() -> dict[str, IncomingOrder]:
    results = list(parse_taobao(HAPPY))
    assert [r for r in results if isinstance(r, Rejected)] == []
    return by_number(results)


def write_pair(tmp_path: Path, orders: list[dict], items: list[dict]) -> list[Path]:
    paths = [tmp_path / "ExportOrderList.csv", tmp_path / "ExportOrderDetailList.csv"]
    mf.write(paths[0], mf.LIST_HEADER, orders)
    mf.write(paths[1], mf.DETAIL_HEADER, items)
    return paths


# -- the happy pair ----------------------------------------------------------------------


def test_every_order_of_the_happy_pair_in_list_order(happy):
    assert list(happy) == [
        "3712098845120567891",
        "3712166003451278812",
        "3712201187760034455",
        "3712239900123456701",
        "3712287654321098765",
        "3712300011122233344",
        "3712355566677788899",
        "3712399988877766655",
        "3712401234567890123",
    ]
    assert [o.source_row for o in happy.values()] == [2, 3, 4, 5, 6, 7, 8, 9, 10]


def test_file_order_does_not_matter():
    assert list(parse_taobao(HAPPY)) == list(parse_taobao(HAPPY[::-1]))
    assert list(parse_taobao(UNHAPPY)) == list(parse_taobao(UNHAPPY[::-1]))


def test_single_item_order_in_full(happy):
    assert happy["3712098845120567891"] == IncomingOrder(
        platform="taobao",
        order_no="3712098845120567891",
        lines=(
            IncomingLine(
                sku="QM-TS-WHT-XL",
                qty=1,
                unit_price=Decimal("89.00"),
                name="纯棉短袖T恤 男女同款 (颜色分类：白色;尺码：XL)",
            ),
        ),
        recipient=Recipient(
            name="李华",
            phone="13800138000",
            country="CN",
            province="浙江省",
            city="杭州市",
            district="西湖区",
            address="文三路 478号华星时代广场A座",
            postcode="310013",
        ),
        payment_status=PaymentStatus.PAID,
        store="青木生活家居",
        placed_at=datetime(2024, 3, 5, 14, 22, 10, tzinfo=SHANGHAI),
        paid_at=datetime(2024, 3, 5, 14, 23, 1, tzinfo=SHANGHAI),
        currency="CNY",
        total=Decimal("89.00"),
        shipping_fee=Decimal("0.00"),
        shipping_method="快递",
        buyer_id="tb_lihua88",
        source_file="happy_ExportOrderList.csv",
        source_row=2,
        extra={"alipay_account": "li***@163.com", "shop_id": "106623371"},
    )


def test_times_are_beijing_time(happy):
    placed = happy["3712098845120567891"].placed_at
    assert placed.utcoffset() == timedelta(hours=8)
    assert placed.astimezone(ZoneInfo("UTC")).hour == 6


def test_multi_item_order_to_a_municipality(happy):
    order = happy["3712166003451278812"]
    assert [(line.sku, line.qty, line.unit_price) for line in order.lines] == [
        ("QM-MUG-BLU", 2, Decimal("29.90")),
        ("QM-TS-BLK-M", 1, Decimal("89.00")),
        ("QM-SOCK-5P", 1, Decimal("39.00")),
    ]
    assert all(type(line.unit_price) is Decimal for line in order.lines)
    assert (order.total, order.shipping_fee) == (Decimal("193.80"), Decimal("6.00"))
    assert order.recipient == Recipient(
        name="王芳",
        phone="13912345678",  # written ="+86 139 1234 5678"
        country="CN",
        province="上海",
        city="上海市",
        district="浦东新区",
        address="张江路 88号",
        postcode="201203",
    )
    # A remark with a comma, quotes and a line break, quoted in the file.
    assert order.buyer_remark == '工作日白天家里没人, 请放"丰巢"快递柜\n谢谢'
    assert order.seller_remark == "赠品：杯垫一个"


def test_rows_count_records_not_lines(happy):
    # The remark above spans two lines of the file; the next order is still record row 4.
    assert happy["3712201187760034455"].source_row == 4


def test_closed_after_refund_is_cancelled_and_refunded(happy):
    order = happy["3712201187760034455"]
    assert order.cancelled is True
    assert order.payment_status is PaymentStatus.REFUNDED
    assert order.extra["close_reason"] == "买家申请退款"
    assert order.extra["refund_amount"] == "128.00"
    assert [line.sku for line in order.lines] == ["QM-PLW-LTX"]


def test_closed_before_payment_is_cancelled_and_unpaid(happy):
    order = happy["3712399988877766655"]
    assert (order.cancelled, order.payment_status) == (True, PaymentStatus.UNPAID)
    assert order.paid_at is None
    assert order.recipient.postcode == ""  # the address has no postcode at all
    assert order.recipient.province == "新疆维吾尔自治区"


def test_waiting_for_payment_is_unpaid_and_not_cancelled(happy):
    order = happy["3712239900123456701"]
    assert (order.cancelled, order.payment_status, order.paid_at) == (
        False,
        PaymentStatus.UNPAID,
        None,
    )
    assert order.recipient.address == "建国路 93号院 万达广场 8号楼"
    assert order.lines == (
        IncomingLine(
            "QM-TS-WHT-L", 2, Decimal("89.00"), "纯棉短袖T恤 男女同款 (颜色分类：白色;尺码：L)"
        ),
    )


def test_landline_when_no_mobile_and_quote_protected_cells(happy):
    order = happy["3712287654321098765"]
    assert order.recipient.phone == "0471-6661234"  # written '0471-6661234
    assert order.extra["tracking_no"] == "78563412901234"  # written '78563412901234
    assert order.extra["carrier"] == "中通快递"
    assert order.recipient.province == "内蒙古自治区"
    assert order.recipient.postcode == ""  # (000000)
    assert order.payment_status is PaymentStatus.PAID


def test_tmall_store_and_sku_from_external_code(happy):
    order = happy["3712300011122233344"]
    assert order.store == "青木家居旗舰店"
    assert order.lines[0].sku == "600123"  # 商家编码 empty, 外部系统编号 '600123
    assert order.recipient.province == "广西壮族自治区"
    assert order.recipient.postcode == "530022"  # full-width parentheses


def test_platform_is_passed_in():
    orders = by_number(parse_taobao(HAPPY, platform="tmall"))
    assert {o.platform for o in orders.values()} == {"tmall"}


def test_partial_shipment_to_a_city_without_districts(happy):
    order = happy["3712355566677788899"]
    assert order.payment_status is PaymentStatus.PAID
    assert order.recipient.phone == "13712345678"  # written ="8613712345678"
    assert (order.recipient.city, order.recipient.district) == ("东莞市", "")
    assert order.recipient.address == "东城街道 东纵大道 万达广场 1栋"
    assert [line.sku for line in order.lines] == ["QM-MUG-WHT", "QM-PLW-LTX"]


def test_item_refunded_before_shipping_is_left_out(happy):
    order = happy["3712401234567890123"]
    assert [line.sku for line in order.lines] == ["QM-SOCK-5P"]
    assert order.payment_status is PaymentStatus.PARTIALLY_REFUNDED
    assert order.extra["closed_items"] == "QM-MUG-BLU x1"
    assert order.cancelled is False
    assert (order.recipient.province, order.recipient.city) == ("香港特别行政区", "九龙")


def test_order_numbers_stay_exact_text(happy):
    for number, order in happy.items():
        assert type(order.order_no) is str and len(number) == 19 and number.isdigit()


def test_utf8_with_bom_reads_the_same(tmp_path):
    copies = []
    for path in HAPPY:
        copy = tmp_path / path.name
        copy.write_text(path.read_bytes().decode("gbk"), encoding="utf-8-sig", newline="")
        copies.append(copy)
    assert copies[0].read_bytes().startswith(b"\xef\xbb\xbf")
    assert list(parse_taobao(copies)) == list(parse_taobao(HAPPY))


# -- the unhappy pair --------------------------------------------------------------------


def test_unhappy_pair_rejects_exactly_the_bad_orders():
    results = list(parse_taobao(UNHAPPY))
    assert [o.order_no for o in results if isinstance(o, IncomingOrder)] == ["3713000000000000001"]
    rejected = [(r.source_file, r.row, r.order_no) for r in results if isinstance(r, Rejected)]
    assert rejected == [
        ("unhappy_ExportOrderDetailList.csv", 3, "3713000000000000002"),  # 两件
        ("unhappy_ExportOrderList.csv", 4, "3713000000000000003"),  # no item rows
        ("unhappy_ExportOrderList.csv", 5, "3713000000000000005"),  # unknown status
        ("unhappy_ExportOrderList.csv", 6, "3713000000000000006"),  # 3 ordered, 2 in details
        ("unhappy_ExportOrderList.csv", 7, "3.713E+18"),  # mangled by Excel
        ("unhappy_ExportOrderDetailList.csv", 4, "3713000000000000099"),  # not in the list
    ]


def reasons() -> dict[str | None, str]:
    return {r.order_no: r.reason for r in parse_taobao(UNHAPPY) if isinstance(r, Rejected)}


def test_reason_for_a_quantity_in_words():
    assert reasons()["3713000000000000002"] == (
        "order 3713000000000000002 not imported (an order is imported whole or not at all): "
        "unhappy_ExportOrderDetailList.csv row 3: "
        "购买数量 (quantity) '两件' is not a positive whole number"
    )


def test_reason_for_an_order_without_items():
    assert reasons()["3713000000000000003"].endswith(
        "unhappy_ExportOrderList.csv row 4: "
        "no item rows for this order in the order detail file (宝贝报表)"
    )


def test_reason_for_an_unknown_status_names_it():
    assert reasons()["3713000000000000005"].endswith(
        "unknown 订单状态 (order status) '等待买家确认收货'"
    )


def test_reason_for_a_quantity_mismatch():
    assert reasons()["3713000000000000006"].endswith(
        "宝贝总数量 (total quantity) is 3 but the item rows "
        "in unhappy_ExportOrderDetailList.csv (row 6) add up to 2"
    )


def test_reason_for_an_excel_mangled_order_number():
    reason = reasons()["3.713E+18"]
    assert "not a Taobao order number" in reason and "spreadsheet" in reason


def test_reason_for_an_item_of_an_unknown_order():
    assert reasons()["3713000000000000099"] == (
        "order 3713000000000000099 has an item row here but is not in the order list (订单报表)"
    )


def _one_order(**more):
    kw = {"mobile": "13800138000", "paid": "2024-03-05 10:00:00"} | more
    return mf.order(
        "3715000000000000001",
        "buyer",
        mf.PAID,
        "张三",
        "浙江省 杭州市 西湖区 文三路 1号(310013)",
        [("A", "10.00", 1, "t"), ("B", "5.50", 2, "u")],
        **kw,
    )


def test_every_problem_of_an_order_is_named_in_one_reject(tmp_path):
    paths = write_pair(
        tmp_path,
        [_one_order(订单付款时间="昨天", 买家应付邮费="免邮")],
        [
            mf.item("3715000000000000001", "", "10.00", "1", "t"),
            mf.item("3715000000000000001", "B", "5,5元", "2", "u"),
        ],
    )
    [rejected] = list(parse_taobao(paths))
    assert (rejected.source_file, rejected.row) == ("ExportOrderList.csv", 2)
    assert rejected.reason == (
        "order 3715000000000000001 not imported (an order is imported whole or not at all): "
        "ExportOrderList.csv row 2: 订单付款时间 '昨天' is not a date like 2024-03-05 14:22:10; "
        "ExportOrderList.csv row 2: 买家应付邮费 '免邮' is not an amount; "
        "ExportOrderDetailList.csv row 2: item 't' has no 商家编码 (seller SKU) and no 外部系统编号; "
        "ExportOrderDetailList.csv row 3: 价格 (price) '5,5元' is not an amount"
    )


@pytest.mark.parametrize(
    ("qty", "price", "problem"),
    [
        ("0", "10.00", "购买数量 (quantity) '0' is not a positive whole number"),
        ("1.5", "10.00", "购买数量 (quantity) '1.5' is not a positive whole number"),
        ("1e500000", "10.00", "购买数量 (quantity) '1e500000' is not a positive whole number"),
        ("", "10.00", "购买数量 (quantity) '' is not a positive whole number"),
        ("1", "-10.00", "价格 (price) '-10.00' is not an amount"),
        ("1", "", "价格 (price) '' is not an amount"),
        ("1", "12,99", "价格 (price) '12,99' is not an amount"),
    ],
)
def test_bad_item_rows_reject_the_order(tmp_path, qty, price, problem):
    paths = write_pair(
        tmp_path,
        [_one_order()],
        [mf.item("3715000000000000001", "A", price, qty, "t"),
         mf.item("3715000000000000001", "B", "5.50", "2", "u")],
    )  # fmt: skip
    [rejected] = list(parse_taobao(paths))
    assert (rejected.source_file, rejected.row) == ("ExportOrderDetailList.csv", 2)
    assert rejected.reason.endswith(f"ExportOrderDetailList.csv row 2: {problem}")


def test_item_row_without_order_number_is_rejected_alone(tmp_path):
    paths = write_pair(
        tmp_path,
        [_one_order(宝贝总数量="")],  # no total quantity: nothing to compare with
        [mf.item("3715000000000000001", "A", "10.00", "1", "t"),
         mf.item("", "B", "5.50", "2", "u") | {"订单编号": ""}],
    )  # fmt: skip
    results = list(parse_taobao(paths))
    assert results[0] == Rejected(
        "ExportOrderDetailList.csv", 3, "订单编号 (order number) is empty", None
    )
    assert [line.sku for line in results[1].lines] == ["A"]


def test_amounts_and_times_as_a_spreadsheet_rewrites_them(tmp_path):
    paths = write_pair(
        tmp_path,
        [_one_order(订单创建时间="2024/3/5 9:07", 总金额="1,021.00", 买家实际支付金额="")],
        [
            mf.item("3715000000000000001", "'A", '="10.00"', "1", "t"),
            mf.item("3715000000000000001", "B", "5.50", "2.0", "u"),
        ],
    )
    [order] = list(parse_taobao(paths))
    assert order.placed_at == datetime(2024, 3, 5, 9, 7, tzinfo=SHANGHAI)
    assert order.total == Decimal("1021.00")  # 买家实际支付金额 empty: falls back to 总金额
    assert [(line.sku, line.qty, line.unit_price) for line in order.lines] == [
        ("A", 1, Decimal("10.00")),
        ("B", 2, Decimal("5.50")),
    ]


def test_changed_address_wins_over_the_original(tmp_path):
    changed = "江苏省 苏州市 姑苏区 人民路 2号(215000)"
    paths = write_pair(
        tmp_path,
        [_one_order(修改后的收货地址=changed, 修改后的sku="颜色分类：黑色")],
        [mf.item("3715000000000000001", "A", "10.00", "1", "t"),
         mf.item("3715000000000000001", "B", "5.50", "2", "u")],
    )  # fmt: skip
    [order] = list(parse_taobao(paths))
    assert (order.recipient.city, order.recipient.address) == ("苏州市", "人民路 2号")
    assert order.extra["original_address"] == "浙江省 杭州市 西湖区 文三路 1号(310013)"
    assert order.extra["changed_sku"] == "颜色分类：黑色"


def test_ascii_comma_in_the_status_is_understood(tmp_path):
    paths = write_pair(
        tmp_path,
        [_one_order(订单状态="买家已付款,等待卖家发货")],
        [mf.item("3715000000000000001", "A", "10.00", "1", "t"),
         mf.item("3715000000000000001", "B", "5.50", "2", "u")],
    )  # fmt: skip
    [order] = list(parse_taobao(paths))
    assert order.payment_status is PaymentStatus.PAID


# -- several files -----------------------------------------------------------------------


def test_several_pairs_at_once_in_any_order():
    mixed = [UNHAPPY[1], HAPPY[0], UNHAPPY[0], HAPPY[1]]
    results = list(parse_taobao(mixed))
    assert by_number(results) == by_number(parse_taobao(HAPPY)) | by_number(parse_taobao(UNHAPPY))
    assert len([r for r in results if isinstance(r, Rejected)]) == 6


def test_overlapping_detail_exports_do_not_double_the_items(tmp_path):
    again = tmp_path / "again_ExportOrderDetailList.csv"
    shutil.copy(HAPPY[1], again)
    assert list(parse_taobao([*HAPPY, again])) == list(parse_taobao(HAPPY))


@pytest.mark.parametrize(
    ("paths", "message"),
    [
        ([HAPPY[0]], r"order detail file \(宝贝报表, one row per item\) is missing"),
        ([HAPPY[1]], r"order list file \(订单报表, one row per order\) is missing"),
        ([HAPPY[0], UNHAPPY[0]], r"order detail file .* is missing"),
        ([], "no files given"),
    ],
)
def test_a_missing_half_is_named_when_called(paths, message):
    with pytest.raises(FileFormatError, match=message):
        parse_taobao(paths)  # raised at once, before iterating


def test_a_detail_file_without_any_sku_column_is_refused(tmp_path):
    paths = write_pair(tmp_path, [_one_order()], [])
    header = [h for h in mf.DETAIL_HEADER if h not in ("商家编码", "外部系统编号")]
    mf.write(paths[1], header, [])
    with pytest.raises(FileFormatError, match="商家编码 or 外部系统编号"):
        parse_taobao(paths)


def test_a_file_of_another_kind_is_refused(tmp_path):
    other = tmp_path / "orders.csv"
    other.write_text("Name,Email\n#1001,a@b.c\n", encoding="utf-8")
    with pytest.raises(FileFormatError, match="orders.csv: neither a Taobao order list"):
        parse_taobao([HAPPY[0], other])


def test_header_recognition():
    assert is_taobao_order_list([h for h in mf.LIST_HEADER])  # with the trailing spaces
    assert not is_taobao_order_details(mf.LIST_HEADER)
    assert is_taobao_order_details(mf.DETAIL_HEADER)
    assert not is_taobao_order_list(mf.DETAIL_HEADER)
    assert not is_taobao_order_list(["Name", "Email"])


def test_fixtures_are_what_the_maker_writes(tmp_path, monkeypatch):
    monkeypatch.setattr(mf, "HERE", tmp_path)
    mf.happy()
    mf.unhappy()
    for path in [*HAPPY, *UNHAPPY]:
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name
    raw = HAPPY[0].read_bytes()
    assert b"\r\n" in raw and raw.decode("gbk")  # GBK with CRLF, as the seller centre writes
    assert raw.startswith("订单编号,".encode("gbk")) and "收货地址 ,".encode("gbk") in raw


@pytest.mark.parametrize("name", ["happy", "unhappy", "unusual"])
def test_fast_path_gives_what_the_checks_give(tmp_path, monkeypatch, name):
    from app.services.intake.taobao import order

    if name == "unusual":
        cells = [("2", "89.00"), (" 3", "1,299.00"), ("2.0", "5."), ("1", ".5"), ("1", "+5"),
                 ("1", "1e2"), ("1", "NaN"), ("1", "-0"), ("01", "0.00")]  # fmt: skip
        paths = write_pair(
            tmp_path,
            [_one_order(宝贝总数量="")],
            [mf.item("3715000000000000001", f"S{i}", price, qty, "t")
             for i, (qty, price) in enumerate(cells)],
        )  # fmt: skip
    else:
        paths = HAPPY if name == "happy" else UNHAPPY
    fast = list(parse_taobao(paths))
    monkeypatch.setattr(order, "plain_line", lambda *cells: None)
    checked = list(parse_taobao(paths))
    # repr, not ==: Decimal("0") == Decimal("0.00"), and the digits must be the same too.
    assert [repr(r) for r in fast] == [repr(r) for r in checked]
