"""Picking on SQLite and PostgreSQL: claim, walk location → item → tote, refusals,
replays, resume after a crash, short picks, bulk lists."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from floorplan import SKUS, Floor, build_floor, ean, order, scannable_barcodes, two_stations
from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import (
    Event,
    Order,
    OrderHold,
    PickLine,
    PickTask,
    Reservation,
    ScanRecord,
    TaskSlot,
    Tote,
    Wave,
)
from app.domain.floor_errors import FloorError
from app.domain.scan import Scan, classify
from app.services.allocation import allocate_orders
from app.services.audit import Actor
from app.services.intake.apply import import_orders
from app.services.picking import TaskView
from app.services.picking.claim import (
    claim_next_task,
    claim_task,
    current_task,
    list_open_tasks,
    release_task,
    scan,
    short_pick,
    wave_progress,
)
from app.services.review import review_orders
from app.services.waves import WaveOptions, build_waves

TODAY = date.today() + timedelta(days=2)
SERIES = 0  # this floor's barcodes: 6920…
CASE_PACK = 4  # SKU-B comes in cases of 4


def unit_barcode(i: int) -> str:
    return ean(SERIES, i)


def case_barcode(i: int) -> str:
    return ean(SERIES, i, case=True)


@dataclass
class PickFloor:
    floor: Floor
    db: Database
    here: Actor  # 张敏 at HZ1-PICK-01
    there: Actor  # 李娜 at HZ1-PICK-02
    cart_task: int
    bulk_task: int
    multi_wave: int
    single_wave: int
    totes: list[str]

    def unit(self, sku: str) -> str:
        return unit_barcode(SKUS.index(sku) + 1)


@pytest.fixture
def pf(db: Database) -> PickFloor:
    return build_pick_floor(db, "pick_and_sort")


@pytest.fixture
def wall_pf(db: Database) -> PickFloor:
    return build_pick_floor(db, "pick_then_sort")


def build_pick_floor(db: Database, sort_mode: str) -> PickFloor:
    floor = build_floor(
        db,
        {
            ("HZ1", "SKU-A"): [10, 6],
            ("HZ1", "SKU-B"): [8],
            ("HZ1", "SKU-C"): [4],
            ("HZ1", "SKU-D"): [30],
        },
    )
    with db.unit_of_work() as s:
        scannable_barcodes(s, floor, SERIES, "SKU-B", CASE_PACK)
        here, there = two_stations(s, floor, "pick", "picker", ("U-0001", "U-0002"))
        totes = [f"T-{n:04d}" for n in range(1, 9)]
        s.add_all(Tote(code=c, warehouse_id=floor.hz) for c in totes)
        s.add(Tote(code="T-0099", warehouse_id=floor.hz, status="packing"))
        s.add(Tote(code="T-0500", warehouse_id=floor.gz))
    import_orders(
        db,
        [
            order("m1", ("SKU-A", 2), ("SKU-B", 1)),
            order("m2", ("SKU-A", 1), ("SKU-C", 2)),
            order("m3", ("SKU-B", 6)),
            order("s1", ("SKU-D", 1)),
            order("s2", ("SKU-D", 1)),
            order("s3", ("SKU-D", 1)),
        ],
    )
    assert review_orders(db).held == 0
    assert allocate_orders(db).allocated == 6
    result = build_waves(db, WaveOptions("HZ1", cart_totes=8, sort_mode=sort_mode, today=TODAY))
    kinds = {w.kind: w for w in result.waves}
    assert set(kinds) == {"single", "multi"} and all(len(w.tasks) == 1 for w in result.waves)
    with db.read() as s:
        task_of = dict(s.execute(select(PickTask.wave_id, PickTask.id)).all())
    return PickFloor(
        floor,
        db,
        here,
        there,
        cart_task=task_of[kinds["multi"].id],
        bulk_task=task_of[kinds["single"].id],
        multi_wave=kinds["multi"].id,
        single_wave=kinds["single"].id,
        totes=totes,
    )


def sid() -> str:
    return str(uuid.uuid4())


def do(pf: PickFloor, view: TaskView, text: str | Scan, qty: int = 1, actor: Actor | None = None):  # noqa: ANN201
    meaning = classify(text) if isinstance(text, str) else text
    return scan(
        pf.db, actor or pf.here, view.task_id, meaning, sid(), qty, task_version=view.task_version
    )


def statuses(db: Database, *numbers: str) -> dict[str, str]:
    with db.read() as s:
        return dict(
            s.execute(select(Order.order_no, Order.status).where(Order.order_no.in_(numbers))).all()
        )


def scan_rows(db: Database) -> list[tuple[str, str]]:
    with db.read() as s:
        return list(
            s.execute(select(ScanRecord.result, ScanRecord.reason).order_by(ScanRecord.at)).all()
        )


def walk(pf: PickFloor, view: TaskView, totes: dict[int, str] | None = None) -> TaskView:
    """Pick the rest of a task the right way, one unit per scan; returns the done view."""
    totes = totes if totes is not None else {}
    free = iter(t for t in pf.totes if t not in totes.values())
    for _ in range(200):
        if view.step == "done":
            return view
        line = view.line
        assert line is not None
        if view.step == "location":
            out = do(pf, view, line.location)
        elif view.step == "item":
            out = do(pf, view, pf.unit(line.sku))
        else:
            assert line.slot is not None
            code = line.tote_code or totes.get(line.slot) or next(free)
            totes[line.slot] = code
            out = do(pf, view, code)
        assert out.accepted, (out.code, out.message)
        view = out.view
    raise AssertionError("the task never finished")


# --------------------------------------------------------------------------- claiming


def test_claim_next_takes_the_oldest_task_and_resumes_it(pf: PickFloor) -> None:
    first = claim_next_task(pf.db, pf.here)
    assert first is not None
    assert first.task_id == pf.bulk_task  # the single-unit wave was written first
    assert first.status == "claimed" and first.step == "location" and first.kind == "bulk"
    again = claim_next_task(pf.db, pf.here)
    assert (
        again is not None
        and again.task_id == first.task_id
        and again.task_version == first.task_version
    )
    second = claim_next_task(pf.db, pf.there, warehouse_id=pf.floor.hz)
    assert second is not None and second.task_id == pf.cart_task
    assert claim_next_task(pf.db, Actor(None, None), warehouse_id=pf.floor.hz) is None
    assert claim_next_task(pf.db, Actor(None, None), warehouse_id=pf.floor.gz) is None
    with pf.db.read() as s:
        task = s.get(PickTask, pf.cart_task)
        assert (task.status, task.claimed_by, task.claimed_station_id) == (
            "claimed",
            pf.there.user_id,
            pf.there.station_id,
        )
        assert task.claimed_at is not None and task.touched_at is not None and task.version == 2
        assert s.get(Wave, pf.multi_wave).status == "picking"
        assert (
            s.scalar(select(func.count()).select_from(Event).where(Event.kind == "task.claimed"))
            == 2
        )
    assert statuses(pf.db, "m1", "m2", "m3", "s1") == dict.fromkeys(
        ["m1", "m2", "m3", "s1"], "picking"
    )
    assert list_open_tasks(pf.db, pf.floor.hz) == []


def test_claim_task_refuses_a_task_held_elsewhere_naming_who(pf: PickFloor) -> None:
    [cart] = [t for t in list_open_tasks(pf.db, pf.floor.hz) if t.kind == "cart"]
    assert (cart.orders, cart.units) == (3, 12)
    view = claim_task(pf.db, pf.there, cart.task_id)
    with pytest.raises(FloorError) as err:
        claim_task(pf.db, pf.here, cart.task_id)
    assert err.value.code == "task_taken"
    assert str(err.value) == f"task {view.label} is being picked at HZ1-PICK-02 by 李娜"
    assert err.value.params == {"task": view.label, "station": "HZ1-PICK-02", "user": "李娜"}
    # Holding one task, a station cannot take a second.
    with pytest.raises(FloorError) as err:
        claim_task(pf.db, pf.there, pf.bulk_task)
    assert err.value.code == "holding_other"
    with pytest.raises(FloorError) as err:
        claim_task(pf.db, pf.here, 999_999)
    assert err.value.code == "no_task"


def test_release_keeps_progress_for_the_next_station(pf: PickFloor) -> None:
    view = claim_task(pf.db, pf.here, pf.cart_task)
    view = do(pf, view, view.line.location).view
    assert view.step == "item"
    released = release_task(pf.db, pf.here, pf.cart_task)
    assert released.status == "open" and released.step == "item"
    assert current_task(pf.db, pf.here) is None
    with pytest.raises(FloorError) as err:
        do(pf, view, pf.unit(view.line.sku))
    assert err.value.code == "not_claimed"
    other = claim_task(pf.db, pf.there, pf.cart_task)
    assert other.step == "item" and other.line == view.line
    # The first station still has the old version: its scan is refused, nothing written.
    with pytest.raises(FloorError) as err:
        do(pf, view, pf.unit(view.line.sku))
    assert err.value.code == "task_taken" and "HZ1-PICK-02" in str(err.value)
    assert do(pf, other, pf.unit(other.line.sku), actor=pf.there).accepted
    with pytest.raises(FloorError) as err:  # the view it scanned from is one step behind now
        do(pf, other, pf.unit(other.line.sku), actor=pf.there)
    assert err.value.code == "stale"
    with pf.db.read() as s:
        assert (
            s.scalar(select(func.count()).select_from(Event).where(Event.kind == "task.released"))
            == 1
        )


# --------------------------------------------------------------------------- the walk


def test_full_walk_of_a_pick_and_sort_cart(pf: PickFloor) -> None:
    view = claim_task(pf.db, pf.here, pf.cart_task)
    assert (view.kind, view.sort_mode, view.step) == ("cart", "pick_and_sort", "location")
    assert view.progress.lines_total == 5 and view.progress.units_total == 12
    assert view.wave_progress == view.progress  # one task in the wave
    assert view.line is not None and view.line.seq == 1 and view.line.tote_code is None
    assert view.line.location.startswith("HZ1-A01-") and view.line.name_zh.startswith("商品")
    totes: dict[int, str] = {}
    seen_steps = set()
    while view.step != "done":
        seen_steps.add(view.step)
        view = walk_one(pf, view, totes)
    assert seen_steps == {"location", "item", "tote"}
    assert view.line is None and view.next_location is None and view.status == "done"
    assert (
        view.progress.lines_done == 5
        and view.progress.units_done == 12 == view.progress.units_total
    )
    assert statuses(pf.db, "m1", "m2", "m3") == dict.fromkeys(["m1", "m2", "m3"], "picked")
    with pf.db.read() as s:
        assert s.get(PickTask, pf.cart_task).status == "done"
        assert s.get(Wave, pf.multi_wave).status == "picked"
        assert s.get(Wave, pf.single_wave).status == "released"
        slots = dict(
            s.execute(
                select(TaskSlot.order_id, TaskSlot.tote_id).where(
                    TaskSlot.pick_task_id == pf.cart_task
                )
            ).all()
        )
        for order_id, tote_id in slots.items():
            tote = s.get(Tote, tote_id)
            assert (tote.status, tote.order_id, tote.pick_task_id) == (
                "picked",
                order_id,
                pf.cart_task,
            )
        assert len(set(slots.values())) == 3
        lines = list(s.scalars(select(PickLine).where(PickLine.pick_task_id == pf.cart_task)))
        assert all(
            ln.status == "picked" and ln.picked_qty == ln.qty and ln.picked_by == pf.here.user_id
            for ln in lines
        )
        kinds = list(s.scalars(select(Event.kind).where(Event.entity == "pick_task")))
        # Five lines at three bins (A, B, C): the same bin twice in a row needs one scan.
        assert kinds.count("pick.location") == 3 and kinds.count("pick.put") == 5
        assert kinds.count("pick.item") == 12 and kinds.count("task.done") == 1
        assert (
            s.scalar(select(func.count()).select_from(Event).where(Event.kind == "order.picked"))
            == 3
        )
        assert (
            s.scalar(select(func.count()).select_from(ScanRecord).where(ScanRecord.result == "ok"))
            == 3 + 12 + 5
        )
    assert current_task(pf.db, pf.here) is None
    progress = wave_progress(pf.db, pf.multi_wave)
    assert (progress.status, progress.tasks_done, progress.tasks_total) == ("picked", 1, 1)


def walk_one(pf: PickFloor, view: TaskView, totes: dict[int, str]) -> TaskView:
    line = view.line
    if view.step == "location":
        out = do(pf, view, line.location.lower())  # a scanner with Caps Lock on
        assert out.code == "location_ok"
    elif view.step == "item":
        out = do(pf, view, pf.unit(line.sku))
        assert out.code == "item_ok" and out.view.line.picked_qty == line.picked_qty + 1
    else:
        code = totes.setdefault(line.slot, line.tote_code or pf.totes[len(totes)])
        out = do(pf, view, code)
        assert out.code in ("line_done", "task_done")
    assert out.accepted and out.view.task_version == view.task_version + 1
    return out.view


def test_wrong_scans_are_refused_and_count_nothing(pf: PickFloor) -> None:
    view = claim_task(pf.db, pf.here, pf.cart_task)
    line = view.line
    other_location = next(
        t for t in ("HZ1-A01-01-1", "HZ1-A01-02-1", "HZ1-A01-03-1") if t != line.location
    )

    def refused(text: str | Scan, code: str, qty: int = 1) -> None:
        before = len(scan_rows(pf.db))
        out = do(pf, view, text, qty)
        assert (out.accepted, out.code) == (False, code), out.message
        assert out.view == view, "a refused scan must not change the task"
        rows = scan_rows(pf.db)
        assert len(rows) == before + 1 and rows[-1] == ("refused", code)

    refused(other_location, "wrong_location")
    refused(pf.unit(line.sku), "expect_location")
    refused("garbage-\x07", "unreadable")
    refused("6920000000990", "unreadable")  # bad check digit
    view = do(pf, view, line.location).view
    other_sku = "SKU-C" if line.sku != "SKU-C" else "SKU-A"
    refused(pf.unit(other_sku), "wrong_product")
    refused(unit_barcode(77), "unknown_barcode")
    refused(pf.unit(line.sku), "over_quantity", qty=line.qty + 1)
    refused(pf.unit(line.sku), "bad_qty", qty=0)
    refused("T-0001", "expect_item")
    assert do(pf, view, line.location).code == "location_ok"  # standing at the bin: harmless
    for _ in range(line.qty):
        view = do(pf, view, pf.unit(line.sku)).view
    assert view.step == "tote"
    refused(pf.unit(line.sku), "expect_tote")
    refused("T-4242", "unknown_tote")
    refused("T-0099", "tote_busy")
    refused("T-0500", "tote_elsewhere")
    slot_tote = {view.line.slot: "T-0003"}
    view = do(pf, view, "T-0003").view
    # Walk on until a line goes into a slot that already has its tote.
    while view.step != "done" and not (view.step == "tote" and view.line.tote_code):
        view = walk_one(pf, view, slot_tote)
    assert view.step == "tote", "m1 and m2 have two lines each"
    refused("T-0007", "wrong_tote")
    with pf.db.read() as s:
        assert s.scalar(select(Tote.status).where(Tote.code == "T-0007")) == "free"
        assert s.scalar(select(Tote.status).where(Tote.code == "T-0099")) == "packing"
        assert s.get(PickTask, pf.cart_task).touched_at is not None
    view = walk(pf, view, slot_tote)
    assert view.progress.units_done == 12


def test_a_carton_barcode_is_refused_at_every_step_like_any_wrong_kind(pf: PickFloor) -> None:
    """A carton sheet's code (BOX-M) belongs to the pack bench: at picking it is refused
    with the step's own code, counts nothing, and the scan record keeps what was scanned."""
    view = claim_task(pf.db, pf.here, pf.cart_task)
    line = view.line
    seen: list[str] = []
    for step in ("location", "item", "tote"):
        while view.step != step:
            view = walk_one(pf, view, {})
        out = do(pf, view, "BOX-M")
        assert (out.accepted, out.code) == (False, f"expect_{step}"), out.message
        assert out.view == view, "a refused scan must not change the task"
        with pf.db.read() as s:
            rec = s.execute(
                select(ScanRecord.code, ScanRecord.result, ScanRecord.qty)
                .order_by(ScanRecord.at.desc())
                .limit(1)
            ).one()
        assert tuple(rec) == ("BOX-M", "refused", 0)
        seen.append(out.message)
    assert seen[0] == f"scan the location {line.location} first"


