"""PDF labels (reportlab) for office and laser printers, one page per label.

The page is the label stock (e.g. 100 × 150 mm) and shows the
:mod:`printing.layout` of the label, dot for dot scaled to points, so the PDF
and the ZPL carry the same content in the same place. Chinese text uses the
bundled WenQuanYi Micro Hei (TrueType outlines), embedded as a subset. The
Code 128 barcode is reportlab's, its bar width the layout's module (2-4 dots
of 0.125 mm), so printed through a 203 dpi driver every bar lands on whole
printer dots. The QR code is drawn module by module from the same encoder the
layout measured.
"""

from __future__ import annotations

import io
from typing import BinaryIO, Final

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib import units
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from printing.fonts import FONT_LOCK, register_pdf_font
from printing.label import CodeLabel, LabelSize, ShippingLabel
from printing.layout import BASELINE, Barcode, Box, Layout, QRCode, Text, layout_label, qr_matrix

# reportlab ships no types: one millimetre in points.
mm: Final[float] = units.mm

__all__ = ["draw_label_page", "label_canvas", "render_pdf"]


class _Page:
    def __init__(self, canvas: Canvas, size: LabelSize, font: str) -> None:
        self.c = canvas
        self.k = size.width_mm * mm / size.width_dots  # points per dot
        self.top = size.height_mm * mm
        self.font = font

    def y(self, dots: float) -> float:
        return self.top - dots * self.k

    def box(self, e: Box) -> None:
        k, c = self.k, self.c
        if e.filled or e.thickness >= min(e.w, e.h):
            c.rect(e.x * k, self.y(e.y + e.h), e.w * k, e.h * k, stroke=0, fill=1)
            return
        t = e.thickness
        # An outline of thickness t drawn inside the box, as ^GB does.
        c.setLineWidth(t * k)
        c.rect(
            (e.x + t / 2) * k,
            self.y(e.y + e.h - t / 2),
            (e.w - t) * k,
            (e.h - t) * k,
            stroke=1,
            fill=0,
        )

    def text(self, e: Text) -> None:
        k, c = self.k, self.c
        points = e.size * k
        width = stringWidth(e.text, self.font, points) + 2 * e.stroke * k
        free = e.w * k - width
        x = e.x * k + (
            max(0.0, free / 2) if e.align == "C" else max(0.0, free) if e.align == "R" else 0
        )
        t = c.beginText(x + e.stroke * k, self.y(e.y + e.size * BASELINE))
        t.setFont(self.font, points)
        if e.bold:  # fill and stroke: a bold for a one-weight font
            t.setTextRenderMode(2)
            c.setLineWidth(e.stroke * k * 1.2)
        t.textOut(e.text)
        if e.bold:  # the mode is text state and would outlive this text object
            t.setTextRenderMode(0)
        if e.reverse:
            c.setFillGray(1)
            c.setStrokeGray(1)
        c.drawText(t)
        c.setFillGray(0)
        c.setStrokeGray(0)

    def barcode(self, e: Barcode) -> None:
        k = self.k
        symbol = Code128(
            e.data,
            barWidth=e.module * k,
            barHeight=e.height * k,
            quiet=False,
            humanReadable=False,
        )
        # Centred on the layout's symbol, its left edge on a whole dot.
        left = round(e.x + (e.w - symbol.width / k) / 2)
        symbol.drawOn(self.c, left * k, self.y(e.y + e.height))

    def qr(self, e: QRCode) -> None:
        k, c = self.k, self.c
        module = e.magnification * k
        path = c.beginPath()
        for r, row in enumerate(qr_matrix(e.data)):
            col = 0
            while col < len(row):
                if not row[col]:
                    col += 1
                    continue
                start = col
                while col < len(row) and row[col]:
                    col += 1
                path.rect(
                    e.x * k + start * module,
                    self.y(e.y) - (r + 1) * module,
                    (col - start) * module,
                    module,
                )
        c.drawPath(path, stroke=0, fill=1)


def render_pdf(label: ShippingLabel | CodeLabel, size: LabelSize) -> bytes:
    """A one-page PDF of ``label`` on a page of ``size`` (see the module note)."""
    layout = layout_label(label, size)
    with FONT_LOCK:  # reportlab keeps per-document subset state in the shared TTFont
        return _render(label, size, layout)


def _render(label: ShippingLabel | CodeLabel, size: LabelSize, layout: Layout) -> bytes:
    buffer = io.BytesIO()
    if isinstance(label, ShippingLabel):
        title = f"{label.carrier_name} {label.tracking_no}"
    else:
        title = f"{label.kind} {label.code}"
    canvas = label_canvas(buffer, size, title)
    draw_label_page(canvas, size, layout, register_pdf_font())
    canvas.save()
    return buffer.getvalue()


def label_canvas(buffer: BinaryIO, size: LabelSize, title: str) -> Canvas:
    """A PDF canvas whose pages are label stock of ``size``; invariant, so the same
    labels make the same bytes."""
    canvas = Canvas(
        buffer,
        pagesize=(size.width_mm * mm, size.height_mm * mm),
        invariant=1,
        pageCompression=1,
    )
    canvas.setTitle(title)
    canvas.setCreator("wavedesk")
    return canvas


def draw_label_page(canvas: Canvas, size: LabelSize, layout: Layout, font: str) -> None:
    """Draw ``layout`` on the canvas's current page and finish the page. Hold
    :data:`printing.fonts.FONT_LOCK` from the canvas's creation to its save."""
    canvas.setLineJoin(1)  # round joins: no miter spikes on bold glyphs; graphics state is per page
    page = _Page(canvas, size, font)
    for e in layout.elements:
        if isinstance(e, Text):
            page.text(e)
        elif isinstance(e, Box):
            page.box(e)
        elif isinstance(e, Barcode):
            page.barcode(e)
        else:
            page.qr(e)
    canvas.showPage()
