"""Reading CSV exports the way platforms and Excel actually write them.

Seller centres write GBK/GB18030, Shopify writes UTF-8 with or without a BOM, and
Excel users "protect" long numbers as ``="123..."`` or ``'123...``. These helpers
undo all of that once, so each importer only maps columns.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path

_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$")


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


def read_csv(path: Path) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """Return (header, rows) where rows yields (row_number, cells).

    Row numbers count records, not physical lines: the header is row 1, the first
    record row 2, as a spreadsheet shows it (quoted fields may hold newlines).
    Header names are stripped, because seller-centre headers carry trailing spaces.
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

    def rows() -> Iterator[tuple[int, list[str]]]:
        number = 1
        try:
            for cells in reader:
                number += 1
                if not any(c.strip() for c in cells):
                    continue
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


def parse_decimal(value: str) -> Decimal | None:
    """Parse a money amount as platforms write it (``1,299.00``, ``¥12.5``, ``="12.50"``).

    Returns None for an empty cell; raises ValueError for anything that is not a number.
    """
    v = unprotect(value).replace("¥", "").replace("￥", "").replace("$", "").strip()
    if exotic_number(v):
        # Exponents and digit separators are never how a platform writes money: "1e5"
        # is Excel's mangling, and "1e500000" would take Decimal seconds to expand.
        raise ValueError(f"not an amount: {value!r}")
    if "," in v:
        # Only a thousands separator: "1,299.00". A decimal comma ("12,99") would
        # otherwise read as 1299 and price a line a hundred times too high.
        if not _THOUSANDS.match(v):
            raise ValueError(f"not an amount: {value!r} (use a dot for decimals)")
        v = v.replace(",", "")
    if not v:
        return None
    try:
        d = Decimal(v)
    except InvalidOperation:
        raise ValueError(f"not an amount: {value!r}") from None
    if not d.is_finite():
        raise ValueError(f"not an amount: {value!r}")
    return d


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
    if exotic_number(text):
        raise InvalidOperation(text)
    d = Decimal(text)
    if not d.is_finite():
        raise InvalidOperation(text)
    return d


def parse_int(value: str) -> int | None:
    v = unprotect(value)
    if exotic_number(v):
        raise ValueError(f"not a whole number: {value!r}")
    if "," in v:
        if not _THOUSANDS.match(v):
            raise ValueError(f"not a whole number: {value!r}")
        v = v.replace(",", "")
    if not v:
        return None
    try:
        d = Decimal(v)
    except InvalidOperation:
        raise ValueError(f"not a whole number: {value!r}") from None
    if not d.is_finite() or d != d.to_integral_value():
        raise ValueError(f"not a whole number: {value!r}")
    return int(d)


class Columns:
    """Header lookup by name, tolerant of spacing; reports every missing column at once."""

    def __init__(self, header: list[str], required: tuple[str, ...], file_label: str) -> None:
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
