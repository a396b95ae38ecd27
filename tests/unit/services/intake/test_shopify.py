import csv
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain.incoming import IncomingOrder, IncomingProduct, PaymentStatus, Rejected
from app.services.intake.csvtext import FileFormatError
from app.services.intake.shopify import orders as shopify
from app.services.intake.shopify import parse_shopify_orders, parse_shopify_products

FIXTURES = Path(__file__).parents[3] / "fixtures" / "shopify"
CST = timezone(timedelta(hours=8))
EST = timezone(timedelta(hours=-5))


def _header() -> list[str]:
    with (FIXTURES / "orders_export.csv").open(encoding="utf-8") as f:
        return next(csv.reader(f))


HEADER = _header()


def write_orders(path: Path, rows: list[dict[str, str]]) -> Path:
    """A Shopify orders export with the full header and only the given cells filled."""
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(HEADER)
        for row in rows:
            writer.writerow([row.get(h, "") for h in HEADER])
    return path


def order_row(name: str, **cells: str) -> dict[str, str]:
    row = {
        "Name": name,
        "Email": "buyer@example.com",
        "Financial Status": "paid",
        "Currency": "USD",
        "Shipping": "5.00",
        "Total": "15.00",
        "Created at": "2024-03-05 14:22:10 +0800",
        "Lineitem quantity": "1",
        "Lineitem name": "Mug",
        "Lineitem price": "10.00",
        "Lineitem sku": "MUG-1",
        "Shipping Name": "Ann Lee",
        "Shipping Address1": "1 Main St",
        "Shipping City": "Springfield",
        "Shipping Zip": "62701",
        "Shipping Province": "IL",
        "Shipping Country": "US",
    }
    row.update({k.replace("_", " "): v for k, v in cells.items()})
    return row


def line_row(name: str, sku: str, qty: str = "1", price: str = "10.00") -> dict[str, str]:
    return {
        "Name": name,
        "Lineitem quantity": qty,
        "Lineitem price": price,
        "Lineitem sku": sku,
        "Lineitem name": sku,
    }


@pytest.fixture(scope="module")
def orders() -> dict[str, IncomingOrder]:
    results = list(parse_shopify_orders(FIXTURES / "orders_export.csv"))
    assert all(isinstance(r, IncomingOrder) for r in results), results
    return {r.order_no: r for r in results if isinstance(r, IncomingOrder)}


def test_every_order_of_the_export_is_read_once_in_file_order(orders):
    assert list(orders) == ["#1001", "#1002", "#1003", "#1004", "#1005", "#1006"]
    assert [o.source_row for o in orders.values()] == [2, 3, 6, 7, 9, 10]
    assert {o.platform for o in orders.values()} == {"shopify"}
    assert {o.source_file for o in orders.values()} == {"orders_export.csv"}


def test_single_line_order_maps_every_field(orders):
    o = orders["#1001"]
    assert o.payment_status is PaymentStatus.PAID
    assert not o.cancelled
    assert o.store is None
    assert len(o.lines) == 1
    line = o.lines[0]
    assert (line.sku, line.qty, line.unit_price) == ("LL-TEE-RED-M", 2, Decimal("19.00"))
    assert line.name == "Organic Cotton T-shirt - Red / M"
    r = o.recipient
    assert r.name == "Emily Carter"
    assert r.phone == "+1 201-555-0147"
    assert (r.country, r.province, r.city) == ("US", "NJ", "Hoboken")
    assert r.address == "221 Washington St, Apt 3B"
    assert r.postcode == "07030"  # Shopify writes '07030 to keep the zero
    assert o.placed_at == datetime(2024, 3, 5, 14, 22, 10, tzinfo=CST)
    assert o.placed_at.utcoffset() == timedelta(hours=8)
    assert o.paid_at == datetime(2024, 3, 5, 14, 22, 41, tzinfo=CST)
    assert o.currency == "USD"
    assert o.total == Decimal("47.47")
    assert o.shipping_fee == Decimal("6.95")
    assert o.shipping_method == "Standard Shipping"
    assert o.buyer_email == "emily.carter@gmail.com"
    assert o.buyer_remark == ""
    assert o.extra["shopify_id"] == "5512938471720"
    assert o.extra["tags"] == "repeat-customer"


