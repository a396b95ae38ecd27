"""Many stations claiming pick tasks from one PostgreSQL server at once.

    python bench/stations.py [--pg URL] [--stations 10,50,100] [--seconds 10]
                             [--procs N] [--conns N] [--plan-cache-mode MODE]
                             [--statements] [--no-pgbench] [--markers N]

Creates a temporary database on the server, migrates it and seeds a floor with
waves of small bulk pick tasks written directly by COPY (the demo pipeline is far
too slow for tens of thousands of tasks). Then, for each N, N simulated stations —
each with its own station row and user — loop for ``--seconds``:

* ``picking.claim_next_task`` (the real claim: SKIP LOCKED, the orders waved →
  picking, the events), timed on its own as the *claim latency*;
* ONE ``picking.scan`` that completes the task: an item scan with the task's whole
  quantity. A task is four single-unit orders at one bin whose location scan is
  taken as done, so a single real scan finishes every line, the task, its orders
  (picking → picked) and, for the last task, the wave. This is the cheapest honest
  way to keep claiming: every claim is followed by a real completion, so the claim
  query always looks past done and claimed tasks as on a real floor, and the
  stations never hold more than one task each.

Stations are threads, one database connection each, spread over ``--procs`` spawned
processes (default: twice the CPUs, at most N): on a 2-core machine one process per
station would spend the run swapping 100 interpreters, and one process for all would
measure the GIL; a few processes give CPU parallelism, and threads, which wait on
the network most of the time, supply the concurrency. When the server has fewer
free connections than N, the stations of a process share a pool (as behind
pgbouncer); the connections used are printed.

CPU per operation: the stations' processes measure their own CPU time over the
window, and the server's is read from /proc (schedstat) for every ``postgres``
process when the server runs on this machine. The harness and the server share the
CPUs, so the rate measured is bounded by both; "server-bound/s" is what the server's
share alone would allow (CPUs ÷ server CPU per claim cycle), i.e. with the stations
on their own machines as on a floor. ``--plan-cache-mode`` sets PostgreSQL's
``plan_cache_mode`` for the stations' connections (the app leaves the server's
default, ``auto``; only imports force custom plans: see app/db/engine.py), to show
what re-planning every statement would cost. ``--conns`` caps the server
connections the stations share, as a pooler (pgbouncer) in front of the server would.

Checked from the database after each run: duplicates (a task claimed twice, by the
``task.claimed`` events, or returned to two stations) and lost updates (a done
task's version must be exactly 1 + claim + scan; its lines' picked units must equal
their quantity; a wave whose tasks are all done must be closed). Both must be 0.

Baseline in the same run, same harness: N threads in the same processes doing
pgbench-style ``UPDATE bench_accounts SET balance = balance + 1 WHERE id = random``
in autocommit for the same time, the ceiling of one-statement transactions here;
the ratio claims/s ÷ raw updates/s is what a claim costs in round trips and work.
``pgbench`` itself (a C client) is run too when installed, as the server's ceiling.

Round trips per claim cycle are counted in the stations (every statement, plus each
transaction's BEGIN and COMMIT), and divided into the raw update rate: the cycles/s
a design of that many round trips could reach here even if each cost no more than
pgbench's one-line update. It is the ceiling the goal is measured against.

``--statements`` prints, at N = 50, the server's time per claim cycle statement by
statement (pg_stat_statements, where the server preloads it; its execution times
include lock waits): the wave row that every station finishing a task locks shows
there as the longest wait.

The ceiling (bench/claim_ceiling.py): the same cycle's writes done by the server
alone, two PL/pgSQL calls a cycle from bare psycopg, as many stations as there are
connections; the app's claims/s is printed as a share of it.

Last, the change feed: a listener process (the real ChangeListener) and a writer
committing small changes, NOTIFY delay from commit to arrival, on an idle server
and during N = 50 stations at work. Goals (issue 5): ≥ 1,000 claims/s with p99 ≤
50 ms at N = 50; a change reaches another station within 1 s.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import queue
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from contextlib import ExitStack
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Table, event, func, select, text  # noqa: E402

from app.db.bulk import bulk_insert, reserve_ids  # noqa: E402
from app.db.engine import Database  # noqa: E402
from app.db.migrate import upgrade  # noqa: E402
from app.db.models import (  # noqa: E402
    Event,
    Location,
    Order,
    OrderLine,
    PickLine,
    PickTask,
    Product,
    ProductBarcode,
    Reservation,
    Station,
    Stock,
    Store,
    User,
    Wave,
    utcnow,
)
from app.domain import scan as sc  # noqa: E402
from app.domain.floor_errors import FloorError  # noqa: E402
from app.domain.gs1 import check_digit  # noqa: E402
from app.services.audit import Actor  # noqa: E402
from app.services.picking import claim as picking  # noqa: E402
from app.services.warehouse import add_warehouse  # noqa: E402
from bench.claim_ceiling import CEILING_SQL  # noqa: E402
from bench.scratch_db import scratch_database  # noqa: E402

GOAL_CLAIMS_S = 1000.0
GOAL_P99_MS = 50.0
GOAL_AT = 50
GOAL_NOTIFY_S = 1.0
TASKS_PER_WAVE = 60  # a wave of 500 orders on carts of 8 makes about 60 tasks
ORDERS_PER_TASK = 4
BINS = 200
ACCOUNTS = 100_000
HEADROOM_CLAIMS_S = 1500  # open tasks kept per second of run: the goal and half again
WARMUP_S = 2.0
STARTUP_S = 1.5  # per spawned process: an interpreter importing SQLAlchemy on a busy 2-core box


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


# ------------------------------------------------------------------------ database


def free_connections(db: Database) -> int:
    with db.engine.connect() as conn:
        most = int(conn.execute(text("SHOW max_connections")).scalar_one())
        reserved = int(conn.execute(text("SHOW superuser_reserved_connections")).scalar_one())
        used = int(
            conn.execute(
                text("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'")
            ).scalar_one()
        )
    return most - reserved - used


def defaults(table: Table) -> dict[str, Any]:
    """The Python-side defaults of ``table``'s required columns, worked out once: bulk
    inserts skip them, and working them out per row would cost more than the COPY."""
    out: dict[str, Any] = {}
    for col in table.columns:
        if col.primary_key or col.nullable or col.default is None:
            continue
        out[col.name] = col.default.arg if col.default.is_scalar else col.default.arg(None)  # type: ignore[operator]
    return out


class Floor:
    """One warehouse, one product at BINS bins, stations and users, and waves of small
    bulk tasks added on demand."""

    def __init__(self, db: Database, stations: int) -> None:
        self.db = db
        self.warehouse_id = add_warehouse(
            db,
            code="HZ1",
            name="杭州仓",
            province="浙江省",
            city="杭州市",
            aisles=10,
            aisle_length=30,
            blocks=1,
        )
        body = "692100000001"
        self.barcode = body + check_digit(body)
        with db.unit_of_work() as s:
            product = Product(
                sku="BENCH-1", name_zh="测试商品", name_en="Bench item", weight_g=100, active=True
            )
            store = Store(name="bench", platform="manual")
            s.add_all([product, store])
            s.flush()
            s.add(
                ProductBarcode(product_id=product.id, barcode=self.barcode, kind="unit", pack_qty=1)
            )
            self.product_id, self.store_id = product.id, store.id
            bins = []
            for i in range(BINS):
                loc = Location(
                    warehouse_id=self.warehouse_id,
                    code=f"HZ1-A{i // 20 + 1:02d}-{i % 20 + 1:02d}-1",
                    barcode=f"HZ1-A{i // 20 + 1:02d}-{i % 20 + 1:02d}-1",
                    aisle=i // 20 + 1,
                    position=i % 20 + 1,
                    level=1,
                    y=float(i % 20 + 1),
                )
                s.add(loc)
                s.flush()
                st = Stock(
                    location_id=loc.id,
                    product_id=product.id,
                    warehouse_id=self.warehouse_id,
                    on_hand=10_000_000,
                    reserved=0,
                )
                s.add(st)
                s.flush()
                bins.append((loc.id, st.id))
            self.bins = bins
            people = []
            for i in range(1, stations + 1):
                station = Station(
                    name=f"HZ1-PICK-{i:03d}", kind="pick", warehouse_id=self.warehouse_id
                )
                user = User(badge=f"PICK-{i:03d}", name=f"拣货员{i}", role="picker")
                s.add_all([station, user])
                s.flush()
                people.append((user.id, station.id))
            self.actors = people
        self.waves = 0

    def add_waves(self, count: int) -> int:
        """``count`` released single-unit waves; returns the tasks added."""
        tables = {m: m.__table__ for m in (Wave, PickTask, Order, OrderLine, Reservation, PickLine)}
        base = {m: defaults(t) for m, t in tables.items()}

        def row(model: type[Any], **values: Any) -> dict[str, Any]:
            return {**base[model], **values}

        per_wave_orders = TASKS_PER_WAVE * ORDERS_PER_TASK
        now = utcnow()
        with self.db.unit_of_work() as s:
            # Seeding only, on the bench's own database: skip the per-row foreign-key
            # checks (RI triggers), which cost the COPY ten times its own work. The
            # rows reference what Floor made, and the stations' writes are checked as usual.
            s.execute(text("SET LOCAL session_replication_role = replica"))
            wave_ids = reserve_ids(s, tables[Wave], count)
            task_ids = reserve_ids(s, tables[PickTask], count * TASKS_PER_WAVE)
            n_orders = count * per_wave_orders
            order_ids = reserve_ids(s, tables[Order], n_orders)
            line_ids = reserve_ids(s, tables[OrderLine], n_orders)
            res_ids = reserve_ids(s, tables[Reservation], n_orders)
            waves, tasks, orders, lines, reservations, picks = [], [], [], [], [], []
            for w, wave_id in enumerate(wave_ids):
                self.waves += 1
                # Oldest first: claims drain one wave before the next, as on the floor.
                created = now + timedelta(seconds=self.waves)
                waves.append(
                    row(
                        Wave,
                        id=wave_id,
                        code=f"B{self.waves:07d}",
                        warehouse_id=self.warehouse_id,
                        kind="single",
                        sort_mode="bulk",
                        status="released",
                        created_at=created,
                    )
                )
                for t in range(TASKS_PER_WAVE):
                    task_id = task_ids[w * TASKS_PER_WAVE + t]
                    tasks.append(row(PickTask, id=task_id, wave_id=wave_id, seq=t + 1, kind="bulk"))
                    loc_id, stock_id = self.bins[(w * TASKS_PER_WAVE + t) % BINS]
                    for k in range(ORDERS_PER_TASK):
                        i = (w * TASKS_PER_WAVE + t) * ORDERS_PER_TASK + k
                        oid, lid, rid = order_ids[i], line_ids[i], res_ids[i]
                        orders.append(
                            row(
                                Order,
                                id=oid,
                                store_id=self.store_id,
                                order_no=f"BO{oid:09d}",
                                status="waved",
                                payment_status="paid",
                                warehouse_id=self.warehouse_id,
                                wave_id=wave_id,
                                placed_at=now,
                                paid_at=now,
                            )
                        )
                        lines.append(
                            row(
                                OrderLine,
                                id=lid,
                                order_id=oid,
                                line_no=1,
                                sku="BENCH-1",
                                product_id=self.product_id,
                                qty=1,
                                unit_price=10,
                            )
                        )
                        reservations.append(
                            row(
                                Reservation,
                                id=rid,
                                order_id=oid,
                                order_line_id=lid,
                                stock_id=stock_id,
                                location_id=loc_id,
                                product_id=self.product_id,
                                warehouse_id=self.warehouse_id,
                                qty=1,
                            )
                        )
                        picks.append(
                            row(
                                PickLine,
                                pick_task_id=task_id,
                                seq=k + 1,
                                location_id=loc_id,
                                product_id=self.product_id,
                                order_id=oid,
                                reservation_id=rid,
                                qty=1,
                                location_ok=True,
                            )
                        )
            for model, rows in (
                (Wave, waves),
                (PickTask, tasks),
                (Order, orders),
                (OrderLine, lines),
                (Reservation, reservations),
                (PickLine, picks),
            ):
                bulk_insert(s, tables[model], rows)
        with self.db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE"))  # the claim query's plan depends on fresh statistics
        return count * TASKS_PER_WAVE

    def open_tasks(self) -> int:
        with self.db.read() as s:
            return int(
                s.scalar(
                    select(func.count()).select_from(PickTask).where(PickTask.status == "open")
                )
                or 0
            )


# ------------------------------------------------------------------------ stations


def _spread(items: list[Any], parts: int) -> list[list[Any]]:
    return [items[i::parts] for i in range(parts)]


def _window_cpu(start_at: float, seconds: float) -> float:
    """This process's CPU seconds over the measured window (called on a side thread)."""
    time.sleep(max(0.0, start_at - time.time()))
    c0 = time.process_time()
    time.sleep(max(0.0, start_at + seconds - time.time()))
    return time.process_time() - c0


