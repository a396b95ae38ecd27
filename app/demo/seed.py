"""``wavedesk seed --demo``: a believable operation, from master data to allocated orders.

The orders go in the way real ones do — through intake, review and allocation — so
the demo database holds the same events, holds and reservations a warehouse would.
"""

from __future__ import annotations

from collections.abc import Callable

from app.db.engine import Database
from app.demo.dataset import demo_orders, seed_catalog
from app.demo.floor import DEMO_PRINTER, work_the_floor
from app.services.allocation import allocate_orders
from app.services.intake.apply import import_orders
from app.services.review import review_orders
from app.services.waves import WaveOptions, build_waves


def seed_demo(
    db: Database,
    orders: int = 600,
    seed: int = 7,
    log: Callable[[str], None] = lambda _: None,
    *,
    work_floor: bool = True,
    printer: str = DEMO_PRINTER,
) -> str:
    catalog = seed_catalog(db, seed=seed)
    log(
        f"catalog: {len(catalog.warehouses)} warehouses, {catalog.location_count} locations, "
        f"{catalog.product_count} products, {len(catalog.stores)} stores, {len(catalog.users)} users"
    )
    incoming = demo_orders(catalog, orders, seed=seed)
    imported = import_orders(db, incoming)
    log(f"intake: {imported.summary()}")
    reviewed = review_orders(db)
    log(f"review: {reviewed.summary()}")
    allocated = allocate_orders(db)
    log(f"allocation: {allocated.summary()}")
    # Hangzhou's orders are waved and ready to pick; Guangzhou's wait for a supervisor.
    waves = build_waves(db, WaveOptions("HZ1", max_orders=150))
    log(f"waves: {waves.summary()}")
    if work_floor:
        log(str(work_the_floor(db, printer=printer, log=log)))
    return (
        f"demo data ready: {imported.imported} orders — {reviewed.approved} approved, "
        f"{reviewed.held} on hold, {allocated.allocated} allocated, "
        f"{sum(w.orders for w in waves.waves)} of them waved"
    )
