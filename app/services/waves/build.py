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

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.db.bulk import bulk_insert, reserve_ids
from app.db.engine import Database
from app.db.models import (
    Location,
    Order,
    PickLine,
    PickTask,
    Product,
    Reservation,
    TaskSlot,
    Warehouse,
    Wave,
    table_of,
    utcnow,
)
from app.domain.carriers import carrier_for, default_cutoff
from app.domain.status import OrderStatus
from app.routing import Layout, Pick, route
from app.routing.batching import BatchOrder, Capacity, batch_orders
from app.services.audit import SYSTEM, Actor, event_row, record_many

LOCAL = ZoneInfo("Asia/Shanghai")
S = OrderStatus


class WaveError(ValueError):
    pass


@dataclass(frozen=True)
class WaveOptions:
    warehouse: str
    carrier: str | None = None
    cutoff: time | None = None  # local time of the carrier pick-up the wave is for
    max_orders: int = 500
    cart_totes: int = 8
    cart_units: int | None = None  # units a cart holds, if it is the tighter limit
    bulk_units: int = 60  # units on one bulk pick list (single-unit waves)
    sort_mode: str = "pick_and_sort"  # or "pick_then_sort" (put wall)
    wall_slots: int = 24
    method: str = "savings+ls"
    dry_run: bool = False
    today: date | None = None  # the local day the cut-off belongs to (tests pin it)


@dataclass
class StopPlan:
    location: str
    location_id: int
    aisle: int
    y: float
    sku: str
    product_id: int
    order_no: str
    order_id: int
    reservation_id: int
    qty: int
    slot: int | None


@dataclass
class TaskPlan:
    kind: str  # cart | bulk | wall
    order_nos: list[str]
    order_ids: list[int]
    stops: list[StopPlan]
    distance: float


@dataclass
class WavePlan:
    kind: str  # single | multi
    carrier: str
    cutoff: datetime
    sort_mode: str
    tasks: list[TaskPlan]
    fcfs_distance: float
    code: str = ""
    id: int | None = None

    @property
    def distance(self) -> float:
        return sum(t.distance for t in self.tasks)

    @property
    def orders(self) -> int:
        return sum(len(t.order_ids) for t in self.tasks)


@dataclass
class BuildResult:
    warehouse: str
    dry_run: bool
    waves: list[WavePlan] = field(default_factory=list)
    skipped: int = 0  # orders claimed by another builder at the same moment

    def as_json(self) -> dict[str, Any]:
        return {
            "warehouse": self.warehouse,
            "dry_run": self.dry_run,
            "waves": [wave_json(w) for w in self.waves],
        }

    def summary(self) -> str:
        orders = sum(w.orders for w in self.waves)
        tasks = sum(len(w.tasks) for w in self.waves)
        verb = "would build" if self.dry_run else "built"
        return f"{verb} {len(self.waves)} waves, {tasks} pick tasks, {orders} orders"


def wave_json(w: WavePlan) -> dict[str, Any]:
    saving = 1 - w.distance / w.fcfs_distance if w.fcfs_distance else 0.0
    return {
        "code": w.code,
        "kind": w.kind,
        "carrier": w.carrier,
        "cutoff": w.cutoff.isoformat(),
        "sort_mode": w.sort_mode,
        "orders": w.orders,
        "distance": round(w.distance, 2),
        "fcfs_distance": round(w.fcfs_distance, 2),
        "saving_vs_fcfs": round(saving, 4),
        "batches": [
            {
                "seq": n,
                "kind": t.kind,
                "distance": round(t.distance, 2),
                "totes": [
                    {"slot": slot, "order_no": no} for slot, no in enumerate(t.order_nos, start=1)
                ]
                if t.kind != "bulk"
                else [],
                "orders": t.order_nos,
                "lines": [
                    {
                        "seq": k,
                        "location": s.location,
                        "sku": s.sku,
                        "qty": s.qty,
                        "slot": s.slot,
                        "order_no": s.order_no,
                    }
                    for k, s in enumerate(t.stops, start=1)
                ],
            }
            for n, t in enumerate(w.tasks, start=1)
        ],
    }


@dataclass
class _Order:
    id: int
    order_no: str
    carrier: str
    placed_at: datetime | None
    stops: list[StopPlan]

    @property
    def units(self) -> int:
        return sum(s.qty for s in self.stops)

    @property
    def single_unit(self) -> bool:
        return self.units == 1


def cutoff_at(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=LOCAL).astimezone(UTC)


