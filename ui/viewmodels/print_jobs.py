"""View-model of the station's print jobs (打印任务): the list, counts by status, retry,
cancel, and a picture of a label.

Every database call and every preview render runs on the background worker (a label
preview rasterises a whole label: too slow for the GUI thread); results come back as
signals. A QTimer refreshes the list, and :meth:`PrintJobsModel.notify` — safe from any
thread — lets the spooler ask for a refresh after each job it sent or failed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPainter

from app.domain.floor_errors import FloorError
from app.services.printing import JobRow
from app.services.printing import jobs as print_jobs
from printing.zpl_preview import preview_zpl
from ui.context import StationContext
from ui.i18n.messages import floor_text
from ui.viewmodels.orders_board import describe_error
from ui.viewmodels.refresh_timer import RefreshTimer, Ticking

DEFAULT_INTERVAL_MS = 3000
DEFAULT_LIMIT = 100
PDF_PREVIEW_DPI = 203  # the dots of a thermal label, so both formats show at one scale


@dataclass(frozen=True, slots=True)
class _Snapshot:
    rows: list[JobRow]
    counts: dict[str, int]


def held_behind(rows: Sequence[JobRow]) -> dict[int, int]:
    """Queued jobs that wait behind an older failed job of the same printer, and that
    job's id: the spooler sends a printer's labels in order, so while the first one
    fails, none after it comes out."""
    first_failed: dict[str, int] = {}
    for job in rows:
        if job.status == "failed" and job.id < first_failed.get(job.printer, job.id + 1):
            first_failed[job.printer] = job.id
    return {
        job.id: first_failed[job.printer]
        for job in rows
        if job.status == "queued"
        and job.printer in first_failed
        and job.id > first_failed[job.printer]
    }


def zpl_image(document: bytes) -> QImage:
    """A ZPL label as the printer would draw it, one pixel per dot."""
    picture = preview_zpl(document.decode("utf-8", errors="replace")).convert("L")
    width, height = picture.size
    data = picture.tobytes()
    return QImage(data, width, height, width, QImage.Format.Format_Grayscale8).copy()


def pdf_image(document: bytes) -> QImage:
    """The first page of a PDF at label-printer resolution (QtPdf, any thread)."""
    from PySide6.QtPdf import QPdfDocument  # noqa: PLC0415 - loaded only when a PDF is shown

    pdf = QPdfDocument()
    buffer = QBuffer()
    buffer.setData(QByteArray(document))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    try:
        pdf.load(buffer)
        if pdf.status() != QPdfDocument.Status.Ready or pdf.pageCount() < 1:
            raise ValueError(f"the PDF cannot be read ({pdf.error().name})")
        points = pdf.pagePointSize(0)
        scale = PDF_PREVIEW_DPI / 72
        size = QSize(max(1, round(points.width() * scale)), max(1, round(points.height() * scale)))
        image = pdf.render(0, size)
        if image.isNull():
            raise ValueError("the PDF page could not be drawn")
        # QtPdf leaves the page transparent where nothing is drawn; labels are white.
        page = QImage(image.size(), QImage.Format.Format_RGB32)
        page.fill(Qt.GlobalColor.white)
        painter = QPainter(page)
        painter.drawImage(0, 0, image)
        painter.end()
        return page
    finally:
        pdf.close()
        buffer.close()


def render_preview(fmt: str, document: bytes) -> QImage:
    if fmt == "zpl":
        return zpl_image(document)
    if fmt == "pdf":
        return pdf_image(document)
    raise ValueError(f"no preview for {fmt!r} documents")


class PrintJobsModel(QObject, Ticking):
    """See the module doc. ``wake`` (e.g. ``Spooler.wake``) is called after a retry so
    the job goes out at once instead of at the spooler's next poll."""

    rows_changed = Signal(list)  # list[JobRow]
    counts_changed = Signal(dict)  # {status: n}, every status present
    preview_ready = Signal(QImage)
    preview_failed = Signal(str)
    error = Signal(str)  # a sentence for the operator
    done = Signal(str)  # a sentence: what an action did
    _poke = Signal()

    def __init__(
        self,
        ctx: StationContext,
        *,
        wake: Callable[[], None] | None = None,
        interval_ms: int | None = DEFAULT_INTERVAL_MS,
        limit: int = DEFAULT_LIMIT,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._wake = wake
        self._limit = limit
        self._in_flight = False
        self._dirty = False
        self._preview_job: int | None = None
        self.rows: list[JobRow] = []
        self.counts: dict[str, int] = {}
        self._timer = RefreshTimer(self.refresh, interval_ms, self)
        self._poke.connect(self.refresh, Qt.ConnectionType.QueuedConnection)

    # -- refreshing -----------------------------------------------------------------

    @property
    def preview_job(self) -> int | None:
        """The job whose preview was asked for last."""
        return self._preview_job

    def notify(self) -> None:
        """Ask for a refresh from any thread (the spooler's ``on_change``)."""
        self._poke.emit()

    def refresh(self) -> None:
        """Reload list and counts; a request while one is running is folded into one
        more reload after it."""
        if self._in_flight:
            self._dirty = True
            return
        self._in_flight = True
        self._dirty = False
        db, station, limit = self._ctx.db, self._ctx.station.id, self._limit

        def work() -> _Snapshot:
            return _Snapshot(
                print_jobs.list_jobs(db, station, limit), print_jobs.counts(db, station)
            )

        self._ctx.background.submit(work, self._on_snapshot, self._on_refresh_error)

    def _on_snapshot(self, snap: _Snapshot) -> None:
        self._in_flight = False
        self.rows = snap.rows
        self.counts = snap.counts
        self.rows_changed.emit(snap.rows)
        self.counts_changed.emit(snap.counts)
        if self._dirty:
            self.refresh()

    def _on_refresh_error(self, exc: Exception) -> None:
        self._in_flight = False
        self.error.emit(
            self.tr("The print jobs cannot be loaded: {reason}").format(reason=describe_error(exc))
        )
        if self._dirty:
            self.refresh()

    # -- actions --------------------------------------------------------------------

    def retry(self, job_id: int) -> None:
        db, actor = self._ctx.db, self._ctx.actor

        def done(_: None) -> None:
            if self._wake is not None:
                self._wake()
            self._report_done(self.tr("Print job {job} will be sent again now.").format(job=job_id))

        self._ctx.background.submit(
            lambda: print_jobs.retry_now(db, job_id, actor), done, self._on_action_error, owner=self
        )

    def cancel(self, job_id: int, reason: str) -> None:
        db, actor = self._ctx.db, self._ctx.actor

        def done(_: None) -> None:
            self._report_done(self.tr("Print job {job} was cancelled.").format(job=job_id))

        self._ctx.background.submit(
            lambda: print_jobs.cancel(db, job_id, actor, reason),
            done,
            self._on_action_error,
            owner=self,
        )

    def preview(self, job_id: int) -> None:
        """Render the job's label off the GUI thread; emits preview_ready or preview_failed."""
        self._preview_job = job_id
        db = self._ctx.db

        def work() -> QImage:
            fmt, document = print_jobs.document_of(db, job_id)
            return render_preview(fmt, document)

        def ready(image: QImage) -> None:
            if job_id == self._preview_job:  # else the operator has moved on
                self.preview_ready.emit(image)

        def failed(exc: Exception) -> None:
            if job_id == self._preview_job:
                self.preview_failed.emit(
                    self.tr("No preview of this label: {reason}").format(
                        reason=self.floor_message(exc)
                    )
                )

        self._ctx.background.submit(work, ready, failed, owner=self)

    def _report_done(self, text: str) -> None:
        self._ctx.feedback.good(text)
        self.done.emit(text)
        self.refresh()

    def _on_action_error(self, exc: Exception) -> None:
        text = self.floor_message(exc)
        self._ctx.feedback.bad(text)
        self.error.emit(text)
        self.refresh()

    # -- words ----------------------------------------------------------------------

    def floor_message(self, exc: BaseException) -> str:
        """The operator's sentence for a refusal, translated by its code."""
        if not isinstance(exc, FloorError):
            return describe_error(exc)
        return floor_text(exc)
