"""The orders board (订单看板): counts by status, the orders, and one order's detail.

Large type for a supervisor's screen read from a metre away. The screen only knows
its view-model (``OrdersBoardModel``): it calls ``refresh`` / ``select`` and redraws
from the view-model's signals. The tiles are :mod:`.tiles`, the detail panel
:mod:`.detail`, the table's model :mod:`.table`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.i18n.language import status_label
from ui.screens.orders_board.detail import DETAIL_STYLE, OrderDetailPanel
from ui.screens.orders_board.table import ORDER_KEY_ROLE, OrdersTableModel
from ui.screens.orders_board.tiles import TILE_STATUSES, TILE_STYLE, StatusTile
from ui.viewmodels.orders_board import OrdersBoardModel
from ui.widgets import theme


class OrdersBoard(QWidget):
    """Status tiles, the orders table and the selected order's detail."""

    def __init__(self, model: OrdersBoardModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._counts: dict[str, int] = {}
        self._restoring = False
        self.setFont(theme.font_at_least(self, theme.BODY))
        self.setStyleSheet(TILE_STYLE + DETAIL_STYLE)

        self._tiles: dict[str | None, StatusTile] = {}
        self._tile_group = QButtonGroup(self)
        self._tile_group.setExclusive(True)
        tiles_row = QHBoxLayout()
        tiles_row.setSpacing(theme.TILE_GAP)
        for status in TILE_STATUSES:
            tile = StatusTile(status)
            self._tiles[status] = tile
            self._tile_group.addButton(tile)
            tiles_row.addWidget(tile)
        self._tiles[None].setChecked(True)

        self.table_model = OrdersTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.table_model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        row_height = self.table.fontMetrics().height() + 12
        self.table.verticalHeader().setDefaultSectionSize(row_height)
        header = self.table.horizontalHeader()
        header.setFont(theme.sized_font(self, theme.BODY, bold=True))
        header.setResizeContentsPrecision(-1)  # once, on the first load: all rows
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._columns_sized = False

        self._footer = QLabel()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self._footer)

        self.detail_panel = OrderDetailPanel()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.StyledPanel)
        scroll.setWidget(self.detail_panel)
        scroll.setMinimumWidth(360)

        self._splitter = QSplitter(Qt.Orientation.Horizontal)
        self._splitter.addWidget(left)
        self._splitter.addWidget(scroll)
        self._splitter.setStretchFactor(0, 2)
        self._splitter.setStretchFactor(1, 1)
        self._splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(*theme.MARGINS)
        layout.setSpacing(theme.GAP)
        layout.addLayout(tiles_row)
        layout.addWidget(self._splitter, 1)

        self._wire()
        self.retranslate()

    def _wire(self) -> None:
        """Every connection of the screen, in one place."""
        m = self.model
        m.counts_changed.connect(self._on_counts)
        m.orders_changed.connect(self._on_orders)
        m.detail_changed.connect(self.detail_panel.show_detail)
        self._tile_group.buttonClicked.connect(self._on_tile_clicked)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)

    # -- queries for tests and other screens ----------------------------------------

    def tile(self, status: str | None) -> StatusTile:
        return self._tiles[status]

    def tiles(self) -> dict[str | None, StatusTile]:
        return dict(self._tiles)

    def title(self) -> str:
        return self.tr("Orders board")

    def footer_text(self) -> str:
        return self._footer.text()

    def select_row(self, row: int) -> None:
        """Select a table row as a click would."""
        self.table.selectRow(row)

    # -- slots ----------------------------------------------------------------------

    def _on_tile_clicked(self, tile: QAbstractButton) -> None:
        if not isinstance(tile, StatusTile):
            return
        tile.setChecked(True)
        self._restoring = True
        try:
            self.table.clearSelection()
        finally:
            self._restoring = False
        self.model.clear_selection()
        self.model.refresh(tile.status)

    def _on_counts(self, counts: dict[str, int]) -> None:
        self._counts = dict(counts)
        for status, tile in self._tiles.items():
            if status is None:
                tile.set_count(sum(counts.values()))
            else:
                tile.set_count(counts.get(status, 0))
        self._update_footer()

    def _on_orders(self, orders: list[dict[str, Any]]) -> None:
        selected = self.model.selected
        scroll = self.table.verticalScrollBar().value()
        self._restoring = True
        try:
            self.table_model.set_rows(orders)
            if not self._columns_sized and orders:
                self.table.resizeColumnsToContents()
                self._columns_sized = True
            row = self.table_model.row_of(selected) if selected else None
            if row is not None:
                self.table.selectRow(row)
            self.table.verticalScrollBar().setValue(scroll)
        finally:
            self._restoring = False
        self._update_footer()

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._restoring:
            return
        indexes = selected.indexes()
        if not indexes:
            return
        index: QModelIndex = indexes[0]
        order_no, store = self.table_model.data(index, ORDER_KEY_ROLE)
        self.model.select(order_no, store)

    def _update_footer(self) -> None:
        shown = self.table_model.rowCount()
        status = self.model.status
        total = self._counts.get(status, 0) if status else sum(self._counts.values())
        if shown < total:
            text = self.tr("Showing the first {shown} of {total} orders").format(
                shown=shown, total=total
            )
        else:
            text = self.tr("{shown} orders").format(shown=shown)
        if status:
            text += " — " + status_label(status)
        self._footer.setText(text)

    # -- language -------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        for status, tile in self._tiles.items():
            tile.set_title(self.tr("All orders") if status is None else status_label(status))
        self.table_model.retranslate()
        if self._columns_sized:
            self.table.resizeColumnsToContents()
        self._update_footer()