def _load(session: Session, warehouse: Warehouse, options: WaveOptions) -> list[_Order]:
    rows = session.execute(
        select(Order.id, Order.order_no, Order.carrier, Order.shipping_method, Order.placed_at)
        .where(
            Order.warehouse_id == warehouse.id,
            Order.status == S.ALLOCATED.value,
            Order.wave_id.is_(None),
            Order.is_split.is_(False),
        )
        .order_by(Order.placed_at, Order.id)
        .with_for_update(skip_locked=True, of=Order)
    ).all()
    orders: dict[int, _Order] = {}
    for oid, no, assigned, method, placed in rows:
        carrier = carrier_for(method, assigned)
        if options.carrier and carrier != options.carrier.upper():
            continue
        orders[oid] = _Order(oid, no, carrier, placed, [])
    ids = list(orders)
    for i in range(0, len(ids), 500):
        for rid, oid, qty, loc_id, code, aisle, y, pid, sku in session.execute(
            select(
                Reservation.id,
                Reservation.order_id,
                Reservation.qty,
                Location.id,
                Location.code,
                Location.aisle,
                Location.y,
                Product.id,
                Product.sku,
            )
            .join(Location, Location.id == Reservation.location_id)
            .join(Product, Product.id == Reservation.product_id)
            .where(Reservation.order_id.in_(ids[i : i + 500]))
            .order_by(Reservation.id)
        ):
            orders[oid].stops.append(
                StopPlan(
                    code, loc_id, aisle, y, sku, pid, orders[oid].order_no, oid, rid, qty, None
                )
            )
    return [o for o in orders.values() if o.stops]


def _layout(w: Warehouse) -> Layout:
    return Layout(
        aisles=w.aisles,
        aisle_length=w.aisle_length,
        aisle_spacing=w.aisle_spacing,
        blocks=w.blocks,
        depot_x=w.depot_x,
    )


def _route_task(layout: Layout, kind: str, members: Sequence[_Order], slotted: bool) -> TaskPlan:
    stops: list[StopPlan] = []
    for slot, o in enumerate(members, start=1):
        for s in o.stops:
            s.slot = slot if slotted else None
            stops.append(s)
    picks = [
        Pick(str(k), s.aisle, min(max(s.y, 0.0), layout.aisle_length)) for k, s in enumerate(stops)
    ]
    r = route(layout, picks, "optimal")
    ordered = [stops[int(k)] for k in r.sequence]
    return TaskPlan(
        kind, [o.order_no for o in members], [o.id for o in members], ordered, r.distance
    )


def _batch(
    layout: Layout, groups: list[tuple[str, list[_Order]]], capacity: Capacity, method: str
) -> tuple[list[list[int]], float]:
    """Batch groups of orders (an order, or a SKU group) by walking distance.

    Returns the batches as indexes into ``groups`` and the FCFS total for the same groups.
    """
    items = [
        BatchOrder(
            id=str(n),
            picks=tuple(
                Pick(f"{n}-{k}", s.aisle, min(max(s.y, 0.0), layout.aisle_length))
                for k, s in enumerate(st for o in members for st in o.stops)
            ),
            units=sum(o.units for o in members),
        )
        for n, (_, members) in enumerate(groups)
    ]
    best = batch_orders(layout, items, capacity, method=method)
    fcfs = batch_orders(layout, items, capacity, method="fcfs")
    return [[int(i) for i in b.order_ids] for b in best.batches], fcfs.total_distance


def plan_waves(
    layout: Layout, carrier: str, orders: list[_Order], options: WaveOptions, cutoff: datetime
) -> list[WavePlan]:
    """The waves of one carrier's orders for one cut-off."""
    waves: list[WavePlan] = []
    singles = [o for o in orders if o.single_unit]
    multis = [o for o in orders if not o.single_unit]
    for chunk in _chunks(singles, options.max_orders):
        by_sku: dict[str, list[_Order]] = defaultdict(list)
        for o in chunk:
            by_sku[o.stops[0].sku].append(o)
        groups = sorted(by_sku.items())
        batches, fcfs = _batch(
            layout, groups, Capacity(orders=len(groups), units=options.bulk_units), options.method
        )
        tasks = [
            _route_task(layout, "bulk", [o for i in b for o in groups[i][1]], slotted=False)
            for b in batches
        ]
        waves.append(WavePlan("single", carrier, cutoff, "bulk", tasks, fcfs))
    for chunk in _chunks(multis, options.max_orders):
        wall = options.sort_mode == "pick_then_sort"
        size = options.wall_slots if wall else options.cart_totes
        groups = [(o.order_no, [o]) for o in chunk]
        capacity = Capacity(orders=size, units=None if wall else options.cart_units)
        batches, fcfs = _batch(layout, groups, capacity, options.method)
        tasks = [
            _route_task(
                layout, "wall" if wall else "cart", [groups[i][1][0] for i in b], slotted=True
            )
            for b in batches
        ]
        waves.append(WavePlan("multi", carrier, cutoff, options.sort_mode, tasks, fcfs))
    return waves


def _chunks(items: list[_Order], size: int) -> list[list[_Order]]:
    return [items[i : i + size] for i in range(0, len(items), max(size, 1))]


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
        layout = _layout(w)
        orders = _load(session, w, options)
        result = BuildResult(w.code, options.dry_run)
        for carrier, limit, members in _by_cutoff(orders, options):
            result.waves.extend(plan_waves(layout, carrier, members, options, limit))
        if not options.dry_run and result.waves:
            _write(session, w, result.waves, actor)
        else:
            session.rollback()
    return result


