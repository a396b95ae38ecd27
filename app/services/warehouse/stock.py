"""Reserving and releasing stock at bin level.

A reservation is taken with a conditional UPDATE (``… WHERE on_hand - reserved >= q``)
so that two allocators racing for the last units cannot both win: on PostgreSQL the
second UPDATE waits for the first's row lock and then re-checks the condition; on
SQLite the write lock makes it atomic. The CHECK constraint on the table is the
last line of defence.
"""

from __future__ import annotations

from sqlalchemy import Connection, bindparam, delete, select, update
from sqlalchemy.orm import Session

from app.db.models import Order, Reservation, Stock, table_of
from app.services.audit import SYSTEM, Actor, record

_stock = table_of(Stock)
# Built once: allocation runs these tens of thousands of times per pass.
_RESERVE = (
    update(_stock)
    .where(
        _stock.c.id == bindparam("sid"),
        _stock.c.on_hand - _stock.c.reserved >= bindparam("q"),
    )
    .values(reserved=_stock.c.reserved + bindparam("q"), version=_stock.c.version + 1)
)
_UNRESERVE = (
    update(_stock)
    .where(_stock.c.id == bindparam("sid"))
    .values(reserved=_stock.c.reserved - bindparam("q"), version=_stock.c.version + 1)
)


def try_reserve(conn: Connection, stock_id: int, qty: int) -> bool:
    """Reserve ``qty`` at one bin if it is still available; False if someone was faster."""
    return conn.execute(_RESERVE, {"sid": stock_id, "q": qty}).rowcount == 1


def reserve_many(conn: Connection, totals: dict[int, int]) -> set[int]:
    """Reserve ``totals[stock_id]`` units at each bin; returns the bins that had too few.

    On PostgreSQL two statements do it all: lock the bins in id order (so parallel
    allocators queue up instead of deadlocking), then one conditional UPDATE over
    them. SQLite is local and single-writer: one short UPDATE per bin costs nothing.
    """
    if not totals:
        return set()
    ids = sorted(totals)
    if conn.dialect.name != "postgresql":
        return {sid for sid in ids if not try_reserve(conn, sid, totals[sid])}
    conn.exec_driver_sql(
        "SELECT id FROM stock WHERE id = ANY(%(ids)s) ORDER BY id FOR UPDATE", {"ids": ids}
    )
    done = conn.exec_driver_sql(
        "UPDATE stock SET reserved = stock.reserved + v.q, version = stock.version + 1 "
        "FROM (SELECT unnest(%(ids)s::int[]) AS id, unnest(%(qs)s::int[]) AS q) AS v "
        "WHERE stock.id = v.id AND stock.on_hand - stock.reserved >= v.q RETURNING stock.id",
        {"ids": ids, "qs": [totals[i] for i in ids]},
    )
    return set(ids) - {row[0] for row in done}


def unreserve(conn: Connection, stock_id: int, qty: int) -> None:
    conn.execute(_UNRESERVE, {"sid": stock_id, "q": qty})


def release_reservations(session: Session, order: Order, actor: Actor = SYSTEM) -> int:
    """Give back everything reserved for the order; returns the units released."""
    rows = session.execute(
        select(Reservation.stock_id, Reservation.qty).where(Reservation.order_id == order.id)
    ).all()
    if not rows:
        return 0
    conn = session.connection()
    for stock_id, qty in rows:
        unreserve(conn, stock_id, qty)
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
