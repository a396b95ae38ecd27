"""Reserving and releasing stock at bin level.

A reservation is taken with a conditional UPDATE (``… WHERE on_hand - reserved >= q``)
so that two allocators racing for the last units cannot both win: on PostgreSQL the
second UPDATE waits for the first's row lock and then re-checks the condition; on
SQLite the write lock makes it atomic. The CHECK constraint on the table is the
last line of defence.
"""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from app.db.models import Order, Reservation, Stock
from app.services.audit import SYSTEM, Actor, record


def try_reserve(session: Session, stock_id: int, qty: int) -> bool:
    result = session.execute(
        update(Stock)
        .where(Stock.id == stock_id, Stock.on_hand - Stock.reserved >= qty)
        .values(reserved=Stock.reserved + qty, version=Stock.version + 1)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def release_reservations(session: Session, order: Order, actor: Actor = SYSTEM) -> int:
    """Give back everything reserved for the order; returns the units released."""
    rows = session.execute(
        select(Reservation.stock_id, Reservation.qty).where(Reservation.order_id == order.id)
    ).all()
    if not rows:
        return 0
    for stock_id, qty in rows:
        session.execute(
            update(Stock)
            .where(Stock.id == stock_id)
            .values(reserved=Stock.reserved - qty, version=Stock.version + 1)
            .execution_options(synchronize_session=False)
        )
    session.execute(delete(Reservation).where(Reservation.order_id == order.id))
    units = sum(q for _, q in rows)
    record(
        session,
        "order",
        order.id,
        "order.stock_released",
        {"order_no": order.order_no, "units": units},
        actor,
    )
    return units
