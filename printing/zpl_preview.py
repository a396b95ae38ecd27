"""A picture of a ZPL label, one pixel per dot, without a printer.

:func:`preview_zpl` draws the ZPL subset :func:`printing.zpl.render_zpl`
writes (``^XA ^XZ ^CI ^PW ^LL ^LH ^FO ^FR ^FH ^FD ^FS ^GB ^GFA ^BY ^BC ^BQ
^A@``) and refuses anything else, so it doubles as a strict check of what we
send: field data must be escaped, ``^GF`` data must decode to exactly the
declared byte count, Code 128 data must be explicit subsets B/C. Text fields
are drawn with the bundled font in place of the printer's, so a ``cjk="font"``
preview shows the layout, not the printer font's exact glyphs.

Used by the tests (the barcode decoded from the preview must equal the
tracking number) and handy for a "what will print" view at a station.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from PIL import Image, ImageChops, ImageDraw

from printing import code128
from printing.fonts import pil_font
from printing.layout import BASELINE, qr_matrix

__all__ = ["ZplError", "decode_graphic", "preview_zpl", "unescape_field"]


class ZplError(ValueError):
    """The ZPL is not in the subset the preview understands, or is malformed."""


_HEX_PAIR = re.compile(r"_([0-9A-Fa-f]{2})")


def unescape_field(data: str) -> str:
    """``^FH`` field data back to text: ``_XX`` bytes decoded as UTF-8 (``^CI28``)."""
    if "_" not in data:
        return data
    raw = bytearray()
    pos = 0
    while pos < len(data):
        if data[pos] == "_":
            match = _HEX_PAIR.match(data, pos)
            if match is None:
                raise ZplError(f"bad ^FH escape at {pos} in {data!r}")
            raw.append(int(match.group(1), 16))
            pos = match.end()
        else:
            raw.extend(data[pos].encode("ascii"))
            pos += 1
    return raw.decode("utf-8")


def _acs_count(letter: str) -> int:
    if "G" <= letter <= "Y":
        return ord(letter) - ord("F")
    return (ord(letter) - ord("f")) * 20


def decode_graphic(data: str, bytes_per_row: int) -> bytes:
    """``^GFA`` data (plain ASCII hex or with ZPL ASCII compression) to raw bytes."""
    width = 2 * bytes_per_row
    rows: list[str] = []
    row: list[str] = []
    filled = 0
    count = 0

    def finish(fill: str) -> None:
        nonlocal row, filled
        rows.append("".join(row) + fill * (width - filled))
        row, filled = [], 0

    for char in data:
        if "G" <= char <= "Y" or "g" <= char <= "z":
            count += _acs_count(char)
        elif char in "0123456789ABCDEFabcdef":
            n, count = count or 1, 0
            row.append(char.upper() * n)
            filled += n
            if filled > width:
                raise ZplError("a ^GF row is longer than its bytes per row")
            if filled == width:
                finish("")
        elif char in ",!":
            finish("0" if char == "," else "F")
        elif char == ":":
            if row or not rows:
                raise ZplError("':' must stand for a whole row after another row")
            rows.append(rows[-1])
        elif char not in " \r\n":
            raise ZplError(f"unexpected {char!r} in ^GF data")
    if row:
        finish("0")
    return bytes.fromhex("".join(rows))


@dataclass
class _Field:
    x: int = 0
    y: int = 0
    reverse: bool = False
    hex: bool = False
    kind: str = ""
    params: list[str] = field(default_factory=list)


_KNOWN = {"XA", "XZ", "CI", "PW", "LL", "LH", "FO", "FR", "FH", "FD", "FS", "GB", "GF", "BY"}
_KNOWN |= {"BC", "BQ", "A@"}


class _Canvas:
    def __init__(self, width: int, height: int) -> None:
        self.image = Image.new("1", (width, height), 0)  # 1 = black dot

    def put(self, x: int, y: int, mask: Image.Image, reverse: bool) -> None:
        w, h = mask.size
        if x < 0 or y < 0 or x + w > self.image.width or y + h > self.image.height:
            raise ZplError(f"field at {x},{y} size {w}x{h} leaves the label")
        region = self.image.crop((x, y, x + w, y + h))
        merged = (
            ImageChops.logical_xor(region, mask) if reverse else ImageChops.logical_or(region, mask)
        )
        self.image.paste(merged, (x, y))


def preview_zpl(zpl: str) -> Image.Image:
    """The first label format in ``zpl`` as a black-on-white image (mode ``L``), 1 px per dot.

    Raises :class:`ZplError` for commands outside the subset, a ``~`` command,
    unescaped field data, a ``^GF`` whose data does not match its byte counts,
    or a field that leaves the label (``^PW`` × ``^LL``).
    """
    if "~" in zpl:
        raise ZplError("tilde commands are never sent")
    tokens = zpl.split("^")
    if tokens[0].strip():
        raise ZplError(f"text before the first command: {tokens[0][:20]!r}")
    width, height = 0, 0
    canvas: _Canvas | None = None
    f = _Field()
    module = 2
    started = ended = False
    for token in tokens[1:]:
        name, args = token[:2], token[2:]
        if name not in _KNOWN:
            raise ZplError(f"unexpected command ^{name}")
        if name != "FD":
            args = args.rstrip("\r\n")
        if ended:
            raise ZplError("commands after ^XZ")
        if name == "XA":
            started = True
            continue
        if not started:
            raise ZplError(f"^{name} before ^XA")
        params = args.split(",")
        if name == "XZ":
            ended = True
        elif name == "PW":
            width = int(args)
        elif name == "LL":
            height = int(args)
        elif name in ("CI", "LH"):
            continue
        elif name == "FO":
            if canvas is None:
                canvas = _Canvas(width, height)
            f = _Field(int(params[0]), int(params[1]))
        elif name == "FR":
            f.reverse = True
        elif name == "FH":
            f.hex = True
        elif name == "BY":
            module = int(params[0])
        elif name in ("BC", "BQ", "A@"):
            f.kind, f.params = name, params
        elif name == "GB":
            w, h, t = (int(v) for v in params[:3])
            mask = Image.new("1", (w, h), 1)
            if t < min(w, h):
                ImageDraw.Draw(mask).rectangle((t, t, w - t - 1, h - t - 1), fill=0)
            _require(canvas).put(f.x, f.y, mask, f.reverse)
        elif name == "GF":
            if params[0] != "A":
                raise ZplError("only ^GFA graphics are expected")
            total, count, per_row = int(params[1]), int(params[2]), int(params[3])
            raw = decode_graphic(",".join(params[4:]), per_row)
            if not (len(raw) == total == count) or total % per_row:
                raise ZplError(f"^GF declares {total}/{count} bytes, data has {len(raw)}")
            mask = Image.frombytes("1", (per_row * 8, total // per_row), raw)
            _require(canvas).put(f.x, f.y, mask, f.reverse)
        elif name == "FD":
            if "\n" in args or "\r" in args:
                raise ZplError("line break in field data")
            _field_data(_require(canvas), f, args, module)
        elif name == "FS":
            f = _Field(f.x, f.y)
    if not (started and ended) or canvas is None:
        raise ZplError("no complete ^XA … ^XZ label")
    return Image.eval(canvas.image.convert("L"), lambda v: 255 - v)


def _require(canvas: _Canvas | None) -> _Canvas:
    if canvas is None:
        raise ZplError("a field before ^FO")
    return canvas


def _field_data(canvas: _Canvas, f: _Field, data: str, module: int) -> None:
    if f.kind == "BC":
        height = int(f.params[1])
        if f.params[5:6] != ["N"]:
            raise ZplError("^BC is expected in mode N with explicit subsets")
        widths = code128.bar_widths(code128.symbols_from_zpl(data))
        mask = Image.new("1", (sum(widths) * module, height), 0)
        draw = ImageDraw.Draw(mask)
        x = 0
        for i, w in enumerate(widths):
            if i % 2 == 0:
                draw.rectangle((x, 0, x + w * module - 1, height - 1), fill=1)
            x += w * module
        canvas.put(f.x, f.y, mask, f.reverse)
    elif f.kind == "BQ":
        mag = int(f.params[2])
        if not data.startswith("MA,"):
            raise ZplError("^BQ data is expected as MA,<data>")
        matrix = qr_matrix(data[3:])
        n = len(matrix)
        mask = Image.new("1", (n * mag, n * mag), 0)
        draw = ImageDraw.Draw(mask)
        for r, row in enumerate(matrix):
            for c, dark in enumerate(row):
                if dark:
                    draw.rectangle((c * mag, r * mag, c * mag + mag - 1, r * mag + mag - 1), fill=1)
        canvas.put(f.x, f.y, mask, f.reverse)
    elif f.kind == "A@":
        if not f.hex:
            raise ZplError("text field data without ^FH")
        if any(c in data for c in "^~") or any(not 32 <= ord(c) < 127 for c in data):
            raise ZplError(f"unescaped field data {data!r}")
        text = unescape_field(data)
        size = int(f.params[1])
        font = pil_font(size)
        w = max(1, int(font.getlength(text)) + 1)
        mask = Image.new("1", (w, int(size * 1.06) + 1), 0)
        ImageDraw.Draw(mask).text((0, round(size * BASELINE)), text, font=font, fill=1, anchor="ls")
        canvas.put(f.x, f.y, mask, f.reverse)
    else:
        raise ZplError("^FD without a barcode or font command before it")
