"""Shipping: waybill number pools per carrier, and the hand-over scan (交接)."""

from app.services.shipping.handover import (
    HandOver,
    hand_over,
)
from app.services.shipping.tracking_pools import (
    add_pool,
    ensure_default_pools,
    list_pools,
    take_number,
)

__all__ = [
    "HandOver",
    "add_pool",
    "ensure_default_pools",
    "hand_over",
    "list_pools",
    "take_number",
]