def stations_proc(
    url: str,
    actors: list[tuple[int, int]],
    warehouse_id: int,
    barcode: str,
    pool: int,
    plan_mode: str | None,
    start_at: float,
    seconds: float,
    out: Any,
) -> None:
    """One process's share of the stations: a thread each, claiming and completing.
    Reports ``{"threads": [...], "cpu_s": ...}``."""
    # The app's engine, one pool per process; only plan_cache_mode may be changed.
    extra = {"connect_args": {"options": f"-c plan_cache_mode={plan_mode}"}} if plan_mode else {}
    db = Database(url, pool_size=pool, max_overflow=0, pool_timeout=120, **extra)
    item = sc.classify(barcode, prefer={"product"})
    results: list[dict[str, Any]] = []
    lock = threading.Lock()
    statements: Counter[int] = Counter()  # by thread: a station is one thread

    @event.listens_for(db.engine, "before_cursor_execute")
    def _count(*_args: Any) -> None:
        statements[threading.get_ident()] += 1  # an executemany is one round trip too

    def station(user_id: int, station_id: int) -> None:
        actor = Actor(user_id, station_id)
        picking.current_task(db, actor)  # connect before the clock starts
        statements[threading.get_ident()] = 0
        late = time.time() > start_at
        claim_ms: list[float] = []
        cycle_ms: list[float] = []
        claimed: list[int] = []
        errors: list[str] = []
        dry = False
        time.sleep(max(0.0, start_at - time.time()))
        end = start_at + seconds
        while time.time() < end:
            t0 = time.perf_counter()
            try:
                view = picking.claim_next_task(db, actor, warehouse_id)
            except FloorError as exc:
                errors.append(f"claim: {exc.code} {exc.message}")
                continue
            t1 = time.perf_counter()
            if view is None:
                dry = True
                break
            claim_ms.append((t1 - t0) * 1000)
            claimed.append(view.task_id)
            units = view.progress.units_total - view.progress.units_done
            done = picking.scan(
                db,
                actor,
                view.task_id,
                item,
                str(uuid.uuid4()),
                units,
                task_version=view.task_version,
            )
            if done.code != "task_done":
                errors.append(f"scan: {done.code} {done.message}")
            cycle_ms.append((time.perf_counter() - t0) * 1000)
        # Two transactions a cycle, each with its BEGIN and COMMIT round trip besides.
        trips = statements[threading.get_ident()] + 4 * len(cycle_ms)
        with lock:
            results.append(
                {
                    "station_id": station_id,
                    "claim_ms": claim_ms,
                    "cycle_ms": cycle_ms,
                    "claimed": claimed,
                    "errors": errors,
                    "dry": dry,
                    "late": late,
                    "trips": trips,
                }
            )

    cpu: list[float] = []
    meter = threading.Thread(target=lambda: cpu.append(_window_cpu(start_at, seconds)))
    threads = [threading.Thread(target=station, args=a) for a in actors]
    for t in [meter, *threads]:
        t.start()
    for t in [meter, *threads]:
        t.join()
    db.dispose()
    out.put({"threads": results, "cpu_s": cpu[0]})


