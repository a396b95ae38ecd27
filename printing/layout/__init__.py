"""Where everything goes on a label, in printer dots, shared by the ZPL and PDF renderers.

Coordinates are dots at 203 dpi (8 dots/mm), origin top left, x to the right,
y down, exactly as ZPL's ``^FO`` after ``^LH0,0``; the PDF renderer scales them
to points. Every element lies inside the label with at least :data:`MARGIN`
dots to spare (thermal heads do not print the outermost millimetre), and
:func:`element_bounds` gives the rectangle each element covers so tests can
check that.

E-waybill (100 × 150 mm shown, sizes in dots, text sizes in dots per em; other
sizes scale everything by width / 800 and the details row takes the height
that is left)::

    y    ┌────────────────────────────────────────────┐  frame, 3 dots, at 12
    12   │ 中通快递 (carrier, 58 bold)     ▐标准快递▌  │  header 96, service reversed (36)
    108  ├────────────────────────────────────────────┤
         │            518-W12 03 (sort code, 76 bold) │  only with sort_code: 96
    204  ├────────────────────────────────────────────┤
         │   ║║║║║║║║║║║║║║║║║║║║║║║║║║ (Code 128)     │  150 high, module 4, 3 or 2 dots,
         │          75312345678901 (38 bold)          │  ≥ 10-module quiet zones
    425  ├────┬───────────────────────────────────────┤
         │ 收 │ 张三  138****8000 (46 bold)           │  recipient: name cut before the
         │    │ 广东省 深圳市 南山区 … (38)           │  phone is; address in 3 lines of
         │    │ … (518057)                            │  38, or 4-5 smaller ones (≥ 70 %)
    633  ├────┼───────────────────────────────────────┤  when it would be cut
         │ 寄 │ 杭州好物旗舰店  0571-88886666 (30 bold)│  sender: 2 address lines (28)
    755  ├────┴──────────────────────────┬────────────┤
         │ 订单号: … (28)                 │  QR code   │  details: order, items (≤ 4
         │ 内容: 3 件: 保温杯×2, …         │ (mag 3-6)  │  lines), weight, remark; the
         │ 重量: 1.25 kg  备注: …          │            │  QR where it fits
    1144 ├───────────────────────────────┴────────────┤
         │ 签收人/时间:             打印 2024-05-01 09:30│  footer 44 (22)
    1188 └────────────────────────────────────────────┘
           100 × 180 mm: the same in 1162 dots, then a dashed cut line and a
           230-dot stub (客户联): small barcode, number, recipient, sender, order.

Code labels (location, tote, badge, product) scale a 60 × 40 mm design by
min(width / 480, height / 320): a reversed kind tag, the heading, the
barcode, the code (when the heading is not already the code) and details.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from printing import code128
from printing.fonts import text_width
from printing.label import CodeLabel, LabelSize, ShippingLabel

__all__ = [
    "BASELINE",
    "MARGIN",
    "Barcode",
    "Box",
    "Element",
    "Layout",
    "QRCode",
    "Text",
    "element_bounds",
    "fit_text",
    "layout_label",
    "qr_matrix",
    "qr_modules",
    "wrap_text",
]

MARGIN = 12  # dots (1.5 mm) kept free at every edge
BASELINE = 0.82  # a text line's baseline, in ems below the top of its element
TEXT_HEIGHT = 1.06  # a text element's height in ems (room for descenders)
QUIET_MODULES = 10  # Code 128 quiet zone each side
QR_LEVEL = "M"

Scale = Callable[[float], int]


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
        return max(1, self.size // 22) if self.bold else 0

    @property
    def ink_width(self) -> float:
        return text_width(self.text, self.size) + 2 * self.stroke

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
    if isinstance(element, Text):
        return element.x, element.y, element.x + element.w, element.y + element.h
    return element.x, element.y, element.x + element.w, element.y + element.h


def _qr(data: str) -> Any:  # reportlab's QRCode, untyped
    from reportlab.graphics.barcode import qrencoder

    qr = qrencoder.QRCode(None, getattr(qrencoder.QRErrorCorrectLevel, QR_LEVEL))
    qr.addData(data)
    return qr


@lru_cache(maxsize=1024)
def qr_modules(data: str) -> int:
    """Modules per side of the smallest QR code (level M) holding ``data``, without
    building it: a printer's ``^BQ`` makes a symbol of this size or smaller."""
    return _qr(data).calculate_version() * 4 + 17


