"""The warehouse itself: warehouses and their pick floors, locations, products and
stock from files, totes, and bin-level reservations."""

from app.services.warehouse.stock import (
    release_reservations,
    reserve_many,
    try_reserve,
    unreserve,
)
from app.services.warehouse.totes import (
    add_totes,
    find_warehouse,
    list_totes,
)
from app.services.warehouse.warehouses import (
    WarehouseExists,
    add_warehouse,
)

__all__ = [
    "WarehouseExists",
    "add_totes",
    "add_warehouse",
    "find_warehouse",
    "list_totes",
    "release_reservations",
    "reserve_many",
    "try_reserve",
    "unreserve",
]
