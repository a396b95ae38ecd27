"""A printable A4 sheet of Code 128 barcodes to try a station with: badges,
locations, totes, products and the command barcodes (扫码练习单).

Each barcode sits in a cell with a small Chinese + English caption (``工牌
BADGE``), a title (a name, ``确认 CONFIRM``), the encoded text exactly as
encoded and a detail line; a cell may carry a reversed tag such as ``演示 DEMO``.
Sections flow down the page in a grid and onto further pages as needed.

Barcodes are made to be scanned off paper by an ordinary handheld scanner:

- the narrow bar (module) is 4, 5 or 6 dots of a 300 dpi printer (0.34, 0.42 or
  0.51 mm; never under :data:`MIN_MODULE_MM`), the largest that fits the cell;
- 10 modules of white either side (quiet zones) inside the cell, 11 mm high;
- the bars come from :mod:`printing.code128`, the same encoder the labels use.

A section uses three columns when its codes fit them with a comfortable
module (0.42 mm), else two, else one; a code too long for a whole row is a
``ValueError`` (the sheet never shrinks a barcode below the minimum).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from reportlab.lib import units
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from printing import code128
from printing.fonts import FONT_LOCK, register_pdf_font
from printing.label import CodeLabel, clean_text

# reportlab ships no types: one millimetre in points.
mm: Final[float] = units.mm

__all__ = [
    "COMMANDS",
    "MIN_MODULE_MM",
    "PAGE_MM",
    "QUIET_MODULES",
    "SECTION_CAPTIONS",
    "SECTION_TITLES",
    "PlacedCode",
    "SheetCode",
    "SheetSection",
    "command_section",
    "plan_sheet",
    "scan_sheet_pdf",
]

PAGE_MM = (210.0, 297.0)  # A4 portrait
MARGIN_MM = 12.0
GUTTER_MM = 4.0  # between columns and between rows
PAD_MM = 2.5  # inside a cell, left and right of the barcode's quiet zones
MIN_MODULE_MM = 0.33
# 6, 5 and 4 dots at 300 dpi (also whole dots at 600 dpi): bars print crisp.
MODULES_MM = (6 * 25.4 / 300, 5 * 25.4 / 300, 4 * 25.4 / 300)
COMFORTABLE_MM = MODULES_MM[1]
QUIET_MODULES = 10
BAR_H_MM = 11.0

# Text sizes, millimetres per em.
_TITLE, _NOTE, _HEAD, _CAPTION, _NAME, _CODE, _DETAIL = 6.0, 3.2, 4.4, 2.6, 4.2, 3.6, 2.8
_LINE = 1.06  # a line's height in ems
_BASELINE = 0.82  # baseline below the top of a line, in ems

CELL_H_MM = 33.0
_SECTION_HEAD_MM = _HEAD * _LINE + 1.5
_SECTION_NOTE_MM = _CAPTION * 1.3
_SECTION_GAP_MM = 5.0

SECTION_CAPTIONS: dict[str, str] = {
    "badge": "工牌 BADGE",
    "location": "库位 LOCATION",
    "tote": "周转箱 TOTE",
    "product": "商品 PRODUCT",
    "command": "指令 COMMAND",
}
SECTION_TITLES: dict[str, str] = {
    "badge": "工牌 Badges — 扫码登录 scan to sign in",
    "location": "库位 Locations",
    "tote": "周转箱 Totes",
    "product": "商品 Products",
    "command": "指令 Commands",
}


@dataclass(frozen=True)
class SheetCode:
    """One barcode on the sheet: ``code`` is what it encodes and what is printed under it."""

    code: str
    title: str = ""
    detail: str = ""
    tag: str = ""  # a reversed marker in the corner, e.g. "演示 DEMO"

    def __post_init__(self) -> None:
        CodeLabel(self.code)  # the label rules: a safe ASCII set, ValueError otherwise
        for name in ("title", "detail", "tag"):
            object.__setattr__(self, name, clean_text(getattr(self, name)))


@dataclass(frozen=True)
class SheetSection:
    """A titled group of codes of one ``kind`` (``badge``, ``location``, ``tote``,
    ``product``, ``command``: what a scan of them means)."""

    kind: str
    codes: tuple[SheetCode, ...]
    title: str = ""  # defaults to SECTION_TITLES[kind]
    note: str = ""  # one line under the title, e.g. where the locations come from
    caption: str = field(default="", compare=False)  # defaults to SECTION_CAPTIONS[kind]

    def __post_init__(self) -> None:
        object.__setattr__(self, "codes", tuple(self.codes))
        object.__setattr__(
            self, "title", clean_text(self.title) or SECTION_TITLES.get(self.kind, self.kind)
        )
        object.__setattr__(self, "note", clean_text(self.note))
        object.__setattr__(
            self, "caption", clean_text(self.caption) or SECTION_CAPTIONS.get(self.kind, "")
        )


COMMANDS: tuple[SheetCode, ...] = (
    SheetCode("CMD:CONFIRM", "确认 CONFIRM"),
    SheetCode("CMD:CANCEL", "取消 CANCEL"),
    SheetCode("CMD:SHORT", "缺货 SHORT"),
    SheetCode("CMD:REPRINT", "补打 REPRINT"),
    SheetCode("CMD:NEXT", "下一个 NEXT"),
    SheetCode("CMD:LOGOUT", "退出 LOGOUT"),
)


def command_section() -> SheetSection:
    """The station's command barcodes (``CMD:CONFIRM`` …) with their Chinese and English names."""
    return SheetSection("command", COMMANDS, note="任何界面都可扫 scan at any screen")


