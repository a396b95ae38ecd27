"""The supervisor's dashboard (主管看板): waves and their cut-off risk, orders by status,
the exceptions waiting for a decision, throughput, and the shift report.

The screen knows only its view-model (:class:`SupervisorModel`) and the feedback
line. Every action asks for a reason first (a weight override asks for a
supervisor's badge and PIN too) and then runs on the worker; the tables redraw from
the model's signals. Large type: it is read from a metre away.

This module is the container: the refresh line, one tab per job (:mod:`.waves_tab`,
:mod:`.orders_tab`, :mod:`.exceptions_tab`, :mod:`.throughput_tab`,
:mod:`.report_tab`), the feedback banner and what the actions' outcomes say.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.scan import Order as OrderScan
from app.services.supervision import ActionDone, ExceptionRow, WaveRow
from ui.screens.supervisor.build import BuildWavesDialog
from ui.screens.supervisor.cells import local_time
from ui.screens.supervisor.exceptions_tab import ExceptionsTab
from ui.screens.supervisor.labels import exception_kind_label
from ui.screens.supervisor.orders_tab import OrdersTab
from ui.screens.supervisor.report_tab import ShiftReportTab
from ui.screens.supervisor.throughput_tab import ThroughputTab
from ui.screens.supervisor.waves_tab import WavesTab
from ui.viewmodels.supervisor import SupervisorModel
from ui.widgets import theme
from ui.widgets.feedback import Feedback, FeedbackBanner
from ui.widgets.tables import table_rows

STYLE = theme.qss("""
QTableWidget { gridline-color: $LINE; }
QLabel#riskLabel { background: $BAD; color: $ON_BAD; padding: 8px 12px; border-radius: 6px; font-weight: bold; }
QLabel#sectionHint { color: $MUTED; }
QPushButton { padding: 6px 16px; }
""")


class SupervisorScreen(QWidget):
    """See the module doc."""

    def __init__(
        self, model: SupervisorModel, feedback: Feedback, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.feedback = feedback
        self.setFont(theme.font_at_least(self, theme.BODY))
        self.setStyleSheet(STYLE)

        self.waves = WavesTab(model, feedback)
        self.orders = OrdersTab(model)
        self.exceptions = ExceptionsTab(model, feedback)
        self.throughput = ThroughputTab(model)
        self.report = ShiftReportTab(model, feedback)
        self.tabs = QTabWidget()
        for tab in (self.waves, self.orders, self.exceptions, self.throughput, self.report):
            self.tabs.addTab(tab, "")

        # The tabs' widgets that the tests and the window reach through the screen.
        self.waves_table = self.waves.table
        self.pause_button = self.waves.pause_button
        self.resume_button = self.waves.resume_button
        self.orders_table = self.orders.table
        self.exceptions_table = self.exceptions.table
        self.cancel_order_button = self.exceptions.cancel_order_button
        self.risk_label = self.throughput.risk_label
        self.charts = self.throughput.charts
        self.workers_table = self.throughput.workers_table
        self.stations_table = self.throughput.stations_table
        self.export_status = self.report.status

        self.status_line = QLabel()
        self.status_line.setObjectName("sectionHint")
        self.refresh_button = QPushButton()
        top = QHBoxLayout()
        top.addWidget(self.status_line, 1)
        top.addWidget(self.refresh_button)
        self.banner = FeedbackBanner(feedback, self, point_size=theme.BANNER_DESK)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*theme.MARGINS_DESK)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.banner)
        self._wire()
        self.retranslate()

    def _wire(self) -> None:
        """The screen's own connections; each tab wires its own in its ``_wire``."""
        m = self.model
        m.exceptions_changed.connect(self._on_exceptions)
        m.refreshed.connect(self._on_refreshed)
        m.action_done.connect(self._on_action_done)
        m.action_failed.connect(self._on_action_failed)
        m.error.connect(self._on_error)
        self.refresh_button.clicked.connect(m.refresh)

    # -- the window's interface -------------------------------------------------------

    def title(self) -> str:
        return self.tr("Supervisor")

    def handle_scan(self, meaning: object) -> bool:
        """An order number selects the order's exception; other scans mean nothing here."""
        if not isinstance(meaning, OrderScan):
            return False
        row = self.exceptions.row_of_order(meaning.order_no)
        if row is None:
            self.feedback.info(
                self.tr("Order {order} has no exception.").format(order=meaning.order_no)
            )
            return True
        self.tabs.setCurrentWidget(self.exceptions)
        self.exceptions_table.selectRow(row)
        self.feedback.info(
            self.tr("Order {order}: {kind}").format(
                order=meaning.order_no,
                kind=exception_kind_label(self.exceptions.rows()[row].kind),
            )
        )
        return True

    # -- queries and steps for tests --------------------------------------------------

    def rows(self, table: QTableWidget) -> list[list[str]]:
        return table_rows(table)

    def action_button(self, row: int) -> QPushButton:
        return self.exceptions.action_button(row)

    def exception_rows(self) -> list[ExceptionRow]:
        return self.exceptions.rows()

    def selected_exception(self) -> ExceptionRow | None:
        return self.exceptions.selected()

    def wave_rows(self) -> list[WaveRow]:
        return self.waves.rows()

    def open_build_dialog(self) -> BuildWavesDialog:
        return self.waves.open_build_dialog()

    def set_export_window(self, start: datetime, end: datetime) -> None:
        self.report.set_time_window(start, end)

    def export_report(self, kind: str, path: str | None = None) -> None:
        self.report.export(kind, path)

    # -- outcomes ---------------------------------------------------------------------

    def _on_action_done(self, action: str, done: object) -> None:
        result = done if isinstance(done, ActionDone) else ActionDone(action, "")
        order, get = result.order_no or "", result.detail
        texts: dict[str, Callable[[], str]] = {
            "release_hold": lambda: self.tr("Hold released on order {order}.").format(order=order),
            "release_task": lambda: self.tr("Task released; it is open for the next picker."),
            "reassign_task": lambda: self.tr("Task given to {name}.").format(name=get("to", "")),
            "cancel_order": lambda: (
                self.tr("Order {order} cancelled: intercept it at packing.")
                if get("intercepted")
                else self.tr("Order {order} cancelled; its stock is released.")
            ).format(order=order),
            "resolve_interception": lambda: self.tr(
                "Interception of order {order} resolved."
            ).format(order=order),
            "approve_override": lambda: self.tr(
                "Weight override approved for order {order}."
            ).format(order=order),
            "retry_print": lambda: self.tr("The label is queued again."),
            "pause_wave": lambda: self.tr("Wave {wave} paused.").format(wave=get("code", "")),
            "resume_wave": lambda: self.tr("Wave {wave} resumed.").format(wave=get("code", "")),
            "cancel_wave": lambda: self.tr(
                "Wave {wave}: {removed} tasks taken back, {kept} stay."
            ).format(
                wave=get("code", ""), removed=get("tasks_removed", 0), kept=get("tasks_kept", 0)
            ),
        }
        self.feedback.done(texts.get(action, lambda: self.tr("Done."))())

    def _on_action_failed(self, action: str, code: str, message: str) -> None:
        if action == "build_waves":
            return  # shown in the build dialog
        del code  # the view-model already turned it into a sentence (ui.i18n.messages)
        self.feedback.bad(message)

    def _on_error(self, message: str) -> None:
        self.status_line.setText(self.tr("Cannot refresh: {error}").format(error=message))

    def _on_refreshed(self) -> None:
        snap = self.model.snapshot
        when = local_time(snap.now) if snap else "—"
        self.status_line.setText(self.tr("Updated at {time}").format(time=when))

    def _on_exceptions(self, _rows: list[ExceptionRow]) -> None:
        self.tabs.setTabText(self.tabs.indexOf(self.exceptions), self._exceptions_tab_title())

    def _exceptions_tab_title(self) -> str:
        n = len(self.exceptions.rows())
        return self.tr("Exceptions ({count})").format(count=n) if n else self.tr("Exceptions")

    # -- language ---------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """The screen's own words; each tab retranslates itself on the same LanguageChange."""
        titles = {
            self.waves: self.tr("Waves"),
            self.orders: self.tr("Orders"),
            self.exceptions: self._exceptions_tab_title(),
            self.throughput: self.tr("Throughput"),
            self.report: self.tr("Export"),
        }
        for tab, text in titles.items():
            self.tabs.setTabText(self.tabs.indexOf(tab), text)
        self.refresh_button.setText(self.tr("Refresh"))
