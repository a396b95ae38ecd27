"""Releasing a hold: the one rule, with a door for the supervisor's screen (one hold,
by id, the person signed in at the station) and one for the command line (every
open hold of an order, by its number, the person named by a badge).

Through either door: the permission table's ``release_hold`` decides who may, a
reason is required, each hold released writes its own ``order.hold_released``
event, and the order moves on as its state says (see :func:`_release`). Who is
checked before the reason, so that a door naming the wrong person hears so first.
"""

from __future__ import annotations

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Order, OrderHold, PickLine, User, utcnow
from app.domain.floor_errors import FloorError
from app.services.audit import Actor, record, transition
from app.services.orders import find_order
from app.services.supervision.actions.guards import (
    ActionDone,
    S,
    by_whom,
    get_row,
    require_reason,
    supervisor,
    supervisor_by_badge,
)

ACTION = "release_hold"


def release_hold(
    db: Database, actor: Actor, order_id: int, hold_id: int, reason: str
) -> ActionDone:
    """Release one hold of an order (the screen's door). FloorError ``not_supervisor``,
    ``reason_required``, ``not_found`` or ``hold_not_open``."""
    with db.unit_of_work() as s:
        user = supervisor(s, actor, ACTION)
        why = require_reason(reason)
        order = get_row(s, Order, order_id, "order")
        hold = get_row(s, OrderHold, hold_id, "hold")
        if hold.order_id != order.id or hold.released_at is not None:
            raise FloorError(
                "hold_not_open",
                f"Order {order.order_no} has no open hold {hold_id}.",
                order_no=order.order_no,
            )
        return _release(s, user, actor, order, [hold], why)


def release_order_holds(
    db: Database,
    order_no: str,
    badge: str,
    reason: str,
    store: str | None = None,
    station_id: int | None = None,
) -> ActionDone:
    """Release every open hold of the order numbered ``order_no`` (the command line's
    door; the number is read by :func:`app.services.orders.find_order`). FloorError
    ``not_supervisor``, ``reason_required``, ``order_unknown``, ``order_ambiguous`` or
    ``hold_not_open``."""
    with db.unit_of_work() as s:
        user = supervisor_by_badge(s, badge, ACTION)
        why = require_reason(reason)
        order = get_row(s, Order, find_order(s, order_no, store).id, "order")
        holds = list(
            s.scalars(
                select(OrderHold)
                .where(OrderHold.order_id == order.id, OrderHold.released_at.is_(None))
                .order_by(OrderHold.id)
                .with_for_update()
            )
        )
        if not holds:
            raise FloorError(
                "hold_not_open",
                f"Order {order.order_no} has no open hold.",
                order_no=order.order_no,
            )
        return _release(s, user, Actor(user.id, station_id), order, holds, why)


def _release(
    s: Session, user: User, actor: Actor, order: Order, holds: list[OrderHold], why: str
) -> ActionDone:
    """Release ``holds`` (open holds of ``order``). An on-hold order whose last open
    holds these were goes to approved. A short-pick hold (an order in picking)
    released means "ship what was found": once every line of the order is resolved it
    goes to picked; until then the picking station moves it on when the task is done."""
    now = utcnow()
    for hold in holds:
        hold.released_at = now
        hold.released_by = user.id
        record(
            s,
            "order",
            order.id,
            "order.hold_released",
            by_whom(user, why, order_no=order.order_no, codes=[hold.code], hold_id=hold.id),
            actor,
        )
    codes = [hold.code for hold in holds]
    still_open = s.scalar(
        select(func.count())
        .select_from(OrderHold)
        .where(OrderHold.order_id == order.id, OrderHold.released_at.is_(None))
    )
    approved = picked = False
    if not still_open and order.status == S.ON_HOLD.value:
        order.needs_review = False
        transition(s, order, S.APPROVED, actor, reason=why, released=codes)
        approved = True
    elif not still_open and order.status == S.PICKING.value and _all_lines_resolved(s, order.id):
        # The picker finished the task while the order waited: it goes on, short.
        transition(s, order, S.PICKED, actor, reason=why, released=codes)
        picked = True
    plural = "s" if len(codes) > 1 else ""
    summary = f"Hold{plural} {', '.join(codes)} on order {order.order_no} released by {user.name}"
    if approved:
        summary += "; the order is approved"
    if picked:
        summary += "; the order goes to packing with what was found"
    return ActionDone(
        ACTION,
        summary,
        order.order_no,
        (("codes", tuple(codes)), ("approved", approved), ("picked", picked), ("by", user.name)),
    )


def _all_lines_resolved(s: Session, order_id: int) -> bool:
    """Nothing left to pick or to put into a tote (the picking service's own test)."""
    return not s.scalar(
        select(
            exists().where(
                PickLine.order_id == order_id,
                (PickLine.status == "open")
                | (
                    (PickLine.status == "short")
                    & (PickLine.picked_qty > 0)
                    & PickLine.picked_at.is_(None)
                ),
            )
        )
    )
