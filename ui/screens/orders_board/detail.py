"""The orders board's right-hand panel: one order's recipient, lines, holds and interception."""

from __future__ import annotations

import html
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.i18n.language import hold_label, payment_label, status_label
from ui.widgets import theme
from ui.widgets.tables import table_rows

# Set on the board, like the tiles' style.
DETAIL_STYLE = theme.qss("""
QFrame#holdBox {
    background: $HOLD_BOX; border: 3px solid $HOLD_BOX_EDGE; border-radius: 8px;
}
QFrame#holdBox QLabel { color: $ON_HOLD_BOX; background: transparent; }
QFrame#interceptionBox {
    background: $BAD; border: 3px solid $BAD_EDGE; border-radius: 8px;
}
QFrame#interceptionBox QLabel { color: $ON_BAD; background: transparent; }
QLabel#detailPlaceholder { color: $PLACEHOLDER; }
QLabel#sectionTitle { color: $MUTED; }
""")


class OrderDetailPanel(QWidget):
    """The selected order: recipient, lines, holds (amber), interception (red)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._detail: dict[str, Any] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*theme.PANEL_MARGINS)
        layout.setSpacing(theme.GAP)

        self._placeholder = QLabel()
        self._placeholder.setObjectName("detailPlaceholder")
        self._placeholder.setWordWrap(True)
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self._placeholder)

        self._heading = QLabel()
        self._heading.setFont(theme.sized_font(self, theme.HEADING, bold=True))
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
        self._interception.setFont(theme.sized_font(self, theme.BOX_TITLE, bold=True))
        box.addWidget(self._interception)
        layout.addWidget(self._interception_box)

        self._hold_box = QFrame()
        self._hold_box.setObjectName("holdBox")
        self._hold_layout = QVBoxLayout(self._hold_box)
        self._hold_title = QLabel()
        self._hold_title.setFont(theme.sized_font(self, theme.BOX_TITLE, bold=True))
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
        label.setFont(theme.sized_font(self, theme.BODY, bold=True))
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
        parts += [" ".join(cells) for cells in table_rows(self._lines)]
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
                f"<tr><td style='color:{theme.MUTED}; padding-right:14px'>{html.escape(k)}</td>"
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
