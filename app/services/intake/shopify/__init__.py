"""Shopify admin exports, "Export orders" and "Export products" CSV, as Shopify writes them."""

from app.services.intake.shopify.orders import (
    PLATFORM,
    parse_shopify_orders,
)
from app.services.intake.shopify.products import (
    parse_shopify_products,
)

__all__ = [
    "PLATFORM",
    "parse_shopify_orders",
    "parse_shopify_products",
]