@lru_cache(maxsize=256)
def qr_matrix(data: str) -> tuple[tuple[bool, ...], ...]:
    """The QR code's dark modules, row by row (reportlab's encoder, level M)."""
    qr = _qr(data)
    qr.make()
    n = qr.getModuleCount()
    return tuple(tuple(bool(qr.isDark(r, c)) for c in range(n)) for r in range(n))


# ---------------------------------------------------------------- text fitting


def _width(text: str, size: int, bold: bool) -> float:
    return text_width(text, size) + (2 * max(1, size // 22) if bold else 0)


def fit_text(text: str, size: int, width: float, *, bold: bool = False) -> str:
    """``text``, or its longest prefix plus ``…`` that fits ``width`` dots."""
    if _width(text, size, bold) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:  # longest prefix whose "prefix…" fits
        mid = (lo + hi + 1) // 2
        if _width(text[:mid].rstrip() + "…", size, bold) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…" if lo else ""


def wrap_text(text: str, size: int, width: float, max_lines: int) -> list[str]:
    """Break ``text`` into at most ``max_lines`` lines of ``width`` dots.

    Chinese breaks between any two characters; a run of Latin letters or digits
    moves to the next line whole when it can. The last line ends with ``…``
    when text is left over.
    """
    lines: list[str] = []
    rest = text.strip()
    while rest and len(lines) < max_lines:
        if len(lines) == max_lines - 1 or _width(rest, size, False) <= width:
            lines.append(fit_text(rest, size, width))
            break
        cut = 1
        total = _width(rest[0], size, False)
        if total > width:  # not even one character fits
            break
        while cut < len(rest):
            total += _width(rest[cut], size, False)
            if total > width:
                break
            cut += 1
        # Do not split an ASCII word if a space or a CJK character gives a break.
        if rest[cut].isascii() and rest[cut].isalnum() and rest[cut - 1].isascii():
            for back in range(cut - 1, 0, -1):
                if not (rest[back].isascii() and rest[back].isalnum()):
                    cut = back + 1 if rest[back] != " " else back
                    break
        lines.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    return [line for line in lines if line]


# ---------------------------------------------------------------- builder


class _Builder:
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

    def layout(self) -> Layout:
        return Layout(self.size, tuple(self.elements))


def _date(label: ShippingLabel) -> str:
    """Local time at the station; an aware (UTC) time is converted first."""
    when = label.printed_at
    if when.tzinfo is not None:
        when = when.astimezone()
    return when.strftime("%Y-%m-%d %H:%M")


# ---------------------------------------------------------------- e-waybill


def _layout_shipping(label: ShippingLabel, size: LabelSize) -> Layout:
    if not size.is_waybill:
        raise ValueError(f"an e-waybill needs at least 76 x 130 mm, not {size.name}")
    W, H = size.width_dots, size.height_dots
    scale = W / 800

    def d(value: float) -> int:
        return max(1, round(value * scale))

    b = _Builder(size)
    x0, x1 = MARGIN, W - MARGIN
    inner = x1 - x0
    pad = d(12)
    stub = d(230) if H >= 1400 else 0
    gap = d(24) if stub else 0
    bottom = H - MARGIN - stub - gap
    b.box(x0, MARGIN, inner, bottom - MARGIN, 3)

    # Header: carrier and service.
    y = MARGIN
    head = d(96)
    svc_size = d(36)
    service = fit_text(label.service, svc_size, inner * 0.4)
    svc_w = min(int(text_width(service, svc_size)) + 2 * pad, int(inner * 0.4) + 2 * pad)
    svc_h = math.ceil(svc_size * TEXT_HEIGHT) + d(12)
    if service:
        b.badge(x1 - pad - svc_w, y + (head - svc_h) // 2, svc_w, svc_h, svc_size, service)
    name_size = d(58)
    name_w = inner - 3 * pad - (svc_w if service else 0)
    b.text(x0 + pad, y + (head - name_size) // 2, name_w, name_size, label.carrier_name, bold=True)
    y += head
    b.hline(x0, y, inner)

    if label.sort_code:
        row = d(96)
        size_sc = d(76)
        b.text(
            x0 + pad,
            y + (row - size_sc) // 2,
            inner - 2 * pad,
            size_sc,
            label.sort_code,
            align="C",
            bold=True,
        )
        y += row
        b.hline(x0, y, inner)

    # Tracking barcode and number.
    bar_h, num_size = d(150), d(38)
    y += pad
    b.barcode(x0 + 2, y, inner - 4, bar_h, label.tracking_no)
    y += bar_h + d(6)
    b.text(x0 + pad, y, inner - 2 * pad, num_size, label.tracking_no, align="C", bold=True)
    y += math.ceil(num_size * TEXT_HEIGHT) + pad
    b.hline(x0, y, inner)

    # Recipient and sender, each with a badge column.
    col = d(64)
    tx, tw = x0 + col + pad, inner - col - 2 * pad
    rec = label.recipient
    y = _party(
        b,
        x0,
        y,
        col,
        tx,
        tw,
        "收",
        rec.name,
        label.recipient_phone,
        (_with_postcode(rec.full_address, rec.postcode),),
        d(46),
        d(38),
        3,
        pad,
    )
    b.hline(x0, y, inner)
    snd = label.sender
    y = _party(
        b,
        x0,
        y,
        col,
        tx,
        tw,
        "寄",
        snd.name,
        snd.phone,
        snd.address_lines,
        d(30),
        d(28),
        2,
        pad,
    )
    b.hline(x0, y, inner)

    # Footer, then the details row in between.
    foot = d(44)
    foot_y = bottom - foot
    b.hline(x0, foot_y, inner)
    fsize = d(22)
    fy = foot_y + (foot - fsize) // 2
    b.text(x0 + pad, fy, inner // 2, fsize, "签收人/时间:")
    b.text(x0 + inner // 2, fy, inner // 2 - pad, fsize, f"打印 {_date(label)}", align="R")
    _details(b, label, x0, y, inner, foot_y - y, d, pad)

    if stub:
        _stub(b, label, x0, bottom, inner, gap, H - MARGIN - bottom - gap, d, pad)
    return b.layout()


def _with_postcode(address: str, postcode: str) -> str:
    return f"{address} ({postcode})" if postcode else address


def _head(name: str, phone: str, size: int, width: int) -> str:
    """``name  phone`` in ``width``: the phone always whole, the name cut if it must."""
    if not phone:
        return name
    gap = "  "
    room = width - _width(gap + phone, size, True)
    shown = fit_text(name, size, room, bold=True) if room > 0 else ""
    return f"{shown}{gap}{phone}" if shown else phone


def _pitch(font: int) -> int:
    return math.ceil(font * TEXT_HEIGHT) + max(2, font // 8)


def _address_lines(
    parts: tuple[str, ...], size: int, width: int, max_lines: int
) -> tuple[int, int, list[str]]:
    """Wrap the address into the height of ``max_lines`` lines at ``size``, with one or
    two more lines of a smaller font (down to 70 %) when it would otherwise be cut:
    (font size, line pitch, lines)."""
    budget = max_lines * _pitch(size)
    best: tuple[int, int, list[str]] = (size, _pitch(size), [])
    for count in (max_lines, max_lines + 1, max_lines + 2):
        font = size
        while font > 1 and count * _pitch(font) > budget:
            font -= 1
        if font < size * 0.7:
            break
        lines: list[str] = []
        for part in parts:  # each given line on its own, wrapped if it must
            if count - len(lines) > 0:
                lines += wrap_text(part, font, width, count - len(lines))
        best = (font, _pitch(font), lines)
        if "".join(lines).replace(" ", "") == "".join(parts).replace(" ", ""):
            break  # the whole address fits
    return best


def _party(
    b: _Builder,
    x0: int,
    y: int,
    col: int,
    tx: int,
    tw: int,
    badge: str,
    name: str,
    phone: str,
    address_lines: tuple[str, ...],
    head_size: int,
    addr_size: int,
    max_lines: int,
    pad: int,
) -> int:
    """A 收/寄 block: badge column, name and phone, wrapped address; returns its bottom.

    The block is as high as ``max_lines`` address lines at ``addr_size``; a long
    address gets a smaller font to fit whole in that height."""
    budget = max_lines * _pitch(addr_size)
    size, pitch, lines = _address_lines(address_lines, addr_size, tw, max_lines)
    height = pad + math.ceil(head_size * TEXT_HEIGHT) + pad // 2 + budget + pad // 2
    badge_size = min(col - 2 * (pad // 2), int(head_size * 1.1))
    side = badge_size + pad
    b.badge(x0 + (col - side) // 2, y + (height - side) // 2, side, side, badge_size, badge)
    b.vline(x0 + col, y, height)
    ty = y + pad
    b.text(tx, ty, tw, head_size, _head(name, phone, head_size, tw), bold=True)
    ty += math.ceil(head_size * TEXT_HEIGHT) + pad // 2
    for line in lines:
        b.text(tx, ty, tw, size, line)
        ty += pitch
    return y + height


def _details(
    b: _Builder,
    label: ShippingLabel,
    x0: int,
    y: int,
    inner: int,
    height: int,
    d: Scale,
    pad: int,
) -> None:
    size = d(28)
    line_h = math.ceil(size * TEXT_HEIGHT) + max(2, size // 6)
    # QR code at the right where it fits: 3-6 dots per module, quiet zone of 2 modules
    # inside the cell (the cell lines are white space's end, so 2 more modules of pad).
    text_w = inner - 2 * pad
    modules = qr_modules(label.tracking_no)
    for mag in (6, 5, 4, 3):
        side = modules * mag
        cell = side + 4 * mag + 2 * pad
        if cell + 4 <= height and inner - cell >= inner * 0.55:
            qx = x0 + inner - cell
            b.vline(qx, y, height)
            top = y + (height - side) // 2
            b.elements.append(QRCode(qx + (cell - side) // 2 + 1, top, mag, label.tracking_no))
            text_w = qx - x0 - 2 * pad
            break
    rows: list[tuple[str, str, int]] = [
        ("订单号", label.order_no, 1),
        ("内容", label.items_summary, 4),
    ]
    if label.weight_text:
        rows.append(("重量", label.weight_text, 1))
    if label.remark:
        rows.append(("备注", label.remark, 2))
    tx = x0 + pad
    ty = y + pad
    budget = (y + height - pad - ty) // line_h  # lines that fit
    reserved = len(rows)
    for caption, value, want in rows:
        reserved -= 1
        if not value or budget <= 0:
            continue
        lines = wrap_text(f"{caption}: {value}", size, text_w, max(1, min(want, budget - reserved)))
        for line in lines:
            b.text(tx, ty, text_w, size, line)
            ty += line_h
            budget -= 1


def _stub(
    b: _Builder,
    label: ShippingLabel,
    x0: int,
    top: int,
    inner: int,
    gap: int,
    height: int,
    d: Scale,
    pad: int,
) -> None:
    """100 × 180 mm: the customer's stub (客户联) under a dashed cut line."""
    cut = top + gap // 2 - 1
    dash = 12
    for x in range(x0, x0 + inner - dash + 1, 2 * dash):
        b.box(x, cut, dash, 2, 2)
    y = top + gap
    b.box(x0, y, inner, height, 2)
    size = d(24)
    line_h = math.ceil(size * TEXT_HEIGHT) + 4
    bar_h = d(64)
    y += pad
    b.barcode(x0 + 2, y, inner - 4, bar_h, label.tracking_no, max_module=2)
    y += bar_h + 4
    b.text(x0 + pad, y, inner - 2 * pad, size, label.tracking_no, align="C", bold=True)
    y += line_h
    rec = label.recipient
    tw = inner - 2 * pad
    for text in (
        f"收: {rec.name} {label.recipient_phone} {rec.full_address}",
        f"寄: {label.sender.name} {label.sender.phone} {label.sender.address}",
        f"订单号: {label.order_no}  {label.items_summary}",
    ):
        b.text(x0 + pad, y, tw, size, " ".join(text.split()))
        y += line_h


# ---------------------------------------------------------------- code labels


def _layout_code(label: CodeLabel, size: LabelSize) -> Layout:
    W, H = size.width_dots, size.height_dots
    scale = min(W / 480, H / 320)

    def d(value: float) -> int:
        return max(1, round(value * scale))

    b = _Builder(size)
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
    if _width(label.heading, heading_size, True) <= heading_w:
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


def layout_label(label: ShippingLabel | CodeLabel, size: LabelSize) -> Layout:
    """The elements of ``label`` on ``size``, in dots (see the module note)."""
    if isinstance(label, ShippingLabel):
        return _layout_shipping(label, size)
    if isinstance(label, CodeLabel):
        return _layout_code(label, size)
    raise TypeError(f"cannot lay out {type(label).__name__}")
