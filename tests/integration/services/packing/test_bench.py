"""Packing on SQLite and PostgreSQL: open by tote, number or item; verify by scan;
carton, weight, override; one-transaction completion; interception; races; reprint, void."""

from __future__ import annotations

import threading
import uuid
from pathlib import Path

import pytest
from packfloor import CASE_PACK, PackFloor, build_pack_floor, case_barcode, unit_barcode
from sqlalchemy import func, select, update

from app.db.engine import Database
from app.db.models import (
    Event,
    Order,
    OrderHold,
    PrintJob,
    ScanRecord,
    Shipment,
    Tote,
    TrackingPool,
)
from app.domain.floor_errors import FloorError
from app.domain.scan import Carton, Scan, Tracking, classify
from app.domain.scan import Order as OrderScan
from app.services.audit import Actor
from app.services.packing import Override, PackView, check_weight
from app.services.packing.bench import (
    choose_carton,
    complete,
    confirm_interception,
    current_view,
    open_order,
    release_order,
    reprint,
    verify,
    void_and_regenerate,
)
from app.services.packing.cartons import suggest_carton
from app.services.printing import label_document

# m1 is 2 × SKU-A (100 g) + 1 × SKU-B (200 g); BOX-S weighs 60 g, BOX-M 120 g.
M1_ITEMS_G = 400


@pytest.fixture
def pf(db: Database, tmp_path: Path) -> PackFloor:
    return build_pack_floor(db, tmp_path / "labels")


def sid() -> str:
    return str(uuid.uuid4())


def scan(text: str) -> Scan:
    return classify(text)


def open_tote(pf: PackFloor, code: str = "T-0001", actor: Actor | None = None) -> PackView:
    return open_order(pf.db, actor or pf.here, scan(code), sid())


def check(pf: PackFloor, view: PackView, text: str, qty: int = 1, actor: Actor | None = None):  # noqa: ANN201
    return verify(pf.db, actor or pf.here, view.order_id, scan(text), sid(), qty)


def verified_m1(pf: PackFloor) -> PackView:
    view = open_tote(pf)
    assert check(pf, view, case_barcode("SKU-A")).accepted
    out = check(pf, view, unit_barcode("SKU-B"))
    assert out.accepted and out.view.complete
    return out.view


def finish(pf: PackFloor, view: PackView, weight_g: int | None, **kw: object):  # noqa: ANN201
    args: dict[str, object] = {
        "carton": None,
        "printer": pf.printer,
        "fmt": "zpl",
        "size": "100x150",
    }
    args.update(kw)
    return complete(pf.db, pf.here, view.order_id, weight_g=weight_g, **args)  # type: ignore[arg-type]


def events(db: Database, kind: str) -> list[dict]:
    with db.read() as s:
        return list(s.scalars(select(Event.payload).where(Event.kind == kind).order_by(Event.seq)))


def snapshot(pf: PackFloor, no: str) -> tuple:
    """Everything complete() may change, to show a refusal changed nothing."""
    with pf.db.read() as s:
        o = s.get(Order, pf.orders[no])
        return (
            o.status,
            o.pack_station_id,
            o.version,
            s.scalar(select(func.count()).select_from(Shipment)),
            s.scalar(select(func.count()).select_from(PrintJob)),
            tuple(s.scalars(select(TrackingPool.next_value).order_by(TrackingPool.id))),
            tuple(s.execute(select(Tote.code, Tote.status, Tote.order_id).order_by(Tote.code))),
        )


# --------------------------------------------------------------------------- the whole way