# ---------------------------------------------------------------- planning


@dataclass(frozen=True)
class PlacedCode:
    """Where a code landed, in millimetres from the page's top left corner."""

    code: SheetCode
    kind: str
    caption: str
    page: int  # 0-based
    x: float
    y: float
    w: float
    h: float
    module_mm: float
    bar_x: float  # the first bar (quiet zone not included)
    bar_y: float
    bar_w: float
    bar_h: float

    @property
    def quiet_mm(self) -> float:
        return QUIET_MODULES * self.module_mm


@dataclass(frozen=True)
class _Heading:
    page: int
    y: float
    title: str
    note: str


def _symbol_mm(code: str, module: float) -> float:
    return (code128.module_count(code) + 2 * QUIET_MODULES) * module


def _cell_w(cols: int) -> float:
    return (PAGE_MM[0] - 2 * MARGIN_MM - (cols - 1) * GUTTER_MM) / cols


def _grid(section: SheetSection) -> tuple[int, float]:
    """Columns and module for a section: as many columns as keep a comfortable module,
    then the largest module those columns allow."""

    def fits(cols: int, module: float) -> bool:
        room = _cell_w(cols) - 2 * PAD_MM
        return all(_symbol_mm(c.code, module) <= room for c in section.codes)

    for floor in (COMFORTABLE_MM, MODULES_MM[-1]):
        for cols in (3, 2, 1):
            if fits(cols, floor):
                return cols, next(m for m in MODULES_MM if fits(cols, m))
    too_long = max(section.codes, key=lambda c: code128.module_count(c.code)).code
    raise ValueError(f"{too_long!r} is too long for a barcode on an A4 sheet")


def _header_mm(notes: Sequence[str], first: bool) -> float:
    if not first:
        return _CAPTION * _LINE + 3.0
    return _TITLE * _LINE + 2.0 + len(notes) * _NOTE * 1.3 + 3.0


