"""The generic catalog CSVs: products, locations and the stock in them, one per row."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from app.domain.incoming import IncomingLocation, IncomingProduct, IncomingStock, Rejected
from app.services.intake.checks import (
    Problems,
    money,
    required,
    spoiled_barcode,
    spoiled_by_spreadsheet,
    whole,
)
from app.services.intake.csvtext import Columns, ident, read_csv


def _catalog_rows(
    path: Path, required_columns: tuple[str, ...], fields: tuple[str, ...]
) -> Iterator[tuple[int, tuple[str, ...]]]:
    header, rows = read_csv(path, padded=True)
    pick = Columns(header, required_columns, path.name).picker(fields)
    for number, cells in rows:
        yield number, tuple(map(str.strip, pick(cells)))


def _barcodes(value: str, column: str, at: int, problems: Problems) -> tuple[str, ...]:
    codes = tuple(ident(code) for code in value.split("|") if code.strip())
    for code in codes:
        if spoiled_by_spreadsheet(code):
            problems.add(at, spoiled_barcode(column, code))
    return codes


_PRODUCT_FIELDS = (
    "sku",
    "name_zh",
    "name_en",
    "barcode",
    "case_barcode",
    "case_qty",
    "weight_g",
    "length_mm",
    "width_mm",
    "height_mm",
    "price",
)


def parse_generic_products(path: Path) -> Iterator[IncomingProduct | Rejected]:
    """Read the generic products CSV (only ``sku`` is a required column)."""
    source_file = path.name
    seen: dict[str, int] = {}
    for number, values in _catalog_rows(path, ("sku",), _PRODUCT_FIELDS):
        sku_text, name_zh, name_en, barcode, case_barcode, case_qty, *sizes, price = values
        problems = Problems(source_file)
        sku = required(ident(sku_text), "sku", number, problems)
        if sku in seen:
            problems.add(number, f"sku {sku!r} already appears at row {seen[sku]}")
        codes = _barcodes(barcode, "barcode", number, problems)
        case_codes = _barcodes(case_barcode, "case_barcode", number, problems)
        if len(case_codes) > 1:
            problems.add(number, f"case_barcode {case_barcode!r} holds more than one barcode")
        units = whole(case_qty, "case_qty", number, problems)
        if case_codes and not units:
            problems.add(number, "case_barcode is given but case_qty is empty")
        weight, length, width, height = (
            whole(value, field, number, problems)
            for value, field in zip(sizes, _PRODUCT_FIELDS[6:10], strict=True)
        )
        unit_price = money(price, "price", number, problems)
        if problems:
            yield problems.rejected_row()
            continue
        seen[sku] = number
        yield IncomingProduct(
            sku=sku,
            name_zh=name_zh,
            name_en=name_en,
            barcodes=codes,
            case_barcode=case_codes[0] if case_codes else "",
            case_qty=units or 0,
            weight_g=weight,
            length_mm=length,
            width_mm=width,
            height_mm=height,
            price=unit_price,
            source_row=number,
        )


_LOCATION_FIELDS = ("warehouse", "zone", "aisle", "position", "level", "barcode")


def parse_generic_locations(path: Path) -> Iterator[IncomingLocation | Rejected]:
    """Read the generic locations CSV: one bin per row; aisle, position and level count from 1."""
    source_file = path.name
    seen: dict[object, int] = {}  # a location's place and its barcode → first row
    for number, values in _catalog_rows(path, _LOCATION_FIELDS[:5], _LOCATION_FIELDS):
        warehouse, zone, aisle_text, position_text, level_text, barcode_text = values
        problems = Problems(source_file)
        required(warehouse, "warehouse", number, problems)
        required(zone, "zone", number, problems)
        aisle, position, level = (
            whole(required(text, field, number, problems), field, number, problems, 1)
            for text, field in zip(
                (aisle_text, position_text, level_text), _LOCATION_FIELDS[2:5], strict=True
            )
        )
        barcode = ident(barcode_text)
        place = (warehouse, zone, aisle, position, level)
        if place in seen:
            problems.add(number, f"this location already appears at row {seen[place]}")
        if barcode in seen:
            problems.add(number, f"barcode {barcode!r} already appears at row {seen[barcode]}")
        if problems or aisle is None or position is None or level is None:
            yield problems.rejected_row()
            continue
        seen[place] = number
        if barcode:
            seen[barcode] = number
        yield IncomingLocation(
            warehouse=warehouse,
            zone=zone,
            aisle=aisle,
            position=position,
            level=level,
            barcode=barcode,
            source_row=number,
        )


def parse_generic_stock(path: Path) -> Iterator[IncomingStock | Rejected]:
    """Read the generic stock CSV: how many units of a SKU sit in a location."""
    source_file = path.name
    fields = ("location", "sku", "on_hand")
    seen: dict[tuple[str, str], int] = {}
    for number, (location_text, sku_text, on_hand) in _catalog_rows(path, fields, fields):
        problems = Problems(source_file)
        location = required(ident(location_text), "location", number, problems)
        sku = required(ident(sku_text), "sku", number, problems)
        units = whole(required(on_hand, "on_hand", number, problems), "on_hand", number, problems)
        key = (location, sku)
        if key in seen:
            problems.add(number, f"{location} / {sku} already appears at row {seen[key]}")
        if problems or units is None:
            yield problems.rejected_row()
            continue
        seen[key] = number
        yield IncomingStock(location=location, sku=sku, on_hand=units, source_row=number)