def psycopg_clients(
    dsn: str,
    clients: list[Any],
    start_at: float,
    seconds: float,
    out: Any,
    step: Callable[[Any, Any, dict[str, Any]], bool],
    fields: tuple[str, ...],
) -> None:
    """Bare psycopg clients on threads, one autocommit connection each, for the
    baselines: each calls ``step(conn, client, report)`` from ``start_at`` until the
    window ends or ``step`` returns False. ``report`` starts with an empty list per
    name in ``fields``. Puts ``{"threads": [report, …], "cpu_s": …}`` on ``out``."""
    import psycopg  # noqa: PLC0415 - the baselines' own bare client

    results: list[dict[str, Any]] = []
    lock = threading.Lock()

    def run(client: Any) -> None:
        report: dict[str, Any] = {name: [] for name in fields}
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("SELECT 1")
            report["late"] = time.time() > start_at
            time.sleep(max(0.0, start_at - time.time()))
            end = start_at + seconds
            while time.time() < end and step(conn, client, report):
                pass
        with lock:
            results.append(report)

    cpu: list[float] = []
    meter = threading.Thread(target=lambda: cpu.append(_window_cpu(start_at, seconds)))
    threads = [threading.Thread(target=run, args=(c,)) for c in clients]
    for t in [meter, *threads]:
        t.start()
    for t in [meter, *threads]:
        t.join()
    out.put({"threads": results, "cpu_s": cpu[0]})