def test_three_line_order_with_a_multiline_note(orders):
    o = orders["#1002"]
    assert [(li.sku, li.qty, li.unit_price) for li in o.lines] == [
        ("LL-DRIP-WHT", 1, Decimal("32.00")),
        ("LL-FILT-100", 3, Decimal("6.50")),
        ("LL-TEE-NVY-S", 1, Decimal("23.00")),
    ]
    assert o.buyer_remark == (
        "请周末送货, 谢谢!\nPlease call before delivery, the building gate code is 1202#"
    )
    r = o.recipient
    assert r.name == "王芳"
    assert (r.country, r.province, r.city) == ("CN", "SH", "上海市")
    assert r.address == "浦东新区张江路88弄6号, 1202室"
    assert r.postcode == "201203"
    assert r.phone == "+86 138 0013 8000"
    assert o.total == Decimal("86.50")
    assert o.shipping_method == "SF Express"


def test_cancelled_and_voided_order_is_unpaid_and_cancelled(orders):
    o = orders["#1003"]
    assert o.cancelled
    assert o.payment_status is PaymentStatus.UNPAID
    assert o.paid_at is None
    assert o.shipping_fee == Decimal("0")
    assert o.recipient.phone == ""
    assert o.extra["risk_level"] == "High"


def test_refunded_orders_keep_their_refund_state(orders):
    refunded, partial = orders["#1004"], orders["#1006"]
    assert refunded.payment_status is PaymentStatus.REFUNDED
    assert not refunded.cancelled
    assert [(li.sku, li.qty) for li in refunded.lines] == [("LL-TEE-RED-S", 1), ("LL-TEE-NVY-M", 2)]
    assert refunded.extra["refunded_amount"] == "63.95"
    assert partial.payment_status is PaymentStatus.PARTIALLY_REFUNDED
    assert partial.recipient.address == "880 Harrison St, Suite 410"
    assert partial.extra["shipping_company"] == "Bluefin Labs, Inc."


def test_order_without_shipping_address_takes_the_billing_address(orders):
    o = orders["#1005"]  # local pickup: Shopify leaves the shipping block empty
    assert o.payment_status is PaymentStatus.UNPAID
    r = o.recipient
    assert r.name == "李伟"
    assert (r.country, r.province, r.city) == ("CN", "GD", "深圳市")
    assert r.address == "南山区科技园科苑路15号"
    assert r.postcode == "518057"
    assert r.phone == "+8613912345678"  # order-level Phone, Excel quote removed
    assert o.shipping_method == "Pickup at Shenzhen showroom"


def test_export_with_bom_and_crlf():
    results = list(parse_shopify_orders(FIXTURES / "orders_export_bom.csv"))
    assert [r.order_no for r in results] == ["#2041", "#2042"]
    first, second = results
    assert isinstance(first, IncomingOrder) and isinstance(second, IncomingOrder)
    assert [(li.sku, li.qty, li.unit_price) for li in first.lines] == [
        ("BRW-GRND-BLK", 1, Decimal("1080.00")),
        ("BRW-CLOTH-3", 2, Decimal("20.00")),
    ]
    assert first.lines[0].name == "Café Espresso Grinder – Matte Black"
    assert first.placed_at == datetime(2024, 11, 29, 8, 2, 47, tzinfo=EST)
    assert first.total == Decimal("1219.40")
    assert first.buyer_remark == 'Leave with the doorman, "Mike", not in the mailroom'
    assert first.recipient.phone == "(212) 555-0138"
    assert second.payment_status is PaymentStatus.UNPAID  # authorized, not captured
    assert second.recipient.postcode == "02108"
    assert second.source_row == 4


