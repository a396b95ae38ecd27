"""Scenes for pictures of the demo floor: who signs in, and what a packer scans to show
a tote nearly verified with a wrong item refused (``python -m ui.screenshot``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import Order, OrderLine, ProductBarcode, Tote, User


def first_badge(db: Database, role: str) -> str:
    """The badge of the first person with ``role``; ValueError when there is none."""
    with db.read() as s:
        badge = s.scalar(select(User.badge).where(User.role == role).order_by(User.id))
    if badge is None:
        raise ValueError(f"nobody has the role {role!r} in this database")
    return badge


@dataclass(frozen=True, slots=True)
class PackScene:
    tote: str
    units: tuple[str, ...]  # one barcode per unit of the tote's order, in line order
    stranger: str | None  # a product barcode that is not in the order


def pack_scene(db: Database, min_units: int = 3) -> PackScene:
    """A picked tote holding at least ``min_units`` units, its units and a wrong item."""
    with db.read() as s:
        tote, order_id = s.execute(
            select(Tote.code, Tote.order_id)
            .join(Order, Order.id == Tote.order_id)
            .join(OrderLine, OrderLine.order_id == Order.id)
            .where(Order.status == "picked")
            .group_by(Tote.code, Tote.order_id)
            .having(func.sum(OrderLine.qty) >= min_units)
            .order_by(Tote.code)
            .limit(1)
        ).one()
        units = [
            (code, qty)
            for code, qty in s.execute(
                select(ProductBarcode.barcode, OrderLine.qty)
                .join(ProductBarcode, ProductBarcode.product_id == OrderLine.product_id)
                .where(OrderLine.order_id == order_id, ProductBarcode.kind == "unit")
                .order_by(OrderLine.line_no)
            )
        ]
        stranger = s.scalar(
            select(ProductBarcode.barcode)
            .where(
                ProductBarcode.kind == "unit",
                ProductBarcode.barcode.not_in([c for c, _ in units]),
            )
            .limit(1)
        )
    return PackScene(tote, tuple(code for code, qty in units for _ in range(qty)), stranger)
