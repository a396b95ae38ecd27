"""The table of orders on the orders board: rows are the dicts of ``list_orders``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from ui.i18n.language import payment_label, status_label
from ui.widgets import theme

AMBER_ROW = QColor(theme.ROW_HELD)
CANCELLED_TEXT = QColor(theme.CANCELLED_TEXT)
UNPAID_TEXT = QColor(theme.UNPAID_TEXT)

ORDER_KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # (order_no, store)
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2  # the status code

Index = QModelIndex | QPersistentModelIndex


class OrdersTableModel(QAbstractTableModel):
    COLUMNS = ("order_no", "store", "status", "payment", "warehouse", "recipient", "place")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []

    # -- data -----------------------------------------------------------------------

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[dict[str, Any]]:
        return list(self._rows)

    def row_of(self, key: tuple[str, str]) -> int | None:
        for i, r in enumerate(self._rows):
            if (r["order_no"], r["store"]) == key:
                return i
        return None

    def order_at(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    def retranslate(self) -> None:
        """Status and payment names and the headers follow the language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.COLUMNS) - 1)
            )

    # -- QAbstractTableModel --------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        titles = (
            self.tr("Order no."),
            self.tr("Store"),
            self.tr("Status"),
            self.tr("Payment"),
            self.tr("Warehouse"),
            self.tr("Recipient"),
            self.tr("Province / city"),
        )
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == "place":
            return self._display(row, column)
        if role == Qt.ItemDataRole.BackgroundRole and row["status"] == "on_hold":
            return QBrush(AMBER_ROW)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row["status"] == "cancelled":
                return QBrush(CANCELLED_TEXT)
            if column == "payment" and row.get("payment_status") != "paid":
                return QBrush(UNPAID_TEXT)
        if role == ORDER_KEY_ROLE:
            return (row["order_no"], row["store"])
        if role == STATUS_ROLE:
            return row["status"]
        return None

    @staticmethod
    def _display(row: dict[str, Any], column: str) -> str:
        if column == "status":
            return status_label(row["status"])
        if column == "payment":
            return payment_label(row.get("payment_status"))
        if column == "place":
            province, city = row.get("province") or "", row.get("city") or ""
            if province and city and province != city:
                return f"{province} {city}"
            return province or city
        value = row.get(column)
        return "" if value is None else str(value)