def test_bad_rows_reject_their_whole_order_and_nothing_else():
    results = list(parse_shopify_orders(FIXTURES / "orders_export_bad.csv"))
    assert [(type(r).__name__, r.order_no) for r in results] == [
        ("IncomingOrder", "#3001"),
        ("Rejected", "#3002"),
        ("Rejected", "#3003"),
        ("Rejected", "#3004"),
        ("Rejected", "#3005"),
        ("IncomingOrder", "#3006"),
    ]
    rejected = {r.order_no: r for r in results if isinstance(r, Rejected)}
    assert {r.source_file for r in rejected.values()} == {"orders_export_bad.csv"}
    # The second of three lines is broken: the order is rejected at that row, as a whole.
    assert rejected["#3002"].row == 4
    assert "Lineitem quantity 'two' is not a positive whole number" in rejected["#3002"].reason
    assert "row 4" in rejected["#3002"].reason
    assert "whole" in rejected["#3002"].reason
    assert rejected["#3003"].row == 6
    assert "Lineitem sku is empty" in rejected["#3003"].reason
    assert rejected["#3004"].row == 7
    assert "Lineitem price '12,99 USD' is not an amount" in rejected["#3004"].reason
    assert rejected["#3005"].row == 8
    assert "Created at '4/2/2024 13:14'" in rejected["#3005"].reason


def test_all_problems_of_an_order_are_listed(tmp_path):
    path = write_orders(
        tmp_path / "o.csv",
        [
            order_row("#1", Financial_Status="paid-ish", Lineitem_quantity="0"),
            line_row("#1", "", qty="1", price="-1.00"),
        ],
    )
    [result] = parse_shopify_orders(path)
    assert isinstance(result, Rejected)
    assert result.row == 2
    assert result.reason.index("row 2: Financial Status 'paid-ish'") < result.reason.index(
        "row 2: Lineitem quantity '0'"
    )
    assert "row 3: Lineitem sku is empty" in result.reason
    assert "row 3: Lineitem price '-1.00' is negative" in result.reason


@pytest.mark.parametrize(
    ("financial", "expected"),
    [
        ("paid", PaymentStatus.PAID),
        ("pending", PaymentStatus.UNPAID),
        ("authorized", PaymentStatus.UNPAID),
        ("partially_paid", PaymentStatus.PARTIALLY_PAID),
        ("refunded", PaymentStatus.REFUNDED),
        ("partially_refunded", PaymentStatus.PARTIALLY_REFUNDED),
        ("voided", PaymentStatus.UNPAID),
    ],
)
def test_financial_status_mapping(tmp_path, financial, expected):
    path = write_orders(tmp_path / "o.csv", [order_row("#1", Financial_Status=financial)])
    [order] = parse_shopify_orders(path)
    assert isinstance(order, IncomingOrder)
    assert order.payment_status is expected


def test_later_rows_repeating_order_fields_are_ignored(tmp_path):
    later = line_row("#7", "CUP-2", qty="3", price="4.50")
    later.update(
        {"Financial Status": "refunded", "Total": "999.00", "Shipping Name": "Someone Else"}
    )
    path = write_orders(tmp_path / "o.csv", [order_row("#7"), later])
    [order] = parse_shopify_orders(path)
    assert isinstance(order, IncomingOrder)
    assert order.payment_status is PaymentStatus.PAID
    assert order.total == Decimal("15.00")
    assert order.recipient.name == "Ann Lee"
    assert [(li.sku, li.qty, li.unit_price) for li in order.lines] == [
        ("MUG-1", 1, Decimal("10.00")),
        ("CUP-2", 3, Decimal("4.50")),
    ]


def test_an_order_split_apart_in_the_file_is_rejected_the_second_time(tmp_path):
    path = write_orders(
        tmp_path / "o.csv", [order_row("#1"), order_row("#2"), line_row("#1", "CUP-2")]
    )
    results = list(parse_shopify_orders(path))
    assert [type(r).__name__ for r in results] == ["IncomingOrder", "IncomingOrder", "Rejected"]
    assert results[2].row == 4
    assert results[2].order_no == "#1"
    assert "first at row 2" in results[2].reason


def test_row_without_name_is_rejected(tmp_path):
    path = write_orders(tmp_path / "o.csv", [order_row("#1"), order_row("")])
    results = list(parse_shopify_orders(path))
    assert isinstance(results[0], IncomingOrder)
    assert isinstance(results[1], Rejected)
    assert results[1].row == 3
    assert "Name is empty" in results[1].reason


