"""Writing a build's waves: every wave, task, slot and line of one build in one
transaction, the orders moved allocated → waved, an event each."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.db.bulk import bulk_insert, reserve_ids
from app.db.models import Order, PickLine, PickTask, TaskSlot, Warehouse, Wave, table_of, utcnow
from app.domain.local_time import LOCAL
from app.domain.status import OrderStatus
from app.services.audit import Actor, event_row, record_many
from app.services.waves.plans import WaveError, WavePlan

S = OrderStatus


def write_waves(session: Session, w: Warehouse, waves: list[WavePlan], actor: Actor) -> None:
    """All waves of one build in one transaction, with a handful of bulk statements:
    a wave of 10,000 orders has hundreds of tasks and tens of thousands of lines."""
    now = utcnow()
    stamp = datetime.now(LOCAL).strftime("%Y%m%d")
    taken = (
        session.scalar(select(func.count()).select_from(Wave).where(Wave.code.like(f"W{stamp}-%")))
        or 0
    )
    events: list[dict[str, Any]] = []
    task_rows: list[dict[str, Any]] = []
    slot_rows: list[dict[str, Any]] = []
    line_rows: list[dict[str, Any]] = []
    task_ids = iter(reserve_ids(session, table_of(PickTask), sum(len(p.tasks) for p in waves)))
    for n, plan in enumerate(waves, start=taken + 1):
        plan.code = f"W{stamp}-{w.code}-{n:03d}"
        wave = Wave(
            code=plan.code,
            warehouse_id=w.id,
            carrier=plan.carrier,
            cutoff=plan.cutoff,
            kind=plan.kind,
            sort_mode=plan.sort_mode,
            status="released",
            distance=plan.distance,
            fcfs_distance=plan.fcfs_distance,
            created_at=now,
            created_by=actor.user_id,
            version=1,
        )
        session.add(wave)
        session.flush()
        plan.id = wave.id
        for seq, task in enumerate(plan.tasks, start=1):
            tid = next(task_ids)
            task_rows.append(
                {
                    "id": tid,
                    "wave_id": wave.id,
                    "seq": seq,
                    "kind": task.kind,
                    "status": "open",
                    "distance": task.distance,
                    "fcfs_distance": None,
                    "claimed_by": None,
                    "claimed_station_id": None,
                    "claimed_at": None,
                    "version": 1,
                }
            )
            if task.kind != "bulk":
                slot_rows.extend(
                    {"pick_task_id": tid, "slot": slot, "order_id": oid, "tote_id": None}
                    for slot, oid in enumerate(task.order_ids, start=1)
                )
            line_rows.extend(
                {
                    "pick_task_id": tid,
                    "seq": k,
                    "location_id": s.location_id,
                    "product_id": s.product_id,
                    "order_id": s.order_id,
                    "reservation_id": s.reservation_id,
                    "slot": s.slot,
                    "qty": s.qty,
                    "picked_qty": 0,
                    "status": "open",
                }
                for k, s in enumerate(task.stops, start=1)
            )
            events.extend(
                event_row(
                    "order",
                    oid,
                    "order.waved",
                    {
                        "order_no": no,
                        "from": S.ALLOCATED.value,
                        "to": S.WAVED.value,
                        "wave": plan.code,
                    },
                    actor,
                )
                for oid, no in zip(task.order_ids, task.order_nos, strict=True)
            )
        events.append(
            event_row(
                "wave",
                wave.id,
                "wave.released",
                {
                    "code": plan.code,
                    "kind": plan.kind,
                    "orders": plan.orders,
                    "tasks": len(plan.tasks),
                    "distance": round(plan.distance, 2),
                    "fcfs_distance": round(plan.fcfs_distance, 2),
                },
                actor,
            )
        )
    bulk_insert(session, table_of(PickTask), task_rows)
    bulk_insert(session, table_of(TaskSlot), slot_rows)
    bulk_insert(session, table_of(PickLine), line_rows)
    t = table_of(Order)
    changed = 0
    for plan in waves:
        ids = [oid for task in plan.tasks for oid in task.order_ids]
        for i in range(0, len(ids), 500):
            changed += (
                session.connection()
                .execute(
                    update(t)
                    .where(t.c.id.in_(ids[i : i + 500]), t.c.status == S.ALLOCATED.value)
                    .values(
                        status=S.WAVED.value,
                        wave_id=plan.id,
                        version=t.c.version + 1,
                        updated_at=now,
                    )
                )
                .rowcount
            )
    if changed != sum(p.orders for p in waves):
        # The rows were locked when read; a mismatch means something is badly wrong.
        raise WaveError("orders changed while the wave was being written; nothing was saved")
    record_many(session, events)
