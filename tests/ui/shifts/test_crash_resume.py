"""A station that crashes mid-task: the window and its database connection are gone
without anybody signing out. A new window with the same station name resumes exactly
where the old one stopped — the pick screen at the same line and step with the same
counts, the pack bench with the units already verified — and finishing counts no
unit twice."""

from __future__ import annotations

from pathlib import Path

from shift import (
    PACK_STATION,
    PACKER,
    PICK_STATION,
    PICKER,
    ShiftFloor,
    Stations,
    next_pick_code,
    open_station,
    pick_until,
    verify_all,
    weigh_and_complete,
)
from sqlalchemy import select

from app.db.models import PickLine, PickTask, Station


def claimed_at(floor: ShiftFloor, task_id: int) -> str | None:
    with floor.db.read() as s:
        return s.scalar(
            select(Station.name)
            .join(PickTask, PickTask.claimed_station_id == Station.id)
            .where(PickTask.id == task_id)
        )


def lines(floor: ShiftFloor) -> list[tuple[int, int, str, bool]]:
    with floor.db.read() as s:
        return [
            tuple(r)
            for r in s.execute(
                select(
                    PickLine.id, PickLine.picked_qty, PickLine.status, PickLine.location_ok
                ).order_by(PickLine.id)
            )
        ]


def test_a_crashed_station_resumes_where_it_stopped(
    qtbot, floor: ShiftFloor, stations: Stations, tmp_path: Path
) -> None:
    free = list(floor.totes)
    picker = stations.add(open_station(qtbot, floor.url, PICK_STATION))
    picker.sign_in(PICKER)
    picker.wait_task()
    # Part of a line in hand, earlier lines already in their totes.
    mid = pick_until(
        picker,
        floor,
        free,
        stop=lambda v: (
            v.step == "item"
            and v.line.picked_qty >= 1
            and v.line.remaining >= 1
            and v.progress.lines_done >= 1
        ),
    )
    shown = (
        picker.pick.location_label.text(),
        picker.pick.take_label.text(),
        picker.pick.task_bar.value(),
    )
    before = lines(floor)
    picked = floor.picked_units()
    assert picked == floor.scanned_units("pick") > 0

    picker.crash()
    assert claimed_at(floor, mid.task_id) == PICK_STATION  # the task stays with the station

    again = stations.add(open_station(qtbot, floor.url, PICK_STATION))
    again.sign_in(PICKER)
    resumed = again.wait_task()
    assert resumed.task_id == mid.task_id
    assert (resumed.step, resumed.line, resumed.progress) == (mid.step, mid.line, mid.progress)
    assert resumed.wave_progress == mid.wave_progress
    assert (
        again.pick.location_label.text(),
        again.pick.take_label.text(),
        again.pick.task_bar.value(),
    ) == shown
    assert again.pick.take_label.text() == f"Take {mid.line.remaining}"
    assert again.pick.step_labels["item"].property("state") == "current"
    assert lines(floor) == before and floor.picked_units() == picked

    # The bin was scanned before the crash: the next item scan counts at once.
    again.scan(floor.barcodes[mid.line.sku])
    assert again.feedback.level.value in ("good", "done") and floor.picked_units() == picked + 1

    # It crashes again with scans still on their way: whatever reached the database is
    # shown after the restart, and nothing counts twice.
    code = next_pick_code(again, floor, free)
    again.scan_and_crash(code)
    if code in floor.totes and floor.tote_status(code) == "free":
        free.insert(0, code)  # the tote was not bound before the crash: still on the stack
    third = stations.add(open_station(qtbot, floor.url, PICK_STATION))
    third.sign_in(PICKER)
    view = third.wait_task()
    assert view.task_id == mid.task_id
    assert view.progress.units_done == floor.picked_units() == floor.scanned_units("pick")
    if view.line is not None:
        with floor.db.read() as s:
            assert (
                s.scalar(select(PickLine.picked_qty).where(PickLine.id == view.line.line_id))
                == view.line.picked_qty
            )
    again = third
    done = pick_until(again, floor, free)
    assert done.step == "done"
    total = sum(floor.units(no) for no in floor.orders)
    assert floor.picked_units() == floor.scanned_units("pick") == total
    with floor.db.read() as s:
        assert all(
            qty == picked_qty
            for qty, picked_qty in s.execute(select(PickLine.qty, PickLine.picked_qty))
        )
    assert {floor.status(no) for no in floor.orders} == {"picked"}
    again.sign_out()
    again.close()

    # -- the pack bench crashes half-way through an order -----------------------------
    tote = floor.tote_of("o1")
    assert tote is not None
    spool = f"dir://{tmp_path / 'spool'}"
    packer = stations.add(open_station(qtbot, floor.url, PACK_STATION, printer=spool))
    packer.sign_in(PACKER)
    packer.scan(tote)
    first = packer.order.lines[0]
    packer.scan(floor.barcodes[first.sku])
    assert packer.order.units_scanned == 1
    packer.crash()

    bench = stations.add(open_station(qtbot, floor.url, PACK_STATION, printer=spool))
    bench.sign_in(PACKER)
    assert bench.pack.model.view is None  # nothing is shown until the packer scans
    bench.scan(tote)
    view = bench.order
    assert view.order_no == "o1" and view.units_scanned == 1
    row = next(i for i, ln in enumerate(view.lines) if ln.sku == first.sku)
    assert bench.pack.table.item(row, 3).text() == "1"
    assert f"1 of {floor.units('o1')} units" in bench.pack.info_label.text()
    verify_all(bench, floor)
    assert floor.scanned_units("pack", floor.orders["o1"]) == floor.units("o1")
    weigh_and_complete(bench)
    assert floor.status("o1") == "packed"
    assert floor.scanned_units("pack", floor.orders["o1"]) == floor.units("o1")
    bench.sign_out()