def test_province_name_stands_in_for_a_missing_code(tmp_path):
    row = order_row("#1", Shipping_Province="", Shipping_Province_Name="Guangdong")
    [order] = parse_shopify_orders(write_orders(tmp_path / "o.csv", [row]))
    assert isinstance(order, IncomingOrder)
    assert order.recipient.province == "Guangdong"


def test_lines_with_nothing_to_ship_and_no_sku_are_set_aside(tmp_path):
    gift_card = line_row("#1", "", qty="1", price="50.00")
    gift_card.update({"Lineitem name": "Gift Card - $50", "Lineitem requires shipping": "false"})
    only_card = dict(order_row("#2", Lineitem_sku="", Lineitem_name="Gift Card - $25"))
    only_card["Lineitem requires shipping"] = "false"
    path = write_orders(tmp_path / "o.csv", [order_row("#1"), gift_card, only_card])
    mixed, card = parse_shopify_orders(path)
    assert isinstance(mixed, IncomingOrder)
    assert [li.sku for li in mixed.lines] == ["MUG-1"]
    assert mixed.extra["unshipped_lines"] == "Gift Card - $50 × 1"
    assert isinstance(card, Rejected)
    assert card.row == 4
    assert "nothing to ship, only Gift Card - $25 × 1" in card.reason


def test_missing_columns_are_all_named(tmp_path):
    path = tmp_path / "o.csv"
    path.write_text("Name,Email,Lineitem quantity\n#1,a@b.c,1\n", encoding="utf-8")
    with pytest.raises(FileFormatError) as err:
        list(parse_shopify_orders(path))
    message = str(err.value)
    for column in ("Financial Status", "Lineitem sku", "Lineitem price", "Total", "Created at"):
        assert column in message
    assert "o.csv" in message


# --- products -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def products() -> list[IncomingProduct | Rejected]:
    return list(parse_shopify_products(FIXTURES / "products_export.csv"))


def test_one_product_per_variant_and_image_rows_skipped(products):
    assert all(isinstance(p, IncomingProduct) for p in products)
    assert [(p.sku, p.source_row) for p in products] == [
        ("LL-TEE-RED-S", 2),
        ("LL-TEE-RED-M", 3),
        ("LL-TEE-NVY-S", 4),
        ("LL-TEE-NVY-M", 5),
        ("LL-DRIP-WHT", 8),
        ("LL-FILT-100", 10),
        ("LL-APRON-CHR", 11),
    ]


def test_variant_names_carry_the_option_values(products):
    names = {p.sku: p.name_en for p in products}
    assert names["LL-TEE-RED-S"] == "Organic Cotton T-shirt / Red / S"
    assert names["LL-TEE-NVY-M"] == "Organic Cotton T-shirt / Navy / M"
    assert names["LL-DRIP-WHT"] == "Ceramic Pour-Over Dripper"  # "Default Title" is no option
    assert names["LL-APRON-CHR"] == "Linen Apron / Charcoal / One Size / Leather"
    assert {p.name_zh for p in products} == {""}


def test_variant_weight_price_and_barcode(products):
    by_sku = {p.sku: p for p in products}
    tee = by_sku["LL-TEE-RED-M"]
    assert (tee.weight_g, tee.price, tee.barcodes) == (195, Decimal("19.00"), ("6971234560024",))
    assert by_sku["LL-DRIP-WHT"].weight_g == 450  # written as 450.0
    assert by_sku["LL-FILT-100"].weight_g is None  # 0 g means nobody weighed it
    assert by_sku["LL-FILT-100"].barcodes == ()
    assert by_sku["LL-APRON-CHR"].weight_g == 227  # 0.5 lb = 226.796 g
    assert by_sku["LL-APRON-CHR"].barcodes == ("0712345678911",)


def test_bad_product_rows_are_rejected_with_reasons():
    results = list(parse_shopify_products(FIXTURES / "products_export_bad.csv"))
    good = [r.sku for r in results if isinstance(r, IncomingProduct)]
    assert good == ["LL-SOCK-OAT", "LL-CLOTH-1"]
    rejected = [(r.row, r.reason) for r in results if isinstance(r, Rejected)]
    assert [row for row, _ in rejected] == [3, 4, 5, 7]
    assert "Variant SKU is empty" in rejected[0][1]
    assert "organic-cotton-socks" in rejected[0][1] and "Moss" in rejected[0][1]
    assert "Variant Price '12,99 €' is not an amount" in rejected[1][1]
    assert "Variant Barcode '6.97123E+12'" in rejected[2][1]
    assert rejected[3][1] == "SKU LL-SOCK-OAT: Variant SKU already used at row 2"