def test_case_barcode_counts_its_pack_and_gs1_counts_by_gtin(pf: PickFloor) -> None:
    view = claim_task(pf.db, pf.here, pf.cart_task)
    totes: dict[int, str] = {}
    while not (view.line.sku == "SKU-B" and view.line.qty == 6):
        view = walk_one(pf, view, totes)
    view = do(pf, view, view.line.location).view
    out = do(pf, view, case_barcode(2))
    assert out.accepted and out.view.line.picked_qty == CASE_PACK
    view = out.view
    out = do(pf, view, case_barcode(2))
    assert (out.accepted, out.code, out.message) == (
        False,
        "over_quantity",
        "case of 4, only 2 left to pick",
    )
    assert out.params["pack"] == 4 and out.params["left"] == 2
    out = do(pf, view, f"(01)0{pf.unit('SKU-B')}", qty=2)  # GS1 with the unit's GTIN-14
    assert out.accepted and out.view.step == "tote" and out.view.line.picked_qty == 6
    with pf.db.read() as s:
        counted = list(
            s.scalars(
                select(ScanRecord.qty).where(ScanRecord.reason == "item_ok").order_by(ScanRecord.at)
            )
        )
    assert counted[-2:] == [4, 2]


def test_a_replayed_scan_id_is_a_no_op(pf: PickFloor) -> None:
    view = claim_task(pf.db, pf.here, pf.cart_task)
    loc_id, item_id = sid(), sid()
    first = scan(
        pf.db,
        pf.here,
        view.task_id,
        classify(view.line.location),
        loc_id,
        task_version=view.task_version,
    )
    again = scan(
        pf.db,
        pf.here,
        view.task_id,
        classify(view.line.location),
        loc_id,
        task_version=view.task_version,
    )
    assert (
        again.replayed
        and again.accepted
        and again.code == "location_ok"
        and again.view == first.view
    )
    view = first.view
    one = scan(pf.db, pf.here, view.task_id, classify(pf.unit(view.line.sku)), item_id)
    two = scan(pf.db, pf.here, view.task_id, classify(pf.unit(view.line.sku)), item_id)
    assert two.replayed and two.view.line.picked_qty == one.view.line.picked_qty == 1
    # A refused scan replays as refused, and it still counts nothing.
    bad = sid()
    r1 = scan(pf.db, pf.here, view.task_id, classify("T-0001"), bad)
    r2 = scan(pf.db, pf.here, view.task_id, classify("T-0001"), bad)
    assert (r1.accepted, r2.accepted, r2.replayed, r2.code) == (False, False, True, "expect_item")
    with pf.db.read() as s:
        assert s.scalar(select(func.count()).select_from(ScanRecord)) == 3
        assert (
            s.scalar(select(func.count()).select_from(Event).where(Event.kind.like("pick.%"))) == 2
        )
    with pytest.raises(FloorError) as err:
        scan(pf.db, pf.here, view.task_id, classify("T-0001"), "x" * 37)
    assert err.value.code == "bad_scan_id"


