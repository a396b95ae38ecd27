"""The dashboard's waves: each wave's progress, its pickers, and whether it will make
its cut-off at the recent pick rate."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Order, PickLine, PickTask, User, Warehouse, Wave, utcnow
from app.domain.status import OrderStatus

S = OrderStatus
RATE_WINDOW = timedelta(minutes=30)
# A wave that started a minute ago has not picked for 30 minutes: its rate is over the
# time since its first claim, but never over less than this (a burst of two quick
# picks must not promise a finish in five minutes).
MIN_RATE_SPAN = timedelta(minutes=5)
# Without a pick rate we cannot estimate; a cut-off this close is flagged anyway.
NO_RATE_WARNING = timedelta(minutes=60)
PACKED_OR_LATER: tuple[str, ...] = (S.PACKED.value, S.SHIPPED.value, S.COMPLETED.value)


@dataclass(frozen=True, slots=True)
class WaveRow:
    id: int
    code: str
    warehouse: str
    carrier: str | None
    kind: str  # single | multi
    sort_mode: str
    status: str  # released | picking | picked (picking service) | paused | cancelled
    cutoff: datetime | None
    created_at: datetime
    orders: int  # orders in the wave, cancelled ones excluded
    orders_packed: int  # packed, shipped or completed
    orders_cancelled: int
    lines_total: int
    lines_picked: int
    lines_short: int
    units_total: int
    units_picked: int
    units_remaining: int  # on lines still open
    tasks_open: int
    tasks_claimed: int
    tasks_done: int
    pickers: tuple[str, ...]  # names of the users holding its claimed tasks
    started: datetime | None  # first claim of any of its tasks
    rate_per_hour: float | None  # units/hour the estimate is based on
    estimated_finish: datetime | None
    risk: str  # "" | "late" (estimate after cut-off) | "tight" (no rate, cut-off close)

    @property
    def at_risk(self) -> bool:
        return bool(self.risk)

    @property
    def closed(self) -> bool:
        """Nothing left to do on the floor for it (or it was cancelled)."""
        if self.status == "cancelled":
            return True
        return self.units_remaining == 0 and self.orders_packed >= self.orders


def _wave_risk(
    cutoff: datetime | None,
    remaining: int,
    finish: datetime | None,
    rate: float | None,
    now: datetime,
) -> str:
    if remaining <= 0 or cutoff is None:
        return ""
    if rate:
        return "late" if finish is not None and finish > cutoff else ""
    return "tight" if cutoff - now <= NO_RATE_WARNING else ""


def wave_progress(
    db: Database,
    warehouse_id: int | None = None,
    now: datetime | None = None,
    include_closed: bool = False,
) -> list[WaveRow]:
    """Every wave with work left (all waves with ``include_closed``), by cut-off.

    The estimated finish is ``now`` + units left on open lines ÷ the recent pick rate:
    the units this wave picked in the last 30 minutes (see ``MIN_RATE_SPAN``), else
    the warehouse's rate over the last 30 minutes, else unknown.
    """
    now = now or utcnow()
    since = now - RATE_WINDOW
    with db.read() as s:
        q = select(Wave, Warehouse.code).join(Warehouse, Warehouse.id == Wave.warehouse_id)
        if warehouse_id is not None:
            q = q.where(Wave.warehouse_id == warehouse_id)
        if not include_closed:
            q = q.where(Wave.status != "cancelled")
        waves = s.execute(q.order_by(Wave.cutoff, Wave.id)).all()
        if not waves:
            return []
        ids = [w.id for w, _ in waves]
        lines = _line_totals(s, ids, since, now)
        orders = _order_totals(s, ids)
        tasks = _task_totals(s, ids)
        pickers = _pickers(s, ids)
        warehouse_rates = _warehouse_rates(s, {w.warehouse_id for w, _ in waves}, since, now)

    rows: list[WaveRow] = []
    for wave, wh_code in waves:
        ln = lines.get(wave.id, _EMPTY_LINES)
        od = orders.get(wave.id, (0, 0, 0))
        tk = tasks.get(wave.id, (0, 0, 0, None))
        started: datetime | None = tk[3]
        rate = _wave_rate(ln["recent_units"], started, now)
        if rate is None:
            units = warehouse_rates.get(wave.warehouse_id, 0)
            rate = units / (RATE_WINDOW.total_seconds() / 3600) if units else None
        remaining = ln["remaining"]
        finish = now + timedelta(hours=remaining / rate) if rate and remaining else None
        row = WaveRow(
            id=wave.id,
            code=wave.code,
            warehouse=wh_code,
            carrier=wave.carrier,
            kind=wave.kind,
            sort_mode=wave.sort_mode,
            status=wave.status,
            cutoff=wave.cutoff,
            created_at=wave.created_at,
            orders=od[0] - od[2],
            orders_packed=od[1],
            orders_cancelled=od[2],
            lines_total=ln["lines"],
            lines_picked=ln["picked"],
            lines_short=ln["short"],
            units_total=ln["units"],
            units_picked=ln["units_picked"],
            units_remaining=remaining,
            tasks_open=tk[0],
            tasks_claimed=tk[1],
            tasks_done=tk[2],
            pickers=tuple(sorted(pickers.get(wave.id, ()))),
            started=started,
            rate_per_hour=rate,
            estimated_finish=finish,
            risk=_wave_risk(wave.cutoff, remaining, finish, rate, now),
        )
        if include_closed or not row.closed:
            rows.append(row)
    return rows


_EMPTY_LINES: dict[str, int] = {
    "lines": 0,
    "picked": 0,
    "short": 0,
    "units": 0,
    "units_picked": 0,
    "remaining": 0,
    "recent_units": 0,
}


def _wave_rate(recent_units: int, started: datetime | None, now: datetime) -> float | None:
    if not recent_units:
        return None
    span = RATE_WINDOW
    if started is not None and now - started < RATE_WINDOW:
        span = max(now - started, MIN_RATE_SPAN)
    return recent_units / (span.total_seconds() / 3600)


def _line_totals(
    s: Session, wave_ids: list[int], since: datetime, now: datetime
) -> dict[int, dict[str, int]]:
    is_open = PickLine.status == "open"
    recent = and_(PickLine.picked_at >= since, PickLine.picked_at <= now)
    q = (
        select(
            PickTask.wave_id,
            func.count(PickLine.id),
            func.sum(case((PickLine.status == "picked", 1), else_=0)),
            func.sum(case((PickLine.status == "short", 1), else_=0)),
            func.sum(PickLine.qty),
            func.sum(PickLine.picked_qty),
            func.sum(case((is_open, PickLine.qty - PickLine.picked_qty), else_=0)),
            func.sum(case((recent, PickLine.picked_qty), else_=0)),
        )
        .join(PickTask, PickTask.id == PickLine.pick_task_id)
        .where(PickTask.wave_id.in_(wave_ids))
        .group_by(PickTask.wave_id)
    )
    keys = ("lines", "picked", "short", "units", "units_picked", "remaining", "recent_units")
    return {
        wid: {k: int(v or 0) for k, v in zip(keys, values, strict=True)}
        for wid, *values in s.execute(q)
    }


def _order_totals(s: Session, wave_ids: list[int]) -> dict[int, tuple[int, int, int]]:
    q = (
        select(
            Order.wave_id,
            func.count(Order.id),
            func.sum(case((Order.status.in_(PACKED_OR_LATER), 1), else_=0)),
            func.sum(case((Order.status == S.CANCELLED.value, 1), else_=0)),
        )
        .where(Order.wave_id.in_(wave_ids))
        .group_by(Order.wave_id)
    )
    return {wid: (int(n), int(p or 0), int(c or 0)) for wid, n, p, c in s.execute(q)}


def _task_totals(
    s: Session, wave_ids: list[int]
) -> dict[int, tuple[int, int, int, datetime | None]]:
    q = (
        select(
            PickTask.wave_id,
            func.sum(case((PickTask.status == "open", 1), else_=0)),
            func.sum(case((PickTask.status == "claimed", 1), else_=0)),
            func.sum(case((PickTask.status == "done", 1), else_=0)),
            func.min(PickTask.claimed_at),
        )
        .where(PickTask.wave_id.in_(wave_ids))
        .group_by(PickTask.wave_id)
    )
    return {
        wid: (int(o or 0), int(c or 0), int(d or 0), first) for wid, o, c, d, first in s.execute(q)
    }


def _pickers(s: Session, wave_ids: list[int]) -> dict[int, set[str]]:
    q = (
        select(PickTask.wave_id, User.name)
        .join(User, User.id == PickTask.claimed_by)
        .where(PickTask.wave_id.in_(wave_ids), PickTask.status == "claimed")
        .distinct()
    )
    out: dict[int, set[str]] = defaultdict(set)
    for wid, name in s.execute(q):
        out[wid].add(name)
    return out


def _warehouse_rates(
    s: Session, warehouse_ids: set[int], since: datetime, now: datetime
) -> dict[int, int]:
    """Units picked per warehouse between ``since`` and ``now``."""
    q = (
        select(Wave.warehouse_id, func.sum(PickLine.picked_qty))
        .join(PickTask, PickTask.id == PickLine.pick_task_id)
        .join(Wave, Wave.id == PickTask.wave_id)
        .where(
            Wave.warehouse_id.in_(warehouse_ids),
            PickLine.picked_at >= since,
            PickLine.picked_at <= now,
        )
        .group_by(Wave.warehouse_id)
    )
    return {wid: int(units or 0) for wid, units in s.execute(q)}
