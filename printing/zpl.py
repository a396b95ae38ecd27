"""ZPL II for 203 dpi thermal printers (Zebra and the many printers that speak ZPL).

:func:`render_zpl` draws the :mod:`printing.layout` of a label, one field per
element, at the same dot coordinates (``^LH0,0``, ``^PW``/``^LL`` from the size):

- boxes and lines: ``^GB``; reversed text: ``^FR`` over a solid ``^GB``;
- the Code 128 barcode: ``^BY{module}`` + ``^BCN,h,N,N,N,N`` with the subsets
  spelled out (:mod:`printing.code128`), so the printed width is the one the
  layout reserved; the number is printed as text under it;
- the QR code: ``^BQN,2,{magnification}`` with ``MA,`` (error correction M,
  automatic input mode);
- text, by ``cjk``:

  ``"graphic"`` (default): every line is rasterised with the bundled font
  (:mod:`printing.fonts`) to a ``^GFA`` graphic field, ASCII-hex with the ZPL
  ASCII compression (``G``-``Y``/``g``-``z`` repeat counts, ``,`` ``!`` ``:``)
  unless ``compress=False``. Needs nothing on the printer and looks exactly
  like the PDF; rasterised lines are cached, so repeated texts (carrier,
  sender, captions) cost nothing after the first label.

  ``"font"``: ``^CI28`` (UTF-8) and ``^A@N,h,h,{font}`` with a font resident
  on the printer (``E:SIMSUN.TTF`` by default; download it once to the
  printer). Much smaller jobs. Bold is struck twice, one dot apart.

Customer data is never sent raw: every text field is ``^FH`` + ``^FD`` with
``^`` as ``_5E``, ``~`` as ``_7E``, ``_`` as ``_5F``, any byte outside
printable ASCII as its UTF-8 ``_XX`` bytes (:func:`zpl_escape`). Barcode data
comes from codes :mod:`printing.label` restricts to letters, digits and a few
safe marks, so it needs no escaping.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from PIL import Image, ImageDraw

from printing import code128
from printing.fonts import FONT_LOCK, pil_font
from printing.label import CodeLabel, LabelSize, ShippingLabel
from printing.layout import (
    BASELINE,
    Barcode,
    Box,
    Element,
    QRCode,
    Text,
    layout_label,
)

__all__ = ["DEFAULT_PRINTER_FONT", "acs_compress", "render_zpl", "text_graphic", "zpl_escape"]

DEFAULT_PRINTER_FONT = "E:SIMSUN.TTF"
_FONT_NAME = re.compile(r"[A-Za-z]:[A-Za-z0-9_\-]{1,16}\.(?:TTF|TTE|FNT|ttf|tte|fnt)")
_SAFE = frozenset(chr(c) for c in range(0x20, 0x7F)) - {"^", "~", "_"}


def zpl_escape(text: str) -> str:
    """Field data for ``^FH^FD…^FS``: printable ASCII as is except ``^ ~ _``, all else ``_XX``.

    The result contains only printable ASCII without ``^`` or ``~``, so it can
    neither end the field nor start a command, whatever ``text`` holds.
    """
    if all(c in _SAFE for c in text):
        return text
    out: list[str] = []
    for char in text:
        if char in _SAFE:
            out.append(char)
        else:
            out.extend(f"_{byte:02X}" for byte in char.encode("utf-8", "replace"))
    return "".join(out)


# ---------------------------------------------------------------- graphics

_RUNS = re.compile(r"(0000+|FFFF+)")


@lru_cache(maxsize=1024)
def _count(n: int) -> str:
    """ZPL ASCII-compression repeat count: g-z are 20-400, G-Y are 1-19."""
    out = "z" * (n // 400)
    n %= 400
    if n >= 20:
        out += chr(ord("f") + n // 20)
        n %= 20
    if n:
        out += chr(ord("F") + n)
    return out


@lru_cache(maxsize=4096)
def _run(run: str) -> str:
    return _count(len(run)) + run[0]


def acs_compress(data: bytes, bytes_per_row: int) -> str:
    """ASCII-hex graphic data with ZPL's ASCII compression scheme.

    Per row: ``:`` repeats the previous row, ``,`` fills the rest of the row
    with zeros (a row of ``,`` alone is blank), ``!`` fills it with ones, and
    runs of four or more ``0`` or ``F`` inside a row are a count letter and the
    digit. Text bitmaps are mostly such runs; shorter runs and other digits are
    left as they are, which keeps this fast.
    """
    hex_data = data.hex().upper()
    width = 2 * bytes_per_row
    rows: list[str] = []
    previous = None
    for start in range(0, len(hex_data), width):
        row = hex_data[start : start + width]
        if row == previous:
            rows.append(":")
            continue
        previous = row
        body = row.rstrip("0")
        if len(body) < len(row):
            rows.append(body + ",")
            continue
        body = row.rstrip("F")
        rows.append(body + "!" if len(row) - len(body) > 1 else row)
    # One pass over all rows (a newline keeps runs inside their row).
    parts = _RUNS.split("\n".join(rows))
    parts[1::2] = [_run(run) for run in parts[1::2]]
    return "".join(parts).replace("\n", "")


@lru_cache(maxsize=20000)
def _glyph(char: str, size: int, stroke: int) -> tuple[Image.Image | None, int, int, float]:
    """One character's bitmap (1 = ink), its offset from the pen on the baseline, its advance."""
    with FONT_LOCK:  # one FreeType face is shared by every thread
        font = pil_font(size)
        advance = font.getlength(char)
        # Whole pixels (Pillow's stubs say float for every font kind).
        left, top, right, bottom = map(int, font.getbbox(char, anchor="ls", stroke_width=stroke))
        if right <= left or bottom <= top:
            return None, 0, 0, advance
        image = Image.new("1", (right - left, bottom - top), 0)
        ImageDraw.Draw(image).text(
            (-left, -top), char, font=font, fill=1, anchor="ls", stroke_width=stroke, stroke_fill=1
        )
    return image, left, top, advance


