"""The waves tab of the supervisor's screen: each wave's progress, cut-off and
estimated finish (red when it will be late, amber when it is tight); pause, resume,
cancel and build waves."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.services.supervision import WaveRow
from ui.screens.supervisor.build import BuildWavesDialog
from ui.screens.supervisor.cells import (
    bar,
    item,
    local_time,
    read_only_table,
    reselect,
    selected_row,
    tint,
)
from ui.screens.supervisor.reasons import ReasonPrompt
from ui.viewmodels.supervisor import SupervisorModel
from ui.widgets import theme
from ui.widgets.feedback import Feedback

WAVE_COLUMNS = (
    "wave",
    "carrier",
    "kind",
    "status",
    "cutoff",
    "orders",
    "lines",
    "units",
    "packed",
    "pickers",
    "started",
    "finish",
)
RISK_COLOURS = {"late": theme.ROW_BAD, "tight": theme.ROW_WARN}


class WavesTab(QWidget):
    """See the module doc; redraws from the model's ``waves_changed``."""

    def __init__(
        self, model: SupervisorModel, feedback: Feedback, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.feedback = feedback
        self.reasons = ReasonPrompt(self, feedback)
        self._waves: list[WaveRow] = []
        self._selected: int | None = None

        self.table = read_only_table(len(WAVE_COLUMNS))
        self.pause_button = QPushButton()
        self.resume_button = QPushButton()
        self.cancel_button = QPushButton()
        self.build_button = QPushButton()
        buttons = QHBoxLayout()
        for b in (self.pause_button, self.resume_button, self.cancel_button):
            b.setEnabled(False)
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.build_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._wire()
        self.retranslate()

    def _wire(self) -> None:
        """Every connection of the tab, in one place."""
        self.model.waves_changed.connect(self._on_waves)
        self.table.itemSelectionChanged.connect(self._on_selected)
        self.pause_button.clicked.connect(self.pause_selected)
        self.resume_button.clicked.connect(self.resume_selected)
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.build_button.clicked.connect(self.open_build_dialog)

    def rows(self) -> list[WaveRow]:
        return list(self._waves)

    def selected(self) -> WaveRow | None:
        return next((w for w in self._waves if w.id == self._selected), None)

    # -- drawing ----------------------------------------------------------------------

    def _on_waves(self, waves: list[WaveRow]) -> None:
        self._waves = list(waves)
        t = self.table
        t.setRowCount(len(waves))
        for row, w in enumerate(waves):
            colour = RISK_COLOURS.get(w.risk)
            values = {
                "wave": item(w.code, ref=w.id),
                "carrier": item(w.carrier or "—"),
                "kind": item(self.kind_label(w.kind)),
                "status": item(self.status_label(w.status)),
                "cutoff": item(local_time(w.cutoff)),
                "orders": item(str(w.orders), right=True),
                "pickers": item(", ".join(w.pickers) or "—"),
                "started": item(local_time(w.started)),
                "finish": item(self._finish_text(w)),
            }
            for key, cell in values.items():
                if colour:
                    tint(cell, colour)
                t.setItem(row, WAVE_COLUMNS.index(key), cell)
            progress = {
                "lines": (w.lines_picked + w.lines_short, w.lines_total),
                "units": (w.units_picked, w.units_total),
                "packed": (w.orders_packed, w.orders),
            }
            for key, (done, total) in progress.items():
                t.setCellWidget(row, WAVE_COLUMNS.index(key), bar(done, total, colour))
        keep = next((row for row, w in enumerate(waves) if w.id == self._selected), None)
        if keep is None:
            self._selected = None
        reselect(t, keep)
        self._update_buttons()

    def _finish_text(self, w: WaveRow) -> str:
        if w.units_remaining == 0:
            return self.tr("picked")
        if w.estimated_finish is None:
            return self.tr("no pick rate")
        text = local_time(w.estimated_finish)
        if w.risk == "late":
            text += " ⚠"
        return text

    def _on_selected(self) -> None:
        row = selected_row(self.table, len(self._waves))
        self._selected = self._waves[row].id if row is not None else None
        self._update_buttons()

    def _update_buttons(self) -> None:
        w = self.selected()
        status = w.status if w else ""
        self.pause_button.setEnabled(status in ("released", "picking"))
        self.resume_button.setEnabled(status == "paused")
        self.cancel_button.setEnabled(bool(w) and status not in ("cancelled", "picked"))

    # -- actions ----------------------------------------------------------------------

    def pause_selected(self) -> None:
        w = self.selected()
        if w is not None:
            self.reasons.then(
                self.tr("Pause wave {wave}").format(wave=w.code),
                self.tr("Why pause it? Open tasks are not handed out until it is resumed."),
                lambda why: self.model.pause_wave(w.id, why),
            )

    def resume_selected(self) -> None:
        w = self.selected()
        if w is not None:
            self.reasons.then(
                self.tr("Resume wave {wave}").format(wave=w.code),
                self.tr("Why resume it now?"),
                lambda why: self.model.resume_wave(w.id, why),
            )

    def cancel_selected(self) -> None:
        w = self.selected()
        if w is not None:
            self.reasons.then(
                self.tr("Cancel wave {wave}").format(wave=w.code),
                self.tr(
                    "Tasks nobody has started are taken back and their orders wait for the next wave; "
                    "tasks being picked stay. Why cancel?"
                ),
                lambda why: self.model.cancel_wave(w.id, why),
            )

    def open_build_dialog(self) -> BuildWavesDialog:
        dialog = BuildWavesDialog(self.model, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._on_built(dialog))
        dialog.open()
        return dialog

    def _on_built(self, dialog: BuildWavesDialog) -> None:
        result = dialog.build_result
        if result is not None:
            orders = sum(w.orders for w in result.waves)
            self.feedback.done(
                self.tr("{waves} waves built for {orders} orders.").format(
                    waves=len(result.waves), orders=orders
                )
            )

    # -- language ---------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def kind_label(self, kind: str) -> str:
        return {"single": self.tr("Single-unit"), "multi": self.tr("Multi-item")}.get(kind, kind)

    def status_label(self, status: str) -> str:
        return {
            "released": self.tr("Released"),
            "picking": self.tr("Picking"),
            "picked": self.tr("Picked"),
            "paused": self.tr("Paused"),
            "cancelled": self.tr("Cancelled"),
        }.get(status, status)

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Wave"),
                self.tr("Carrier"),
                self.tr("Kind"),
                self.tr("Status"),
                self.tr("Cut-off"),
                self.tr("Orders"),
                self.tr("Lines"),
                self.tr("Units"),
                self.tr("Packed"),
                self.tr("Pickers"),
                self.tr("Started"),
                self.tr("Est. finish"),
            ]
        )
        self.pause_button.setText(self.tr("Pause"))
        self.resume_button.setText(self.tr("Resume"))
        self.cancel_button.setText(self.tr("Cancel wave…"))
        self.build_button.setText(self.tr("Build waves…"))
        self._on_waves(self._waves)  # the rows carry translated words
