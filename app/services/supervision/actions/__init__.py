"""What a supervisor does about an exception or a wave: each action is one transaction
that changes the state and writes an event saying who did it and why.

Every action needs a supervisor (``actor.user_id`` an active supervisor or admin)
and, except a print retry, a reason; otherwise it raises :class:`FloorError` with a
stable code and changes nothing:

=================== ==================================================================
code                meaning
=================== ==================================================================
reason_required     no reason given
not_supervisor      the actor is not an active supervisor or admin
not_found           the order / hold / task / job / wave / user does not exist
hold_not_open       the hold was released already (or is another order's)
task_done           the task is finished; nothing to release or reassign
task_not_claimed    nobody holds the task
task_changed        someone else changed the task meanwhile; look again
user_inactive       the user to give a task to is not active
not_cancellable     the order is shipped, completed or cancelled already
no_weight_mismatch  nothing to approve: no refused weight waits for this order
job_not_failed      the print job is not a failed one
wave_status         the wave is not in a state the control applies to (a wave is
                    released → picking → picked; paused and cancelled are ours)
no_interception     the order has nothing to intercept
=================== ==================================================================

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
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import delete, exists, func, select, update
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import (
    Event,
    Order,
    OrderHold,
    PickLine,
    PickTask,
    PrintJob,
    ScanRecord,
    TaskSlot,
    Tote,
    User,
    Wave,
    table_of,
    utcnow,
)
from app.domain.floor_errors import FloorError
from app.domain.status import OrderStatus
from app.services.audit import Actor, record, transition
from app.services.packing import OVERRIDE_APPROVED_EVENT as EVENT_OVERRIDE_APPROVED
from app.services.packing import WEIGHT_MISMATCH_EVENT as EVENT_WEIGHT_MISMATCH
from app.services.warehouse import release_reservations
from app.services.waves import BuildResult, WaveOptions, build_waves

S = OrderStatus
SUPERVISOR_ROLES = frozenset({"supervisor", "admin"})
MAX_REASON = 500
EVENT_INTERCEPTION_RESOLVED = "order.interception_resolved"
_FINAL = {S.SHIPPED.value, S.COMPLETED.value, S.CANCELLED.value}


@dataclass(frozen=True, slots=True)
class ActionDone:
    """What an action did, for the feedback line and the log."""

    action: str  # release_hold | release_task | … (the function's name)
    summary: str  # an English sentence
    order_no: str | None = None
    details: tuple[tuple[str, Any], ...] = ()

    def detail(self, key: str, default: Any = None) -> Any:
        return dict(self.details).get(key, default)


# --------------------------------------------------------------------------- guards


def _reason(reason: str | None) -> str:
    text = (reason or "").strip()
    if not text:
        raise FloorError(
            "reason_required",
            "Give a reason: every supervisor action is recorded with who did it and why.",
        )
    if len(text) > MAX_REASON:
        raise FloorError(
            "reason_too_long",
            f"The reason is {len(text)} characters long; keep it under {MAX_REASON}.",
            length=len(text),
            limit=MAX_REASON,
        )
    return text


def _supervisor(s: Session, actor: Actor) -> User:
    user = s.get(User, actor.user_id) if actor.user_id is not None else None
    if user is None or not user.active or user.role not in SUPERVISOR_ROLES:
        who = f"{user.name} ({user.role})" if user is not None else "nobody signed in"
        raise FloorError(
            "not_supervisor",
            f"Only a supervisor may do this; this station has {who}.",
            who=who,
        )
    return user


def _get(s: Session, model: type[Any], ident: int, what: str, lock: bool = True) -> Any:
    q = select(model).where(model.id == ident)
    if lock:
        q = q.with_for_update()
    obj = s.scalar(q)
    if obj is None:
        raise FloorError("not_found", f"There is no {what} {ident}.", what=what, id=ident)
    return obj


def _by(user: User, reason: str, **payload: Any) -> dict[str, Any]:
    return {"reason": reason, "by": user.name, **payload}


# --------------------------------------------------------------------------- holds


def release_hold(
    db: Database, actor: Actor, order_id: int, hold_id: int, reason: str
) -> ActionDone:
    """Release one hold. An on-hold order whose last open hold this was goes to
    approved. A short-pick hold (an order in picking) released means "ship what was
    found": once every line of the order is resolved it goes to picked; until then the
    picking station moves it on when the task is done."""
    why = _reason(reason)
    with db.unit_of_work() as s:
        user = _supervisor(s, actor)
        order = _get(s, Order, order_id, "order")
        hold = _get(s, OrderHold, hold_id, "hold")
        if hold.order_id != order.id or hold.released_at is not None:
            raise FloorError(
                "hold_not_open",
                f"Order {order.order_no} has no open hold {hold_id}.",
                order_no=order.order_no,
            )
        hold.released_at = utcnow()
        hold.released_by = user.id
        record(
            s,
            "order",
            order.id,
            "order.hold_released",
            _by(user, why, order_no=order.order_no, codes=[hold.code], hold_id=hold.id),
            actor,
        )
        still_open = s.scalar(
            select(func.count())
            .select_from(OrderHold)
            .where(OrderHold.order_id == order.id, OrderHold.released_at.is_(None))
        )
        approved = picked = False
        if not still_open and order.status == S.ON_HOLD.value:
            order.needs_review = False
            transition(s, order, S.APPROVED, actor, reason=why, released=[hold.code])
            approved = True
        elif (
            not still_open and order.status == S.PICKING.value and _all_lines_resolved(s, order.id)
        ):
            # The picker finished the task while the order waited: it goes on, short.
            transition(s, order, S.PICKED, actor, reason=why, released=[hold.code])
            picked = True
        summary = f"Hold {hold.code} on order {order.order_no} released by {user.name}"
        if approved:
            summary += "; the order is approved"
        if picked:
            summary += "; the order goes to packing with what was found"
        return ActionDone(
            "release_hold",
            summary,
            order.order_no,
            (("code", hold.code), ("approved", approved), ("picked", picked)),
        )


def _all_lines_resolved(s: Session, order_id: int) -> bool:
    """Nothing left to pick or to put into a tote (the picking service's own test)."""
    return not s.scalar(
        select(
            exists().where(
                PickLine.order_id == order_id,
                (PickLine.status == "open")
                | (
                    (PickLine.status == "short")
                    & (PickLine.picked_qty > 0)
                    & PickLine.picked_at.is_(None)
                ),
            )
        )
    )


# --------------------------------------------------------------------------- tasks


def _open_task(s: Session, task_id: int) -> PickTask:
    task: PickTask = _get(s, PickTask, task_id, "pick task")
    if task.status == "done":
        raise FloorError("task_done", f"Pick task {task_id} is finished already.", task=task_id)
    return task


def _bump(s: Session, task: PickTask, **values: Any) -> None:
    """Write ``values`` only if nobody changed the task since we read it."""
    t = table_of(PickTask)
    done = s.execute(
        update(t)
        .where(t.c.id == task.id, t.c.version == task.version)
        .values(version=task.version + 1, **values)
    ).rowcount
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
    why = _reason(reason)
    with db.unit_of_work() as s:
        user = _supervisor(s, actor)
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
            _by(user, why, was=holder.name if holder else None, lines_done=picked, **before),
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
    why = _reason(reason)
    with db.unit_of_work() as s:
        user = _supervisor(s, actor)
        task = _open_task(s, task_id)
        target: User = _get(s, User, user_id, "user", lock=False)
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
            _by(
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


# --------------------------------------------------------------------------- orders


def _untouched_lines(s: Session, order_id: int) -> list[PickLine] | None:
    """The order's pick lines if none has been worked on and each sits in an open
    task nobody holds; None if picking has (or may have) started."""
    lines = list(s.scalars(select(PickLine).where(PickLine.order_id == order_id)))
    if not lines:
        return []
    if any(ln.status != "open" or ln.picked_qty or ln.location_ok for ln in lines):
        return None
    task_ids = {ln.pick_task_id for ln in lines}
    if s.scalar(
        select(func.count())
        .select_from(PickTask)
        .where(PickTask.id.in_(task_ids), PickTask.status != "open")
    ):
        return None
    scanned = s.scalar(select(exists().where(ScanRecord.pick_line_id.in_([ln.id for ln in lines]))))
    return None if scanned else lines


def cancel_order(db: Database, actor: Actor, order_id: int, reason: str) -> ActionDone:
    """Cancel an order. Before picking (nothing of it picked, scanned, or in a task
    someone holds) its pick lines go, its reserved stock is released and it is
    cancelled. After that it is cancelled with an interception text: the goods are in
    a tote somewhere and the station that touches the order next must stop it; the
    stock stays reserved until the goods are back (see ``resolve_interception``)."""
    why = _reason(reason)
    with db.unit_of_work() as s:
        user = _supervisor(s, actor)
        order: Order = _get(s, Order, order_id, "order")
        if order.status in _FINAL:
            raise FloorError(
                "not_cancellable",
                f"Order {order.order_no} is {order.status}; it cannot be cancelled.",
                order_no=order.order_no,
                status=order.status,
            )
        lines = (
            _untouched_lines(s, order.id)
            if order.status in (S.ALLOCATED.value, S.WAVED.value)
            else None
        )
        before_picking = (
            order.status in (S.RECEIVED.value, S.ON_HOLD.value, S.APPROVED.value)
            or lines is not None
        )
        if before_picking:
            if lines:
                _remove_lines(s, order.id, lines)
            units = release_reservations(s, order, actor)
            order.wave_id = None
            transition(s, order, S.CANCELLED, actor, reason=why, by=user.name, stock_released=units)
            return ActionDone(
                "cancel_order",
                f"Order {order.order_no} cancelled by {user.name}; {units} units released",
                order.order_no,
                (("intercepted", False), ("units_released", units)),
            )
        order.interception = f"Cancelled by supervisor {user.name}: {why}"
        transition(s, order, S.CANCELLED, actor, reason=why, by=user.name, intercepted=True)
        record(
            s,
            "order",
            order.id,
            "order.intercepted",
            _by(user, why, order_no=order.order_no),
            actor,
        )
        return ActionDone(
            "cancel_order",
            f"Order {order.order_no} cancelled by {user.name}; picking had started: intercept it",
            order.order_no,
            (("intercepted", True),),
        )


def _remove_lines(s: Session, order_id: int, lines: list[PickLine]) -> None:
    task_ids = {ln.pick_task_id for ln in lines}
    s.execute(delete(PickLine).where(PickLine.id.in_([ln.id for ln in lines])))
    s.execute(
        delete(TaskSlot).where(TaskSlot.order_id == order_id, TaskSlot.pick_task_id.in_(task_ids))
    )
    s.execute(
        update(Tote).where(Tote.order_id == order_id, Tote.status == "free").values(order_id=None)
    )
    left = set(s.scalars(select(PickLine.pick_task_id).where(PickLine.pick_task_id.in_(task_ids))))
    empty = task_ids - left
    if empty:
        s.execute(delete(TaskSlot).where(TaskSlot.pick_task_id.in_(empty)))
        s.execute(delete(PickTask).where(PickTask.id.in_(empty), PickTask.status == "open"))


def resolve_interception(db: Database, actor: Actor, order_id: int, reason: str) -> ActionDone:
    """Record that an intercepted order was stopped and its goods dealt with (back on the
    shelf, or in returns); it leaves the exceptions list."""
    why = _reason(reason)
    with db.unit_of_work() as s:
        user = _supervisor(s, actor)
        order: Order = _get(s, Order, order_id, "order")
        if not order.interception and order.status != S.CANCELLED.value:
            raise FloorError(
                "no_interception",
                f"Order {order.order_no} has nothing to intercept.",
                order_no=order.order_no,
            )
        record(
            s,
            "order",
            order.id,
            EVENT_INTERCEPTION_RESOLVED,
            _by(user, why, order_no=order.order_no, interception=order.interception),
            actor,
        )
        return ActionDone(
            "resolve_interception",
            f"Interception of order {order.order_no} resolved by {user.name}",
            order.order_no,
        )


def approve_override(db: Database, actor: Actor, order_id: int, reason: str) -> ActionDone:
    """Approve packing an order whose weight was refused: a recorded approval
    (``pack.override_approved``, naming the refused weighing) that the packing station
    reads; the packer still weighs and finishes the order."""
    why = _reason(reason)
    with db.unit_of_work() as s:
        user = _supervisor(s, actor)
        order: Order = _get(s, Order, order_id, "order", lock=False)
        mismatch = s.execute(
            select(Event.seq, Event.id, Event.payload)
            .where(
                Event.entity == "order",
                Event.entity_id == str(order.id),
                Event.kind == EVENT_WEIGHT_MISMATCH,
            )
            .order_by(Event.seq.desc())
            .limit(1)
        ).first()
        approved_after = mismatch is not None and s.scalar(
            select(
                exists().where(
                    Event.entity == "order",
                    Event.entity_id == str(order.id),
                    Event.kind == EVENT_OVERRIDE_APPROVED,
                    Event.seq > mismatch.seq,
                )
            )
        )
        if (
            mismatch is None
            or approved_after
            or order.status in _FINAL
            or order.status == S.PACKED.value
        ):
            raise FloorError(
                "no_weight_mismatch",
                f"No refused weight waits for an approval on order {order.order_no}.",
                order_no=order.order_no,
            )
        payload = dict(mismatch.payload or {})
        record(
            s,
            "order",
            order.id,
            EVENT_OVERRIDE_APPROVED,
            _by(
                user,
                why,
                order_no=order.order_no,
                approver_id=user.id,
                mismatch_event=mismatch.id,
                measured_g=payload.get("measured_g", payload.get("weight_g")),
                expected_g=payload.get("expected_g"),
            ),
            actor,
        )
        return ActionDone(
            "approve_override",
            f"Weight override on order {order.order_no} approved by {user.name}",
            order.order_no,
        )


# --------------------------------------------------------------------------- printing


def retry_print(db: Database, actor: Actor, job_id: int, reason: str = "") -> ActionDone:
    """Queue a failed print job again, due now. A retry harms nothing, so the reason is
    optional here."""
    why = (reason or "").strip() or "retry"
    with db.unit_of_work() as s:
        user = _supervisor(s, actor)
        job: PrintJob = _get(s, PrintJob, job_id, "print job")
        if job.status != "failed":
            raise FloorError(
                "job_not_failed",
                f"Print job {job_id} is {job.status}, not failed.",
                job=job_id,
                status=job.status,
            )
        t = table_of(PrintJob)
        done = s.execute(
            update(t)
            .where(t.c.id == job.id, t.c.version == job.version, t.c.status == "failed")
            .values(status="queued", next_try_at=utcnow(), version=job.version + 1)
        ).rowcount
        if done != 1:
            raise FloorError(
                "task_changed", f"Print job {job_id} was changed meanwhile; look again.", job=job_id
            )
        record(
            s,
            "print_job",
            job.id,
            "print.retry_requested",
            _by(user, why, printer=job.printer, last_error=job.last_error, order_id=job.order_id),
            actor,
        )
        return ActionDone("retry_print", f"Print job {job_id} queued again by {user.name}")


# --------------------------------------------------------------------------- waves


def _wave(s: Session, wave_id: int) -> Wave:
    wave: Wave = _get(s, Wave, wave_id, "wave")
    return wave


PAUSABLE = ("released", "picking")


def pause_wave(db: Database, actor: Actor, wave_id: int, reason: str) -> ActionDone:
    """Stop handing out the wave's open tasks (the picking screen claims tasks of
    released and picking waves only); claimed ones are finished."""
    why = _reason(reason)
    with db.unit_of_work() as s:
        user = _supervisor(s, actor)
        wave = _wave(s, wave_id)
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
        record(s, "wave", wave.id, "wave.paused", _by(user, why, code=wave.code, was=was), actor)
        return ActionDone(
            "pause_wave", f"Wave {wave.code} paused by {user.name}", details=(("code", wave.code),)
        )


def resume_wave(db: Database, actor: Actor, wave_id: int, reason: str) -> ActionDone:
    """Hand out the wave's tasks again: back to picking if any task was started, else
    to released."""
    why = _reason(reason)
    with db.unit_of_work() as s:
        user = _supervisor(s, actor)
        wave = _wave(s, wave_id)
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
            _by(user, why, code=wave.code, to=wave.status),
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
    why = _reason(reason)
    with db.unit_of_work() as s:
        user = _supervisor(s, actor)
        wave = _wave(s, wave_id)
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
            _by(
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
        _supervisor(s, actor)
    return build_waves(db, replace(options, dry_run=False), actor)
