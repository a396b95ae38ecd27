"""Building waves (波次): allocated orders → waves → pick tasks, routed and ready to claim.

Orders of one warehouse are grouped by carrier and cut-off, then split by pick mode:

* single-unit orders (单品, one line of one unit) go into a ``single`` wave: their
  units are picked in bulk, SKU group by SKU group, and packed by scanning the item;
  the SKU groups are batched onto bulk pick lists by walking distance;
* multi-item orders go into a ``multi`` wave: batched into carts of K totes, one order
  per tote (pick-and-sort, 边拣边分), or picked in bulk and sorted at a put wall
  (pick-then-sort, 先拣后分) with a wall slot per order.

Every pick task is routed with the exact ``optimal`` method and written as pick lines
in visiting order. ``dry_run`` returns the same plan without writing anything.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Location, Order, Product, Reservation, Warehouse
from app.db.records import RowReader
from app.domain.carriers import carrier_for
from app.domain.status import OrderStatus
from app.services.audit import SYSTEM, Actor
from app.services.waves.planning import (
    OrderToWave,
    by_cutoff,
    cutoff_at,
    layout_of,
    next_cutoff,
    plan_waves,
)
from app.services.waves.plans import (
    BuildResult,
    StopPlan,
    TaskPlan,
    WaveError,
    WaveOptions,
    WavePlan,
    wave_json,
)
from app.services.waves.writing import write_waves

__all__ = [
    "BuildResult",
    "StopPlan",
    "TaskPlan",
    "WaveError",
    "WaveOptions",
    "WavePlan",
    "build_waves",
    "cutoff_at",
    "next_cutoff",
    "plan_waves",
    "wave_json",
]

S = OrderStatus


# An order's reservations as the stops of its pick, labelled by StopPlan's fields.
_STOPS = (
    select(
        Location.code.label("location"),
        Location.id.label("location_id"),
        Location.aisle.label("aisle"),
        Location.y.label("y"),
        Product.sku.label("sku"),
        Product.id.label("product_id"),
        Reservation.order_id.label("order_id"),
        Reservation.id.label("reservation_id"),
        Reservation.qty.label("qty"),
    )
    .select_from(Reservation)
    .join(Location, Location.id == Reservation.location_id)
    .join(Product, Product.id == Reservation.product_id)
)
_stop = RowReader(StopPlan, _STOPS, given=("order_no", "slot"))


def _load(session: Session, warehouse: Warehouse, options: WaveOptions) -> list[OrderToWave]:
    rows = session.execute(
        select(
            Order.id.label("id"),
            Order.order_no.label("order_no"),
            Order.carrier.label("carrier"),
            Order.shipping_method.label("shipping_method"),
            Order.placed_at.label("placed_at"),
        )
        .where(
            Order.warehouse_id == warehouse.id,
            Order.status == S.ALLOCATED.value,
            Order.wave_id.is_(None),
            Order.is_split.is_(False),
        )
        .order_by(Order.placed_at, Order.id)
        .with_for_update(skip_locked=True, of=Order)
    ).all()
    orders: dict[int, OrderToWave] = {}
    for row in rows:
        carrier = carrier_for(row.shipping_method, row.carrier)
        if options.carrier and carrier != options.carrier.upper():
            continue
        orders[row.id] = OrderToWave(
            id=row.id, order_no=row.order_no, carrier=carrier, placed_at=row.placed_at, stops=[]
        )
    ids = list(orders)
    for i in range(0, len(ids), 500):
        for stop in session.execute(
            _STOPS.where(Reservation.order_id.in_(ids[i : i + 500])).order_by(Reservation.id)
        ):
            order = orders[stop.order_id]
            order.stops.append(_stop(stop, order_no=order.order_no, slot=None))
    return [o for o in orders.values() if o.stops]


def build_waves(
    db: Database,
    options: WaveOptions,
    actor: Actor = SYSTEM,
    log: Callable[[str], None] | None = None,
) -> BuildResult:
    if options.sort_mode not in ("pick_and_sort", "pick_then_sort"):
        raise WaveError(
            f"sort mode must be pick_and_sort or pick_then_sort, not {options.sort_mode!r}"
        )
    if options.cart_totes < 1 or options.max_orders < 1:
        raise WaveError("--cart-totes and --max-orders must be at least 1")
    with db.unit_of_work() as session:
        w = session.scalar(select(Warehouse).where(Warehouse.code == options.warehouse))
        if w is None:
            known = ", ".join(session.scalars(select(Warehouse.code).order_by(Warehouse.code)))
            raise WaveError(f"no warehouse {options.warehouse} (known: {known or 'none'})")
        layout = layout_of(w)
        orders = _load(session, w, options)
        result = BuildResult(w.code, options.dry_run)
        for carrier, limit, members in by_cutoff(orders, options):
            result.waves.extend(plan_waves(layout, carrier, members, options, limit))
        if not options.dry_run and result.waves:
            write_waves(session, w, result.waves, actor)
        else:
            session.rollback()
    return result
