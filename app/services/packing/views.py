"""Packing (复核/打包): what the pack bench shows of one order, and the checks every
packing step shares (claim, interception, barcodes).

Scanned counts are not stored on the order: they are the sum of the order's
accepted pack scans (:class:`~app.db.models.ScanRecord`, ``task="pack"``), so a
station that crashed mid-verify, or another station the order was handed to,
carries on where the last accepted scan left it. The carton a packer chose is a
pack scan too (``reason="carton"``, no product).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models import (
    Carton,
    Order,
    OrderHold,
    Product,
    ProductBarcode,
    ScanRecord,
    Station,
    Store,
    Tote,
    User,
)
from app.domain.floor_errors import FloorError
from app.services.audit import Actor
from app.services.packing.cartons import suggest_carton
from app.services.printing import current_shipment, order_carrier

__all__ = [
    "INTERCEPT_ACTION",
    "LineCheck",
    "PackOutcome",
    "PackView",
    "build_view",
    "interception_of",
    "load_order",
    "require_claim",
    "station_of",
]

INTERCEPT_ACTION = (
    "Do not pack this order: put all its items in the returns tote, they go back to stock"
)
CARTON_REASON = "carton"


@dataclass(frozen=True, slots=True)
class LineCheck:
    line_no: int
    sku: str
    name_zh: str
    name_en: str
    expected: int
    scanned: int
    barcodes: tuple[str, ...]
    product_id: int | None

    @property
    def complete(self) -> bool:
        return self.scanned >= self.expected

    @property
    def remaining(self) -> int:
        return max(0, self.expected - self.scanned)


@dataclass(frozen=True, slots=True)
class PackView:
    """One order at the pack bench. ``interception_code`` is ``cancelled``, ``changed``
    (the platform changed it after picking) or ``hold`` when ``intercepted``."""

    order_id: int
    order_no: str
    store: str
    carrier: str
    status: str
    lines: tuple[LineCheck, ...]
    complete: bool
    expected_weight_g: int | None
    suggested_carton: str | None
    carton: str | None
    intercepted: bool
    interception_code: str
    interception_reason: str
    interception_action: str
    tote_code: str | None
    version: int
    tracking_no: str | None = None  # the current label's number once packed
    station_id: int | None = None  # the station packing it
    interception_detail: str = ""  # the platform's or the hold's own words

    @property
    def units_expected(self) -> int:
        return sum(ln.expected for ln in self.lines)

    @property
    def units_scanned(self) -> int:
        return sum(min(ln.scanned, ln.expected) for ln in self.lines)


@dataclass(frozen=True, slots=True)
class PackOutcome:
    """What one verify scan did: ``accepted`` and a ``code`` (``ok``, ``replayed``,
    ``not_in_order``, ``too_many``, ``unknown_barcode``, ``no_gtin``, ``not_a_product``,
    ``bad_qty``, ``intercepted``, ``not_packable``) with an English ``message``."""

    accepted: bool
    code: str
    message: str
    view: PackView
    params: dict[str, Any] = field(default_factory=dict)  # for the station's translation


# ------------------------------------------------------------------------ lookups


def station_of(session: Session, actor: Actor) -> Station:
    station = session.get(Station, actor.station_id) if actor.station_id is not None else None
    if station is None:
        raise FloorError(
            "no_station", "packing needs a registered station: start wavedesk with --station"
        )
    return station


def load_order(session: Session, order_id: int, *, lock: bool = False) -> Order:
    order = session.get(Order, order_id, with_for_update=lock or None, populate_existing=True)
    if order is None:
        raise FloorError(
            "order_unknown", f"there is no order with id {order_id}", order_id=order_id
        )
    return order


def holder_text(session: Session, order: Order) -> str:
    station = session.get(Station, order.pack_station_id) if order.pack_station_id else None
    user = session.get(User, order.pack_user_id) if order.pack_user_id else None
    where = station.name if station else f"station {order.pack_station_id}"
    return f"order {order.order_no} is being packed at {where}" + (
        f" by {user.name}" if user else ""
    )


def taken_error(session: Session, order: Order) -> FloorError:
    station = session.get(Station, order.pack_station_id) if order.pack_station_id else None
    user = session.get(User, order.pack_user_id) if order.pack_user_id else None
    return FloorError(
        "order_taken",
        holder_text(session, order),
        order_no=order.order_no,
        station=station.name if station else "",
        user=user.name if user else "",
    )


def require_claim(session: Session, order: Order, actor: Actor) -> None:
    """The actor's station must be the one packing ``order``."""
    if order.pack_station_id == actor.station_id and actor.station_id is not None:
        return
    if order.pack_station_id is not None:
        raise taken_error(session, order)
    raise FloorError(
        "order_not_open",
        f"order {order.order_no} is not open at this station: scan its tote or number first",
        order_no=order.order_no,
    )


def interception_of(session: Session, order: Order) -> tuple[str, str, str] | None:
    """(code, reason, detail) when the order must be stopped at the bench, else None;
    ``detail`` is what the platform or the hold said, as it said it."""
    if order.status == "cancelled" or order.platform_cancelled:
        why = f": {order.interception}" if order.interception else ""
        return "cancelled", f"order {order.order_no} was cancelled{why}", order.interception or ""
    if order.interception:
        return (
            "changed",
            f"order {order.order_no} was changed after picking: {order.interception}",
            order.interception,
        )
    holds = list(
        session.scalars(
            select(OrderHold)
            .where(OrderHold.order_id == order.id, OrderHold.released_at.is_(None))
            .order_by(OrderHold.id)
        )
    )
    if holds:
        text = "; ".join(f"{h.code}" + (f" ({h.detail})" if h.detail else "") for h in holds)
        return "hold", f"order {order.order_no} is on hold: {text}", text
    return None


