"""The supervisor's dashboard (主管看板): waves and their cut-off risk, orders by status,
the exceptions waiting for a decision, throughput, and the shift report.

The screen knows only its view-model (:class:`SupervisorModel`) and the feedback
line. Every action asks for a reason first (a weight override asks for a
supervisor's badge and PIN too) and then runs on the worker; the tables redraw from
the model's signals. Large type: it is read from a metre away.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QEvent, Qt, QTime
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateTimeEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.scan import Order as OrderScan
from app.services.supervision import (
    ActionDone,
    ExceptionRow,
    StatusCount,
    Throughput,
    ThroughputRow,
    UserRow,
    WaveRow,
)
from app.services.waves import LOCAL
from ui.i18n.language import hold_label, status_label
from ui.screens.supervisor.build import BuildWavesDialog
from ui.screens.supervisor.charts import ThroughputCharts
from ui.viewmodels.supervisor import SupervisorModel, start_of_day
from ui.widgets.feedback import Feedback, FeedbackBanner
from ui.widgets.theme import sized_font

BASE_POINT_SIZE = 14.0
ID_ROLE = Qt.ItemDataRole.UserRole + 1
RED, AMBER = "#ffcdd2", "#ffe08a"
MISSCAN_WARN, MISSCAN_BAD = 0.05, 0.10
FINAL_STATUSES = frozenset({"shipped", "completed", "cancelled"})

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
EXCEPTION_COLUMNS = ("kind", "since", "order", "detail", "who", "action")
RATE_COLUMNS = (
    "name",
    "lines",
    "units",
    "lines_h",
    "units_h",
    "scans",
    "refused",
    "misscan",
    "shorts",
    "packed",
    "hours",
)

STYLE = """
QTableWidget { gridline-color: #cfd4dc; }
QLabel#riskLabel { background: #c62828; color: white; padding: 8px 12px; border-radius: 6px; font-weight: bold; }
QLabel#sectionHint { color: #4b5563; }
QPushButton { padding: 6px 16px; }
"""


def _local(when: datetime | None) -> str:
    return when.astimezone(LOCAL).strftime("%H:%M") if when is not None else "—"


def _local_day(when: datetime | None) -> str:
    return when.astimezone(LOCAL).strftime("%m-%d %H:%M") if when is not None else "—"


def _table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.horizontalHeader().setFont(sized_font(table, BASE_POINT_SIZE - 1, bold=True))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 18)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


def _item(text: str, *, right: bool = False, ref: object = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if ref is not None:
        item.setData(ID_ROLE, ref)
    return item


def _bar(done: int, total: int, colour: str | None = None) -> QProgressBar:
    bar = QProgressBar()
    bar.setRange(0, max(total, 1))
    bar.setValue(min(done, max(total, 1)))
    bar.setFormat(f"{done} / {total}")
    bar.setAlignment(Qt.AlignmentFlag.AlignCenter)
    if colour:
        bar.setStyleSheet(f"QProgressBar {{ background: {colour}; }}")
    return bar


class SupervisorScreen(QWidget):
    """See the module doc."""

    def __init__(
        self, model: SupervisorModel, feedback: Feedback, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.feedback = feedback
        self._waves: list[WaveRow] = []
        self._exceptions: list[ExceptionRow] = []
        self._orders: list[StatusCount] = []
        self._throughput: Throughput | None = None
        self._users: list[UserRow] = []
        self._selected_wave: int | None = None
        self._selected_exception: str | None = None
        self.setFont(sized_font(self, max(BASE_POINT_SIZE, self.font().pointSizeF())))
        self.setStyleSheet(STYLE)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_waves_tab(), "")
        self.tabs.addTab(self._build_orders_tab(), "")
        self.tabs.addTab(self._build_exceptions_tab(), "")
        self.tabs.addTab(self._build_throughput_tab(), "")
        self.tabs.addTab(self._build_export_tab(), "")

        self.status_line = QLabel()
        self.status_line.setObjectName("sectionHint")
        self.refresh_button = QPushButton()
        top = QHBoxLayout()
        top.addWidget(self.status_line, 1)
        top.addWidget(self.refresh_button)
        self.banner = FeedbackBanner(feedback, self, point_size=16)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 6)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.banner)
        self._wire()
        self.retranslate()

    # -- building ---------------------------------------------------------------------

    def _build_waves_tab(self) -> QWidget:
        page = QWidget()
        self.waves_table = _table(len(WAVE_COLUMNS))
        self.pause_button = QPushButton()
        self.resume_button = QPushButton()
        self.cancel_wave_button = QPushButton()
        self.build_button = QPushButton()
        buttons = QHBoxLayout()
        for b in (self.pause_button, self.resume_button, self.cancel_wave_button):
            b.setEnabled(False)
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.build_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.waves_table, 1)
        layout.addLayout(buttons)
        return page

    def _build_orders_tab(self) -> QWidget:
        page = QWidget()
        self.orders_table = _table(4)
        self.orders_total = QLabel()
        layout = QVBoxLayout(page)
        layout.addWidget(self.orders_table, 1)
        layout.addWidget(self.orders_total)
        return page

    def _build_exceptions_tab(self) -> QWidget:
        page = QWidget()
        self.exceptions_table = _table(len(EXCEPTION_COLUMNS))
        self.cancel_order_button = QPushButton()
        self.reassign_button = QPushButton()
        self.exceptions_hint = QLabel()
        self.exceptions_hint.setObjectName("sectionHint")
        for b in (self.cancel_order_button, self.reassign_button):
            b.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.exceptions_hint, 1)
        buttons.addWidget(self.reassign_button)
        buttons.addWidget(self.cancel_order_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.exceptions_table, 1)
        layout.addLayout(buttons)
        return page

    def _build_throughput_tab(self) -> QWidget:
        page = QWidget()
        self.risk_label = QLabel()
        self.risk_label.setObjectName("riskLabel")
        self.risk_label.setWordWrap(True)
        self.risk_label.hide()
        self.window_label = QLabel()
        self.window_label.setObjectName("sectionHint")
        self.charts = ThroughputCharts()
        self.workers_table = _table(len(RATE_COLUMNS))
        self.stations_table = _table(len(RATE_COLUMNS))
        tables = QSplitter(Qt.Orientation.Horizontal)
        tables.addWidget(self.workers_table)
        tables.addWidget(self.stations_table)
        tables.setStretchFactor(0, 3)
        tables.setStretchFactor(1, 2)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.charts)
        split.addWidget(tables)
        layout = QVBoxLayout(page)
        layout.addWidget(self.risk_label)
        layout.addWidget(self.window_label)
        layout.addWidget(split, 1)
        return page

    def _build_export_tab(self) -> QWidget:
        page = QWidget()
        self.export_from = QDateTimeEdit()
        self.export_to = QDateTimeEdit()
        for edit in (self.export_from, self.export_to):
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            edit.setCalendarPopup(True)
        now = self.model.now()
        self.set_export_window(start_of_day(now), now)
        self.csv_button = QPushButton()
        self.pdf_button = QPushButton()
        self.export_status = QLabel()
        self.export_status.setWordWrap(True)
        self.export_form = QFormLayout()
        self.export_form.addRow(QLabel(), self.export_from)
        self.export_form.addRow(QLabel(), self.export_to)
        buttons = QHBoxLayout()
        buttons.addWidget(self.csv_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addLayout(self.export_form)
        layout.addLayout(buttons)
        layout.addWidget(self.export_status)
        layout.addStretch(1)
        return page

    def _wire(self) -> None:
        """Every connection of the screen, in one place."""
        m = self.model
        m.waves_changed.connect(self._on_waves)
        m.orders_changed.connect(self._on_orders)
        m.exceptions_changed.connect(self._on_exceptions)
        m.throughput_changed.connect(self._on_throughput)
        m.users_changed.connect(self._on_users)
        m.refreshed.connect(self._on_refreshed)
        m.action_done.connect(self._on_action_done)
        m.action_failed.connect(self._on_action_failed)
        m.exported.connect(self._on_exported)
        m.export_failed.connect(self._on_export_failed)
        m.error.connect(self._on_error)
        self.refresh_button.clicked.connect(m.refresh)
        self.waves_table.itemSelectionChanged.connect(self._on_wave_selected)
        self.exceptions_table.itemSelectionChanged.connect(self._on_exception_selected)
        self.pause_button.clicked.connect(self.pause_selected_wave)
        self.resume_button.clicked.connect(self.resume_selected_wave)
        self.cancel_wave_button.clicked.connect(self.cancel_selected_wave)
        self.build_button.clicked.connect(self.open_build_dialog)
        self.cancel_order_button.clicked.connect(self.cancel_selected_order)
        self.reassign_button.clicked.connect(self.reassign_selected_task)
        self.csv_button.clicked.connect(lambda: self.export_report("csv"))
        self.pdf_button.clicked.connect(lambda: self.export_report("pdf"))

    # -- the window's interface -------------------------------------------------------

    def title(self) -> str:
        return self.tr("Supervisor")

    def handle_scan(self, meaning: object) -> bool:
        """An order number selects the order's exception; other scans mean nothing here."""
        if not isinstance(meaning, OrderScan):
            return False
        row = next(
            (i for i, e in enumerate(self._exceptions) if e.order_no == meaning.order_no), None
        )
        if row is None:
            self.feedback.info(
                self.tr("Order {order} has no exception.").format(order=meaning.order_no)
            )
            return True
        self.tabs.setCurrentIndex(2)
        self.exceptions_table.selectRow(row)
        self.feedback.info(
            self.tr("Order {order}: {kind}").format(
                order=meaning.order_no, kind=self.kind_label(self._exceptions[row].kind)
            )
        )
        return True

    # -- queries for tests ------------------------------------------------------------

    def cell(self, table: QTableWidget, row: int, col: int) -> str:
        widget = table.cellWidget(row, col)
        if isinstance(widget, QProgressBar):
            return widget.format()
        if isinstance(widget, QPushButton):
            return widget.text()
        item = table.item(row, col)
        return item.text() if item else ""

    def rows(self, table: QTableWidget) -> list[list[str]]:
        return [
            [self.cell(table, r, c) for c in range(table.columnCount())]
            for r in range(table.rowCount())
        ]

    def action_button(self, row: int) -> QPushButton:
        widget = self.exceptions_table.cellWidget(row, EXCEPTION_COLUMNS.index("action"))
        assert isinstance(widget, QPushButton)
        return widget

    def exception_rows(self) -> list[ExceptionRow]:
        return list(self._exceptions)

    def wave_rows(self) -> list[WaveRow]:
        return list(self._waves)

    # -- waves ------------------------------------------------------------------------

    def _on_waves(self, waves: list[WaveRow]) -> None:
        self._waves = list(waves)
        t = self.waves_table
        t.setRowCount(len(waves))
        keep: int | None = None
        for row, w in enumerate(waves):
            colour = RED if w.risk == "late" else AMBER if w.risk == "tight" else None
            values = {
                "wave": _item(w.code, ref=w.id),
                "carrier": _item(w.carrier or "—"),
                "kind": _item(self.wave_kind_label(w.kind)),
                "status": _item(self.wave_status_label(w.status)),
                "cutoff": _item(_local(w.cutoff)),
                "orders": _item(str(w.orders), right=True),
                "pickers": _item(", ".join(w.pickers) or "—"),
                "started": _item(_local(w.started)),
                "finish": _item(self._finish_text(w)),
            }
            for key, item in values.items():
                if colour:
                    item.setBackground(QBrush(QColor(colour)))
                t.setItem(row, WAVE_COLUMNS.index(key), item)
            t.setCellWidget(
                row,
                WAVE_COLUMNS.index("lines"),
                _bar(w.lines_picked + w.lines_short, w.lines_total, colour),
            )
            t.setCellWidget(
                row, WAVE_COLUMNS.index("units"), _bar(w.units_picked, w.units_total, colour)
            )
            t.setCellWidget(
                row, WAVE_COLUMNS.index("packed"), _bar(w.orders_packed, w.orders, colour)
            )
            if w.id == self._selected_wave:
                keep = row
        if keep is not None:
            t.selectRow(keep)
        else:
            self._selected_wave = None
            t.clearSelection()
        self._update_wave_buttons()
        self._update_risk()

    def _finish_text(self, w: WaveRow) -> str:
        if w.units_remaining == 0:
            return self.tr("picked")
        if w.estimated_finish is None:
            return self.tr("no pick rate")
        text = _local(w.estimated_finish)
        if w.risk == "late":
            text += " ⚠"
        return text

    def selected_wave(self) -> WaveRow | None:
        return next((w for w in self._waves if w.id == self._selected_wave), None)

    def _on_wave_selected(self) -> None:
        rows = self.waves_table.selectionModel().selectedRows()
        self._selected_wave = (
            self._waves[rows[0].row()].id if rows and rows[0].row() < len(self._waves) else None
        )
        self._update_wave_buttons()

    def _update_wave_buttons(self) -> None:
        w = self.selected_wave()
        status = w.status if w else ""
        self.pause_button.setEnabled(status in ("released", "picking"))
        self.resume_button.setEnabled(status == "paused")
        self.cancel_wave_button.setEnabled(bool(w) and status not in ("cancelled", "picked"))

    def pause_selected_wave(self) -> None:
        w = self.selected_wave()
        if w is not None:
            self._with_reason(
                self.tr("Pause wave {wave}").format(wave=w.code),
                self.tr("Why pause it? Open tasks are not handed out until it is resumed."),
                lambda why: self.model.pause_wave(w.id, why),
            )

    def resume_selected_wave(self) -> None:
        w = self.selected_wave()
        if w is not None:
            self._with_reason(
                self.tr("Resume wave {wave}").format(wave=w.code),
                self.tr("Why resume it now?"),
                lambda why: self.model.resume_wave(w.id, why),
            )

    def cancel_selected_wave(self) -> None:
        w = self.selected_wave()
        if w is not None:
            self._with_reason(
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
        result = dialog.result
        if result is not None:
            orders = sum(w.orders for w in result.waves)
            self.feedback.done(
                self.tr("{waves} waves built for {orders} orders.").format(
                    waves=len(result.waves), orders=orders
                )
            )

    # -- orders -----------------------------------------------------------------------

    def _on_orders(self, rows: list[StatusCount]) -> None:
        self._orders = list(rows)
        t = self.orders_table
        t.setRowCount(len(rows))
        for row, r in enumerate(rows):
            t.setItem(row, 0, _item(r.warehouse or self.tr("not allocated")))
            t.setItem(row, 1, _item(r.store))
            status = _item(status_label(r.status), ref=r.status)
            if r.status == "on_hold":
                status.setBackground(QBrush(QColor(AMBER)))
            t.setItem(row, 2, status)
            t.setItem(row, 3, _item(str(r.count), right=True))
        self.orders_total.setText(
            self.tr("{count} orders").format(count=sum(r.count for r in rows))
        )

    # -- exceptions -------------------------------------------------------------------

    def kind_label(self, kind: str) -> str:
        return {
            "interception": self.tr("Interception"),
            "weight_mismatch": self.tr("Weight mismatch"),
            "short_pick": self.tr("Short pick"),
            "stale_task": self.tr("Stale task"),
            "print_failed": self.tr("Print failed"),
            "hold": self.tr("On hold"),
        }.get(kind, kind)

    def _action_of(self, e: ExceptionRow) -> tuple[str, Callable[[], None]] | None:
        """The button of an exception row: its text and what it does."""
        if e.kind == "hold" and e.hold_id is not None and e.order_id is not None:
            return self.tr("Release hold"), lambda: self.release_hold(e)
        if e.kind == "short_pick" and e.hold_id is not None and e.order_id is not None:
            return self.tr("Ship short"), lambda: self.release_hold(e)
        if e.kind == "interception" and e.order_id is not None:
            return self.tr("Resolved"), lambda: self.resolve_interception(e)
        if e.kind == "weight_mismatch" and e.order_id is not None:
            return self.tr("Approve override"), lambda: self.approve_override(e)
        if e.kind == "print_failed" and e.job_id is not None:
            return self.tr("Retry"), lambda: self.retry_print(e)
        if e.kind == "stale_task" and e.task_id is not None:
            return self.tr("Release task"), lambda: self.release_task(e)
        return None

    def _detail_text(self, e: ExceptionRow) -> str:
        if e.kind == "hold":
            return f"{hold_label(e.code) if e.code else ''} {e.detail}".strip()
        if e.kind == "short_pick":
            reason = {
                "missing": self.tr("missing"),
                "damaged": self.tr("damaged"),
                "wrong_qty": self.tr("wrong quantity"),
            }.get(e.code, e.code)
            return self.tr("{found} found ({reason}), wave {wave}").format(
                found=e.detail, reason=reason, wave=e.wave_code or "—"
            )
        if e.kind == "stale_task":
            return self.tr("Task {task}, no scan since {time}").format(
                task=e.detail, time=_local(e.at)
            )
        return e.detail

    def _on_exceptions(self, rows: list[ExceptionRow]) -> None:
        self._exceptions = list(rows)
        t = self.exceptions_table
        t.setRowCount(len(rows))
        keep: int | None = None
        for row, e in enumerate(rows):
            colour = RED if e.kind in ("interception", "weight_mismatch") else None
            who = " · ".join(x for x in (e.user_name, e.station_name) if x) or "—"
            order = e.order_no or "—"
            if e.order_status:
                order += f" ({status_label(e.order_status)})"
            items = (
                _item(self.kind_label(e.kind), ref=e.key),
                _item(_local_day(e.at)),
                _item(order),
                _item(self._detail_text(e)),
                _item(who),
            )
            for col, item in enumerate(items):
                if colour:
                    item.setBackground(QBrush(QColor(colour)))
                t.setItem(row, col, item)
            action = self._action_of(e)
            if action is not None:
                button = QPushButton(action[0])
                button.setObjectName(f"exceptionAction_{e.kind}")
                button.clicked.connect(action[1])
                t.setCellWidget(row, EXCEPTION_COLUMNS.index("action"), button)
            else:
                t.removeCellWidget(row, EXCEPTION_COLUMNS.index("action"))
                t.setItem(row, EXCEPTION_COLUMNS.index("action"), _item(""))
            if e.key == self._selected_exception:
                keep = row
        if keep is not None:
            t.selectRow(keep)
        else:
            self._selected_exception = None
            t.clearSelection()
        self._update_exception_buttons()
        self.tabs.setTabText(2, self._exceptions_tab_title())

    def _exceptions_tab_title(self) -> str:
        n = len(self._exceptions)
        return self.tr("Exceptions ({count})").format(count=n) if n else self.tr("Exceptions")

    def selected_exception(self) -> ExceptionRow | None:
        return next((e for e in self._exceptions if e.key == self._selected_exception), None)

    def _on_exception_selected(self) -> None:
        rows = self.exceptions_table.selectionModel().selectedRows()
        ok = rows and rows[0].row() < len(self._exceptions)
        self._selected_exception = self._exceptions[rows[0].row()].key if ok else None
        self._update_exception_buttons()

    def _update_exception_buttons(self) -> None:
        e = self.selected_exception()
        self.cancel_order_button.setEnabled(
            e is not None
            and e.order_id is not None
            and (e.order_status or "") not in FINAL_STATUSES
        )
        self.reassign_button.setEnabled(
            e is not None and e.task_id is not None and e.kind == "stale_task"
        )

    def release_hold(self, e: ExceptionRow) -> None:
        assert e.order_id is not None and e.hold_id is not None
        order_id, hold_id = e.order_id, e.hold_id
        title = (
            self.tr("Ship order {order} short")
            if e.kind == "short_pick"
            else self.tr("Release the hold on order {order}")
        ).format(order=e.order_no)
        self._with_reason(
            title,
            self.tr("Why may it go on?"),
            lambda why: self.model.release_hold(order_id, hold_id, why),
        )

    def resolve_interception(self, e: ExceptionRow) -> None:
        assert e.order_id is not None
        order_id = e.order_id
        self._with_reason(
            self.tr("Interception of order {order} resolved").format(order=e.order_no),
            self.tr("What happened to the goods?"),
            lambda why: self.model.resolve_interception(order_id, why),
        )

    def approve_override(self, e: ExceptionRow) -> None:
        """Badge, PIN and reason through the supervisor dialog when it is there; else
        the signed-in supervisor gives a reason."""
        assert e.order_id is not None
        order_id = e.order_id
        title = self.tr("Approve the weight of order {order}").format(order=e.order_no)
        try:
            from ui.dialogs.supervisor import SupervisorDialog  # noqa: PLC0415 - optional
        except ImportError:
            SupervisorDialog = None  # noqa: N806
        if SupervisorDialog is not None:
            answer = SupervisorDialog.ask(self, self.model.ctx, title, action="weight_override")
            if answer is None:
                return
            approver, reason = answer
            self.model.approve_override(order_id, reason, approver)
            return
        self._with_reason(
            title,
            self.tr("Why may it ship with this weight?"),
            lambda why: self.model.approve_override(order_id, why),
        )

    def retry_print(self, e: ExceptionRow) -> None:
        assert e.job_id is not None
        self.model.retry_print(e.job_id)

    def release_task(self, e: ExceptionRow) -> None:
        assert e.task_id is not None
        task_id = e.task_id
        self._with_reason(
            self.tr("Release task {task}").format(task=e.detail),
            self.tr("The task goes back to the open tasks with its progress. Why?"),
            lambda why: self.model.release_task(task_id, why),
        )

    def cancel_selected_order(self) -> None:
        e = self.selected_exception()
        if e is None or e.order_id is None:
            return
        order_id = e.order_id
        self._with_reason(
            self.tr("Cancel order {order}").format(order=e.order_no),
            self.tr(
                "Before picking its stock is released; after, it is intercepted at packing. Why cancel?"
            ),
            lambda why: self.model.cancel_order(order_id, why),
        )

    def reassign_selected_task(self) -> None:
        e = self.selected_exception()
        if e is None or e.task_id is None or not self._users:
            return
        task_id = e.task_id
        names = [f"{u.name} ({u.badge})" for u in self._users]
        name, ok = QInputDialog.getItem(
            self,
            self.tr("Give task {task} to").format(task=e.detail),
            self.tr("Who picks it now?"),
            names,
            0,
            False,
        )
        if not ok or name not in names:
            return
        user = self._users[names.index(name)]
        self._with_reason(
            self.tr("Give task {task} to {name}").format(task=e.detail, name=user.name),
            self.tr("Why?"),
            lambda why: self.model.reassign_task(task_id, user.id, why),
        )

    def _on_users(self, users: list[UserRow]) -> None:
        self._users = list(users)

    # -- reasons and outcomes ---------------------------------------------------------

    def ask_reason(self, title: str, prompt: str) -> str | None:
        """The reason typed, or None when cancelled or left empty (then the feedback
        line says a reason is needed)."""
        text, ok = QInputDialog.getText(self, title, prompt)
        if not ok:
            return None
        reason = " ".join(text.split())
        if not reason:
            self.feedback.bad(
                self.tr("Give a reason: every supervisor action is recorded with who and why.")
            )
            return None
        return reason

    def _with_reason(self, title: str, prompt: str, then: Callable[[str], None]) -> None:
        reason = self.ask_reason(title, prompt)
        if reason is not None:
            self.feedback.info(self.tr("Working…"))
            then(reason)

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

    def error_text(self, code: str, message: str) -> str:
        """A refusal in the station's language, by its code; the English sentence otherwise."""
        texts = {
            "reason_required": self.tr(
                "Give a reason: every supervisor action is recorded with who and why."
            ),
            "not_supervisor": self.tr("Only a supervisor may do this."),
            "hold_not_open": self.tr("That hold was released already."),
            "task_done": self.tr("That task is finished already."),
            "task_not_claimed": self.tr("Nobody holds that task."),
            "task_changed": self.tr("Someone changed it at another station meanwhile; look again."),
            "user_inactive": self.tr("That person is not an active user."),
            "not_cancellable": self.tr(
                "The order is shipped, completed or cancelled: it cannot be cancelled."
            ),
            "no_weight_mismatch": self.tr(
                "No refused weight is waiting for an approval on that order."
            ),
            "job_not_failed": self.tr("That print job is not a failed one."),
            "wave_status": self.tr("The wave is not in a state this applies to."),
            "no_interception": self.tr("That order has nothing to intercept."),
            "not_found": self.tr("It is not there any more; look again."),
        }
        return texts.get(code, message)

    def _on_action_failed(self, action: str, code: str, message: str) -> None:
        if action == "build_waves":
            return  # shown in the build dialog
        self.feedback.bad(self.error_text(code, message))

    def _on_error(self, message: str) -> None:
        self.status_line.setText(self.tr("Cannot refresh: {error}").format(error=message))

    def _on_refreshed(self) -> None:
        snap = self.model.snapshot
        when = _local(snap.now) if snap else "—"
        self.status_line.setText(self.tr("Updated at {time}").format(time=when))

    # -- throughput -------------------------------------------------------------------

    def _on_throughput(self, data: Throughput) -> None:
        self._throughput = data
        self.charts.show_throughput(data)
        self._fill_rates(self.workers_table, data.workers)
        self._fill_rates(self.stations_table, data.stations)
        self.window_label.setText(
            self.tr("From {start} to {end}, in {minutes}-minute steps").format(
                start=_local_day(data.start), end=_local_day(data.end), minutes=data.bucket_minutes
            )
        )

    def _fill_rates(self, table: QTableWidget, rows: tuple[ThroughputRow, ...]) -> None:
        table.setRowCount(len(rows))
        for row, r in enumerate(rows):
            values = (
                r.label or "—",
                str(r.lines_picked),
                str(r.units_picked),
                f"{r.lines_per_hour:.1f}",
                f"{r.units_per_hour:.1f}",
                str(r.scans),
                str(r.refused),
                f"{r.misscan_rate * 100:.1f}%",
                str(r.shorts),
                str(r.orders_packed),
                f"{r.hours:.1f}",
            )
            for col, value in enumerate(values):
                item = _item(value, right=col > 0, ref=r.ref_id if col == 0 else None)
                if col == RATE_COLUMNS.index("misscan") and r.scans:
                    if r.misscan_rate >= MISSCAN_BAD:
                        item.setBackground(QBrush(QColor(RED)))
                    elif r.misscan_rate >= MISSCAN_WARN:
                        item.setBackground(QBrush(QColor(AMBER)))
                table.setItem(row, col, item)

    def _update_risk(self) -> None:
        late = [w for w in self._waves if w.at_risk]
        self.risk_label.setVisible(bool(late))
        parts = []
        for w in late:
            if w.risk == "late":
                parts.append(
                    self.tr("{wave} finishes about {finish}, after its {cutoff} cut-off").format(
                        wave=w.code, finish=_local(w.estimated_finish), cutoff=_local(w.cutoff)
                    )
                )
            else:
                parts.append(
                    self.tr("{wave}: no pick rate and the cut-off is at {cutoff}").format(
                        wave=w.code, cutoff=_local(w.cutoff)
                    )
                )
        self.risk_label.setText(
            self.tr("Cut-off at risk: {waves}").format(waves="; ".join(parts)) if parts else ""
        )

    # -- export -----------------------------------------------------------------------

    def set_export_window(self, start: datetime, end: datetime) -> None:
        for edit, when in ((self.export_from, start), (self.export_to, end)):
            local = when.astimezone(LOCAL)
            edit.setDateTime(
                QDateTime(
                    QDate(local.year, local.month, local.day), QTime(local.hour, local.minute)
                )
            )

    def export_window(self) -> tuple[datetime, datetime]:
        def read(edit: QDateTimeEdit) -> datetime:
            d, t = edit.date(), edit.time()
            return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=LOCAL)

        return read(self.export_from), read(self.export_to)

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
            **{
                f"kind.{k}": self.kind_label(k)
                for k in (
                    "interception",
                    "weight_mismatch",
                    "short_pick",
                    "stale_task",
                    "print_failed",
                    "hold",
                )
            },
        }

    def export_report(self, kind: str, path: str | None = None) -> None:
        """Ask where to save (unless ``path`` is given) and write on the worker."""
        start, end = self.export_window()
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
        self.export_status.setText(self.tr("Writing {path}…").format(path=path))
        self.model.export(path, start, end, labels=self.pdf_labels() if kind == "pdf" else None)

    def _on_exported(self, path: str) -> None:
        self.export_status.setText(self.tr("Saved {path}").format(path=path))
        self.feedback.done(self.tr("Shift report saved."))

    def _on_export_failed(self, message: str) -> None:
        self.export_status.setText(message)
        self.feedback.bad(
            self.tr("The shift report could not be saved: {error}").format(error=message)
        )

    # -- language ---------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def wave_kind_label(self, kind: str) -> str:
        return {"single": self.tr("Single-unit"), "multi": self.tr("Multi-item")}.get(kind, kind)

    def wave_status_label(self, status: str) -> str:
        return {
            "released": self.tr("Released"),
            "picking": self.tr("Picking"),
            "picked": self.tr("Picked"),
            "paused": self.tr("Paused"),
            "cancelled": self.tr("Cancelled"),
        }.get(status, status)

    def retranslate(self) -> None:
        tabs = (
            self.tr("Waves"),
            self.tr("Orders"),
            self._exceptions_tab_title(),
            self.tr("Throughput"),
            self.tr("Export"),
        )
        for i, text in enumerate(tabs):
            self.tabs.setTabText(i, text)
        self.refresh_button.setText(self.tr("Refresh"))
        self.waves_table.setHorizontalHeaderLabels(
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
        self.cancel_wave_button.setText(self.tr("Cancel wave…"))
        self.build_button.setText(self.tr("Build waves…"))
        self.orders_table.setHorizontalHeaderLabels(
            [self.tr("Warehouse"), self.tr("Store"), self.tr("Status"), self.tr("Orders")]
        )
        self.exceptions_table.setHorizontalHeaderLabels(
            [
                self.tr("Kind"),
                self.tr("Since"),
                self.tr("Order"),
                self.tr("Detail"),
                self.tr("Who"),
                self.tr("Action"),
            ]
        )
        self.cancel_order_button.setText(self.tr("Cancel order…"))
        self.reassign_button.setText(self.tr("Give task to…"))
        self.exceptions_hint.setText(self.tr("Scan an order number to find it here."))
        rate_headers = [
            self.tr("Lines"),
            self.tr("Units"),
            self.tr("Lines/h"),
            self.tr("Units/h"),
            self.tr("Scans"),
            self.tr("Refused"),
            self.tr("Mis-scan"),
            self.tr("Shorts"),
            self.tr("Packed"),
            self.tr("Hours"),
        ]
        self.workers_table.setHorizontalHeaderLabels([self.tr("Worker"), *rate_headers])
        self.stations_table.setHorizontalHeaderLabels([self.tr("Station"), *rate_headers])
        for row, text in enumerate((self.tr("From"), self.tr("To"))):
            item = self.export_form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if item is not None and isinstance(item.widget(), QLabel):
                item.widget().setText(text)
        self.csv_button.setText(self.tr("Save CSV…"))
        self.pdf_button.setText(self.tr("Save PDF…"))
        # Rows carry translated words: redraw them.
        self._on_waves(self._waves)
        self._on_orders(self._orders)
        self._on_exceptions(self._exceptions)
        if self._throughput is not None:
            self._on_throughput(self._throughput)
