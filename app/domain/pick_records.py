"""A pick task as plain records: what a picking station is shown (views) and the rows
the services and the pure pick rules work on. Nothing here touches a database; the
queries that fill these live in :mod:`app.services.picking.views`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

STEPS: tuple[str, ...] = ("location", "item", "tote", "done")
SHORT_REASONS: tuple[str, ...] = ("missing", "damaged", "wrong_qty")


@dataclass(frozen=True, slots=True)
class Progress:
    lines_done: int
    lines_total: int
    units_done: int
    units_total: int


@dataclass(frozen=True, slots=True)
class LineView:
    line_id: int
    seq: int
    location: str
    aisle: int
    position: int
    level: int
    sku: str
    name_zh: str
    name_en: str
    qty: int
    picked_qty: int
    slot: int | None
    order_no: str
    tote_code: str | None  # the tote bound to the line's slot, if any
    status: str  # open | picked | short

    @property
    def remaining(self) -> int:
        return self.qty - self.picked_qty


@dataclass(frozen=True, slots=True)
class TaskView:
    task_id: int
    task_version: int
    task_seq: int
    wave_id: int
    wave_code: str
    kind: str  # cart | bulk | wall
    sort_mode: str  # pick_and_sort | pick_then_sort | bulk
    status: str  # open | claimed | done
    step: str  # location | item | tote | done
    line: LineView | None
    next_location: str | None
    progress: Progress  # this task
    wave_progress: Progress  # the whole wave

    @property
    def label(self) -> str:
        return task_label(self.wave_code, self.task_seq)


@dataclass(frozen=True, slots=True)
class ScanOutcome:
    accepted: bool
    code: str
    message: str
    view: TaskView
    params: dict[str, Any] = field(default_factory=dict)
    replayed: bool = False  # the scan id was already recorded: nothing was done again


@dataclass(frozen=True, slots=True)
class ShortOutcome:
    code: str  # rerouted | held
    message: str
    view: TaskView
    short_qty: int
    found_qty: int
    rerouted_to: str | None  # location code of the bin the shortfall is picked from now
    held: bool  # the order went to a supervisor (OrderHold "short_pick")
    params: dict[str, Any] = field(default_factory=dict)
    replayed: bool = False


@dataclass(frozen=True, slots=True)
class TaskSummary:
    """One line of the task chooser."""

    task_id: int
    task_seq: int
    wave_id: int
    wave_code: str
    kind: str
    sort_mode: str
    orders: int
    lines: int
    units: int
    distance: float
    wave_created_at: datetime

    @property
    def label(self) -> str:
        return task_label(self.wave_code, self.task_seq)


@dataclass(frozen=True, slots=True)
class WaveProgress:
    wave_id: int
    wave_code: str
    status: str
    tasks_total: int
    tasks_open: int
    tasks_claimed: int
    tasks_done: int
    progress: Progress


def task_label(wave_code: str, seq: int) -> str:
    return f"{wave_code} #{seq}"


@dataclass(slots=True)
class TaskRow:
    id: int
    seq: int
    kind: str
    status: str
    version: int
    claimed_by: int | None
    claimed_station_id: int | None
    wave_id: int
    wave_code: str
    wave_status: str
    sort_mode: str
    warehouse_id: int
    seen: str | None  # "result:reason" of the scan id asked about, if it was recorded
    others: Progress  # the rest of the wave: every other task's lines

    @property
    def label(self) -> str:
        return task_label(self.wave_code, self.seq)


@dataclass(slots=True)
class LineRow:
    """A pick line as the services work on it; changed in memory alongside the UPDATEs
    so the view after a scan needs no second read."""

    id: int
    seq: int
    status: str
    qty: int
    picked_qty: int
    location_ok: bool
    slot: int | None
    picked_at: datetime | None
    picked_by: int | None
    location_id: int
    product_id: int
    order_id: int
    reservation_id: int
    loc_code: str
    loc_barcode: str
    aisle: int
    position: int
    level: int
    y: float
    sku: str
    name_zh: str
    name_en: str
    order_no: str
    tote_id: int | None
    tote_code: str | None
