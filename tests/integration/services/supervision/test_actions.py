"""Supervisor actions on the mid-shift floor of dashboard_seed: each changes the state,
writes an event naming the supervisor and the reason, and refuses without a reason."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from dashboard_seed import NOW, OPTIONS, Seeded, import_allocate, seed_shift
from floorplan import SKUS, ean, order
from sqlalchemy import func, select, update

from app.db.engine import Database
from app.db.models import (
    Event,
    Order,
    OrderHold,
    PickLine,
    PickTask,
    PrintJob,
    Product,
    ProductBarcode,
    Reservation,
    Station,
    Stock,
    TaskSlot,
    Tote,
    User,
    Wave,
)
from app.demo.simulation import pick
from app.domain.floor_errors import FloorError
from app.services.audit import Actor
from app.services.picking.claim import claim_task
from app.services.supervision.actions import (
    approve_override,
    build_waves_now,
    build_waves_preview,
    cancel_order,
    cancel_wave,
    pause_wave,
    reassign_task,
    release_hold,
    release_task,
    resolve_interception,
    resume_wave,
    retry_print,
)
from app.services.supervision.dashboard import exceptions


@pytest.fixture
def shift(db: Database) -> Seeded:
    return seed_shift(db)


def events(db: Database, kind: str) -> list[Event]:
    with db.read() as s:
        return list(s.scalars(select(Event).where(Event.kind == kind).order_by(Event.seq)))


def event_count(db: Database) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(Event)) or 0


def one(db: Database, model: type[Any], ident: int) -> Any:
    with db.read() as s:
        return s.get(model, ident)


def refused(code: str, fn: Callable[..., Any], *args: Any) -> FloorError:
    with pytest.raises(FloorError) as info:
        fn(*args)
    assert info.value.code == code, info.value.message
    return info.value


def kinds(shift: Seeded) -> set[str]:
    return {r.kind for r in exceptions(shift.db, now=NOW)}


ACTIONS: dict[str, Callable[[Seeded, str], Any]] = {
    "release_hold": lambda sh, why: release_hold(
        sh.db, sh.actor(), sh.orders["h1"], sh.holds["unpaid"], why
    ),
    "release_task": lambda sh, why: release_task(sh.db, sh.actor(), sh.tasks["cart"], why),
    "reassign_task": lambda sh, why: reassign_task(
        sh.db, sh.actor(), sh.tasks["bulk"], sh.users["李伟"], why
    ),
    "cancel_order": lambda sh, why: cancel_order(sh.db, sh.actor(), sh.orders["o2"], why),
    "approve_override": lambda sh, why: approve_override(sh.db, sh.actor(), sh.orders["o1"], why),
    "resolve_interception": lambda sh, why: resolve_interception(
        sh.db, sh.actor(), sh.orders["o6"], why
    ),
    "pause_wave": lambda sh, why: pause_wave(sh.db, sh.actor(), sh.waves["multi"], why),
    "cancel_wave": lambda sh, why: cancel_wave(sh.db, sh.actor(), sh.waves["multi"], why),
}


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_every_action_needs_a_reason_and_changes_nothing_without_one(
    shift: Seeded, action: str
) -> None:
    before = event_count(shift.db), exceptions(shift.db, now=NOW)
    for blank in ("", "   \n"):
        err = refused("reason_required", ACTIONS[action], shift, blank)
        assert "reason" in err.message
    assert (event_count(shift.db), exceptions(shift.db, now=NOW)) == before


def test_only_an_active_supervisor_may_act(shift: Seeded) -> None:
    err = refused(
        "not_supervisor",
        release_hold,
        shift.db,
        shift.actor("李伟"),
        shift.orders["h1"],
        shift.holds["unpaid"],
        "paid by bank transfer",
    )
    assert "李伟 (picker)" in err.message
    refused("not_supervisor", release_task, shift.db, Actor(), shift.tasks["cart"], "x")
    with shift.db.unit_of_work() as s:
        s.execute(update(User).where(User.id == shift.users["王芳"]).values(active=False))
    refused("not_supervisor", retry_print, shift.db, shift.actor(), shift.job)
    assert one(shift.db, PrintJob, shift.job).status == "failed"


def test_release_hold_approves_the_order_and_records_who_and_why(shift: Seeded) -> None:
    done = release_hold(
        shift.db,
        shift.actor("王芳", "PACK-01"),
        shift.orders["h1"],
        shift.holds["unpaid"],
        "  paid by bank transfer ",
    )
    assert done.order_no == "h1" and done.detail("approved") is True
    assert one(shift.db, Order, shift.orders["h1"]).status == "approved"
    hold = one(shift.db, OrderHold, shift.holds["unpaid"])
    assert hold.released_at is not None and hold.released_by == shift.users["王芳"]
    ev = events(shift.db, "order.hold_released")[-1]
    assert (ev.user_id, ev.station_id) == (shift.users["王芳"], shift.stations["PACK-01"])
    assert ev.payload["reason"] == "paid by bank transfer" and ev.payload["by"] == "王芳"
    approved = events(shift.db, "order.approved")[-1]
    assert (
        approved.entity_id == str(shift.orders["h1"])
        and approved.payload["reason"] == "paid by bank transfer"
    )
    assert "hold" not in kinds(shift)
    refused(
        "hold_not_open",
        release_hold,
        shift.db,
        shift.actor(),
        shift.orders["h1"],
        shift.holds["unpaid"],
        "again",
    )
    refused(
        "hold_not_open",
        release_hold,
        shift.db,
        shift.actor(),
        shift.orders["o1"],
        shift.holds["short_pick"],
        "x",
    )
    refused("not_found", release_hold, shift.db, shift.actor(), 9999, shift.holds["unpaid"], "x")


def test_releasing_a_short_pick_hold_sends_a_finished_order_on_short(shift: Seeded) -> None:
    done = release_hold(
        shift.db, shift.actor(), shift.orders["o2"], shift.holds["short_pick"], "ship what we have"
    )
    assert done.detail("picked") is True
    assert one(shift.db, Order, shift.orders["o2"]).status == "picked"
    assert "short_pick" not in kinds(shift)


def test_releasing_a_short_pick_hold_with_units_still_to_put_keeps_picking(shift: Seeded) -> None:
    with shift.db.unit_of_work() as s:  # the one unit found is not in the tote yet
        s.execute(
            update(PickLine)
            .where(PickLine.id == shift.lines[("o2", "SKU-C")])
            .values(picked_at=None)
        )
    done = release_hold(
        shift.db, shift.actor(), shift.orders["o2"], shift.holds["short_pick"], "ship short"
    )
    assert done.detail("picked") is False
    assert one(shift.db, Order, shift.orders["o2"]).status == "picking"


def test_release_task_opens_it_and_keeps_the_progress(shift: Seeded) -> None:
    done = release_task(shift.db, shift.actor(), shift.tasks["cart"], "李伟 went home sick")
    assert done.detail("from") == "李伟"
    task = one(shift.db, PickTask, shift.tasks["cart"])
    assert (task.status, task.claimed_by, task.claimed_station_id, task.claimed_at) == (
        "open",
        None,
        None,
        None,
    )
    with shift.db.read() as s:
        statuses = sorted(
            s.scalars(select(PickLine.status).where(PickLine.pick_task_id == task.id))
        )
    assert statuses == ["open", "open", "picked", "picked", "picked", "picked", "short"]
    ev = events(shift.db, "task.released")[-1]
    assert ev.user_id == shift.users["王芳"] and ev.payload["reason"] == "李伟 went home sick"
    assert ev.payload["was"] == "李伟" and ev.payload["lines_done"] == 5
    refused("task_not_claimed", release_task, shift.db, shift.actor(), shift.tasks["cart"], "again")


def test_reassign_goes_to_the_station_the_person_works_at(shift: Seeded) -> None:
    # 李伟 holds the cart at PDA-01: the bulk list is his, at no station.
    done = reassign_task(
        shift.db, shift.actor(), shift.tasks["bulk"], shift.users["李伟"], "张敏 is on break"
    )
    assert done.detail("station_id") is None
    task = one(shift.db, PickTask, shift.tasks["bulk"])
    assert (task.status, task.claimed_by) == ("claimed", shift.users["李伟"])
    ev = events(shift.db, "task.reassigned")[-1]
    assert (ev.user_id, ev.payload["was"], ev.payload["to"], ev.payload["reason"]) == (
        shift.users["王芳"],
        "张敏",
        "李伟",
        "张敏 is on break",
    )
    # Once PDA-01 is free, it is where the task goes.
    release_task(shift.db, shift.actor(), shift.tasks["cart"], "cart parked")
    reassign_task(
        shift.db, shift.actor(), shift.tasks["bulk"], shift.users["李伟"], "take it at your PDA"
    )
    assert (
        one(shift.db, PickTask, shift.tasks["bulk"]).claimed_station_id == shift.stations["PDA-01"]
    )
    reassign_task(
        shift.db,
        shift.actor(),
        shift.tasks["cart"],
        shift.users["张敏"],
        "at PDA-02",
        shift.stations["PDA-02"],
    )
    assert (
        one(shift.db, PickTask, shift.tasks["cart"]).claimed_station_id == shift.stations["PDA-02"]
    )


def test_reassign_refusals(shift: Seeded) -> None:
    refused("not_found", reassign_task, shift.db, shift.actor(), shift.tasks["bulk"], 9999, "x")
    with shift.db.unit_of_work() as s:
        s.execute(update(User).where(User.id == shift.users["李伟"]).values(active=False))
    refused(
        "user_inactive",
        reassign_task,
        shift.db,
        shift.actor(),
        shift.tasks["bulk"],
        shift.users["李伟"],
        "x",
    )
    with shift.db.unit_of_work() as s:
        s.execute(update(PickTask).where(PickTask.id == shift.tasks["bulk"]).values(status="done"))
    refused(
        "task_done",
        reassign_task,
        shift.db,
        shift.actor(),
        shift.tasks["bulk"],
        shift.users["张敏"],
        "x",
    )
    refused("not_found", release_task, shift.db, shift.actor(), 9999, "x")


def test_cancel_before_picking_releases_the_stock_and_takes_the_line_away(shift: Seeded) -> None:
    release_task(
        shift.db, shift.actor(), shift.tasks["bulk"], "stale"
    )  # o4's line: open, untouched
    with shift.db.read() as s:
        stock_id = s.scalar(
            select(Reservation.stock_id).where(Reservation.order_id == shift.orders["o4"])
        )
        reserved = s.get(Stock, stock_id).reserved
    done = cancel_order(shift.db, shift.actor(), shift.orders["o4"], "buyer asked by phone")
    assert done.detail("intercepted") is False and done.detail("units_released") == 1
    o4 = one(shift.db, Order, shift.orders["o4"])
    assert (o4.status, o4.wave_id, o4.interception) == ("cancelled", None, None)
    with shift.db.read() as s:
        assert s.get(Stock, stock_id).reserved == reserved - 1
        assert not s.scalars(select(PickLine).where(PickLine.order_id == o4.id)).all()
        assert not s.scalars(select(Reservation).where(Reservation.order_id == o4.id)).all()
        # o5's picked line keeps the bulk task alive.
        assert s.get(PickTask, shift.tasks["bulk"]) is not None
    ev = events(shift.db, "order.cancelled")[-1]
    assert ev.user_id == shift.users["王芳"] and ev.payload["reason"] == "buyer asked by phone"
    assert ev.payload["from"] == "waved"
    assert events(shift.db, "order.stock_released")[-1].payload["units"] == 1
    assert "interception" not in {
        r.kind for r in exceptions(shift.db, now=NOW) if r.order_no == "o4"
    }

    cancel_order(shift.db, shift.actor(), shift.orders["h1"], "fraud")
    assert one(shift.db, Order, shift.orders["h1"]).status == "cancelled"


def test_cancel_after_picking_started_is_an_interception(shift: Seeded) -> None:
    with shift.db.read() as s:
        reserved = s.scalar(
            select(func.sum(Reservation.qty)).where(Reservation.order_id == shift.orders["o2"])
        )
    done = cancel_order(shift.db, shift.actor(), shift.orders["o2"], "platform refund")
    assert done.detail("intercepted") is True
    o2 = one(shift.db, Order, shift.orders["o2"])
    assert (
        o2.status == "cancelled"
        and "platform refund" in o2.interception
        and "王芳" in o2.interception
    )
    with shift.db.read() as s:  # the goods are in a tote: nothing is given back yet
        assert (
            s.scalar(select(func.sum(Reservation.qty)).where(Reservation.order_id == o2.id))
            == reserved
        )
    assert events(shift.db, "order.intercepted")[-1].payload["reason"] == "platform refund"
    rows = [r for r in exceptions(shift.db, now=NOW) if r.kind == "interception"]
    assert sorted(r.order_no for r in rows) == ["o2", "o6"]
    # o3 was only waved, but its cart is in 李伟's hands: intercept it too.
    assert (
        cancel_order(shift.db, shift.actor(), shift.orders["o3"], "out of stock").detail(
            "intercepted"
        )
        is True
    )
    refused("not_cancellable", cancel_order, shift.db, shift.actor(), shift.orders["o2"], "again")
    refused("not_found", cancel_order, shift.db, shift.actor(), 9999, "x")


def test_resolve_interception(shift: Seeded) -> None:
    resolve_interception(shift.db, shift.actor(), shift.orders["o6"], "goods back on the shelf")
    ev = events(shift.db, "order.interception_resolved")[-1]
    assert ev.user_id == shift.users["王芳"] and ev.payload["reason"] == "goods back on the shelf"
    assert "interception" not in kinds(shift)


def test_an_interception_the_packer_confirmed_is_done(shift: Seeded) -> None:
    with shift.db.unit_of_work() as s:  # what packing.confirm_interception writes
        s.add(
            Event(
                entity="order",
                entity_id=str(shift.orders["o6"]),
                kind="pack.intercepted",
                user_id=shift.users["陈静"],
                payload={"order_no": "o6", "code": "changed"},
            )
        )
    assert "interception" not in kinds(shift)
    refused(
        "no_interception", resolve_interception, shift.db, shift.actor(), shift.orders["o3"], "x"
    )


def test_approve_override_is_a_recorded_approval(shift: Seeded) -> None:
    mismatch = events(shift.db, "pack.weight_mismatch")[-1]
    approve_override(
        shift.db, shift.actor("王芳", "PACK-01"), shift.orders["o1"], "gift box is heavy"
    )
    ev = events(shift.db, "pack.override_approved")[-1]
    assert ev.entity_id == str(shift.orders["o1"]) and ev.user_id == shift.users["王芳"]
    assert (
        ev.payload["reason"] == "gift box is heavy" and ev.payload["mismatch_event"] == mismatch.id
    )
    assert ev.payload["measured_g"] == 900 and ev.payload["approver_id"] == shift.users["王芳"]
    assert (
        one(shift.db, Order, shift.orders["o1"]).status == "picked"
    )  # the packer still finishes it
    assert "weight_mismatch" not in kinds(shift)
    refused(
        "no_weight_mismatch", approve_override, shift.db, shift.actor(), shift.orders["o1"], "again"
    )
    refused(
        "no_weight_mismatch", approve_override, shift.db, shift.actor(), shift.orders["o3"], "x"
    )


def test_retry_print_queues_the_job_again(shift: Seeded) -> None:
    before = one(shift.db, PrintJob, shift.job)
    retry_print(shift.db, shift.actor(), shift.job)
    job = one(shift.db, PrintJob, shift.job)
    assert (
        job.status == "queued" and job.next_try_at is not None and job.version == before.version + 1
    )
    ev = events(shift.db, "print.retry_requested")[-1]
    assert ev.user_id == shift.users["王芳"] and ev.payload["last_error"] == "connection refused"
    assert ev.payload["reason"] == "retry"
    assert "print_failed" not in kinds(shift)
    refused("job_not_failed", retry_print, shift.db, shift.actor(), shift.job)


def test_pause_and_resume_a_wave(shift: Seeded) -> None:
    pause_wave(shift.db, shift.actor(), shift.waves["multi"], "aisle 1 blocked")
    assert one(shift.db, Wave, shift.waves["multi"]).status == "paused"
    ev = events(shift.db, "wave.paused")[-1]
    assert (ev.user_id, ev.payload["reason"], ev.payload["was"]) == (
        shift.users["王芳"],
        "aisle 1 blocked",
        "released",
    )
    refused("wave_status", pause_wave, shift.db, shift.actor(), shift.waves["multi"], "again")
    resume_wave(shift.db, shift.actor(), shift.waves["multi"], "aisle clear")
    # Its cart is claimed: the wave is being picked.
    assert one(shift.db, Wave, shift.waves["multi"]).status == "picking"
    assert events(shift.db, "wave.resumed")[-1].payload["reason"] == "aisle clear"
    refused("wave_status", resume_wave, shift.db, shift.actor(), shift.waves["multi"], "again")


def _new_wave(shift: Seeded) -> tuple[int, list[int], list[int]]:
    """Three more two-unit orders, one cart each: a wave nobody has started."""
    import_allocate(shift.db, *(order(f"n{i}", ("SKU-A", 1), ("SKU-B", 1)) for i in range(3)))
    result = build_waves_now(shift.db, shift.actor(), replace(OPTIONS, cart_totes=1))
    assert len(result.waves) == 1 and len(result.waves[0].tasks) == 3
    wave_id = result.waves[0].id
    assert wave_id is not None
    with shift.db.read() as s:
        tasks = list(
            s.scalars(select(PickTask.id).where(PickTask.wave_id == wave_id).order_by(PickTask.seq))
        )
        orders = list(
            s.scalars(select(Order.id).where(Order.wave_id == wave_id).order_by(Order.id))
        )
    return wave_id, tasks, orders


def test_cancel_wave_takes_back_unstarted_tasks_only(shift: Seeded) -> None:
    wave_id, tasks, orders = _new_wave(shift)
    with shift.db.read() as s:
        reserved = s.scalar(
            select(func.sum(Reservation.qty)).where(Reservation.order_id.in_(orders))
        )
    with shift.db.unit_of_work() as s:  # 李伟 takes the first cart
        s.execute(
            update(PickTask)
            .where(PickTask.id == tasks[0])
            .values(status="claimed", claimed_by=shift.users["李伟"], claimed_at=NOW)
        )
    done = cancel_wave(shift.db, shift.actor(), wave_id, "carrier cancelled the pick-up")
    assert (
        done.detail("tasks_removed"),
        done.detail("tasks_kept"),
        done.detail("orders_returned"),
    ) == (2, 1, 2)
    with shift.db.read() as s:
        assert list(s.scalars(select(PickTask.id).where(PickTask.wave_id == wave_id))) == [tasks[0]]
        assert not s.scalars(select(TaskSlot).where(TaskSlot.pick_task_id.in_(tasks[1:]))).all()
        assert not s.scalars(select(PickLine).where(PickLine.pick_task_id.in_(tasks[1:]))).all()
        st = dict(s.execute(select(Order.id, Order.status)).all())
        waves = dict(s.execute(select(Order.id, Order.wave_id)).all())
        # The reservations stay: the stock is still promised to the orders.
        assert (
            s.scalar(select(func.sum(Reservation.qty)).where(Reservation.order_id.in_(orders)))
            == reserved
        )
        assert s.get(Wave, wave_id).status == "released"
    kept = [o for o in orders if st[o] == "waved"]
    assert len(kept) == 1 and waves[kept[0]] == wave_id
    assert all(st[o] == "allocated" and waves[o] is None for o in orders if o not in kept)
    back = [e for e in events(shift.db, "order.allocated") if e.payload.get("wave")]
    assert len(back) == 2 and all(e.user_id == shift.users["王芳"] for e in back)
    assert back[0].payload["reason"] == "carrier cancelled the pick-up"
    ev = events(shift.db, "wave.cancelled")[-1]
    assert ev.payload["complete"] is False and ev.payload["tasks_kept"] == 1

    # Once the cart is handed back untouched, the rest goes too and the wave is cancelled.
    release_task(shift.db, shift.actor(), tasks[0], "not needed")
    assert cancel_wave(shift.db, shift.actor(), wave_id, "really").detail("tasks_removed") == 1
    assert one(shift.db, Wave, wave_id).status == "cancelled"
    refused("wave_status", cancel_wave, shift.db, shift.actor(), wave_id, "again")
    # The orders are ready for the next wave.
    again = build_waves_now(shift.db, shift.actor(), OPTIONS)
    assert sum(w.orders for w in again.waves) == 3


def test_cancel_a_wave_being_picked_keeps_it(shift: Seeded) -> None:
    done = cancel_wave(shift.db, shift.actor(), shift.waves["multi"], "carrier late")
    assert (done.detail("tasks_removed"), done.detail("tasks_kept")) == (0, 1)
    assert one(shift.db, Wave, shift.waves["multi"]).status == "released"
    refused("not_found", cancel_wave, shift.db, shift.actor(), 9999, "x")


def _pickers(shift: Seeded, wave_id: int, n: int) -> tuple[list[Actor], int]:
    """``n`` pick stations with 李伟 at each, free totes in the wave's warehouse, and
    unit barcodes a scanner reads (floorplan's carry no valid check digit)."""
    with shift.db.unit_of_work() as s:
        for k, sku in enumerate(SKUS, start=1):
            pid = s.scalar(select(Product.id).where(Product.sku == sku))
            s.execute(
                update(ProductBarcode)
                .where(ProductBarcode.product_id == pid)
                .values(barcode=ean(8, k))
            )
        hz = s.scalar(select(Wave.warehouse_id).where(Wave.id == wave_id))
        stations = [Station(name=f"HZ1-PICK-9{k}", kind="pick", warehouse_id=hz) for k in range(n)]
        s.add_all(stations)
        s.add_all(Tote(code=f"T-9{k:03d}", warehouse_id=hz) for k in range(2 * n))
        s.flush()
        return [Actor(shift.users["李伟"], st.id) for st in stations], hz


def _finish_task(shift: Seeded, who: Actor, task_id: int, hz: int) -> None:
    view = pick(shift.db, who, claim_task(shift.db, who, task_id), hz)
    assert view.status == "done"


def test_a_paused_wave_closes_when_its_last_claimed_task_is_finished(shift: Seeded) -> None:
    wave_id, tasks, _ = _new_wave(shift)
    pickers, hz = _pickers(shift, wave_id, len(tasks))
    views = [claim_task(shift.db, who, t) for who, t in zip(pickers, tasks, strict=True)]
    pause_wave(shift.db, shift.actor(), wave_id, "aisle 1 blocked")
    for who, view in zip(pickers, views, strict=True):  # claimed tasks are finished
        assert pick(shift.db, who, view, hz).status == "done"
    assert one(shift.db, Wave, wave_id).status == "picked"
    assert [e.entity_id for e in events(shift.db, "wave.picked")] == [str(wave_id)]
    refused("wave_status", resume_wave, shift.db, shift.actor(), wave_id, "nothing left to resume")


def test_a_wave_cancelled_after_its_last_started_task_finished_is_picked(shift: Seeded) -> None:
    wave_id, tasks, orders = _new_wave(shift)
    pickers, hz = _pickers(shift, wave_id, 1)
    _finish_task(shift, pickers[0], tasks[0], hz)  # two tasks are left open: the wave goes on
    assert one(shift.db, Wave, wave_id).status == "picking"
    done = cancel_wave(shift.db, shift.actor(), wave_id, "carrier cancelled the pick-up")
    assert (done.detail("tasks_removed"), done.detail("tasks_kept")) == (2, 1)
    # What is left of the wave is all picked: nobody else would close it.
    assert one(shift.db, Wave, wave_id).status == "picked"
    assert [
        e.kind
        for e in events(shift.db, "wave.cancelled") + events(shift.db, "wave.picked")
        if e.entity_id == str(wave_id)
    ] == ["wave.cancelled", "wave.picked"]
    with shift.db.read() as s:
        assert dict(
            s.execute(select(Order.id, Order.status).where(Order.id.in_(orders))).all()
        ) == {orders[0]: "picked", orders[1]: "allocated", orders[2]: "allocated"}


def test_build_preview_writes_nothing_and_build_now_names_the_supervisor(shift: Seeded) -> None:
    import_allocate(shift.db, order("p1", ("SKU-A", 1), ("SKU-C", 1)), order("p2", ("SKU-B", 1)))
    with shift.db.read() as s:
        waves_before = s.scalar(select(func.count()).select_from(Wave))
    plan = build_waves_preview(shift.db, OPTIONS)
    assert plan.dry_run and sum(w.orders for w in plan.waves) == 2
    assert {no for w in plan.as_json()["waves"] for b in w["batches"] for no in b["orders"]} == {
        "p1",
        "p2",
    }
    with shift.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Wave)) == waves_before
    refused("not_supervisor", build_waves_now, shift.db, shift.actor("李伟"), OPTIONS)
    built = build_waves_now(shift.db, shift.actor(), OPTIONS)
    assert not built.dry_run and sum(w.orders for w in built.waves) == 2
    with shift.db.read() as s:
        assert {
            w.created_by
            for w in s.scalars(select(Wave).where(Wave.id.in_([w.id for w in built.waves])))
        } == {shift.users["王芳"]}
    released = events(shift.db, "wave.released")
    assert released[-1].user_id == shift.users["王芳"]


def test_reason_too_long(shift: Seeded) -> None:
    refused(
        "reason_too_long", release_task, shift.db, shift.actor(), shift.tasks["cart"], "x" * 501
    )
