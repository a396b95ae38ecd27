"""The pack bench (复核/打包): verify every unit, choose the carton, weigh, print.

Read from a metre away: the order number and the carrier are the biggest things on
the screen, then one row per line — expected against scanned, green when the line
is complete, amber while it is partly scanned. Under it the carton and the weight
against what the parcel should weigh (green within tolerance, red outside), and
the tracking number once the label is made.

An intercepted order (拦截) takes the whole screen: a red page with the reason, what
to do with the items, and a Confirm button (or the ``CONFIRM`` barcode).

A weight outside tolerance opens a dialog: weigh again, or a supervisor overrides
with badge, PIN and reason (:class:`ui.dialogs.supervisor.SupervisorDialog`, which
checks them with :func:`app.services.access.auth.verify_supervisor`). Reprint and void
ask for a reason. Dialogs do not block: while one is open, ``CONFIRM`` / ``CANCEL``
barcodes answer it and a badge goes to the supervisor dialog.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import scan as sc
from app.domain.carriers import CARRIERS
from app.services.packing import Override, PackResult, PackView
from ui.dialogs.supervisor import SupervisorDialog
from ui.i18n.language import current_language
from ui.viewmodels.packing import PackModel, Weighing
from ui.widgets import theme
from ui.widgets.feedback import Feedback, FeedbackBanner
from ui.widgets.one_dialog import OneDialog

GREEN = QColor(theme.ROW_GOOD)
AMBER = QColor(theme.ROW_WARN)

STYLE = theme.qss("""
QLabel#weightLabel[state="ok"] { background: $GOOD; color: $ON_GOOD; border-radius: 6px; padding: 4px 10px; }
QLabel#weightLabel[state="bad"] { background: $BAD; color: $ON_BAD; border-radius: 6px; padding: 4px 10px; }
QLabel#trackingLabel { color: $DONE; }
QFrame#stopPage { background: $BAD; }
QFrame#stopPage QLabel { color: $ON_BAD; }
QFrame#stopPage QPushButton { background: $WHITE; color: $BAD_EDGE; border-radius: 8px; padding: 12px 40px; }
""")


class ReasonDialog(QDialog):
    """Why the label is printed again or voided: a reason is required."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reasonDialog")
        self.setWindowTitle(title)
        self.edit = QLineEdit()
        self.edit.setObjectName("reasonEdit")
        self.edit.setMaxLength(300)
        self.edit.setFont(theme.sized_font(self.edit, theme.PACK_DETAIL))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setFont(theme.sized_font(heading, theme.PACK_DETAIL, True))
        box.addWidget(heading)
        box.addWidget(QLabel(self.tr("Reason (required):")))
        box.addWidget(self.edit)
        box.addWidget(self.buttons)

    @property
    def reason(self) -> str:
        return " ".join(self.edit.text().split())

    def accept(self) -> None:
        if not self.reason:
            self.edit.setPlaceholderText(self.tr("Say why"))
            self.edit.setFocus()
            return
        super().accept()


