"""Shopify admin "Export products" CSV: one IncomingProduct per variant."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from app.domain.incoming import IncomingProduct, Rejected
from app.services.intake.checks import Problems, money, spoiled_barcode, spoiled_by_spreadsheet
from app.services.intake.csvtext import Columns, ident, read_csv

_PRODUCT_REQUIRED = ("Handle", "Title", "Variant SKU", "Variant Price")
_PRODUCT_FIELDS = (
    "Handle",
    "Title",
    "Option1 Value",
    "Option2 Value",
    "Option3 Value",
    "Variant SKU",
    "Variant Grams",
    "Variant Price",
    "Variant Barcode",
)


def parse_shopify_products(path: Path) -> Iterator[IncomingProduct | Rejected]:
    """Read a Shopify product export CSV; yields one IncomingProduct per variant.

    A product's first row carries its Title; later rows of the same Handle carry only
    variant fields and image-only rows carry neither, so they are skipped.
    """
    source_file = path.name
    header, rows = read_csv(path, padded=True)
    fields = Columns(header, _PRODUCT_REQUIRED, source_file).picker(_PRODUCT_FIELDS)
    titles: dict[str, str] = {}
    seen_sku: dict[str, int] = {}

    for number, cells in rows:
        handle, title, o1, o2, o3, sku, grams, price_text, barcode = map(str.strip, fields(cells))
        if title:
            titles.setdefault(handle, title)
        title = titles.get(handle, title) or handle
        options = tuple(v for v in (o1, o2, o3) if v)
        sku = ident(sku)
        if not sku:
            if options or price_text or grams or barcode:
                yield Rejected(
                    source_file,
                    number,
                    f"Variant SKU is empty for a variant of {handle!r} "
                    f"({' / '.join(options) or 'no options'}); give every variant a SKU",
                )
            continue
        problems = Problems(source_file)
        if sku in seen_sku:
            problems.add(number, f"Variant SKU already used at row {seen_sku[sku]}")
        price = money(price_text, "Variant Price", number, problems)
        weight = money(grams, "Variant Grams", number, problems)
        code = ident(barcode)
        if spoiled_by_spreadsheet(code):
            problems.add(number, spoiled_barcode("Variant Barcode", barcode))
        if problems:
            yield Rejected(source_file, number, f"SKU {sku}: {problems.texts()}")
            continue
        seen_sku[sku] = number
        if options and options != ("Default Title",):
            title = f"{title} / {' / '.join(options)}"
        yield IncomingProduct(
            sku=sku,
            name_en=title,
            barcodes=(code,) if barcode else (),
            # Shopify writes 0 g when nobody entered a weight: unknown, not weightless.
            weight_g=int(weight.to_integral_value()) if weight else None,
            price=price,
            source_row=number,
        )
