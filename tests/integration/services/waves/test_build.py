from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import (
    Event,
    Location,
    Order,
    PickLine,
    PickTask,
    Reservation,
    TaskSlot,
    Warehouse,
    Wave,
)
from app.demo import demo_orders, seed_catalog
from app.routing import Layout, Pick, tour_length
from app.services.allocation import allocate_orders
from app.services.intake.apply import import_orders
from app.services.review import review_orders
from app.services.waves import WaveError, WaveOptions, build_waves

TOMORROW = date.today() + timedelta(days=2)  # every demo order makes this cut-off


@pytest.fixture
def demo(db: Database) -> Database:
    """The demo catalog with 300 orders allocated and none waved yet."""
    catalog = seed_catalog(db, seed=3)
    import_orders(db, demo_orders(catalog, 300, seed=3))
    review_orders(db)
    allocate_orders(db)
    return db


def allocated_ids(db: Database, code: str) -> set[int]:
    with db.read() as s:
        return set(
            s.scalars(
                select(Order.id)
                .join(Warehouse, Warehouse.id == Order.warehouse_id)
                .where(
                    Warehouse.code == code, Order.status == "allocated", Order.is_split.is_(False)
                )
            )
        )


def test_dry_run_plans_every_order_once_and_writes_nothing(demo: Database) -> None:
    before = allocated_ids(demo, "HZ1")
    plan = build_waves(
        demo, WaveOptions("HZ1", dry_run=True, cart_totes=6, today=TOMORROW)
    ).as_json()
    numbers = [no for w in plan["waves"] for b in w["batches"] for no in b["orders"]]
    assert len(numbers) == len(set(numbers)) == len(before)
    assert allocated_ids(demo, "HZ1") == before
    with demo.read() as s:
        assert s.scalar(select(func.count()).select_from(Wave)) == 0
    kinds = {w["kind"] for w in plan["waves"]}
    assert kinds == {"single", "multi"}
    for w in plan["waves"]:
        for b in w["batches"]:
            if w["kind"] == "multi":
                assert 1 <= len(b["totes"]) <= 6
                assert [t["slot"] for t in b["totes"]] == list(range(1, len(b["totes"]) + 1))
            else:
                assert b["kind"] == "bulk" and all(line["slot"] is None for line in b["lines"])


def test_build_writes_routed_pick_tasks_and_waves_the_orders(demo: Database) -> None:
    before = allocated_ids(demo, "HZ1")
    result = build_waves(demo, WaveOptions("HZ1", cart_totes=8, today=TOMORROW))
    assert result.waves and all(w.code.startswith("W") for w in result.waves)
    with demo.read() as s:
        wh = s.scalar(select(Warehouse).where(Warehouse.code == "HZ1"))
        layout = Layout(wh.aisles, wh.aisle_length, wh.aisle_spacing, wh.blocks, wh.depot_x)
        waved = set(
            s.scalars(select(Order.id).where(Order.status == "waved", Order.wave_id.is_not(None)))
        )
        assert waved == before
        # Every reserved unit is on exactly one pick line.
        picked = dict(
            s.execute(
                select(PickLine.reservation_id, func.sum(PickLine.qty)).group_by(
                    PickLine.reservation_id
                )
            ).all()
        )
        reserved = dict(
            s.execute(
                select(Reservation.id, Reservation.qty).where(Reservation.order_id.in_(before))
            ).all()
        )
        assert picked == reserved
        for task in s.scalars(select(PickTask)):
            lines = list(
                s.scalars(
                    select(PickLine).where(PickLine.pick_task_id == task.id).order_by(PickLine.seq)
                )
            )
            assert [ln.seq for ln in lines] == list(range(1, len(lines) + 1))
            locs = {
                loc.id: loc
                for loc in s.scalars(
                    select(Location).where(Location.id.in_({ln.location_id for ln in lines}))
                )
            }
            picks = [
                Pick(str(ln.id), locs[ln.location_id].aisle, locs[ln.location_id].y) for ln in lines
            ]
            # The stored order is the optimal route: walking it costs the stored distance.
            assert tour_length(layout, picks, [p.id for p in picks]) == pytest.approx(task.distance)
            if task.kind == "cart":
                slots = dict(
                    s.execute(
                        select(TaskSlot.order_id, TaskSlot.slot).where(
                            TaskSlot.pick_task_id == task.id
                        )
                    ).all()
                )
                assert all(slots[ln.order_id] == ln.slot for ln in lines)
                assert len(slots) <= 8
        events = Counter(
            s.scalars(select(Event.kind).where(Event.kind.in_(["order.waved", "wave.released"])))
        )
        assert events["order.waved"] == len(before) and events["wave.released"] == len(result.waves)
    assert (
        sum(w.distance for w in result.waves) <= sum(w.fcfs_distance for w in result.waves) + 1e-6
    )
    again = build_waves(demo, WaveOptions("HZ1", today=TOMORROW))
    assert again.waves == []


def test_single_unit_orders_are_bulk_picked_by_sku(demo: Database) -> None:
    result = build_waves(demo, WaveOptions("GZ1", dry_run=True, today=TOMORROW)).as_json()
    for w in result["waves"]:
        if w["kind"] != "single":
            continue
        for b in w["batches"]:
            skus = defaultdict(int)
            for line in b["lines"]:
                skus[line["sku"]] += line["qty"]
            assert sum(skus.values()) == len(b["orders"])  # one unit per order


def test_put_wall_mode_gives_wall_slots(demo: Database) -> None:
    plan = build_waves(
        demo,
        WaveOptions("HZ1", dry_run=True, sort_mode="pick_then_sort", wall_slots=12, today=TOMORROW),
    ).as_json()
    multi = [w for w in plan["waves"] if w["kind"] == "multi"]
    assert multi and all(
        b["kind"] == "wall" and len(b["totes"]) <= 12 for w in multi for b in w["batches"]
    )


def test_carrier_filter_and_max_orders(demo: Database) -> None:
    plan = build_waves(
        demo, WaveOptions("HZ1", dry_run=True, max_orders=10, carrier="SF", today=TOMORROW)
    ).as_json()
    assert all(w["carrier"] == "SF" and w["orders"] <= 10 for w in plan["waves"])


def test_unknown_warehouse_is_named(demo: Database) -> None:
    with pytest.raises(WaveError, match="no warehouse XX9 \\(known: GZ1, HZ1\\)"):
        build_waves(demo, WaveOptions("XX9"))


def test_demo_seed_waves_hangzhou_and_leaves_guangzhou(db: Database) -> None:
    from app.demo import seed_demo

    assert "waved" in seed_demo(db, orders=120, seed=5, work_floor=False)
    with db.read() as s:
        by_wh = dict(
            s.execute(
                select(Warehouse.code, func.count())
                .join(Order, Order.warehouse_id == Warehouse.id)
                .where(Order.status == "waved")
                .group_by(Warehouse.code)
            ).all()
        )
        assert by_wh.get("HZ1", 0) > 0 and "GZ1" not in by_wh
        assert s.scalar(select(func.count()).select_from(PickTask)) > 0
