"""The orders tab of the supervisor's screen: how many orders are in each status, per
warehouse and store (held ones in amber)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.services.supervision import StatusCount
from ui.i18n.language import status_label
from ui.screens.supervisor.cells import item, read_only_table, tint
from ui.viewmodels.supervisor import SupervisorModel
from ui.widgets import theme


class OrdersTab(QWidget):
    """See the module doc; redraws from the model's ``orders_changed``."""

    def __init__(self, model: SupervisorModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._orders: list[StatusCount] = []
        self.table = read_only_table(4)
        self.total = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total)
        self._wire()
        self.retranslate()

    def _wire(self) -> None:
        """Every connection of the tab, in one place."""
        self.model.orders_changed.connect(self._on_orders)

    def _on_orders(self, rows: list[StatusCount]) -> None:
        self._orders = list(rows)
        t = self.table
        t.setRowCount(len(rows))
        for row, r in enumerate(rows):
            t.setItem(row, 0, item(r.warehouse or self.tr("not allocated")))
            t.setItem(row, 1, item(r.store))
            status = item(status_label(r.status), ref=r.status)
            if r.status == "on_hold":
                tint(status, theme.ROW_WARN)
            t.setItem(row, 2, status)
            t.setItem(row, 3, item(str(r.count), right=True))
        self.total.setText(self.tr("{count} orders").format(count=sum(r.count for r in rows)))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [self.tr("Warehouse"), self.tr("Store"), self.tr("Status"), self.tr("Orders")]
        )
        self._on_orders(self._orders)  # the rows carry translated words
