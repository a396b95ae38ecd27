"""What a laid-out label is made of: boxes, text lines, Code 128 and QR symbols,
in printer dots (see :mod:`printing.layout`)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from printing import code128
from printing.label import LabelSize
from printing.layout.qr import qr_modules
from printing.layout.text import ink_width, stroke

__all__ = [
    "BASELINE",
    "MARGIN",
    "QUIET_MODULES",
    "TEXT_HEIGHT",
    "Barcode",
    "Box",
    "Element",
    "Layout",
    "QRCode",
    "Text",
    "element_bounds",
]

MARGIN = 12  # dots (1.5 mm) kept free at every edge
BASELINE = 0.82  # a text line's baseline, in ems below the top of its element
TEXT_HEIGHT = 1.06  # a text element's height in ems (room for descenders)
QUIET_MODULES = 10  # Code 128 quiet zone each side


@dataclass(frozen=True)
class Box:
    """A rectangle outline ``thickness`` dots wide, or a solid one (``^GB``)."""

    x: int
    y: int
    w: int
    h: int
    thickness: int = 2
    filled: bool = False


@dataclass(frozen=True)
class Text:
    """One line of text, ``size`` dots per em, placed inside the box ``x``..``x + w``.

    The layout has already cut ``text`` so that it fits ``w``
    (:func:`printing.fonts.text_width`); ``align`` is ``L``, ``C`` or ``R``;
    ``reverse`` prints white on the black box under it.
    """

    x: int
    y: int
    w: int
    size: int
    text: str
    align: str = "L"
    bold: bool = False
    reverse: bool = False

    @property
    def h(self) -> int:
        return math.ceil(self.size * TEXT_HEIGHT)

    @property
    def stroke(self) -> int:
        """Extra outline width for the fake bold of a single-weight font."""
        return stroke(self.size, self.bold)

    @property
    def ink_width(self) -> float:
        return ink_width(self.text, self.size, self.bold)

    @property
    def ink_x(self) -> int:
        """Left edge of the text itself after alignment."""
        free = self.w - self.ink_width
        if self.align == "C":
            return self.x + max(0, int(free / 2))
        if self.align == "R":
            return self.x + max(0, int(free))
        return self.x


@dataclass(frozen=True)
class Barcode:
    """A Code 128 symbol of ``data``: ``module`` dots per module, ``height`` dots high."""

    x: int
    y: int
    module: int
    height: int
    data: str

    @property
    def w(self) -> int:
        return self.module * code128.module_count(self.data)

    @property
    def h(self) -> int:
        return self.height


@dataclass(frozen=True)
class QRCode:
    """A QR code of ``data`` (error correction M), ``magnification`` dots per module."""

    x: int
    y: int
    magnification: int
    data: str

    @property
    def modules(self) -> int:
        return qr_modules(self.data)

    @property
    def w(self) -> int:
        return self.modules * self.magnification

    @property
    def h(self) -> int:
        return self.w


Element = Box | Text | Barcode | QRCode


@dataclass(frozen=True)
class Layout:
    size: LabelSize
    elements: tuple[Element, ...]


def element_bounds(element: Element) -> tuple[int, int, int, int]:
    """``(left, top, right, bottom)`` in dots, right and bottom exclusive."""
    return element.x, element.y, element.x + element.w, element.y + element.h
