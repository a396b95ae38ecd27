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
