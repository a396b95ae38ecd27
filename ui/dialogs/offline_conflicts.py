"""The scans made offline that the central database refused when they were replayed.

Shown by the station window after a replay with conflicts: when each scan was made,
what was scanned, for which task or order, and why it was refused — so the picker or
packer can put things right (take the items out of the tote of a cancelled order,
hand the task's items to whoever has it now). ``CONFIRM`` or OK closes it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import scan as sc
from app.services.station.replay import ReplayReport
from ui.i18n.messages import refusal_text
from ui.widgets import theme


def reason_text(code: str, params: dict[str, Any], fallback: str) -> str:
    """The refusal in the station's language where its code is known, else the
    service's own sentence."""
    return refusal_text(code, params, fallback)


class ConflictsDialog(QDialog):
    def __init__(self, report: ReplayReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("offlineConflicts")
        self.setWindowTitle(self.tr("Offline scans refused"))
        self.setMinimumWidth(760)
        heading = QLabel(
            self.tr(
                "{n} scans made while the central database was away were refused when they were sent. "
                "They are not counted: put the items right as each line says."
            ).format(n=len(report.conflicts))
        )
        heading.setWordWrap(True)
        heading.setFont(theme.stepped_font(heading, theme.DIALOG_HEADING_STEP, bold=True))
        heading.setStyleSheet(
            theme.qss("background: $WARN; color: $ON_WARN; padding: 10px; border-radius: 6px;")
        )

        self.table = QTableWidget(len(report.conflicts), 4)
        self.table.setObjectName("conflictsTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("Scan"), self.tr("Work"), self.tr("Why it was refused")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for row, (entry, message) in enumerate(report.conflicts):
            code, params = report.conflict_codes.get(entry.id, ("", {}))
            work = (
                self.tr("pick task {id}") if entry.kind == "pick" else self.tr("order {id}")
            ).format(id=entry.target_id)
            cells = (
                entry.at.astimezone().strftime("%H:%M:%S"),
                entry.code,
                work,
                reason_text(code, params, message),
            )
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        box = QVBoxLayout(self)
        box.addWidget(heading)
        box.addWidget(self.table, 1)
        box.addWidget(buttons)

    def handle_scan(self, meaning: sc.Scan) -> None:
        """A scan while the list is open: ``CONFIRM`` closes it, anything else waits."""
        if isinstance(meaning, sc.Command) and meaning.name in ("CONFIRM", "CANCEL"):
            self.accept()
