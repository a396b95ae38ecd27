"""Cells that Decimal() or int() would choke on must reject one order, never stop a file."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from app.domain.incoming import IncomingOrder, Rejected
from app.services.intake.generic import parse_generic_orders_csv

HEADER = [
    "store",
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
]


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
