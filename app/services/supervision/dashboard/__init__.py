"""What the supervisor's dashboard reads: waves in progress, orders by status, the
exceptions that need a person, and (in :mod:`app.services.supervision.throughput`)
who picked and packed how much.

Every query is one read transaction and returns frozen dataclasses, so the UI can
hold the result on the GUI thread without a session. Nothing here writes; the
actions that resolve an exception are in :mod:`app.services.supervision.actions`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import String, and_, case, cast, func, or_, select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import (
    Event,
    Order,
    OrderHold,
    PickLine,
    PickTask,
    PrintJob,
    Station,
    Store,
    User,
    Warehouse,
    Wave,
    utcnow,
)
from app.domain.status import PICKING_STARTED, OrderStatus
from app.services.packing import OVERRIDE_APPROVED_EVENT as EVENT_OVERRIDE_APPROVED
from app.services.packing import WEIGHT_MISMATCH_EVENT as EVENT_WEIGHT_MISMATCH
from app.services.supervision.throughput import Throughput, ThroughputRow, throughput

__all__ = [
    "EXCEPTION_KINDS",
    "ExceptionRow",
    "StatusCount",
    "Throughput",
    "ThroughputRow",
    "UserRow",
    "WaveRow",
    "active_users",
    "exceptions",
    "orders_by_status",
    "throughput",
    "wave_progress",
]

S = OrderStatus
RATE_WINDOW = timedelta(minutes=30)
# A wave that started a minute ago has not picked for 30 minutes: its rate is over the
# time since its first claim, but never over less than this (a burst of two quick
# picks must not promise a finish in five minutes).
MIN_RATE_SPAN = timedelta(minutes=5)
# Without a pick rate we cannot estimate; a cut-off this close is flagged anyway.
NO_RATE_WARNING = timedelta(minutes=60)
PACKED_OR_LATER: tuple[str, ...] = (S.PACKED.value, S.SHIPPED.value, S.COMPLETED.value)

# Most urgent first: the order of the exceptions list on the dashboard.
EXCEPTION_KINDS: tuple[str, ...] = (
    "interception",
    "weight_mismatch",
    "short_pick",
    "stale_task",
    "print_failed",
    "hold",
)
EVENT_INTERCEPTION_RESOLVED = "order.interception_resolved"
# The packer stopped the order at the bench and put its items aside: stopped, done.
EVENT_PACK_INTERCEPTED = "pack.intercepted"
SHORT_PICK_HOLD = "short_pick"


# --------------------------------------------------------------------------- waves


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


# --------------------------------------------------------------------------- orders


@dataclass(frozen=True, slots=True)
class StatusCount:
    warehouse: str | None  # None: not allocated to a warehouse yet
    store: str
    status: str
    count: int


def orders_by_status(db: Database) -> list[StatusCount]:
    """Order counts per warehouse, store and status (split parents included: they are
    what the platform sees)."""
    with db.read() as s:
        q = (
            select(Warehouse.code, Store.name, Order.status, func.count(Order.id))
            .join(Store, Store.id == Order.store_id)
            .outerjoin(Warehouse, Warehouse.id == Order.warehouse_id)
            .group_by(Warehouse.code, Store.name, Order.status)
        )
        rows = [StatusCount(wh, store, st, int(n)) for wh, store, st, n in s.execute(q)]
    order = {st.value: i for i, st in enumerate(OrderStatus)}
    return sorted(rows, key=lambda r: (r.warehouse or "", r.store, order.get(r.status, 99)))


# --------------------------------------------------------------------------- people


@dataclass(frozen=True, slots=True)
class UserRow:
    id: int
    badge: str
    name: str
    role: str


def active_users(
    db: Database, roles: Iterable[str] = ("picker", "supervisor", "admin")
) -> list[UserRow]:
    """People a task can be given to."""
    with db.read() as s:
        q = select(User.id, User.badge, User.name, User.role).where(
            User.active.is_(True), User.role.in_(list(roles))
        )
        return [UserRow(*r) for r in s.execute(q.order_by(User.name, User.id))]


# --------------------------------------------------------------------------- exceptions


@dataclass(frozen=True, slots=True)
class ExceptionRow:
    """Something a supervisor has to decide, with the ids the action on it needs.

    kind → action: hold → release the hold; short_pick → release its short-pick hold
    (``hold_id``: ship what was found) or cancel the order; interception → resolve it once the goods are
    back; weight_mismatch → approve the override; print_failed → retry the job;
    stale_task → release or reassign the task.
    """

    kind: str
    at: datetime | None  # since when
    code: str = ""  # hold code, short reason, …
    detail: str = ""
    order_id: int | None = None
    order_no: str | None = None
    order_status: str | None = None
    hold_id: int | None = None
    task_id: int | None = None
    pick_line_id: int | None = None
    job_id: int | None = None
    event_id: str | None = None
    wave_code: str | None = None
    user_name: str | None = None  # who was involved: the picker, the packer, the claimer
    station_name: str | None = None

    @property
    def key(self) -> str:
        """Stable identity across refreshes (to keep a selection)."""
        ref = {
            "hold": self.hold_id,
            "short_pick": self.pick_line_id,
            "interception": self.order_id,
            "weight_mismatch": self.order_id,
            "print_failed": self.job_id,
            "stale_task": self.task_id,
        }.get(self.kind)
        return f"{self.kind}:{ref}"


def exceptions(
    db: Database, stale_minutes: int = 15, now: datetime | None = None, limit: int = 500
) -> list[ExceptionRow]:
    """Everything that needs a supervisor, most urgent kind first, oldest first within
    a kind; at most ``limit`` rows of each kind."""
    now = now or utcnow()
    with db.read() as s:
        users = dict(s.execute(select(User.id, User.name)).all())
        stations = dict(s.execute(select(Station.id, Station.name)).all())
        shorts = _short_picks(s, users, limit)
        covered = {r.order_id for r in shorts}
        found = {
            "interception": _interceptions(s, limit),
            "weight_mismatch": _weight_mismatches(s, users, stations, limit),
            "short_pick": shorts,
            "stale_task": _stale_tasks(
                s, users, stations, now - timedelta(minutes=stale_minutes), limit
            ),
            "print_failed": _print_failures(s, stations, limit),
            "hold": _holds(s, covered, limit),
        }
    out: list[ExceptionRow] = []
    for kind in EXCEPTION_KINDS:
        out.extend(sorted(found[kind], key=lambda r: (r.at is None, r.at or now, r.key)))
    return out


def _holds(s: Session, covered: set[int | None], limit: int) -> list[ExceptionRow]:
    q = (
        select(
            OrderHold.id,
            OrderHold.code,
            OrderHold.detail,
            OrderHold.created_at,
            Order.id,
            Order.order_no,
            Order.status,
        )
        .join(Order, Order.id == OrderHold.order_id)
        .where(OrderHold.released_at.is_(None))
        .order_by(OrderHold.created_at, OrderHold.id)
        .limit(limit + len(covered))
    )
    rows = []
    for hid, code, detail, at, oid, no, status in s.execute(q):
        if code == SHORT_PICK_HOLD and oid in covered:
            continue  # shown as the short pick it came from
        rows.append(ExceptionRow("hold", at, code, detail or "", oid, no, status, hold_id=hid))
    return rows[:limit]


def _short_picks(s: Session, users: dict[int, str], limit: int) -> list[ExceptionRow]:
    """Short lines of orders under an open short-pick hold: the picking service found no
    other bin for them and sent the order to a supervisor. A short it re-routed to
    another bin needs nobody and is not listed."""
    live = [S.WAVED.value, S.PICKING.value, S.PICKED.value]
    q = (
        select(
            PickLine.id,
            PickLine.pick_task_id,
            PickLine.short_reason,
            PickLine.qty,
            PickLine.picked_qty,
            PickLine.picked_at,
            PickLine.picked_by,
            Order.id,
            Order.order_no,
            Order.status,
            Wave.code,
            func.min(OrderHold.id),
        )
        .join(Order, Order.id == PickLine.order_id)
        .join(
            OrderHold,
            and_(
                OrderHold.order_id == Order.id,
                OrderHold.code == SHORT_PICK_HOLD,
                OrderHold.released_at.is_(None),
            ),
        )
        .join(PickTask, PickTask.id == PickLine.pick_task_id)
        .join(Wave, Wave.id == PickTask.wave_id)
        .where(PickLine.status == "short", Order.status.in_(live))
        .group_by(
            PickLine.id,
            PickLine.pick_task_id,
            PickLine.short_reason,
            PickLine.qty,
            PickLine.picked_qty,
            PickLine.picked_at,
            PickLine.picked_by,
            Order.id,
            Order.order_no,
            Order.status,
            Wave.code,
        )
        .order_by(PickLine.id)
        .limit(limit)
    )
    return [
        ExceptionRow(
            "short_pick",
            at,
            why or "",
            f"{got}/{qty}",
            oid,
            no,
            status,
            hold_id=hold,
            task_id=tid,
            pick_line_id=lid,
            wave_code=wave,
            user_name=users.get(by) if by else None,
        )
        for lid, tid, why, qty, got, at, by, oid, no, status, wave, hold in s.execute(q)
    ]


def _order_key() -> Any:
    """Order ids as the text events store them in ``entity_id``."""
    return cast(Order.id, String)


def _interceptions(s: Session, limit: int) -> list[ExceptionRow]:
    """Orders to stop on the floor: an interception text, or a cancel that arrived after
    picking had started; until the packer confirms the stop or a supervisor records
    that it was dealt with."""
    resolved = select(Event.entity_id).where(
        Event.entity == "order",
        Event.kind.in_((EVENT_INTERCEPTION_RESOLVED, EVENT_PACK_INTERCEPTED)),
    )
    marked = s.execute(
        select(Order.id, Order.order_no, Order.status, Order.interception, Order.updated_at)
        .where(Order.interception.is_not(None), Order.interception != "")
        .where(_order_key().not_in(resolved))
        .order_by(Order.updated_at, Order.id)
        .limit(limit)
    ).all()
    rows = {
        oid: ExceptionRow("interception", at, "", text, oid, no, st)
        for oid, no, st, text, at in marked
    }
    # A cancelled order that was in a wave may have been cancelled after picking began.
    started = {st.value for st in PICKING_STARTED}
    cancelled = s.execute(
        select(Event.at, Event.payload, Order.id, Order.order_no, Order.status)
        .join(Order, _order_key() == Event.entity_id)
        .where(
            Event.entity == "order",
            Event.kind == "order.cancelled",
            Order.status == S.CANCELLED.value,
            Order.wave_id.is_not(None),
            Event.entity_id.not_in(resolved),
        )
        .order_by(Event.seq)
        .limit(limit)
    ).all()
    for at, payload, oid, no, st in cancelled:
        if oid in rows or (payload or {}).get("from") not in started:
            continue
        reason = (payload or {}).get("reason") or ""
        rows[oid] = ExceptionRow("interception", at, "cancelled", reason, oid, no, st)
    return list(rows.values())


def _weight_mismatches(
    s: Session, users: dict[int, str], stations: dict[int, str], limit: int
) -> list[ExceptionRow]:
    """The last refused weight of each order still waiting to be packed, unless a
    supervisor approved an override after it."""
    waiting = [S.PICKING.value, S.PICKED.value]
    events = s.execute(
        select(
            Event.seq,
            Event.id.label("event_id"),
            Event.at,
            Event.payload,
            Event.user_id,
            Event.station_id,
            Order.id.label("order_id"),
            Order.order_no,
            Order.status,
        )
        .join(Order, _order_key() == Event.entity_id)
        .where(
            Event.entity == "order", Event.kind == EVENT_WEIGHT_MISMATCH, Order.status.in_(waiting)
        )
        .order_by(Event.seq)
    ).all()
    if not events:
        return []
    latest: dict[int, Any] = {ev.order_id: ev for ev in events}
    keys = [str(oid) for oid in latest]
    approved: dict[str, int] = {}
    for i in range(0, len(keys), 500):
        approved.update(
            (eid, int(seq))
            for eid, seq in s.execute(
                select(Event.entity_id, func.max(Event.seq))
                .where(
                    Event.entity == "order",
                    Event.kind == EVENT_OVERRIDE_APPROVED,
                    Event.entity_id.in_(keys[i : i + 500]),
                )
                .group_by(Event.entity_id)
            )
        )
    rows = []
    for oid, ev in latest.items():
        if approved.get(str(oid), 0) > ev.seq:
            continue
        rows.append(
            ExceptionRow(
                "weight_mismatch",
                ev.at,
                "",
                _weight_detail(ev.payload or {}),
                oid,
                ev.order_no,
                ev.status,
                event_id=ev.event_id,
                user_name=users.get(ev.user_id) if ev.user_id else None,
                station_name=stations.get(ev.station_id) if ev.station_id else None,
            )
        )
    rows.sort(key=lambda r: (r.at is None, r.at or datetime.min.replace(tzinfo=UTC)))
    return rows[:limit]


def _weight_detail(payload: dict[str, Any]) -> str:
    weighed = payload.get("measured_g", payload.get("weight_g"))
    expected = payload.get("expected_g", payload.get("expected_weight_g"))
    if weighed is not None and expected is not None:
        return f"{weighed} g / {expected} g"
    return str(payload.get("message") or payload.get("detail") or "")


def _print_failures(s: Session, stations: dict[int, str], limit: int) -> list[ExceptionRow]:
    q = (
        select(
            PrintJob.id,
            PrintJob.kind,
            PrintJob.printer,
            PrintJob.last_error,
            PrintJob.created_at,
            PrintJob.station_id,
            Order.id,
            Order.order_no,
            Order.status,
        )
        .outerjoin(Order, Order.id == PrintJob.order_id)
        .where(PrintJob.status == "failed")
        .order_by(PrintJob.created_at, PrintJob.id)
        .limit(limit)
    )
    return [
        ExceptionRow(
            "print_failed",
            at,
            kind,
            f"{printer}: {err}" if err else printer,
            oid,
            no,
            st,
            job_id=jid,
            station_name=stations.get(sid) if sid else None,
        )
        for jid, kind, printer, err, at, sid, oid, no, st in s.execute(q)
    ]


def _stale_tasks(
    s: Session, users: dict[int, str], stations: dict[int, str], before: datetime, limit: int
) -> list[ExceptionRow]:
    last = func.coalesce(PickTask.touched_at, PickTask.claimed_at)
    q = (
        select(
            PickTask.id,
            PickTask.seq,
            PickTask.claimed_by,
            PickTask.claimed_station_id,
            PickTask.claimed_at,
            PickTask.touched_at,
            Wave.code,
        )
        .join(Wave, Wave.id == PickTask.wave_id)
        .where(PickTask.status == "claimed", or_(last.is_(None), last < before))
        .order_by(PickTask.id)
        .limit(limit)
    )
    rows = []
    for tid, seq, by, sid, claimed, touched, wave in s.execute(q):
        rows.append(
            ExceptionRow(
                "stale_task",
                touched or claimed,
                "",
                f"{wave} #{seq}",
                task_id=tid,
                wave_code=wave,
                user_name=users.get(by) if by else None,
                station_name=stations.get(sid) if sid else None,
            )
        )
    return rows
