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

Modules: :mod:`.elements` (what a layout is made of), :mod:`.text` (fitting
and wrapping), :mod:`.qr`, :mod:`.builder`, :mod:`.waybill` and
:mod:`.code_label` (the two designs).
"""

from __future__ import annotations

from printing.label import CodeLabel, LabelSize, ShippingLabel
from printing.layout.code_label import layout_code
from printing.layout.elements import (
    BASELINE,
    MARGIN,
    Barcode,
    Box,
    Element,
    Layout,
    QRCode,
    Text,
    element_bounds,
)
from printing.layout.qr import qr_matrix, qr_modules
from printing.layout.text import fit_text, wrap_text
from printing.layout.waybill import layout_shipping

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


def layout_label(label: ShippingLabel | CodeLabel, size: LabelSize) -> Layout:
    """The elements of ``label`` on ``size``, in dots (see the module note)."""
    if isinstance(label, ShippingLabel):
        return layout_shipping(label, size)
    if isinstance(label, CodeLabel):
        return layout_code(label, size)
    raise TypeError(f"cannot lay out {type(label).__name__}")