# --- the fast path for plain orders gives exactly what the checks give -----------------------

# One order each, with a value that is valid but not in its plainest form (or, for the
# last few, not valid): the fast path must build these as build() does, or leave them to it.
UNUSUAL_CELLS = [
    {"Shipping": "0.00"},
    {"Shipping": "", "Total": "1,021.00"},
    {"Total": "0", "Currency": "usd"},
    {"Total": "1e2", "Shipping": "1_0"},
    {"Lineitem quantity": "２"},
    {"Lineitem quantity": "03", "Lineitem price": "0"},
    {"Lineitem quantity": "2.0"},
    {"Lineitem quantity": "1_000"},
    {"Lineitem price": ".5"},
    {"Lineitem price": "-0"},
    {"Lineitem price": "$12"},
    {"Lineitem sku": "'007"},
    {"Lineitem sku": '="0071"', "Shipping Zip": "'07030", "Shipping Phone": "'0571"},
    {"Lineitem sku": " B-2 ", "Lineitem name": " Mug ", "Shipping Name": " Ann "},
    {"Financial Status": "PAID", "Cancelled at": "2024-03-06 10:00:00 +0800"},
    {"Created at": "2024-03-05T14:22:10+08:00", "Paid at": "2024-03-05 14:22:41 -0500"},
    {"Shipping Name": "", "Shipping Address1": "", "Shipping City": "", "Shipping Zip": "",
     "Shipping Province": "", "Shipping Country": "", "Billing Name": "Bo", "Billing Zip": "'02108",
     "Phone": "'+8613912345678"},
    {"Shipping Province": "", "Shipping Province Name": "Illinois", "Shipping Address2": "Apt 3"},
    {"Tags": " vip ", "Risk Level": "Low", "Id": "551"},
    {"Lineitem quantity": "0"},
    {"Lineitem price": "NaN"},
    {"Lineitem price": "Infinity"},
    {"Lineitem price": "-1.00"},
    {"Total": "Infinity"},
    {"Shipping": "-1"},
    {"Paid at": "2024-03-05 14:22:41"},
    {"Created at": "2024-03-05 14:22:10"},
    {"Currency": ""},
    {"Financial Status": "paid-ish"},
    {"Lineitem sku": "'"},
]  # fmt: skip


def test_clean_orders_take_the_fast_path(monkeypatch):
    # Otherwise the comparison below would hold whatever the fast path did.
    plain = shopify._OrderReader._plain

    def plain_only(self, name, rows):
        order = plain(self, name, rows)
        assert order is not None, f"clean order {name} went through the checks"
        return order

    monkeypatch.setattr(shopify._OrderReader, "_plain", plain_only)
    assert len(list(parse_shopify_orders(FIXTURES / "orders_export.csv"))) == 6


@pytest.mark.parametrize(
    "name", ["orders_export.csv", "orders_export_bom.csv", "orders_export_bad.csv", "unusual"]
)
def test_fast_path_gives_what_the_checks_give(tmp_path, monkeypatch, name):
    if name == "unusual":
        rows = []
        for i, cells in enumerate(UNUSUAL_CELLS):
            rows.append(order_row(f"#{i}") | cells)
            if i % 3 == 0:  # and a second line now and then
                rows.append(line_row(f"#{i}", "CUP-2", qty="2", price="4.50"))
        path = write_orders(tmp_path / "o.csv", rows)
    else:
        path = FIXTURES / name
    fast = list(parse_shopify_orders(path))
    monkeypatch.setattr(shopify._OrderReader, "_plain", lambda self, name, rows: None)
    checked = list(parse_shopify_orders(path))
    # repr, not ==: Decimal("0") == Decimal("0.00"), and the digits must be the same too.
    assert [repr(r) for r in fast] == [repr(r) for r in checked]
    if name == "unusual":
        assert sum(isinstance(r, Rejected) for r in fast) == 13  # an exponent is no amount
