"""The bundled CJK font (resources/fonts/wqy-microhei.ttc) and text measurement.

Every renderer measures text with :func:`text_width`, so a line the layout
decided fits, fits in the PDF, in a ``^GF`` graphic and with a printer-resident
font alike: the width used is the larger of the bundled font's advance widths
and a SimSun-like estimate (full-width characters one em, others half an em),
which is what a printer font such as ``E:SIMSUN.TTF`` needs.
"""

from __future__ import annotations

import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

__all__ = [
    "FONT_INDEX",
    "FONT_LOCK",
    "FONT_PATH",
    "PDF_FONT_NAME",
    "pil_font",
    "register_pdf_font",
    "text_width",
]

FONT_PATH = Path(__file__).resolve().parents[1] / "resources" / "fonts" / "wqy-microhei.ttc"
FONT_INDEX = 0  # "WenQuanYi Micro Hei"; 1 is the monospaced face
PDF_FONT_NAME = "WQYMicroHei"
_UNITS = 1000  # advance widths are cached per 1000 units of em
# Pillow's FreeType faces and reportlab's font registry are shared by every thread
# (a print-queue worker and a preview, say); rendering takes this lock where they
# are touched. Cached glyphs and lines need no lock.
FONT_LOCK = threading.RLock()


@lru_cache(maxsize=64)
def pil_font(size: int) -> ImageFont.FreeTypeFont:
    """The bundled font at ``size`` pixels per em, for rasterising ``^GF`` text."""
    return ImageFont.truetype(str(FONT_PATH), size, index=FONT_INDEX)


@lru_cache(maxsize=8192)
def _advance(char: str) -> float:
    with FONT_LOCK:
        bundled = pil_font(_UNITS).getlength(char)
    wide = unicodedata.east_asian_width(char) in "WF"
    return max(bundled, _UNITS if wide else _UNITS / 2)


def text_width(text: str, size: float) -> float:
    """Width in dots of ``text`` at ``size`` dots per em (see the module note)."""
    return sum(_advance(c) for c in text) * size / _UNITS


@lru_cache(maxsize=1)
def register_pdf_font() -> str:
    """Register the bundled font with reportlab once; returns its reportlab name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(PDF_FONT_NAME, str(FONT_PATH), subfontIndex=FONT_INDEX))
    return PDF_FONT_NAME
