"""Another label for a packed order, always with a reason.

:func:`reprint` queues the current label again; :func:`void_and_regenerate` voids
the current shipment and makes a new number and label, for a label that must not be
used (wrong carton, damaged, mis-scanned). A voided label still waiting for its
printer is cancelled, so it never comes out.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import update
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Order, PrintJob, Shipment, table_of, utcnow
from app.domain.floor_errors import FloorError
from app.domain.status import OrderStatus
from app.services.audit import Actor, record
from app.services.packing.shipment import (
    LabelSpec,
    PackResult,
    label_job,
    labelled_shipment,
    reason_text,
    record_label_created,
)
from app.services.packing.views import load_order
from app.services.printing import labelled_shipment as shipment_with_label


def _labelled(session: Session, order_id: int) -> tuple[Order, Shipment]:
    order = load_order(session, order_id, lock=True)
    return order, shipment_with_label(session, order)


@contextmanager
def _relabelling(
    db: Database, order_id: int, reason: str, what: str, spec: LabelSpec
) -> Iterator[tuple[Session, Order, Shipment, str]]:
    """The reason and the label settings checked before anything is read, then the
    order (locked) and its current shipment in one unit of work; yields those with
    the tidied reason."""
    text = reason_text(reason, what)
    spec.check()
    with db.unit_of_work() as session:
        order, shipment = _labelled(session, order_id)
        yield session, order, shipment, text


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
    spec = LabelSpec(printer=printer, fmt=fmt, size=size, zpl_cjk=zpl_cjk)
    with _relabelling(db, order_id, reason, "printed again", spec) as (
        session,
        order,
        shipment,
        text,
    ):
        _, job_id = label_job(session, order, shipment, actor, spec, reason=text)
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
    spec = LabelSpec(printer=printer, fmt=fmt, size=size, zpl_cjk=zpl_cjk)
    with _relabelling(db, order_id, reason, "voided", spec) as (session, order, old, text):
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
        new, result = labelled_shipment(
            session,
            order,
            actor,
            old.carrier,
            spec,
            reason=text,
            weight_g=old.weight_g,
            expected_weight_g=old.expected_weight_g,
            carton=old.carton,
        )
        record_label_created(
            session,
            order,
            new,
            actor,
            result.print_job_id,
            replaces=old.tracking_no,
            reason=text,
        )
        return result
