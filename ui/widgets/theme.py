"""The station's one look: named colours, type sizes and spacing, and the fonts made from them.

Sizes are absolute points, not steps above the system font: a location code must be
as big on a cart's tablet as on a packing bench's monitor. (The few steps kept are
for text that sits among the system's own: the window's header and dialog headings.)

Colours are named by what they say, not by their hue, so that a screen asks for
"bad" and every red on the floor is the same red. Style sheets name them as
``$NAME`` and pass through :func:`qss`.
"""

from __future__ import annotations

from string import Template
from typing import Final

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QWidget

# -- colours: the feedback levels (background, then the text on it) --------------------
# Amber carries dark text: white on amber is unreadable at a metre.
GOOD: Final = "#1b873f"
BAD: Final = "#c62828"
DONE: Final = "#0f5132"
WARN: Final = "#f9a825"
INFO: Final = "#e8edf3"
ON_GOOD: Final = "#ffffff"
ON_BAD: Final = "#ffffff"
ON_DONE: Final = "#ffffff"
ON_WARN: Final = "#1f1300"
ON_INFO: Final = "#1f2933"
BAD_EDGE: Final = "#8e0000"  # the border of a red box or banner
CANCELLED: Final = "#d5d7da"  # what no longer counts: grey
ON_CANCELLED: Final = "#3d4148"

# -- colours: text and lines ------------------------------------------------------------
WHITE: Final = "#ffffff"
BLACK: Final = "#000000"
INK: Final = "#1f2933"  # body text on light panels
STRONG_INK: Final = "#111827"  # the location code: the darkest text on screen
MUTED: Final = "#4b5563"  # hints, section titles, the names beside values
PLACEHOLDER: Final = "#6b7280"  # "select an order…"
CAPTION: Final = "#374151"
ERROR_TEXT: Final = "#b71c1c"  # red text on white (a red background would be BAD)
GOOD_TEXT: Final = "#1b5e20"  # green text on white
UNPAID_TEXT: Final = "#a15c00"
CANCELLED_TEXT: Final = "#8a8a8a"
ACCENT: Final = "#1d4ed8"  # what is chosen: the current step, the checked tile or language
ON_ACCENT: Final = "#ffffff"
LINE: Final = "#cfd4dc"  # grid lines and tile borders
LINE_STRONG: Final = "#7b8794"  # a border under the pointer, a frame around a picture

# -- colours: table rows ----------------------------------------------------------------
ROW_BAD: Final = "#ffcdd2"  # late, refused, intercepted
ROW_WARN: Final = "#ffe08a"  # tight, on hold, partly scanned
ROW_GOOD: Final = "#c8ecd2"  # complete
ROW_HELD: Final = "#fff1c7"  # an order on hold in a long list: lighter than ROW_WARN

# -- colours: panels ---------------------------------------------------------------------
HEADER: Final = "#1f2933"  # the station window's header bar
ON_HEADER: Final = "#f5f7fa"
HEADER_EDGE: Final = "#52606d"
HOLD_BOX: Final = "#fff4d6"  # an amber box: held orders, the put-to-tote instruction
HOLD_BOX_EDGE: Final = "#e0a000"
ON_HOLD_BOX: Final = "#5c3d00"
STEP: Final = "#e5e7eb"  # a picking step not reached yet
PREVIEW: Final = "#9aa3ad"  # behind a label picture: the label's white edge shows

# -- colours: status tiles of the orders board ------------------------------------------
TILE: Final = "#f3f4f6"
TILE_ALL: Final = "#e4e9f2"
TILE_HOLD: Final = "#ffc53d"
TILE_HOLD_EDGE: Final = "#d69600"
TILE_CANCELLED_EDGE: Final = "#b3b7bd"
TILE_CANCELLED_TEXT: Final = "#52575e"

# -- colours: chart series ---------------------------------------------------------------
CHART_BARS: Final = ACCENT
CHART_UNITS: Final = GOOD
CHART_PACKED: Final = "#b45309"

