"""Packing, the last step at the bench: weigh, take a tracking number, print the label.

:func:`complete` is ONE transaction: the order re-read under a lock, every unit
verified, the weight checked (or a supervisor's override recorded), the tracking
number taken from the carrier's pool, the shipment written, the label rendered and
queued for the printer, the order moved picked → packed, its tote freed and the
claim cleared. A refusal anywhere — a wrong weight, an empty pool, a printer
address that can never work — leaves everything as it was, the pool included.

:func:`reprint` queues the current label again (a reason is required);
:func:`void_and_regenerate` voids the current shipment and makes a new number and
label, for a label that must not be used (wrong carton, damaged, mis-scanned).

Refusal codes: ``intercepted`` ``not_packable`` ``not_verified`` ``bad_weight``
``weight_mismatch`` ``not_supervisor`` ``reason_missing`` ``carton_unknown``
``not_packed`` ``already_shipped`` plus those of the pool (``pool_empty``), the
label (``label_format_unknown`` …) and the print queue (``print_…``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Event, Order, PrintJob, Shipment, Tote, User, table_of, utcnow
from app.domain.floor_errors import FloorError
from app.domain.status import OrderStatus
from app.services.audit import Actor, record, transition
from app.services.packing.cartons import carton_by_code
from app.services.packing.views import (
    build_view,
    expected_weight,
    interception_of,
    load_order,
    require_claim,
)
from app.services.printing import (
    check_format,
    current_shipment,
    enqueue,
    label_for,
    order_carrier,
    render,
    waybill_size,
)
from app.services.shipping import take_number

WEIGHT_MISMATCH_EVENT = "pack.weight_mismatch"
OVERRIDE_APPROVED_EVENT = "pack.override_approved"

__all__ = [
    "Override",
    "PackResult",
    "WeightCheck",
    "check_weight",
    "complete",
    "free_tote",
    "reprint",
    "void_and_regenerate",
]

SUPERVISOR_ROLES = ("supervisor", "admin")


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


@dataclass(frozen=True, slots=True)
class PackResult:
    tracking_no: str
    shipment_id: int
    print_job_id: int
    document: bytes
    fmt: str


def check_weight(expected_g: int, measured_g: int, pct: float, min_g: int) -> WeightCheck:
    """Within ``pct`` per cent of the expected weight, and never tighter than ``min_g``."""
    allowed = max(int(min_g), round(expected_g * pct / 100))
    diff = measured_g - expected_g
    return WeightCheck(abs(diff) <= allowed, diff, allowed)


def _kg(grams: int) -> str:
    return f"{grams / 1000:.3f} kg"


def _check_label_settings(fmt: str, size: str, zpl_cjk: str) -> None:
    """Refuse unknown label settings before anything is written."""
    check_format(fmt, zpl_cjk)
    waybill_size(size)


def _reason(reason: str, what: str) -> str:
    text = " ".join(reason.split())
    if not text:
        raise FloorError("reason_missing", f"say why the label is {what}", what=what)
    return text


def free_tote(session: Session, order_id: int) -> str | None:
    """Empty the tote that carried the order; returns its code."""
    t = table_of(Tote)
    row = session.execute(
        update(t)
        .where(t.c.order_id == order_id)
        .values(status="free", order_id=None, pick_task_id=None, version=t.c.version + 1)
        .returning(t.c.code)
    ).first()
    return row[0] if row else None


def _supervisor(session: Session, override: Override) -> tuple[User, str]:
    user = session.get(User, override.supervisor_id)
    if user is None or not user.active or user.role not in SUPERVISOR_ROLES:
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
    return user, _reason(override.reason, "let through with a different weight")


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
    return Override(approver, str(payload.get("reason") or "approved on the supervisor dashboard"))


def _record_mismatch(db: Database, actor: Actor, order_id: int, exc: FloorError) -> None:
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


def _check_weight(
    session: Session,
    order: Order,
    actor: Actor,
    weight_g: int | None,
    expected: int | None,
    pct: float,
    min_g: int,
    override: Override | None,
) -> None:
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


def _label_job(
    session: Session,
    order: Order,
    shipment: Shipment,
    actor: Actor,
    *,
    printer: str,
    fmt: str,
    size: str,
    zpl_cjk: str,
    reason: str = "",
) -> tuple[bytes, int]:
    document = render(label_for(session, order, shipment), fmt, size, zpl_cjk)
    job_id = enqueue(
        session,
        printer=printer,
        fmt=fmt,
        document=document,
        kind="shipping",
        order_id=order.id,
        shipment_id=shipment.id,
        reason=reason,
        actor=actor,
    )
    return document, job_id


def _new_shipment(
    session: Session, order: Order, actor: Actor, carrier: str, **fields: object
) -> Shipment:
    tracking_no, pool_id = take_number(session, carrier)
    shipment = Shipment(
        order_id=order.id,
        carrier=carrier,
        tracking_no=tracking_no,
        status="created",
        pool_id=pool_id,
        created_at=utcnow(),
        created_by=actor.user_id,
        station_id=actor.station_id,
        **fields,
    )
    session.add(shipment)
    session.flush()
    return shipment


def complete(
    db: Database,
    actor: Actor,
    order_id: int,
    *,
    weight_g: int | None,
    carton: str | None,
    printer: str,
    fmt: str,
    size: str,
    zpl_cjk: str = "graphic",
    weight_pct: float = 10.0,
    weight_min_g: int = 50,
    override: Override | None = None,
) -> PackResult:
    """Pack the order (see the module doc). ``weight_g`` None: the bench has no scale.
    ``carton`` None: the carton chosen by scan, else the suggested one."""
    _check_label_settings(fmt, size, zpl_cjk)
    if weight_g is not None and weight_g <= 0:
        raise FloorError(
            "bad_weight",
            f"the scale shows {weight_g} g: put the parcel on the scale",
            weight_g=weight_g,
        )
    try:
        with db.unit_of_work() as session:
            order = load_order(session, order_id, lock=True)
            require_claim(session, order, actor)
            stop = interception_of(session, order)
            if stop is not None:
                raise FloorError("intercepted", stop[1], order_no=order.order_no, reason=stop[0])
            if order.status != OrderStatus.PICKED.value:
                raise FloorError(
                    "not_packable",
                    f"order {order.order_no} is {order.status}, not picked: it cannot be packed",
                    order_no=order.order_no,
                    status=order.status,
                )
            view = build_view(session, order)
            if not view.complete:
                missing = ", ".join(
                    f"{ln.sku} ×{ln.remaining}" for ln in view.lines if ln.remaining
                )
                left = view.units_expected - view.units_scanned
                raise FloorError(
                    "not_verified",
                    f"{left} unit(s) still to scan: {missing}",
                    missing=missing,
                    units=left,
                )
            code = (carton or view.carton or view.suggested_carton or "").strip().upper() or None
            if code is not None:
                box = carton_by_code(session, code)
                if box is None or not box.active:
                    raise FloorError("carton_unknown", f"there is no carton {code}", carton=code)
            expected = expected_weight(session, order, code)
            _check_weight(
                session, order, actor, weight_g, expected, weight_pct, weight_min_g, override
            )
            carrier = order_carrier(order)
            shipment = _new_shipment(
                session,
                order,
                actor,
                carrier,
                weight_g=weight_g,
                expected_weight_g=expected,
                carton=code,
            )
            document, job_id = _label_job(
                session,
                order,
                shipment,
                actor,
                printer=printer,
                fmt=fmt,
                size=size,
                zpl_cjk=zpl_cjk,
            )
            tote = free_tote(session, order.id)
            order.pack_station_id = None
            order.pack_user_id = None
            order.pack_started_at = None
            order.carrier = order.carrier or carrier
            transition(
                session,
                order,
                OrderStatus.PACKED,
                actor,
                tracking_no=shipment.tracking_no,
                carrier=carrier,
                weight_g=weight_g,
            )
            record(
                session,
                "shipment",
                shipment.id,
                "label.created",
                {
                    "order_no": order.order_no,
                    "tracking_no": shipment.tracking_no,
                    "carrier": carrier,
                    "pool_id": shipment.pool_id,
                    "print_job": job_id,
                    "format": fmt,
                    "size": size,
                },
                actor,
            )
            record(
                session,
                "order",
                order.id,
                "pack.completed",
                {
                    "order_no": order.order_no,
                    "tracking_no": shipment.tracking_no,
                    "carton": code,
                    "weight_g": weight_g,
                    "expected_g": expected,
                    "tote": tote,
                },
                actor,
            )
            return PackResult(shipment.tracking_no, shipment.id, job_id, document, fmt)
    except FloorError as exc:
        if exc.code == "weight_mismatch":
            _record_mismatch(db, actor, order_id, exc)
        raise


def _labelled(session: Session, order_id: int) -> tuple[Order, Shipment]:
    order = load_order(session, order_id, lock=True)
    shipment = (
        current_shipment(session, order.id)
        if order.status in ("packed", "shipped", "completed")
        else None
    )
    if shipment is None:
        raise FloorError(
            "not_packed",
            f"order {order.order_no} has no shipping label: it is {order.status}, not packed",
            order_no=order.order_no,
            status=order.status,
        )
    return order, shipment


def reprint(
    db: Database,
    actor: Actor,
    order_id: int,
    reason: str,
    printer: str,
    fmt: str,
    size: str,
    *,
    zpl_cjk: str = "graphic",
) -> int:
    """Queue the current label again; returns the new print job's id."""
    text = _reason(reason, "printed again")
    _check_label_settings(fmt, size, zpl_cjk)
    with db.unit_of_work() as session:
        order, shipment = _labelled(session, order_id)
        _, job_id = _label_job(
            session,
            order,
            shipment,
            actor,
            printer=printer,
            fmt=fmt,
            size=size,
            zpl_cjk=zpl_cjk,
            reason=text,
        )
        record(
            session,
            "shipment",
            shipment.id,
            "label.reprinted",
            {
                "order_no": order.order_no,
                "tracking_no": shipment.tracking_no,
                "reason": text,
                "print_job": job_id,
            },
            actor,
        )
        return job_id


