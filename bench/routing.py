"""Benchmark the routing methods: heuristic gaps against ``optimal`` and timings.

Usage (from the repository root)::

    python bench/routing.py                  # 1,000 instances per cell
    python bench/routing.py --instances 100  # quicker
    python bench/routing.py --aisles 20 --blocks 3 --picks 50 --walk

For every cell (aisles × blocks × picks) it draws seeded random instances
(picks uniform over aisles and heights, depot at the front of aisle 1) and
prints

1. the mean and max gap (%) of each heuristic's reported distance (the
   shortest-path length of its visiting order) over ``optimal``; with
   ``--walk`` also the gap of the heuristic's own textbook walk;
2. the median wall time of one ``route()`` call per method, plus
   ``route_distance(..., "optimal")`` (the batching path).

Then the median time of ``optimal`` for 100 picks over 20 aisles (1 and 3
blocks), the target being <= 10 ms in CPython.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.routing import METHODS, Layout, Pick, route, route_distance  # noqa: E402
from app.routing.heuristics import HEURISTICS  # noqa: E402

HEURISTIC_METHODS = METHODS[1:]


def make_picks(rng: random.Random, layout: Layout, count: int) -> list[Pick]:
    return [
        Pick(f"p{i}", rng.randint(1, layout.aisles), round(rng.uniform(0, layout.aisle_length), 2))
        for i in range(count)
    ]


def fmt_time(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:7.0f}µs"
    return f"{seconds * 1e3:7.2f}ms"


def timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - start


def run_cell(args, aisles: int, blocks: int, count: int) -> dict:
    layout = Layout(aisles, args.aisle_length, args.aisle_spacing, blocks)
    rng = random.Random(args.seed * 1_000_003 + aisles * 10_000 + blocks * 1_000 + count)
    gaps = {m: [] for m in HEURISTIC_METHODS}
    walk_gaps = {m: [] for m in HEURISTIC_METHODS}
    times = {m: [] for m in (*METHODS, "optimal-distance")}
    violations = 0
    for _ in range(args.instances):
        picks = make_picks(rng, layout, count)
        best, t = timed(route, layout, picks, "optimal")
        times["optimal"].append(t)
        dist, t = timed(route_distance, layout, picks, "optimal")
        times["optimal-distance"].append(t)
        if abs(dist - best.distance) > 1e-9 * max(1.0, best.distance):
            violations += 1
        for method in HEURISTIC_METHODS:
            r, t = timed(route, layout, picks, method)
            times[method].append(t)
            if r.distance < best.distance - 1e-9:
                violations += 1
            gaps[method].append(100.0 * (r.distance / best.distance - 1.0))
            if args.walk:
                walk = HEURISTICS[method](layout, picks).length
                walk_gaps[method].append(100.0 * (walk / best.distance - 1.0))
    return {"gaps": gaps, "walk_gaps": walk_gaps, "times": times, "violations": violations}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instances", type=int, default=1000, help="instances per cell")
    parser.add_argument("--aisles", type=int, nargs="+", default=[5, 10, 20])
    parser.add_argument("--blocks", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--picks", type=int, nargs="+", default=[5, 10, 20, 30, 50])
    parser.add_argument("--aisle-length", type=float, default=30.0)
    parser.add_argument("--aisle-spacing", type=float, default=3.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--big", type=int, default=200, help="instances for the 100-pick timing")
    parser.add_argument("--walk", action="store_true", help="also show textbook walk gaps")
    args = parser.parse_args(argv)

    print(
        f"routing benchmark: {args.instances} instances per cell, aisle length "
        f"{args.aisle_length:g}, spacing {args.aisle_spacing:g}, depot at aisle 1, seed {args.seed}"
    )
    print(f"Python {sys.version.split()[0]}\n")
    head = f"{'aisles':>6} {'blocks':>6} {'picks':>5} |"
    gap_head = head + "".join(f" {m:>17}" for m in HEURISTIC_METHODS)
    time_head = head + "".join(f" {m:>11}" for m in (*METHODS, "opt-dist"))
    gap_rows, walk_rows, time_rows = [], [], []
    violations = 0
    started = time.perf_counter()
    for aisles in args.aisles:
        for blocks in args.blocks:
            for count in args.picks:
                cell = run_cell(args, aisles, blocks, count)
                violations += cell["violations"]
                label = f"{aisles:>6} {blocks:>6} {count:>5} |"
                gap_rows.append(
                    label
                    + "".join(
                        f" {statistics.fmean(g):7.2f} /{max(g):7.2f}" for g in cell["gaps"].values()
                    )
                )
                if args.walk:
                    walk_rows.append(
                        label
                        + "".join(
                            f" {statistics.fmean(g):7.2f} /{max(g):7.2f}"
                            for g in cell["walk_gaps"].values()
                        )
                    )
                time_rows.append(
                    label
                    + "".join(
                        f" {fmt_time(statistics.median(t)):>11}" for t in cell["times"].values()
                    )
                )
                print(f"  done {aisles} aisles, {blocks} blocks, {count} picks", file=sys.stderr)

    print("Gap over optimal, % (mean / max), reported distance = shortest path through the order")
    print(gap_head)
    print("\n".join(gap_rows))
    if args.walk:
        print("\nGap over optimal, % (mean / max), the heuristic's own textbook walk")
        print(gap_head)
        print("\n".join(walk_rows))
    print("\nMedian time per route() call (opt-dist: route_distance(..., 'optimal'))")
    print(time_head)
    print("\n".join(time_rows))

    print("\nOptimal, 100 picks over 20 aisles (median of", args.big, "instances):")
    for blocks in (1, 3):
        layout = Layout(20, args.aisle_length, args.aisle_spacing, blocks)
        rng = random.Random(args.seed * 7919 + blocks)
        full, dist_only = [], []
        for _ in range(args.big):
            picks = make_picks(rng, layout, 100)
            full.append(timed(route, layout, picks, "optimal")[1])
            dist_only.append(timed(route_distance, layout, picks, "optimal")[1])
        print(
            f"  {blocks} block(s): route() {fmt_time(statistics.median(full)).strip()}, "
            f"route_distance() {fmt_time(statistics.median(dist_only)).strip()}"
        )
    print(f"\nheuristic shorter than optimal / DP mismatch: {violations} (must be 0)")
    print(f"total {time.perf_counter() - started:.0f} s")
    return 1 if violations else 0


if __name__ == "__main__":
    raise SystemExit(main())