# -- type sizes, in points ---------------------------------------------------------------
BODY: Final = 14.0  # the least any station text is: the application's font
TABLE_HEADER: Final = 13.0  # column titles of the supervisor's tables
BOX_TITLE: Final = 16.0  # the title of an amber or red box
HEADING: Final = 20.0  # an order's heading on the orders board
CHART_TEXT: Final = 12.0
CHART_TITLE: Final = 14.0
# The print jobs list, read from a bench:
BENCH_BODY: Final = 15.0
BENCH_TABLE_HEADER: Final = 14.0
BENCH_EMPHASIS: Final = 16.0  # its buttons and the failed job's error
BANNER: Final = 26.0  # the feedback line of a scanning screen
BANNER_DESK: Final = 16.0  # the feedback line of a desk screen (supervisor, settings)
SIGN_IN_PROMPT: Final = 40.0
TILE_NUMBER: Final = 30.0
TILE_NUMBER_MIN: Final = 18.0  # a five-digit count shrinks down to this, not further
TILE_LABEL: Final = 14.0
COUNT_CHIP: Final = 18.0
# Picking, read off a cart's tablet at arm's length:
LOCATION: Final = 60.0
PICK_PRODUCT: Final = 28.0
PICK_TAKE: Final = 36.0
PICK_DETAIL: Final = 18.0
PICK_PROGRESS: Final = 14.0
# Packing, read from a bench's monitor:
PACK_ORDER: Final = 40.0
PACK_CARRIER: Final = 30.0
PACK_TABLE: Final = 20.0
PACK_DETAIL: Final = 20.0
PACK_TABLE_HEADER: Final = 16.0
PACK_TRACKING: Final = 30.0
STOP: Final = 56.0  # the word that stops an intercepted order
STOP_REASON: Final = 24.0
# Hand-over, where the driver signs for the count:
HANDOVER_COUNT: Final = 72.0
HANDOVER_TEXT: Final = 20.0
# Steps above the system font (see the module doc):
HEADER_STEP: Final = 4.0
DIALOG_HEADING_STEP: Final = 4.0
SUPERVISOR_HEADING_STEP: Final = 6.0

# -- spacing, in pixels ------------------------------------------------------------------
MARGINS: Final = (10, 10, 10, 6)  # a screen's edge: left, top, right, bottom
MARGINS_DESK: Final = (10, 8, 10, 6)
PANEL_MARGINS: Final = (12, 8, 12, 8)
GAP: Final = 10  # between the blocks of a screen
TILE_GAP: Final = 6

_COLOURS: Final = {
    name: value
    for name, value in dict(globals()).items()
    if name.isupper() and isinstance(value, str) and value.startswith("#")
}

ERROR_LINE: Final = f"color: {BAD}; font-weight: bold;"  # a refusal under a form


def qss(template: str) -> str:
    """``template`` with each ``$NAME`` replaced by the colour of that name above;
    KeyError for a name that is not there (found when the module is imported)."""
    return Template(template).substitute(_COLOURS)


def sized_font(widget: QWidget, point_size: float, bold: bool = False) -> QFont:
    """``widget``'s font (its family, its language's fallbacks) at ``point_size``."""
    font = QFont(widget.font())
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


def stepped_font(widget: QWidget, step: float, bold: bool = False) -> QFont:
    """``widget``'s font ``step`` points above its size (see the module doc)."""
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() + step)
    if bold:
        font.setBold(True)
    return font


def sized_label(point_size: float, bold: bool = False, name: str = "") -> QLabel:
    """A word-wrapping label in ``sized_font``; ``name`` is its object name for the style sheet."""
    label = QLabel()
    label.setFont(sized_font(label, point_size, bold))
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


def font_at_least(widget: QWidget, point_size: float) -> QFont:
    """``widget``'s font, raised to ``point_size`` when it is smaller (never lowered:
    a station set up with large system type keeps it)."""
    return sized_font(widget, max(point_size, widget.font().pointSizeF()))
