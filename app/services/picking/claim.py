"""Picking (拣货): stations claim routed pick tasks and walk them, scan by scan.

A station holds at most one task. :func:`claim_next_task` gives it back the task it
already holds (after a quit or a crash), else claims the oldest open task of a
released or picking wave: ``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL, so
stations claiming at the same moment each get a different task without waiting;
on SQLite the unit of work's ``BEGIN IMMEDIATE`` makes the claim atomic. Claiming
moves the wave to picking and the task's orders from waved to picking.

The walk itself is :func:`scan` (``picking_scan``) and :func:`short_pick`
(``picking_short``); the views are in ``picking_views``. Every function opens its
own unit of work and returns frozen dataclasses; refusals are :class:`FloorError`
with a stable ``code``:

``no_task`` ``task_taken`` ``task_done`` ``not_claimed`` ``holding_other``
``wave_closed`` ``stale`` ``bad_scan_id`` ``no_line`` ``nothing_to_short``
``bad_found_qty`` ``bad_reason`` ``stock_mismatch`` ``no_wave``
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, func, select, tuple_, update
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import PickLine, PickTask, TaskSlot, Wave, table_of
from app.domain.floor_errors import FloorError
from app.domain.pick_records import (
    SHORT_REASONS,
    STEPS,
    LineView,
    Progress,
    ScanOutcome,
    ShortOutcome,
    TaskRow,
    TaskSummary,
    TaskView,
    WaveProgress,
)
from app.domain.status import OrderStatus
from app.services.audit import Actor, event_row, record, transition_many
from app.services.picking.flow import holds, now, start_wave, taken_error
from app.services.picking.plan import TaskPlan, task_plan  # noqa: F401 - re-exported for offline picking
from app.services.picking.scan import scan
from app.services.picking.short import short_pick
from app.services.picking.views import (
    load_lines,
    load_task,
    make_view,
    view_of,
    wave_lines_progress,
)

__all__ = [
    "SHORT_REASONS",
    "STEPS",
    "LineView",
    "Progress",
    "ScanOutcome",
    "ShortOutcome",
    "TaskSummary",
    "TaskView",
    "WaveProgress",
    "claim_next_task",
    "claim_task",
    "current_task",
    "list_open_tasks",
    "release_task",
    "scan",
    "short_pick",
    "wave_progress",
]

S = OrderStatus
PICKABLE_WAVES = ("released", "picking")
_tasks = table_of(PickTask)


def _held_task_id(session: Session, actor: Actor) -> int | None:
    q = select(PickTask.id).where(PickTask.status == "claimed")
    if actor.station_id is not None:
        q = q.where(PickTask.claimed_station_id == actor.station_id)
    else:
        q = q.where(PickTask.claimed_station_id.is_(None), PickTask.claimed_by == actor.user_id)
    return session.scalar(q.order_by(PickTask.claimed_at, PickTask.id).limit(1))


# What a station already has, in one probe: a task it holds, else one a supervisor
# re-assigned to its user without naming a station (ordered after the held ones).
_MINE = (
    select(PickTask.id, PickTask.claimed_station_id)
    .where(
        PickTask.status == "claimed",
        (PickTask.claimed_station_id == bindparam("station_id"))
        | (PickTask.claimed_station_id.is_(None) & (PickTask.claimed_by == bindparam("user_id"))),
    )
    .order_by(PickTask.claimed_station_id.is_(None), PickTask.claimed_at, PickTask.id)
    .limit(1)
)


def _own_task_id(session: Session, actor: Actor) -> int | None:
    """The task this station holds, else one handed over to its user, which the station
    takes over here (the first station the user claims work at)."""
    if actor.station_id is None:
        return _held_task_id(session, actor)
    mine = (
        session.connection()
        .execute(_MINE, {"station_id": actor.station_id, "user_id": actor.user_id})
        .first()
    )
    if mine is None:
        return None
    if mine.claimed_station_id is not None:
        return mine.id
    return _take_over(session, actor)


def _take_over(session: Session, actor: Actor) -> int | None:
    task_id = session.scalar(
        select(PickTask.id)
        .where(
            PickTask.status == "claimed",
            PickTask.claimed_by == actor.user_id,
            PickTask.claimed_station_id.is_(None),
        )
        .order_by(PickTask.claimed_at, PickTask.id)
        .limit(1)
        .with_for_update()
    )
    if task_id is not None:
        session.execute(
            update(PickTask)
            .where(PickTask.id == task_id)
            .values(claimed_station_id=actor.station_id, version=PickTask.version + 1)
        )
        record(
            session,
            "pick_task",
            task_id,
            "task.taken_over",
            {"station_id": actor.station_id},
            actor,
        )
    return task_id


# Waves are looked at a few at a time, oldest first; a floor rarely has more than a
# handful whose every open task is being claimed at this very moment.
_WAVE_BATCH = 8
_HAS_OPEN = (
    select(PickTask.id).where(PickTask.wave_id == Wave.id, PickTask.status == "open").exists()
)
_FIRST_OPEN = (
    select(PickTask.id)
    .where(PickTask.wave_id == bindparam("wave_id"), PickTask.status == "open")
    .order_by(PickTask.seq)
    .limit(1)
    .with_for_update(skip_locked=True)
)


def _next_open_task(session: Session, warehouse_id: int | None) -> int | None:
    """The first open task, by wave age then task order, that no other station is
    claiming right now (locked for this one, ``SKIP LOCKED``).

    Wave by wave rather than one query over every open task: that query sorted the
    whole floor's open tasks on every claim (milliseconds of server work per claim
    once tens of thousands wait), while a wave's first unlocked open task is one
    index probe. Under the same snapshot rules both give the same task."""
    after: tuple[datetime, int] | None = None
    while True:
        q = select(Wave.created_at, Wave.id).where(Wave.status.in_(PICKABLE_WAVES), _HAS_OPEN)
        if warehouse_id is not None:
            q = q.where(Wave.warehouse_id == warehouse_id)
        if after is not None:
            q = q.where(tuple_(Wave.created_at, Wave.id) > tuple_(*after))
        waves = (
            session.connection()
            .execute(q.order_by(Wave.created_at, Wave.id).limit(_WAVE_BATCH))
            .all()
        )
        for _, wave_id in waves:
            task_id = session.connection().scalar(_FIRST_OPEN, {"wave_id": wave_id})
            if task_id is not None:
                return task_id
        if len(waves) < _WAVE_BATCH:
            return None
        after = (waves[-1][0], waves[-1][1])


def current_task(db: Database, actor: Actor) -> TaskView | None:
    """The task this station holds, at the step it was left; None if it holds none."""
    with db.read() as session:
        held = _held_task_id(session, actor)
        return view_of(session, held) if held is not None else None


def claim_next_task(db: Database, actor: Actor, warehouse_id: int | None = None) -> TaskView | None:
    """The task this station holds, else the oldest open one (by wave age, then task
    order) in ``warehouse_id`` (None: any warehouse); None when there is no work."""
    with db.unit_of_work() as session:
        own = _own_task_id(session, actor)
        if own is not None:
            return view_of(session, own)
        task_id = _next_open_task(session, warehouse_id)
        if task_id is None:
            return None
        task = load_task(session, task_id)
        assert task is not None
        view = _claimed_view(session, task)  # read before the claim's writes: see _claim
        _claim(session, actor, task)
        return view


def claim_task(db: Database, actor: Actor, task_id: int) -> TaskView:
    """Take one particular open task (from the chooser). Refused when someone else holds
    it (``task_taken``, naming the station and the picker), when it is finished, or when
    this station is still holding another task (``holding_other``)."""
    with db.unit_of_work() as session:
        # Waits for a station claiming the same task right now, then sees its claim.
        task = load_task(session, task_id, lock=True)
        if task is None:
            raise FloorError("no_task", f"there is no pick task {task_id}", task_id=task_id)
        if holds(task, actor):
            return _view(session, task_id)
        if task.status == "claimed":
            raise taken_error(session, task)
        if task.status == "done":
            raise FloorError("task_done", f"task {task.label} is finished", task=task.label)
        if task.wave_status not in PICKABLE_WAVES:
            raise FloorError(
                "wave_closed",
                f"wave {task.wave_code} is {task.wave_status}; its tasks cannot be picked",
                wave=task.wave_code,
                status=task.wave_status,
            )
        held = _held_task_id(session, actor)
        if held is not None:
            other = load_task(session, held)
            assert other is not None
            raise FloorError(
                "holding_other",
                f"this station is picking task {other.label}; finish or release it first",
                task=other.label,
            )
        view = _claimed_view(session, task)
        _claim(session, actor, task)
        return view


def release_task(db: Database, actor: Actor, task_id: int) -> TaskView:
    """Give a claimed task back (open again, progress and bound totes kept)."""
    with db.unit_of_work() as session:
        task = load_task(session, task_id, lock=True)
        if task is None:
            raise FloorError("no_task", f"there is no pick task {task_id}", task_id=task_id)
        if task.status == "done":
            raise FloorError("task_done", f"task {task.label} is finished", task=task.label)
        if not holds(task, actor):
            if task.status == "claimed":
                raise taken_error(session, task)
            raise FloorError("not_claimed", f"task {task.label} is not claimed", task=task.label)
        session.execute(
            update(_tasks)
            .where(_tasks.c.id == task_id)
            .values(
                status="open",
                claimed_by=None,
                claimed_station_id=None,
                claimed_at=None,
                touched_at=now(),
                version=_tasks.c.version + 1,
            )
        )
        record(session, "pick_task", task_id, "task.released", {"task": task.label}, actor)
        return _view(session, task_id)


def list_open_tasks(db: Database, warehouse_id: int | None = None) -> list[TaskSummary]:
    """Open tasks of released or picking waves, oldest first, for a chooser."""
    with db.read() as session:
        q = (
            select(
                PickTask.id.label("task_id"),
                PickTask.seq.label("task_seq"),
                Wave.id.label("wave_id"),
                Wave.code.label("wave_code"),
                PickTask.kind.label("kind"),
                Wave.sort_mode.label("sort_mode"),
                func.count(func.distinct(PickLine.order_id)).label("orders"),
                func.count(PickLine.id).label("lines"),
                func.coalesce(func.sum(PickLine.qty - PickLine.picked_qty), 0).label("units"),
                PickTask.distance.label("distance"),
                Wave.created_at.label("wave_created_at"),
            )
            .join(Wave, Wave.id == PickTask.wave_id)
            .outerjoin(
                PickLine, (PickLine.pick_task_id == PickTask.id) & (PickLine.status == "open")
            )
            .where(PickTask.status == "open", Wave.status.in_(PICKABLE_WAVES))
            .group_by(
                PickTask.id,
                PickTask.seq,
                Wave.id,
                Wave.code,
                PickTask.kind,
                Wave.sort_mode,
                PickTask.distance,
                Wave.created_at,
            )
            .order_by(Wave.created_at, Wave.id, PickTask.seq)
        )
        if warehouse_id is not None:
            q = q.where(Wave.warehouse_id == warehouse_id)
        return [
            TaskSummary(
                task_id=r.task_id,
                task_seq=r.task_seq,
                wave_id=r.wave_id,
                wave_code=r.wave_code,
                kind=r.kind,
                sort_mode=r.sort_mode,
                orders=int(r.orders),
                lines=int(r.lines),
                units=int(r.units),
                distance=float(r.distance),
                wave_created_at=r.wave_created_at,
            )
            for r in session.execute(q)
        ]


def wave_progress(db: Database, wave_id: int) -> WaveProgress:
    with db.read() as session:
        wave = session.execute(select(Wave.code, Wave.status).where(Wave.id == wave_id)).first()
        if wave is None:
            raise FloorError("no_wave", f"there is no wave {wave_id}", wave_id=wave_id)
        counts = dict(
            session.execute(
                select(PickTask.status, func.count())
                .where(PickTask.wave_id == wave_id)
                .group_by(PickTask.status)
            ).all()
        )
        return WaveProgress(
            wave_id=wave_id,
            wave_code=wave.code,
            status=wave.status,
            tasks_total=sum(counts.values()),
            tasks_open=counts.get("open", 0),
            tasks_claimed=counts.get("claimed", 0),
            tasks_done=counts.get("done", 0),
            progress=wave_lines_progress(session, wave_id),
        )


def _view(session: Session, task_id: int) -> TaskView:
    view = view_of(session, task_id)
    assert view is not None
    return view


def _claimed_view(session: Session, task: TaskRow) -> TaskView:
    """The view :func:`_claim` will leave: the task row as read (under its lock) with the
    claim's status and version. Claiming changes no line, so the lines may be read first."""
    return make_view(task, load_lines(session, task.id), status="claimed", version=task.version + 1)


