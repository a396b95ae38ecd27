"""Interception (拦截) at the pack bench during a shift: an order cancelled after it was
picked stops the packer at its tote with the full-screen red page — why, and what to
do with the items; confirming records it and frees the tote. An order cancelled while
it is being verified stops the packer at the very next scan. Neither is ever packed,
and the bench goes on with the next order."""

from __future__ import annotations

from pathlib import Path

from shift import (
    PACK_STATION,
    PACKER,
    ShiftFloor,
    Stations,
    open_station,
    pick_the_wave,
    verify_all,
    weigh_and_complete,
)
from sqlalchemy import func, select

from app.db.models import Event, PrintJob, Shipment, Tote
from app.services.supervision.actions import cancel_order


def intercepted_events(floor: ShiftFloor, no: str) -> list[dict]:
    with floor.db.read() as s:
        return list(
            s.scalars(
                select(Event.payload).where(
                    Event.entity == "order",
                    Event.entity_id == str(floor.orders[no]),
                    Event.kind == "pack.intercepted",
                )
            )
        )


def tote_row(floor: ShiftFloor, code: str) -> tuple[str, int | None]:
    with floor.db.read() as s:
        return tuple(s.execute(select(Tote.status, Tote.order_id).where(Tote.code == code)).one())


def never_packed(floor: ShiftFloor, no: str) -> None:
    assert floor.status(no) == "cancelled"
    with floor.db.read() as s:
        oid = floor.orders[no]
        assert (
            s.scalar(select(func.count()).select_from(Shipment).where(Shipment.order_id == oid))
            == 0
        )
        assert (
            s.scalar(select(func.count()).select_from(PrintJob).where(PrintJob.order_id == oid))
            == 0
        )


def test_cancelled_orders_are_stopped_at_the_bench(
    qtbot, floor: ShiftFloor, stations: Stations, tmp_path: Path
) -> None:
    totes = pick_the_wave(qtbot, stations, floor)
    # The buyer cancels o2 after it was picked: the office cancels it, its goods sit in a tote.
    cancel_order(floor.db, floor.supervisor, floor.orders["o2"], "buyer asked to cancel")

    packer = stations.add(
        open_station(qtbot, floor.url, PACK_STATION, printer=f"dir://{tmp_path / 'spool'}")
    )
    packer.sign_in(PACKER)
    screen = packer.pack

    # -- cancelled before the bench: stopped at the tote --------------------------------
    packer.scan(totes["o2"])
    assert screen.stack.currentWidget() is screen.stop_page and screen.stop_page.isVisible()
    assert screen.stop_page.size() == screen.size()  # the whole screen
    assert screen.grab().toImage().pixelColor(4, 4).name() == "#c62828"  # and it is red
    assert screen.stop_title.text() == "STOP — do not pack"
    assert screen.stop_order.text() == "Order o2"
    assert "The order was cancelled." in screen.stop_reason.text()
    assert "buyer asked to cancel" in screen.stop_reason.text()
    assert (
        "Do not pack this order" in screen.stop_action.text()
        and "returns tote" in screen.stop_action.text()
    )
    assert packer.feedback.level.value == "bad" and packer.sounds[-1] == "bad"
    assert not screen.complete_button.isEnabled() and not screen.weigh_button.isEnabled()

    # An item scanned at the red page counts nothing.
    packer.scan(floor.barcodes["SKU-A"])
    assert packer.feedback.level.value == "bad" and "stopped" in packer.feedback.text
    assert floor.scanned_units("pack", floor.orders["o2"]) == 0
    assert intercepted_events(floor, "o2") == []

    packer.scan("CMD:CONFIRM")
    assert screen.stack.currentWidget() is screen.work_page and packer.pack.model.view is None
    assert packer.feedback.level.value == "warn" and "returns tote" in packer.feedback.text
    [event] = intercepted_events(floor, "o2")
    assert (event["code"], event["tote"]) == ("cancelled", totes["o2"])
    assert tote_row(floor, totes["o2"]) == ("free", None)
    never_packed(floor, "o2")

    # -- cancelled between two verify scans: stopped at the next one ------------------
    packer.scan(totes["o3"])
    assert packer.order.order_no == "o3" and not packer.order.intercepted
    first = packer.order.lines[0]
    packer.scan(floor.barcodes[first.sku])
    assert packer.order.units_scanned == 1 and packer.feedback.level.value == "good"
    cancel_order(floor.db, floor.supervisor, floor.orders["o3"], "address could not be served")
    left = next(ln for ln in packer.order.lines if ln.remaining)
    packer.scan(floor.barcodes[left.sku])
    assert packer.order.intercepted and screen.stack.currentWidget() is screen.stop_page
    assert packer.feedback.level.value == "bad" and packer.sounds[-1] == "bad"
    assert "address could not be served" in screen.stop_reason.text()
    assert floor.scanned_units("pack", floor.orders["o3"]) == 1  # the refused scan counted nothing
    assert screen.confirm_button.isVisible()
    screen.confirm_button.click()  # the button on the red page, as CONFIRM does for o2
    packer.settle()
    [event] = intercepted_events(floor, "o3")
    assert event["units_scanned"] == 1 and event["tote"] == totes["o3"]
    assert tote_row(floor, totes["o3"]) == ("free", None)
    never_packed(floor, "o3")

    # -- the bench goes on with the next order -----------------------------------------
    packer.scan(totes["o1"])
    assert packer.order.order_no == "o1" and screen.stack.currentWidget() is screen.work_page
    verify_all(packer, floor)
    weigh_and_complete(packer)
    assert floor.status("o1") == "packed"
    packer.sign_out()
