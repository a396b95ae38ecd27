"""The picking screen (拣货): where to go, what to take, where to put it.

Read from a metre away on a cart: the location code is the biggest thing on the
screen, then the product and how many to take, then the tote. The screen only
knows its :class:`PickModel`; it forwards scans to it and redraws from
``view_changed``. Command barcodes work as the buttons do: ``SHORT`` opens the
short-pick dialog, ``CONFIRM`` / ``CANCEL`` answer an open dialog, ``NEXT`` takes
the next task once this one is done.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain import scan as sc
from app.services.picking import SHORT_REASONS, TaskView
from ui.i18n.language import current_language
from ui.viewmodels.picking import PickModel
from ui.widgets import theme
from ui.widgets.feedback import Feedback, FeedbackBanner
from ui.widgets.one_dialog import OneDialog

STEPS = ("location", "item", "tote")

STYLE = theme.qss("""
QLabel#stepLabel { border-radius: 8px; padding: 6px 14px; background: $STEP; color: $MUTED; }
QLabel#stepLabel[state="current"] { background: $ACCENT; color: $ON_ACCENT; }
QLabel#stepLabel[state="done"] { background: $GOOD; color: $ON_GOOD; }
QLabel#locationLabel { color: $STRONG_INK; }
QFrame#putBox { background: $HOLD_BOX; border: 3px solid $HOLD_BOX_EDGE; border-radius: 8px; }
""")


class ShortDialog(QDialog):
    """Why the bin is short, and how many more good units were found there."""

    def __init__(self, sku: str, left: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortDialog")
        self.left = left
        self.reason = QComboBox()
        labels = {
            "missing": self.tr("Missing: the bin holds fewer"),
            "damaged": self.tr("Damaged: units cannot be sold"),
            "wrong_qty": self.tr("Wrong quantity in the bin"),
        }
        for code in SHORT_REASONS:
            self.reason.addItem(labels[code], code)
        self.found = QSpinBox()
        self.found.setRange(0, max(left - 1, 0))
        self.found.setFont(theme.sized_font(self.found, theme.PICK_DETAIL))
        form = QFormLayout()
        form.addRow(
            QLabel(self.tr("Short pick of {sku}: {left} still to take").format(sku=sku, left=left))
        )
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("Good units found"), self.found)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setLayout(form)
        self.setWindowTitle(self.tr("Short pick"))

    def choice(self) -> tuple[str, int]:
        return str(self.reason.currentData()), self.found.value()


class QuantityDialog(QDialog):
    """How many the next item scan counts (units, or cases of a case barcode)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quantityDialog")
        self.spin = QSpinBox()
        self.spin.setRange(1, 9999)
        self.spin.setFont(theme.sized_font(self.spin, theme.PICK_TAKE, True))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(QLabel(self.tr("The next item scan counts:")))
        box.addWidget(self.spin)
        box.addWidget(buttons)
        self.setWindowTitle(self.tr("Quantity"))