def raw_proc(url: str, clients: int, start_at: float, seconds: float, out: Any) -> None:
    """pgbench's simple update, from threads of this harness, autocommit."""

    def update(conn: Any, rnd: random.Random, report: dict[str, Any]) -> bool:
        t0 = time.perf_counter()
        conn.execute(
            "UPDATE bench_accounts SET balance = balance + 1 WHERE id = %s",
            (rnd.randint(1, ACCOUNTS),),
        )
        report["lat"].append((time.perf_counter() - t0) * 1000)
        return True

    dsn = url.replace("postgresql+psycopg://", "postgresql://", 1)
    seeds = [random.Random(random.randrange(1 << 30)) for _ in range(clients)]
    psycopg_clients(dsn, seeds, start_at, seconds, out, update, ("lat",))


def ceiling_proc(
    dsn: str,
    actors: list[tuple[int, int]],
    warehouse_id: int,
    start_at: float,
    seconds: float,
    out: Any,
) -> None:
    """One process's stations calling bench/claim_ceiling.py's two functions, a cycle
    each: claim (timed, as the app's claim is), then complete."""

    def cycle(conn: Any, actor: tuple[int, int], report: dict[str, Any]) -> bool:
        user_id, station_id = actor
        t0 = time.perf_counter()
        row = conn.execute(
            "SELECT bench_claim(%s, %s, %s)", (station_id, user_id, warehouse_id)
        ).fetchone()
        report["claim_ms"].append((time.perf_counter() - t0) * 1000)
        task = row[0] if row else None
        if task is None:
            return False
        report["claimed"].append(task)
        conn.execute(
            "SELECT bench_complete(%s, %s, %s, %s)", (task, station_id, user_id, str(uuid.uuid4()))
        )
        return True

    psycopg_clients(dsn, actors, start_at, seconds, out, cycle, ("claim_ms", "claimed"))


def run_procs(
    target: Callable[..., None],
    per_proc: list[tuple[Any, ...]],
    timeout_s: float,
    start_at: float,
    seconds: float,
) -> tuple[list[dict[str, Any]], float, float]:
    """Run one process per argument tuple; returns (every thread's report, the
    processes' CPU seconds in the window, the server's CPU seconds in the window)."""
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    procs = [ctx.Process(target=target, args=(*args, out)) for args in per_proc]
    server: list[float] = []
    meter = threading.Thread(target=lambda: server.append(_server_window_cpu(start_at, seconds)))
    meter.start()
    for p in procs:
        p.start()
    reports: list[dict[str, Any]] = []
    deadline = time.monotonic() + timeout_s
    while len(reports) < len(procs):
        try:
            reports.append(out.get(timeout=1.0))
        except queue.Empty:
            dead = [p.exitcode for p in procs if p.exitcode not in (None, 0)]
            if dead or time.monotonic() > deadline:
                for p in procs:
                    p.terminate()
                raise SystemExit(f"a bench process failed or hung (exit codes {dead})") from None
    for p in procs:
        p.join(30)
    meter.join()
    threads = [t for r in reports for t in r["threads"]]
    return threads, sum(r["cpu_s"] for r in reports), server[0]


def server_cpu_ns() -> dict[int, int]:
    """CPU time (ns) used so far by each PostgreSQL process on this machine; empty for
    a remote server. From schedstat, the scheduler's exact run time: the tick-sampled
    utime/stime miss most of a backend's many sub-millisecond bursts."""
    used: dict[int, int] = {}
    try:
        pids = [int(d) for d in os.listdir("/proc") if d.isdigit()]
    except OSError:
        return used
    for pid in pids:
        try:
            with open(f"/proc/{pid}/comm") as f:
                if f.read().strip() != "postgres":
                    continue
            with open(f"/proc/{pid}/schedstat") as f:
                used[pid] = int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            continue
    return used


def _server_window_cpu(start_at: float, seconds: float) -> float:
    """The server's CPU seconds over the window: per process, so that a backend ending
    meanwhile (autovacuum, someone else's session) takes only its own time away."""
    time.sleep(max(0.0, start_at - time.time()))
    before = server_cpu_ns()
    time.sleep(max(0.0, start_at + seconds - time.time()))
    after = server_cpu_ns()
    if not after:
        return float("nan")
    return sum(t - before.get(pid, 0) for pid, t in after.items()) / 1e9


# ------------------------------------------------------------------------ checks


