"""Stations as separate processes on one PostgreSQL database, as on a real floor:
pickers and packers racing for the same tasks, totes and orders never share one,
every order is packed exactly once, the losers are told who has it, and a change
committed at one station is heard at another.

Each station is a spawned process with its own engine, station and user
(tests/support/station_worker.py). Races are made on purpose: every station scans
the same task or tote at the same moment (a shared barrier). Everything asserted is
read back from the database or from what the children reported.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import time
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from floorplan import build_floor, order
from packfloor import DIMS, SKUS, unit_barcode
from sqlalchemy import create_engine, func, select, update
from station_worker import StationSpec, listen_station, pack_station, pick_station

from app.db.engine import Database
from app.db.models import (
    Event,
    Order,
    PickLine,
    PickTask,
    Product,
    ProductBarcode,
    Shipment,
    Station,
    TaskSlot,
    Tote,
    User,
    Wave,
)
from app.services.allocation import allocate_orders
from app.services.audit import Actor
from app.services.intake.apply import import_orders
from app.services.packing import ensure_default_cartons
from app.services.picking.claim import claim_next_task
from app.services.review import review_orders
from app.services.shipping import ensure_default_pools
from app.services.supervision.actions import cancel_order
from app.services.warehouse import add_totes
from app.services.waves import WaveOptions, build_waves

pytestmark = pytest.mark.pg

PICKERS = 5
PACKERS = 5
MULTI_ORDERS = 24  # two lines each, two orders to a cart: 12 cart tasks
SINGLE_ORDERS = 12  # one SKU-D each, four to a bulk list: 3 bulk tasks
RACED_TASKS = 3  # tasks every picker tries to take from the chooser at once
RACED_TOTES = 8  # totes every packer scans at once; the rest of the work is free-for-all
CHILD_S = 300.0  # how long the parent waits for a child's report before calling it hung
TODAY = date.today() + timedelta(days=2)


def _staff(db: Database, warehouse_id: int, kind: str, role: str, n: int) -> list[StationSpec]:
    specs = []
    with db.unit_of_work() as s:
        for i in range(1, n + 1):
            station = Station(
                name=f"HZ1-{kind.upper()}-{i:02d}", kind=kind, warehouse_id=warehouse_id
            )
            user = User(badge=f"{kind.upper()}-{i:02d}", name=f"{role}{i}", role=role)
            s.add_all([station, user])
            s.flush()
            specs.append(StationSpec(station.name, station.id, user.id, warehouse_id))
    return specs


def _picking_floor(db: Database) -> tuple[int, int]:
    """Multi-item orders on carts (pick-and-sort, a tote per order) and single-unit
    orders on bulk lists, all waved in HZ1; returns (warehouse id, supervisor id)."""
    floor = build_floor(
        db, {("HZ1", "SKU-A"): [300], ("HZ1", "SKU-B"): [300], ("HZ1", "SKU-D"): [300]}
    )
    with db.unit_of_work() as s:
        for sku in SKUS:
            pid = floor.products[sku]
            # floorplan's codes carry no valid check digit; a scanner would not read them as EANs
            s.execute(
                update(ProductBarcode)
                .where(ProductBarcode.product_id == pid)
                .values(barcode=unit_barcode(sku))
            )
            if sku in DIMS:
                length, width, height = DIMS[sku]
                s.execute(
                    update(Product)
                    .where(Product.id == pid)
                    .values(length_mm=length, width_mm=width, height_mm=height)
                )
        sup = s.scalar(select(User.id).where(User.badge == "SUP-1"))
        assert sup is not None
    ensure_default_cartons(db)
    ensure_default_pools(db)
    import_orders(
        db,
        [order(f"m{i:03d}", ("SKU-A", 1 + i % 2), ("SKU-B", 1)) for i in range(MULTI_ORDERS)]
        + [order(f"s{i:03d}", ("SKU-D", 1)) for i in range(SINGLE_ORDERS)],
    )
    assert review_orders(db).held == 0
    assert allocate_orders(db).allocated == MULTI_ORDERS + SINGLE_ORDERS
    result = build_waves(db, WaveOptions("HZ1", cart_totes=2, bulk_units=4, today=TODAY))
    assert {w.kind for w in result.waves} == {"single", "multi"}
    add_totes(db, "HZ1", MULTI_ORDERS + 10)
    return floor.hz, sup


def _run_children(
    ctx: Any, target: Any, args_per_child: list[tuple[Any, ...]], out: Any
) -> list[dict[str, Any]]:
    procs = [ctx.Process(target=target, args=(*args, out)) for args in args_per_child]
    for p in procs:
        p.start()
    results: list[dict[str, Any]] = []
    deadline = time.monotonic() + CHILD_S
    try:
        # Read before joining: a child cannot exit while its report sits in the pipe.
        while len(results) < len(procs):
            try:
                results.append(out.get(timeout=1.0))
            except queue.Empty:
                dead = [p.exitcode for p in procs if p.exitcode not in (None, 0)]
                assert not dead, f"a station process died before reporting (exit codes {dead})"
                assert time.monotonic() < deadline, f"station processes hung for {CHILD_S:.0f} s"
    finally:
        for p in procs:
            p.join(timeout=30)
            if p.is_alive():
                p.terminate()
    errors = [r["error"] for r in results if "error" in r]
    assert not errors, "a station process failed:\n" + "\n".join(errors)
    assert [p.exitcode for p in procs] == [0] * len(procs)
    return results


def _count_events(db: Database, kind: str) -> Counter[str]:
    with db.read() as s:
        return Counter(s.scalars(select(Event.entity_id).where(Event.kind == kind)))


def _check_picking(
    db: Database,
    pickers: list[StationSpec],
    users: dict[int, str],
    raced: list[int],
    results: list[dict[str, Any]],
) -> None:
    by_station = {r["station_id"]: r for r in results}
    with db.read() as s:
        tasks = dict(s.execute(select(PickTask.id, PickTask.status)).all())
        holder = dict(s.execute(select(PickTask.id, PickTask.claimed_station_id)).all())
    # Every task claimed by exactly one station, as the children saw it ...
    claimed = Counter(c["task_id"] for r in results for c in r["claims"])
    assert sorted(claimed) == sorted(tasks) and set(claimed.values()) == {1}
    done = Counter(t for r in results for t in r["done"])
    assert sorted(done) == sorted(tasks) and set(done.values()) == {1}
    # ... and as the database recorded it: one claim event and one done event per task,
    # the holder being the station that said it claimed the task.
    assert set(tasks.values()) == {"done"}
    assert _count_events(db, "task.claimed") == Counter({str(t): 1 for t in tasks})
    assert _count_events(db, "task.done") == Counter({str(t): 1 for t in tasks})
    for r in results:
        for c in r["claims"]:
            assert holder[c["task_id"]] == r["station_id"]
    # The chooser races: one winner each, every other station told who holds the task.
    names = {p.station_id: p.name for p in pickers}
    for task_id in raced:
        winners = [
            r
            for r in results
            if any(c["task_id"] == task_id and c["via"] == "claim_task" for c in r["claims"])
        ]
        assert len(winners) == 1
        win = winners[0]["station_id"]
        told = [f for r in results for f in r["refused"] if f["task_id"] == task_id]
        assert len(told) == PICKERS - 1
        for f in told:
            assert f["code"] == "task_taken"
            assert f["params"]["station"] == names[win] and f["params"]["user"] == users[win]
            assert names[win] in f["message"] and users[win] in f["message"]
    assert set(by_station) == {p.station_id for p in pickers}


def _check_totes_after_picking(db: Database) -> dict[str, int]:
    """No tote carries two orders; every multi-item order is in exactly one tote.
    Returns tote code -> order id."""
    with db.read() as s:
        slots = s.execute(select(TaskSlot.pick_task_id, TaskSlot.order_id, TaskSlot.tote_id)).all()
        totes = {t.id: t for t in s.scalars(select(Tote))}
        lines = s.execute(select(PickLine.status, func.count()).group_by(PickLine.status)).all()
        statuses = Counter(
            dict(s.execute(select(Order.status, func.count()).group_by(Order.status)).all())
        )
        binds = Counter(
            (e["tote"], e["slot"])
            for e in s.scalars(select(Event.payload).where(Event.kind == "pick.put"))
        )
    assert dict(lines) == {"picked": sum(n for _, n in lines)}
    assert statuses == Counter({"picked": MULTI_ORDERS + SINGLE_ORDERS})
    assert len(slots) == MULTI_ORDERS and all(tote_id is not None for _, _, tote_id in slots)
    assert len({tote_id for _, _, tote_id in slots}) == MULTI_ORDERS  # no tote in two slots
    carried: dict[str, int] = {}
    for task_id, order_id, tote_id in slots:
        tote = totes[tote_id]
        assert (tote.status, tote.order_id, tote.pick_task_id) == ("picked", order_id, task_id)
        carried[tote.code] = order_id
    assert len(set(carried.values())) == MULTI_ORDERS
    assert sum(1 for t in totes.values() if t.status == "free") == len(totes) - MULTI_ORDERS
    assert all(code in carried for code, _ in binds)
    return carried


def _check_packing(
    db: Database,
    packers: list[StationSpec],
    users: dict[int, str],
    raced: list[str],
    carried: dict[str, int],
    results: list[dict[str, Any]],
) -> None:
    names = {p.station_id: p.name for p in packers}
    packed_by: dict[int, list[int]] = defaultdict(list)
    reported: dict[int, str] = {}
    for r in results:
        for p in r["packed"]:
            packed_by[p["order_id"]].append(r["station_id"])
            reported[p["order_id"]] = p["tracking_no"]
    with db.read() as s:
        orders = dict(s.execute(select(Order.id, Order.status)).all())
        shipments = s.execute(
            select(Shipment.order_id, Shipment.tracking_no, Shipment.station_id, Shipment.status)
        ).all()
        totes = s.execute(select(Tote.status, Tote.order_id)).all()
    assert set(orders.values()) == {"packed"}
    assert sorted(packed_by) == sorted(orders) and all(len(v) == 1 for v in packed_by.values())
    live = [sh for sh in shipments if sh.status != "voided"]
    assert sorted(sh.order_id for sh in live) == sorted(orders)  # one label per order, none voided
    assert len(shipments) == len(live)
    numbers = [sh.tracking_no for sh in live]
    assert len(set(numbers)) == len(numbers)
    assert {sh.order_id: sh.tracking_no for sh in live} == reported
    assert {sh.order_id: sh.station_id for sh in live} == {o: st[0] for o, st in packed_by.items()}
    assert _count_events(db, "pack.opened") == Counter({str(o): 1 for o in orders})
    assert _count_events(db, "order.packed") == Counter({str(o): 1 for o in orders})
    assert {(status, order_id) for status, order_id in totes} == {("free", None)}
    refused = [f for r in results for f in r["refused"]]
    for code in raced:
        assert len([f for f in refused if f["tote"] == code]) == PACKERS - 1
    for f in refused:
        # A raced tote is always still held by its winner; a free one may be held, or
        # already packed and its tote emptied, or claimed (or packed) between our two reads.
        free = ("order_taken", "tote_empty", "stale", "already_packed")
        assert f["code"] in (("order_taken",) if f["raced"] else free), f
        if f["code"] == "order_taken":
            win = packed_by[carried[f["tote"]]][0]
            assert f["params"]["station"] == names[win] and f["params"]["user"] == users[win]
            assert names[win] in f["message"] and users[win] in f["message"]
    assert sum(1 for f in refused if f["code"] == "order_taken") >= RACED_TOTES * (PACKERS - 1)
    vias = Counter(o["via"] for r in results for o in r["opened"])
    assert vias == Counter({"tote": MULTI_ORDERS, "item": SINGLE_ORDERS})


@pytest.mark.slow  # 10–45 s: ten spawned interpreters on a shared 2-core machine
def test_station_processes_never_pick_or_pack_the_same_work(
    pg_db: Database, tmp_path: Path
) -> None:
    db = pg_db
    hz, _ = _picking_floor(db)
    pickers = _staff(db, hz, "pick", "picker", PICKERS)
    packers = _staff(db, hz, "pack", "packer", PACKERS)
    with db.read() as s:
        users = dict(s.execute(select(User.id, User.name)).all())
        cart_tasks = list(
            s.scalars(
                select(PickTask.id)
                .join(Wave, Wave.id == PickTask.wave_id)
                .where(Wave.kind == "multi")
                .order_by(PickTask.id)
            )
        )
    station_user = {p.station_id: users[p.user_id] for p in pickers + packers}
    raced_tasks = cart_tasks[:RACED_TASKS]
    ctx = mp.get_context("spawn")
    out = ctx.Queue()

    barrier = ctx.Barrier(PICKERS)
    picked = _run_children(
        ctx, pick_station, [(db.url, p, raced_tasks, barrier) for p in pickers], out
    )
    _check_picking(db, pickers, station_user, raced_tasks, picked)
    carried = _check_totes_after_picking(db)

    # Every packer works through the same totes: the first RACED_TOTES in lockstep, the
    # rest each from a different starting point, so they meet on the way round.
    totes = sorted(carried)
    raced_totes, free_totes = totes[:RACED_TOTES], totes[RACED_TOTES:]
    spool = tmp_path / "labels"
    spool.mkdir()
    barrier = ctx.Barrier(PACKERS)
    shift = max(1, len(free_totes) // PACKERS)
    args = [
        (
            db.url,
            p,
            raced_totes,
            free_totes[i * shift :] + free_totes[: i * shift],
            unit_barcode("SKU-D"),
            f"dir://{spool}",
            barrier,
        )
        for i, p in enumerate(packers)
    ]
    packed = _run_children(ctx, pack_station, args, out)
    _check_packing(db, packers, station_user, raced_totes, carried, packed)


def test_a_claim_passes_by_tasks_other_stations_are_claiming_in_many_waves(pg_db: Database) -> None:
    """Twelve one-task waves; another station's claim is in flight (rows locked, not yet
    committed) on the first eleven. A station claiming now gets the twelfth, the next
    one gets nothing, and once the other transaction ends the oldest is free again."""
    db = pg_db
    waves = 12
    hz = build_floor(db, {("HZ1", "SKU-A"): [50], ("HZ1", "SKU-B"): [50]}).hz
    import_orders(db, [order(f"w{i:02d}", ("SKU-A", 1), ("SKU-B", 1)) for i in range(waves)])
    assert review_orders(db).held == 0
    assert allocate_orders(db).allocated == waves
    build_waves(db, WaveOptions("HZ1", max_orders=1, today=TODAY))
    first, second = _staff(db, hz, "pick", "picker", 2)
    with db.read() as s:
        tasks = list(
            s.scalars(
                select(PickTask.id)
                .join(Wave, Wave.id == PickTask.wave_id)
                .order_by(Wave.created_at, Wave.id, PickTask.seq)
            )
        )
    assert len(tasks) == waves
    engine = create_engine(db.url)
    try:
        with engine.connect() as other:
            other.execute(select(PickTask.id).where(PickTask.id.in_(tasks[:-1])).with_for_update())
            view = claim_next_task(db, first.actor, hz)
            assert view is not None and view.task_id == tasks[-1]
            assert (view.status, view.step) == ("claimed", "location")
            assert claim_next_task(db, second.actor, hz) is None
            other.rollback()
        view = claim_next_task(db, second.actor, hz)
        assert view is not None and view.task_id == tasks[0]
    finally:
        engine.dispose()
    with db.read() as s:
        holders = dict(
            s.execute(
                select(PickTask.id, PickTask.claimed_station_id).where(PickTask.status == "claimed")
            ).all()
        )
    assert holders == {tasks[-1]: first.station_id, tasks[0]: second.station_id}


def _next_notice(out: Any, wanted: str, timeout_s: float) -> tuple[str, float, list[str]]:
    """The next message from the listener process that is an error or names ``wanted``."""
    deadline = time.monotonic() + timeout_s
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(
                f"the other station heard nothing of {wanted!r} in {timeout_s:.0f} s"
            )
        kind, at, body = out.get(timeout=left)
        if kind == "error":
            raise AssertionError(f"the listening station failed: {body}")
        if kind == wanted or wanted in body:
            return kind, at, body


def test_an_order_cancelled_at_one_station_is_heard_at_another(
    pg_db: Database, record_property: Any
) -> None:
    """The supervisor cancels an order here; a station process listening on the
    central database hears "order". How fast is bench/stations.py's to measure."""
    db = pg_db
    build_floor(db, {("HZ1", "SKU-A"): [5]})
    import_orders(db, [order("n001", ("SKU-A", 1))])
    with db.read() as s:
        sup = s.scalar(select(User.id).where(User.badge == "SUP-1"))
        order_id = s.scalar(select(Order.id).where(Order.order_no == "n001"))
    assert sup is not None and order_id is not None
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    stop = ctx.Event()
    listener = ctx.Process(target=listen_station, args=(db.url, out, stop))
    listener.start()
    try:
        _next_notice(out, "ready", CHILD_S)
        # A quiet floor: nothing about orders is in flight before the cancel.
        try:
            while True:
                kind, _, body = out.get_nowait()
                assert kind != "error" and "order" not in body, body
        except queue.Empty:
            pass
        before = time.time()
        done = cancel_order(db, Actor(sup, None), order_id, "the buyer called to cancel")
        committed = time.time()
        _, heard, entities = _next_notice(out, "order", 30)
        assert "order" in entities
        assert heard >= before  # a notice of this very commit, not of something earlier
        record_property("notify_delay_s", round(heard - committed, 4))
        assert done.action == "cancel_order"
        with db.read() as s:
            assert s.scalar(select(Order.status).where(Order.id == order_id)) == "cancelled"
    finally:
        stop.set()
        listener.join(timeout=30)
        if listener.is_alive():
            listener.terminate()
    assert listener.exitcode == 0
