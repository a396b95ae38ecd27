"""Packing (复核/打包) at a pack bench: open an order, verify every unit by scan,
choose the carton, weigh, print the label.

How an order is opened (:func:`open_order`): its tote, its number, or — for
single-unit orders (单品) — the item itself: the oldest picked order of a
``single`` wave in the station's warehouse that is one unit of that product, and
that scan already counts as its verification. Opening claims the order for the
station (``pack_station_id`` set by a guarded UPDATE, with the version), so two
benches never pack the same order: the second is told who has it. The same bench
opening it again resumes with the scans so far.

An order cancelled, changed by the platform or put on hold after picking is
intercepted (拦截): the view says why and what to do with the items, every
verify scan re-checks it, and :func:`confirm_interception` records that the
packer stopped it.

Every function opens its own unit of work, takes the database and the actor, and
returns frozen dataclasses; refusals are FloorError with a stable code:
``no_station`` ``not_an_order`` ``tote_unknown`` ``tote_empty`` ``order_unknown``
``order_ambiguous`` ``wrong_warehouse`` ``not_picked`` ``order_taken`` ``stale``
``product_unknown`` ``no_single_order`` ``case_on_single`` ``order_not_open``
``carton_unknown`` ``not_intercepted`` — and those of :mod:`packing_complete`.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import (
    Carton,
    Order,
    OrderLine,
    Product,
    ScanRecord,
    Station,
    Store,
    Tote,
    Wave,
    table_of,
    utcnow,
)
from app.domain import scan as sc
from app.domain.floor_errors import FloorError
from app.domain.item_codes import barcodes_of
from app.domain.packing_rules import Refusal, counted, item_codes, scan_text, too_many, units_of
from app.services.audit import Actor, record
from app.services.orders import find_order
from app.services.packing.complete import (
    Override,
    PackResult,
    WeightCheck,
    check_weight,
    complete,
    free_tote,
    reprint,
    void_and_regenerate,
)
from app.services.packing.views import (
    CARTON_REASON,
    LineCheck,
    PackOutcome,
    PackView,
    build_view,
    find_barcode,
    interception_of,
    load_order,
    require_claim,
    scanned_by_product,
    station_of,
    taken_error,
)

__all__ = [
    "LineCheck",
    "Override",
    "PackOutcome",
    "PackResult",
    "PackView",
    "WeightCheck",
    "check_weight",
    "choose_carton",
    "complete",
    "confirm_interception",
    "current_view",
    "open_order",
    "release_order",
    "reprint",
    "verify",
    "void_and_regenerate",
]

LABELLED = ("packed", "shipped", "completed")


def _record_scan(
    session: Session,
    actor: Actor,
    scan_id: str,
    code: str,
    ok: bool,
    reason: str,
    order_id: int | None,
    product_id: int | None = None,
    qty: int = 0,
) -> None:
    session.execute(
        insert(ScanRecord).values(
            id=scan_id,
            at=utcnow(),
            user_id=actor.user_id,
            station_id=actor.station_id,
            task="pack",
            code=code[:128],
            result="ok" if ok else "refused",
            reason=reason[:64],
            order_id=order_id,
            product_id=product_id,
            qty=qty,
        )
    )


# ------------------------------------------------------------------------ opening


def _by_tote(session: Session, code: str) -> tuple[Order, Tote]:
    tote = session.scalar(select(Tote).where(Tote.code == code.upper()))
    if tote is None:
        raise FloorError("tote_unknown", f"there is no tote {code}", tote=code)
    if tote.order_id is None or tote.status not in ("picked", "packing"):
        raise FloorError(
            "tote_empty",
            f"tote {tote.code} carries no picked order to pack (it is {tote.status})",
            tote=tote.code,
            status=tote.status,
        )
    return load_order(session, tote.order_id), tote


def _by_number(session: Session, number: str, station: Station) -> Order:
    try:
        return find_order(session, number)
    except FloorError as exc:
        if exc.code != "order_ambiguous":
            raise
        # Two stores may use the same number: the one in this warehouse is meant.
        here = list(
            session.scalars(
                select(Order).where(
                    Order.order_no.in_({number, number.removeprefix("#")}),
                    Order.warehouse_id == station.warehouse_id,
                )
            )
        )
        if len(here) == 1:
            return here[0]
        raise


def _single_unit(session: Session, meaning: sc.Scan, station: Station) -> tuple[Order, int, str]:
    wanted = barcodes_of(meaning)
    assert wanted is not None
    codes, shown = wanted
    bc = find_barcode(session, codes, shown) if codes else None
    if bc is None:
        shown = shown or scan_text(meaning)
        raise FloorError(
            "product_unknown", f"barcode {shown} is not a product we know", barcode=shown
        )
    product = session.get(Product, bc.product_id)
    assert product is not None
    if bc.kind == "case" and bc.pack_qty != 1:
        raise FloorError(
            "case_on_single",
            f"that is a case of {bc.pack_qty} {product.sku}: scan one item",
            sku=product.sku,
            pack_qty=bc.pack_qty,
        )
    one_unit = (
        select(OrderLine.order_id)
        .group_by(OrderLine.order_id)
        .having(
            func.count() == 1,
            func.sum(OrderLine.qty) == 1,
            func.max(OrderLine.product_id) == product.id,
        )
    )
    query = (
        select(Order)
        .join(Wave, Wave.id == Order.wave_id)
        .where(
            Wave.kind == "single",
            Order.status == "picked",
            Order.warehouse_id == station.warehouse_id,
            or_(Order.pack_station_id.is_(None), Order.pack_station_id == station.id),
            Order.id.in_(one_unit),
        )
        # Orders in the way of nothing first; an intercepted one only when nothing else is left.
        .order_by(Order.interception.is_not(None), Order.placed_at, Order.id)
        .limit(1)
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(of=Order, skip_locked=True)
    order = session.scalars(query).first()
    if order is None:
        raise FloorError(
            "no_single_order",
            f"no single-unit order is waiting for {product.sku} {product.name_zh} in this warehouse",
            sku=product.sku,
        )
    return order, product.id, shown


def _claim(session: Session, order: Order, station: Station, actor: Actor) -> bool:
    """Claim ``order`` for the station; True when newly claimed, False when resumed."""
    if order.pack_station_id not in (None, station.id):
        raise taken_error(session, order)
    t = table_of(Order)
    resumed = order.pack_station_id == station.id
    values: dict[str, object] = {
        "pack_station_id": station.id,
        "pack_user_id": actor.user_id,
        "version": t.c.version + 1,
    }
    if not resumed:
        values["pack_started_at"] = utcnow()
    done = (
        session.connection()
        .execute(
            update(t)
            .where(
                t.c.id == order.id,
                t.c.version == order.version,
                or_(t.c.pack_station_id.is_(None), t.c.pack_station_id == station.id),
            )
            .values(**values)
        )
        .rowcount
    )
    if done != 1:
        fresh = load_order(session, order.id)
        if fresh.pack_station_id not in (None, station.id):
            raise taken_error(session, fresh)
        raise FloorError(
            "stale",
            f"order {order.order_no} changed meanwhile: scan it again",
            order_no=order.order_no,
        )
    return not resumed


def open_order(db: Database, actor: Actor, meaning: sc.Scan, scan_id: str) -> PackView:
    """Open the order a tote, an order number or (single-unit) an item scan names."""
    with db.unit_of_work() as session:
        station = station_of(session, actor)
        prior = session.get(ScanRecord, scan_id)
        if prior is not None and prior.order_id is not None:
            return build_view(session, load_order(session, prior.order_id))
        product_id: int | None = None
        tote: Tote | None = None
        via = meaning.kind
        if isinstance(meaning, sc.Tote):
            order, tote = _by_tote(session, meaning.code)
        elif isinstance(meaning, sc.Order):
            order = _by_number(session, meaning.order_no, station)
        elif isinstance(meaning, sc.Product | sc.Gs1):
            order, product_id, _ = _single_unit(session, meaning, station)
        else:
            raise FloorError(
                "not_an_order",
                "scan a tote, an order number or, for a single-unit order, the item",
                kind=meaning.kind,
            )
        if order.status in LABELLED:
            return build_view(session, order)
        if station.warehouse_id is not None and order.warehouse_id not in (
            None,
            station.warehouse_id,
        ):
            raise FloorError(
                "wrong_warehouse",
                f"order {order.order_no} ships from another warehouse, not from this one",
                order_no=order.order_no,
            )
        stop = interception_of(session, order)
        if stop is None and order.status != "picked":
            raise FloorError(
                "not_picked",
                f"order {order.order_no} is not picked yet (it is {order.status})",
                order_no=order.order_no,
                status=order.status,
            )
        fresh = _claim(session, order, station, actor)
        if tote is None:
            tote = session.scalar(select(Tote).where(Tote.order_id == order.id).limit(1))
        if tote is not None and tote.status == "picked":
            t = table_of(Tote)
            session.execute(
                update(t).where(t.c.id == tote.id).values(status="packing", version=t.c.version + 1)
            )
        _record_scan(
            session,
            actor,
            scan_id,
            scan_text(meaning),
            True,
            "item" if product_id else "open",
            order.id,
            product_id,
            1 if product_id else 0,
        )
        if fresh:
            record(
                session,
                "order",
                order.id,
                "pack.opened",
                {
                    "order_no": order.order_no,
                    "via": via,
                    "tote": tote.code if tote else None,
                    "station": station.name,
                },
                actor,
            )
        return build_view(session, load_order(session, order.id))


def current_view(db: Database, actor: Actor, order_id: int) -> PackView:
    """The order as the bench shows it now (nothing is changed)."""
    with db.read() as session:
        return build_view(session, load_order(session, order_id))


# ------------------------------------------------------------------------ verifying


def verify(
    db: Database, actor: Actor, order_id: int, meaning: sc.Scan, scan_id: str, qty: int = 1
) -> PackOutcome:
    """Count one scanned item (or case, or ``qty`` of them) into the order; a refused
    scan is recorded and counts nothing. Replaying a scan id changes nothing."""
    with db.unit_of_work() as session:
        prior = session.get(ScanRecord, scan_id)
        if prior is not None:
            order = load_order(session, prior.order_id or order_id)
            return PackOutcome(
                prior.result == "ok",
                "replayed",
                "this scan was counted already",
                build_view(session, order),
                {"scanned": prior.code},
            )
        order = load_order(session, order_id, lock=True)
        require_claim(session, order, actor)
        text = scan_text(meaning)

        def refuse(
            code: str, message: str, product_id: int | None = None, **params: Any
        ) -> PackOutcome:
            _record_scan(session, actor, scan_id, text, False, code, order.id, product_id)
            return PackOutcome(
                False, code, message, build_view(session, order), {"scanned": text, **params}
            )

        stop = interception_of(session, order)
        wanted = item_codes(
            order.order_no, order.status, stop[1] if stop is not None else None, meaning, qty
        )
        if isinstance(wanted, Refusal):
            return refuse(wanted.code, wanted.message, **wanted.params)
        codes, shown = wanted
        bc = find_barcode(session, codes, shown)
        if bc is None:
            return refuse(
                "unknown_barcode", f"barcode {shown} is not a product we know", barcode=shown
            )
        product = session.get(Product, bc.product_id)
        assert product is not None
        expected = sum(ln.qty for ln in order.lines if ln.product_id == product.id)
        if expected == 0:
            return refuse(
                "not_in_order",
                f"{product.sku} {product.name_zh} is not in this order",
                product.id,
                sku=product.sku,
                name_zh=product.name_zh,
                name_en=product.name_en,
            )
        done = scanned_by_product(session, order.id).get(product.id, 0)
        units = units_of(bc.kind, bc.pack_qty, qty)
        over = too_many(product.sku, expected, done, units)
        if over is not None:
            return refuse(over.code, over.message, product.id, **over.params)
        _record_scan(session, actor, scan_id, text, True, "", order.id, product.id, units)
        message, params = counted(
            product.sku, product.name_zh, product.name_en, expected, done, units
        )
        return PackOutcome(True, "ok", message, build_view(session, order), params)


def choose_carton(db: Database, actor: Actor, order_id: int, code: str) -> PackView:
    """The packer scanned (or picked) a carton for the order."""
    code = code.strip().upper()
    with db.unit_of_work() as session:
        order = load_order(session, order_id, lock=True)
        require_claim(session, order, actor)
        active = session.scalar(select(Carton.active).where(Carton.code == code))
        if not active:
            raise FloorError("carton_unknown", f"there is no carton {code}", carton=code)
        _record_scan(session, actor, str(uuid.uuid4()), code, True, CARTON_REASON, order.id)
        record(
            session,
            "order",
            order.id,
            "pack.carton_chosen",
            {"order_no": order.order_no, "carton": code},
            actor,
        )
        return build_view(session, order)


# ------------------------------------------------------------------------ letting go


def release_order(db: Database, actor: Actor, order_id: int) -> None:
    """Give the order back unpacked; its scans are kept for whoever opens it next."""
    with db.unit_of_work() as session:
        order = load_order(session, order_id, lock=True)
        if order.pack_station_id is None:
            return
        require_claim(session, order, actor)
        t = table_of(Tote)
        session.execute(
            update(t)
            .where(t.c.order_id == order.id, t.c.status == "packing")
            .values(status="picked", version=t.c.version + 1)
        )
        units = sum(scanned_by_product(session, order.id).values())
        order.pack_station_id = None
        order.pack_user_id = None
        order.pack_started_at = None
        session.flush()
        record(
            session,
            "order",
            order.id,
            "pack.released",
            {"order_no": order.order_no, "units_scanned": units},
            actor,
        )


def confirm_interception(db: Database, actor: Actor, order_id: int) -> None:
    """The packer stopped an intercepted order and put its items aside for restocking."""
    with db.unit_of_work() as session:
        order = load_order(session, order_id, lock=True)
        if order.pack_station_id is not None:
            require_claim(session, order, actor)
        stop = interception_of(session, order)
        if stop is None:
            raise FloorError(
                "not_intercepted",
                f"order {order.order_no} is not stopped: there is nothing to confirm",
                order_no=order.order_no,
            )
        units = sum(scanned_by_product(session, order.id).values())
        tote = free_tote(session, order.id)
        order.pack_station_id = None
        order.pack_user_id = None
        order.pack_started_at = None
        session.flush()
        store = session.scalar(select(Store.name).where(Store.id == order.store_id))
        record(
            session,
            "order",
            order.id,
            "pack.intercepted",
            {
                "order_no": order.order_no,
                "store": store,
                "code": stop[0],
                "reason": stop[1],
                "units_scanned": units,
                "tote": tote,
            },
            actor,
        )
