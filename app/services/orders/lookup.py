"""Reading orders for people and scripts (a hold is released by
:func:`app.services.supervision.release_order_holds`, the supervisor's rule).

``order_detail`` is the shape of ``wavedesk orders show --json``; keep its keys
stable, other tools read them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import Order, Store, Warehouse
from app.domain.status import OrderStatus
from app.services.orders.find import find_order


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
