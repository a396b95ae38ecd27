"""Taobao/Tmall seller-centre exports: the order list (订单报表) and its order details (宝贝报表).

The seller centre exports an order in two files: the list has one row per order
(buyer, address, status, totals), the details one row per item. Neither is usable
alone, so both are read and joined on 订单编号. Tmall writes the same format.
An order is imported whole or not at all: one bad item row rejects the whole order.
"""

from app.services.intake.taobao.cells import (
    SHANGHAI,
)
from app.services.intake.taobao.reader import (
    is_taobao_order_details,
    is_taobao_order_list,
    parse_taobao,
)

__all__ = [
    "SHANGHAI",
    "is_taobao_order_details",
    "is_taobao_order_list",
    "parse_taobao",
]
