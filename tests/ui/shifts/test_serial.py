"""A shorter shift with a SERIAL scanner: each station reads its scanner on a
pseudo-terminal (the port its settings name), the test writes ``CODE\\r\\n`` to the
other end for every scan. Two orders are picked and packed; their labels reach a
printer on a real socket and scan back as their tracking numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from shift import (
    PACK_STATION,
    PACKER,
    PICK_STATION,
    PICKER,
    PRINT_WAIT,
    WAIT,
    Pty,
    ShiftFloor,
    Stations,
    build_shift_floor,
    open_station,
    pdf_code128,
    pick_until,
    verify_all,
    weigh_and_complete,
)

from app.db.engine import Database
from printing.virtual_printer import VirtualPrinter

ORDERS = {
    "s1": (("SKU-A", 1), ("SKU-C", 2)),
    "s2": (("SKU-B", 2), ("SKU-D", 1)),
}


@pytest.fixture
def floor(sqlite_db: Database) -> ShiftFloor:
    return build_shift_floor(sqlite_db, ORDERS)


def test_a_shift_with_a_serial_scanner(
    qtbot, floor: ShiftFloor, stations: Stations, printer: VirtualPrinter, tmp_path: Path
) -> None:
    picker = stations.add(open_station(qtbot, floor.url, PICK_STATION, serial=Pty()))
    picker.sign_in(PICKER)
    task = picker.wait_task()
    assert task.kind == "cart" and task.step == "location"

    # A tote before the bin: refused in red, nothing counted.
    picker.scan(floor.totes[-1])
    assert picker.pick.banner.level == "bad" and picker.sounds[-1] == "bad"
    assert picker.feedback.text == f"Scan the location {task.line.location} first"
    assert picker.task == task

    pick_until(picker, floor, list(floor.totes))
    assert (
        floor.picked_units() == floor.scanned_units("pick") == sum(floor.units(no) for no in ORDERS)
    )
    assert {no: floor.status(no) for no in ORDERS} == dict.fromkeys(ORDERS, "picked")
    assert picker.note.text() == ""
    picker.sign_out()
    picker.close()

    packer = stations.add(
        open_station(qtbot, floor.url, PACK_STATION, printer=printer.uri, serial=Pty())
    )
    packer.sign_in(PACKER)
    assert packer.window.current_screen() is packer.pack
    for n, no in enumerate(ORDERS, start=1):
        packer.scan(floor.tote_of(no))
        assert packer.order.order_no == no
        # Two units read back to back arrive in one write: both counted, in order.
        first, other = packer.order.lines[:2]
        packer.scan_burst([floor.barcodes[first.sku], floor.barcodes[other.sku]])
        assert packer.order.units_scanned == 2 and packer.sounds[-2:] == ["good", "good"]
        verify_all(packer, floor)
        tracking = weigh_and_complete(packer)
        assert floor.status(no) == "packed" and floor.tracking(no) == tracking
        qtbot.waitUntil(lambda n=n: len(printer.jobs) >= n, timeout=PRINT_WAIT)
    packer.sign_out()

    qtbot.waitUntil(lambda: {st for _, st in floor.label_jobs().values()} == {"sent"}, timeout=WAIT)
    assert len(printer.jobs) == len(ORDERS)
    for no in ORDERS:
        [received] = [document for document in printer.jobs if document == floor.label_of(no)]
        assert pdf_code128(received, tmp_path / no) == [floor.tracking(no)]
        assert floor.scanned_units("pack", floor.orders[no]) == floor.units(no)
