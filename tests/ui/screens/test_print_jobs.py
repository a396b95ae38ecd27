"""The print jobs screen on a real SQLite database: rows and colours, retry, cancel,
label previews (ZPL and PDF), and a spooler printing to a virtual printer."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Event, PrintJob, Station, User
from app.services.access.identity import StationInfo, UserInfo
from app.services.printing import Spooler, enqueue
from app.services.printing.jobs import mark_failed, mark_sent
from app.services.station.config import StationConfig
from printing.label import SIZE_100X150, Recipient, Sender, ShippingLabel
from printing.pdf import render_pdf
from printing.virtual_printer import VirtualPrinter
from printing.zpl import render_zpl
from ui.bridges.background import Background
from ui.context import StationContext
from ui.screens.print_jobs import COL, STATUS_COLOURS, STATUS_ROLE, PrintJobsScreen
from ui.viewmodels.print_jobs import PrintJobsModel
from ui.widgets.feedback import Feedback, SoundPlayer

WAIT = 15_000
PRINTER = "tcp://127.0.0.1:9"  # nothing listens: jobs stay as the test sets them


def waybill() -> ShippingLabel:
    return ShippingLabel(
        carrier_code="YTO",
        tracking_no="YT1234567890123",
        sender=Sender("杭州好物旗舰店", "0571-88886666", ("浙江省杭州市余杭区良睦路 1399 号",)),
        recipient=Recipient(
            "王五", "13700137000", "江苏省", "南京市", "玄武区", "中山路 1号", "210000"
        ),
        order_no="TB-SCREEN-1",
        items_summary="1 件: 保温杯×1",
        printed_at=datetime(2024, 5, 1, 9, 30),
    )


@dataclass
class Jobs:
    sent: int
    queued: int
    failed: int
    pdf: int


pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def ctx(sqlite_db: Database, background: Background) -> StationContext:
    with sqlite_db.unit_of_work() as s:
        station = Station(name="PACK-UI", kind="pack")
        user = User(badge="PACK-9", name="赵六", role="packer")
        s.add_all([station, user])
        s.flush()
        station_info = StationInfo(station.id, station.name, "pack", None, None)
        user_info = UserInfo(user.id, user.badge, user.name, user.role)
    return StationContext(
        db=sqlite_db,
        background=background,
        station=station_info,
        config=StationConfig(printer=PRINTER),
        feedback=Feedback(SoundPlayer(muted=True)),
        user=user_info,
    )


def queue(ctx: StationContext, document: bytes, fmt: str = "zpl", printer: str = PRINTER) -> int:
    with ctx.db.unit_of_work() as s:
        return enqueue(s, printer=printer, fmt=fmt, document=document, actor=ctx.actor)


@pytest.fixture
def jobs(ctx: StationContext) -> Jobs:
    zpl = render_zpl(waybill(), SIZE_100X150).encode()
    now = datetime.now(UTC)
    sent = queue(ctx, zpl)
    mark_sent(ctx.db, sent, now)
    failed = queue(ctx, zpl)
    mark_failed(ctx.db, failed, "printer 10.0.0.7:9100 does not answer: connection refused", now)
    queued = queue(ctx, zpl)
    pdf = queue(ctx, render_pdf(waybill(), SIZE_100X150), fmt="pdf")
    mark_sent(ctx.db, pdf, now)
    return Jobs(sent, queued, failed, pdf)


@pytest.fixture
def model(ctx: StationContext) -> Iterator[PrintJobsModel]:
    m = PrintJobsModel(ctx, interval_ms=None)
    yield m
    m.stop()


@pytest.fixture
def screen(qtbot: QtBot, model: PrintJobsModel) -> PrintJobsScreen:
    widget = PrintJobsScreen(model)
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    widget.show()
    return widget


def status_of(ctx: StationContext, job_id: int) -> str:
    with ctx.db.read() as s:
        row = s.get(PrintJob, job_id)
        assert row is not None
        return row.status


def loaded(qtbot: QtBot, screen: PrintJobsScreen, n: int) -> None:
    screen.model.refresh()
    qtbot.waitUntil(lambda: screen.table.rowCount() == n, timeout=WAIT)


def test_rows_show_each_status_in_its_colour(
    qtbot: QtBot, screen: PrintJobsScreen, jobs: Jobs
) -> None:
    loaded(qtbot, screen, 4)
    assert screen.title() == "Print jobs"
    expected = {jobs.sent: "sent", jobs.pdf: "sent", jobs.queued: "queued", jobs.failed: "failed"}
    for job_id, status in expected.items():
        item = screen.status_item(job_id)
        assert item is not None
        assert item.data(STATUS_ROLE) == status
        assert item.text() == status.capitalize()
        assert item.background().color() == QColor(STATUS_COLOURS[status][0])
    assert (
        QColor(STATUS_COLOURS["sent"][0]).green() > QColor(STATUS_COLOURS["sent"][0]).red()
    )  # green
    assert QColor(STATUS_COLOURS["failed"][0]).red() > 150  # red
    # the failed job says why and when it is tried again
    assert screen.error_text(jobs.failed).startswith(
        "printer 10.0.0.7:9100 does not answer: connection refused — next try "
    )
    # the queued job waits behind the failed one: the printer's labels come out in order
    assert (
        screen.error_text(jobs.queued)
        == f"waiting: job {jobs.failed} on this printer has not printed yet"
    )
    # jobs still to print come first
    first_two = {
        screen.table.item(r, COL["job"]).data(Qt.ItemDataRole.UserRole + 1) for r in (0, 1)
    }
    assert first_two == {jobs.queued, jobs.failed}
    assert screen._chips["failed"].text() == "Failed 1"
    assert screen._chips["sent"].text() == "Sent 2"


def test_only_jobs_after_a_failed_one_on_its_printer_wait_behind_it(
    qtbot: QtBot, screen: PrintJobsScreen, ctx: StationContext
) -> None:
    zpl = render_zpl(waybill(), SIZE_100X150).encode()
    before = queue(ctx, zpl)  # older than the failure: not held by it
    first = queue(ctx, zpl)
    mark_failed(
        ctx.db,
        first,
        "printer 10.0.0.7:9100 does not answer: connection refused",
        datetime.now(UTC),
    )
    later = queue(ctx, zpl)
    elsewhere = queue(ctx, zpl, printer="tcp://10.0.0.8:9100")
    loaded(qtbot, screen, 4)
    assert screen.error_text(later) == f"waiting: job {first} on this printer has not printed yet"
    assert screen.error_text(before) == "" and screen.error_text(elsewhere) == ""


def test_retry_makes_a_failed_job_queued(
    qtbot: QtBot, screen: PrintJobsScreen, jobs: Jobs, ctx: StationContext
) -> None:
    woken: list[bool] = []
    screen.model._wake = lambda: woken.append(True)
    loaded(qtbot, screen, 4)
    assert screen.select_job(jobs.failed)
    assert screen.selected_job() == jobs.failed
    assert screen.retry_button.isEnabled()
    assert (
        screen.detail.text()
        == f"Job {jobs.failed}: printer 10.0.0.7:9100 does not answer: connection refused"
    )
    qtbot.mouseClick(screen.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: screen.status_item(jobs.failed).data(STATUS_ROLE) == "queued", timeout=WAIT
    )
    assert screen.detail.text() == ""
    assert status_of(ctx, jobs.failed) == "queued"
    assert screen.status_item(jobs.failed).background().color() == QColor(
        STATUS_COLOURS["queued"][0]
    )
    assert woken == [True]  # the spooler is told at once
    assert ctx.feedback.level.value == "good"
    assert screen.selected_job() == jobs.failed  # the selection survives the refresh
    with ctx.db.read() as s:
        ev = s.scalars(select(Event).where(Event.kind == "print.retry")).one()
        assert (ev.user_id, ev.station_id) == (ctx.user.id, ctx.station.id)  # type: ignore[union-attr]


def test_sent_jobs_cannot_be_retried_or_cancelled(
    qtbot: QtBot, screen: PrintJobsScreen, jobs: Jobs, ctx: StationContext
) -> None:
    loaded(qtbot, screen, 4)
    screen.select_job(jobs.sent)
    assert not screen.retry_button.isEnabled()
    assert not screen.cancel_button.isEnabled()
    # asked anyway (another station sent it meanwhile): a sentence, nothing changed
    with qtbot.waitSignal(screen.model.error, timeout=WAIT) as said:
        screen.model.retry(jobs.sent)
    assert said.args == [f"Print job {jobs.sent} is sent; reprint it to print it again."]
    assert screen.message.text() == said.args[0]
    assert ctx.feedback.level.value == "bad"
    assert status_of(ctx, jobs.sent) == "sent"


def test_cancel_takes_the_reason_given(
    qtbot: QtBot, screen: PrintJobsScreen, jobs: Jobs, ctx: StationContext
) -> None:
    loaded(qtbot, screen, 4)
    screen.select_job(jobs.queued)
    screen.reason_box.setEditText("box damaged, repacking")
    qtbot.mouseClick(screen.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: screen.status_item(jobs.queued).data(STATUS_ROLE) == "cancelled", timeout=WAIT
    )
    with ctx.db.read() as s:
        ev = s.scalars(select(Event).where(Event.kind == "print.cancelled")).one()
        assert ev.payload["reason"] == "box damaged, repacking"
    assert not screen.cancel_button.isEnabled()

    screen.select_job(jobs.failed)
    screen.reason_box.setEditText("  ")
    with qtbot.waitSignal(screen.model.error, timeout=WAIT) as said:
        qtbot.mouseClick(screen.cancel_button, Qt.MouseButton.LeftButton)
    assert said.args == ["Say why the label is cancelled."]
    assert status_of(ctx, jobs.failed) == "failed"


def test_preview_draws_zpl_and_pdf_labels(
    qtbot: QtBot, screen: PrintJobsScreen, jobs: Jobs
) -> None:
    loaded(qtbot, screen, 4)
    with qtbot.waitSignal(screen.model.preview_ready, timeout=WAIT) as zpl:
        screen.select_job(jobs.sent)
    image = zpl.args[0]
    assert (image.width(), image.height()) == (SIZE_100X150.width_dots, SIZE_100X150.height_dots)
    assert image.pixelColor(0, 0) == QColor("white") or image.pixelColor(0, 0).lightness() > 200
    dark = sum(
        image.pixelColor(x, y).lightness() < 128
        for x in range(0, 800, 8)
        for y in range(0, 1200, 8)
    )
    assert dark > 100  # something was drawn
    assert not screen.preview_pixmap().isNull()
    assert screen.preview_caption.text().startswith(f"Job {jobs.sent}")

    with qtbot.waitSignal(screen.model.preview_ready, timeout=WAIT) as pdf:
        screen.select_job(jobs.pdf)
    page = pdf.args[0]
    assert abs(page.width() - SIZE_100X150.width_dots) <= 2
    assert abs(page.height() - SIZE_100X150.height_dots) <= 2
    dark = sum(
        page.pixelColor(x, y).lightness() < 128
        for x in range(0, page.width(), 8)
        for y in range(0, page.height(), 8)
    )
    assert dark > 100
    assert screen.preview_image_size == (page.width(), page.height())


def test_a_broken_document_gets_a_sentence_not_a_crash(
    qtbot: QtBot, screen: PrintJobsScreen, ctx: StationContext
) -> None:
    bad = queue(ctx, b"^XA^ZZnot a command^XZ")
    loaded(qtbot, screen, 1)
    with qtbot.waitSignal(screen.model.preview_failed, timeout=WAIT) as failed:
        screen.select_job(bad)
    assert failed.args[0].startswith("No preview of this label: ")
    assert screen.preview_image.text() == failed.args[0]


def test_scans_are_ignored(screen: PrintJobsScreen) -> None:
    from app.domain.scan import classify

    assert screen.handle_scan(classify("SF1234567890123")) is False


def test_spooler_to_virtual_printer_shows_the_newest_label(
    qtbot: QtBot, ctx: StationContext, tmp_path: Path
) -> None:
    """The demo's setup: a spooler printing to the virtual printer, the screen
    following each new label."""
    printer = VirtualPrinter(tmp_path / "printer").start()
    model = PrintJobsModel(ctx, interval_ms=None)
    spooler = Spooler(ctx.db, ctx.station.id, on_change=model.notify, poll_s=0.1)
    model._wake = spooler.wake
    screen = PrintJobsScreen(model)
    qtbot.addWidget(screen)
    screen.show()
    spooler.start()
    try:
        document = render_zpl(waybill(), SIZE_100X150).encode()
        job_id = queue(ctx, document, printer=printer.uri)
        spooler.wake()
        qtbot.waitUntil(
            lambda: (
                (item := screen.status_item(job_id)) is not None
                and item.data(STATUS_ROLE) == "sent"
            ),
            timeout=WAIT,
        )
        assert printer.jobs == [document]
        qtbot.waitUntil(lambda: not screen.preview_pixmap().isNull(), timeout=WAIT)
        assert screen.shown_preview == job_id
        assert screen.preview_caption.text().startswith(f"Newest label: job {job_id}")
    finally:
        assert spooler.stop(30)
        model.stop()
        printer.stop()
