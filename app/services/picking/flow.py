"""The steps every picking change shares: who may touch the task, the scan record,
the task's version, and what happens when the last line of a task is done."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session, aliased

from app.db.models import (
    Order,
    OrderHold,
    PickLine,
    PickTask,
    ScanRecord,
    Tote,
    Wave,
    table_of,
    utcnow,
)
from app.domain.floor_errors import FloorError
from app.domain.pick_records import LineRow, TaskRow
from app.domain.status import OrderStatus
from app.services.audit import Actor, event_row, record, transition_many
from app.services.picking.views import current_line, holder_names, load_lines, load_task

S = OrderStatus
_tasks = table_of(PickTask)
_lines = table_of(PickLine)


def holds(task: TaskRow, actor: Actor) -> bool:
    """Is the task claimed by this station (or, without a station, by this user)?"""
    if task.status != "claimed":
        return False
    if actor.station_id is not None:
        return task.claimed_station_id == actor.station_id
    return task.claimed_station_id is None and task.claimed_by == actor.user_id


def taken_error(session: Session, task: TaskRow) -> FloorError:
    station, user = holder_names(session, task.claimed_by, task.claimed_station_id)
    where = f" at {station}" if station else ""
    who = f" by {user}" if user else ""
    return FloorError(
        "task_taken",
        f"task {task.label} is being picked{where}{who}",
        task=task.label,
        station=station,
        user=user,
    )


def require_holder(session: Session, task: TaskRow, actor: Actor, version: int | None) -> None:
    """Refuse a change to a task this station does not hold, or one that changed since
    the station last looked (``version``)."""
    if task.status == "done":
        raise FloorError(
            "task_done", f"task {task.label} is finished; take the next task", task=task.label
        )
    if task.status != "claimed":
        raise FloorError(
            "not_claimed", f"task {task.label} is not claimed; claim it first", task=task.label
        )
    if not holds(task, actor):
        raise taken_error(session, task)
    if version is not None and version != task.version:
        raise FloorError(
            "stale",
            f"task {task.label} changed at another station; showing it as it is now",
            task=task.label,
        )


def load_for_change(session: Session, task_id: int, scan_id: str) -> tuple[TaskRow, list[LineRow]]:
    """The task under its row lock, with its lines, for a scan or a short; whether
    ``scan_id`` was recorded already is in the task's ``seen``."""
    task = load_task(session, task_id, lock=True, scan_id=scan_id)
    if task is None:
        raise FloorError("no_task", f"there is no pick task {task_id}", task_id=task_id)
    return task, load_lines(session, task_id)


def check_scan_id(scan_id: str) -> None:
    if not scan_id or len(scan_id) > 36:
        raise FloorError("bad_scan_id", "a scan needs an id of 1 to 36 characters", scan_id=scan_id)


# Built once and run on the connection: on the scan path, building statements and the
# ORM's bookkeeping cost more than the database work itself.
_INSERT_SCAN = insert(table_of(ScanRecord))
_TOUCH = update(_tasks).where(_tasks.c.id == bindparam("tid")).values(touched_at=bindparam("at"))
_BUMP = (
    update(_tasks)
    .where(_tasks.c.id == bindparam("tid"))
    .values(version=bindparam("v"), touched_at=bindparam("at"), status=bindparam("st"))
)


def record_scan(
    session: Session,
    actor: Actor,
    scan_id: str,
    text: str,
    ok: bool,
    reason: str,
    *,
    line: LineRow | None = None,
    product_id: int | None = None,
    qty: int = 0,
    at: datetime,
) -> None:
    session.connection().execute(
        _INSERT_SCAN,
        [
            {
                "id": scan_id,
                "at": at,
                "user_id": actor.user_id,
                "station_id": actor.station_id,
                "task": "pick",
                "code": text[:128],
                "result": "ok" if ok else "refused",
                "reason": reason[:64],
                "pick_line_id": line.id if line is not None else None,
                "order_id": line.order_id if line is not None else None,
                "product_id": product_id,
                "qty": qty,
            }
        ],
    )


def touch(session: Session, task: TaskRow, at: datetime) -> None:
    """A refused scan: the task was worked on, nothing else changed."""
    session.connection().execute(_TOUCH, {"tid": task.id, "at": at})


def set_line(session: Session, line: LineRow, **values: Any) -> None:
    for key, value in values.items():
        setattr(line, key, value)
    session.connection().execute(update(_lines).where(_lines.c.id == line.id).values(**values))


def advance(session: Session, task: TaskRow, lines: list[LineRow], done_line: LineRow) -> None:
    """After a line is done: the next line at the same bin needs no second location scan
    (bulk lists carry one line per order, often several at one bin)."""
    nxt = current_line(task.kind, lines)
    if nxt is not None and nxt.location_id == done_line.location_id and not nxt.location_ok:
        set_line(session, nxt, location_ok=True)


