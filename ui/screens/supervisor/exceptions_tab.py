"""The exceptions tab of the supervisor's screen: what waits for a decision, most urgent
first, each row with the one button that settles it (interceptions and refused weights
in red); cancel an order, or give a stale task to someone else."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from app.services.supervision import ExceptionRow, UserRow
from ui.dialogs.supervisor import SupervisorDialog
from ui.i18n.language import hold_label, status_label
from ui.screens.supervisor.cells import (
    item,
    local_day,
    local_time,
    read_only_table,
    reselect,
    selected_row,
    tint,
)
from ui.screens.supervisor.labels import exception_kind_label
from ui.screens.supervisor.reasons import ReasonPrompt
from ui.viewmodels.supervisor import SupervisorModel
from ui.widgets import theme
from ui.widgets.feedback import Feedback

EXCEPTION_COLUMNS = ("kind", "since", "order", "detail", "who", "action")
RED_KINDS = frozenset({"interception", "weight_mismatch"})
FINAL_STATUSES = frozenset({"shipped", "completed", "cancelled"})


class ExceptionsTab(QWidget):
    """See the module doc; redraws from the model's ``exceptions_changed``."""

    def __init__(
        self, model: SupervisorModel, feedback: Feedback, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.feedback = feedback
        self.reasons = ReasonPrompt(self, feedback)
        self._exceptions: list[ExceptionRow] = []
        self._users: list[UserRow] = []
        self._selected: str | None = None

        self.table = read_only_table(len(EXCEPTION_COLUMNS))
        self.cancel_order_button = QPushButton()
        self.reassign_button = QPushButton()
        self.hint = QLabel()
        self.hint.setObjectName("sectionHint")
        for b in (self.cancel_order_button, self.reassign_button):
            b.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.reassign_button)
        buttons.addWidget(self.cancel_order_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._wire()
        self.retranslate()

    def _wire(self) -> None:
        """Every connection of the tab, in one place."""
        self.model.exceptions_changed.connect(self._on_exceptions)
        self.model.users_changed.connect(self._on_users)
        self.table.itemSelectionChanged.connect(self._on_selected)
        self.cancel_order_button.clicked.connect(self.cancel_selected_order)
        self.reassign_button.clicked.connect(self.reassign_selected_task)

    # -- queries ----------------------------------------------------------------------

    def rows(self) -> list[ExceptionRow]:
        return list(self._exceptions)

    def row_of_order(self, order_no: str) -> int | None:
        return next((i for i, e in enumerate(self._exceptions) if e.order_no == order_no), None)

    def selected(self) -> ExceptionRow | None:
        return next((e for e in self._exceptions if e.key == self._selected), None)

    def action_button(self, row: int) -> QPushButton:
        widget = self.table.cellWidget(row, EXCEPTION_COLUMNS.index("action"))
        assert isinstance(widget, QPushButton)
        return widget

    # -- drawing ----------------------------------------------------------------------

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
                task=e.detail, time=local_time(e.at)
            )
        return e.detail

    def _on_exceptions(self, rows: list[ExceptionRow]) -> None:
        self._exceptions = list(rows)
        t = self.table
        t.setRowCount(len(rows))
        action_col = EXCEPTION_COLUMNS.index("action")
        for row, e in enumerate(rows):
            who = " · ".join(x for x in (e.user_name, e.station_name) if x) or "—"
            order = e.order_no or "—"
            if e.order_status:
                order += f" ({status_label(e.order_status)})"
            cells = (
                item(exception_kind_label(e.kind), ref=e.key),
                item(local_day(e.at)),
                item(order),
                item(self._detail_text(e)),
                item(who),
            )
            for col, cell in enumerate(cells):
                if e.kind in RED_KINDS:
                    tint(cell, theme.ROW_BAD)
                t.setItem(row, col, cell)
            action = self._action_of(e)
            if action is not None:
                button = QPushButton(action[0])
                button.setObjectName(f"exceptionAction_{e.kind}")
                button.clicked.connect(action[1])
                t.setCellWidget(row, action_col, button)
            else:
                t.removeCellWidget(row, action_col)
                t.setItem(row, action_col, item(""))
        keep = next((row for row, e in enumerate(rows) if e.key == self._selected), None)
        if keep is None:
            self._selected = None
        reselect(t, keep)
        self._update_buttons()

    def _on_users(self, users: list[UserRow]) -> None:
        self._users = list(users)

    def _on_selected(self) -> None:
        row = selected_row(self.table, len(self._exceptions))
        self._selected = self._exceptions[row].key if row is not None else None
        self._update_buttons()

    def _update_buttons(self) -> None:
        e = self.selected()
        self.cancel_order_button.setEnabled(
            e is not None
            and e.order_id is not None
            and (e.order_status or "") not in FINAL_STATUSES
        )
        self.reassign_button.setEnabled(
            e is not None and e.task_id is not None and e.kind == "stale_task"
        )

    # -- actions ----------------------------------------------------------------------

    def release_hold(self, e: ExceptionRow) -> None:
        assert e.order_id is not None and e.hold_id is not None
        order_id, hold_id = e.order_id, e.hold_id
        title = (
            self.tr("Ship order {order} short")
            if e.kind == "short_pick"
            else self.tr("Release the hold on order {order}")
        ).format(order=e.order_no)
        self.reasons.then(
            title,
            self.tr("Why may it go on?"),
            lambda why: self.model.release_hold(order_id, hold_id, why),
        )

    def resolve_interception(self, e: ExceptionRow) -> None:
        assert e.order_id is not None
        order_id = e.order_id
        self.reasons.then(
            self.tr("Interception of order {order} resolved").format(order=e.order_no),
            self.tr("What happened to the goods?"),
            lambda why: self.model.resolve_interception(order_id, why),
        )

    def approve_override(self, e: ExceptionRow) -> None:
        """A supervisor's badge, PIN and reason (the supervisor dialog) approve the weight."""
        assert e.order_id is not None
        order_id = e.order_id
        title = self.tr("Approve the weight of order {order}").format(order=e.order_no)
        answer = SupervisorDialog.ask(self, self.model.ctx, title, action="weight_override")
        if answer is not None:
            approver, reason = answer
            self.model.approve_override(order_id, reason, approver)

    def retry_print(self, e: ExceptionRow) -> None:
        assert e.job_id is not None
        self.model.retry_print(e.job_id)

    def release_task(self, e: ExceptionRow) -> None:
        assert e.task_id is not None
        task_id = e.task_id
        self.reasons.then(
            self.tr("Release task {task}").format(task=e.detail),
            self.tr("The task goes back to the open tasks with its progress. Why?"),
            lambda why: self.model.release_task(task_id, why),
        )

    def cancel_selected_order(self) -> None:
        e = self.selected()
        if e is None or e.order_id is None:
            return
        order_id = e.order_id
        self.reasons.then(
            self.tr("Cancel order {order}").format(order=e.order_no),
            self.tr(
                "Before picking its stock is released; after, it is intercepted at packing. Why cancel?"
            ),
            lambda why: self.model.cancel_order(order_id, why),
        )

    def reassign_selected_task(self) -> None:
        e = self.selected()
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
        self.reasons.then(
            self.tr("Give task {task} to {name}").format(task=e.detail, name=user.name),
            self.tr("Why?"),
            lambda why: self.model.reassign_task(task_id, user.id, why),
        )

    # -- language ---------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
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
        self.hint.setText(self.tr("Scan an order number to find it here."))
        self._on_exceptions(self._exceptions)  # the rows carry translated words
