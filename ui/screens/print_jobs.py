"""The print jobs of this station (打印任务): what printed, what waits, what failed and
why — with Retry, Cancel and a picture of the label.

Statuses carry the station colours: sent green, queued amber, failed red (with the
printer's error and the time of the next try), cancelled grey. The preview pane shows
the selected job's label, or the newest one while nothing is selected, so a station
printing to the virtual printer sees every label as it is made.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.printing import PENDING, STATUSES, JobRow
from ui.viewmodels.print_jobs import PrintJobsModel, held_behind
from ui.widgets.theme import sized_font

BASE_POINT_SIZE = 15.0
COUNT_POINT_SIZE = 18.0
JOB_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2

# Background, text — the feedback colours of the station (ui.widgets.feedback.COLOURS).
STATUS_COLOURS: dict[str, tuple[str, str]] = {
    "sent": ("#1b873f", "#ffffff"),
    "queued": ("#f9a825", "#1f1300"),
    "failed": ("#c62828", "#ffffff"),
    "cancelled": ("#d5d7da", "#3d4148"),
}
ERROR_TEXT = "#b71c1c"

COLUMNS = ("job", "time", "kind", "order", "format", "printer", "status", "tries", "error")
COL = {name: i for i, name in enumerate(COLUMNS)}

STYLE = """
QLabel#countChip { border-radius: 8px; padding: 6px 14px; }
QLabel#previewImage { background: #9aa3ad; border: 1px solid #7b8794; }
QLabel#previewCaption { color: #374151; }
QLabel#errorDetail { color: #b71c1c; }
QLabel#messageLine[tone="bad"] { color: #b71c1c; }
QLabel#messageLine[tone="good"] { color: #1b5e20; }
"""


def _when(moment: datetime | None, now: datetime) -> str:
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
        option.state &= ~QStyle.StateFlag.State_Selected  # type: ignore[attr-defined]


class PrintJobsScreen(QWidget):
    """See the module doc; knows only its :class:`PrintJobsModel`."""

    def __init__(self, model: PrintJobsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setStyleSheet(STYLE)
        self.setFont(sized_font(self, max(BASE_POINT_SIZE, self.font().pointSizeF())))
        self._rows: list[JobRow] = []
        self._selected: int | None = None  # the job the operator picked; None: follow the newest
        self._shown_preview: int | None = None
        self._image = QImage()
        self._restoring = False

        self._chips: dict[str, QLabel] = {}
        chips = QHBoxLayout()
        chips.setSpacing(10)
        for status in ("queued", "failed", "sent", "cancelled"):
            chip = QLabel()
            chip.setObjectName("countChip")
            chip.setFont(sized_font(self, COUNT_POINT_SIZE, bold=True))
            background, colour = STATUS_COLOURS[status]
            chip.setStyleSheet(f"QLabel#countChip {{ background: {background}; color: {colour}; }}")
            self._chips[status] = chip
            chips.addWidget(chip)
        chips.addStretch(1)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setItemDelegateForColumn(COL["status"], _StatusDelegate(self.table))
        self.table.horizontalHeader().setSectionResizeMode(
            COL["error"], QHeaderView.ResizeMode.Stretch
        )
        # Set on each widget: a parent with a style sheet does not hand its font down.
        self.table.setFont(sized_font(self, BASE_POINT_SIZE))
        self.table.horizontalHeader().setFont(sized_font(self, BASE_POINT_SIZE - 1, bold=True))
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 16)

        self.retry_button = QPushButton()
        self.cancel_button = QPushButton()
        self.follow_button = QPushButton()
        for button in (self.retry_button, self.cancel_button, self.follow_button):
            button.setFont(sized_font(self, BASE_POINT_SIZE + 1, bold=True))
            button.setMinimumHeight(48)
        self.reason_box = QComboBox()
        self.reason_box.setEditable(True)
        self.reason_box.setMinimumWidth(260)
        self.reason_box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.reason_box.setFont(sized_font(self, BASE_POINT_SIZE))
        self.reason_box.setMinimumHeight(44)
        self._reason_label = QLabel()
        self._reason_label.setFont(sized_font(self, BASE_POINT_SIZE))
        actions = QHBoxLayout()
        actions.addWidget(self.retry_button)
        actions.addSpacing(18)
        actions.addWidget(self._reason_label)
        actions.addWidget(self.reason_box, 1)
        actions.addWidget(self.cancel_button)

        self.detail = QLabel()  # the selected failed job's whole error; the cell cuts it
        self.detail.setObjectName("errorDetail")
        self.detail.setWordWrap(True)
        self.detail.setFont(sized_font(self, BASE_POINT_SIZE + 1, bold=True))
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel()
        self.message.setObjectName("messageLine")
        self.message.setWordWrap(True)
        self.message.setFont(sized_font(self, BASE_POINT_SIZE, bold=True))

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.detail)
        left_layout.addLayout(actions)
        left_layout.addWidget(self.message)

        self.preview_caption = QLabel()
        self.preview_caption.setObjectName("previewCaption")
        self.preview_caption.setWordWrap(True)
        self.preview_caption.setFont(sized_font(self, BASE_POINT_SIZE, bold=True))
        self.preview_image = QLabel()
        self.preview_image.setObjectName("previewImage")
        self.preview_image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_image.setMinimumSize(220, 300)
        self.preview_image.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.preview_image.setWordWrap(True)
        right = QFrame()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.preview_caption)
        right_layout.addWidget(self.preview_image, 1)
        right_layout.addWidget(self.follow_button)

        self._splitter = QSplitter(Qt.Orientation.Horizontal)
        self._splitter.addWidget(left)
        self._splitter.addWidget(right)
        self._splitter.setStretchFactor(0, 3)
        self._splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 6)
        layout.addLayout(chips)
        layout.addWidget(self._splitter, 1)

        self._wire()
        self.retranslate()
        self._on_counts(dict.fromkeys(STATUSES, 0))
        self._update_buttons()

    def _wire(self) -> None:
        """Every connection of the screen, in one place."""
        m = self.model
        m.rows_changed.connect(self._on_rows)
        m.counts_changed.connect(self._on_counts)
        m.preview_ready.connect(self._on_preview)
        m.preview_failed.connect(self._on_preview_failed)
        m.error.connect(self._say_bad)
        m.done.connect(self._say_good)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.retry_button.clicked.connect(self._on_retry)
        self.cancel_button.clicked.connect(self._on_cancel)
        self.follow_button.clicked.connect(self.follow_newest)

    # -- the screen contract --------------------------------------------------------

    def title(self) -> str:
        return self.tr("Print jobs")

    def handle_scan(self, meaning: object) -> bool:
        """Scans mean nothing here; returns False (not handled)."""
        return False

    # -- queries for tests and the window -------------------------------------------

    def row_of(self, job_id: int) -> int | None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, COL["job"])
            if item is not None and item.data(JOB_ROLE) == job_id:
                return row
        return None

    def selected_job(self) -> int | None:
        return self._selected

    def select_job(self, job_id: int) -> bool:
        """Select a job's row as a click would; False if it is not listed."""
        row = self.row_of(job_id)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    def status_item(self, job_id: int) -> QTableWidgetItem | None:
        row = self.row_of(job_id)
        return None if row is None else self.table.item(row, COL["status"])

    def error_text(self, job_id: int) -> str:
        row = self.row_of(job_id)
        item = None if row is None else self.table.item(row, COL["error"])
        return item.text() if item is not None else ""

    def preview_pixmap(self) -> QPixmap:
        return self.preview_image.pixmap()

    @property
    def preview_image_size(self) -> tuple[int, int]:
        """Size of the label picture shown (before scaling to the pane)."""
        return self._image.width(), self._image.height()

    @property
    def shown_preview(self) -> int | None:
        return self._shown_preview

    # -- actions --------------------------------------------------------------------

    def follow_newest(self) -> None:
        """Stop showing the picked job; show each newest label as it arrives."""
        self._selected = None
        self._restoring = True
        try:
            self.table.clearSelection()
        finally:
            self._restoring = False
        self._update_buttons()
        self._preview_newest()

    def _on_retry(self) -> None:
        if self._selected is not None:
            self.model.retry(self._selected)

    def _on_cancel(self) -> None:
        if self._selected is not None:
            self.model.cancel(self._selected, self.reason_box.currentText())

    # -- slots ----------------------------------------------------------------------

    def _on_rows(self, rows: list[JobRow]) -> None:
        self._rows = list(rows)
        self._fill_table()
        if self._selected is not None and self.row_of(self._selected) is None:
            self._selected = None  # scrolled out of the list
        self._update_buttons()
        if self._selected is None:
            self._preview_newest()

    def _fill_table(self) -> None:
        now = datetime.now().astimezone()
        behind = held_behind(self._rows)
        scroll = self.table.verticalScrollBar().value()
        self._restoring = True
        try:
            self.table.setRowCount(len(self._rows))
            for r, job in enumerate(self._rows):
                for c, item in enumerate(self._items(job, now, behind.get(job.id))):
                    self.table.setItem(r, c, item)
            if self._selected is not None:
                row = self.row_of(self._selected)
                if row is not None:
                    self.table.selectRow(row)
            self.table.resizeColumnsToContents()
            self.table.horizontalHeader().setSectionResizeMode(
                COL["error"], QHeaderView.ResizeMode.Stretch
            )
            self.table.verticalScrollBar().setValue(scroll)
        finally:
            self._restoring = False

    def _items(self, job: JobRow, now: datetime, behind: int | None) -> list[QTableWidgetItem]:
        error = ""
        if job.status == "failed":
            error = job.last_error
            if job.next_try_at is not None:
                error += " — " + self.tr("next try {time}").format(time=_when(job.next_try_at, now))
        elif behind is not None:
            error = self.tr("waiting: job {job} on this printer has not printed yet").format(
                job=behind
            )
        texts = {
            "job": str(job.id),
            "time": _when(job.created_at, now),
            "kind": self._kind_name(job.kind),
            "order": job.order_no,
            "format": job.format.upper(),
            "printer": job.printer,
            "status": self._status_name(job.status),
            "tries": str(job.attempts),
            "error": error,
        }
        items = []
        for name in COLUMNS:
            item = QTableWidgetItem(texts[name])
            item.setData(JOB_ROLE, job.id)
            if name in ("job", "tries"):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            items.append(item)
        status = items[COL["status"]]
        status.setData(STATUS_ROLE, job.status)
        background, colour = STATUS_COLOURS.get(job.status, ("#ffffff", "#000000"))
        status.setBackground(QBrush(QColor(background)))
        status.setForeground(QBrush(QColor(colour)))
        status.setFont(sized_font(self, BASE_POINT_SIZE, bold=True))
        status.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        if error:
            items[COL["error"]].setForeground(QBrush(QColor(ERROR_TEXT)))
            items[COL["error"]].setToolTip(job.last_error)
        items[COL["printer"]].setToolTip(job.printer)
        return items

    def _on_counts(self, counts: dict[str, int]) -> None:
        names = {
            "queued": self.tr("Queued {n}"),
            "failed": self.tr("Failed {n}"),
            "sent": self.tr("Sent {n}"),
            "cancelled": self.tr("Cancelled {n}"),
        }
        for status, chip in self._chips.items():
            n = counts.get(status, 0)
            chip.setText(names[status].format(n=n))
            chip.setProperty("count", n)

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._restoring:
            return
        indexes = selected.indexes()
        if not indexes:
            return
        job_id = self.table.item(indexes[0].row(), COL["job"]).data(JOB_ROLE)
        self._selected = int(job_id)
        self._update_buttons()
        self._ask_preview(self._selected)

    def _preview_newest(self) -> None:
        if not self._rows:
            self._shown_preview = None
            self._image = QImage()
            self.preview_image.clear()
            self.preview_image.setText(self.tr("No label printed yet."))
            self._update_caption()
            return
        newest = max(job.id for job in self._rows)
        if newest != self._shown_preview:
            self._ask_preview(newest)

    def _ask_preview(self, job_id: int) -> None:
        self._shown_preview = job_id
        self._update_caption()
        self.model.preview(job_id)

    def _on_preview(self, image: QImage) -> None:
        self._image = image
        self._show_image()

    def _on_preview_failed(self, text: str) -> None:
        self._image = QImage()
        self.preview_image.clear()
        self.preview_image.setText(text)

    def _show_image(self) -> None:
        if self._image.isNull():
            return
        box = self.preview_image.contentsRect().size()
        pixmap = QPixmap.fromImage(self._image)
        if box.width() > 10 and box.height() > 10:
            pixmap = pixmap.scaled(
                box, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        self.preview_image.setPixmap(pixmap)

    def _update_caption(self) -> None:
        job = next((j for j in self._rows if j.id == self._shown_preview), None)
        if job is None:
            self.preview_caption.setText(self.tr("Label preview"))
            return
        head = (
            self.tr("Job {job}").format(job=job.id)
            if self._selected
            else self.tr("Newest label: job {job}").format(job=job.id)
        )
        parts = [head, self._kind_name(job.kind), job.format.upper()]
        if job.order_no:
            parts.append(job.order_no)
        self.preview_caption.setText(" · ".join(parts))

    def _update_buttons(self) -> None:
        job = next((j for j in self._rows if j.id == self._selected), None)
        pending = job is not None and job.status in PENDING
        self.retry_button.setEnabled(pending)
        self.cancel_button.setEnabled(pending)
        self.follow_button.setEnabled(self._selected is not None)
        if job is not None and job.status == "failed" and job.last_error:
            self.detail.setText(
                self.tr("Job {job}: {error}").format(job=job.id, error=job.last_error)
            )
            self.detail.show()
        else:
            self.detail.clear()
            self.detail.hide()

    def _say_bad(self, text: str) -> None:
        self._say("bad", text)

    def _say_good(self, text: str) -> None:
        self._say("good", text)

    def _say(self, tone: str, text: str) -> None:
        self.message.setProperty("tone", tone)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)

    # -- look and language ----------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show_image()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._show_image()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _status_name(self, status: str) -> str:
        return {
            "queued": self.tr("Queued"),
            "sent": self.tr("Sent"),
            "failed": self.tr("Failed"),
            "cancelled": self.tr("Cancelled"),
        }.get(status, status)

    def _kind_name(self, kind: str) -> str:
        return {
            "shipping": self.tr("Waybill"),
            "location": self.tr("Location"),
            "tote": self.tr("Tote"),
            "badge": self.tr("Badge"),
            "product": self.tr("Product"),
            "sheet": self.tr("Sheet"),
        }.get(kind, kind)

    def retranslate(self) -> None:
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
        self.table.setHorizontalHeaderLabels([headers[name] for name in COLUMNS])
        self.retry_button.setText(self.tr("Retry now"))
        self.cancel_button.setText(self.tr("Cancel job"))
        self.follow_button.setText(self.tr("Show newest label"))
        self._reason_label.setText(self.tr("Reason:"))
        current = self.reason_box.currentText()
        presets = [
            self.tr("Label no longer needed"),
            self.tr("Printed on another printer"),
            self.tr("Wrong printer"),
            self.tr("Order intercepted"),
        ]
        self.reason_box.clear()
        self.reason_box.addItems(presets)
        if current and current not in presets and self.reason_box.findText(current) < 0:
            self.reason_box.setEditText(current)
        self._on_counts(dict(self.model.counts) or dict.fromkeys(STATUSES, 0))
        if self._rows:
            self._fill_table()
        self._update_caption()
        if self._image.isNull() and not self._rows:
            self.preview_image.setText(self.tr("No label printed yet."))
