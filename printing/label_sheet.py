"""Many code labels in one print job: a multi-page PDF or one ZPL stream.

Setting up a floor prints hundreds of location or tote labels at once; one
document with a page (or a ``^XA … ^XZ`` format) per label is what a printer
queue and an operator handle best. Each page is drawn exactly as
:func:`printing.pdf.render_pdf` draws a single label, and each format is
:func:`printing.zpl.render_zpl`'s, so a label looks the same printed alone or
in a batch. In the PDF the embedded font subset is shared by all pages.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from typing import Literal

from printing.fonts import FONT_LOCK, register_pdf_font
from printing.label import CodeLabel, LabelSize
from printing.layout import layout_label

# The single-label renderer's page: one drawing code for one label and many.
from printing.pdf import draw_label_page, label_canvas
from printing.zpl import DEFAULT_PRINTER_FONT, render_zpl

__all__ = ["Progress", "labels_pdf", "labels_zpl"]

Progress = Callable[[int], None]  # called with 1 after each label, e.g. ProgressBar.advance


def _check(labels: Sequence[CodeLabel]) -> None:
    if not labels:
        raise ValueError("no labels to render")
    for label in labels:
        if not isinstance(label, CodeLabel):
            raise TypeError(f"not a code label: {type(label).__name__}")


def labels_pdf(
    labels: Sequence[CodeLabel],
    size: LabelSize,
    *,
    title: str = "",
    progress: Progress | None = None,
) -> bytes:
    """One PDF, one page of ``size`` per label, in the order given."""
    _check(labels)
    layouts = []
    for label in labels:  # lay out first: a label that does not fit fails before any drawing
        layouts.append(layout_label(label, size))
    buffer = io.BytesIO()
    with FONT_LOCK:  # reportlab keeps per-document subset state in the shared TTFont
        canvas = label_canvas(buffer, size, title or f"{len(labels)} labels {size.name}")
        font = register_pdf_font()
        for layout in layouts:
            draw_label_page(canvas, size, layout, font)
            if progress is not None:
                progress(1)
        canvas.save()
    return buffer.getvalue()


def labels_zpl(
    labels: Sequence[CodeLabel],
    size: LabelSize,
    *,
    cjk: Literal["graphic", "font"] = "graphic",
    font: str = DEFAULT_PRINTER_FONT,
    progress: Progress | None = None,
) -> bytes:
    """One ZPL stream: the labels' ``^XA … ^XZ`` formats one after another (ASCII)."""
    _check(labels)
    parts: list[str] = []
    for label in labels:
        parts.append(render_zpl(label, size, cjk=cjk, font=font))
        if progress is not None:
            progress(1)
    # Every field is ^FH-escaped, so the stream is printable ASCII whatever the labels hold.
    return "".join(parts).encode("ascii")
