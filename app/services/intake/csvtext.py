"""Reading CSV exports the way platforms and Excel actually write them.

Seller centres write GBK/GB18030, Shopify writes UTF-8 with or without a BOM, and
Excel users "protect" long numbers as ``="123..."`` or ``'123...``. These helpers
undo all of that once, so each importer only maps columns.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from operator import itemgetter
from pathlib import Path

_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$")
PROTECTED = ("=", "'")  # how an Excel-protected cell starts (see unprotect)


class FileFormatError(ValueError):
    """The file as a whole cannot be read (wrong encoding, no header, missing columns)."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding). UTF-8 (with or without BOM) first, then GB18030.

    GB18030 is a superset of GBK and GB2312, so it reads every Chinese seller export.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise FileFormatError(
            f"cannot decode the file as UTF-8 or GB18030 (byte {exc.start}); "
            "save it again as CSV UTF-8 or as the seller centre wrote it"
        ) from exc


def read_csv(
    path: Path, *, padded: bool = False
) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """Return (header, rows) where rows yields (row_number, cells).

    Row numbers count records, not physical lines: the header is row 1, the first
    record row 2, as a spreadsheet shows it (quoted fields may hold newlines).
    Header names are stripped, because seller-centre headers carry trailing spaces.

    ``padded`` makes every row exactly as wide as the header plus one empty cell,
    which ``Columns.picker`` points absent columns at. It is done here, once per row,
    so that no parser pays a call of its own for it on a file of 100,000 lines.
    """
    text, _ = decode_bytes(path.read_bytes())
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise FileFormatError("the file is empty") from None
    except csv.Error as exc:
        raise FileFormatError(f"not a CSV file: {exc}") from exc
    header = [h.strip().lstrip("\ufeff").strip() for h in header]

    width = len(header)
    blanks = [""] * width

    def rows() -> Iterator[tuple[int, list[str]]]:
        number = 1
        try:
            for cells in reader:
                number += 1
                # A blank row is rare: its first cell alone tells nearly every row is not.
                if not (cells and cells[0].strip()) and not any(map(str.strip, cells)):
                    continue
                if padded:
                    if len(cells) != width:
                        cells = (cells + blanks)[:width]
                    cells.append("")
                yield number, cells
        except csv.Error as exc:
            raise FileFormatError(f"row {number + 1}: broken CSV quoting: {exc}") from exc

    return header, rows()


def unprotect(value: str) -> str:
    """Undo Excel number protection: ``="0571"`` → ``0571``, ``'2024...`` → ``2024...``."""
    v = value.strip()
    if v.startswith('="') and v.endswith('"'):
        v = v[2:-1]
    elif v.startswith("'"):
        v = v[1:]
    return v.strip()


def ident(value: str) -> str:
    """An identifier (order number, SKU, phone, barcode) with Excel protection removed."""
    v = value.strip()
    # unprotect() only for the rare protected cell: big files stay fast.
    return unprotect(v) if v[:1] in PROTECTED else v


def parse_decimal(value: str) -> Decimal | None:
    """Parse a money amount as platforms write it (``1,299.00``, ``¥12.5``, ``="12.50"``).

    Returns None for an empty cell; raises ValueError for anything that is not a number.
    """
    v = unprotect(value).replace("¥", "").replace("￥", "").replace("$", "").strip()
    # A decimal comma ("12,99") would otherwise read as 1299 and price a line a hundred
    # times too high.
    return _number(v, value, "an amount", " (use a dot for decimals)")


def amount(value: str) -> Decimal | None:
    """``parse_decimal`` with a fast path for the plain "89.00" of nearly every cell."""
    if value[:1].isdecimal() and not exotic_number(value):
        try:
            return Decimal(value)  # finite: no infinity or NaN starts with a digit
        except InvalidOperation:
            pass
    return parse_decimal(value)


def exotic_number(text: str) -> bool:
    """Text Decimal() accepts but no platform writes: exponents and digit separators.

    Fast paths that try Decimal() first must send such text to the strict parsers.
    """
    return "e" in text or "E" in text or "_" in text


def plain_decimal(text: str) -> Decimal:
    """Decimal(text) for the plain amounts fast paths take, InvalidOperation otherwise.

    Fast paths fall back to the strict parsers on InvalidOperation, so exotic text
    ("1e5", "1_000", "inf") gets the same verdict as on the slow path.
    """
    if "e" in text or "E" in text or "_" in text:  # exotic_number(), inlined: once per line
        raise InvalidOperation(text)
    d = Decimal(text)
    if not d.is_finite():
        raise InvalidOperation(text)
    return d


def parse_int(value: str) -> int | None:
    """Parse a whole number (``2``, ``2.0``, ``1,000``); None when empty, ValueError otherwise."""
    number = _number(unprotect(value), value, "a whole number")
    if number is None:
        return None
    if number != number.to_integral_value():
        raise ValueError(f"not a whole number: {value!r}")
    return int(number)


def _number(text: str, value: str, what: str, comma_hint: str = "") -> Decimal | None:
    """The number in ``text``, the clean-up of the cell ``value``; None when it is empty.

    Commas may only separate thousands ("1,299.00"); ``comma_hint`` says what else to write.
    """
    if exotic_number(text):
        # Exponents and digit separators are never how a platform writes a number: "1e5"
        # is Excel's mangling, and "1e500000" would take Decimal seconds to expand.
        raise ValueError(f"not {what}: {value!r}")
    if "," in text:
        if not _THOUSANDS.match(text):
            raise ValueError(f"not {what}: {value!r}{comma_hint}")
        text = text.replace(",", "")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"not {what}: {value!r}") from None
    if not number.is_finite():
        raise ValueError(f"not {what}: {value!r}")
    return number


class Columns:
    """Header lookup by name, tolerant of spacing; reports every missing column at once."""

    def __init__(self, header: list[str], required: tuple[str, ...], file_label: str) -> None:
        self.width = len(header)
        self.index = {name: i for i, name in reversed(list(enumerate(header)))}
        missing = [c for c in required if c not in self.index]
        if missing:
            raise FileFormatError(
                f"{file_label}: missing column(s) {', '.join(missing)}; "
                f"found: {', '.join(h for h in header if h)}"
            )

    def has(self, name: str) -> bool:
        return name in self.index

    def get(self, cells: list[str], name: str) -> str:
        i = self.index.get(name)
        if i is None or i >= len(cells):
            return ""
        return cells[i].strip()

    def picker(self, names: tuple[str, ...]) -> Callable[[list[str]], tuple[str, ...]]:
        """Fetch several cells at once by column name; an absent column reads as empty.

        Rows must come from ``read_csv(padded=True)``, whose extra last cell is always
        empty, so an absent column can point at it instead of being checked on every row.
        """
        getter = itemgetter(*(self.index.get(n, self.width) for n in names))
        if len(names) == 1:
            return lambda cells: (getter(cells),)
        return getter  # itemgetter of two or more items returns a tuple
