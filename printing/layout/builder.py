"""Adds elements to a label one call at a time, each already fitted to its room."""

from __future__ import annotations

import math

from printing import code128
from printing.label import LabelSize
from printing.layout.elements import (
    QUIET_MODULES,
    TEXT_HEIGHT,
    Barcode,
    Box,
    Element,
    Layout,
    QRCode,
    Text,
)
from printing.layout.text import fit_text

__all__ = ["Builder"]


class Builder:
    def __init__(self, size: LabelSize) -> None:
        self.size = size
        self.elements: list[Element] = []

    def box(self, x: int, y: int, w: int, h: int, t: int = 2, *, filled: bool = False) -> None:
        self.elements.append(Box(x, y, w, h, min(t, w, h) if not filled else min(w, h), filled))

    def hline(self, x: int, y: int, w: int, t: int = 2) -> None:
        self.box(x, y, w, t, t)

    def vline(self, x: int, y: int, h: int, t: int = 2) -> None:
        self.box(x, y, t, h, t)

    def text(
        self,
        x: int,
        y: int,
        w: int,
        size: int,
        text: str,
        *,
        align: str = "L",
        bold: bool = False,
        reverse: bool = False,
    ) -> Text | None:
        shown = fit_text(text, size, w, bold=bold)
        if not shown:
            return None
        element = Text(x, y, w, size, shown, align, bold, reverse)
        self.elements.append(element)
        return element

    def badge(self, x: int, y: int, w: int, h: int, size: int, text: str) -> None:
        """White text on a black box, centred."""
        self.box(x, y, w, h, filled=True)
        self.text(
            x, y + (h - math.ceil(size * TEXT_HEIGHT)) // 2, w, size, text, align="C", reverse=True
        )

    def barcode(self, x: int, y: int, w: int, height: int, data: str, max_module: int = 4) -> int:
        """Centre a Code 128 symbol in ``x``..``x + w`` with its quiet zones; returns its module."""
        modules = code128.module_count(data) + 2 * QUIET_MODULES
        module = max_module
        while module > 1 and modules * module > w:
            module -= 1
        if modules * module > w:
            raise ValueError(f"{data!r} is too long for a barcode {w} dots wide")
        bar = Barcode(0, y, module, height, data)
        self.elements.append(Barcode(x + (w - bar.w) // 2, y, module, height, data))
        return module

    def qr(self, x: int, y: int, magnification: int, data: str) -> None:
        self.elements.append(QRCode(x, y, magnification, data))

    def layout(self) -> Layout:
        return Layout(self.size, tuple(self.elements))
