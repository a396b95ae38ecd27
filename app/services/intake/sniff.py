"""Telling an import file's format from its first line, so clerks need not pass --format.

Only the header (or the first JSON line) is read: the file may be large, and a
format is recognised by the columns its platform always writes.
"""

from __future__ import annotations

import csv
from pathlib import Path

from app.services.intake.csvtext import FileFormatError, decode_bytes

_SNIFF_BYTES = 64 * 1024

_SHOPIFY_ORDERS = frozenset({"Name", "Financial Status", "Lineitem sku", "Lineitem quantity"})
_SHOPIFY_PRODUCTS = frozenset({"Handle", "Title", "Variant SKU"})
_GENERIC_ORDERS = frozenset({"order_no", "sku", "qty"})
_GENERIC_PRODUCT_DATA = frozenset({"name_zh", "name_en", "barcode", "weight_g", "case_barcode"})
# Taobao/Tmall seller-centre exports: the orders list (订单编号, 买家会员名, 宝贝标题 ...)
# and the order-lines list (订单编号, 标题, 商家编码 ...). Two markers avoid mistaking
# another Chinese platform's file that happens to share one column name.
_TAOBAO_MARKERS = frozenset(
    {"订单编号", "宝贝标题", "商家编码", "买家会员名", "买家应付货款", "外部系统编号"}
)


def _first_line(path: Path) -> str:
    with path.open("rb") as file:
        data = file.read(_SNIFF_BYTES)
    if len(data) == _SNIFF_BYTES:
        # Cut at a line end so no multi-byte character is split; neither UTF-8 nor GB18030
        # uses the byte 0x0A inside a character.
        cut = data.rfind(b"\n")
        if cut > 0:
            data = data[:cut]
    try:
        text, _ = decode_bytes(data)
    except FileFormatError:
        text = data.decode("utf-8", errors="replace")
    for line in text.split("\n"):
        if line.strip():
            return line.strip().lstrip("\ufeff")
    return ""


def _header(line: str) -> set[str]:
    try:
        cells = next(csv.reader([line]))
    except (csv.Error, StopIteration):
        return set()
    return {cell.strip() for cell in cells}


def _unknown(path: Path) -> FileFormatError:
    return FileFormatError(f"cannot tell the format of {path}; pass --format")


def sniff_orders_format(path: Path) -> str:
    """Return "shopify", "generic-csv", "generic-jsonl" or "taobao" for an orders file."""
    line = _first_line(path)
    if line.startswith("{"):
        return "generic-jsonl"
    header = _header(line)
    if _SHOPIFY_ORDERS <= header:
        return "shopify"
    if len(_TAOBAO_MARKERS & header) >= 2:
        return "taobao"
    if _GENERIC_ORDERS <= header:
        return "generic-csv"
    raise _unknown(path)


def sniff_products_format(path: Path) -> str:
    """Return "shopify" or "generic" for a products file."""
    header = _header(_first_line(path))
    if _SHOPIFY_PRODUCTS <= header:
        return "shopify"
    # An orders file has a sku column too; it must not pass for a catalog.
    if "sku" in header and "order_no" not in header and header & _GENERIC_PRODUCT_DATA:
        return "generic"
    raise _unknown(path)
