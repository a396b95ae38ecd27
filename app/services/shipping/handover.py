"""Hand-over (交接): the shipper scans each parcel's waybill as the carrier takes it.

One scan moves the order packed → shipped and the shipment created → shipped, in one
transaction with its event. A voided label, a parcel of another carrier than the
one being loaded, or an order cancelled after packing (an interception that reached
the dock) is refused with what to do; scanning the same parcel twice says so and
changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import Order, Shipment, utcnow
from app.domain.floor_errors import FloorError
from app.domain.status import OrderStatus
from app.services.audit import Actor, transition


@dataclass(frozen=True, slots=True)
class HandOver:
    tracking_no: str
    order_no: str
    carrier: str
    shipped_at: datetime
    already: bool  # this parcel had been handed over before
    carrier_count: int  # parcels of this carrier handed over (since ``since``, if given)


def hand_over(
    db: Database,
    actor: Actor,
    tracking_no: str,
    *,
    carrier: str | None = None,
    since: datetime | None = None,
) -> HandOver:
    """Hand the parcel with ``tracking_no`` to the carrier; ``carrier`` is the truck
    being loaded (None: any)."""
    number = tracking_no.strip().upper()
    with db.unit_of_work() as session:
        shipment = session.scalars(
            select(Shipment).where(Shipment.tracking_no == number).with_for_update()
        ).one_or_none()
        if shipment is None:
            raise FloorError(
                "unknown_tracking", f"no parcel has the waybill {number}", tracking_no=number
            )
        order = session.get(Order, shipment.order_id)
        assert order is not None
        if shipment.status == "voided":
            raise FloorError(
                "label_voided",
                f"waybill {number} was voided: take the parcel back to packing for its new label",
                tracking_no=number,
                order_no=order.order_no,
            )
        if carrier and shipment.carrier != carrier:
            raise FloorError(
                "wrong_carrier",
                f"waybill {number} is {shipment.carrier}, this truck is {carrier}: put it aside",
                tracking_no=number,
                carrier=shipment.carrier,
                loading=carrier,
            )
        already = shipment.status == "shipped"
        if not already:
            if order.status == OrderStatus.CANCELLED or order.interception:
                raise FloorError(
                    "intercepted",
                    f"order {order.order_no} was cancelled after packing: do not ship, take the parcel to returns",
                    tracking_no=number,
                    order_no=order.order_no,
                )
            transition(
                session,
                order,
                OrderStatus.SHIPPED,
                actor,
                tracking_no=number,
                carrier=shipment.carrier,
            )
            shipment.status = "shipped"
        shipped_at = order.updated_at if already else utcnow()
        count_query = (
            select(func.count())
            .select_from(Shipment)
            .where(Shipment.status == "shipped", Shipment.carrier == shipment.carrier)
        )
        if since is not None:
            count_query = count_query.join(Order, Order.id == Shipment.order_id).where(
                Order.updated_at >= since
            )
        count = session.scalar(count_query) or 0
        return HandOver(number, order.order_no, shipment.carrier, shipped_at, already, int(count))
