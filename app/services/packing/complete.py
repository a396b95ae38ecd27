"""Packing, the last step at the bench: weigh, take a tracking number, print the label.

:func:`complete` is ONE transaction: the order re-read under a lock, every unit
verified, the weight checked (or a supervisor's override recorded), the tracking
number taken from the carrier's pool, the shipment written, the label rendered and
queued for the printer, the order moved picked → packed, its tote freed and the
claim cleared. A refusal anywhere — a wrong weight, an empty pool, a printer
address that can never work — leaves everything as it was, the pool included.

:func:`reprint` queues the current label again (a reason is required);
:func:`void_and_regenerate` voids the current shipment and makes a new number and
label, for a label that must not be used (wrong carton, damaged, mis-scanned); both
live in :mod:`app.services.packing.relabel`, the weight's rules in
:mod:`app.services.packing.weighing`, the shipment and its label in
:mod:`app.services.packing.shipment`. This module re-exports them all.

Refusal codes: ``intercepted`` ``not_packable`` ``not_verified`` ``bad_weight``
``weight_mismatch`` ``not_supervisor`` ``reason_missing`` ``carton_unknown``
``not_packed`` ``already_shipped`` plus those of the pool (``pool_empty``), the
label (``label_format_unknown`` …) and the print queue (``print_…``).
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Tote, table_of
from app.domain.floor_errors import FloorError
from app.domain.status import OrderStatus
from app.services.audit import Actor, record, transition
from app.services.packing.cartons import carton_by_code
from app.services.packing.relabel import reprint, void_and_regenerate
from app.services.packing.shipment import (
    LabelSpec,
    PackResult,
    labelled_shipment,
    record_label_created,
)
from app.services.packing.views import (
    build_view,
    expected_weight,
    interception_of,
    load_order,
    require_claim,
)
from app.services.packing.weighing import (
    OVERRIDE_APPROVED_EVENT,
    WEIGHT_MISMATCH_EVENT,
    Override,
    WeightCheck,
    check_weight,
    record_mismatch,
    require_weight,
)
from app.services.printing import order_carrier

__all__ = [
    "OVERRIDE_APPROVED_EVENT",
    "WEIGHT_MISMATCH_EVENT",
    "Override",
    "PackResult",
    "WeightCheck",
    "check_weight",
    "complete",
    "free_tote",
    "reprint",
    "void_and_regenerate",
]


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
    spec = LabelSpec(printer=printer, fmt=fmt, size=size, zpl_cjk=zpl_cjk)
    spec.check()
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
            require_weight(
                session, order, actor, weight_g, expected, weight_pct, weight_min_g, override
            )
            carrier = order_carrier(order)
            shipment, result = labelled_shipment(
                session,
                order,
                actor,
                carrier,
                spec,
                weight_g=weight_g,
                expected_weight_g=expected,
                carton=code,
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
            record_label_created(
                session, order, shipment, actor, result.print_job_id, format=fmt, size=size
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
            return result
    except FloorError as exc:
        if exc.code == "weight_mismatch":
            record_mismatch(db, actor, order_id, exc)
        raise