def next_cutoff(at: time, now: datetime, day: date | None = None) -> datetime:
    """The carrier pick-up the wave is for: today's, or tomorrow's once today's has passed."""
    if day is not None:
        return cutoff_at(day, at)
    today = now.astimezone(LOCAL).date()
    limit = cutoff_at(today, at)
    return limit if now <= limit else cutoff_at(today + timedelta(days=1), at)


def _by_cutoff(
    orders: list[_Order], options: WaveOptions
) -> list[tuple[str, datetime, list[_Order]]]:
    """Per carrier, the orders that can make its cut-off: placed before it."""
    groups: dict[str, list[_Order]] = defaultdict(list)
    for o in orders:
        groups[o.carrier].append(o)
    now = utcnow()
    out = []
    for carrier, members in sorted(groups.items()):
        limit = next_cutoff(options.cutoff or default_cutoff(carrier), now, options.today)
        keep = [o for o in members if o.placed_at is None or o.placed_at <= limit]
        if keep:
            out.append((carrier, limit, keep))
    return out


def _write(session: Session, w: Warehouse, waves: list[WavePlan], actor: Actor) -> None:
    """All waves of one build in one transaction, with a handful of bulk statements:
    a wave of 10,000 orders has hundreds of tasks and tens of thousands of lines."""
    now = utcnow()
    stamp = datetime.now(LOCAL).strftime("%Y%m%d")
    taken = (
        session.scalar(select(func.count()).select_from(Wave).where(Wave.code.like(f"W{stamp}-%")))
        or 0
    )
    events: list[dict[str, Any]] = []
    task_rows: list[dict[str, Any]] = []
    slot_rows: list[dict[str, Any]] = []
    line_rows: list[dict[str, Any]] = []
    task_ids = iter(reserve_ids(session, table_of(PickTask), sum(len(p.tasks) for p in waves)))
    for n, plan in enumerate(waves, start=taken + 1):
        plan.code = f"W{stamp}-{w.code}-{n:03d}"
        wave = Wave(
            code=plan.code,
            warehouse_id=w.id,
            carrier=plan.carrier,
            cutoff=plan.cutoff,
            kind=plan.kind,
            sort_mode=plan.sort_mode,
            status="released",
            distance=plan.distance,
            fcfs_distance=plan.fcfs_distance,
            created_at=now,
            created_by=actor.user_id,
            version=1,
        )
        session.add(wave)
        session.flush()
        plan.id = wave.id
        for seq, task in enumerate(plan.tasks, start=1):
            tid = next(task_ids)
            task_rows.append(
                {
                    "id": tid,
                    "wave_id": wave.id,
                    "seq": seq,
                    "kind": task.kind,
                    "status": "open",
                    "distance": task.distance,
                    "fcfs_distance": None,
                    "claimed_by": None,
                    "claimed_station_id": None,
                    "claimed_at": None,
                    "version": 1,
                }
            )
            if task.kind != "bulk":
                slot_rows.extend(
                    {"pick_task_id": tid, "slot": slot, "order_id": oid, "tote_id": None}
                    for slot, oid in enumerate(task.order_ids, start=1)
                )
            line_rows.extend(
                {
                    "pick_task_id": tid,
                    "seq": k,
                    "location_id": s.location_id,
                    "product_id": s.product_id,
                    "order_id": s.order_id,
                    "reservation_id": s.reservation_id,
                    "slot": s.slot,
                    "qty": s.qty,
                    "picked_qty": 0,
                    "status": "open",
                }
                for k, s in enumerate(task.stops, start=1)
            )
            events.extend(
                event_row(
                    "order",
                    oid,
                    "order.waved",
                    {
                        "order_no": no,
                        "from": S.ALLOCATED.value,
                        "to": S.WAVED.value,
                        "wave": plan.code,
                    },
                    actor,
                )
                for oid, no in zip(task.order_ids, task.order_nos, strict=True)
            )
        events.append(
            event_row(
                "wave",
                wave.id,
                "wave.released",
                {
                    "code": plan.code,
                    "kind": plan.kind,
                    "orders": plan.orders,
                    "tasks": len(plan.tasks),
                    "distance": round(plan.distance, 2),
                    "fcfs_distance": round(plan.fcfs_distance, 2),
                },
                actor,
            )
        )
    bulk_insert(session, table_of(PickTask), task_rows)
    bulk_insert(session, table_of(TaskSlot), slot_rows)
    bulk_insert(session, table_of(PickLine), line_rows)
    t = table_of(Order)
    changed = 0
    for plan in waves:
        ids = [oid for task in plan.tasks for oid in task.order_ids]
        for i in range(0, len(ids), 500):
            changed += (
                session.connection()
                .execute(
                    update(t)
                    .where(t.c.id.in_(ids[i : i + 500]), t.c.status == S.ALLOCATED.value)
                    .values(
                        status=S.WAVED.value,
                        wave_id=plan.id,
                        version=t.c.version + 1,
                        updated_at=now,
                    )
                )
                .rowcount
            )
    if changed != sum(p.orders for p in waves):
        # The rows were locked when read; a mismatch means something is badly wrong.
        raise WaveError("orders changed while the wave was being written; nothing was saved")
    record_many(session, events)
