"""Demo master data: two warehouses, a believable catalog, stock, stores, people.

``plan_catalog`` is pure: the same seed always gives the same rows, so tests and
``demo_orders`` can use the catalog without a database. ``seed_catalog`` writes
that plan into an empty database with bulk inserts in one transaction, and
``load_catalog`` reads an already seeded database back into the same summary.
"""

from app.demo.catalog.barcodes import (
    with_check_digit,
)
from app.demo.catalog.database import (
    load_catalog,
    seed_catalog,
)
from app.demo.catalog.layout import (
    bay_centres,
    location_code,
)
from app.demo.catalog.plan import (
    plan_catalog,
)
from app.demo.catalog.specs import (
    CatalogSummary,
    DemoProduct,
    DemoStore,
    DemoUser,
)
from app.demo.catalog.tables import (
    ADMIN_PIN,
    SUPERVISOR_PIN,
    WAREHOUSES,
)

__all__ = [
    "ADMIN_PIN",
    "SUPERVISOR_PIN",
    "WAREHOUSES",
    "CatalogSummary",
    "DemoProduct",
    "DemoStore",
    "DemoUser",
    "bay_centres",
    "load_catalog",
    "location_code",
    "plan_catalog",
    "seed_catalog",
    "with_check_digit",
]
