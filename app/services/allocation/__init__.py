from app.services.allocation.allocate import (
    allocate_orders,
)

__all__ = [
    "allocate_orders",
]