def test_resume_after_a_crash_at_the_exact_step(pf: PickFloor) -> None:
    view = claim_task(pf.db, pf.here, pf.cart_task)
    totes: dict[int, str] = {}
    while not (view.step == "item" and view.line.qty >= 2 and view.line.picked_qty == 1):
        view = walk_one(pf, view, totes)
    pf.db.dispose()  # the station's process is gone; a new one starts
    fresh = Database(pf.db.url)
    try:
        resumed = current_task(fresh, pf.here)
        assert resumed == view
        assert claim_next_task(fresh, pf.here) == view
        assert current_task(fresh, pf.there) is None
        # Tote step survives too.
        for _ in range(view.line.qty - 1):
            view = do(pf, view, pf.unit(view.line.sku)).view
        assert view.step == "tote"
        assert current_task(Database(pf.db.url), pf.here).step == "tote"
    finally:
        fresh.dispose()


# --------------------------------------------------------------------------- short picks


def test_short_pick_reroutes_to_another_bin(pf: PickFloor) -> None:
    view = claim_task(pf.db, pf.here, pf.cart_task)
    totes: dict[int, str] = {}
    while not (view.line.sku == "SKU-A" and view.line.qty == 2):
        view = walk_one(pf, view, totes)
    line = view.line
    bin1, bin2 = pf.floor.stock("HZ1", "SKU-A", 1), pf.floor.stock("HZ1", "SKU-A", 2)
    assert (bin1.on_hand, bin1.reserved, bin2.reserved) == (10, 3, 0)
    short_id = sid()
    out = short_pick(
        pf.db,
        pf.here,
        view.task_id,
        line.line_id,
        "missing",
        1,
        short_id,
        task_version=view.task_version,
    )
    assert (out.code, out.short_qty, out.found_qty, out.held) == ("rerouted", 1, 1, False)
    replay = short_pick(pf.db, pf.here, view.task_id, line.line_id, "missing", 1, short_id)
    assert replay.replayed and replay.view == out.view  # no second write-off, no second new line
    assert out.rerouted_to is not None and out.rerouted_to != line.location
    assert (
        out.view.step == "tote" and out.view.line.line_id == line.line_id
    )  # the found unit goes in first
    assert out.view.progress.units_total == 12 and out.view.progress.lines_total == 6
    assert (
        pf.floor.stock("HZ1", "SKU-A", 1).on_hand,
        pf.floor.stock("HZ1", "SKU-A", 1).reserved,
    ) == (9, 2)
    assert pf.floor.stock("HZ1", "SKU-A", 2).reserved == 1
    with pf.db.read() as s:
        short, new = s.scalars(
            select(PickLine)
            .where(
                PickLine.order_id
                == s.scalar(select(PickLine.order_id).where(PickLine.id == line.line_id))
            )
            .where(PickLine.product_id == pf.floor.products["SKU-A"])
            .order_by(PickLine.seq)
        ).all()
        assert (short.status, short.short_reason, short.picked_qty) == ("short", "missing", 1)
        assert (new.status, new.qty, new.slot, new.seq) == ("open", 1, short.slot, 6)
        assert s.get(Reservation, short.reservation_id).qty == 1
        assert s.get(Reservation, new.reservation_id).stock_id == pf.floor.bins[("HZ1", "SKU-A", 2)]
        event = s.scalar(select(Event.payload).where(Event.kind == "pick.short"))
        assert event["to"] == out.rerouted_to and event["qty"] == 1 and event["reason"] == "missing"
    done = walk(pf, out.view, totes)
    assert done.progress.units_done == 12 and done.progress.lines_done == 6
    assert statuses(pf.db, "m1", "m2", "m3") == dict.fromkeys(["m1", "m2", "m3"], "picked")


