"""Reading orders for people and scripts, and releasing holds.

``order_detail`` is the shape of ``wavedesk orders show --json``; keep its keys
stable, other tools read them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.db.engine import Database
from app.db.models import Order, Store, User, Warehouse, utcnow
from app.domain.status import OrderStatus
from app.services.audit import Actor, record, transition

SUPERVISOR_ROLES = frozenset({"supervisor", "admin"})


class OrderNotFound(LookupError):
    pass


class NotAllowed(PermissionError):
    pass


def find_order(session: Session, order_no: str, store: str | None = None) -> Order:
    query = (
        select(Order)
        .join(Store)
        .where(Order.order_no == order_no)
        .options(
            selectinload(Order.lines), selectinload(Order.holds), selectinload(Order.shipments)
        )
    )
    if store:
        query = query.where(Store.name == store)
    found = list(session.scalars(query))
    if not found:
        where = f" in store {store}" if store else ""
        raise OrderNotFound(f"no order {order_no}{where}")
    if len(found) > 1:
        stores = ", ".join(sorted(o.store.name for o in found))
        raise OrderNotFound(f"order {order_no} exists in several stores ({stores}); pass --store")
    return found[0]


def _money(value: Any) -> str | None:
    return None if value is None else f"{value:.2f}"


def order_detail(db: Database, order_no: str, store: str | None = None) -> dict[str, Any]:
    with db.read() as session:
        o = find_order(session, order_no, store)
        warehouse = session.get(Warehouse, o.warehouse_id) if o.warehouse_id else None
        children = list(
            session.scalars(
                select(Order.order_no).where(Order.parent_id == o.id).order_by(Order.id)
            )
        )
        parent = session.get(Order, o.parent_id) if o.parent_id else None
        return {
            "order_no": o.order_no,
            "store": o.store.name,
            "platform": o.store.platform,
            "status": o.status,
            "payment_status": o.payment_status,
            "hold_reasons": [
                {"code": h.code, "detail": h.detail} for h in o.holds if h.released_at is None
            ],
            "recipient": {
                "name": o.recipient_name,
                "phone": o.recipient_phone,
                "country": o.country,
                "province": o.province,
                "city": o.city,
                "district": o.district,
                "address": o.address,
                "postcode": o.postcode,
            },
            "warehouse": warehouse.code if warehouse else None,
            "lines": [
                {"sku": ln.sku, "qty": ln.qty, "unit_price": _money(ln.unit_price), "name": ln.name}
                for ln in o.lines
            ],
            "shipments": [
                {"tracking_no": s.tracking_no, "carrier": s.carrier, "status": s.status}
                for s in o.shipments
            ],
            "placed_at": o.placed_at.isoformat() if o.placed_at else None,
            "total": _money(o.total),
            "currency": o.currency,
            "buyer_remark": o.buyer_remark,
            "interception": o.interception,
            "split_into": children,
            "split_from": parent.order_no if parent else None,
        }


def list_orders(db: Database, status: str | None = None, limit: int = 1000) -> list[dict[str, Any]]:
    if status is not None:
        OrderStatus(status)  # a typo is an error, not an empty list
    with db.read() as session:
        query = (
            select(
                Order.order_no,
                Store.name,
                Order.status,
                Order.payment_status,
                Order.recipient_name,
                Order.province,
                Order.city,
                Warehouse.code,
                Order.placed_at,
            )
            .join(Store, Store.id == Order.store_id)
            .outerjoin(Warehouse, Warehouse.id == Order.warehouse_id)
            .order_by(Order.id)
            .limit(limit)
        )
        if status:
            query = query.where(Order.status == status)
        return [
            {
                "order_no": no,
                "store": store,
                "status": st,
                "payment_status": pay,
                "recipient": name,
                "province": prov,
                "city": city,
                "warehouse": wh,
                "placed_at": placed.isoformat() if placed else None,
            }
            for no, store, st, pay, name, prov, city, wh, placed in session.execute(query)
        ]


def status_counts(db: Database) -> dict[str, int]:
    with db.read() as session:
        return dict(
            session.execute(select(Order.status, func.count()).group_by(Order.status)).all()
        )


def release_hold(
    db: Database,
    order_no: str,
    badge: str,
    reason: str = "",
    store: str | None = None,
    station_id: int | None = None,
) -> dict[str, Any]:
    """A supervisor releases every open hold of an on-hold order: it goes to approved."""
    with db.unit_of_work() as session:
        user = session.scalar(select(User).where(User.badge == badge, User.active))
        if user is None:
            raise NotAllowed(f"no active user with badge {badge}")
        if user.role not in SUPERVISOR_ROLES:
            raise NotAllowed(
                f"{user.name} ({badge}) is a {user.role}; only a supervisor may release a hold"
            )
        order = find_order(session, order_no, store)
        actor = Actor(user.id, station_id)
        open_holds = [h for h in order.holds if h.released_at is None]
        now = utcnow()
        for h in open_holds:
            h.released_at = now
            h.released_by = user.id
        codes = [h.code for h in open_holds]
        record(
            session,
            "order",
            order.id,
            "order.hold_released",
            {"order_no": order.order_no, "codes": codes, "reason": reason, "by": user.name},
            actor,
        )
        order.needs_review = False
        transition(
            session,
            order,
            OrderStatus.APPROVED,
            actor,
            reason=reason or "released by supervisor",
            released=codes,
        )
        return {"order_no": order.order_no, "released": codes, "by": user.name}
