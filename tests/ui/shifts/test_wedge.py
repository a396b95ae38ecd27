"""A whole shift through the real station window with a keyboard-wedge scanner: the
picker picks a multi-item wave into totes, the packer verifies, weighs and packs every
order, and each label reaches a printer on a real socket and scans back as the
tracking number of its order.

Every scan is key presses at scanner speed into a line edit that has the focus; the
WedgeFilter takes them before the line edit sees them."""

from __future__ import annotations

from pathlib import Path

from shift import (
    PACK_STATION,
    PACKER,
    PICK_STATION,
    PICKER,
    PRINT_WAIT,
    WAIT,
    ShiftFloor,
    Stations,
    open_station,
    pdf_code128,
    pick_until,
    verify_all,
    weigh_and_complete,
)
from sqlalchemy import select

from app.db.models import Event, PickLine, ScanRecord, User
from printing.virtual_printer import VirtualPrinter


def test_a_whole_shift_by_wedge_scanner(
    qtbot, floor: ShiftFloor, stations: Stations, printer: VirtualPrinter, tmp_path: Path
) -> None:
    # -- the picker ---------------------------------------------------------------------
    picker = stations.add(open_station(qtbot, floor.url, PICK_STATION))
    assert picker.window.current_screen() is picker.window.sign_in_screen
    picker.sign_in(PICKER)
    assert picker.window.screen_keys()[0] == "pick"
    assert picker.window.current_screen() is picker.pick
    task = picker.wait_task()
    assert (task.kind, task.sort_mode, task.step) == ("cart", "pick_and_sort", "location")
    assert task.progress.units_total == sum(floor.units(no) for no in floor.orders)

    # A wrong bin first: red, the low buzz, nothing counted.
    wrong = next(code for code in floor.locations if code != task.line.location)
    picker.scan(wrong)
    assert picker.pick.banner.level == "bad" and picker.sounds[-1] == "bad"
    assert wrong in picker.pick.banner.text() and task.line.location in picker.pick.banner.text()
    assert picker.task == task
    with floor.db.read() as s:
        assert not s.scalar(select(PickLine.location_ok).where(PickLine.id == task.line.line_id))
        refused = s.scalars(select(ScanRecord.result).where(ScanRecord.code == wrong)).all()
    assert refused == ["refused"]
    assert floor.picked_units() == 0 and floor.scanned_units("pick") == 0

    free = list(floor.totes)
    done = pick_until(picker, floor, free)
    assert done.step == "done" and picker.pick.location_label.text() == "Done"
    assert picker.pick.banner.level == "done" and picker.sounds[-1] == "done"
    assert done.wave_progress.units_done == done.wave_progress.units_total
    assert (
        floor.picked_units()
        == floor.scanned_units("pick")
        == sum(floor.units(no) for no in floor.orders)
    )
    totes = {no: floor.tote_of(no) for no in floor.orders}
    assert all(totes.values()) and len(set(totes.values())) == len(totes)
    assert {no: floor.status(no) for no in floor.orders} == dict.fromkeys(floor.orders, "picked")
    picker.sign_out()
    picker.close()

    # -- the packer ---------------------------------------------------------------------
    packer = stations.add(open_station(qtbot, floor.url, PACK_STATION, printer=printer.uri))
    packer.sign_in(PACKER)
    assert packer.window.current_screen() is packer.pack
    assert "print_jobs" in packer.window.screen_keys()
    qtbot.waitUntil(lambda: packer.printer.spooler is not None, timeout=WAIT)

    for n, (no, tote) in enumerate(totes.items(), start=1):
        packer.scan(tote)
        assert packer.order.order_no == no and packer.pack.order_label.text() == no
        assert packer.order.units_scanned == 0

        absent = next(sku for sku in floor.barcodes if sku not in dict(floor.lines[no]))
        packer.scan(floor.barcodes[absent])
        assert packer.pack.banner.level == "bad" and packer.sounds[-1] == "bad"
        assert packer.feedback.text == f"{absent} is not in this order"
        assert (
            packer.order.units_scanned == 0 and floor.scanned_units("pack", floor.orders[no]) == 0
        )

        verify_all(packer, floor)
        assert packer.pack.complete_button.isEnabled()
        tracking = weigh_and_complete(packer, confirm_by_scan=n % 2 == 1)
        assert floor.status(no) == "packed" and floor.tracking(no) == tracking
        qtbot.waitUntil(lambda n=n: len(printer.jobs) >= n, timeout=PRINT_WAIT)

    packer.sign_out()

    # -- every label came out once and scans back as its order's tracking number -------
    qtbot.waitUntil(
        lambda: {st for _, st in floor.label_jobs().values()} == {"sent"}, timeout=PRINT_WAIT
    )
    assert len(printer.jobs) == len(floor.orders)
    for no in floor.orders:
        label = floor.label_of(no)
        received = [document for document in printer.jobs if document == label]
        assert len(received) == 1 and received[0].startswith(b"%PDF")
        assert pdf_code128(received[0], tmp_path / no) == [floor.tracking(no)]
        assert floor.status(no) == "packed"
        assert floor.scanned_units("pack", floor.orders[no]) == floor.units(no)
    with floor.db.read() as s:
        signed = s.execute(
            select(User.badge, Event.kind)
            .join(User, User.id == Event.user_id)
            .where(Event.entity == "user")
            .order_by(Event.seq)
        ).all()
    assert [tuple(r) for r in signed] == [
        (PICKER, "auth.sign_in"),
        (PICKER, "auth.sign_out"),
        (PACKER, "auth.sign_in"),
        (PACKER, "auth.sign_out"),
    ]
