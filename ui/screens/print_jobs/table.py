"""The list of print jobs: one row per job, its status in the station colours (sent
green, queued amber, failed red with the printer's error and the next try, cancelled
grey), and why a queued job waits."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.services.printing import JobRow
from ui.viewmodels.print_jobs import held_behind
from ui.widgets import theme

JOB_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2

# Background, text: the feedback colours of the station (ui.widgets.feedback.COLOURS).
STATUS_COLOURS: dict[str, tuple[str, str]] = {
    "sent": (theme.GOOD, theme.ON_GOOD),
    "queued": (theme.WARN, theme.ON_WARN),
    "failed": (theme.BAD, theme.ON_BAD),
    "cancelled": (theme.CANCELLED, theme.ON_CANCELLED),
}

COLUMNS = ("job", "time", "kind", "order", "format", "printer", "status", "tries", "error")
COL = {name: i for i, name in enumerate(COLUMNS)}


def when(moment: datetime | None, now: datetime) -> str:
    """A time of today as ``HH:MM:SS``; of another day as ``MM-DD HH:MM``."""
    if moment is None:
        return ""
    local = moment.astimezone()
    if local.date() == now.astimezone().date():
        return local.strftime("%H:%M:%S")
    return local.strftime("%m-%d %H:%M")


class _StatusDelegate(QStyledItemDelegate):
    """Keeps the status colour on the selected row: the selection's blue would hide
    the one cell the operator reads from afar."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.state &= ~QStyle.StateFlag.State_Selected


class JobsTable(QTableWidget):
    """See the module doc. The screen fills it (:meth:`show_jobs`) and retranslates it:
    a refill must not look like the operator's click."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.setWordWrap(False)
        self.setItemDelegateForColumn(COL["status"], _StatusDelegate(self))
        self.horizontalHeader().setSectionResizeMode(COL["error"], QHeaderView.ResizeMode.Stretch)
        # Set on the table itself: a parent with a style sheet does not hand its font down.
        self.setFont(theme.sized_font(self, theme.BENCH_BODY))
        self.horizontalHeader().setFont(theme.sized_font(self, theme.BENCH_TABLE_HEADER, bold=True))
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 16)

    # -- queries ----------------------------------------------------------------------

    def row_of(self, job_id: int) -> int | None:
        for row in range(self.rowCount()):
            cell = self.item(row, COL["job"])
            if cell is not None and cell.data(JOB_ROLE) == job_id:
                return row
        return None

    def job_at(self, row: int) -> int | None:
        cell = self.item(row, COL["job"])
        return None if cell is None else int(cell.data(JOB_ROLE))

    def status_item(self, job_id: int) -> QTableWidgetItem | None:
        row = self.row_of(job_id)
        return None if row is None else self.item(row, COL["status"])

    def error_text(self, job_id: int) -> str:
        row = self.row_of(job_id)
        cell = None if row is None else self.item(row, COL["error"])
        return cell.text() if cell is not None else ""

    # -- drawing ----------------------------------------------------------------------

    def show_jobs(self, rows: list[JobRow], selected: int | None) -> None:
        """``rows`` as they are now, ``selected`` still selected, the scroll kept."""
        now = datetime.now().astimezone()
        behind = held_behind(rows)
        scroll = self.verticalScrollBar().value()
        self.setRowCount(len(rows))
        for r, job in enumerate(rows):
            for c, cell in enumerate(self._items(job, now, behind.get(job.id))):
                self.setItem(r, c, cell)
        if selected is not None:
            row = self.row_of(selected)
            if row is not None:
                self.selectRow(row)
        self.resizeColumnsToContents()
        self.horizontalHeader().setSectionResizeMode(COL["error"], QHeaderView.ResizeMode.Stretch)
        self.verticalScrollBar().setValue(scroll)

    def _items(self, job: JobRow, now: datetime, behind: int | None) -> list[QTableWidgetItem]:
        error = ""
        if job.status == "failed":
            error = job.last_error
            if job.next_try_at is not None:
                error += " — " + self.tr("next try {time}").format(time=when(job.next_try_at, now))
        elif behind is not None:
            error = self.tr("waiting: job {job} on this printer has not printed yet").format(
                job=behind
            )
        texts = {
            "job": str(job.id),
            "time": when(job.created_at, now),
            "kind": self.kind_name(job.kind),
            "order": job.order_no,
            "format": job.format.upper(),
            "printer": job.printer,
            "status": self._status_name(job.status),
            "tries": str(job.attempts),
            "error": error,
        }
        items = []
        for name in COLUMNS:
            cell = QTableWidgetItem(texts[name])
            cell.setData(JOB_ROLE, job.id)
            if name in ("job", "tries"):
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            items.append(cell)
        status = items[COL["status"]]
        status.setData(STATUS_ROLE, job.status)
        background, colour = STATUS_COLOURS.get(job.status, (theme.WHITE, theme.BLACK))
        status.setBackground(QBrush(QColor(background)))
        status.setForeground(QBrush(QColor(colour)))
        status.setFont(theme.sized_font(self, theme.BENCH_BODY, bold=True))
        status.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        if error:
            items[COL["error"]].setForeground(QBrush(QColor(theme.ERROR_TEXT)))
            items[COL["error"]].setToolTip(job.last_error)
        items[COL["printer"]].setToolTip(job.printer)
        return items

    # -- language ---------------------------------------------------------------------

    def _status_name(self, status: str) -> str:
        return {
            "queued": self.tr("Queued"),
            "sent": self.tr("Sent"),
            "failed": self.tr("Failed"),
            "cancelled": self.tr("Cancelled"),
        }.get(status, status)

    def kind_name(self, kind: str) -> str:
        return {
            "shipping": self.tr("Waybill"),
            "location": self.tr("Location"),
            "tote": self.tr("Tote"),
            "badge": self.tr("Badge"),
            "product": self.tr("Product"),
            "sheet": self.tr("Sheet"),
        }.get(kind, kind)

    def retranslate(self) -> None:
        """The headers; the screen refills the rows (they carry translated words)."""
        headers = {
            "job": self.tr("Job"),
            "time": self.tr("Time"),
            "kind": self.tr("Label"),
            "order": self.tr("Order"),
            "format": self.tr("Format"),
            "printer": self.tr("Printer"),
            "status": self.tr("Status"),
            "tries": self.tr("Failed tries"),
            "error": self.tr("Error"),
        }
        self.setHorizontalHeaderLabels([headers[name] for name in COLUMNS])
