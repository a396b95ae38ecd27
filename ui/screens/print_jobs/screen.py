"""The print jobs of this station (打印任务): what printed, what waits, what failed and
why — with Retry, Cancel and a picture of the label.

Statuses carry the station colours: sent green, queued amber, failed red (with the
printer's error and the time of the next try), cancelled grey. The preview pane shows
the selected job's label, or the newest one while nothing is selected, so a station
printing to the virtual printer sees every label as it is made. The list is
:mod:`.table`, the preview pane :mod:`.preview`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.printing import PENDING, STATUSES, JobRow
from ui.screens.print_jobs.preview import LabelPreview
from ui.screens.print_jobs.table import STATUS_COLOURS, JobsTable
from ui.viewmodels.print_jobs import PrintJobsModel
from ui.widgets import theme

STYLE = theme.qss("""
QLabel#countChip { border-radius: 8px; padding: 6px 14px; }
QLabel#previewImage { background: $PREVIEW; border: 1px solid $LINE_STRONG; }
QLabel#previewCaption { color: $CAPTION; }
QLabel#errorDetail { color: $ERROR_TEXT; }
QLabel#messageLine[tone="bad"] { color: $ERROR_TEXT; }
QLabel#messageLine[tone="good"] { color: $GOOD_TEXT; }
""")


class PrintJobsScreen(QWidget):
    """See the module doc; knows only its :class:`PrintJobsModel`."""

    def __init__(self, model: PrintJobsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.setStyleSheet(STYLE)
        self.setFont(theme.font_at_least(self, theme.BENCH_BODY))
        self._rows: list[JobRow] = []
        self._selected: int | None = None  # the job the operator picked; None: follow the newest
        self._shown_preview: int | None = None
        self._restoring = False

        self._chips: dict[str, QLabel] = {}
        chips = QHBoxLayout()
        chips.setSpacing(theme.GAP)
        for status in ("queued", "failed", "sent", "cancelled"):
            chip = QLabel()
            chip.setObjectName("countChip")
            chip.setFont(theme.sized_font(self, theme.COUNT_CHIP, bold=True))
            background, colour = STATUS_COLOURS[status]
            chip.setStyleSheet(f"QLabel#countChip {{ background: {background}; color: {colour}; }}")
            self._chips[status] = chip
            chips.addWidget(chip)
        chips.addStretch(1)

        self.table = JobsTable()
        self.retry_button = QPushButton()
        self.cancel_button = QPushButton()
        for button in (self.retry_button, self.cancel_button):
            button.setFont(theme.sized_font(self, theme.BENCH_EMPHASIS, bold=True))
            button.setMinimumHeight(48)
        self.reason_box = QComboBox()
        self.reason_box.setEditable(True)
        self.reason_box.setMinimumWidth(260)
        self.reason_box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.reason_box.setFont(theme.sized_font(self, theme.BENCH_BODY))
        self.reason_box.setMinimumHeight(44)
        self._reason_label = QLabel()
        self._reason_label.setFont(theme.sized_font(self, theme.BENCH_BODY))
        actions = QHBoxLayout()
        actions.addWidget(self.retry_button)
        actions.addSpacing(18)
        actions.addWidget(self._reason_label)
        actions.addWidget(self.reason_box, 1)
        actions.addWidget(self.cancel_button)

        self.detail = QLabel()  # the selected failed job's whole error; the cell cuts it
        self.detail.setObjectName("errorDetail")
        self.detail.setWordWrap(True)
        self.detail.setFont(theme.sized_font(self, theme.BENCH_EMPHASIS, bold=True))
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel()
        self.message.setObjectName("messageLine")
        self.message.setWordWrap(True)
        self.message.setFont(theme.sized_font(self, theme.BENCH_BODY, bold=True))

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.detail)
        left_layout.addLayout(actions)
        left_layout.addWidget(self.message)

        self.preview = LabelPreview()
        self.preview_caption = self.preview.caption
        self.preview_image = self.preview.image
        self.follow_button = self.preview.follow_button
        self.follow_button.setFont(theme.sized_font(self, theme.BENCH_EMPHASIS, bold=True))
        self.follow_button.setMinimumHeight(48)

        self._splitter = QSplitter(Qt.Orientation.Horizontal)
        self._splitter.addWidget(left)
        self._splitter.addWidget(self.preview)
        self._splitter.setStretchFactor(0, 3)
        self._splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*theme.MARGINS)
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
        m.preview_failed.connect(self.preview.show_text)
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
        return self.table.row_of(job_id)

    def selected_job(self) -> int | None:
        return self._selected

    def select_job(self, job_id: int) -> bool:
        """Select a job's row as a click would; False if it is not listed."""
        row = self.table.row_of(job_id)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    def status_item(self, job_id: int) -> QTableWidgetItem | None:
        return self.table.status_item(job_id)

    def error_text(self, job_id: int) -> str:
        return self.table.error_text(job_id)

    def preview_pixmap(self) -> QPixmap:
        return self.preview.pixmap()

    @property
    def preview_image_size(self) -> tuple[int, int]:
        """Size of the label picture shown (before scaling to the pane)."""
        return self.preview.image_size

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
        if self._selected is not None and self.table.row_of(self._selected) is None:
            self._selected = None  # scrolled out of the list
        self._update_buttons()
        if self._selected is None:
            self._preview_newest()

    def _fill_table(self) -> None:
        """Redraw the rows; the selection it restores is not the operator's click."""
        self._restoring = True
        try:
            self.table.show_jobs(self._rows, self._selected)
        finally:
            self._restoring = False

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
        job_id = self.table.job_at(indexes[0].row()) if indexes else None
        if job_id is None:
            return
        self._selected = job_id
        self._update_buttons()
        self._ask_preview(job_id)

    def _preview_newest(self) -> None:
        if not self._rows:
            self._shown_preview = None
            self.preview.show_text(self.tr("No label printed yet."))
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
        self.preview.show_image(image)

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
        parts = [head, self.table.kind_name(job.kind), job.format.upper()]
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

    # -- language -------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.table.retranslate()
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
        if not self.preview.has_image() and not self._rows:
            self.preview.show_text(self.tr("No label printed yet."))
