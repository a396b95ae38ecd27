"""Wave building for 10,000 allocated orders, routing included.

    python bench/waves.py [--orders 10000] [--db URL]

``--db`` names a PostgreSQL server (the run gets a scratch database there, dropped
afterwards) or an SQLite file; without it, a temporary SQLite file.

Seeds the demo catalog with ample stock, imports, reviews and allocates the demo
orders, then times `build_waves` (batching + optimal routing of every pick task +
writing the tasks) for both warehouses, and prints the peak memory of the process.
Baseline in the same run: the same waves planned FCFS (no batching search), so the
ratio shows what the better plan costs. Goal (issue 3): ≤ 10 s and ≤ 1 GB.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import update  # noqa: E402

from app.db.engine import Database  # noqa: E402
from app.db.migrate import upgrade  # noqa: E402
from app.db.models import Stock  # noqa: E402
from app.demo import demo_orders, seed_catalog  # noqa: E402
from app.services.allocation import allocate_orders  # noqa: E402
from app.services.intake.apply import import_orders  # noqa: E402
from app.services.review import review_orders  # noqa: E402
from app.services.waves import WaveOptions, build_waves  # noqa: E402
from bench.scratch_db import scratch_database  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    # ~89 % of demo orders pass review and allocation: 11,300 gives about 10,000 to wave.
    ap.add_argument("--orders", type=int, default=11_300)
    ap.add_argument(
        "--db", help="a PostgreSQL server or an SQLite file (default: a temporary SQLite file)"
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as scratch:
        url = args.db or f"sqlite:///{Path(tmp) / 'waves.sqlite3'}"
        if url.startswith("postgresql"):
            url = scratch.enter_context(scratch_database(url))
        upgrade(url)
        db = Database(url)
        catalog = seed_catalog(db, seed=11)
        with db.unit_of_work() as s:
            s.execute(update(Stock).values(on_hand=Stock.on_hand + 5_000))
        import_orders(db, demo_orders(catalog, args.orders, seed=11))
        review_orders(db)
        allocated = allocate_orders(db).allocated
        day = date.today() + timedelta(days=2)
        print(f"{allocated:,} allocated orders on {url.split('://')[0]}")
        for method in ("fcfs", "savings+ls"):
            t0 = time.perf_counter()
            plans = [
                build_waves(db, WaveOptions(code, dry_run=True, method=method, today=day))
                for code in ("HZ1", "GZ1")
            ]
            took = time.perf_counter() - t0
            dist = sum(w.distance for p in plans for w in p.waves)
            print(f"  plan only, {method:<10}: {took:6.2f} s, total walk {dist:,.0f} m")
        t0 = time.perf_counter()
        built = [build_waves(db, WaveOptions(code, today=day)) for code in ("HZ1", "GZ1")]
        took = time.perf_counter() - t0
        waves = sum(len(b.waves) for b in built)
        tasks = sum(len(w.tasks) for b in built for w in b.waves)
        orders = sum(w.orders for b in built for w in b.waves)
        dist = sum(w.distance for b in built for w in b.waves)
        fcfs = sum(w.fcfs_distance for b in built for w in b.waves)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"build + write: {orders:,} orders → {waves} waves, {tasks:,} pick tasks in {took:.2f} s "
            f"({orders / took:,.0f} orders/s); walk {dist:,.0f} m = {dist / fcfs:.2f} × FCFS; "
            f"peak memory {peak:,.0f} MB"
        )
        db.dispose()


if __name__ == "__main__":
    main()
