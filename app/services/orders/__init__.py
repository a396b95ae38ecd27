from app.services.orders.lookup import (
    NotAllowed,
    OrderNotFound,
    list_orders,
    order_detail,
    release_hold,
    status_counts,
)

__all__ = [
    "NotAllowed",
    "OrderNotFound",
    "list_orders",
    "order_detail",
    "release_hold",
    "status_counts",
]
