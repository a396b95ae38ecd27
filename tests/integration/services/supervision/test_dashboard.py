"""Dashboard queries against a floor in mid-shift (see dashboard_seed for the story)."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from dashboard_seed import CUTOFF, NOW, Seeded, ago, seed_shift
from sqlalchemy import update

from app.db.engine import Database
from app.db.models import Event, PickLine, Wave
from app.services.supervision.dashboard import (
    EXCEPTION_KINDS,
    active_users,
    exceptions,
    orders_by_status,
    throughput,
    wave_progress,
)


@pytest.fixture
def shift(db: Database) -> Seeded:
    return seed_shift(db)


def waves_by_kind(db: Database, **kw: object) -> dict[str, object]:
    return {w.kind: w for w in wave_progress(db, now=kw.pop("now", NOW), **kw)}  # type: ignore[arg-type]


def test_wave_progress_counts_and_estimates(shift: Seeded) -> None:
    waves = waves_by_kind(shift.db)
    multi, single = waves["multi"], waves["single"]
    assert (multi.orders, multi.orders_packed, multi.orders_cancelled) == (4, 0, 0)
    assert (multi.lines_picked, multi.lines_short, multi.lines_total) == (4, 1, 7)
    assert (multi.units_picked, multi.units_total, multi.units_remaining) == (6, 11, 3)
    assert multi.pickers == ("李伟",) and multi.started == ago(50)
    assert (multi.tasks_open, multi.tasks_claimed, multi.tasks_done) == (0, 1, 0)
    # 3 units in the last 30 minutes → 6 units/hour; 3 left → half an hour.
    assert multi.rate_per_hour == pytest.approx(6.0)
    assert multi.estimated_finish == NOW + timedelta(minutes=30)
    assert multi.cutoff == CUTOFF and not multi.at_risk and multi.risk == ""

    assert (single.orders, single.orders_packed) == (2, 1)
    assert (single.units_picked, single.units_total, single.units_remaining) == (1, 2, 1)
    assert single.pickers == ("张敏",) and single.started == ago(60)
    assert single.rate_per_hour == pytest.approx(2.0)
    assert single.estimated_finish == NOW + timedelta(minutes=30)


def test_a_young_wave_measures_its_rate_since_its_first_claim(shift: Seeded) -> None:
    # 20 minutes after the cart was claimed (NOW-30m), 3 units had been picked
    # (NOW-40m, NOW-35m): 9 units/hour, not the 6 of a 30-minute window.
    multi = waves_by_kind(shift.db, now=ago(30))["multi"]
    assert multi.started == ago(50)
    assert multi.rate_per_hour == pytest.approx(9.0)


def test_estimate_after_the_cutoff_is_late(shift: Seeded) -> None:
    with shift.db.unit_of_work() as s:
        s.execute(
            update(Wave)
            .where(Wave.id == shift.waves["multi"])
            .values(cutoff=NOW + timedelta(minutes=20))
        )
    multi = waves_by_kind(shift.db)["multi"]
    assert multi.estimated_finish == NOW + timedelta(minutes=30)
    assert multi.at_risk and multi.risk == "late"
    assert not waves_by_kind(shift.db)["single"].at_risk


def test_a_wave_without_recent_picks_borrows_the_warehouse_rate(shift: Seeded) -> None:
    # At NOW+20m the single wave's last pick (NOW-25m) is out of the window; the
    # warehouse picked 2 units in it (NOW-10m, NOW-5m): 4 units/hour.
    later = NOW + timedelta(minutes=20)
    waves = waves_by_kind(shift.db, now=later)
    assert waves["multi"].rate_per_hour == pytest.approx(4.0)
    assert waves["single"].rate_per_hour == pytest.approx(4.0)
    assert waves["single"].estimated_finish == later + timedelta(minutes=15)


def test_no_rate_and_a_close_cutoff_is_tight(shift: Seeded) -> None:
    waves = waves_by_kind(shift.db, now=CUTOFF - timedelta(minutes=50))
    assert all(w.rate_per_hour is None and w.estimated_finish is None for w in waves.values())
    assert {w.risk for w in waves.values()} == {"tight"}
    far = waves_by_kind(shift.db, now=CUTOFF - timedelta(minutes=61))
    assert {w.risk for w in far.values()} == {""}


def test_finished_waves_drop_out_unless_asked_for(shift: Seeded) -> None:
    with shift.db.unit_of_work() as s:
        s.execute(update(Wave).where(Wave.id == shift.waves["single"]).values(status="cancelled"))
    assert set(waves_by_kind(shift.db)) == {"multi"}
    assert set(waves_by_kind(shift.db, include_closed=True)) == {"multi", "single"}
    assert wave_progress(shift.db, warehouse_id=999, now=NOW) == []


def test_orders_by_warehouse_store_and_status(shift: Seeded) -> None:
    got = {(r.warehouse, r.store, r.status): r.count for r in orders_by_status(shift.db)}
    assert got == {
        (None, "淘宝小店", "on_hold"): 1,
        ("HZ1", "淘宝小店", "waved"): 2,
        ("HZ1", "淘宝小店", "picking"): 2,
        ("HZ1", "淘宝小店", "picked"): 1,
        ("HZ1", "淘宝小店", "packed"): 1,
    }
    statuses = [r.status for r in orders_by_status(shift.db) if r.warehouse == "HZ1"]
    assert statuses == ["waved", "picking", "picked", "packed"]  # the order of the journey


def test_exceptions_of_every_kind_with_the_ids_their_actions_need(shift: Seeded) -> None:
    rows = exceptions(shift.db, now=NOW)
    assert [r.kind for r in rows] == list(EXCEPTION_KINDS)  # one of each, most urgent first
    by = {r.kind: r for r in rows}
    assert by["hold"].code == "unpaid" and by["hold"].hold_id == shift.holds["unpaid"]
    assert by["hold"].order_no == "h1" and by["hold"].order_status == "on_hold"
    short = by["short_pick"]
    assert (short.order_no, short.code, short.detail) == ("o2", "missing", "1/3")
    assert (
        short.pick_line_id == shift.lines[("o2", "SKU-C")]
        and short.hold_id == shift.holds["short_pick"]
    )
    assert short.user_name == "李伟" and short.task_id == shift.tasks["cart"]
    assert by["interception"].order_no == "o6" and "买家取消" in by["interception"].detail
    weight = by["weight_mismatch"]
    assert (weight.order_no, weight.detail, weight.user_name, weight.station_name) == (
        "o1",
        "900 g / 400 g",
        "陈静",
        "PACK-01",
    )
    assert weight.event_id
    job = by["print_failed"]
    assert job.job_id == shift.job and "connection refused" in job.detail and job.order_no == "o5"
    stale = by["stale_task"]
    assert (stale.task_id, stale.user_name, stale.station_name, stale.at) == (
        shift.tasks["bulk"],
        "张敏",
        "PDA-02",
        ago(25),
    )
    assert len({r.key for r in rows}) == len(rows)


def test_stale_threshold_and_time(shift: Seeded) -> None:
    stale = [
        r.task_id for r in exceptions(shift.db, stale_minutes=1, now=NOW) if r.kind == "stale_task"
    ]
    assert sorted(stale) == sorted(shift.tasks.values())  # the cart was touched 2 minutes ago
    assert not [
        r for r in exceptions(shift.db, stale_minutes=30, now=NOW) if r.kind == "stale_task"
    ]


def test_a_short_pick_hold_released_clears_the_short_pick(shift: Seeded) -> None:
    from app.db.models import OrderHold

    with shift.db.unit_of_work() as s:
        s.execute(
            update(OrderHold)
            .where(OrderHold.id == shift.holds["short_pick"])
            .values(released_at=NOW)
        )
    kinds = Counter(r.kind for r in exceptions(shift.db, now=NOW))
    assert kinds["short_pick"] == 0 and kinds["hold"] == 1


def test_a_short_the_picker_rerouted_needs_nobody(shift: Seeded) -> None:
    from sqlalchemy import delete

    from app.db.models import OrderHold

    # Without the hold the picking service opens when no other bin has the units,
    # the short was re-routed: no exception.
    with shift.db.unit_of_work() as s:
        s.execute(delete(OrderHold).where(OrderHold.id == shift.holds["short_pick"]))
    assert "short_pick" not in {r.kind for r in exceptions(shift.db, now=NOW)}


def test_packed_after_a_weight_mismatch_is_no_longer_an_exception(shift: Seeded) -> None:
    from app.db.models import Order

    with shift.db.unit_of_work() as s:
        s.execute(update(Order).where(Order.id == shift.orders["o1"]).values(status="packed"))
    assert "weight_mismatch" not in {r.kind for r in exceptions(shift.db, now=NOW)}


def test_a_cancel_after_picking_started_is_an_interception(shift: Seeded) -> None:
    from app.db.models import Order

    with shift.db.unit_of_work() as s:
        s.execute(update(Order).where(Order.id == shift.orders["o2"]).values(status="cancelled"))
        s.add(
            Event(
                at=NOW,
                entity="order",
                entity_id=str(shift.orders["o2"]),
                kind="order.cancelled",
                payload={
                    "order_no": "o2",
                    "from": "picking",
                    "to": "cancelled",
                    "reason": "platform",
                },
            )
        )
        # A cancel before picking (o3 was only waved) is not one.
        s.execute(update(Order).where(Order.id == shift.orders["o3"]).values(status="cancelled"))
        s.add(
            Event(
                at=NOW,
                entity="order",
                entity_id=str(shift.orders["o3"]),
                kind="order.cancelled",
                payload={"order_no": "o3", "from": "waved", "to": "cancelled"},
            )
        )
    rows = [r for r in exceptions(shift.db, now=NOW) if r.kind == "interception"]
    assert sorted(r.order_no for r in rows) == ["o2", "o6"]
    assert [r.detail for r in rows if r.order_no == "o2"] == ["platform"]


def test_throughput_per_worker_station_and_hour(shift: Seeded) -> None:
    t = throughput(shift.db, NOW - timedelta(hours=2), NOW, bucket_minutes=60)
    workers = {w.label: w for w in t.workers}
    assert [w.label for w in t.workers] == ["李伟", "张敏", "陈静"]
    li = workers["李伟"]
    assert (li.lines_picked, li.units_picked, li.shorts, li.scans, li.refused) == (4, 6, 1, 10, 2)
    # Active in both hours of the window: 2 hours.
    assert li.hours == 2.0 and li.units_per_hour == 3.0 and li.lines_per_hour == 2.0
    assert li.misscan_rate == pytest.approx(0.2)
    zm = workers["张敏"]
    assert (zm.lines_picked, zm.units_picked, zm.scans, zm.refused, zm.hours) == (1, 1, 4, 1, 1.0)
    assert zm.units_per_hour == 1.0 and zm.misscan_rate == pytest.approx(0.25)
    cj = workers["陈静"]
    assert (cj.orders_packed, cj.scans, cj.refused, cj.units_picked) == (
        1,
        5,
        1,
        0,
    )  # the reset is no scan

    stations = {st.label: st for st in t.stations}
    assert stations["PDA-01"].units_picked == 6 and stations["PDA-01"].hours == 2.0
    assert stations["PACK-01"].orders_packed == 1 and stations[
        "PACK-01"
    ].misscan_rate == pytest.approx(0.2)

    assert [b.start for b in t.buckets] == [NOW - timedelta(hours=2), NOW - timedelta(hours=1)]
    first, second = t.buckets
    assert (first.scans, first.units_picked, first.units_per_hour) == (2, 0, 0.0)
    assert (
        second.lines_picked,
        second.units_picked,
        second.shorts,
        second.scans,
        second.refused,
    ) == (5, 7, 1, 17, 4)
    assert second.units_per_hour == 7.0 and second.orders_packed == 1
    assert (t.total.units_picked, t.total.scans, t.total.refused, t.total.hours) == (7, 19, 4, 2.0)


def test_throughput_small_buckets_and_a_partial_last_bucket(shift: Seeded) -> None:
    # 45-minute buckets over 100 minutes: 45 + 45 + 10.
    start = NOW - timedelta(minutes=100)
    t = throughput(shift.db, start, NOW, bucket_minutes=45)
    assert [round(b.hours * 60) for b in t.buckets] == [45, 45, 10]
    # NOW-10m and NOW-5m fall in the last, 10-minute bucket: 2 units → 12 units/hour.
    assert t.buckets[2].units_picked == 2 and t.buckets[2].units_per_hour == pytest.approx(12.0)
    li = next(w for w in t.workers if w.label == "李伟")
    # 李伟 was active in the 2nd and 3rd buckets (NOW-90m and NOW-80m are in the 1st!)
    assert li.hours == pytest.approx((45 + 45 + 10) / 60)


def test_throughput_refuses_a_bad_window(shift: Seeded) -> None:
    with pytest.raises(ValueError, match="must end after it starts"):
        throughput(shift.db, NOW, NOW)
    with pytest.raises(ValueError, match="at least one minute"):
        throughput(shift.db, ago(60), NOW, bucket_minutes=0)
    with pytest.raises(ValueError, match="too many"):
        throughput(shift.db, NOW - timedelta(days=30), NOW, bucket_minutes=1)


def test_an_empty_window_is_all_zeros(shift: Seeded) -> None:
    t = throughput(shift.db, NOW + timedelta(hours=1), NOW + timedelta(hours=3))
    assert t.workers == () and t.stations == () and len(t.buckets) == 2
    assert t.total.units_per_hour == 0.0 and t.total.misscan_rate == 0.0


def test_active_users_for_reassignment(shift: Seeded) -> None:
    names = [u.name for u in active_users(shift.db)]
    assert "李伟" in names and "张敏" in names and "王芳" in names and "陈静" not in names


def test_unresolved_line_stays_out_of_rates(shift: Seeded) -> None:
    # A line scanned half-way (picked_qty 1 of 2, still open) is not a picked line yet.
    with shift.db.unit_of_work() as s:
        s.execute(
            update(PickLine).where(PickLine.id == shift.lines[("o3", "SKU-B")]).values(picked_qty=1)
        )
    multi = waves_by_kind(shift.db)["multi"]
    assert multi.units_picked == 7 and multi.units_remaining == 2
    t = throughput(shift.db, NOW - timedelta(hours=2), NOW)
    assert t.total.units_picked == 7 and t.total.lines_picked == 5
