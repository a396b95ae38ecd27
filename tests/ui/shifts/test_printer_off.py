"""The label printer is off while the packer packs: every label is kept as a print job,
the first one failed with the printer's error shown on the print-jobs screen, and the
packer goes on packing. The printer comes back on the same port: every label comes
out exactly once, and every job is sent."""

from __future__ import annotations

from clocks import ShiftedClock
from shift import (
    PACK_STATION,
    PACKER,
    PRINT_WAIT,
    WAIT,
    ShiftFloor,
    Stations,
    open_station,
    pick_the_wave,
    verify_all,
    weigh_and_complete,
)
from sqlalchemy import select

from app.db.models import PrintJob
from app.services.printing.jobs import BACKOFF_S
from printing.virtual_printer import VirtualPrinter
from ui.screens.print_jobs import STATUS_ROLE


def jobs(floor: ShiftFloor) -> list[tuple[int, str, int, str]]:
    """(id, status, attempts, last error) of every label job, oldest first."""
    with floor.db.read() as s:
        return [
            tuple(r)
            for r in s.execute(
                select(
                    PrintJob.id, PrintJob.status, PrintJob.attempts, PrintJob.last_error
                ).order_by(PrintJob.id)
            )
        ]


def test_labels_wait_for_a_printer_that_is_off_and_come_out_once(
    qtbot, floor: ShiftFloor, stations: Stations, printer: VirtualPrinter, print_clock: ShiftedClock
) -> None:
    totes = pick_the_wave(qtbot, stations, floor)
    uri, port = printer.uri, printer.port
    printer.stop()  # switched off at the wall

    packer = stations.add(
        open_station(qtbot, floor.url, PACK_STATION, printer=uri, label_format="zpl")
    )
    packer.sign_in(PACKER)
    trackings: dict[str, str] = {}
    for no, tote in totes.items():
        packer.scan(tote)
        verify_all(packer, floor)
        trackings[no] = weigh_and_complete(packer)
        # The bench goes on: the order is packed, the label waits as a job.
        assert floor.status(no) == "packed" and packer.feedback.level.value == "done"
        if len(trackings) == 1:
            qtbot.waitUntil(lambda: jobs(floor) and jobs(floor)[0][1] == "failed", timeout=WAIT)

    first_id, status, attempts, error = jobs(floor)[0]
    assert status == "failed" and attempts >= 1
    assert f"127.0.0.1:{port}" in error and "does not answer" in error
    assert len(jobs(floor)) == len(trackings) and {j[1] for j in jobs(floor)} <= {
        "failed",
        "queued",
    }
    assert printer.jobs == []

    # The print-jobs screen shows the failure and why.
    assert packer.window.show_screen("print_jobs")
    screen = packer.print_jobs
    qtbot.waitUntil(
        lambda: (
            screen.row_of(first_id) is not None
            and screen.status_item(first_id).data(STATUS_ROLE) == "failed"
        ),
        timeout=WAIT,
    )
    assert screen.status_item(first_id).text() == "Failed"
    assert "does not answer" in screen.error_text(first_id)
    qtbot.waitUntil(
        lambda: all(screen.row_of(job_id) is not None for job_id, *_ in jobs(floor)), timeout=WAIT
    )
    assert screen.select_job(first_id)
    assert screen.detail.isVisible() and "does not answer" in screen.detail.text()
    screen.follow_newest()

    # Back to packing while the printer is still off: the bench was never blocked.
    assert packer.window.show_screen("pack")
    packer.scan(
        totes[next(iter(totes))]
    )  # a packed order's tote is free again: refused, nothing breaks
    assert packer.feedback.level.value == "bad"

    printer.start()  # switched on again: the same address
    assert printer.port == port
    print_clock.advance(BACKOFF_S[-1])  # past every failed job's next try: no sleeping through it
    qtbot.waitUntil(lambda: {j[1] for j in jobs(floor)} == {"sent"}, timeout=PRINT_WAIT)
    assert printer.wait_for(len(trackings), 10)

    documents = floor.label_jobs()
    assert set(documents) == set(trackings.values())
    for tracking in trackings.values():
        document, status = documents[tracking]
        assert status == "sent"
        assert printer.jobs.count(document) == 1, (
            f"label {tracking} printed {printer.jobs.count(document)} times"
        )
    assert len(printer.jobs) == len(trackings)

    assert packer.window.show_screen("print_jobs")
    qtbot.waitUntil(
        lambda: all(
            screen.status_item(job_id) is not None
            and screen.status_item(job_id).data(STATUS_ROLE) == "sent"
            for job_id, *_ in jobs(floor)
        ),
        timeout=WAIT,
    )
    assert screen.error_text(first_id) == ""
    packer.sign_out()
