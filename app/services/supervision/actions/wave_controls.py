"""A supervisor's controls over waves: pause, resume, cancel, and building new ones.

Cancelling a wave takes back only the tasks nobody has started: an open task with
no line touched, no scan against it and no tote on it. Those tasks, their slots and
pick lines are deleted (nothing refers to them yet, so nothing is lost; the
reservations stay, the stock is still promised to the orders), and their orders go
back to allocated with the waved → allocated transition, ready for the next wave.
Tasks already under way stay and are finished normally; the wave is marked cancelled
only when none is left. Deleting beats a "cancelled" line status because every
query about pick lines (the picking screen's, the dashboard's) would otherwise have
to learn to skip them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from sqlalchemy import delete, exists, select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Order, PickLine, PickTask, ScanRecord, TaskSlot, Tote, Wave
from app.domain.floor_errors import FloorError
from app.services.audit import Actor, record, transition
from app.services.supervision.actions.guards import (
    ActionDone,
    S,
    by_whom,
    get_row,
    require_reason,
    supervisor,
)
from app.services.waves import BuildResult, WaveOptions, build_waves

PAUSABLE = ("released", "picking")


def pause_wave(db: Database, actor: Actor, wave_id: int, reason: str) -> ActionDone:
    """Stop handing out the wave's open tasks (the picking screen claims tasks of
    released and picking waves only); claimed ones are finished."""
    why = require_reason(reason)
    with db.unit_of_work() as s:
        user = supervisor(s, actor, "manage_waves")
        wave = get_row(s, Wave, wave_id, "wave")
        if wave.status not in PAUSABLE:
            raise FloorError(
                "wave_status",
                f"Wave {wave.code} is {wave.status}; only a wave being picked can be paused.",
                wave=wave.code,
                status=wave.status,
            )
        was = wave.status
        wave.status = "paused"
        wave.version += 1
        record(
            s, "wave", wave.id, "wave.paused", by_whom(user, why, code=wave.code, was=was), actor
        )
        return ActionDone(
            "pause_wave", f"Wave {wave.code} paused by {user.name}", details=(("code", wave.code),)
        )


def resume_wave(db: Database, actor: Actor, wave_id: int, reason: str) -> ActionDone:
    """Hand out the wave's tasks again: back to picking if any task was started, else
    to released."""
    why = require_reason(reason)
    with db.unit_of_work() as s:
        user = supervisor(s, actor, "manage_waves")
        wave = get_row(s, Wave, wave_id, "wave")
        if wave.status != "paused":
            raise FloorError(
                "wave_status",
                f"Wave {wave.code} is {wave.status}, not paused.",
                wave=wave.code,
                status=wave.status,
            )
        started = s.scalar(
            select(
                exists().where(
                    PickTask.wave_id == wave.id,
                    (PickTask.status != "open") | PickTask.claimed_at.is_not(None),
                )
            )
        ) or s.scalar(
            select(
                exists().where(
                    PickLine.pick_task_id == PickTask.id,
                    PickTask.wave_id == wave.id,
                    PickLine.status != "open",
                )
            )
        )
        wave.status = "picking" if started else "released"
        wave.version += 1
        record(
            s,
            "wave",
            wave.id,
            "wave.resumed",
            by_whom(user, why, code=wave.code, to=wave.status),
            actor,
        )
        return ActionDone(
            "resume_wave",
            f"Wave {wave.code} resumed by {user.name}",
            details=(("code", wave.code),),
        )


def _started_tasks(s: Session, task_ids: list[int]) -> set[int]:
    """Tasks of the list somebody has begun (see the module note)."""
    started = set(
        s.scalars(select(PickTask.id).where(PickTask.id.in_(task_ids), PickTask.status != "open"))
    )
    started |= set(
        s.scalars(
            select(PickLine.pick_task_id).where(
                PickLine.pick_task_id.in_(task_ids),
                (PickLine.status != "open")
                | (PickLine.picked_qty > 0)
                | PickLine.location_ok.is_(True),
            )
        )
    )
    started |= set(
        s.scalars(
            select(PickLine.pick_task_id)
            .join(ScanRecord, ScanRecord.pick_line_id == PickLine.id)
            .where(PickLine.pick_task_id.in_(task_ids))
        )
    )
    started |= set(s.scalars(select(Tote.pick_task_id).where(Tote.pick_task_id.in_(task_ids))))
    return started


def cancel_wave(db: Database, actor: Actor, wave_id: int, reason: str) -> ActionDone:
    """Take back the wave's unstarted tasks and return their orders to allocated (see
    the module note); the wave is cancelled when no task is left."""
    why = require_reason(reason)
    with db.unit_of_work() as s:
        user = supervisor(s, actor, "manage_waves")
        wave = get_row(s, Wave, wave_id, "wave")
        if wave.status in ("cancelled", "picked"):
            raise FloorError(
                "wave_status",
                f"Wave {wave.code} is {wave.status}; there is nothing to cancel.",
                wave=wave.code,
                status=wave.status,
            )
        task_ids = list(
            s.scalars(select(PickTask.id).where(PickTask.wave_id == wave.id).with_for_update())
        )
        started = _started_tasks(s, task_ids) if task_ids else set()
        take = [t for t in task_ids if t not in started]
        members: dict[int, set[int]] = defaultdict(set)
        for tid, oid in [
            *s.execute(
                select(PickLine.pick_task_id, PickLine.order_id).where(
                    PickLine.pick_task_id.in_(take)
                )
            ),
            *s.execute(
                select(TaskSlot.pick_task_id, TaskSlot.order_id).where(
                    TaskSlot.pick_task_id.in_(take)
                )
            ),
        ]:
            members[tid].add(oid)
        status = dict(
            s.execute(
                select(Order.id, Order.status).where(
                    Order.id.in_({o for ids in members.values() for o in ids})
                )
            ).all()
        )
        # A task with an order that is no longer simply waved (cancelled meanwhile, say)
        # is not ours to undo: it stays and is dealt with on the floor.
        take = [t for t in take if all(status.get(o) == S.WAVED.value for o in members[t])]
        for i in range(0, len(take), 500):
            chunk = take[i : i + 500]
            s.execute(delete(PickLine).where(PickLine.pick_task_id.in_(chunk)))
            s.execute(delete(TaskSlot).where(TaskSlot.pick_task_id.in_(chunk)))
            s.execute(delete(PickTask).where(PickTask.id.in_(chunk)))
        returned = sorted({o for t in take for o in members[t]})
        still_picking = set(
            s.scalars(select(PickLine.order_id).where(PickLine.order_id.in_(returned)))
        )
        orders = list(
            s.scalars(
                select(Order)
                .where(Order.id.in_([o for o in returned if o not in still_picking]))
                .order_by(Order.id)
                .with_for_update()
            )
        )
        for o in orders:
            o.wave_id = None
            transition(s, o, S.ALLOCATED, actor, reason=why, wave=wave.code, by=user.name)
        kept = len(task_ids) - len(take)
        # The tasks are locked: their status is current. When every task left is finished
        # (the last one just before this cancel), no station will close the wave.
        finished = kept > 0 and not s.scalar(
            select(
                exists().where(
                    PickTask.id.in_(sorted(set(task_ids) - set(take))),
                    PickTask.status != "done",
                )
            )
        )
        if kept == 0:
            wave.status = "cancelled"
        elif finished:
            wave.status = "picked"
        wave.version += 1
        record(
            s,
            "wave",
            wave.id,
            "wave.cancelled",
            by_whom(
                user,
                why,
                code=wave.code,
                tasks_removed=len(take),
                tasks_kept=kept,
                orders_returned=len(orders),
                complete=kept == 0,
            ),
            actor,
        )
        if finished:
            record(s, "wave", wave.id, "wave.picked", {"code": wave.code}, actor)
        summary = f"Wave {wave.code}: {len(take)} tasks taken back, {len(orders)} orders back to allocated"
        if kept:
            summary += f"; {kept} tasks already started stay"
        return ActionDone(
            "cancel_wave",
            summary,
            details=(
                ("code", wave.code),
                ("tasks_removed", len(take)),
                ("tasks_kept", kept),
                ("orders_returned", len(orders)),
            ),
        )


def build_waves_preview(db: Database, options: WaveOptions) -> BuildResult:
    """The waves a build would make now, written nowhere (``BuildResult.as_json()``)."""
    return build_waves(db, replace(options, dry_run=True))


def build_waves_now(db: Database, actor: Actor, options: WaveOptions) -> BuildResult:
    """Build and release the waves; each ``wave.released`` event names the supervisor."""
    with db.read() as s:
        supervisor(s, actor, "manage_waves")
    return build_waves(db, replace(options, dry_run=False), actor)
