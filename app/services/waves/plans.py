"""What a wave build is asked for and what it plans: options, waves, their tasks and
stops, and the result a caller (the command line, the supervisor screen) shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any


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
    order_id: int
    reservation_id: int
    qty: int
    order_no: str
    slot: int | None  # the order's tote slot on a cart or wall, set when the task is routed


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
