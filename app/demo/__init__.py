"""The demo: a believable operation (two warehouses, 500 products, three stores, staff,
600 orders) seeded through the real services, a floor worked by simulated pickers
and packers, the scan sheet, and the demo station."""

from app.demo.catalog import (
    plan_catalog,
)
from app.demo.dataset import (
    demo_orders,
    seed_catalog,
)
from app.demo.scan_sheet import (
    demo_scan_sheet,
    demo_sheet_sections,
)
from app.demo.seed import (
    seed_demo,
)
from app.demo.simulation import (
    Barcodes,
    next_pick_scan,
)
from app.demo.station import (
    open_station,
    run_demo,
)

__all__ = [
    "Barcodes",
    "demo_orders",
    "demo_scan_sheet",
    "demo_sheet_sections",
    "next_pick_scan",
    "open_station",
    "plan_catalog",
    "run_demo",
    "seed_catalog",
    "seed_demo",
]