def test_full_pack_of_a_multi_line_order_with_a_case_barcode(pf: PackFloor) -> None:
    view = open_tote(pf)
    assert (view.order_no, view.status, view.tote_code, view.carrier) == (
        "m1",
        "picked",
        "T-0001",
        "ZTO",
    )
    assert [(ln.sku, ln.expected, ln.scanned) for ln in view.lines] == [
        ("SKU-A", 2, 0),
        ("SKU-B", 1, 0),
    ]
    assert (
        unit_barcode("SKU-A") in view.lines[0].barcodes
        and case_barcode("SKU-A") in view.lines[0].barcodes
    )
    assert not view.complete and not view.intercepted and view.station_id == pf.here.station_id
    assert view.suggested_carton == "BOX-S" and view.carton is None
    assert view.expected_weight_g == M1_ITEMS_G + 60

    out = check(pf, view, case_barcode("SKU-A"))  # a case of 2 counts 2
    assert (out.accepted, out.code, out.message) == (True, "ok", f"SKU-A {CASE_PACK}/2")
    out = check(pf, view, unit_barcode("SKU-B"))
    assert out.accepted and out.view.complete and [ln.scanned for ln in out.view.lines] == [2, 1]

    view = choose_carton(pf.db, pf.here, view.order_id, "box-m")
    assert view.carton == "BOX-M" and view.expected_weight_g == M1_ITEMS_G + 120

    result = finish(pf, view, weight_g=530)
    assert classify(result.tracking_no, prefer={"tracking"}) == Tracking(result.tracking_no, "ZTO")
    assert result.fmt == "zpl" and result.document.startswith(b"^XA")
    assert pf.status("m1") == "packed"
    with pf.db.read() as s:
        ship = s.get(Shipment, result.shipment_id)
        assert (
            ship.tracking_no,
            ship.status,
            ship.weight_g,
            ship.expected_weight_g,
            ship.carton,
        ) == (result.tracking_no, "created", 530, M1_ITEMS_G + 120, "BOX-M")
        assert (ship.station_id, ship.created_by, ship.carrier) == (
            pf.here.station_id,
            pf.here.user_id,
            "ZTO",
        )
        job = s.get(PrintJob, result.print_job_id)
        assert (job.document, job.status, job.kind, job.order_id, job.shipment_id, job.printer) == (
            result.document,
            "queued",
            "shipping",
            pf.orders["m1"],
            ship.id,
            pf.printer,
        )
        order = s.get(Order, pf.orders["m1"])
        assert (order.pack_station_id, order.pack_user_id, order.pack_started_at) == (
            None,
            None,
            None,
        )
        tote = s.scalar(select(Tote).where(Tote.code == "T-0001"))
        assert (tote.status, tote.order_id, tote.pick_task_id) == ("free", None, None)
        pool = s.get(TrackingPool, ship.pool_id)
        assert pool.carrier == "ZTO" and pool.next_value == pool.start_value + 1
    assert [e["to"] for e in events(pf.db, "order.packed")] == ["packed"]
    assert events(pf.db, "label.created")[0]["tracking_no"] == result.tracking_no
    assert events(pf.db, "pack.completed")[0]["carton"] == "BOX-M"
    after = current_view(pf.db, pf.here, view.order_id)
    assert after.status == "packed" and after.tracking_no == result.tracking_no


def test_a_wrong_item_is_refused_and_not_counted(pf: PackFloor) -> None:
    view = open_tote(pf)
    out = check(pf, view, unit_barcode("SKU-C"))
    assert (out.accepted, out.code, out.message) == (
        False,
        "not_in_order",
        "SKU-C 商品C is not in this order",
    )
    assert all(ln.scanned == 0 for ln in out.view.lines)
    out = check(pf, view, "6901234567892")  # a valid EAN nobody stocks
    assert (out.accepted, out.code) == (False, "unknown_barcode")
    out = check(pf, view, "HZ1-A01-01-1")
    assert (out.accepted, out.code) == (False, "not_a_product")
    with pf.db.read() as s:
        rows = s.execute(
            select(ScanRecord.result, ScanRecord.reason)
            .where(ScanRecord.order_id == view.order_id)
            .order_by(ScanRecord.at)
        ).all()
    assert rows == [
        ("ok", "open"),
        ("refused", "not_in_order"),
        ("refused", "unknown_barcode"),
        ("refused", "not_a_product"),
    ]