_w = table_of(Wave)
_FREE_RELEASED_WAVE = (
    select(_w.c.id)
    .where(_w.c.id == bindparam("wid"), _w.c.status == "released")
    .with_for_update(skip_locked=True)
)
_START_WAVE = (
    update(_w).where(_w.c.id == bindparam("wid")).values(status="picking", version=_w.c.version + 1)
)


def start_wave(session: Session, actor: Actor, task: TaskRow) -> None:
    """Move the task's wave released → picking, unless another transaction holds the
    wave row. The first claims of a wave all read it as released, and waiting for the
    row would queue each behind the one moving it; the holder is usually that one. If
    the holder was something else (a claim that rolled back, a supervisor), the wave
    is still released, and the next claim or accepted scan in it tries again —
    ``_finish`` at the latest, which waits for the row."""
    if task.wave_status != "released":
        return
    if session.connection().execute(_FREE_RELEASED_WAVE, {"wid": task.wave_id}).first() is not None:
        _wave_picking(session, actor, task)


def _wave_picking(session: Session, actor: Actor, task: TaskRow) -> None:
    session.connection().execute(_START_WAVE, {"wid": task.wave_id})
    record(session, "wave", task.wave_id, "wave.picking", {"code": task.wave_code}, actor)


def commit_task(
    session: Session, actor: Actor, task: TaskRow, lines: list[LineRow], at: datetime
) -> tuple[int, str]:
    """Bump the task's version after an accepted change; finish it when no line is left.
    Returns (new version, status)."""
    start_wave(session, actor, task)
    finished = current_line(task.kind, lines) is None
    status = "done" if finished else task.status
    version = task.version + 1
    session.connection().execute(_BUMP, {"tid": task.id, "v": version, "at": at, "st": status})
    if finished:
        _finish(session, actor, task, lines, at)
    return version, status


def _finish(
    session: Session, actor: Actor, task: TaskRow, lines: list[LineRow], at: datetime
) -> None:
    totes = 0
    if any(
        ln.tote_id is not None for ln in lines
    ):  # totes are bound to a task only through its slots
        t = table_of(Tote)
        totes = (
            session.connection()
            .execute(
                update(t)
                .where(t.c.pick_task_id == task.id, t.c.status == "picking")
                .values(status="picked", version=t.c.version + 1)
            )
            .rowcount
        )
    done = event_row(
        "pick_task",
        task.id,
        "task.done",
        {
            "task": task.label,
            "lines": len(lines),
            "units": sum(ln.picked_qty for ln in lines),
            "totes": totes,
        },
        actor,
    )
    _orders_picked(session, actor, task, {ln.order_id for ln in lines}, done)
    # The wave row is the lock two stations finishing the wave's last two tasks queue
    # on; without it each could see the other's task still open and neither closes it.
    # Taken last, so that it is held only for the count and the commit: every station
    # finishing a task in this wave queues on it.
    status = session.connection().execute(_LOCK_WAVE, {"wid": task.wave_id}).scalar_one()
    if status == "released":  # no claim or scan could move it: its record comes before the close
        _wave_picking(session, actor, task)
    left = session.connection().execute(_LEFT_IN_WAVE, {"wid": task.wave_id}).scalar_one()
    if left == 0:
        # A paused wave closes too: pausing stops handing out open tasks, and none is left.
        closed = (
            session.connection()
            .execute(
                update(_w)
                .where(_w.c.id == task.wave_id, _w.c.status.in_(("released", "picking", "paused")))
                .values(status="picked", version=_w.c.version + 1)
            )
            .rowcount
        )
        if closed:
            record(session, "wave", task.wave_id, "wave.picked", {"code": task.wave_code}, actor)


_LOCK_WAVE = select(Wave.status).where(Wave.id == bindparam("wid")).with_for_update()
_LEFT_IN_WAVE = (
    select(func.count())
    .select_from(PickTask)
    .where(PickTask.wave_id == bindparam("wid"), PickTask.status != "done")
)
_lines_o = aliased(PickLine)
# Orders whose every line is done: none open, and no short line on a cart whose found
# units are still in the picker's hand; an order with a short that found no stock
# stays in picking under its hold for a supervisor.
_READY = select(Order.id).where(
    Order.id.in_(bindparam("ids", expanding=True)),
    ~select(_lines_o.id)
    .where(
        _lines_o.order_id == Order.id,
        (_lines_o.status == "open")
        | ((_lines_o.status == "short") & (_lines_o.picked_qty > 0) & _lines_o.picked_at.is_(None)),
    )
    .exists(),
    ~select(OrderHold.id)
    .where(
        OrderHold.order_id == Order.id,
        OrderHold.code == "short_pick",
        OrderHold.released_at.is_(None),
    )
    .exists(),
)


def _orders_picked(
    session: Session, actor: Actor, task: TaskRow, order_ids: set[int], done: dict[str, Any]
) -> None:
    """Orders of the task whose every line is done go picking → picked, in one update
    and one insert of their events with the task's ``done`` event."""
    ready = _READY.params(ids=sorted(order_ids))
    transition_many(
        session, ready, S.PICKING, S.PICKED, actor, what=task.label, along=[done], task=task.label
    )


def now() -> datetime:
    return utcnow()
