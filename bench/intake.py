"""Intake throughput: import 100,000 order lines, then review + allocate 10,000 orders.

    python bench/intake.py [--lines 100000] [--orders 10000] [--pg URL | --no-pg]

Runs on SQLite (a temporary file) and on PostgreSQL (a temporary database on the
server named by --pg, $WAVEDESK_TEST_PG_URL or the local server). Each figure is
printed with its baseline, measured in the same process on the same data:

* import: wavedesk's whole import (parse, dedupe, insert orders, lines and events)
  against the bare minimum — csv.reader over the file plus one executemany of the
  line rows into a scratch table.
* review + allocate: the whole pass against a bare pass that reads the same orders
  and lines and writes their status once.

Goals (issue 2): import ≥ 20,000 lines/s; review + allocate 10,000 orders ≤ 10 s.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, select, text, update  # noqa: E402

from app.db.engine import Database  # noqa: E402
from app.db.migrate import upgrade  # noqa: E402
from app.db.models import Order, Product, Stock  # noqa: E402
from app.demo.catalog import seed_catalog  # noqa: E402
from app.services.allocation import allocate_orders  # noqa: E402
from app.services.intake.apply import import_orders  # noqa: E402
from app.services.intake.generic import parse_generic_orders_csv  # noqa: E402
from app.services.review import review_orders  # noqa: E402
from bench.scratch_db import scratch_database  # noqa: E402

HEADER = (
    "store,platform,order_no,status_payment,cancelled,placed_at,paid_at,currency,total,"
    "shipping_fee,shipping_method,buyer_id,buyer_email,buyer_remark,seller_remark,name,phone,"
    "country,province,city,district,address,postcode,sku,qty,unit_price,item_name"
).split(",")

PLACES = [
    ("浙江省", "杭州市", "西湖区"),
    ("广东省", "广州市", "天河区"),
    ("广东省", "深圳市", "南山区"),
    ("江苏省", "南京市", "鼓楼区"),
    ("上海市", "上海市", "浦东新区"),
    ("北京市", "北京市", "朝阳区"),
    ("四川省", "成都市", "武侯区"),
    ("湖北省", "武汉市", "洪山区"),
    ("福建省", "厦门市", "思明区"),
]


def write_orders(path: Path, lines: int, skus: list[tuple[str, str]], start: int) -> int:
    """Generic-CSV orders, ~60 % single-line; returns the number of orders written."""
    rng = random.Random(42 + start)
    written = orders = 0
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        while written < lines:
            orders += 1
            n = 1 if rng.random() < 0.6 else min(rng.randint(2, 5), lines - written)
            prov, city, dist = rng.choice(PLACES)
            no = str(4000000000000000000 + start + orders)
            for k in range(n):
                sku, price = rng.choice(skus)
                head = (
                    [
                        "淘宝小店",
                        "taobao",
                        no,
                        "paid",
                        "",
                        "2026-11-20T10:00:00+08:00",
                        "",
                        "CNY",
                        "",
                        "0",
                        "",
                        f"buyer{orders % 5000}",
                        "",
                        "",
                        "",
                        "张三",
                        "13800138000",
                        "CN",
                        prov,
                        city,
                        dist,
                        f"幸福路 {orders % 900 + 1}号",
                        "310000",
                    ]
                    if k == 0
                    else ["淘宝小店", "", no] + [""] * 20
                )
                w.writerow(head + [sku, 1 + (k % 2), price, ""])
            written += n
    return orders


def baseline_import(url: str, path: Path) -> float:
    """csv.reader + one executemany of the same rows: the floor any importer stands on."""
    engine = create_engine(url)
    t0 = time.perf_counter()
    with path.open(encoding="utf-8", newline="") as f:
        rows = [
            {"o": r[2], "s": r[23], "q": int(r[24]), "p": r[25]} for r in list(csv.reader(f))[1:]
        ]
    with engine.begin() as conn:
        conn.execute(
            text(
                "CREATE TABLE bench_lines (o VARCHAR(64), s VARCHAR(64), q INTEGER, p NUMERIC(12,2))"
            )
        )
        conn.execute(text("INSERT INTO bench_lines VALUES (:o, :s, :q, :p)"), rows)
    elapsed = time.perf_counter() - t0
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE bench_lines"))
    engine.dispose()
    return elapsed


def baseline_pass(db: Database, limit: int) -> float:
    """Read the orders and their lines, write each status once: the floor of review+allocate."""
    t0 = time.perf_counter()
    with db.unit_of_work() as s:
        ids = list(
            s.scalars(
                select(Order.id).where(Order.status == "received").order_by(Order.id).limit(limit)
            )
        )
        s.execute(
            text("SELECT order_id, sku, qty FROM order_lines WHERE order_id <= :m"), {"m": ids[-1]}
        ).all()
        s.execute(update(Order).where(Order.id.in_(ids)).values(status="received"))
        s.rollback()
    return time.perf_counter() - t0


def run(label: str, url: str, lines: int, review_n: int, workdir: Path) -> None:
    upgrade(url)
    db = Database(url)
    seed_catalog(db, seed=7, products=500)
    with db.unit_of_work() as s:
        # Plenty of stock so allocation does real work for every order, not a quick "wait".
        s.execute(update(Stock).values(on_hand=Stock.on_hand + 10_000))
        skus = [
            (sku, f"{price:.2f}") for sku, price in s.execute(select(Product.sku, Product.price))
        ]

    big = workdir / f"{label}-orders.csv"
    n_orders = write_orders(big, lines, skus, 0)
    base = baseline_import(url, big)
    t0 = time.perf_counter()
    items = list(parse_generic_orders_csv(big))
    t_parse = time.perf_counter() - t0
    del items
    # What `wavedesk import orders` does: parse and write as the file streams in.
    t0 = time.perf_counter()
    report = import_orders(db, parse_generic_orders_csv(big))
    t_import = time.perf_counter() - t0
    assert report.imported == n_orders and not report.rejected, report.summary()
    t0 = time.perf_counter()
    again = import_orders(db, parse_generic_orders_csv(big))
    t_again = time.perf_counter() - t0
    assert again.unchanged == n_orders

    print(f"\n[{label}]")
    print(
        f"import {lines:,} lines ({n_orders:,} orders): {t_import:6.2f} s = {lines / t_import:9,.0f} lines/s"
        f"   (parsing alone {t_parse:.2f} s; baseline csv+executemany {base:.2f} s; ratio {t_import / base:.1f}×)"
    )
    print(f"re-import, all unchanged:           {t_again:6.2f} s = {lines / t_again:9,.0f} lines/s")

    # Review + allocate the first review_n orders: mark the rest as already handled.
    with db.unit_of_work() as s:
        cutoff = s.scalars(select(Order.id).order_by(Order.id).offset(review_n - 1).limit(1)).one()
        s.execute(update(Order).where(Order.id > cutoff).values(status="cancelled"))
    base = baseline_pass(db, review_n)
    t0 = time.perf_counter()
    rv = review_orders(db)
    t_review = time.perf_counter() - t0
    al = allocate_orders(db)
    t_total = time.perf_counter() - t0
    print(
        f"review + allocate {review_n:,} orders:   {t_total:6.2f} s = {review_n / t_total:9,.0f} orders/s"
        f"   (review {t_review:.2f} s: {rv.summary()}; allocate {t_total - t_review:.2f} s: {al.summary()};"
        f" baseline read+write {base:.2f} s; ratio {t_total / base:.1f}×)"
    )
    db.dispose()


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--lines", type=int, default=100_000)
    ap.add_argument("--orders", type=int, default=10_000)
    ap.add_argument(
        "--pg",
        default=os.environ.get(
            "WAVEDESK_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
        ),
    )
    ap.add_argument("--no-pg", action="store_true")
    args = ap.parse_args()
    print(f"wavedesk intake bench: {args.lines:,} lines, review+allocate {args.orders:,} orders")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        run("sqlite", f"sqlite:///{work / 'bench.sqlite3'}", args.lines, args.orders, work)
        if args.no_pg:
            return
        with ExitStack() as scratch:
            try:
                url = scratch.enter_context(scratch_database(args.pg))
            except Exception as exc:  # noqa: BLE001 - no server: the SQLite figures still stand
                print(f"\n[postgresql] skipped: {str(exc).splitlines()[0]}")
                return
            run("postgresql", url, args.lines, args.orders, work)


if __name__ == "__main__":
    main()
