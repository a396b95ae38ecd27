"""Allocation (订单分配/分仓): choose the shipping warehouse, reserve stock by bin,
split orders no warehouse can ship whole."""

from app.services.allocation.allocate import (
    allocate_orders,
)

__all__ = [
    "allocate_orders",
]
