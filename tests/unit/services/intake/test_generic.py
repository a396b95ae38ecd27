import csv
import json
import re
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain.incoming import (
    IncomingLocation,
    IncomingOrder,
    IncomingProduct,
    IncomingStock,
    PaymentStatus,
    Rejected,
)
from app.services.intake.csvtext import FileFormatError
from app.services.intake.generic import orders_csv as generic
from app.services.intake.generic import (
    parse_generic_locations,
    parse_generic_orders_csv,
    parse_generic_orders_jsonl,
    parse_generic_products,
    parse_generic_stock,
)

ROOT = Path(__file__).parents[4]
FIXTURES = ROOT / "tests" / "fixtures" / "generic"
CST = timezone(timedelta(hours=8))

ORDER_HEADER = (
    "store,platform,order_no,status_payment,cancelled,placed_at,paid_at,currency,total,"
    "shipping_fee,shipping_method,buyer_id,buyer_email,buyer_remark,seller_remark,name,phone,"
    "country,province,city,district,address,postcode,sku,qty,unit_price,item_name"
).split(",")


def write_csv(path: Path, header: list[str], rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows([row.get(h, "") for h in header] for row in rows)
    return path


def order_row(order_no: str, **cells: str) -> dict[str, str]:
    row = {
        "store": "S",
        "platform": "manual",
        "order_no": order_no,
        "status_payment": "paid",
        "name": "张伟",
        "phone": "13800138000",
        "country": "CN",
        "province": "浙江省",
        "city": "杭州市",
        "address": "文三路478号",
        "sku": "A-1",
        "qty": "1",
        "unit_price": "10.00",
    }
    row.update(cells)
    return row


# --- orders, CSV ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def csv_orders() -> list[IncomingOrder | Rejected]:
    return list(parse_generic_orders_csv(FIXTURES / "orders.csv"))


def test_csv_orders_are_grouped_by_store_and_number(csv_orders):
    assert all(isinstance(o, IncomingOrder) for o in csv_orders)
    assert [(o.store, o.order_no, o.source_row) for o in csv_orders] == [
        ("云帆家居旗舰店", "302918475610", 2),
        ("云帆家居旗舰店", "4938571029384756123", 3),
        ("Lumen & Loom US", "1001", 7),
        ("云帆家居旗舰店", "1001", 8),  # same number, other store: another order
    ]
    assert {o.source_file for o in csv_orders} == {"orders.csv"}


def test_csv_order_lines_come_from_rows_that_are_apart(csv_orders):
    jd, douyin = csv_orders[0], csv_orders[1]
    assert [(li.sku, li.qty, li.unit_price, li.name) for li in jd.lines] == [
        ("LL-DRIP-WHT", 1, Decimal("199.00"), "手冲咖啡滤杯 陶瓷 白色"),
        ("LL-FILT-100", 2, Decimal("29.00"), "无漂白咖啡滤纸 100片"),
    ]
    assert [(li.sku, li.qty, li.unit_price) for li in douyin.lines] == [
        ("LL-TEE-RED-M", 1, Decimal("129.00")),
        ("LL-FILT-100", 2, Decimal("29.00")),
        ("LL-DRIP-WHT", 1, Decimal("218.00")),
    ]


def test_csv_order_fields(csv_orders):
    jd, douyin, us, b2b = csv_orders
    assert jd.platform == "jd"
    assert jd.payment_status is PaymentStatus.PAID
    assert not jd.cancelled
    assert jd.placed_at == datetime(2024, 3, 5, 14, 22, 10, tzinfo=CST)
    assert jd.paid_at == datetime(2024, 3, 5, 14, 23, 2, tzinfo=CST)
    assert jd.currency == "CNY"  # empty cell: the default
    assert jd.total == Decimal("257.00")
    assert jd.shipping_fee == Decimal("0")
    assert jd.shipping_method == "京东快递"
    assert jd.buyer_id == "jd_7a3f9c2e"
    r = jd.recipient
    assert (r.name, r.phone, r.country) == ("张伟", "13800138000", "CN")
    assert (r.province, r.city, r.district) == ("浙江省", "杭州市", "西湖区")
    assert r.address == "文三路478号华星时代广场A座1203室"
    assert r.postcode == "310012"

    assert douyin.buyer_remark == "周末送货, 谢谢\n放门口就行，不用打电话"
    assert douyin.seller_remark == "赠品：滤纸一包"
    assert douyin.recipient.phone == "13912345678"  # ="13912345678" from Excel
    assert douyin.shipping_fee == Decimal("12.00")

    assert us.cancelled
    assert us.payment_status is PaymentStatus.UNPAID
    assert us.placed_at == datetime(2024, 3, 6, 9, 15, tzinfo=UTC)
    assert us.currency == "USD"
    assert us.buyer_email == "dkim.nyc@gmail.com"
    assert us.recipient.address == "350 W 42nd St, Fl 12"

    assert b2b.payment_status is PaymentStatus.PARTIALLY_PAID
    assert b2b.total is None
    assert b2b.lines[0].qty == 20
    assert b2b.lines[0].unit_price == Decimal("180")


def test_csv_bad_rows_reject_whole_orders():
    results = list(parse_generic_orders_csv(FIXTURES / "orders_bad.csv"))
    rows = [r.source_row if isinstance(r, IncomingOrder) else r.row for r in results]
    assert [(type(r).__name__, r.order_no, row) for r, row in zip(results, rows, strict=True)] == [
        ("IncomingOrder", "302918475700", 2),
        ("Rejected", "302918475701", 5),
        ("Rejected", "302918475702", 4),
        ("Rejected", "302918475703", 6),
        ("Rejected", None, 7),
        ("Rejected", "4938571029384756200", 8),
        ("IncomingOrder", "302918475704", 9),
    ]
    reasons = {r.order_no: r.reason for r in results if isinstance(r, Rejected)}
    # The order's first row (3) was fine; its second line, four rows later, was not.
    assert "row 5: qty 'two' is not a positive whole number" in reasons["302918475701"]
    assert "whole" in reasons["302918475701"]
    assert "row 4: sku is empty" in reasons["302918475702"]
    assert "row 6: unit_price '29元' is not an amount" in reasons["302918475703"]
    assert "order_no is empty" in reasons[None]
    many = reasons["4938571029384756200"]
    assert "status_payment '已付款' is not one of paid, unpaid" in many
    assert "cancelled 'maybe'" in many
    assert "placed_at '2024-04-01 09:30:00' has no UTC offset" in many


def test_csv_missing_columns_are_all_named(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text("order_no,sku,qty\nA1,X,1\n", encoding="utf-8")
    with pytest.raises(FileFormatError) as err:
        list(parse_generic_orders_csv(path))
    for column in ("platform", "status_payment", "unit_price", "address"):
        assert column in str(err.value)


def test_csv_later_rows_do_not_change_the_order(tmp_path):
    rows = [
        order_row("A1", total="30.00"),
        order_row("A1", sku="B-2", qty="2", status_payment="refunded", total="1.00", name="X"),
    ]
    [order] = parse_generic_orders_csv(write_csv(tmp_path / "o.csv", ORDER_HEADER, rows))
    assert isinstance(order, IncomingOrder)
    assert order.payment_status is PaymentStatus.PAID
    assert order.total == Decimal("30.00")
    assert order.recipient.name == "张伟"
    assert [(li.sku, li.qty) for li in order.lines] == [("A-1", 1), ("B-2", 2)]


@pytest.mark.parametrize(
    ("cell", "cancelled"),
    [("", False), ("true", True), ("FALSE", False), ("1", True), ("0", False), ("Yes", True)],
)
def test_cancelled_spellings(tmp_path, cell, cancelled):
    path = write_csv(tmp_path / "o.csv", ORDER_HEADER, [order_row("A1", cancelled=cell)])
    [order] = parse_generic_orders_csv(path)
    assert isinstance(order, IncomingOrder)
    assert order.cancelled is cancelled


# --- orders, JSON lines ---------------------------------------------------------------------


def test_jsonl_orders():
    results = list(parse_generic_orders_jsonl(FIXTURES / "orders.jsonl"))
    assert all(isinstance(o, IncomingOrder) for o in results)
    pdd, us, plain = results
    assert [(o.order_no, o.source_row) for o in results] == [
        ("240305-581920374651823", 1),
        ("M-20240306-0007", 2),
        ("00042", 3),
    ]
    assert pdd.platform == "pdd"
    assert pdd.store == "云帆家居旗舰店"
    assert pdd.buyer_remark == "请放快递柜\u2028谢谢"  # U+2028 does not split the line
    assert pdd.recipient.district == "武侯区"
    assert pdd.placed_at == datetime(2024, 3, 5, 21, 8, 44, tzinfo=CST)
    assert [(li.sku, li.qty, li.unit_price) for li in pdd.lines] == [
        ("LL-DRIP-WHT", 1, Decimal("190.00")),
        ("LL-FILT-100", 2, Decimal("29.00")),
    ]
    # JSON numbers read as exact decimals, with the digits as written.
    assert us.total == Decimal("432.95")
    assert us.shipping_fee == Decimal("9.95")
    assert [(li.qty, li.unit_price) for li in us.lines] == [
        (12, Decimal("12.50")),
        (3, Decimal("45")),
        (6, Decimal("23.00")),
    ]
    assert str(us.lines[0].unit_price) == "12.50"
    assert us.currency == "USD"
    assert us.recipient.country == "US"
    assert us.payment_status is PaymentStatus.PARTIALLY_PAID
    assert us.seller_remark == "Net 30, deposit received"
    assert plain.store is None
    assert plain.cancelled
    assert plain.currency == "CNY"
    assert plain.lines[0].name == ""


def test_jsonl_bad_lines_are_rejected_by_line_number():
    results = list(parse_generic_orders_jsonl(FIXTURES / "orders_bad.jsonl"))
    assert isinstance(results[0], IncomingOrder)
    assert results[0].order_no == "240401-000000000000001"
    rejected = results[1:]
    assert all(isinstance(r, Rejected) for r in rejected)
    assert [r.row for r in rejected] == [2, 3, 4, 6, 7, 8]  # line 5 is blank
    broken, numeric, bad_qty, not_a_list, repeated, many = rejected
    assert broken.reason.startswith("line 2 is not valid JSON")
    assert "4938571029384756201 is a JSON number" in numeric.reason
    assert "string" in numeric.reason
    assert bad_qty.order_no == "240401-000000000000003"
    assert "line 4: lines[1].qty 'two' is not a positive whole number" in bad_qty.reason
    assert "lines must be a list" in not_a_list.reason
    assert not_a_list.order_no == "240401-000000000000004"
    assert "already appears on line 1" in repeated.reason
    for text in (
        "placed_at '2024-04-01 10:00' has no UTC offset",
        "total '-5' is negative",
        "lines[0].sku is empty",
        "lines[0].qty '0' is not a positive whole number",
        "lines[0].unit_price 'abc' is not an amount",
    ):
        assert text in many.reason
    # The order's own problems come before its lines'.
    assert many.reason.index("placed_at") < many.reason.index("lines[0]")


def test_jsonl_wrong_types_are_named(tmp_path):
    order = {
        "platform": "manual",
        "order_no": "A1",
        "payment_status": "paid",
        "recipient": {"name": ["Ann"], "phone": 13800138000},
        "lines": [{"sku": "A-1", "qty": True, "unit_price": {"amount": 1}}],
    }
    path = tmp_path / "o.jsonl"
    path.write_text(json.dumps(order) + "\n[1, 2]\n", encoding="utf-8")
    first, second = parse_generic_orders_jsonl(path)
    assert isinstance(first, Rejected)
    assert "recipient.name must be text or a number, not a list" in first.reason
    assert "lines[0].unit_price must be text or a number, not an object" in first.reason
    assert "lines[0].qty 'true' is not a positive whole number" in first.reason
    assert "recipient.phone" not in first.reason  # a number is fine for text
    assert isinstance(second, Rejected)
    assert second.reason == "line 2 is a list, not a JSON object"


# --- catalog --------------------------------------------------------------------------------


def test_products_from_a_gb18030_file():
    results = list(parse_generic_products(FIXTURES / "products.csv"))
    assert all(isinstance(p, IncomingProduct) for p in results)
    dripper, filters, tee, scoop = results
    assert dripper.sku == "LL-DRIP-WHT"
    assert dripper.name_zh == "手冲咖啡滤杯 陶瓷 白色"
    assert dripper.name_en == "Ceramic Pour-Over Dripper"
    assert dripper.barcodes == ("6971234560208", "0850012345672")
    assert (dripper.case_barcode, dripper.case_qty) == ("16971234560205", 12)
    assert (dripper.weight_g, dripper.length_mm, dripper.width_mm, dripper.height_mm) == (
        450,
        120,
        120,
        95,
    )
    assert dripper.price == Decimal("199.00")
    assert dripper.source_row == 2
    assert filters.case_qty == 0 and filters.case_barcode == ""
    assert tee.barcodes == ("6971234560024",)  # ="..." protection removed
    assert tee.name_en == "Organic Cotton T-shirt, Red, M"
    assert (scoop.barcodes, scoop.price, scoop.length_mm) == ((), None, None)


def test_bad_product_rows():
    results = list(parse_generic_products(FIXTURES / "products_bad.csv"))
    assert [r.sku for r in results if isinstance(r, IncomingProduct)] == ["LL-DRIP-WHT"]
    rejected = {r.row: r.reason for r in results if isinstance(r, Rejected)}
    assert set(rejected) == {3, 4, 5, 6, 7}
    assert rejected[3] == "sku is empty"
    assert "barcode '6.97123E+12' was turned into a number by a spreadsheet" in rejected[4]
    assert "weight_g '0.2kg' is not a whole number" in rejected[4]
    assert "price '免费' is not an amount" in rejected[5]
    assert "case_barcode is given but case_qty is empty" in rejected[5]
    assert rejected[6] == "sku 'LL-DRIP-WHT' already appears at row 2"
    assert rejected[7] == "height_mm '-10' is less than 0"


def test_locations():
    results = list(parse_generic_locations(FIXTURES / "locations.csv"))
    assert all(isinstance(loc, IncomingLocation) for loc in results)
    assert [(loc.warehouse, loc.zone, loc.aisle, loc.position, loc.level) for loc in results] == [
        ("SH01", "A", 1, 1, 1),
        ("SH01", "A", 1, 1, 2),
        ("SH01", "A", 1, 2, 1),
        ("SH01", "B", 12, 40, 3),
        ("SZ02", "冷库", 2, 7, 1),
    ]
    assert [loc.barcode for loc in results] == [
        "SH01-A-01-01-1",
        "SH01-A-01-01-2",
        "SH01-A-01-02-1",
        "",
        "000731",
    ]
    assert [loc.source_row for loc in results] == [2, 3, 4, 5, 6]


def test_bad_locations():
    results = list(parse_generic_locations(FIXTURES / "locations_bad.csv"))
    assert isinstance(results[0], IncomingLocation)
    assert [(r.row, r.reason) for r in results[1:] if isinstance(r, Rejected)] == [
        (3, "aisle '0' is less than 1"),
        (4, "position 'A3' is not a whole number"),
        (5, "zone is empty; level is empty"),
        (6, "this location already appears at row 2"),
        (7, "barcode 'SH01-A-01-01-1' already appears at row 2"),
    ]


def test_stock():
    results = list(parse_generic_stock(FIXTURES / "stock.csv"))
    assert results == [
        IncomingStock("SH01-A-01-01-1", "LL-DRIP-WHT", 24, source_row=2),
        IncomingStock("SH01-A-01-01-2", "LL-FILT-100", 1200, source_row=3),
        IncomingStock("SH01-A-01-02-1", "LL-TEE-RED-M", 0, source_row=4),
        IncomingStock("SH01-A-01-02-1", "LL-TEE-NVY-S", 7, source_row=5),
    ]


def test_bad_stock():
    results = list(parse_generic_stock(FIXTURES / "stock_bad.csv"))
    assert isinstance(results[0], IncomingStock)
    assert [(r.row, r.reason) for r in results[1:] if isinstance(r, Rejected)] == [
        (3, "on_hand '-3' is less than 0"),
        (4, "on_hand '12.5' is not a whole number"),
        (5, "sku is empty"),
        (6, "SH01-A-01-01-1 / LL-DRIP-WHT already appears at row 2"),
        (7, "location is empty"),
        (8, "on_hand is empty"),
    ]
    assert {r.source_file for r in results if isinstance(r, Rejected)} == {"stock_bad.csv"}


@pytest.mark.parametrize(
    ("parse", "columns"),
    [
        (parse_generic_products, "sku"),
        (parse_generic_locations, "warehouse, zone, aisle, position, level"),
        (parse_generic_stock, "location, sku, on_hand"),
    ],
)
def test_catalog_files_need_their_columns(tmp_path, parse, columns):
    path = tmp_path / "x.csv"
    path.write_text("code,qty\nA,1\n", encoding="utf-8")
    with pytest.raises(FileFormatError, match=f"missing column\\(s\\) {columns}"):
        list(parse(path))


# --- the documentation's examples are valid files -------------------------------------------


def _doc_examples() -> list[str]:
    text = (ROOT / "resources" / "import-formats.md").read_text(encoding="utf-8")
    return re.findall(r"```(?:csv|json)\n(.*?)```", text, flags=re.DOTALL)


@pytest.mark.parametrize(
    ("index", "parse", "suffix", "count"),
    [
        (0, parse_generic_orders_csv, ".csv", 3),
        (1, parse_generic_orders_jsonl, ".jsonl", 2),
        (2, parse_generic_products, ".csv", 3),
        (3, parse_generic_locations, ".csv", 3),
        (4, parse_generic_stock, ".csv", 3),
    ],
)
def test_documented_examples_parse_cleanly(tmp_path, index, parse, suffix, count):
    path = tmp_path / f"example{suffix}"
    path.write_text(_doc_examples()[index], encoding="utf-8")
    results = list(parse(path))
    assert [r for r in results if isinstance(r, Rejected)] == []
    assert len(results) == count


# --- the fast path for plain orders gives exactly what the checks give -----------------------

# One order per row, each with a value that is valid but not in its plainest form (or,
# for the last few, not valid): the fast path must build these as _build_order does,
# or leave them to it.
UNUSUAL_CELLS = [
    {"shipping_fee": "0.00"},
    {"shipping_fee": "12.50", "total": "1,021.00"},
    {"total": "0", "currency": "usd", "country": "us"},
    {"total": "1e2"},
    {"qty": "２"},
    {"qty": "03", "unit_price": "0"},
    {"qty": "2.0"},
    {"qty": "1,000", "unit_price": "¥12"},
    {"unit_price": ".5"},
    {"unit_price": "-0"},
    {"unit_price": '="9.90"'},
    {"sku": "'007"},
    {"sku": '="0071"', "phone": '="13912345678"', "postcode": "'07030", "buyer_id": "'00123"},
    {"sku": " B-2 ", "item_name": " mug ", "name": " 张伟 "},
    {"platform": " JD ", "status_payment": "PAID", "cancelled": "Yes"},
    {"cancelled": "n", "store": ""},
    {"placed_at": "2024-03-05T14:22:10Z", "paid_at": "2024-03-05 14:23:02+08:00"},
    {"placed_at": "20240305T142210+0800"},
    {"qty": "0"},
    {"qty": "1_000"},
    {"unit_price": "NaN"},
    {"unit_price": "Infinity"},
    {"unit_price": "-1.00"},
    {"total": "Infinity"},
    {"shipping_fee": "-1"},
    {"paid_at": "2024-03-05 14:23:02"},
    {"sku": "'"},
    {"platform": ""},
    {"cancelled": "maybe"},
    {"status_payment": "已付款"},
]


def test_clean_orders_take_the_fast_path(monkeypatch):
    # Otherwise the comparison below would hold whatever the fast path did.
    plain = generic._plain_csv_order

    def plain_only(fields, lines, first, source_file):
        order = plain(fields, lines, first, source_file)
        assert order is not None, f"clean order at row {first} went through the checks"
        return order

    monkeypatch.setattr(generic, "_plain_csv_order", plain_only)
    assert len(list(parse_generic_orders_csv(FIXTURES / "orders.csv"))) == 4


@pytest.mark.parametrize("name", ["orders.csv", "orders_bad.csv", "unusual"])
def test_fast_path_gives_what_the_checks_give(tmp_path, monkeypatch, name):
    if name == "unusual":
        rows = [order_row(f"U{i}", **cells) for i, cells in enumerate(UNUSUAL_CELLS)]
        rows.append(order_row("U0", sku="C-3"))  # a second line, rows apart from its first
        path = write_csv(tmp_path / "o.csv", ORDER_HEADER, rows)
    else:
        path = FIXTURES / name
    fast = list(parse_generic_orders_csv(path))
    monkeypatch.setattr(generic, "_plain_csv_order", lambda *args: None)
    checked = list(parse_generic_orders_csv(path))
    # repr, not ==: Decimal("0") == Decimal("0.00"), and the digits must be the same too.
    assert [repr(r) for r in fast] == [repr(r) for r in checked]
    if name == "unusual":
        assert sum(isinstance(r, Rejected) for r in fast) == 13  # "1e2" is no amount


@pytest.mark.parametrize("price", ["'", '=""'])
def test_a_price_that_is_only_a_protection_mark_rejects_the_order(tmp_path, price):
    # Such a line was once left out without a word, and its order imported without it.
    rows = [order_row("P1"), order_row("P1", sku="A-2", unit_price=price)]
    [result] = parse_generic_orders_csv(write_csv(tmp_path / "o.csv", ORDER_HEADER, rows))
    assert isinstance(result, Rejected)
    assert result.reason.endswith(f"row 3: unit_price {price!r} is empty")
