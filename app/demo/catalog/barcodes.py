"""The demo catalog's barcodes: EAN-13 unit codes under one GS1 China company prefix per
category, a second UPC-A code for some products, an ITF-14 case code for others."""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import partial

from app.demo.catalog.layout import Row
from app.demo.catalog.tables import CASE_PACKS, CASE_SHARE, CATEGORIES, UPC_SHARE
from app.domain.gs1 import check_digit


def with_check_digit(body: str) -> str:
    """``body`` and its GS1 check digit, the domain's (app.domain.gs1.check_digit)."""
    return body + check_digit(body)


def _ean13(rng: random.Random, company: str) -> str:
    return with_check_digit(f"{company}{rng.randint(0, 99999):05d}")


def _upc_a(rng: random.Random) -> str:
    # UPC-A: number system 0, 5-digit manufacturer, 5-digit item, check digit.
    return with_check_digit(f"0{rng.randint(10000, 99999)}{rng.randint(0, 99999):05d}")


def barcode_rows(rng: random.Random, products: list[Row]) -> list[Row]:
    # One GS1 China company prefix (69x + 4 digits) per category, as a brand would have.
    companies: dict[str, str] = {}
    used_companies: set[str] = set()
    for cat in CATEGORIES:
        while (prefix := f"69{rng.randint(0, 9)}{rng.randint(0, 9999):04d}") in used_companies:
            pass
        used_companies.add(prefix)
        companies[cat.key] = prefix
    upc = set(rng.sample(range(len(products)), round(len(products) * UPC_SHARE)))
    case = set(rng.sample(range(len(products)), round(len(products) * CASE_SHARE)))
    seen: set[str] = set()
    rows: list[Row] = []

    def fresh(make: Callable[[], str]) -> str:
        while (code := make()) in seen:
            pass
        seen.add(code)
        return code

    for i, p in enumerate(products):
        ean = fresh(partial(_ean13, rng, companies[p["_category"]]))
        rows.append({"sku": p["sku"], "barcode": ean, "kind": "unit", "pack_qty": 1})
        if i in upc:
            code = fresh(partial(_upc_a, rng))
            rows.append({"sku": p["sku"], "barcode": code, "kind": "unit", "pack_qty": 1})
        if i in case:
            # GTIN-14 printed as ITF-14: indicator digit + the unit EAN's first 12 digits.
            pack = rng.choice(list(CASE_PACKS))
            code = fresh(partial(with_check_digit, CASE_PACKS[pack] + ean[:12]))
            rows.append({"sku": p["sku"], "barcode": code, "kind": "case", "pack_qty": pack})
    return rows
