"""Cells that Decimal() or int() would choke on must reject one order, never stop a file."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import pytest

from app.domain.incoming import IncomingOrder, Rejected
from app.services.intake.generic import parse_generic_orders_csv
from app.services.intake.generic.orders_csv import REQUIRED
from app.services.intake.taobao import parse_taobao

FIXTURES = Path(__file__).parents[3] / "fixtures" / "taobao"

HEADER = ["store", *REQUIRED]  # the columns a generic orders file must have


def write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        w.writerows(rows)
    return path


@pytest.mark.parametrize(
    ("qty", "price"),
    [
        ("inf", "1.00"),
        ("sNaN", "1.00"),
        ("1", "1e5"),
        ("1", "1_000"),
        ("1e400000", "1.00"),
        ("1", "Infinity"),
    ],
)
def test_generic_rejects_the_order_and_reads_on(tmp_path: Path, qty: str, price: str) -> None:
    base = [
        "S",
        "manual",
        "",
        "paid",
        "张三",
        "13800138000",
        "CN",
        "浙江省",
        "杭州市",
        "文三路 1号",
    ]
    path = write(
        tmp_path / "o.csv",
        [
            base[:2] + ["A1"] + base[3:] + ["SKU", qty, price],
            base[:2] + ["A2"] + base[3:] + ["SKU", "1", "9.90"],
        ],
    )
    results = list(parse_generic_orders_csv(path))
    rejected = [r for r in results if isinstance(r, Rejected)]
    good = [r for r in results if isinstance(r, IncomingOrder)]
    assert [r.order_no for r in rejected] == ["A1"] and rejected[0].row == 2
    assert [o.order_no for o in good] == ["A2"]


def _taobao_maker():
    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("qty", ["1" * 5000, "0" * 4999 + "1"])
def test_taobao_rejects_the_order_and_reads_on(tmp_path: Path, qty: str) -> None:
    # int() refuses more than 4,300 digits with a ValueError that once stopped the file.
    mf = _taobao_maker()
    orders = [
        mf.order(no, "buyer", mf.PAID, "张三", "浙江省 杭州市 西湖区 文三路 1号(310013)",
                 [("A", "10.00", 1, "t")], mobile="13800138000", 宝贝总数量="")
        for no in ("3715000000000000001", "3715000000000000002")
    ]  # fmt: skip
    items = [
        mf.item("3715000000000000001", "A", "10.00", qty, "t"),
        mf.item("3715000000000000002", "A", "10.00", "1", "t"),
    ]
    paths = [tmp_path / "ExportOrderList.csv", tmp_path / "ExportOrderDetailList.csv"]
    mf.write(paths[0], mf.LIST_HEADER, orders)
    mf.write(paths[1], mf.DETAIL_HEADER, items)
    rejected, good = parse_taobao(paths)
    assert isinstance(rejected, Rejected) and rejected.order_no == "3715000000000000001"
    assert "购买数量 (quantity)" in rejected.reason and "positive whole number" in rejected.reason
    assert isinstance(good, IncomingOrder) and good.order_no == "3715000000000000002"
