"""Code labels (location, tote, badge, product): a 60 × 40 mm design scaled by
min(width / 480, height / 320): a reversed kind tag, the heading, the barcode,
the code (when the heading is not already the code) and details."""

from __future__ import annotations

import math

from printing.fonts import text_width
from printing.label import CodeLabel, LabelSize
from printing.layout.builder import Builder
from printing.layout.elements import MARGIN, TEXT_HEIGHT, Layout
from printing.layout.text import ink_width, wrap_text

__all__ = ["layout_code"]


def layout_code(label: CodeLabel, size: LabelSize) -> Layout:
    """A location, tote, badge or product label: a 60 × 40 mm design scaled to ``size``."""
    W, H = size.width_dots, size.height_dots
    scale = min(W / 480, H / 320)

    def d(value: float) -> int:
        return max(1, round(value * scale))

    b = Builder(size)
    x0, inner = MARGIN, W - 2 * MARGIN
    pad = d(8)
    y = MARGIN
    b.box(x0, y, inner, H - 2 * MARGIN, 2)
    y += pad
    if label.kind:
        tag_size = d(20)
        tag_w = min(int(text_width(label.kind, tag_size)) + 2 * pad, inner - 2 * pad)
        tag_h = math.ceil(tag_size * TEXT_HEIGHT) + d(4)
        b.badge(x0 + pad, y, tag_w, tag_h, tag_size, label.kind)
        y += tag_h + pad
    heading_size = d(48)
    heading_w = inner - 2 * pad
    if ink_width(label.heading, heading_size, True) <= heading_w:
        b.text(x0 + pad, y, heading_w, heading_size, label.heading, align="C", bold=True)
        y += math.ceil(heading_size * TEXT_HEIGHT) + pad
    else:  # a long product name: two smaller lines
        heading_size = d(32)
        for line in wrap_text(label.heading, heading_size, heading_w - 8, 2):
            b.text(x0 + pad, y, heading_w, heading_size, line, align="C", bold=True)
            y += math.ceil(heading_size * TEXT_HEIGHT)
        y += pad
    small = d(26)
    extra = [] if label.heading == label.code else [label.code]
    extra += list(label.lines)[:2]
    below = len(extra) * (math.ceil(small * TEXT_HEIGHT) + d(4))
    bar_h = max(d(40), H - MARGIN - pad - y - below - d(6))
    bar_h = min(bar_h, d(150))
    b.barcode(x0 + 2, y, inner - 4, bar_h, label.code, max_module=max(2, d(3)))
    y += bar_h + d(6)
    for line in extra:
        b.text(x0 + pad, y, inner - 2 * pad, small, line, align="C", bold=line == label.code)
        y += math.ceil(small * TEXT_HEIGHT) + d(4)
    return b.layout()
