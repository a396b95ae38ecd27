"""The demo data set: ``seed_catalog`` fills an empty database, ``demo_orders`` makes orders.

The work lives in ``app.demo.catalog`` (master data, stock, people) and
``app.demo.orders`` (platform orders, pure); this module is the one place callers import from.
"""

from __future__ import annotations

from app.demo.catalog import (
    ADMIN_PIN,
    SUPERVISOR_PIN,
    WAREHOUSES,
    CatalogSummary,
    DemoProduct,
    DemoStore,
    DemoUser,
    load_catalog,
    plan_catalog,
    seed_catalog,
)
from app.demo.orders import (
    CANCELLED,
    ISSUE_CASES,
    OUT_OF_STOCK,
    demo_case,
    demo_orders,
    expected_hold,
)

__all__ = [
    "ADMIN_PIN",
    "CANCELLED",
    "ISSUE_CASES",
    "OUT_OF_STOCK",
    "SUPERVISOR_PIN",
    "WAREHOUSES",
    "CatalogSummary",
    "DemoProduct",
    "DemoStore",
    "DemoUser",
    "demo_case",
    "demo_orders",
    "expected_hold",
    "load_catalog",
    "plan_catalog",
    "seed_catalog",
]
