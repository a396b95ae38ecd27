"""Review received orders (订单审核): approve them or put them on hold with reasons.

Orders are taken in chunks, each chunk one transaction. On PostgreSQL the chunk is
claimed with ``FOR UPDATE SKIP LOCKED`` so two review runs never judge the same
order twice; on SQLite the unit of work holds the single write lock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, func, insert, or_, select, update
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Blacklist, Order, OrderHold, OrderLine, Product, Stock, table_of, utcnow
from app.domain.review_rules import LineFacts, OrderFacts, ReviewContext, review
from app.domain.status import OrderStatus
from app.services.audit import SYSTEM, Actor, event_row, record_many
from app.services.settings import review_config

CHUNK = 1000
S = OrderStatus


@dataclass
class ReviewReport:
    approved: int = 0
    held: int = 0
    reasons: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        reasons = ", ".join(f"{k} {v}" for k, v in sorted(self.reasons.items()))
        return f"approved {self.approved}, on hold {self.held}" + (
            f" ({reasons})" if reasons else ""
        )


def load_context(session: Session) -> ReviewContext:
    prices: dict[str, Decimal | None] = dict(
        session.execute(select(Product.sku, Product.price).where(Product.active)).all()
    )
    available = dict(
        session.execute(
            select(Product.sku, func.sum(Stock.on_hand - Stock.reserved))
            .join(Stock, Stock.product_id == Product.id)
            .group_by(Product.sku)
        ).all()
    )
    blacklist: dict[str, set[str]] = {}
    for kind, value in session.execute(select(Blacklist.kind, Blacklist.value)):
        blacklist.setdefault(kind, set()).add(value)
    return ReviewContext(
        prices=prices,
        available={k: int(v or 0) for k, v in available.items()},
        blacklist={k: frozenset(v) for k, v in blacklist.items()},
        config=review_config(session),
    )


def facts(order: Any, lines: list[Any]) -> OrderFacts:
    return OrderFacts(
        order_no=order.order_no,
        payment_status=order.payment_status,
        name=order.recipient_name,
        phone=order.recipient_phone,
        country=order.country,
        province=order.province,
        city=order.city,
        district=order.district,
        address=order.address,
        postcode=order.postcode,
        buyer_id=order.buyer_id,
        buyer_remark=order.buyer_remark,
        lines=tuple(LineFacts(ln.sku, ln.qty, ln.unit_price) for ln in lines),
    )


def _claim(session: Session, after_id: int) -> list[Any]:
    return list(
        session.execute(
            select(
                Order.id,
                Order.order_no,
                Order.status,
                Order.payment_status,
                Order.recipient_name,
                Order.recipient_phone,
                Order.country,
                Order.province,
                Order.city,
                Order.district,
                Order.address,
                Order.postcode,
                Order.buyer_id,
                Order.buyer_remark,
            )
            .where(
                Order.id > after_id,
                or_(
                    Order.status == S.RECEIVED.value,
                    (Order.status == S.ON_HOLD.value) & Order.needs_review,
                ),
            )
            .order_by(Order.id)
            .limit(CHUNK)
            .with_for_update(skip_locked=True, of=Order)
        )
    )


def review_orders(
    db: Database,
    actor: Actor = SYSTEM,
    progress: Callable[[int], None] | None = None,
) -> ReviewReport:
    report = ReviewReport()
    after = 0
    with db.read() as session:
        ctx = load_context(session)
    while True:
        with db.unit_of_work() as session:
            rows = _claim(session, after)
            if not rows:
                break
            after = rows[-1].id
            _review_chunk(session, rows, ctx, actor, report)
        if progress:
            progress(len(rows))
    return report


def _review_chunk(
    session: Session, rows: list[Any], ctx: ReviewContext, actor: Actor, report: ReviewReport
) -> None:
    ids = [r.id for r in rows]
    lines: dict[int, list[Any]] = {}
    for ln in session.execute(
        select(OrderLine.order_id, OrderLine.sku, OrderLine.qty, OrderLine.unit_price)
        .where(OrderLine.order_id.in_(ids))
        .order_by(OrderLine.order_id, OrderLine.line_no)
    ):
        lines.setdefault(ln.order_id, []).append(ln)
    open_holds: dict[int, dict[str, int]] = {}
    for hid, oid, code in session.execute(
        select(OrderHold.id, OrderHold.order_id, OrderHold.code).where(
            OrderHold.order_id.in_(ids), OrderHold.released_at.is_(None)
        )
    ):
        open_holds.setdefault(oid, {})[code] = hid

    now = utcnow()
    status_rows: list[dict[str, Any]] = []
    new_holds: list[dict[str, Any]] = []
    released: list[int] = []
    events: list[dict[str, Any]] = []
    for row in rows:
        holds = review(facts(row, lines.get(row.id, [])), ctx)
        existing = open_holds.get(row.id, {})
        codes = {code for code, _ in holds}
        target = S.ON_HOLD if holds else S.APPROVED
        released.extend(hid for code, hid in existing.items() if code not in codes)
        new_holds.extend(
            {"order_id": row.id, "code": code, "detail": detail, "created_at": now}
            for code, detail in holds
            if code not in existing
        )
        if target.value != row.status:
            status_rows.append({"oid": row.id, "st": target.value})
            events.append(
                event_row(
                    "order",
                    row.id,
                    f"order.{target.value}",
                    {
                        "order_no": row.order_no,
                        "from": row.status,
                        "to": target.value,
                        "holds": [{"code": c, "detail": d} for c, d in holds],
                    },
                    actor,
                )
            )
        if holds:
            report.held += 1
            for code in codes:
                report.reasons[code] = report.reasons.get(code, 0) + 1
        else:
            report.approved += 1

    if status_rows:
        session.execute(
            update(table_of(Order))
            .where(table_of(Order).c.id == bindparam("oid"))
            .values(status=bindparam("st"), version=table_of(Order).c.version + 1, updated_at=now),
            status_rows,
        )
    session.execute(
        update(table_of(Order)).where(table_of(Order).c.id.in_(ids)).values(needs_review=False)
    )
    if released:
        session.execute(update(OrderHold).where(OrderHold.id.in_(released)).values(released_at=now))
    if new_holds:
        session.execute(insert(OrderHold), new_holds)
    record_many(session, events)
