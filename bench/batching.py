"""Benchmark order batching: total distance of each method against FCFS, and time.

Usage (from the repository root)::

    python bench/batching.py                   # 20 instances per cell
    python bench/batching.py --instances 5     # quicker
    python bench/batching.py --capacity items  # cart capacity 30/45/60 items
    python bench/batching.py --only-scale      # just the 4,000-order line

Instances in the style of Henn & Wäscher (2012, "Tabu search heuristics for
the order batching problem in manual order picking systems", EJOR 222(3)):
a parallel-aisle warehouse of 10 aisles with 90 storage locations each (45 a
side, 1 m wide, so aisles are 45 m long), aisle centre lines 5 m apart, the
depot at the front of the left-most aisle; one block, and the same floor cut
in two blocks by a middle cross aisle.  Orders have 2–10 lines, one unit each,
at locations drawn uniformly or class-based (ABC: the left-most 10 % of the
aisles hold A items with 52 % of the demand, the next 30 % B items with 36 %,
the rest C items with 12 %).  Cells: n ∈ {40, 60, 80, 100} orders × cart
capacity K ∈ {4, 6, 8} orders (``--capacity orders``) or 30/45/60 items
(``--capacity items``).

Per cell it prints the total distance of every method over all instances as a
ratio to FCFS (0.78 = 22 % shorter) and the mean time per instance.  Then a
"scale" line: 4,000 orders of 2–6 lines over 20 aisles, K = 8.

Run time on a 2-core machine: about 7 minutes with ``--instances 5``, so
about half an hour with the default 20; the two-block cells and the local
search dominate (every move is costed with the exact DP).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.routing import Layout, Pick  # noqa: E402
from app.routing.batching import BATCHING_METHODS, BatchOrder, Capacity, batch_orders  # noqa: E402

SLOTS_PER_SIDE = 45
SLOT_LENGTH = 1.0
ABC = ((0.10, 0.52), (0.30, 0.36), (0.60, 0.12))  # share of aisles, share of demand


def make_layout(aisles: int, blocks: int) -> Layout:
    return Layout(aisles, SLOTS_PER_SIDE * SLOT_LENGTH, 5.0, blocks, depot_x=0.0)


def aisle_classes(aisles: int) -> list[list[int]]:
    """Aisles of the A, B and C class, left to right (nearest the depot first)."""
    out, start = [], 1
    for k, (share, _) in enumerate(ABC):
        count = aisles - start + 1 if k == len(ABC) - 1 else max(1, round(share * aisles))
        out.append(list(range(start, start + count)))
        start += count
    return out


def make_orders(
    rng: random.Random, layout: Layout, n: int, lines: tuple[int, int], storage: str
) -> list[BatchOrder]:
    classes = aisle_classes(layout.aisles)
    orders = []
    for o in range(n):
        picks = []
        for k in range(rng.randint(*lines)):
            if storage == "abc":
                (aisles,) = rng.choices(classes, weights=[demand for _, demand in ABC])
                aisle = rng.choice(aisles)
            else:
                aisle = rng.randint(1, layout.aisles)
            slot = rng.randrange(SLOTS_PER_SIDE)  # either side of the aisle, same y
            picks.append(Pick(f"o{o}-{k}", aisle, (slot + 0.5) * SLOT_LENGTH))
        orders.append(BatchOrder(f"o{o}", tuple(picks), units=len(picks)))
    return orders


def run_cell(
    args: argparse.Namespace, blocks: int, storage: str, n: int, cap: int
) -> tuple[dict, dict]:
    layout = make_layout(10, blocks)
    rng = random.Random(f"{args.seed}/{blocks}/{storage}/{n}/{cap}")
    capacity = Capacity(cap) if args.capacity == "orders" else Capacity(n, units=cap)
    totals = dict.fromkeys(BATCHING_METHODS, 0.0)
    times = dict.fromkeys(BATCHING_METHODS, 0.0)
    for _ in range(args.instances):
        orders = make_orders(rng, layout, n, (2, 10), storage)
        for method in BATCHING_METHODS:
            start = time.perf_counter()
            result = batch_orders(layout, orders, capacity, method, seed=args.seed)
            times[method] += time.perf_counter() - start
            totals[method] += result.total_distance
    return totals, {m: t / args.instances for m, t in times.items()}


def scale_line(args: argparse.Namespace) -> None:
    layout = make_layout(20, 1)
    rng = random.Random(f"{args.seed}/scale")
    orders = make_orders(rng, layout, args.scale_orders, (2, 6), "uniform")
    print(
        f"\nscale: {len(orders)} orders of 2-6 lines, 20 aisles x 45 m, 1 block, K = 8, "
        f"{sum(len(o.picks) for o in orders)} picks"
    )
    base = None
    for method in args.scale_methods:
        start = time.perf_counter()
        result = batch_orders(layout, orders, Capacity(8), method, seed=args.seed)
        elapsed = time.perf_counter() - start
        base = base or result.total_distance
        print(
            f"  {method:<11} {elapsed:6.2f} s  total {result.total_distance:11.0f} m  "
            f"ratio to FCFS {result.total_distance / base:.3f}  ({len(result.batches)} batches)"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instances", type=int, default=20, help="instances per cell")
    parser.add_argument("--capacity", choices=("orders", "items"), default="orders")
    parser.add_argument("--orders", type=int, nargs="+", default=[40, 60, 80, 100])
    parser.add_argument("--caps", type=int, nargs="+", help="default 4 6 8 (orders) / 30 45 60")
    parser.add_argument("--blocks", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--storage", nargs="+", choices=("uniform", "abc"), default=["uniform"])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scale-orders", type=int, default=4000)
    parser.add_argument(
        "--scale-methods", nargs="+", default=["fcfs", "savings", "savings+ls"], metavar="M"
    )
    parser.add_argument("--only-scale", action="store_true")
    parser.add_argument("--no-scale", action="store_true")
    args = parser.parse_args(argv)
    if args.caps is None:
        args.caps = [4, 6, 8] if args.capacity == "orders" else [30, 45, 60]
    if "fcfs" not in args.scale_methods[:1]:
        args.scale_methods.insert(0, "fcfs")

    started = time.perf_counter()
    print(f"batching benchmark: Python {sys.version.split()[0]}, seed {args.seed}")
    if not args.only_scale:
        print(
            f"{args.instances} instances per cell; 10 aisles x 45 m, 5 m apart, depot front left; "
            f"2-10 lines per order; capacity in {args.capacity}"
        )
        print("ratio = total distance / FCFS total distance over the cell's instances\n")
        unit = "K" if args.capacity == "orders" else "items"
        head = f"{'blocks':>6} {'storage':>7} {'n':>4} {unit:>5} |" + "".join(
            f" {m:>10}" for m in BATCHING_METHODS
        )
        print(head + " | mean time per instance (ms): " + " ".join(BATCHING_METHODS))
        grand = dict.fromkeys(BATCHING_METHODS, 0.0)
        for blocks in args.blocks:
            for storage in args.storage:
                for n in args.orders:
                    for cap in args.caps:
                        totals, times = run_cell(args, blocks, storage, n, cap)
                        for m in BATCHING_METHODS:
                            grand[m] += totals[m] / totals["fcfs"]
                        print(
                            f"{blocks:>6} {storage:>7} {n:>4} {cap:>5} |"
                            + "".join(f" {totals[m] / totals['fcfs']:>10.3f}" for m in totals)
                            + " | "
                            + " ".join(f"{times[m] * 1e3:.0f}" for m in times),
                            flush=True,
                        )
        cells = len(args.blocks) * len(args.storage) * len(args.orders) * len(args.caps)
        print(
            f"{'mean of cell ratios':>24} |"
            + "".join(f" {grand[m] / cells:>10.3f}" for m in BATCHING_METHODS)
        )
    if not args.no_scale:
        scale_line(args)
    print(f"\ntotal {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