def _plan(
    sections: Sequence[SheetSection], notes: Sequence[str]
) -> tuple[int, list[_Heading], list[PlacedCode]]:
    bottom = PAGE_MM[1] - MARGIN_MM - _CAPTION * _LINE - 2.0  # room for the footer
    page = 0
    y = MARGIN_MM + _header_mm(notes, True)
    headings: list[_Heading] = []
    placed: list[PlacedCode] = []
    for section in sections:
        if not section.codes:
            continue
        cols, module = _grid(section)
        head = _SECTION_HEAD_MM + (_SECTION_NOTE_MM if section.note else 0) + 1.0
        rows = [section.codes[i : i + cols] for i in range(0, len(section.codes), cols)]
        for r, row in enumerate(rows):
            heading = r == 0
            if y + (head if heading else 0) + CELL_H_MM > bottom:
                page += 1
                y = MARGIN_MM + _header_mm(notes, False)
                heading = True
            if heading:
                title = section.title if r == 0 else f"{section.title} (续 cont.)"
                headings.append(_Heading(page, y, title, section.note if r == 0 else ""))
                y += head if r == 0 else _SECTION_HEAD_MM + 1.0
            w = _cell_w(cols)
            for c, code in enumerate(row):
                x = MARGIN_MM + c * (w + GUTTER_MM)
                bar_w = code128.module_count(code.code) * module
                bar_y = y + 2.0 + _CAPTION * _LINE + 0.8 + _NAME * _LINE + 1.0
                placed.append(
                    PlacedCode(
                        code, section.kind, section.caption, page, x, y, w, CELL_H_MM,
                        module, x + (w - bar_w) / 2, bar_y, bar_w, BAR_H_MM,
                    )
                )  # fmt: skip
            y += CELL_H_MM + GUTTER_MM
        y += _SECTION_GAP_MM - GUTTER_MM
    return page + 1, headings, placed


def plan_sheet(sections: Sequence[SheetSection], notes: Sequence[str] = ()) -> list[PlacedCode]:
    """Every code's cell and barcode position as :func:`scan_sheet_pdf` draws them."""
    return _plan(sections, notes)[2]


# ---------------------------------------------------------------- drawing


class _Pen:
    def __init__(self, canvas: Canvas, font: str) -> None:
        self.c = canvas
        self.font = font

    @staticmethod
    def y(top_mm: float) -> float:
        return (PAGE_MM[1] - top_mm) * mm

    def fit(self, text: str, size_mm: float, width_mm: float) -> str:
        points = size_mm * mm
        if stringWidth(text, self.font, points) <= width_mm * mm:
            return text
        while text and stringWidth(text + "…", self.font, points) > width_mm * mm:
            text = text[:-1]
        return text.rstrip() + "…" if text else ""

    def text(
        self,
        x: float,
        top: float,
        width: float,
        size: float,
        text: str,
        *,
        align: str = "L",
        bold: bool = False,
        gray: float = 0.0,
    ) -> float:
        """Draw one line fitted into ``width`` mm; returns its width in mm."""
        shown = self.fit(text, size, width)
        if not shown:
            return 0.0
        points = size * mm
        w: float = stringWidth(shown, self.font, points) / mm
        left = x + ((width - w) / 2 if align == "C" else (width - w) if align == "R" else 0.0)
        t = self.c.beginText(left * mm, self.y(top + size * _BASELINE))
        t.setFont(self.font, points)
        self.c.setFillGray(gray)
        self.c.setStrokeGray(gray)
        if bold:  # fill and stroke: a bold for a one-weight font
            t.setTextRenderMode(2)
            self.c.setLineWidth(points / 30)
        t.textOut(shown)
        if bold:
            t.setTextRenderMode(0)
        self.c.drawText(t)
        self.c.setFillGray(0)
        self.c.setStrokeGray(0)
        return w

    def tag(self, right: float, top: float, size: float, text: str) -> None:
        """White text on a black box whose right edge is at ``right``."""
        w = stringWidth(text, self.font, size * mm) / mm + 2 * 1.0
        h = size * _LINE + 0.6
        self.c.rect((right - w) * mm, self.y(top + h), w * mm, h * mm, stroke=0, fill=1)
        self.text(right - w + 1.0, top + 0.3, w, size, text, gray=1.0)

    def bars(self, p: PlacedCode) -> None:
        path = self.c.beginPath()
        x = p.bar_x
        for i, width in enumerate(code128.bar_widths(p.code.code)):
            if i % 2 == 0:
                path.rect(x * mm, self.y(p.bar_y + p.bar_h), width * p.module_mm * mm, p.bar_h * mm)
            x += width * p.module_mm
        self.c.drawPath(path, stroke=0, fill=1)

    def cell(self, p: PlacedCode) -> None:
        c = self.c
        c.setStrokeGray(0.7)
        c.setLineWidth(0.4)
        c.roundRect(p.x * mm, self.y(p.y + p.h), p.w * mm, p.h * mm, 1.5 * mm, stroke=1, fill=0)
        c.setStrokeGray(0)
        inner_x, inner_w = p.x + PAD_MM, p.w - 2 * PAD_MM
        top = p.y + 2.0
        tag_w = 0.0
        if p.code.tag:
            self.tag(p.x + p.w - PAD_MM, top - 0.3, _CAPTION, p.code.tag)
            tag_w = stringWidth(p.code.tag, self.font, _CAPTION * mm) / mm + 3.0
        self.text(inner_x, top, inner_w - tag_w, _CAPTION, p.caption, gray=0.35)
        top += _CAPTION * _LINE + 0.8
        self.text(inner_x, top, inner_w, _NAME, p.code.title or p.code.code, align="C", bold=True)
        self.bars(p)
        top = p.bar_y + p.bar_h + 1.0
        # The encoded text itself, never shortened (a smaller font if it must): it is
        # what a person types when a scan fails.
        natural = stringWidth(p.code.code, self.font, _CODE * mm) / mm
        size = min(_CODE, _CODE * inner_w / natural)
        self.text(inner_x, top + (_CODE - size) * _BASELINE, inner_w, size, p.code.code, align="C")
        top += _CODE * _LINE + 0.4
        if p.code.detail:
            self.text(inner_x, top, inner_w, _DETAIL, p.code.detail, align="C", gray=0.2)


