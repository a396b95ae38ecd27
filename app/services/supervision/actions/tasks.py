"""A supervisor's hand on pick tasks: take one from its picker, or give it to another.

A task is changed only if nobody changed it since it was read (its ``version``):
the picking stations write the same rows.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import exists, func, select, update
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import PickLine, PickTask, ScanRecord, User, table_of, utcnow
from app.domain.floor_errors import FloorError
from app.services.audit import Actor, record
from app.services.supervision.actions.guards import (
    ActionDone,
    by_whom,
    get_row,
    require_reason,
    rows_changed,
    supervisor,
)


def _open_task(s: Session, task_id: int) -> PickTask:
    task = get_row(s, PickTask, task_id, "pick task")
    if task.status == "done":
        raise FloorError("task_done", f"Pick task {task_id} is finished already.", task=task_id)
    return task


def _bump(s: Session, task: PickTask, **values: Any) -> None:
    """Write ``values`` only if nobody changed the task since we read it."""
    t = table_of(PickTask)
    done = rows_changed(
        s,
        update(t)
        .where(t.c.id == task.id, t.c.version == task.version)
        .values(version=task.version + 1, **values),
    )
    if done != 1:
        raise FloorError(
            "task_changed",
            f"Pick task {task.id} was changed at another station; look again.",
            task=task.id,
        )
    s.expire(task)


def release_task(db: Database, actor: Actor, task_id: int, reason: str) -> ActionDone:
    """Take a claimed task from its picker: it is open again for anyone, with the lines
    already picked still picked (progress is kept)."""
    why = require_reason(reason)
    with db.unit_of_work() as s:
        user = supervisor(s, actor, "manage_tasks")
        task = _open_task(s, task_id)
        if task.status != "claimed":
            raise FloorError("task_not_claimed", f"Nobody holds pick task {task_id}.", task=task_id)
        holder = s.get(User, task.claimed_by) if task.claimed_by else None
        before = {"claimed_by": task.claimed_by, "station_id": task.claimed_station_id}
        _bump(s, task, status="open", claimed_by=None, claimed_station_id=None, claimed_at=None)
        picked = s.scalar(
            select(func.count())
            .select_from(PickLine)
            .where(PickLine.pick_task_id == task_id, PickLine.status != "open")
        )
        record(
            s,
            "pick_task",
            task_id,
            "task.released",
            by_whom(user, why, was=holder.name if holder else None, lines_done=picked, **before),
            actor,
        )
        return ActionDone(
            "release_task",
            f"Pick task {task_id} released from {holder.name if holder else 'nobody'} by {user.name}",
            details=(("from", holder.name if holder else None),),
        )


def reassign_task(
    db: Database,
    actor: Actor,
    task_id: int,
    user_id: int,
    reason: str,
    station_id: int | None = None,
) -> ActionDone:
    """Give a task to another person, claimed in their name at ``station_id``, or else
    at the station they scanned at last if it holds no other task (the picking screen
    resumes the task its station holds); else at no station, in their name only."""
    why = require_reason(reason)
    with db.unit_of_work() as s:
        user = supervisor(s, actor, "manage_tasks")
        task = _open_task(s, task_id)
        target = get_row(s, User, user_id, "user", lock=False)
        if not target.active:
            raise FloorError(
                "user_inactive", f"{target.name} is not an active user.", name=target.name
            )
        holder = s.get(User, task.claimed_by) if task.claimed_by else None
        station = station_id if station_id is not None else _free_station_of(s, target.id, task.id)
        _bump(
            s,
            task,
            status="claimed",
            claimed_by=target.id,
            claimed_station_id=station,
            claimed_at=utcnow(),
        )
        record(
            s,
            "pick_task",
            task_id,
            "task.reassigned",
            by_whom(
                user,
                why,
                was=holder.name if holder else None,
                was_id=holder.id if holder else None,
                to=target.name,
                to_id=target.id,
                station_id=station,
            ),
            actor,
        )
        return ActionDone(
            "reassign_task",
            f"Pick task {task_id} given to {target.name} by {user.name}",
            details=(
                ("to", target.name),
                ("from", holder.name if holder else None),
                ("station_id", station),
            ),
        )


def _free_station_of(s: Session, user_id: int, task_id: int) -> int | None:
    """The station the user scanned at last, if it is not holding another task."""
    station = s.scalar(
        select(ScanRecord.station_id)
        .where(ScanRecord.user_id == user_id, ScanRecord.station_id.is_not(None))
        .order_by(ScanRecord.at.desc())
        .limit(1)
    )
    if station is None:
        return None
    busy = s.scalar(
        select(
            exists().where(
                PickTask.claimed_station_id == station,
                PickTask.status == "claimed",
                PickTask.id != task_id,
            )
        )
    )
    return None if busy else station
