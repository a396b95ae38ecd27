"""Several station processes through a database outage, mid-wave: three headless
picking stations (each a spawned process with the real window, pick screen, live
updates and offline link) reach PostgreSQL through one TCP proxy the test controls.
Each claims its own task of one wave and makes a few scans online; the proxy is cut;
each finishes its task offline (journaled on its own disk); the proxy is restored;
each replays. Afterwards every scan made during the outage is in the database
exactly once, no task was held by two stations, and the wave is picked."""

from __future__ import annotations

import multiprocessing as mp
import queue
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from floorplan import SKUS, build_floor, order, scannable_barcodes, unit_ean
from offline_station_worker import pick_station_offline
from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from tcp_proxy import TcpProxy

from app.db.engine import Database
from app.db.models import Event, Order, PickLine, PickTask, ScanRecord, Station, User, Wave
from app.services.allocation import allocate_orders
from app.services.intake.apply import import_orders
from app.services.review import review_orders
from app.services.waves import WaveOptions, build_waves

STATIONS = 3
ORDERS_PER_TASK = 4
SERIES = 7  # this floor's barcodes: 6927…
ANSWER_S = 120.0  # a child that says nothing for this long has hung (a spawned Qt start on a busy 2-core box)
TODAY = date.today() + timedelta(days=2)


def _one_wave(db: Database) -> dict[str, str]:
    """One single-unit wave of STATIONS bulk tasks, four orders of one SKU each at one
    bin (a location scan, then four item scans); stations HZ1-PICK-0n with pickers U-000n.
    Returns every SKU's unit barcode."""
    skus = ("SKU-C", "SKU-D", "SKU-E")[:STATIONS]  # a bulk list holds one SKU's orders
    floor = build_floor(db, {("HZ1", sku): [50] for sku in skus})
    with db.unit_of_work() as s:
        scannable_barcodes(s, floor, SERIES, "SKU-D", 2)
        for n in range(1, STATIONS + 1):
            s.add(Station(name=f"HZ1-PICK-0{n}", kind="pick", warehouse_id=floor.hz))
            s.add(User(badge=f"U-000{n}", name=f"拣货员{n}", role="picker"))
    count = STATIONS * ORDERS_PER_TASK
    import_orders(db, [order(f"o{i:02d}", (skus[i % STATIONS], 1)) for i in range(count)])
    assert review_orders(db).held == 0
    assert allocate_orders(db).allocated == count
    result = build_waves(db, WaveOptions("HZ1", bulk_units=ORDERS_PER_TASK, today=TODAY))
    assert len(result.waves) == 1
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(PickTask)) == STATIONS
    return {sku: unit_ean(SERIES, sku) for sku in SKUS}


def _answer(out: Any, who: str) -> dict[str, Any]:
    try:
        got = out.get(timeout=ANSWER_S)
    except queue.Empty:
        raise AssertionError(f"{who} did not answer within {ANSWER_S:.0f} s") from None
    assert "error" not in got, f"{who} failed:\n{got['error']}"
    return got


def _ask_all(children: list[tuple[Any, Any]], cmd: str, arg: Any = None) -> list[dict[str, Any]]:
    for commands, _ in children:
        commands.put((cmd, arg))
    return [_answer(out, f"station {n}") for n, (_, out) in enumerate(children, start=1)]


@pytest.mark.slow  # 20–60 s: three spawned Qt stations on a shared 2-core machine
def test_stations_pick_through_an_outage_mid_wave_and_every_scan_lands_once(
    pg_db: Database, tmp_path: Path
) -> None:
    db = pg_db
    codes = _one_wave(db)
    real = make_url(db.url)
    ctx = mp.get_context("spawn")
    with TcpProxy(real.host or "127.0.0.1", real.port or 5432) as proxy:
        via_proxy = proxy.url_for(db.url)
        children: list[tuple[Any, Any]] = []
        procs = []
        for n in range(1, STATIONS + 1):
            commands, out = ctx.Queue(), ctx.Queue()
            p = ctx.Process(
                target=pick_station_offline,
                args=(
                    via_proxy,
                    f"HZ1-PICK-0{n}",
                    f"U-000{n}",
                    codes,
                    str(tmp_path / f"journal-{n}.sqlite3"),
                    commands,
                    out,
                ),
            )
            p.start()
            procs.append(p)
            children.append((commands, out))
        try:
            ready = [_answer(out, f"station {n}") for n, (_, out) in enumerate(children, start=1)]
            tasks = [r["task_id"] for r in ready]
            assert len(set(tasks)) == STATIONS, f"a task was given to two stations: {tasks}"

            online = _ask_all(children, "scan", 2)  # the bin, then one unit each
            assert all(r["made"] == 2 and not r["refused"] and r["online"] for r in online), online

            proxy.cut()
            offline = _ask_all(children, "scan", 10)  # the rest of each task, offline
            for r in offline:
                assert not r["refused"], r
                assert not r["online"] and r["step"] == "done" and r["feedback"] == "done", r
                assert r["pending"] == r["made"] == ORDERS_PER_TASK - 1, r
                assert r["banner"].startswith("Central database unreachable"), r
            journaled = [entry_id for r in offline for entry_id, _ in r["journal"]]
            with db.read() as s:  # the test's own connection, not through the proxy
                assert s.scalar(select(func.count()).select_from(ScanRecord)) == 2 * STATIONS
                assert not set(s.scalars(select(ScanRecord.id).where(ScanRecord.id.in_(journaled))))

            proxy.restore()
            settled = _ask_all(children, "settle")
            for r in settled:
                assert r["online"] and r["pending"] == 0 and r["banner"] == "", r
                assert {status for _, status in r["journal"]} == {"applied"}, r
            _ask_all(children, "stop")
        finally:
            for p in procs:
                p.join(30)
                if p.is_alive():
                    p.terminate()

    with db.read() as s:
        ids = list(s.scalars(select(ScanRecord.id).where(ScanRecord.task == "pick")))
        assert len(ids) == STATIONS * (1 + ORDERS_PER_TASK)
        assert set(journaled) <= set(ids) and len(journaled) == STATIONS * (ORDERS_PER_TASK - 1)
        # Each scan counted once: one unit per order picked, one item event per unit.
        assert (
            s.scalar(select(func.sum(PickLine.picked_qty)))
            == s.scalar(select(func.sum(PickLine.qty)))
            == STATIONS * ORDERS_PER_TASK
        )
        item_events = s.scalar(
            select(func.count()).select_from(Event).where(Event.kind == "pick.item")
        )
        assert item_events == STATIONS * ORDERS_PER_TASK
        holders = dict(s.execute(select(PickTask.id, PickTask.claimed_station_id)).all())
        assert len(set(holders.values())) == STATIONS
        assert set(s.scalars(select(PickTask.status))) == {"done"}
        assert set(s.scalars(select(Order.status))) == {"picked"}
        assert s.scalar(select(Wave.status)) == "picked"
        claims = list(s.scalars(select(Event.entity_id).where(Event.kind == "task.claimed")))
        assert sorted(claims) == sorted(str(t) for t in tasks)
