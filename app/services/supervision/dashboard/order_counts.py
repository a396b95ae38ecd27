"""The dashboard's orders: how many of each status, per warehouse and store."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import Order, Store, Warehouse
from app.domain.status import OrderStatus


@dataclass(frozen=True, slots=True)
class StatusCount:
    warehouse: str | None  # None: not allocated to a warehouse yet
    store: str
    status: str
    count: int


def orders_by_status(db: Database) -> list[StatusCount]:
    """Order counts per warehouse, store and status (split parents included: they are
    what the platform sees)."""
    with db.read() as s:
        q = (
            select(Warehouse.code, Store.name, Order.status, func.count(Order.id))
            .join(Store, Store.id == Order.store_id)
            .outerjoin(Warehouse, Warehouse.id == Order.warehouse_id)
            .group_by(Warehouse.code, Store.name, Order.status)
        )
        rows = [StatusCount(wh, store, st, int(n)) for wh, store, st, n in s.execute(q)]
    order = {st.value: i for i, st in enumerate(OrderStatus)}
    return sorted(rows, key=lambda r: (r.warehouse or "", r.store, order.get(r.status, 99)))