class PickScreen(OneDialog, QWidget):
    def __init__(self, model: PickModel, feedback: Feedback, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pickScreen")
        self.setStyleSheet(STYLE)
        self.model = model
        self.feedback = feedback
        self._started = False
        self._build()
        model.view_changed.connect(self.show_view)
        model.busy_changed.connect(self._on_busy)
        self.retranslate()

    # -- layout ---------------------------------------------------------------------

    def _build(self) -> None:
        self.banner = FeedbackBanner(self.feedback, self)
        self.task_label = theme.sized_label(theme.PICK_DETAIL, True, "taskLabel")
        self.step_labels = {
            step: theme.sized_label(theme.PICK_DETAIL, True, "stepLabel") for step in STEPS
        }
        steps = QHBoxLayout()
        steps.addWidget(self.task_label, 1)
        for step in STEPS:
            steps.addWidget(self.step_labels[step])

        self.location_label = theme.sized_label(theme.LOCATION, True, "locationLabel")
        self.location_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.place_label = theme.sized_label(theme.PICK_DETAIL, name="placeLabel")
        self.place_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.product_label = theme.sized_label(theme.PICK_PRODUCT, True, "productLabel")
        self.sku_label = theme.sized_label(theme.PICK_DETAIL, name="skuLabel")
        self.take_label = theme.sized_label(theme.PICK_TAKE, True, "takeLabel")
        self.put_label = theme.sized_label(theme.PICK_PRODUCT, True, "putLabel")
        put_box = QFrame()
        put_box.setObjectName("putBox")
        QVBoxLayout(put_box).addWidget(self.put_label)
        self.put_box = put_box
        self.next_label = theme.sized_label(theme.PICK_DETAIL, name="nextLabel")

        middle = QGridLayout()
        middle.addWidget(self.product_label, 0, 0)
        middle.addWidget(self.take_label, 0, 1, 2, 1, Qt.AlignmentFlag.AlignRight)
        middle.addWidget(self.sku_label, 1, 0)
        middle.setColumnStretch(0, 1)

        self.task_bar = QProgressBar()
        self.wave_bar = QProgressBar()
        for bar in (self.task_bar, self.wave_bar):
            bar.setMinimumHeight(28)
            bar.setFont(theme.sized_font(bar, theme.PICK_PROGRESS))

        self.quantity_button = QPushButton()
        self.short_button = QPushButton()
        self.release_button = QPushButton()
        self.next_button = QPushButton()
        buttons = QHBoxLayout()
        for b in (self.quantity_button, self.short_button, self.release_button, self.next_button):
            b.setMinimumHeight(56)
            b.setFont(theme.sized_font(b, theme.PICK_DETAIL, True))
            buttons.addWidget(b)
        self.quantity_button.clicked.connect(self.open_quantity)
        self.short_button.clicked.connect(self.open_short)
        self.release_button.clicked.connect(self.model.release)
        self.next_button.clicked.connect(self.model.next_task)

        root = QVBoxLayout(self)
        root.addWidget(self.banner)
        root.addLayout(steps)
        root.addWidget(self.location_label)
        root.addWidget(self.place_label)
        root.addLayout(middle)
        root.addWidget(self.put_box)
        root.addWidget(self.next_label)
        root.addWidget(self.task_bar)
        root.addWidget(self.wave_bar)
        root.addStretch(1)
        root.addLayout(buttons)

    def title(self) -> str:
        return self.tr("Picking")

    def retranslate(self) -> None:
        self.step_labels["location"].setText(self.tr("1 Location"))
        self.step_labels["item"].setText(self.tr("2 Item"))
        self.step_labels["tote"].setText(self.tr("3 Tote"))
        self.quantity_button.setText(self.tr("Quantity…"))
        self.short_button.setText(self.tr("Short pick…"))
        self.release_button.setText(self.tr("Release task"))
        self.next_button.setText(self.tr("Next task"))
        self.show_view(self.model.view)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._started:
            # Opening the screen resumes the task this station holds (or takes one).
            self._started = True
            if self.model.view is None and not self.model.busy:
                self.model.start()

    # -- scans ----------------------------------------------------------------------

    def handle_scan(self, meaning: sc.Scan) -> None:
        if isinstance(meaning, sc.Command) and meaning.name == "SHORT":
            self.open_short()
            return
        if self._answer(meaning):
            return
        self.model.handle_scan(meaning)

    # -- dialogs --------------------------------------------------------------------

    def open_short(self) -> None:
        view = self.model.view
        if view is None or view.line is None or view.line.remaining < 1 or view.step == "tote":
            self.feedback.warn(self.tr("Nothing to report short right now"))
            return
        dialog = ShortDialog(view.line.sku, view.line.remaining, self)
        dialog.accepted.connect(lambda: self.model.short(*dialog.choice()))
        self._open(dialog)

    def open_quantity(self) -> None:
        dialog = QuantityDialog(self)
        dialog.accepted.connect(lambda: self.model.enter_quantity(dialog.spin.value()))
        self._open(dialog)

    # -- drawing --------------------------------------------------------------------

    def _on_busy(self, busy: bool) -> None:
        self.setProperty("busy", busy)

    def show_view(self, view: TaskView | None) -> None:
        self._render_steps(view)
        self._render_bars(view)
        self.release_button.setEnabled(view is not None and view.step != "done")
        self.short_button.setEnabled(view is not None and view.step in ("location", "item"))
        self.quantity_button.setEnabled(view is not None and view.step == "item")
        self.next_button.setEnabled(view is None or view.step == "done")
        if view is None:
            self.task_label.setText(self.tr("No task"))
            self.location_label.setText("—")
            for label in (
                self.place_label,
                self.product_label,
                self.sku_label,
                self.take_label,
                self.next_label,
            ):
                label.setText("")
            self.put_box.hide()
            return
        kinds = {"cart": self.tr("cart"), "bulk": self.tr("bulk list"), "wall": self.tr("put wall")}
        self.task_label.setText(
            self.tr("Task {task} ({kind})").format(
                task=view.label, kind=kinds.get(view.kind, view.kind)
            )
        )
        line = view.line
        if line is None:
            self.location_label.setText(self.tr("Done"))
            self.place_label.setText(self.tr("Task finished: scan NEXT or press Next task"))
            for label in (self.product_label, self.sku_label, self.take_label, self.next_label):
                label.setText("")
            self.put_box.hide()
            return
        self.location_label.setText(line.location)
        self.place_label.setText(
            self.tr("Aisle {aisle} · Bay {bay} · Level {level}").format(
                aisle=line.aisle, bay=line.position, level=line.level
            )
        )
        chinese = current_language().startswith("zh")
        name = (line.name_zh or line.name_en) if chinese else (line.name_en or line.name_zh)
        self.product_label.setText(name)
        self.sku_label.setText(line.sku)
        if view.step == "tote":
            self.take_label.setText(self.tr("Put {n}").format(n=line.picked_qty))
        else:
            self.take_label.setText(self.tr("Take {n}").format(n=line.remaining))
        if line.slot is not None and view.kind == "cart":
            if line.tote_code:
                self.put_label.setText(
                    self.tr("Slot {slot} → tote {tote}").format(slot=line.slot, tote=line.tote_code)
                )
            else:
                self.put_label.setText(
                    self.tr("Slot {slot} → scan a free tote").format(slot=line.slot)
                )
            self.put_box.show()
        elif line.slot is not None:
            self.put_label.setText(self.tr("Wall slot {slot}").format(slot=line.slot))
            self.put_box.show()
        else:
            self.put_box.hide()
        self.next_label.setText(
            self.tr("Next: {location}").format(location=view.next_location)
            if view.next_location
            else self.tr("Last stop of the task")
        )

    def _render_steps(self, view: TaskView | None) -> None:
        current = view.step if view is not None else ""
        order = {s: i for i, s in enumerate(STEPS)}
        for step, label in self.step_labels.items():
            if current == "done" or (current in order and order[step] < order[current]):
                state = "done"
            elif step == current:
                state = "current"
            else:
                state = "todo"
            if label.property("state") != state:
                label.setProperty("state", state)
                label.style().unpolish(label)
                label.style().polish(label)
        # Bulk and wall lists have no tote step.
        self.step_labels["tote"].setVisible(view is None or view.kind == "cart")

    def _render_bars(self, view: TaskView | None) -> None:
        if view is None:
            for bar in (self.task_bar, self.wave_bar):
                bar.setRange(0, 1)
                bar.setValue(0)
                bar.setFormat("")
            return
        for bar, p, text in (
            (
                self.task_bar,
                view.progress,
                self.tr("Task: {done} / {total} units, {lines} / {lines_total} lines"),
            ),
            (
                self.wave_bar,
                view.wave_progress,
                self.tr("Wave {wave}: {done} / {total} units, {lines} / {lines_total} lines"),
            ),
        ):
            bar.setRange(0, max(p.units_total, 1))
            bar.setValue(p.units_done)
            bar.setFormat(
                text.format(
                    done=p.units_done,
                    total=p.units_total,
                    lines=p.lines_done,
                    lines_total=p.lines_total,
                    wave=view.wave_code,
                )
            )