def test_an_extra_unit_is_refused(pf: PackFloor) -> None:
    view = open_tote(pf)
    assert check(pf, view, unit_barcode("SKU-A")).accepted
    out = check(pf, view, case_barcode("SKU-A"))  # 2 more would make 3 of 2
    assert (out.accepted, out.code, out.message) == (
        False,
        "too_many",
        "2 is more than the 1 of SKU-A still to scan",
    )
    assert check(pf, view, unit_barcode("SKU-A")).accepted
    out = check(pf, view, unit_barcode("SKU-A"))
    assert (out.accepted, out.code, out.message) == (
        False,
        "too_many",
        "all 2 of SKU-A already scanned",
    )
    assert out.view.lines[0].scanned == 2
    out = check(pf, view, unit_barcode("SKU-B"), qty=0)
    assert (out.accepted, out.code) == (False, "bad_qty")


def test_replaying_a_scan_id_changes_nothing(pf: PackFloor) -> None:
    view = open_tote(pf)
    scan_id = sid()
    first = verify(pf.db, pf.here, view.order_id, scan(unit_barcode("SKU-A")), scan_id)
    again = verify(pf.db, pf.here, view.order_id, scan(unit_barcode("SKU-A")), scan_id)
    assert first.accepted and (again.accepted, again.code) == (True, "replayed")
    assert again.view.lines[0].scanned == 1


def test_complete_refuses_an_order_not_fully_verified(pf: PackFloor) -> None:
    view = open_tote(pf)
    assert check(pf, view, unit_barcode("SKU-A")).accepted
    before = snapshot(pf, "m1")
    with pytest.raises(FloorError, match="2 unit\\(s\\) still to scan: SKU-A ×1, SKU-B ×1") as err:
        finish(pf, view, weight_g=460)
    assert err.value.code == "not_verified"
    assert snapshot(pf, "m1") == before


# --------------------------------------------------------------------------- weight


def test_check_weight_allows_the_share_or_the_minimum() -> None:
    assert check_weight(1000, 1090, 10.0, 50).ok
    assert check_weight(1000, 1101, 10.0, 50) == check_weight(1000, 1101, 10.0, 50)
    assert not check_weight(1000, 1101, 10.0, 50).ok
    got = check_weight(200, 260, 10.0, 50)
    assert (got.ok, got.diff_g, got.allowed_g) == (False, 60, 50)
    assert check_weight(200, 150, 10.0, 50).ok


def test_weight_within_tolerance_completes(pf: PackFloor) -> None:
    view = verified_m1(pf)
    result = finish(pf, view, weight_g=M1_ITEMS_G + 60 + 45)  # BOX-S suggested; ±50 g at least
    with pf.db.read() as s:
        assert s.get(Shipment, result.shipment_id).carton == "BOX-S"


def test_weight_mismatch_is_refused_and_a_supervisor_may_override(pf: PackFloor) -> None:
    view = verified_m1(pf)
    before = snapshot(pf, "m1")
    with pytest.raises(FloorError) as err:
        finish(pf, view, weight_g=900)
    assert err.value.code == "weight_mismatch"
    assert str(err.value) == (
        "the parcel weighs 0.900 kg but should weigh 0.460 kg ± 0.050 kg: "
        "check the items, weigh again or ask a supervisor"
    )
    assert err.value.params["diff_g"] == 440
    with pytest.raises(FloorError) as err:
        finish(pf, view, weight_g=900, override=Override(pf.here.user_id, "gift box added"))
    assert err.value.code == "not_supervisor" and "张敏 (U-0101) is a packer" in str(err.value)
    with pytest.raises(FloorError) as err:
        finish(pf, view, weight_g=900, override=Override(pf.supervisor_id, "  "))
    assert err.value.code == "reason_missing"
    assert snapshot(pf, "m1") == before
    assert events(pf.db, "pack.weight_override") == []

    finish(pf, view, weight_g=900, override=Override(pf.supervisor_id, "gift box added"))
    assert pf.status("m1") == "packed"
    (ev,) = events(pf.db, "pack.weight_override")
    assert (ev["supervisor"], ev["reason"], ev["measured_g"], ev["expected_g"]) == (
        "王芳",
        "gift box added",
        900,
        460,
    )