def check_claims(
    db: Database, results: list[dict[str, Any]], *, holders: bool = True
) -> tuple[int, int, list[str]]:
    """(duplicates, lost updates, notes) for the tasks this run claimed; ``holders``
    also checks each done task names the station that reported claiming it."""
    claimed = [t for r in results for t in r["claimed"]]
    ids = sorted(set(claimed))
    dup_reported = len(claimed) - len(ids)
    notes: list[str] = []
    with db.read() as s:
        claims = Counter()
        done_rows = []
        for chunk in range(0, len(ids), 5000):
            part = ids[chunk : chunk + 5000]
            claims.update(
                s.scalars(
                    select(Event.entity_id).where(
                        Event.kind == "task.claimed", Event.entity_id.in_([str(i) for i in part])
                    )
                )
            )
            done_rows += s.execute(
                select(
                    PickTask.id, PickTask.status, PickTask.version, PickTask.claimed_station_id
                ).where(PickTask.id.in_(part))
            ).all()
        short_units = (
            s.scalar(
                select(func.count())
                .select_from(PickLine)
                .join(PickTask, PickTask.id == PickLine.pick_task_id)
                .where(PickTask.status == "done", PickLine.picked_qty != PickLine.qty)
            )
            or 0
        )
        open_waves = (
            s.scalar(
                select(func.count())
                .select_from(Wave)
                .where(
                    Wave.status != "picked",
                    ~select(PickTask.id)
                    .where(PickTask.wave_id == Wave.id, PickTask.status != "done")
                    .exists(),
                )
            )
            or 0
        )
        unpicked = (
            s.scalar(
                select(func.count())
                .select_from(Order)
                .join(PickLine, PickLine.order_id == Order.id)
                .join(PickTask, PickTask.id == PickLine.pick_task_id)
                .where(PickTask.status == "done", Order.status != "picked")
            )
            or 0
        )
    dup_events = sum(n - 1 for n in claims.values() if n > 1)
    station_of = {t: r["station_id"] for r in results for t in r["claimed"]}
    wrong_holder = (
        sum(1 for tid, status, _, holder in done_rows if holder != station_of.get(tid))
        if holders
        else 0
    )
    bad_version = sum(1 for _, status, version, _ in done_rows if status == "done" and version != 3)
    unfinished = sum(1 for _, status, _, _ in done_rows if status != "done")
    if unfinished:
        notes.append(f"{unfinished} claimed tasks not done")
    lost = bad_version + short_units + open_waves + unpicked + wrong_holder
    if lost:
        notes.append(
            f"lost: version {bad_version}, units {short_units}, waves left open {open_waves}, "
            f"orders not picked {unpicked}, holder {wrong_holder}"
        )
    return dup_reported + dup_events, lost, notes


