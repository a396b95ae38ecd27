"""Label rendering speed: ZPL (both CJK modes) and PDF, per size.

    python bench/labels.py [--labels 200]

Renders the same stream of different e-waybills (recipients, addresses, items
and tracking numbers vary; carrier, sender and captions repeat, as in a real
wave) on each size and prints the median time per label twice: "cold", with
every cache cleared first, as in a station that has just started, and for the
next labels, with the glyph and line caches warm, as in a station at work
(the goal applies to that one), with its 95th percentile.
Goal: ZPL ≤ 5 ms, PDF ≤ 50 ms per label.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from printing import fonts, layout, zpl  # noqa: E402
from printing.label import (  # noqa: E402
    WAYBILL_SIZES,
    Recipient,
    Sender,
    ShippingLabel,
    summarize_items,
)
from printing.pdf import render_pdf  # noqa: E402
from printing.zpl import render_zpl  # noqa: E402

GOALS_MS = {"ZPL graphic": 5.0, "ZPL font": 5.0, "PDF": 50.0}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英霞平刚桂英华玉兰萍红建国志强晓东"
PLACES = [
    ("广东省", "深圳市", "南山区", "粤海街道 科技园南区 深南大道"),
    ("浙江省", "杭州市", "西湖区", "文三路"),
    ("北京市", "北京市", "朝阳区", "建国门外大街"),
    ("四川省", "成都市", "武侯区", "天府大道北段"),
    ("上海市", "上海市", "浦东新区", "张江高科技园区 碧波路"),
]
ITEMS = ["保温杯", "数据线", "手机壳", "蓝牙耳机", "充电宝", "收纳盒", "毛巾", "T恤", "袜子"]


def labels(n: int, seed: int = 7) -> list[ShippingLabel]:
    rng = random.Random(seed)
    sender = Sender(
        "杭州好物旗舰店", "0571-88886666", ("浙江省杭州市余杭区", "良睦路 1399 号 3 号仓")
    )
    out = []
    for i in range(n):
        province, city, district, street = rng.choice(PLACES)
        name = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.randint(1, 2)))
        items = [(rng.choice(ITEMS), rng.randint(1, 3)) for _ in range(rng.randint(1, 4))]
        out.append(
            ShippingLabel(
                carrier_code=rng.choice(["ZTO", "YTO", "SF", "JD"]),
                tracking_no=f"{rng.choice(['', 'SF', 'JDVA', 'YT'])}{rng.randrange(10**13, 10**14)}",
                sender=sender,
                recipient=Recipient(
                    name,
                    f"13{rng.randrange(10**9):09d}",
                    province,
                    city,
                    district,
                    f"{street} {rng.randint(1, 999)} 号 {rng.randint(1, 30)} 栋 {rng.randint(101, 2999)} 室",
                    f"{rng.randrange(100000, 999999)}",
                ),
                order_no=f"TB{20240501000000 + i}",
                items_summary=summarize_items(items),
                printed_at=datetime(2024, 5, 1, 9, 0) + timedelta(seconds=7 * i),
                weight_g=rng.randint(100, 5000),
                sort_code=f"{rng.randint(100, 999)}-{rng.choice('ABCW')}{rng.randint(1, 99):02d}",
            )
        )
    return out


def clear_caches() -> None:
    """Forget rasterised glyphs, lines, text widths and QR codes: a station just started."""
    for cached in (
        zpl._glyph,
        zpl.text_graphic,
        zpl._graphic_field,
        fonts._advance,
        layout.qr_matrix,
        layout.qr_modules,
    ):
        cached.cache_clear()


def timed(render, batch: list[ShippingLabel]) -> list[float]:
    times = []
    for label in batch:
        start = time.perf_counter()
        render(label)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--labels", type=int, default=200)
    args = ap.parse_args()
    cold_batch = labels(args.labels, seed=7)
    warm_batch = labels(args.labels, seed=8)
    renderers = {
        "ZPL graphic": lambda size: lambda lb: render_zpl(lb, size, cjk="graphic"),
        "ZPL font": lambda size: lambda lb: render_zpl(lb, size, cjk="font"),
        "PDF": lambda size: lambda lb: render_pdf(lb, size),
    }
    print(f"{args.labels} different labels per series, ms per label")
    print("cold: caches cleared first (a station that just started);")
    print("warm: the next labels (glyphs of common characters, carrier and sender lines cached)")
    print(f"{'size':<9} {'renderer':<12} {'cold':>7} {'median':>7} {'p95':>7} {'goal':>5}  ok")
    failed = False
    for size in WAYBILL_SIZES:
        for name, make in renderers.items():
            clear_caches()
            render_pdf(cold_batch[0], size)  # the font is parsed once per process, not timed
            cold = statistics.median(timed(make(size), cold_batch))
            warm = timed(make(size), warm_batch)
            median = statistics.median(warm)
            p95 = statistics.quantiles(warm, n=20)[-1]
            ok = median <= GOALS_MS[name]
            failed |= not ok
            print(
                f"{size.name:<9} {name:<12} {cold:7.2f} {median:7.2f} {p95:7.2f} "
                f"{GOALS_MS[name]:5.0f}  {'yes' if ok else 'NO'}"
            )
    if failed:
        print("some medians are over their goal")


if __name__ == "__main__":
    main()