def test_a_zero_weight_is_refused(pf: PackFloor) -> None:
    view = verified_m1(pf)
    with pytest.raises(FloorError) as err:
        finish(pf, view, weight_g=0)
    assert err.value.code == "bad_weight"


# --------------------------------------------------------------------------- interception


def _cancel(pf: PackFloor, no: str) -> None:
    with pf.db.unit_of_work() as s:
        s.execute(
            update(Order)
            .where(Order.id == pf.orders[no])
            .values(
                status="cancelled",
                platform_cancelled=True,
                interception="buyer cancelled on Taobao",
                version=Order.version + 1,
            )
        )


def test_an_order_cancelled_after_pick_opens_intercepted(pf: PackFloor) -> None:
    _cancel(pf, "m1")
    view = open_tote(pf)
    assert view.intercepted and view.interception_code == "cancelled"
    assert view.interception_reason == "order m1 was cancelled: buyer cancelled on Taobao"
    assert view.interception_detail == "buyer cancelled on Taobao"
    assert "returns tote" in view.interception_action
    with pytest.raises(FloorError) as err:
        finish(pf, view, weight_g=460)
    assert err.value.code == "intercepted"
    confirm_interception(pf.db, pf.here, view.order_id)
    (ev,) = events(pf.db, "pack.intercepted")
    assert (ev["code"], ev["tote"], ev["units_scanned"]) == ("cancelled", "T-0001", 0)
    with pf.db.read() as s:
        tote = s.scalar(select(Tote).where(Tote.code == "T-0001"))
        assert (tote.status, tote.order_id) == ("free", None)
        assert s.get(Order, view.order_id).pack_station_id is None
    with pytest.raises(FloorError) as err:
        confirm_interception(pf.db, pf.here, pf.orders["m2"])
    assert err.value.code == "not_intercepted"


def test_an_open_hold_intercepts_too(pf: PackFloor) -> None:
    with pf.db.unit_of_work() as s:
        s.add(OrderHold(order_id=pf.orders["m2"], code="short_pick", detail="SKU-C 1 of 2 found"))
    view = open_tote(pf, "T-0002")
    assert view.intercepted and view.interception_code == "hold"
    assert view.interception_reason == "order m2 is on hold: short_pick (SKU-C 1 of 2 found)"


def test_a_cancel_between_verify_scans_stops_the_packer(pf: PackFloor) -> None:
    view = open_tote(pf)
    assert check(pf, view, unit_barcode("SKU-A")).accepted
    _cancel(pf, "m1")
    out = check(pf, view, unit_barcode("SKU-A"))
    assert (out.accepted, out.code) == (False, "intercepted")
    assert out.view.intercepted and out.view.lines[0].scanned == 1


# --------------------------------------------------------------------------- opening


def test_a_single_unit_order_opens_by_its_item_and_counts_that_scan(pf: PackFloor) -> None:
    view = open_order(pf.db, pf.here, scan(unit_barcode("SKU-D")), sid())
    assert view.order_no == "s1" and view.complete and view.tote_code is None
    other = open_order(pf.db, pf.there, scan(unit_barcode("SKU-D")), sid())
    assert other.order_no == "s2"  # s1 is claimed by the first bench
    again = open_order(pf.db, pf.here, scan(unit_barcode("SKU-D")), sid())
    assert again.order_no == "s1"  # the same bench resumes its own first
    result = finish(pf, view, weight_g=400 + 60)
    assert pf.status("s1") == "packed" and result.tracking_no
    with pytest.raises(FloorError) as err:
        open_order(pf.db, pf.here, scan(unit_barcode("SKU-A")), sid())
    assert err.value.code == "no_single_order"
    assert "SKU-A" in str(err.value)
    with pytest.raises(FloorError) as err:
        open_order(pf.db, pf.here, scan("6901234567892"), sid())
    assert err.value.code == "product_unknown"


def test_opening_refuses_what_is_not_an_order(pf: PackFloor) -> None:
    cases = {
        "T-0009": "tote_empty",
        "T-7777": "tote_unknown",
        "HZ1-A01-01-1": "not_an_order",
        "#9999": "order_unknown",
    }
    for text, code in cases.items():
        with pytest.raises(FloorError) as err:
            open_order(pf.db, pf.here, scan(text), sid())
        assert err.value.code == code, text
    with pytest.raises(FloorError) as err:
        open_order(pf.db, Actor(pf.here.user_id, None), scan("T-0001"), sid())
    assert err.value.code == "no_station"


