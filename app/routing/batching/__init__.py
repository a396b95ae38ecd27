"""Order batching for wave picking: which orders share one picker's cart (FCFS, seed,
savings, local search)."""

from app.routing.batching.batch import (
    BATCHING_METHODS,
    BatchOrder,
    Capacity,
    batch_orders,
)

__all__ = [
    "BATCHING_METHODS",
    "BatchOrder",
    "Capacity",
    "batch_orders",
]