class WeightDialog(QDialog):
    """The parcel weighs more or less than it should: weigh again, or a supervisor lets it go."""

    REWEIGH, OVERRIDE = 1, 2

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("weightDialog")
        self.setWindowTitle(self.tr("Weight does not match"))
        self.choice = 0
        message = QLabel(text)
        message.setWordWrap(True)
        message.setFont(theme.sized_font(message, theme.PACK_DETAIL, True))
        self.reweigh_button = QPushButton(self.tr("Weigh again"))
        self.override_button = QPushButton(self.tr("Supervisor override…"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        for b in (self.reweigh_button, self.override_button, self.cancel_button):
            b.setMinimumHeight(52)
            b.setFont(theme.sized_font(b, theme.PACK_DETAIL, True))
        self.reweigh_button.clicked.connect(lambda: self._choose(self.REWEIGH))
        self.override_button.clicked.connect(lambda: self._choose(self.OVERRIDE))
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for b in (self.reweigh_button, self.override_button, self.cancel_button):
            buttons.addWidget(b)
        box = QVBoxLayout(self)
        box.addWidget(message)
        box.addLayout(buttons)

    def _choose(self, choice: int) -> None:
        self.choice = choice
        self.accept()


class PackScreen(OneDialog, QWidget):
    def __init__(self, model: PackModel, feedback: Feedback, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("packScreen")
        self.setStyleSheet(STYLE)
        self.model = model
        self.feedback = feedback
        self._build()
        model.view_changed.connect(self.show_view)
        model.weight_changed.connect(self._render_weight)
        model.completed.connect(self._on_completed)
        model.weight_mismatch.connect(self.open_weight_dialog)
        self.retranslate()

    # -- layout ---------------------------------------------------------------------

    def _build(self) -> None:
        self.stack = QStackedWidget()
        self.work_page = QWidget()
        self.stop_page = QFrame()
        self.stop_page.setObjectName("stopPage")
        self.stack.addWidget(self.work_page)
        self.stack.addWidget(self.stop_page)
        self._build_work()
        self._build_stop()
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.addWidget(self.stack)

    def _build_work(self) -> None:
        self.banner = FeedbackBanner(self.feedback, self.work_page)
        self.order_label = theme.sized_label(theme.PACK_ORDER, True, "orderLabel")
        self.carrier_label = theme.sized_label(theme.PACK_CARRIER, True, "carrierLabel")
        self.carrier_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.info_label = theme.sized_label(theme.PACK_DETAIL, name="infoLabel")
        head = QHBoxLayout()
        head.addWidget(self.order_label, 1)
        head.addWidget(self.carrier_label)

        self.table = QTableWidget(0, 4)
        self.table.setObjectName("linesTable")
        self.table.setFont(theme.sized_font(self.table, theme.PACK_TABLE))
        self.table.horizontalHeader().setFont(
            theme.sized_font(self.table, theme.PACK_TABLE_HEADER, True)
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col in (0, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)

        self.carton_label = theme.sized_label(theme.PACK_DETAIL, True, "cartonLabel")
        self.weight_label = theme.sized_label(theme.PACK_DETAIL, True, "weightLabel")
        self.tracking_label = theme.sized_label(theme.PACK_TRACKING, True, "trackingLabel")
        facts = QGridLayout()
        facts.addWidget(self.carton_label, 0, 0)
        facts.addWidget(self.weight_label, 0, 1)
        facts.addWidget(self.tracking_label, 1, 0, 1, 2)

        self.weigh_button = QPushButton()
        self.complete_button = QPushButton()
        self.reprint_button = QPushButton()
        self.void_button = QPushButton()
        self.release_button = QPushButton()
        buttons = QHBoxLayout()
        for b in (
            self.weigh_button,
            self.complete_button,
            self.reprint_button,
            self.void_button,
            self.release_button,
        ):
            b.setMinimumHeight(60)
            b.setFont(theme.sized_font(b, theme.PACK_DETAIL, True))
            buttons.addWidget(b)
        self.weigh_button.clicked.connect(self.model.weigh)
        self.complete_button.clicked.connect(lambda: self.model.complete())
        self.reprint_button.clicked.connect(self.open_reprint)
        self.void_button.clicked.connect(self.open_void)
        self.release_button.clicked.connect(self.model.release)

        box = QVBoxLayout(self.work_page)
        box.addWidget(self.banner)
        box.addLayout(head)
        box.addWidget(self.info_label)
        box.addWidget(self.table, 1)
        box.addLayout(facts)
        box.addLayout(buttons)

    def _build_stop(self) -> None:
        self.stop_title = theme.sized_label(theme.STOP, True, "stopTitle")
        self.stop_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stop_order = theme.sized_label(theme.PACK_ORDER, True, "stopOrder")
        self.stop_order.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stop_reason = theme.sized_label(theme.STOP_REASON, True, "stopReason")
        self.stop_reason.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stop_action = theme.sized_label(theme.STOP_REASON, False, "stopAction")
        self.stop_action.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.confirm_button = QPushButton()
        self.confirm_button.setObjectName("confirmStop")
        self.confirm_button.setMinimumHeight(80)
        self.confirm_button.setFont(theme.sized_font(self.confirm_button, theme.PACK_CARRIER, True))
        self.confirm_button.clicked.connect(self.model.confirm_interception)
        box = QVBoxLayout(self.stop_page)
        box.addStretch(1)
        for w in (self.stop_title, self.stop_order, self.stop_reason, self.stop_action):
            box.addWidget(w)
        box.addStretch(1)
        box.addWidget(self.confirm_button, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addStretch(1)

    def title(self) -> str:
        return self.tr("Packing")

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [self.tr("SKU"), self.tr("Item"), self.tr("Expected"), self.tr("Scanned")]
        )
        self.weigh_button.setText(self.tr("Weigh"))
        self.complete_button.setText(self.tr("Complete"))
        self.reprint_button.setText(self.tr("Reprint…"))
        self.void_button.setText(self.tr("Void and regenerate…"))
        self.release_button.setText(self.tr("Release"))
        self.stop_title.setText(self.tr("STOP — do not pack"))
        self.confirm_button.setText(self.tr("Confirm: order stopped"))
        self.show_view(self.model.view)
        self._render_weight(self.model.weighing)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- scans ----------------------------------------------------------------------

    def handle_scan(self, meaning: sc.Scan) -> None:
        if self._answer(meaning):
            return
        dialog = self.dialog
        if dialog is not None and hasattr(
            dialog, "handle_scan"
        ):  # a badge for the supervisor dialog
            dialog.handle_scan(meaning)
            return
        self.model.handle_scan(meaning)

    # -- dialogs --------------------------------------------------------------------

    def open_reprint(self) -> None:
        dialog = ReasonDialog(self.tr("Print the label again"), self)
        dialog.accepted.connect(lambda: self.model.reprint(dialog.reason))
        self._open(dialog)

    def open_void(self) -> None:
        dialog = ReasonDialog(self.tr("Void this label and make a new one"), self)
        dialog.accepted.connect(lambda: self.model.void(dialog.reason))
        self._open(dialog)

    def open_weight_dialog(self, params: dict[str, Any]) -> None:
        text = self.tr(
            "The parcel weighs {measured} kg but should weigh {expected} kg ± {allowed} kg. "
            "Check the items."
        ).format(
            measured=f"{params.get('measured_g', 0) / 1000:.3f}",
            expected=f"{params.get('expected_g', 0) / 1000:.3f}",
            allowed=f"{params.get('allowed_g', 0) / 1000:.3f}",
        )
        dialog = WeightDialog(text, self)
        dialog.accepted.connect(lambda: self._weight_choice(dialog.choice))
        self._open(dialog)

    def _weight_choice(self, choice: int) -> None:
        if choice == WeightDialog.REWEIGH:
            self.model.weigh()
        elif choice == WeightDialog.OVERRIDE:
            self.open_override()

    def open_override(self) -> None:
        dialog = SupervisorDialog(
            self.model.ctx,
            self.tr("Supervisor: let this parcel go with its weight"),
            self,
            action="pack.weight_override",
        )
        dialog.accepted.connect(lambda: self._overridden(dialog))
        self._open(dialog)

    def _overridden(self, dialog: SupervisorDialog) -> None:
        if dialog.supervisor is not None:
            self.model.complete(Override(dialog.supervisor.id, dialog.reason))

    # -- drawing --------------------------------------------------------------------

    def show_view(self, view: PackView | None) -> None:
        self.stack.setCurrentWidget(
            self.stop_page if view is not None and view.intercepted else self.work_page
        )
        picked = view is not None and view.status == "picked" and not view.intercepted
        packed = view is not None and view.status == "packed"
        self.weigh_button.setEnabled(picked and self.model.has_scale)
        self.complete_button.setEnabled(picked and view is not None and view.complete)
        self.reprint_button.setEnabled(packed)
        self.void_button.setEnabled(packed)
        self.release_button.setEnabled(picked)
        if view is None:
            self.order_label.setText(self.tr("Scan a tote, an order or an item"))
            for label in (
                self.carrier_label,
                self.info_label,
                self.carton_label,
                self.tracking_label,
            ):
                label.setText("")
            self.table.setRowCount(0)
            return
        if view.intercepted:
            self.stop_order.setText(self.tr("Order {order}").format(order=view.order_no))
            self.stop_reason.setText(self._interception_text(view))
            self.stop_action.setText(
                self.tr(
                    "Do not pack this order: put all its items in the returns tote, they go back to stock."
                )
            )
        self.order_label.setText(view.order_no)
        names = CARRIERS.get(view.carrier)
        chinese = current_language().startswith("zh")
        self.carrier_label.setText(
            f"{names[0] if chinese else names[1]}" if names else view.carrier
        )
        info = [view.store]
        if view.tote_code:
            info.append(self.tr("tote {tote}").format(tote=view.tote_code))
        info.append(
            self.tr("{done} of {total} units").format(
                done=view.units_scanned, total=view.units_expected
            )
        )
        self.info_label.setText(" · ".join(info))
        self._render_lines(view)
        if view.carton:
            self.carton_label.setText(self.tr("Carton {carton}").format(carton=view.carton))
        elif view.suggested_carton:
            self.carton_label.setText(
                self.tr("Carton {carton} (suggested)").format(carton=view.suggested_carton)
            )
        else:
            self.carton_label.setText(self.tr("Carton: scan one"))
        self.tracking_label.setText(
            self.tr("Tracking {tracking}").format(tracking=view.tracking_no)
            if view.tracking_no
            else ""
        )

    def _interception_text(self, view: PackView) -> str:
        texts = {
            "cancelled": self.tr("The order was cancelled."),
            "changed": self.tr("The platform changed the order after picking."),
            "hold": self.tr("The order is on hold."),
        }
        return f"{texts.get(view.interception_code, '')}\n{view.interception_detail}".strip()

    def _render_lines(self, view: PackView) -> None:
        chinese = current_language().startswith("zh")
        self.table.setRowCount(len(view.lines))
        for row, line in enumerate(view.lines):
            name = (line.name_zh or line.name_en) if chinese else (line.name_en or line.name_zh)
            cells = (line.sku, name, str(line.expected), str(line.scanned))
            colour = GREEN if line.complete else AMBER if line.scanned > 0 else None
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if colour is not None:
                    item.setBackground(QBrush(colour))
                self.table.setItem(row, col, item)
        self.table.resizeRowsToContents()

    def _render_weight(self, w: Weighing | None) -> None:
        view = self.model.view
        expected = view.expected_weight_g if view is not None else None
        if w is None:
            state = ""
            if expected is not None:
                text = self.tr("Expected {kg} kg").format(kg=f"{expected / 1000:.3f}")
            else:
                text = self.tr("Weight: not weighed") if view is not None else ""
        else:
            kg = f"{w.weight_g / 1000:.3f}"
            if w.expected_g is None:
                state, text = "", self.tr("{kg} kg").format(kg=kg)
            else:
                state = "ok" if w.ok else "bad"
                text = self.tr("{kg} kg / expected {expected} kg ± {allowed} kg").format(
                    kg=kg,
                    expected=f"{w.expected_g / 1000:.3f}",
                    allowed=f"{(w.allowed_g or 0) / 1000:.3f}",
                )
        self.weight_label.setText(text)
        if self.weight_label.property("state") != state:
            self.weight_label.setProperty("state", state)
            self.weight_label.style().unpolish(self.weight_label)
            self.weight_label.style().polish(self.weight_label)

    def _on_completed(self, result: PackResult) -> None:
        self.tracking_label.setText(
            self.tr("Tracking {tracking}").format(tracking=result.tracking_no)
        )