def _orders_picking(session: Session, actor: Actor, task: TaskRow) -> None:
    """The task's waved orders go waved → picking in one statement, their events and
    the claim's own in one insert: a cart of eight orders moved one by one would cost
    sixteen round trips inside every claim."""
    # As a subquery expression: the same IN (SELECT … UNION SELECT …) as the union itself.
    order_ids = (
        select(PickLine.order_id)
        .where(PickLine.pick_task_id == task.id)
        .union(select(TaskSlot.order_id).where(TaskSlot.pick_task_id == task.id))
        .scalar_subquery()
    )
    claimed = event_row("pick_task", task.id, "task.claimed", {"task": task.label}, actor)
    transition_many(
        session,
        order_ids,
        S.WAVED,
        S.PICKING,
        actor,
        what=task.label,
        along=[claimed],
        task=task.label,
    )


def _claim(session: Session, actor: Actor, task: TaskRow) -> None:
    at = now()
    claimed = (
        session.connection()
        .execute(
            update(_tasks)
            .where(_tasks.c.id == task.id, _tasks.c.status == "open")
            .values(
                status="claimed",
                claimed_by=actor.user_id,
                claimed_station_id=actor.station_id,
                claimed_at=at,
                touched_at=at,
                version=_tasks.c.version + 1,
            )
        )
        .rowcount
    )
    if claimed != 1:  # the row was locked or the write lock held: only a bug gets here
        raise FloorError(
            "task_taken",
            f"task {task.label} was claimed by another station",
            task=task.label,
            station="",
            user="",
        )
    _orders_picking(session, actor, task)
    start_wave(session, actor, task)  # last, just before the commit: see start_wave
