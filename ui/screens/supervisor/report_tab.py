"""The export tab of the supervisor's screen: the shift report for a time window, as
CSV or PDF, written on the worker."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QEvent, QTime
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.local_time import LOCAL
from app.services.supervision.dashboard import EXCEPTION_KINDS
from ui.screens.supervisor.labels import exception_kind_label
from ui.viewmodels.supervisor import SupervisorModel, start_of_day
from ui.widgets.feedback import Feedback
from ui.widgets.forms import set_form_labels


class ShiftReportTab(QWidget):
    """See the module doc; the window opens on today so far."""

    def __init__(
        self, model: SupervisorModel, feedback: Feedback, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.feedback = feedback
        self.export_from = QDateTimeEdit()
        self.export_to = QDateTimeEdit()
        for edit in (self.export_from, self.export_to):
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            edit.setCalendarPopup(True)
        now = model.now()
        self.set_time_window(start_of_day(now), now)
        self.csv_button = QPushButton()
        self.pdf_button = QPushButton()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.form = QFormLayout()
        self.form.addRow(QLabel(), self.export_from)
        self.form.addRow(QLabel(), self.export_to)
        buttons = QHBoxLayout()
        buttons.addWidget(self.csv_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self._wire()
        self.retranslate()

    def _wire(self) -> None:
        """Every connection of the tab, in one place."""
        self.model.exported.connect(self._on_exported)
        self.model.export_failed.connect(self._on_export_failed)
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))

    # -- the window -------------------------------------------------------------------

    def set_time_window(self, start: datetime, end: datetime) -> None:
        for edit, when in ((self.export_from, start), (self.export_to, end)):
            local = when.astimezone(LOCAL)
            edit.setDateTime(
                QDateTime(
                    QDate(local.year, local.month, local.day), QTime(local.hour, local.minute)
                )
            )

    def time_window(self) -> tuple[datetime, datetime]:
        def read(edit: QDateTimeEdit) -> datetime:
            d, t = edit.date(), edit.time()
            return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=LOCAL)

        return read(self.export_from), read(self.export_to)

    # -- writing ----------------------------------------------------------------------

    def pdf_labels(self) -> dict[str, str]:
        """The report's headings in the station's language (keys of shift_report.HEADINGS)."""
        return {
            "title": self.tr("Shift report"),
            "period": self.tr("Period"),
            "generated_at": self.tr("Generated"),
            "workers": self.tr("Per worker"),
            "stations": self.tr("Per station"),
            "hours": self.tr("Per hour"),
            "waves": self.tr("Waves"),
            "exception": self.tr("Exceptions"),
            "worker": self.tr("Worker"),
            "station": self.tr("Station"),
            "hour": self.tr("Hour"),
            "wave": self.tr("Wave"),
            "lines_picked": self.tr("Lines"),
            "units_picked": self.tr("Units"),
            "shorts": self.tr("Shorts"),
            "scans": self.tr("Scans"),
            "refused": self.tr("Refused"),
            "misscan_rate": self.tr("Mis-scan"),
            "orders_packed": self.tr("Packed"),
            "active_hours": self.tr("Hours"),
            "lines_per_hour": self.tr("Lines/h"),
            "units_per_hour": self.tr("Units/h"),
            "total": self.tr("Total"),
            "none": self.tr("None"),
            **{f"kind.{k}": exception_kind_label(k) for k in EXCEPTION_KINDS},
        }

    def export(self, kind: str, path: str | None = None) -> None:
        """Ask where to save (unless ``path`` is given) and write on the worker."""
        start, end = self.time_window()
        if end <= start:
            self.feedback.bad(self.tr("The report must end after it starts."))
            return
        if path is None:
            name = f"shift-{start:%Y%m%d-%H%M}.{kind}"
            pattern = (
                self.tr("PDF files (*.pdf)") if kind == "pdf" else self.tr("CSV files (*.csv)")
            )
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save the shift report"), name, pattern
            )
            if not path:
                return
            if not path.lower().endswith(f".{kind}"):
                path += f".{kind}"
        self.status.setText(self.tr("Writing {path}…").format(path=path))
        self.model.export(path, start, end, labels=self.pdf_labels() if kind == "pdf" else None)

    def _on_exported(self, path: str) -> None:
        self.status.setText(self.tr("Saved {path}").format(path=path))
        self.feedback.done(self.tr("Shift report saved."))

    def _on_export_failed(self, message: str) -> None:
        self.status.setText(message)
        self.feedback.bad(
            self.tr("The shift report could not be saved: {error}").format(error=message)
        )

    # -- language ---------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        set_form_labels(self.form, (self.tr("From"), self.tr("To")))
        self.csv_button.setText(self.tr("Save CSV…"))
        self.pdf_button.setText(self.tr("Save PDF…"))
