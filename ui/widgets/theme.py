"""Type for station screens, sized to be read from a metre away.

Sizes are absolute points, not steps above the system font: a location code must be
as big on a cart's tablet as on a packing bench's monitor.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget


def sized_font(widget: QWidget, point_size: float, bold: bool = False) -> QFont:
    """``widget``'s font (its family, its language's fallbacks) at ``point_size``."""
    font = QFont(widget.font())
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


def sized_label(point_size: float, bold: bool = False, name: str = "") -> QLabel:
    """A word-wrapping label in ``sized_font``; ``name`` is its object name for the style sheet."""
    label = QLabel()
    label.setFont(sized_font(label, point_size, bold))
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label