def find_barcode(session: Session, wanted: set[str], shown: str) -> ProductBarcode | None:
    rows = list(
        session.scalars(select(ProductBarcode).where(ProductBarcode.barcode.in_(sorted(wanted))))
    )
    exact = [r for r in rows if r.barcode == shown]
    best = exact or rows
    return best[0] if best else None


def scanned_by_product(session: Session, order_id: int) -> dict[int, int]:
    rows = session.execute(
        select(ScanRecord.product_id, func.sum(ScanRecord.qty))
        .where(
            ScanRecord.order_id == order_id,
            ScanRecord.task == "pack",
            ScanRecord.result == "ok",
            ScanRecord.product_id.is_not(None),
        )
        .group_by(ScanRecord.product_id)
    ).all()
    return {pid: int(total or 0) for pid, total in rows if pid is not None}


def chosen_carton(session: Session, order_id: int) -> str | None:
    return session.scalars(
        select(ScanRecord.code)
        .where(
            ScanRecord.order_id == order_id,
            ScanRecord.task == "pack",
            ScanRecord.result == "ok",
            ScanRecord.reason == CARTON_REASON,
        )
        .order_by(ScanRecord.at.desc())
        .limit(1)
    ).first()


def line_checks(session: Session, order: Order) -> tuple[LineCheck, ...]:
    """The lines with their scanned units: a product's scans fill its lines in order."""
    ids = {ln.product_id for ln in order.lines if ln.product_id is not None}
    products = (
        {p.id: p for p in session.scalars(select(Product).where(Product.id.in_(ids)))}
        if ids
        else {}
    )
    barcodes: dict[int, list[str]] = defaultdict(list)
    if ids:
        for pid, code in session.execute(
            select(ProductBarcode.product_id, ProductBarcode.barcode)
            .where(ProductBarcode.product_id.in_(ids))
            .order_by(ProductBarcode.id)
        ):
            barcodes[pid].append(code)
    left = scanned_by_product(session, order.id)
    out = []
    for ln in order.lines:
        p = products.get(ln.product_id) if ln.product_id is not None else None
        got = 0
        if ln.product_id is not None:
            got = min(ln.qty, left.get(ln.product_id, 0))
            left[ln.product_id] = left.get(ln.product_id, 0) - got
        out.append(
            LineCheck(
                line_no=ln.line_no,
                sku=ln.sku,
                name_zh=p.name_zh if p else ln.name,
                name_en=p.name_en if p else ln.name,
                expected=ln.qty,
                scanned=got,
                barcodes=tuple(barcodes.get(ln.product_id, ())) if ln.product_id else (),
                product_id=ln.product_id,
            )
        )
    return tuple(out)


def expected_weight(session: Session, order: Order, carton: str | None) -> int | None:
    """Items plus the carton, in grams; None when a product has no weight."""
    needed: list[tuple[int, int]] = []  # (product id, quantity) of each line
    for ln in order.lines:
        if ln.product_id is None:
            return None
        needed.append((ln.product_id, ln.qty))
    ids = {pid for pid, _ in needed}
    weights = dict(
        session.execute(select(Product.id, Product.weight_g).where(Product.id.in_(ids))).all()
    )
    total = 0
    for pid, qty in needed:
        w = weights.get(pid)
        if w is None:
            return None
        total += w * qty
    if carton:
        tare = session.scalar(select(Carton.tare_g).where(Carton.code == carton))
        total += tare or 0
    return total


def build_view(session: Session, order: Order) -> PackView:
    lines = line_checks(session, order)
    stop = interception_of(session, order)
    suggested = suggest_carton(session, [(ln.product_id, ln.qty) for ln in order.lines])
    chosen = chosen_carton(session, order.id)
    weighed_in = chosen or (suggested.code if suggested else None)
    tote = session.scalar(
        select(Tote.code).where(Tote.order_id == order.id).order_by(Tote.id).limit(1)
    )
    shipment = (
        current_shipment(session, order.id)
        if order.status in ("packed", "shipped", "completed")
        else None
    )
    store = session.scalar(select(Store.name).where(Store.id == order.store_id)) or ""
    return PackView(
        order_id=order.id,
        order_no=order.order_no,
        store=store,
        carrier=order_carrier(order),
        status=order.status,
        lines=lines,
        complete=all(ln.complete for ln in lines),
        expected_weight_g=expected_weight(session, order, weighed_in),
        suggested_carton=suggested.code if suggested else None,
        carton=chosen,
        intercepted=stop is not None,
        interception_code=stop[0] if stop else "",
        interception_reason=stop[1] if stop else "",
        interception_action=INTERCEPT_ACTION if stop else "",
        tote_code=tote,
        version=order.version,
        tracking_no=shipment.tracking_no if shipment else None,
        station_id=order.pack_station_id,
        interception_detail=stop[2] if stop else "",
    )
