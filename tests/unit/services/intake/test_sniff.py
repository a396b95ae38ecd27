from pathlib import Path

import pytest

from app.services.intake.csvtext import FileFormatError
from app.services.intake.sniff import sniff_orders_format, sniff_products_format

FIXTURES = Path(__file__).parents[3] / "fixtures"

TAOBAO_ORDERS = (
    "订单编号,买家会员名,买家支付宝账号,买家应付货款,买家应付邮费,买家支付积分,总金额,返点积分,"
    "买家实际支付金额,买家实际支付积分,订单状态,买家留言,收货人姓名,收货地址 ,运送方式,联系电话 ,"
    "联系手机,订单创建时间,订单付款时间 ,宝贝标题 ,宝贝种类 ,物流单号 ,物流公司,订单备注,宝贝总数量"
)
TAOBAO_ITEMS = "订单编号,标题,价格,购买数量,外部系统编号,商品属性,套餐信息,备注,订单状态,商家编码"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("shopify/orders_export.csv", "shopify"),
        ("shopify/orders_export_bom.csv", "shopify"),
        ("shopify/orders_export_bad.csv", "shopify"),
        ("generic/orders.csv", "generic-csv"),
        ("generic/orders_bad.csv", "generic-csv"),
        ("generic/orders.jsonl", "generic-jsonl"),
        ("generic/orders_bad.jsonl", "generic-jsonl"),
    ],
)
def test_orders_fixtures(name, expected):
    assert sniff_orders_format(FIXTURES / name) == expected


@pytest.mark.parametrize("header", [TAOBAO_ORDERS, TAOBAO_ITEMS])
@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig"])
def test_taobao_seller_centre_exports(tmp_path, header, encoding):
    path = tmp_path / "ExportOrderList.csv"
    row = '="3712401234567890123",北欧陶瓷马克杯 350ml,29.90,1\n'
    path.write_bytes((header + "\n" + row).encode(encoding))
    assert sniff_orders_format(path) == "taobao"


@pytest.mark.parametrize("path", sorted((FIXTURES / "taobao").glob("*.csv")), ids=lambda p: p.name)
def test_taobao_fixtures_of_the_taobao_importer(path):
    assert sniff_orders_format(path) == "taobao"


def test_a_large_gbk_file_is_read_only_at_its_start(tmp_path):
    path = tmp_path / "big.csv"
    # Rows of two-byte characters: the 64 KiB read ends in the middle of one.
    body = "".join(
        f'="37124012345678{n:05d}",北欧陶瓷马克杯雾霾蓝色大号,29.90,1\n' for n in range(5000)
    )
    path.write_bytes((TAOBAO_ITEMS + "\n" + body).encode("gb18030"))
    assert path.stat().st_size > 64 * 1024
    assert sniff_orders_format(path) == "taobao"


def test_jsonl_with_bom_and_leading_blank_lines(tmp_path):
    path = tmp_path / "orders.txt"
    path.write_bytes(b'\xef\xbb\xbf\n\n{"order_no": "A1"}\n')
    assert sniff_orders_format(path) == "generic-jsonl"


def test_one_shared_column_is_not_enough_for_taobao(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("订单编号,商品名称,数量\n1,杯子,2\n", encoding="utf-8")
    with pytest.raises(FileFormatError):
        sniff_orders_format(path)


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\n\n",
        b"order,item,count\nA1,cup,2\n",
        b"Handle,Title,Variant SKU\nmug,Mug,MUG-1\n",
        b"\xff\xfe\x00\x01garbage",
    ],
    ids=["empty", "blank", "unknown", "products", "binary"],
)
def test_unknown_orders_files(tmp_path, content):
    path = tmp_path / "export.csv"
    path.write_bytes(content)
    with pytest.raises(FileFormatError) as err:
        sniff_orders_format(path)
    assert str(err.value) == f"cannot tell the format of {path}; pass --format"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("shopify/products_export.csv", "shopify"),
        ("shopify/products_export_bad.csv", "shopify"),
        ("generic/products.csv", "generic"),
        ("generic/products_bad.csv", "generic"),
    ],
)
def test_products_fixtures(name, expected):
    assert sniff_products_format(FIXTURES / name) == expected


@pytest.mark.parametrize(
    "name", ["generic/orders.csv", "generic/stock.csv", "shopify/orders_export.csv"]
)
def test_files_that_are_not_products(name):
    # An orders or stock file has a sku column too, but it is no catalog.
    with pytest.raises(FileFormatError, match="pass --format"):
        sniff_products_format(FIXTURES / name)
