"""The parcel's weight at packing: within tolerance of what its items and carton
weigh, or let through by a supervisor with a reason.

A supervisor approves either at the bench (an :class:`Override` passed to
:func:`app.services.packing.complete.complete`) or from the dashboard, which records
``pack.override_approved`` after the refused weighing's ``pack.weight_mismatch``.
Who counts as a supervisor is :func:`app.domain.permissions.can` with
``approve_override``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Event, Order, User
from app.domain.floor_errors import FloorError
from app.domain.permissions import can
from app.services.audit import Actor, record
from app.services.packing.shipment import reason_text

WEIGHT_MISMATCH_EVENT = "pack.weight_mismatch"
OVERRIDE_APPROVED_EVENT = "pack.override_approved"


@dataclass(frozen=True, slots=True)
class Override:
    """A supervisor lets a parcel go although its weight is off; ``reason`` is required."""

    supervisor_id: int
    reason: str


@dataclass(frozen=True, slots=True)
class WeightCheck:
    ok: bool
    diff_g: int  # measured − expected
    allowed_g: int


def check_weight(expected_g: int, measured_g: int, pct: float, min_g: int) -> WeightCheck:
    """Within ``pct`` per cent of the expected weight, and never tighter than ``min_g``."""
    allowed = max(int(min_g), round(expected_g * pct / 100))
    diff = measured_g - expected_g
    return WeightCheck(ok=abs(diff) <= allowed, diff_g=diff, allowed_g=allowed)


def _kg(grams: int) -> str:
    return f"{grams / 1000:.3f} kg"


def _supervisor(session: Session, override: Override) -> tuple[User, str]:
    user = session.get(User, override.supervisor_id)
    if user is None or not user.active or not can(user.role, "approve_override"):
        who = (
            f"{user.name} ({user.badge}) is a {user.role}"
            if user
            else f"user {override.supervisor_id} is unknown"
        )
        raise FloorError(
            "not_supervisor",
            f"{who}, not a supervisor: a supervisor must approve a weight that does not match",
            user_id=override.supervisor_id,
        )
    return user, reason_text(override.reason, "let through with a different weight")


def _approved_remotely(session: Session, order: Order) -> Override | None:
    """A supervisor approved the refused weighing from the dashboard
    (``pack.override_approved`` after the last ``pack.weight_mismatch``)."""
    last = session.execute(
        select(Event.kind, Event.payload)
        .where(
            Event.entity == "order",
            Event.entity_id == str(order.id),
            Event.kind.in_((WEIGHT_MISMATCH_EVENT, OVERRIDE_APPROVED_EVENT)),
        )
        .order_by(Event.seq.desc())
        .limit(1)
    ).first()
    if last is None or last.kind != OVERRIDE_APPROVED_EVENT:
        return None
    payload = last.payload or {}
    approver = payload.get("approver_id")
    if not isinstance(approver, int):
        return None
    return Override(
        supervisor_id=approver,
        reason=str(payload.get("reason") or "approved on the supervisor dashboard"),
    )


def record_mismatch(db: Database, actor: Actor, order_id: int, exc: FloorError) -> None:
    """A refused weighing is an exception a supervisor sees, so it outlives the
    refused transaction in its own."""
    with db.unit_of_work() as session:
        order = session.get(Order, order_id)
        record(
            session,
            "order",
            order_id,
            WEIGHT_MISMATCH_EVENT,
            {
                "order_no": order.order_no if order else "",
                **exc.params,
            },
            actor,
        )


def require_weight(
    session: Session,
    order: Order,
    actor: Actor,
    weight_g: int | None,
    expected: int | None,
    pct: float,
    min_g: int,
    override: Override | None,
) -> None:
    """Refuse a parcel whose weight is off (``weight_mismatch``) unless a supervisor
    approved it, here or from the dashboard; an approval is recorded."""
    if weight_g is None or expected is None:
        return  # a bench without a scale, or a product without a weight: nothing to compare
    check = check_weight(expected, weight_g, pct, min_g)
    if check.ok:
        return
    if override is None:
        override = _approved_remotely(session, order)
    if override is None:
        raise FloorError(
            "weight_mismatch",
            f"the parcel weighs {_kg(weight_g)} but should weigh {_kg(expected)} "
            f"± {_kg(check.allowed_g)}: check the items, weigh again or ask a supervisor",
            measured_g=weight_g,
            expected_g=expected,
            diff_g=check.diff_g,
            allowed_g=check.allowed_g,
        )
    user, reason = _supervisor(session, override)
    record(
        session,
        "order",
        order.id,
        "pack.weight_override",
        {
            "order_no": order.order_no,
            "supervisor_id": user.id,
            "supervisor": user.name,
            "reason": reason,
            "measured_g": weight_g,
            "expected_g": expected,
            "diff_g": check.diff_g,
            "allowed_g": check.allowed_g,
        },
        actor,
    )