@pytest.mark.parametrize("found", [0, 1])
def test_short_pick_without_stock_holds_the_order(pf: PickFloor, found: int) -> None:
    view = claim_task(pf.db, pf.here, pf.cart_task)
    totes: dict[int, str] = {}
    while view.line.sku != "SKU-C":
        view = walk_one(pf, view, totes)
    view = do(pf, view, view.line.location).view
    out = short_pick(pf.db, pf.here, view.task_id, view.line.line_id, "damaged", found, sid())
    assert (out.code, out.held, out.rerouted_to, out.short_qty) == ("held", True, None, 2 - found)
    assert "m2" in out.message and out.params["order_no"] == "m2"
    bin_c = pf.floor.stock("HZ1", "SKU-C", 1)
    with pf.db.read() as s:
        hold = s.scalar(select(OrderHold).join(Order).where(Order.order_no == "m2"))
        assert hold.code == "short_pick" and hold.released_at is None and "SKU-C" in hold.detail
        res = s.scalar(
            select(Reservation).where(Reservation.product_id == pf.floor.products["SKU-C"])
        )
    if found:
        assert out.view.step == "tote"  # the one unit found goes into m2's tote
        assert (bin_c.on_hand, bin_c.reserved, res.qty) == (3, 1, 1)
    else:
        # Nothing taken and nowhere to move it: left for the supervisor's count.
        assert (bin_c.on_hand, bin_c.reserved, res.qty) == (4, 2, 2)
    done = walk(pf, out.view, totes)
    assert done.status == "done"
    assert statuses(pf.db, "m1", "m2", "m3") == {"m1": "picked", "m2": "picking", "m3": "picked"}
    with pf.db.read() as s:
        assert s.get(Wave, pf.multi_wave).status == "picked"


