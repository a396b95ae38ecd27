"""The e-waybill (电子面单): carrier, sort code, tracking barcode, recipient,
sender, details with the QR code, footer, and on 100 × 180 mm the customer's
stub. The drawing with every measure is in :mod:`printing.layout`."""

from __future__ import annotations

import math
from collections.abc import Callable

from printing.fonts import text_width
from printing.label import LabelSize, ShippingLabel
from printing.layout.builder import Builder
from printing.layout.elements import MARGIN, TEXT_HEIGHT, Layout
from printing.layout.qr import qr_modules
from printing.layout.text import fit_text, ink_width, wrap_text

__all__ = ["layout_shipping"]

Scale = Callable[[float], int]


def _date(label: ShippingLabel) -> str:
    """Local time at the station; an aware (UTC) time is converted first."""
    when = label.printed_at
    if when.tzinfo is not None:
        when = when.astimezone()
    return when.strftime("%Y-%m-%d %H:%M")


def layout_shipping(label: ShippingLabel, size: LabelSize) -> Layout:
    """The e-waybill of ``label`` on ``size`` (see the drawing in :mod:`printing.layout`)."""
    if not size.is_waybill:
        raise ValueError(f"an e-waybill needs at least 76 x 130 mm, not {size.name}")
    W, H = size.width_dots, size.height_dots
    scale = W / 800

    def d(value: float) -> int:
        return max(1, round(value * scale))

    b = Builder(size)
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
    room = width - ink_width(gap + phone, size, True)
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
    b: Builder,
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
    b: Builder,
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
            b.qr(qx + (cell - side) // 2 + 1, top, mag, label.tracking_no)
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
    b: Builder,
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
