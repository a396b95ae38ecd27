"""The stored barcodes an item scan may match: shared by picking and packing, online
and offline, so that every path finds the same product for the same scan."""

from __future__ import annotations

from app.domain import scan as sc


def gtin_forms(gtin: str) -> set[str]:
    """A GTIN-14 key as it may be stored: the 14 digits, or EAN-13 / UPC-A / EAN-8."""
    forms = {gtin}
    for width in (13, 12, 8):
        if gtin[: 14 - width].strip("0") == "":
            forms.add(gtin[14 - width :])
    return forms


def barcodes_of(meaning: sc.Scan) -> tuple[set[str], str] | None:
    """The stored barcodes a scan may be, and how to name it; None for no product code,
    no barcodes for a GS1 code that carries no item number (01)."""
    if isinstance(meaning, sc.Product):
        wanted = {meaning.barcode} | (gtin_forms(meaning.gtin) if meaning.gtin else set())
        return wanted, meaning.barcode
    if isinstance(meaning, sc.Gs1):
        if meaning.gtin is None:
            return set(), ""
        return gtin_forms(meaning.gtin), meaning.gtin
    return None