def run_level(
    floor: Floor,
    url: str,
    n: int,
    seconds: float,
    procs: int,
    conns: int,
    plan_mode: str | None = None,
) -> dict[str, Any]:
    need = int(seconds * HEADROOM_CLAIMS_S) - floor.open_tasks()
    if need > 0:
        floor.add_waves(-(-need // TASKS_PER_WAVE))
    actors = floor.actors[:n]
    groups = [g for g in _spread(actors, procs) if g]
    pools = [max(1, round(conns * len(g) / n)) for g in groups]
    start_at = time.time() + WARMUP_S + STARTUP_S * len(groups)
    args = [
        (url, g, floor.warehouse_id, floor.barcode, pool, plan_mode, start_at, seconds)
        for g, pool in zip(groups, pools, strict=True)
    ]
    results, client_cpu, server_cpu = run_procs(
        stations_proc, args, seconds + 300, start_at, seconds
    )
    claim = [x for r in results for x in r["claim_ms"]]
    cycle = [x for r in results for x in r["cycle_ms"]]
    errors = [e for r in results for e in r["errors"]]
    dup, lost, notes = check_claims(floor.db, results)
    trips = sum(r["trips"] for r in results) / max(1, sum(len(r["cycle_ms"]) for r in results))
    return {
        "n": n,
        "trips": trips,
        "procs": len(groups),
        "conns": sum(pools),
        "claims": len(claim),
        "rate": len(claim) / seconds,
        "claim": claim,
        "cycle": cycle,
        "dup": dup,
        "lost": lost,
        "notes": notes,
        "errors": errors,
        "dry": sum(1 for r in results if r["dry"]),
        "late": sum(1 for r in results if r["late"]),
        "client_cpu": client_cpu,
        "server_cpu": server_cpu,
    }


def statements_on(db: Database) -> bool:
    """pg_stat_statements in the bench's database, when the server preloads it."""
    try:
        with db.engine.begin() as conn:
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_stat_statements"))
            # This database's figures only: the server may be shared.
            conn.execute(
                text(
                    "SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database "
                    "WHERE datname = current_database()), 0)"
                )
            )
        return True
    except Exception:  # noqa: BLE001 - not preloaded: the figures are simply not printed
        return False


def print_statements(db: Database, cycles: int, top: int = 15) -> None:
    """The server's time per claim cycle, statement by statement, since the last reset."""
    with db.engine.begin() as conn:
        rows = conn.execute(
            text(
                "SELECT calls, total_plan_time, total_exec_time, query FROM pg_stat_statements "
                "WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                "ORDER BY total_plan_time + total_exec_time DESC"
            )
        ).all()
    plan, run = sum(r[1] for r in rows) / cycles, sum(r[2] for r in rows) / cycles
    print(
        f"\nserver time per claim cycle by statement (pg_stat_statements): {sum(r[0] for r in rows) / cycles:.1f} "
        f"statements, planning {plan:.2f} ms, executing {run:.2f} ms"
    )
    for calls, p, e, q in rows[:top]:
        print(f"  {calls / cycles:5.2f} × {(p + e) / calls:6.3f} ms  {' '.join(q.split())[:110]}")


def prepare_accounts(db: Database) -> None:
    with db.engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS bench_accounts"))
        conn.execute(
            text("CREATE TABLE bench_accounts (id integer PRIMARY KEY, balance bigint NOT NULL)")
        )
        conn.execute(
            text(f"INSERT INTO bench_accounts SELECT g, 0 FROM generate_series(1, {ACCOUNTS}) g")
        )
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE bench_accounts"))


def run_raw(
    db: Database, url: str, n: int, seconds: float, procs: int, conns: int
) -> dict[str, Any]:
    with db.engine.connect() as conn:
        before = int(
            conn.execute(text("SELECT coalesce(sum(balance), 0) FROM bench_accounts")).scalar_one()
        )
    clients = min(n, conns)
    split = [len(g) for g in _spread(list(range(clients)), procs) if g]
    start_at = time.time() + WARMUP_S + STARTUP_S * len(split)
    results, client_cpu, server_cpu = run_procs(
        raw_proc, [(url, c, start_at, seconds) for c in split], seconds + 300, start_at, seconds
    )
    lat = [x for r in results for x in r["lat"]]
    with db.engine.connect() as conn:
        after = int(
            conn.execute(text("SELECT coalesce(sum(balance), 0) FROM bench_accounts")).scalar_one()
        )
    return {
        "rate": len(lat) / seconds,
        "lat": lat,
        "clients": clients,
        "lost": len(lat) - (after - before),
        "late": sum(1 for r in results if r["late"]),
        "client_cpu": client_cpu,
        "server_cpu": server_cpu,
    }


def run_ceiling(
    floor: Floor, url: str, n: int, seconds: float, procs: int, conns: int
) -> dict[str, Any]:
    """The same cycle written by the server alone (bench/claim_ceiling.py), with as
    many stations as the server has connections for (one each)."""
    need = int(seconds * HEADROOM_CLAIMS_S) - floor.open_tasks()
    if need > 0:
        floor.add_waves(-(-need // TASKS_PER_WAVE))
    actors = floor.actors[: min(n, conns)]
    groups = [g for g in _spread(actors, procs) if g]
    start_at = time.time() + WARMUP_S + STARTUP_S * len(groups)
    dsn = url.replace("postgresql+psycopg://", "postgresql://", 1)
    results, client_cpu, server_cpu = run_procs(
        ceiling_proc,
        [(dsn, g, floor.warehouse_id, start_at, seconds) for g in groups],
        seconds + 300,
        start_at,
        seconds,
    )
    claim = [x for r in results for x in r["claim_ms"]]
    dup, lost, notes = check_claims(
        floor.db, [{**r, "station_id": None} for r in results], holders=False
    )
    return {
        "n": len(actors),
        "rate": len(claim) / seconds,
        "claim": claim,
        "claims": len(claim),
        "dup": dup,
        "lost": lost,
        "notes": notes,
        "client_cpu": client_cpu,
        "server_cpu": server_cpu,
        "late": sum(1 for r in results if r["late"]),
    }


def run_pgbench(url: str, n: int, seconds: float, conns: int) -> str:
    exe = shutil.which("pgbench")
    if exe is None:
        return "pgbench not installed"
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as f:
        f.write(
            f"\\set id random(1, {ACCOUNTS})\nUPDATE bench_accounts SET balance = balance + 1 WHERE id = :id;\n"
        )
        script = f.name
    dsn = url.replace("postgresql+psycopg://", "postgresql://", 1)
    clients = min(n, conns)
    try:
        done = subprocess.run(
            [
                exe,
                "-n",
                "-c",
                str(clients),
                "-j",
                str(min(clients, os.cpu_count() or 2)),
                "-T",
                str(int(seconds)),
                "-f",
                script,
                dsn,
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 120,
        )
    finally:
        os.unlink(script)
    tps = lat = "?"
    for line in done.stdout.splitlines():
        if line.startswith("tps"):
            tps = line.split("=")[1].split("(")[0].strip()
        if line.startswith("latency average"):
            lat = line.split("=")[1].strip()
    if done.returncode != 0:
        return f"pgbench failed: {done.stderr.strip().splitlines()[-1:]}"
    return f"{float(tps):,.0f} updates/s, latency average {lat} ({clients} clients, C client)"


# ------------------------------------------------------------------------ change feed


def listen_proc(url: str, raw: bool, out: Any, stop: Any) -> None:
    """The station's ChangeListener (its 0.2 s poll window, as ui.bridges.live uses it), or with
    ``raw`` a bare psycopg LISTEN handing over each notice the moment it arrives."""
    from app.db.changes import CHANNEL, ChangeListener, parse_payload  # noqa: PLC0415

    def heard(entities: frozenset[str]) -> None:
        at = time.time()
        for e in entities:
            if e.startswith("mark"):
                out.put((e, at))

    if not raw:
        listener = ChangeListener(url, heard, poll_s=0.2).start()
        listener.ready.wait(30)
        out.put(("ready", time.time()))
        stop.wait(600)
        listener.stop()
        return
    import psycopg  # noqa: PLC0415

    with psycopg.connect(
        url.replace("postgresql+psycopg://", "postgresql://", 1), autocommit=True
    ) as conn:
        conn.execute(f"LISTEN {CHANNEL}")
        out.put(("ready", time.time()))
        while not stop.is_set():
            for note in conn.notifies(timeout=0.2, stop_after=1):
                heard(parse_payload(note.payload))


def notify_delays(
    db: Database,
    url: str,
    raw: bool,
    count: int,
    gap_s: float,
    during: Callable[[], Any] | None = None,
    lead_s: float = 0.0,
) -> tuple[list[float], int, Any]:
    """Commit ``count`` marker events, ``gap_s`` apart, and time each one's arrival at a
    listener in another process; ``during`` runs on a thread meanwhile (stations at work),
    the markers starting ``lead_s`` after it. Returns (delays in ms, markers never heard, what ``during`` returned)."""
    from app.services.audit import record  # noqa: PLC0415

    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    stop = ctx.Event()
    proc = ctx.Process(target=listen_proc, args=(url, raw, out, stop))
    proc.start()
    kind, _ = out.get(timeout=120)
    assert kind == "ready"
    box: dict[str, Any] = {}
    worker = None
    if during is not None:
        worker = threading.Thread(target=lambda: box.setdefault("r", during()))
        worker.start()
        time.sleep(lead_s)  # the stations get going, then the markers
    sent: dict[str, float] = {}
    for i in range(count):
        with db.unit_of_work() as s:
            record(s, f"mark{i}", i, "bench.mark")
            # Stamped as the commit starts: a notice can arrive before the committing
            # call returns, so a stamp after it made some delays come out negative.
            sent[f"mark{i}"] = time.time()
        time.sleep(gap_s)
    arrived: dict[str, float] = {}
    deadline = time.monotonic() + 10
    while len(arrived) < count and time.monotonic() < deadline:
        try:
            name, at = out.get(timeout=0.5)
            arrived.setdefault(name, at)
        except queue.Empty:
            pass
    if worker is not None:
        worker.join()
    stop.set()
    proc.join(30)
    delays = [(arrived[k] - t) * 1000 for k, t in sent.items() if k in arrived]
    return delays, count - len(delays), box.get("r")


# ------------------------------------------------------------------------ main


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/postgres")
    ap.add_argument("--stations", default="10,50,100")
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument(
        "--procs", type=int, default=0, help="station processes (default: 2 × CPUs, at most N)"
    )
    ap.add_argument(
        "--plan-cache-mode",
        choices=("force_custom_plan", "auto"),
        default=None,
        help="plan_cache_mode of the stations' connections (default: the app's, the server's auto)",
    )
    ap.add_argument(
        "--conns",
        type=int,
        default=0,
        help="server connections the stations share (default: one each, as far as the server allows); "
        "fewer is a pooler such as pgbouncer in front of the server",
    )
    ap.add_argument(
        "--statements",
        action="store_true",
        help=f"print the server's time per statement at N = {GOAL_AT} (needs pg_stat_statements preloaded)",
    )
    ap.add_argument("--no-pgbench", action="store_true")
    ap.add_argument("--markers", type=int, default=100, help="NOTIFY markers per measurement")
    args = ap.parse_args()
    levels = [int(x) for x in args.stations.split(",") if x.strip()]
    cpus = os.cpu_count() or 2

    scratch = ExitStack()
    url = scratch.enter_context(scratch_database(args.pg))
    try:
        upgrade(url)
        db = Database(url)
        t = time.perf_counter()
        floor = Floor(db, max(levels + [GOAL_AT]))
        seeded = floor.add_waves(
            max(1, int(args.seconds * HEADROOM_CLAIMS_S * 1.2) // TASKS_PER_WAVE)
        )
        prepare_accounts(db)
        with db.engine.begin() as conn:
            conn.exec_driver_sql(CEILING_SQL)
        with db.engine.connect() as conn:
            version = conn.execute(text("SHOW server_version")).scalar_one()
        budget = free_connections(db) - 6  # the listener, the checks, someone else's psql
        if args.conns:
            budget = min(budget, args.conns)
        print(
            f"PostgreSQL {version}, {cpus} CPUs shared with the clients (and other work: the figures are noisy)"
        )
        print(
            f"seeded {seeded:,} pick tasks ({TASKS_PER_WAVE} per wave, {ORDERS_PER_TASK} single-unit orders each) "
            f"in {time.perf_counter() - t:.1f} s; {budget} connections free for stations"
        )
        print(
            "cycle = claim_next_task + one picking.scan completing the task; latencies in ms; "
            f"plan_cache_mode {args.plan_cache_mode or 'as the app leaves it (the server default, auto)'}\n"
        )
        head = (
            f"{'N':>4} {'procs':>5} {'conns':>5} {'claims/s':>9} {'claim p50':>9} {'p99':>6} "
            f"{'cycle p50':>9} {'p99':>6} {'raw upd/s':>10} {'raw p50':>7} {'p99':>6} {'ratio':>6} "
            f"{'dup':>4} {'lost':>4}"
        )
        print(head)
        rows = []
        ceilings: list[dict[str, Any]] = []
        for n in levels:
            procs = max(1, min(n, args.procs or 2 * cpus))
            conns = max(1, min(n, budget))
            counting = args.statements and n == GOAL_AT and statements_on(db)
            lv = run_level(floor, url, n, args.seconds, procs, conns, args.plan_cache_mode)
            if counting:
                print_statements(db, max(lv["claims"], 1))
            elif args.statements and n == GOAL_AT:
                print(
                    "      (pg_stat_statements is not preloaded on this server: no statement figures)"
                )
            raw = run_raw(db, url, n, args.seconds, procs, conns)
            ceilings.append(run_ceiling(floor, url, n, args.seconds, procs, conns))
            rows.append((lv, raw))
            print(
                f"{n:>4} {lv['procs']:>5} {lv['conns']:>5} {lv['rate']:>9,.0f} {pct(lv['claim'], 50):>9.1f} "
                f"{pct(lv['claim'], 99):>6.1f} {pct(lv['cycle'], 50):>9.1f} {pct(lv['cycle'], 99):>6.1f} "
                f"{raw['rate']:>10,.0f} {pct(raw['lat'], 50):>7.1f} {pct(raw['lat'], 99):>6.1f} "
                f"{lv['rate'] / raw['rate']:>6.3f} {lv['dup']:>4} {lv['lost'] + raw['lost']:>4}",
                flush=True,
            )
            for note in lv["notes"] + lv["errors"][:5]:
                print(f"      {note}")
            if lv["dry"]:
                print(f"      {lv['dry']} stations ran out of work: claims/s is a lower bound")
            if lv["late"] or raw["late"]:
                print(
                    f"      {lv['late'] + raw['late']} stations/clients were still starting when the clock started"
                )

        print(
            f"\nCPU per operation in the window, ms (the harness and the server share {cpus} CPUs, so the "
            "server-bound rate\nis what this server could take with the stations on their own machines)"
        )
        print(
            f"{'N':>4}  {'claim cycle: stations':>22} {'server':>7} {'server-bound/s':>15}   "
            f"{'raw update: clients':>19} {'server':>7} {'server-bound/s':>15}"
        )
        for lv, raw in rows:
            cyc, upd = max(lv["claims"], 1), max(len(raw["lat"]), 1)
            s_cyc, s_upd = 1000 * lv["server_cpu"] / cyc, 1000 * raw["server_cpu"] / upd
            print(
                f"{lv['n']:>4}  {1000 * lv['client_cpu'] / cyc:>22.2f} {s_cyc:>7.2f} {cpus * 1000 / s_cyc:>15,.0f}   "
                f"{1000 * raw['client_cpu'] / upd:>19.3f} {s_upd:>7.3f} {cpus * 1000 / s_upd:>15,.0f}"
            )

        print(
            "\nround trips per claim cycle (BEGIN and COMMIT included), and the cycles/s that many would allow "
            "at this\nharness's own rate of one-statement round trips (raw upd/s): the ceiling of the design, "
            "not of the server"
        )
        for lv, raw in rows:
            print(
                f"{lv['n']:>4}  {lv['trips']:5.1f} round trips  →  ≤ {raw['rate'] / lv['trips']:,.0f} cycles/s"
            )

        print(
            "\nthe same writes by the server alone (bench/claim_ceiling.py: two PL/pgSQL calls a cycle from bare "
            "psycopg),\nthe most any station design with these writes could reach here; CPU ms per cycle"
        )
        print(
            f"{'N':>4} {'claims/s':>9} {'claim p50':>9} {'p99':>6} {'client':>7} {'server':>7} {'app ÷ ceiling':>14} "
            f"{'dup':>4} {'lost':>4}"
        )
        for (lv, _), ce in zip(rows, ceilings, strict=True):
            cyc = max(ce["claims"], 1)
            print(
                f"{ce['n']:>4} {ce['rate']:>9,.0f} {pct(ce['claim'], 50):>9.1f} {pct(ce['claim'], 99):>6.1f} "
                f"{1000 * ce['client_cpu'] / cyc:>7.2f} {1000 * ce['server_cpu'] / cyc:>7.2f} "
                f"{lv['rate'] / max(ce['rate'], 1e-9):>14.2f} {ce['dup']:>4} {ce['lost']:>4}"
            )
            for note in ce["notes"]:
                print(f"      {note}")

        for lv, _ in rows:
            if lv["n"] == GOAL_AT:
                ok = lv["rate"] >= GOAL_CLAIMS_S and pct(lv["claim"], 99) <= GOAL_P99_MS
                print(
                    f"\ngoal at N = {GOAL_AT}: ≥ {GOAL_CLAIMS_S:,.0f} claims/s and claim p99 ≤ {GOAL_P99_MS:.0f} ms: "
                    f"{'yes' if ok else 'NO'} ({lv['rate']:,.0f}/s, p99 {pct(lv['claim'], 99):.1f} ms; "
                    f"mean claim {statistics.fmean(lv['claim']):.1f} ms)"
                )
        if not args.no_pgbench:
            print()
            for n in levels:
                print(
                    f"pgbench, N = {n}: {run_pgbench(url, n, args.seconds, max(1, min(n, budget)))}",
                    flush=True,
                )

        print("\nchange feed: commit → arrival in another process, ms (goal: within 1 s)")
        worst = 0.0
        n = GOAL_AT
        procs, conns = max(1, min(n, args.procs or 2 * cpus)), max(1, min(n, budget - 2))
        for raw, who in ((False, "ChangeListener, poll 0.2 s"), (True, "bare LISTEN")):
            idle, missed, _ = notify_delays(db, url, raw, args.markers, 0.02)
            print(
                f"  {who:<26} idle:        p50 {pct(idle, 50):6.1f}  p99 {pct(idle, 99):6.1f}  "
                f"max {max(idle, default=float('nan')):6.1f}  missed {missed}",
                flush=True,
            )
            busy, missed_busy, lv = notify_delays(
                db,
                url,
                raw,
                args.markers,
                max(0.02, (args.seconds - 2) / args.markers),
                during=lambda: run_level(
                    floor, url, n, args.seconds, procs, conns, args.plan_cache_mode
                ),
                lead_s=WARMUP_S + STARTUP_S * procs + 1.0,
            )
            print(
                f"  {who:<26} {n} stations: p50 {pct(busy, 50):6.1f}  p99 {pct(busy, 99):6.1f}  "
                f"max {max(busy, default=float('nan')):6.1f}  missed {missed_busy}  "
                f"({lv['rate']:,.0f} claims/s meanwhile)",
                flush=True,
            )
            worst = max([worst, *idle, *busy, *([float("inf")] if missed or missed_busy else [])])
        print(
            f"  goal: every change heard within {GOAL_NOTIFY_S:.0f} s: "
            f"{'yes' if worst < GOAL_NOTIFY_S * 1000 else 'NO'} (worst {worst:.0f} ms)"
        )
        db.dispose()
    finally:
        scratch.close()


if __name__ == "__main__":
    main()
