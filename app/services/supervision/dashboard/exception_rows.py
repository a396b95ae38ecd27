"""The dashboard's exceptions: everything that waits for a supervisor's decision, with
the ids the action on it needs (:mod:`app.services.supervision.actions`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import String, and_, cast, func, or_, select
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
    User,
    Wave,
    utcnow,
)
from app.domain.status import PICKING_STARTED, OrderStatus
from app.services.packing import OVERRIDE_APPROVED_EVENT as EVENT_OVERRIDE_APPROVED
from app.services.packing import WEIGHT_MISMATCH_EVENT as EVENT_WEIGHT_MISMATCH
from app.services.supervision.actions import EVENT_INTERCEPTION_RESOLVED

S = OrderStatus
# Most urgent first: the order of the exceptions list on the dashboard.
EXCEPTION_KINDS: tuple[str, ...] = (
    "interception",
    "weight_mismatch",
    "short_pick",
    "stale_task",
    "print_failed",
    "hold",
)
# The packer stopped the order at the bench and put its items aside: stopped, done.
EVENT_PACK_INTERCEPTED = "pack.intercepted"
SHORT_PICK_HOLD = "short_pick"


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
    # Grouped by the whole line: one row per short line, with its first open hold.
    line = (
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
    q = (
        select(*line, func.min(OrderHold.id))
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
        .group_by(*line)
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
        oid: ExceptionRow("interception", at, "", text or "", oid, no, st)
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
