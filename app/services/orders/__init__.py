"""Orders as people and scripts look them up: one ``find_order`` by number, the detail
of one order, lists and counts by status."""

from app.services.orders.find import (
    OrderNotFound,
    find_order,
    number_forms,
)
from app.services.orders.lookup import (
    list_orders,
    order_detail,
    status_counts,
)

__all__ = [
    "OrderNotFound",
    "find_order",
    "list_orders",
    "number_forms",
    "order_detail",
    "status_counts",
]
