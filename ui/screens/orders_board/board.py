"""The orders board (订单看板): counts by status, the orders, and one order's detail.

Large type for a supervisor's screen read from a metre away. The screen only knows
its view-model (``OrdersBoardModel``): it calls ``refresh`` / ``select`` and redraws
from the view-model's signals.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.status import OrderStatus
from ui.i18n.language import hold_label, payment_label, status_label
from ui.screens.orders_board.table import ORDER_KEY_ROLE, OrdersTableModel
from ui.viewmodels.orders_board import OrdersBoardModel
from ui.widgets.theme import sized_font

BASE_POINT_SIZE = 14.0
TILE_NUMBER_POINT_SIZE = 30.0
TILE_NUMBER_MIN_POINT_SIZE = 18.0
TILE_PADDING = 8  # px each side: border, padding and layout margin
TILE_LABEL_POINT_SIZE = 14.0
HEADING_POINT_SIZE = 20.0

TILE_STATUSES: tuple[str | None, ...] = (None, *(s.value for s in OrderStatus))
TONES = {None: "all", "on_hold": "amber", "cancelled": "grey"}

STYLE = """
QPushButton#statusTile {
    background: #f3f4f6; color: #1f2933;
    border: 2px solid #cfd4dc; border-radius: 10px; padding: 4px 2px;
}
QPushButton#statusTile:hover { border-color: #7b8794; }
QPushButton#statusTile[tone="all"] { background: #e4e9f2; }
QPushButton#statusTile[tone="amber"] { background: #ffc53d; border-color: #d69600; }
QPushButton#statusTile[tone="grey"] { background: #d5d7da; border-color: #b3b7bd; }
QPushButton#statusTile:checked { border: 5px solid #1d4ed8; padding: 1px 0px; }
QPushButton#statusTile QLabel { background: transparent; color: #1f2933; }
QPushButton#statusTile[tone="grey"] QLabel { color: #52575e; }
QFrame#holdBox {
    background: #fff4d6; border: 3px solid #e0a000; border-radius: 8px;
}
QFrame#holdBox QLabel { color: #5c3d00; background: transparent; }
QFrame#interceptionBox {
    background: #c62828; border: 3px solid #8e0000; border-radius: 8px;
}
QFrame#interceptionBox QLabel { color: white; background: transparent; }
QLabel#detailPlaceholder { color: #6b7280; }
QLabel#sectionTitle { color: #4b5563; }
"""


class StatusTile(QPushButton):
    """A large clickable tile: the count on top, the status name below."""

    def __init__(self, status: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = status
        self.setObjectName("statusTile")
        self.setProperty("tone", TONES.get(status, "neutral"))
        self.setCheckable(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._count = QLabel("–")
        self._count.setFont(sized_font(self, TILE_NUMBER_POINT_SIZE, bold=True))
        self._name = QLabel()
        self._name.setFont(sized_font(self, TILE_LABEL_POINT_SIZE, bold=True))
        self._name.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(TILE_PADDING - 4, 6, TILE_PADDING - 4, 6)
        layout.setSpacing(0)
        for label in (self._count, self._name):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)
        self.setMinimumHeight(
            self._count.fontMetrics().height() + 2 * self._name.fontMetrics().height() + 16
        )
        self._fit_width()

    def set_count(self, count: int | None) -> None:
        self._count.setText("–" if count is None else str(count))
        self._fit_count()
        self._update_accessible()

    def set_title(self, title: str) -> None:
        self._name.setText(title)
        self._fit_width()
        self._update_accessible()

    def _fit_width(self) -> None:
        """Wide enough for three digits and for the longest word of the title (titles
        wrap between words, never inside one)."""
        words = self._name.text().split() or [""]
        name_metrics = self._name.fontMetrics()
        needed = max(
            self._count.fontMetrics().horizontalAdvance("000"),
            *(name_metrics.horizontalAdvance(w) for w in words),
        )
        self.setMinimumWidth(needed + 2 * TILE_PADDING)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_count()

    def _fit_count(self) -> None:
        """Big numbers (five digits and more) shrink to fit the tile instead of being cut."""
        font = sized_font(self, TILE_NUMBER_POINT_SIZE, bold=True)
        room = self.width() - 2 * TILE_PADDING
        while (
            font.pointSizeF() > TILE_NUMBER_MIN_POINT_SIZE
            and QFontMetrics(font).horizontalAdvance(self._count.text()) > room
        ):
            font.setPointSizeF(font.pointSizeF() - 2)
        if font != self._count.font():
            self._count.setFont(font)

    def count_text(self) -> str:
        return self._count.text()

    def title_text(self) -> str:
        return self._name.text()

    def _update_accessible(self) -> None:
        self.setAccessibleName(f"{self._name.text()}: {self._count.text()}")


class OrderDetailPanel(QWidget):
    """The selected order: recipient, lines, holds (amber), interception (red)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._detail: dict[str, Any] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(10)

        self._placeholder = QLabel()
        self._placeholder.setObjectName("detailPlaceholder")
        self._placeholder.setWordWrap(True)
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self._placeholder)

        self._heading = QLabel()
        self._heading.setFont(sized_font(self, HEADING_POINT_SIZE, bold=True))
        self._heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._summary = QLabel()
        self._summary.setWordWrap(True)
        layout.addWidget(self._heading)
        layout.addWidget(self._summary)

        self._interception_box = QFrame()
        self._interception_box.setObjectName("interceptionBox")
        box = QVBoxLayout(self._interception_box)
        self._interception = QLabel()
        self._interception.setWordWrap(True)
        self._interception.setFont(sized_font(self, BASE_POINT_SIZE + 2, bold=True))
        box.addWidget(self._interception)
        layout.addWidget(self._interception_box)

        self._hold_box = QFrame()
        self._hold_box.setObjectName("holdBox")
        self._hold_layout = QVBoxLayout(self._hold_box)
        self._hold_title = QLabel()
        self._hold_title.setFont(sized_font(self, BASE_POINT_SIZE + 2, bold=True))
        self._hold_layout.addWidget(self._hold_title)
        self._hold_labels: list[QLabel] = []
        layout.addWidget(self._hold_box)

        self._recipient_title = self._section_title()
        self._recipient = QLabel()
        self._recipient.setWordWrap(True)
        self._recipient.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self._recipient_title)
        layout.addWidget(self._recipient)

        self._remark_title = self._section_title()
        self._remark = QLabel()
        self._remark.setWordWrap(True)
        layout.addWidget(self._remark_title)
        layout.addWidget(self._remark)

        self._lines_title = self._section_title()
        self._lines = QTableWidget(0, 4)
        self._lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._lines.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self._lines.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._lines.verticalHeader().setVisible(False)
        self._lines.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self._lines.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self._lines_title)
        layout.addWidget(self._lines)

        self._extra = QLabel()
        self._extra.setWordWrap(True)
        layout.addWidget(self._extra)
        layout.addStretch(1)

        self.retranslate()

    def _section_title(self) -> QLabel:
        label = QLabel()
        label.setObjectName("sectionTitle")
        label.setFont(sized_font(self, BASE_POINT_SIZE, bold=True))
        return label

    # -- public ---------------------------------------------------------------------

    def show_detail(self, detail: dict[str, Any]) -> None:
        self._detail = dict(detail)
        self._render()

    def detail(self) -> dict[str, Any]:
        return dict(self._detail)

    def hold_texts(self) -> list[str]:
        return [label.text() for label in self._hold_labels]

    def interception_text(self) -> str:
        return self._interception.text() if not self._interception_box.isHidden() else ""

    def plain_text(self) -> str:
        """Everything the panel shows, for tests and copy/paste."""
        parts = [self._heading.text(), self._summary.text(), self.interception_text()]
        if not self._hold_box.isHidden():
            parts += [self._hold_title.text(), *self.hold_texts()]
        parts += [self._recipient.text(), self._remark.text(), self._extra.text()]
        for row in range(self._lines.rowCount()):
            parts.append(
                " ".join(
                    (self._lines.item(row, c).text() if self._lines.item(row, c) else "")
                    for c in range(self._lines.columnCount())
                )
            )
        return "\n".join(p for p in parts if p)

    # -- language -------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self._placeholder.setText(self.tr("Select an order to see its details."))
        self._hold_title.setText(self.tr("On hold because"))
        self._recipient_title.setText(self.tr("Recipient"))
        self._remark_title.setText(self.tr("Buyer remark"))
        self._lines_title.setText(self.tr("Lines"))
        self._lines.setHorizontalHeaderLabels(
            [self.tr("SKU"), self.tr("Product"), self.tr("Qty"), self.tr("Price")]
        )
        self._render()

    # -- drawing --------------------------------------------------------------------

    def _render(self) -> None:
        d = self._detail
        empty = not d
        self._placeholder.setVisible(empty)
        for w in (
            self._heading,
            self._summary,
            self._recipient_title,
            self._recipient,
            self._lines_title,
            self._lines,
            self._extra,
        ):
            w.setVisible(not empty)
        if empty:
            self._interception_box.hide()
            self._hold_box.hide()
            self._remark_title.hide()
            self._remark.hide()
            self._set_holds([])
            self._lines.setRowCount(0)
            return

        self._heading.setText(f"{d['order_no']}  ·  {status_label(d.get('status'))}")
        facts = [
            (self.tr("Store"), f"{d.get('store') or ''} ({d.get('platform') or ''})"),
            (self.tr("Payment"), payment_label(d.get("payment_status"))),
            (self.tr("Warehouse"), d.get("warehouse") or "—"),
        ]
        if d.get("total") is not None:
            facts.append((self.tr("Total"), f"{d['total']} {d.get('currency') or ''}".strip()))
        if d.get("placed_at"):
            facts.append((self.tr("Placed"), _local_time(d["placed_at"])))
        self._summary.setText(
            "<table cellspacing='0' cellpadding='1'>"
            + "".join(
                f"<tr><td style='color:#4b5563; padding-right:14px'>{html.escape(k)}</td>"
                f"<td>{html.escape(v)}</td></tr>"
                for k, v in facts
            )
            + "</table>"
        )

        interception = d.get("interception")
        self._interception_box.setVisible(bool(interception))
        self._interception.setText(
            self.tr("INTERCEPTED — stop this order: {why}").format(why=interception)
            if interception
            else ""
        )

        holds = d.get("hold_reasons") or []
        self._hold_box.setVisible(bool(holds))
        self._set_holds(holds)

        r = d.get("recipient") or {}
        place = " ".join(p for p in (r.get("province"), r.get("city"), r.get("district")) if p)
        lines = [
            f"<b>{html.escape(r.get('name') or '')}</b>  {html.escape(r.get('phone') or '')}",
            html.escape(" ".join(p for p in (r.get("country"), place) if p)),
            html.escape(" ".join(p for p in (r.get("address"), r.get("postcode")) if p)),
        ]
        self._recipient.setText("<br>".join(line for line in lines if line))

        remark = d.get("buyer_remark") or ""
        self._remark_title.setVisible(bool(remark))
        self._remark.setVisible(bool(remark))
        self._remark.setText(remark)

        order_lines = d.get("lines") or []
        self._lines.setRowCount(len(order_lines))
        for row, ln in enumerate(order_lines):
            values = (ln.get("sku"), ln.get("name"), ln.get("qty"), ln.get("unit_price"))
            for col, value in enumerate(values):
                item = QTableWidgetItem("" if value is None else str(value))
                if col in (2, 3):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self._lines.setItem(row, col, item)
        self._lines.resizeRowsToContents()
        height = self._lines.horizontalHeader().height() + 2 * self._lines.frameWidth() + 2
        height += sum(self._lines.rowHeight(i) for i in range(len(order_lines)))
        self._lines.setFixedHeight(height)

        extra = []
        if d.get("split_from"):
            extra.append(self.tr("Split from order {order}").format(order=d["split_from"]))
        if d.get("split_into"):
            extra.append(self.tr("Split into: {orders}").format(orders=", ".join(d["split_into"])))
        for s in d.get("shipments") or []:
            extra.append(
                self.tr("Shipment {tracking} ({carrier}): {status}").format(
                    tracking=s.get("tracking_no") or "—",
                    carrier=s.get("carrier") or "",
                    status=s.get("status") or "",
                )
            )
        self._extra.setText("\n".join(extra))
        self._extra.setVisible(bool(extra))

    def _set_holds(self, holds: list[dict[str, Any]]) -> None:
        for label in self._hold_labels:
            self._hold_layout.removeWidget(label)
            label.deleteLater()
        self._hold_labels = []
        for h in holds:
            code = h.get("code") or ""
            label = QLabel(
                f"<b>{html.escape(hold_label(code))}</b> "
                f"<span style='font-family: monospace'>({html.escape(code)})</span>"
                f"<br>{html.escape(h.get('detail') or '')}"
            )
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._hold_layout.addWidget(label)
            self._hold_labels.append(label)


def _local_time(iso: str) -> str:
    """An ISO timestamp as local wall time, ``2024-05-01 17:30``; naive ones are UTC."""
    try:
        when = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone().strftime("%Y-%m-%d %H:%M")


class OrdersBoard(QWidget):
    """Status tiles, the orders table and the selected order's detail."""

    def __init__(self, model: OrdersBoardModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._counts: dict[str, int] = {}
        self._restoring = False
        self.setFont(sized_font(self, max(BASE_POINT_SIZE, self.font().pointSizeF())))
        self.setStyleSheet(STYLE)

        self._tiles: dict[str | None, StatusTile] = {}
        self._tile_group = QButtonGroup(self)
        self._tile_group.setExclusive(True)
        tiles_row = QHBoxLayout()
        tiles_row.setSpacing(6)
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
        header.setFont(sized_font(self, BASE_POINT_SIZE, bold=True))
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
        layout.setContentsMargins(10, 10, 10, 6)
        layout.setSpacing(10)
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
