"""A supervisor's decisions about one order: cancel it (or have it intercepted), record
that an interception was dealt with, approve packing a weight the scale refused.
"""

from __future__ import annotations

from sqlalchemy import delete, exists, func, select, update
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Event, Order, PickLine, PickTask, ScanRecord, TaskSlot, Tote
from app.domain.floor_errors import FloorError
from app.services.audit import Actor, record, transition
from app.services.packing import OVERRIDE_APPROVED_EVENT as EVENT_OVERRIDE_APPROVED
from app.services.packing import WEIGHT_MISMATCH_EVENT as EVENT_WEIGHT_MISMATCH
from app.services.supervision.actions.guards import (
    FINAL,
    ActionDone,
    S,
    by_whom,
    get_row,
    require_reason,
    supervisor,
)
from app.services.warehouse import release_reservations

EVENT_INTERCEPTION_RESOLVED = "order.interception_resolved"


def _untouched_lines(s: Session, order_id: int) -> list[PickLine] | None:
    """The order's pick lines if none has been worked on and each sits in an open
    task nobody holds; None if picking has (or may have) started."""
    lines = list(s.scalars(select(PickLine).where(PickLine.order_id == order_id)))
    if not lines:
        return []
    if any(ln.status != "open" or ln.picked_qty or ln.location_ok for ln in lines):
        return None
    task_ids = {ln.pick_task_id for ln in lines}
    if s.scalar(
        select(func.count())
        .select_from(PickTask)
        .where(PickTask.id.in_(task_ids), PickTask.status != "open")
    ):
        return None
    scanned = s.scalar(select(exists().where(ScanRecord.pick_line_id.in_([ln.id for ln in lines]))))
    return None if scanned else lines


def cancel_order(db: Database, actor: Actor, order_id: int, reason: str) -> ActionDone:
    """Cancel an order. Before picking (nothing of it picked, scanned, or in a task
    someone holds) its pick lines go, its reserved stock is released and it is
    cancelled. After that it is cancelled with an interception text: the goods are in
    a tote somewhere and the station that touches the order next must stop it; the
    stock stays reserved until the goods are back (see ``resolve_interception``)."""
    why = require_reason(reason)
    with db.unit_of_work() as s:
        user = supervisor(s, actor, "cancel_order")
        order = get_row(s, Order, order_id, "order")
        if order.status in FINAL:
            raise FloorError(
                "not_cancellable",
                f"Order {order.order_no} is {order.status}; it cannot be cancelled.",
                order_no=order.order_no,
                status=order.status,
            )
        lines = (
            _untouched_lines(s, order.id)
            if order.status in (S.ALLOCATED.value, S.WAVED.value)
            else None
        )
        before_picking = (
            order.status in (S.RECEIVED.value, S.ON_HOLD.value, S.APPROVED.value)
            or lines is not None
        )
        if before_picking:
            if lines:
                _remove_lines(s, order.id, lines)
            units = release_reservations(s, order, actor)
            order.wave_id = None
            transition(s, order, S.CANCELLED, actor, reason=why, by=user.name, stock_released=units)
            return ActionDone(
                "cancel_order",
                f"Order {order.order_no} cancelled by {user.name}; {units} units released",
                order.order_no,
                (("intercepted", False), ("units_released", units)),
            )
        order.interception = f"Cancelled by supervisor {user.name}: {why}"
        transition(s, order, S.CANCELLED, actor, reason=why, by=user.name, intercepted=True)
        record(
            s,
            "order",
            order.id,
            "order.intercepted",
            by_whom(user, why, order_no=order.order_no),
            actor,
        )
        return ActionDone(
            "cancel_order",
            f"Order {order.order_no} cancelled by {user.name}; picking had started: intercept it",
            order.order_no,
            (("intercepted", True),),
        )


def _remove_lines(s: Session, order_id: int, lines: list[PickLine]) -> None:
    task_ids = {ln.pick_task_id for ln in lines}
    s.execute(delete(PickLine).where(PickLine.id.in_([ln.id for ln in lines])))
    s.execute(
        delete(TaskSlot).where(TaskSlot.order_id == order_id, TaskSlot.pick_task_id.in_(task_ids))
    )
    s.execute(
        update(Tote).where(Tote.order_id == order_id, Tote.status == "free").values(order_id=None)
    )
    left = set(s.scalars(select(PickLine.pick_task_id).where(PickLine.pick_task_id.in_(task_ids))))
    empty = task_ids - left
    if empty:
        s.execute(delete(TaskSlot).where(TaskSlot.pick_task_id.in_(empty)))
        s.execute(delete(PickTask).where(PickTask.id.in_(empty), PickTask.status == "open"))


def resolve_interception(db: Database, actor: Actor, order_id: int, reason: str) -> ActionDone:
    """Record that an intercepted order was stopped and its goods dealt with (back on the
    shelf, or in returns); it leaves the exceptions list."""
    why = require_reason(reason)
    with db.unit_of_work() as s:
        user = supervisor(s, actor, "resolve_interception")
        order = get_row(s, Order, order_id, "order")
        if not order.interception and order.status != S.CANCELLED.value:
            raise FloorError(
                "no_interception",
                f"Order {order.order_no} has nothing to intercept.",
                order_no=order.order_no,
            )
        record(
            s,
            "order",
            order.id,
            EVENT_INTERCEPTION_RESOLVED,
            by_whom(user, why, order_no=order.order_no, interception=order.interception),
            actor,
        )
        return ActionDone(
            "resolve_interception",
            f"Interception of order {order.order_no} resolved by {user.name}",
            order.order_no,
        )


def approve_override(db: Database, actor: Actor, order_id: int, reason: str) -> ActionDone:
    """Approve packing an order whose weight was refused: a recorded approval
    (``pack.override_approved``, naming the refused weighing) that the packing station
    reads; the packer still weighs and finishes the order."""
    why = require_reason(reason)
    with db.unit_of_work() as s:
        user = supervisor(s, actor, "approve_override")
        order = get_row(s, Order, order_id, "order", lock=False)
        mismatch = s.execute(
            select(Event.seq, Event.id, Event.payload)
            .where(
                Event.entity == "order",
                Event.entity_id == str(order.id),
                Event.kind == EVENT_WEIGHT_MISMATCH,
            )
            .order_by(Event.seq.desc())
            .limit(1)
        ).first()
        approved_after = mismatch is not None and s.scalar(
            select(
                exists().where(
                    Event.entity == "order",
                    Event.entity_id == str(order.id),
                    Event.kind == EVENT_OVERRIDE_APPROVED,
                    Event.seq > mismatch.seq,
                )
            )
        )
        if (
            mismatch is None
            or approved_after
            or order.status in FINAL
            or order.status == S.PACKED.value
        ):
            raise FloorError(
                "no_weight_mismatch",
                f"No refused weight waits for an approval on order {order.order_no}.",
                order_no=order.order_no,
            )
        payload = dict(mismatch.payload or {})
        record(
            s,
            "order",
            order.id,
            EVENT_OVERRIDE_APPROVED,
            by_whom(
                user,
                why,
                order_no=order.order_no,
                approver_id=user.id,
                mismatch_event=mismatch.id,
                measured_g=payload.get("measured_g", payload.get("weight_g")),
                expected_g=payload.get("expected_g"),
            ),
            actor,
        )
        return ActionDone(
            "approve_override",
            f"Weight override on order {order.order_no} approved by {user.name}",
            order.order_no,
        )
