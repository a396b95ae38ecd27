"""Planning waves, reading and writing nothing: orders grouped by carrier and cut-off, single-unit
orders batched into bulk pick lists by SKU group, multi-item orders into carts or a put
wall, each task routed with the exact ``optimal`` method (see :mod:`app.services.waves.build`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from app.db.models import Warehouse, utcnow
from app.domain.carriers import default_cutoff
from app.domain.local_time import LOCAL
from app.routing import Layout, Pick, route
from app.routing.batching import BatchOrder, Capacity, batch_orders
from app.services.waves.plans import StopPlan, TaskPlan, WaveOptions, WavePlan


@dataclass
class OrderToWave:
    """An allocated order as the planner sees it: its reservations are its stops."""

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


def next_cutoff(at: time, now: datetime, day: date | None = None) -> datetime:
    """The carrier pick-up the wave is for: today's, or tomorrow's once today's has passed."""
    if day is not None:
        return cutoff_at(day, at)
    today = now.astimezone(LOCAL).date()
    limit = cutoff_at(today, at)
    return limit if now <= limit else cutoff_at(today + timedelta(days=1), at)


def by_cutoff(
    orders: list[OrderToWave], options: WaveOptions
) -> list[tuple[str, datetime, list[OrderToWave]]]:
    """Per carrier, the orders that can make its cut-off: placed before it."""
    groups: dict[str, list[OrderToWave]] = defaultdict(list)
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


def layout_of(w: Warehouse) -> Layout:
    return Layout(
        aisles=w.aisles,
        aisle_length=w.aisle_length,
        aisle_spacing=w.aisle_spacing,
        blocks=w.blocks,
        depot_x=w.depot_x,
    )


def _route_task(
    layout: Layout, kind: str, members: Sequence[OrderToWave], slotted: bool
) -> TaskPlan:
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
        kind=kind,
        order_nos=[o.order_no for o in members],
        order_ids=[o.id for o in members],
        stops=ordered,
        distance=r.distance,
    )


def _batch(
    layout: Layout, groups: list[tuple[str, list[OrderToWave]]], capacity: Capacity, method: str
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
    layout: Layout, carrier: str, orders: list[OrderToWave], options: WaveOptions, cutoff: datetime
) -> list[WavePlan]:
    """The waves of one carrier's orders for one cut-off."""
    waves: list[WavePlan] = []
    singles = [o for o in orders if o.single_unit]
    multis = [o for o in orders if not o.single_unit]
    for chunk in _chunks(singles, options.max_orders):
        by_sku: dict[str, list[OrderToWave]] = defaultdict(list)
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
        waves.append(
            WavePlan(
                kind="single",
                carrier=carrier,
                cutoff=cutoff,
                sort_mode="bulk",
                tasks=tasks,
                fcfs_distance=fcfs,
            )
        )
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
        waves.append(
            WavePlan(
                kind="multi",
                carrier=carrier,
                cutoff=cutoff,
                sort_mode=options.sort_mode,
                tasks=tasks,
                fcfs_distance=fcfs,
            )
        )
    return waves


def _chunks(items: list[OrderToWave], size: int) -> list[list[OrderToWave]]:
    return [items[i : i + size] for i in range(0, len(items), max(size, 1))]
