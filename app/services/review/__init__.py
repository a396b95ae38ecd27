"""Review (订单审核): received orders are approved or put on hold with reason codes."""

from app.services.review.review import (
    review_orders,
)

__all__ = [
    "review_orders",
]
