from app.services.review.review import (
    review_orders,
)

__all__ = [
    "review_orders",
]