def test_another_station_is_told_who_has_the_order(pf: PackFloor) -> None:
    view = open_order(pf.db, pf.here, OrderScan("m1"), sid())
    with pytest.raises(FloorError) as err:
        open_tote(pf, actor=pf.there)
    assert err.value.code == "order_taken"
    assert str(err.value) == "order m1 is being packed at HZ1-PACK-01 by 张敏"
    with pytest.raises(FloorError) as err:
        check(pf, view, unit_barcode("SKU-A"), actor=pf.there)
    assert err.value.code == "order_taken"


def test_two_stations_racing_to_open_one_order(pf: PackFloor) -> None:
    barrier = threading.Barrier(2)
    results: dict[str, object] = {}

    def bench(name: str, actor: Actor) -> None:
        db = Database(pf.db.url)
        try:
            barrier.wait()
            results[name] = open_order(db, actor, scan("T-0001"), sid())
        except FloorError as exc:
            results[name] = exc
        finally:
            db.dispose()

    threads = [
        threading.Thread(target=bench, args=a) for a in (("here", pf.here), ("there", pf.there))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    won = [k for k, v in results.items() if isinstance(v, PackView)]
    lost = [v for v in results.values() if isinstance(v, FloorError)]
    assert len(won) == 1 and len(lost) == 1
    winner = {"here": "HZ1-PACK-01 by 张敏", "there": "HZ1-PACK-02 by 李娜"}[won[0]]
    assert lost[0].code == "order_taken" and str(lost[0]) == f"order m1 is being packed at {winner}"


def test_reopening_resumes_and_release_keeps_the_scans(pf: PackFloor) -> None:
    view = open_tote(pf)
    assert check(pf, view, unit_barcode("SKU-A")).accepted
    again = open_tote(pf)
    assert again.lines[0].scanned == 1
    with pf.db.read() as s:
        assert s.scalar(select(Tote.status).where(Tote.code == "T-0001")) == "packing"
    release_order(pf.db, pf.here, view.order_id)
    with pf.db.read() as s:
        assert s.get(Order, view.order_id).pack_station_id is None
        assert s.scalar(select(Tote.status).where(Tote.code == "T-0001")) == "picked"
    moved = open_tote(pf, actor=pf.there)
    assert moved.lines[0].scanned == 1 and moved.station_id == pf.there.station_id
    with pytest.raises(FloorError) as err:
        check(pf, view, unit_barcode("SKU-A"))
    assert err.value.code == "order_taken"
    assert [e["units_scanned"] for e in events(pf.db, "pack.released")] == [1]


def test_cartons_are_chosen_by_scan_and_unknown_ones_refused(pf: PackFloor) -> None:
    assert classify("BOX-XL") == Carton("BOX-XL")
    view = open_tote(pf)
    with pytest.raises(FloorError) as err:
        choose_carton(pf.db, pf.here, view.order_id, "BOX-ZZ")
    assert err.value.code == "carton_unknown"
    assert choose_carton(pf.db, pf.here, view.order_id, "BOX-L").carton == "BOX-L"
    assert choose_carton(pf.db, pf.here, view.order_id, "BOX-S").carton == "BOX-S"


def test_suggest_carton_by_volume_weight_and_longest_side(pf: PackFloor) -> None:
    p = pf.floor.products
    with pf.db.read() as s:
        assert suggest_carton(s, [(p["SKU-A"], 1)]).code == "BOX-S"
        assert suggest_carton(s, [(p["SKU-A"], 8)]).code == "BOX-M"  # 8 × 0.4 L × 1.2 > 3.2 L
        assert suggest_carton(s, [(p["SKU-E"], 1)]).code == "BOX-XL"  # 500 mm long
        assert suggest_carton(s, [(p["SKU-C"], 2)]) is None  # no dimensions at all
        assert suggest_carton(s, [(p["SKU-C"], 2), (p["SKU-A"], 1)]).code == "BOX-S"
        assert suggest_carton(s, [(p["SKU-E"], 3)]) is None  # nothing big enough


# --------------------------------------------------------------------------- atomic


def test_complete_is_atomic_when_the_printer_address_is_bad(pf: PackFloor) -> None:
    view = verified_m1(pf)
    before = snapshot(pf, "m1")
    with pytest.raises(FloorError) as err:
        finish(pf, view, weight_g=460, printer="lpt1")
    assert err.value.code.startswith("print")
    assert snapshot(pf, "m1") == before
    with pytest.raises(FloorError) as err:
        finish(pf, view, weight_g=460, fmt="png")
    assert err.value.code == "label_format_unknown"
    assert snapshot(pf, "m1") == before
    finish(pf, view, weight_g=460)  # and it still packs afterwards
    assert pf.status("m1") == "packed"


def test_complete_is_atomic_when_the_pool_is_empty(pf: PackFloor) -> None:
    view = verified_m1(pf)
    with pf.db.unit_of_work() as s:
        s.execute(
            update(TrackingPool)
            .where(TrackingPool.carrier == "ZTO")
            .values(next_value=TrackingPool.end_value + 1)
        )
    before = snapshot(pf, "m1")
    with pytest.raises(FloorError) as err:
        finish(pf, view, weight_g=460)
    assert err.value.code == "pool_empty" and "ZTO" in str(err.value)
    assert snapshot(pf, "m1") == before


# --------------------------------------------------------------------------- afterwards


def test_reprint_and_void_leave_a_trail(pf: PackFloor) -> None:
    view = verified_m1(pf)
    first = finish(pf, view, weight_g=460)
    with pytest.raises(FloorError) as err:
        reprint(pf.db, pf.here, view.order_id, " ", pf.printer, "zpl", "100x150")
    assert err.value.code == "reason_missing"
    job = reprint(pf.db, pf.here, view.order_id, "label torn", pf.printer, "pdf", "4x6")
    with pf.db.read() as s:
        row = s.get(PrintJob, job)
        assert (row.reason, row.format, row.shipment_id) == ("label torn", "pdf", first.shipment_id)
        assert row.document.startswith(b"%PDF")
    assert events(pf.db, "label.reprinted")[0]["reason"] == "label torn"

    second = void_and_regenerate(
        pf.db, pf.here, view.order_id, "wrong carton", pf.printer, "zpl", "100x150"
    )
    assert second.tracking_no != first.tracking_no
    with pf.db.read() as s:
        old = s.get(Shipment, first.shipment_id)
        assert (old.status, old.void_reason) == (
            "voided",
            "wrong carton",
        ) and old.voided_at is not None
        new = s.get(Shipment, second.shipment_id)
        assert (new.status, new.weight_g, new.carton) == ("created", 460, old.carton)
        # The voided label's jobs still waiting for the printer will not come out.
        assert set(s.scalars(select(PrintJob.status).where(PrintJob.shipment_id == old.id))) == {
            "cancelled"
        }
    assert [e["tracking_no"] for e in events(pf.db, "label.voided")] == [first.tracking_no]
    assert events(pf.db, "label.created")[-1]["replaces"] == first.tracking_no
    assert (
        label_document(pf.db, "m1", "zpl", "100x150") == second.document
    )  # the current label, as printed
    assert current_view(pf.db, pf.here, view.order_id).tracking_no == second.tracking_no

    with pf.db.unit_of_work() as s:
        s.execute(
            update(Order)
            .where(Order.id == view.order_id)
            .values(status="shipped", version=Order.version + 1)
        )
    with pytest.raises(FloorError) as err:
        void_and_regenerate(pf.db, pf.here, view.order_id, "again", pf.printer, "zpl", "100x150")
    assert err.value.code == "already_shipped"
    with pytest.raises(FloorError) as err:
        reprint(pf.db, pf.here, pf.orders["m2"], "lost", pf.printer, "zpl", "100x150")
    assert err.value.code == "not_packed"
