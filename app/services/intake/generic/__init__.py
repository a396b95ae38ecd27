"""The generic import formats, for every source without an importer of its own.

Orders come as CSV (one row per order line) or JSON lines (one order per line);
products, locations and stock come as CSV. resources/import-formats.md is what a
seller or an integrator reads: keep it in step with this package.

Every check adds ``(row, message)`` to a problem list instead of raising, so a
clerk sees all of a row's or an order's problems at once. Messages name the
column (or JSON field) and quote the value.
"""

from app.services.intake.generic.catalog import (
    parse_generic_locations,
    parse_generic_products,
    parse_generic_stock,
)
from app.services.intake.generic.orders_csv import (
    parse_generic_orders_csv,
)
from app.services.intake.generic.orders_jsonl import (
    parse_generic_orders_jsonl,
)

__all__ = [
    "parse_generic_locations",
    "parse_generic_orders_csv",
    "parse_generic_orders_jsonl",
    "parse_generic_products",
    "parse_generic_stock",
]