def test_short_pick_refuses_bad_input(pf: PickFloor) -> None:
    view = claim_task(pf.db, pf.here, pf.cart_task)
    line = view.line
    for reason, found, code in [
        ("lost", 0, "bad_reason"),
        ("missing", line.qty, "bad_found_qty"),
        ("missing", -1, "bad_found_qty"),
    ]:
        with pytest.raises(FloorError) as err:
            short_pick(pf.db, pf.here, view.task_id, line.line_id, reason, found, sid())
        assert err.value.code == code and str(err.value)
    with pytest.raises(FloorError) as err:
        short_pick(pf.db, pf.there, view.task_id, line.line_id, "missing", 0, sid())
    assert err.value.code == "task_taken"
    with pf.db.read() as s:
        assert s.scalar(select(func.count()).select_from(ScanRecord)) == 0
        assert (
            s.scalar(select(func.count()).select_from(PickLine).where(PickLine.status != "open"))
            == 0
        )


# --------------------------------------------------------------------------- bulk


def test_bulk_task_of_a_single_unit_wave(pf: PickFloor) -> None:
    view = claim_next_task(pf.db, pf.here)
    assert view is not None and view.task_id == pf.bulk_task
    assert (view.kind, view.sort_mode, view.progress.lines_total) == ("bulk", "bulk", 3)
    assert view.line.slot is None and view.line.sku == "SKU-D"
    view = do(pf, view, view.line.location).view
    out = do(pf, view, pf.unit("SKU-D"))
    assert out.code == "line_done" and out.view.step == "item"  # same bin: no second location scan
    out = do(pf, out.view, pf.unit("SKU-D"), qty=3)
    assert out.code == "over_quantity"
    out = do(pf, out.view, pf.unit("SKU-D"), qty=2)  # one entry fills the two lines left
    assert out.code == "task_done" and out.view.step == "done"
    assert statuses(pf.db, "s1", "s2", "s3") == dict.fromkeys(["s1", "s2", "s3"], "picked")
    with pf.db.read() as s:
        assert s.get(Wave, pf.single_wave).status == "picked"
        assert (
            s.scalar(select(func.count()).select_from(Tote).where(Tote.status != "free")) == 1
        )  # T-0099
    assert wave_progress(pf.db, pf.single_wave).progress.units_done == 3


def test_put_wall_task_has_no_tote_step(wall_pf: PickFloor) -> None:
    pf = wall_pf
    view = claim_task(pf.db, pf.here, pf.cart_task)
    assert (view.kind, view.sort_mode) == ("wall", "pick_then_sort") and view.line.slot is not None
    steps = set()
    while view.step != "done":
        steps.add(view.step)
        out = do(
            pf, view, view.line.location if view.step == "location" else pf.unit(view.line.sku)
        )
        assert out.accepted, out.message
        view = out.view
    assert steps == {"location", "item"}
    assert statuses(pf.db, "m1", "m2", "m3") == dict.fromkeys(["m1", "m2", "m3"], "picked")
    with pf.db.read() as s:
        assert (
            s.scalar(
                select(func.count()).select_from(TaskSlot).where(TaskSlot.tote_id.is_not(None))
            )
            == 0
        )