@lru_cache(maxsize=4096)
def text_graphic(text: str, size: int, stroke: int, height: int) -> tuple[int, int, bytes]:
    """``text`` rasterised with the bundled font: (width in dots, bytes per row, packed rows).

    Rows are packed 8 dots per byte, most significant bit first, 1 = black,
    exactly as ``^GF`` wants them. Glyphs are rendered once per size and
    weight and then placed by their advance widths, which is what keeps a
    label with new names and addresses fast.
    """
    glyphs = [_glyph(char, size, stroke) for char in text]
    width = max(1, int(sum(g[3] for g in glyphs) + 2 * stroke + 0.999))
    bytes_per_row = (width + 7) // 8
    image = Image.new("1", (bytes_per_row * 8, height), 0)
    core = image.im  # Pillow's C image: pasting on it directly halves the time per glyph
    baseline = round(size * BASELINE)
    pen = float(stroke)
    for bitmap, left, top, advance in glyphs:
        if bitmap is not None:
            x, y = round(pen) + left, baseline + top
            core.paste(1, (x, y, x + bitmap.width, y + bitmap.height), bitmap.im)
        pen += advance
    return width, bytes_per_row, image.tobytes()


@lru_cache(maxsize=4096)
def _graphic_field(text: str, size: int, stroke: int, height: int, compress: bool) -> str:
    _, bytes_per_row, data = text_graphic(text, size, stroke, height)
    body = acs_compress(data, bytes_per_row) if compress else data.hex().upper()
    return f"^GFA,{len(data)},{len(data)},{bytes_per_row},{body}^FS"


# ---------------------------------------------------------------- elements


def _box(e: Box) -> str:
    thickness = min(e.w, e.h) if e.filled else e.thickness
    return f"^FO{e.x},{e.y}^GB{e.w},{e.h},{thickness},B,0^FS"


def _text_graphic(e: Text, compress: bool) -> str:
    width, _, _ = text_graphic(e.text, e.size, e.stroke, e.h)
    free = e.w - width
    x = e.x + (max(0, free // 2) if e.align == "C" else max(0, free) if e.align == "R" else 0)
    reverse = "^FR" if e.reverse else ""
    return f"^FO{x},{e.y}{reverse}" + _graphic_field(e.text, e.size, e.stroke, e.h, compress)


def _text_font(e: Text, font: str) -> str:
    x = e.ink_x
    reverse = "^FR" if e.reverse else ""
    field = f"^A@N,{e.size},{e.size},{font}^FH^FD{zpl_escape(e.text)}^FS"
    out = f"^FO{x},{e.y}{reverse}{field}"
    if e.bold and not e.reverse:
        out += f"^FO{x + 1},{e.y}{field}"
    return out


def _barcode(e: Barcode) -> str:
    data = code128.zpl_field_data(e.data)
    return f"^FO{e.x},{e.y}^BY{e.module},3,{e.height}^BCN,{e.height},N,N,N,N^FD{data}^FS"


def _qr(e: QRCode) -> str:
    return f"^FO{e.x},{e.y}^BQN,2,{e.magnification}^FDMA,{e.data}^FS"


def _element(e: Element, cjk: str, font: str, compress: bool) -> str:
    if isinstance(e, Text):
        return _text_graphic(e, compress) if cjk == "graphic" else _text_font(e, font)
    if isinstance(e, Box):
        return _box(e)
    if isinstance(e, Barcode):
        return _barcode(e)
    return _qr(e)


def render_zpl(
    label: ShippingLabel | CodeLabel,
    size: LabelSize,
    *,
    cjk: Literal["graphic", "font"] = "graphic",
    font: str = DEFAULT_PRINTER_FONT,
    compress: bool = True,
) -> str:
    """One ``^XA … ^XZ`` label format for ``label`` on ``size`` (see the module note).

    ``font`` is the printer-resident TrueType font used with ``cjk="font"``;
    ``compress`` chooses ZPL ASCII compression for ``^GF`` data with
    ``cjk="graphic"``. Raises ValueError for an unknown ``cjk`` or a font name
    that is not ``D:NAME.TTF``.
    """
    if cjk not in ("graphic", "font"):
        raise ValueError(f"cjk must be 'graphic' or 'font', not {cjk!r}")
    if not _FONT_NAME.fullmatch(font):
        raise ValueError(f"not a printer font name like E:SIMSUN.TTF: {font!r}")
    layout = layout_label(label, size)
    parts = [
        "^XA",
        "^CI28",
        f"^PW{size.width_dots}",
        f"^LL{size.height_dots}",
        "^LH0,0",
    ]
    parts.extend(_element(e, cjk, font, compress) for e in layout.elements)
    parts.append("^XZ")
    return "\n".join(parts) + "\n"
