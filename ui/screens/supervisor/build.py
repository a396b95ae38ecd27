"""Build waves… : the options, the plan a build would make (a dry run on the worker),
then Build. Build is offered only for the options the plan on screen was made with."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.local_time import LOCAL
from app.services.waves import BuildResult, WaveError, WaveOptions
from ui.viewmodels.supervisor import SupervisorModel
from ui.widgets import theme
from ui.widgets.code_field import code_field
from ui.widgets.forms import set_form_labels
from ui.widgets.tables import table_rows

SORT_MODES = ("pick_and_sort", "pick_then_sort")


class BuildWavesDialog(QDialog):
    def __init__(self, model: SupervisorModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("buildWavesDialog")
        self.setModal(True)
        self.resize(900, 520)
        self.model = model
        self._planned: WaveOptions | None = None
        self.build_result: BuildResult | None = None  # once built (QDialog.result is the exit code)

        station = model.ctx.station
        self.warehouse = code_field(QLineEdit((station.warehouse_code or "") if station else ""))
        self.warehouse.setMaxLength(32)
        self.carrier = code_field(QLineEdit())
        self.carrier.setMaxLength(32)
        self.max_orders = QSpinBox()
        self.max_orders.setRange(1, 10000)
        self.max_orders.setValue(500)
        self.cart_totes = QSpinBox()
        self.cart_totes.setRange(1, 48)
        self.cart_totes.setValue(8)
        self.sort_mode = QComboBox()
        self.form = QFormLayout()
        for widget in (
            self.warehouse,
            self.carrier,
            self.max_orders,
            self.cart_totes,
            self.sort_mode,
        ):
            self.form.addRow(QLabel(), widget)

        self.plan = QTableWidget(0, 7)
        self.plan.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.plan.verticalHeader().setVisible(False)
        self.plan.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.plan.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("buildMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(theme.ERROR_LINE)

        self.preview_button = QPushButton()
        self.build_button = QPushButton()
        self.build_button.setEnabled(False)
        self.close_button = QPushButton()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.preview_button, self.build_button, self.close_button):
            b.setMinimumHeight(40)
            buttons.addWidget(b)

        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.plan, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self.preview_button.clicked.connect(self.preview)
        self.build_button.clicked.connect(self.build)
        self.close_button.clicked.connect(self.reject)
        for edit in (self.warehouse, self.carrier):
            edit.textChanged.connect(self._options_changed)
        for spin in (self.max_orders, self.cart_totes):
            spin.valueChanged.connect(self._options_changed)
        self.sort_mode.currentIndexChanged.connect(self._options_changed)
        model.preview_ready.connect(self._on_preview)
        model.built.connect(self._on_built)
        model.action_failed.connect(self._on_failed)
        self.retranslate()

    # -- options ------------------------------------------------------------------------

    def options(self) -> WaveOptions:
        carrier = self.carrier.text().strip().upper() or None
        return self.model.wave_options(
            warehouse=self.warehouse.text().strip().upper(),
            carrier=carrier,
            max_orders=self.max_orders.value(),
            cart_totes=self.cart_totes.value(),
            sort_mode=SORT_MODES[max(self.sort_mode.currentIndex(), 0)],
        )

    def _options_changed(self) -> None:
        self._planned = None
        self.build_button.setEnabled(False)

    # -- steps --------------------------------------------------------------------------

    def preview(self) -> None:
        try:
            options = self.options()
        except WaveError as exc:
            self.message.setText(
                self.tr("Choose a warehouse to build waves for.")
                if "warehouse" in str(exc)
                else str(exc)
            )
            return
        self.message.setText(self.tr("Planning…"))
        self._planned = options
        self.build_button.setEnabled(False)
        self.model.preview_waves(options)

    def build(self) -> None:
        if self._planned is None:
            return
        self.build_button.setEnabled(False)
        self.preview_button.setEnabled(False)
        self.message.setText(self.tr("Building…"))
        self.model.build_waves(self._planned)

    def _on_preview(self, result: BuildResult) -> None:
        if self._planned is None:
            return  # the options changed while planning: this plan is not theirs
        self.message.clear()
        self.show_plan(result)
        self.build_button.setEnabled(bool(result.waves))

    def _on_built(self, result: BuildResult) -> None:
        self.build_result = result
        self.preview_button.setEnabled(True)
        self.show_plan(result)
        self.accept()

    def _on_failed(self, action: str, code: str, message: str) -> None:
        if action != "build_waves":
            return
        self.preview_button.setEnabled(True)
        self.message.setText(message)

    def show_plan(self, result: BuildResult) -> None:
        waves = result.waves
        self.plan.setRowCount(len(waves))
        for row, w in enumerate(waves):
            saving = 1 - w.distance / w.fcfs_distance if w.fcfs_distance else 0.0
            values = (
                w.code or "—",
                w.kind,
                w.carrier,
                w.cutoff.astimezone(LOCAL).strftime("%Y-%m-%d %H:%M"),
                str(w.orders),
                str(len(w.tasks)),
                f"{w.distance:.0f} m (−{saving * 100:.0f}%)",
            )
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if col >= 4:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.plan.setItem(row, col, item)
        orders = sum(w.orders for w in waves)
        tasks = sum(len(w.tasks) for w in waves)
        if not waves:
            self.summary.setText(self.tr("No allocated orders are waiting for a wave."))
        elif result.dry_run:
            self.summary.setText(
                self.tr(
                    "A build would make {waves} waves with {tasks} pick tasks for {orders} orders."
                ).format(waves=len(waves), tasks=tasks, orders=orders)
            )
        else:
            self.summary.setText(
                self.tr("Built {waves} waves with {tasks} pick tasks for {orders} orders.").format(
                    waves=len(waves), tasks=tasks, orders=orders
                )
            )

    def plan_rows(self) -> list[list[str]]:
        return table_rows(self.plan)

    # -- language -----------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Build waves"))
        labels = (
            self.tr("Warehouse"),
            self.tr("Carrier (empty: all)"),
            self.tr("Orders per wave at most"),
            self.tr("Totes per cart"),
            self.tr("Sorting"),
        )
        set_form_labels(self.form, labels)
        index = self.sort_mode.currentIndex()
        self.sort_mode.clear()
        self.sort_mode.addItems(
            [self.tr("Pick and sort (one tote per order)"), self.tr("Pick then sort (put wall)")]
        )
        self.sort_mode.setCurrentIndex(max(index, 0))
        self.plan.setHorizontalHeaderLabels(
            [
                self.tr("Wave"),
                self.tr("Kind"),
                self.tr("Carrier"),
                self.tr("Cut-off"),
                self.tr("Orders"),
                self.tr("Tasks"),
                self.tr("Walk (saving)"),
            ]
        )
        self.preview_button.setText(self.tr("Show plan"))
        self.build_button.setText(self.tr("Build"))
        self.close_button.setText(self.tr("Close"))