def scan_sheet_pdf(
    sections: Sequence[SheetSection],
    *,
    title: str = "wavedesk 扫码练习单 Scan sheet",
    notes: Sequence[str] = (),
) -> bytes:
    """An A4 PDF of the sections' barcodes (see the module note); ``notes`` are
    short lines under the title on the first page. ValueError if no section has a code."""
    if not any(s.codes for s in sections):
        raise ValueError("a scan sheet needs at least one code")
    notes = [clean_text(n) for n in notes if clean_text(n)]
    pages, headings, placed = _plan(sections, notes)
    buffer = io.BytesIO()
    with FONT_LOCK:  # reportlab keeps per-document subset state in the shared TTFont
        canvas = Canvas(
            buffer, pagesize=(PAGE_MM[0] * mm, PAGE_MM[1] * mm), invariant=1, pageCompression=1
        )
        canvas.setTitle(clean_text(title) or "scan sheet")
        canvas.setCreator("wavedesk")
        canvas.setLineJoin(1)
        pen = _Pen(canvas, register_pdf_font())
        width = PAGE_MM[0] - 2 * MARGIN_MM
        for page in range(pages):
            canvas.setLineJoin(1)
            top = MARGIN_MM
            if page == 0:
                pen.text(MARGIN_MM, top, width, _TITLE, clean_text(title), bold=True)
                top += _TITLE * _LINE + 2.0
                for line in notes:
                    pen.text(MARGIN_MM, top, width, _NOTE, line, gray=0.15)
                    top += _NOTE * 1.3
            else:
                pen.text(MARGIN_MM, top, width, _CAPTION, clean_text(title), gray=0.35)
            for h in (h for h in headings if h.page == page):
                pen.text(MARGIN_MM, h.y, width, _HEAD, h.title, bold=True)
                line_y = h.y + _HEAD * _LINE + 0.5
                canvas.setLineWidth(0.6)
                canvas.line(MARGIN_MM * mm, pen.y(line_y), (MARGIN_MM + width) * mm, pen.y(line_y))
                if h.note:
                    pen.text(MARGIN_MM, line_y + 0.8, width, _CAPTION, h.note, gray=0.35)
            for p in (p for p in placed if p.page == page):
                pen.cell(p)
            footer = f"第 {page + 1}/{pages} 页  page {page + 1} of {pages}"
            pen.text(MARGIN_MM, PAGE_MM[1] - MARGIN_MM - _CAPTION, width, _CAPTION, footer,
                     align="C", gray=0.35)  # fmt: skip
            canvas.showPage()
        canvas.save()
    return buffer.getvalue()
