"""The shipment a packed order leaves with: a tracking number from the carrier's
pool, and its label rendered and queued for the station's printer. Shared by packing
(:mod:`app.services.packing.complete`) and by a new label for a packed order
(:mod:`app.services.packing.relabel`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from app.db.models import Order, Shipment, utcnow
from app.domain.floor_errors import FloorError
from app.services.audit import Actor, record
from app.services.printing import check_format, enqueue, label_for, render, waybill_size
from app.services.shipping import take_number


@dataclass(frozen=True, slots=True)
class PackResult:
    tracking_no: str
    shipment_id: int
    print_job_id: int
    document: bytes
    fmt: str


@dataclass(frozen=True, slots=True)
class LabelSpec:
    """Where and how a station prints its shipping labels."""

    printer: str
    fmt: str
    size: str
    zpl_cjk: str

    def check(self) -> None:
        """Refuse unknown label settings before anything is written."""
        check_format(self.fmt, self.zpl_cjk)
        waybill_size(self.size)


def reason_text(reason: str, what: str) -> str:
    """The reason with its blanks tidied; ``reason_missing`` when there is none."""
    text = " ".join(reason.split())
    if not text:
        raise FloorError("reason_missing", f"say why the label is {what}", what=what)
    return text


def label_job(
    session: Session,
    order: Order,
    shipment: Shipment,
    actor: Actor,
    spec: LabelSpec,
    reason: str = "",
) -> tuple[bytes, int]:
    """The shipment's label, rendered and queued: (document, print job id)."""
    document = render(label_for(session, order, shipment), spec.fmt, spec.size, spec.zpl_cjk)
    job_id = enqueue(
        session,
        printer=spec.printer,
        fmt=spec.fmt,
        document=document,
        kind="shipping",
        order_id=order.id,
        shipment_id=shipment.id,
        reason=reason,
        actor=actor,
    )
    return document, job_id


def new_shipment(
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


def labelled_shipment(
    session: Session,
    order: Order,
    actor: Actor,
    carrier: str,
    spec: LabelSpec,
    *,
    reason: str = "",
    **fields: object,
) -> tuple[Shipment, PackResult]:
    """A new shipment (``fields`` are its columns) with its label queued."""
    shipment = new_shipment(session, order, actor, carrier, **fields)
    document, job_id = label_job(session, order, shipment, actor, spec, reason)
    result = PackResult(
        tracking_no=shipment.tracking_no,
        shipment_id=shipment.id,
        print_job_id=job_id,
        document=document,
        fmt=spec.fmt,
    )
    return shipment, result


def record_label_created(
    session: Session, order: Order, shipment: Shipment, actor: Actor, job_id: int, **more: Any
) -> None:
    """The ``label.created`` event; ``more`` adds what the caller knows."""
    record(
        session,
        "shipment",
        shipment.id,
        "label.created",
        {
            "order_no": order.order_no,
            "tracking_no": shipment.tracking_no,
            "carrier": shipment.carrier,
            "pool_id": shipment.pool_id,
            "print_job": job_id,
            **more,
        },
        actor,
    )
