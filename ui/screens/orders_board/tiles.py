"""The status tiles across the top of the orders board: one per status, and "all"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from app.domain.status import OrderStatus
from ui.widgets import theme

TILE_PADDING = 8  # px each side: border, padding and layout margin
TILE_STATUSES: tuple[str | None, ...] = (None, *(s.value for s in OrderStatus))
TONES = {None: "all", "on_hold": "amber", "cancelled": "grey"}

# Set on the board: the tiles' labels take their colours from it.
TILE_STYLE = theme.qss("""
QPushButton#statusTile {
    background: $TILE; color: $INK;
    border: 2px solid $LINE; border-radius: 10px; padding: 4px 2px;
}
QPushButton#statusTile:hover { border-color: $LINE_STRONG; }
QPushButton#statusTile[tone="all"] { background: $TILE_ALL; }
QPushButton#statusTile[tone="amber"] { background: $TILE_HOLD; border-color: $TILE_HOLD_EDGE; }
QPushButton#statusTile[tone="grey"] { background: $CANCELLED; border-color: $TILE_CANCELLED_EDGE; }
QPushButton#statusTile:checked { border: 5px solid $ACCENT; padding: 1px 0px; }
QPushButton#statusTile QLabel { background: transparent; color: $INK; }
QPushButton#statusTile[tone="grey"] QLabel { color: $TILE_CANCELLED_TEXT; }
""")


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
        self._count.setFont(theme.sized_font(self, theme.TILE_NUMBER, bold=True))
        self._name = QLabel()
        self._name.setFont(theme.sized_font(self, theme.TILE_LABEL, bold=True))
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
        font = theme.sized_font(self, theme.TILE_NUMBER, bold=True)
        room = self.width() - 2 * TILE_PADDING
        while (
            font.pointSizeF() > theme.TILE_NUMBER_MIN
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