def _cancel_pending_jobs(session: Session, shipment_id: int, actor: Actor, reason: str) -> None:
    """A voided label still waiting for its printer must not come out."""
    t = table_of(PrintJob)
    rows = session.execute(
        update(t)
        .where(t.c.shipment_id == shipment_id, t.c.status.in_(("queued", "failed")))
        .values(status="cancelled", next_try_at=None, version=t.c.version + 1)
        .returning(t.c.id, t.c.printer)
    ).all()
    for job_id, printer in rows:
        record(
            session,
            "print_job",
            job_id,
            "print.cancelled",
            {
                "printer": printer,
                "reason": f"label voided: {reason}",
            },
            actor,
        )


def void_and_regenerate(
    db: Database,
    actor: Actor,
    order_id: int,
    reason: str,
    printer: str,
    fmt: str,
    size: str,
    *,
    zpl_cjk: str = "graphic",
) -> PackResult:
    """Void the current shipment (with the reason) and make a new number and label."""
    text = _reason(reason, "voided")
    _check_label_settings(fmt, size, zpl_cjk)
    with db.unit_of_work() as session:
        order, old = _labelled(session, order_id)
        if order.status != OrderStatus.PACKED.value:
            raise FloorError(
                "already_shipped",
                f"order {order.order_no} is {order.status}: its label went to the carrier and cannot be voided",
                order_no=order.order_no,
                status=order.status,
            )
        old.status = "voided"
        old.voided_at = utcnow()
        old.void_reason = text
        session.flush()
        _cancel_pending_jobs(session, old.id, actor, text)
        record(
            session,
            "shipment",
            old.id,
            "label.voided",
            {
                "order_no": order.order_no,
                "tracking_no": old.tracking_no,
                "reason": text,
            },
            actor,
        )
        new = _new_shipment(
            session,
            order,
            actor,
            old.carrier,
            weight_g=old.weight_g,
            expected_weight_g=old.expected_weight_g,
            carton=old.carton,
        )
        document, job_id = _label_job(
            session,
            order,
            new,
            actor,
            printer=printer,
            fmt=fmt,
            size=size,
            zpl_cjk=zpl_cjk,
            reason=text,
        )
        record(
            session,
            "shipment",
            new.id,
            "label.created",
            {
                "order_no": order.order_no,
                "tracking_no": new.tracking_no,
                "carrier": new.carrier,
                "pool_id": new.pool_id,
                "print_job": job_id,
                "replaces": old.tracking_no,
                "reason": text,
            },
            actor,
        )
        return PackResult(new.tracking_no, new.id, job_id, document, fmt)
