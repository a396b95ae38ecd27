"""The orders board: :class:`OrdersBoard`, its status tiles and its detail panel."""

from ui.screens.orders_board.board import OrdersBoard

__all__ = ["OrdersBoard"]
