from __future__ import annotations

from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import Order, PickTask, PrintJob, Shipment
from app.demo import seed_demo


def test_the_demo_floor_has_orders_at_every_stage(sqlite_db: Database) -> None:
    seed_demo(sqlite_db, orders=300, seed=3)
    with sqlite_db.read() as s:
        statuses = dict(s.execute(select(Order.status, func.count()).group_by(Order.status)).all())
        held_tasks = s.scalar(
            select(func.count()).select_from(PickTask).where(PickTask.status == "claimed")
        )
        labels = s.scalar(select(func.count()).select_from(Shipment))
        unsent = s.scalar(
            select(func.count()).select_from(PrintJob).where(PrintJob.status != "sent")
        )
    for status in ("on_hold", "allocated", "waved", "picking", "picked", "packed", "shipped"):
        assert statuses.get(status, 0) > 0, (status, statuses)
    assert held_tasks == 1  # the picker on a break
    assert labels == statuses["packed"] + statuses["shipped"]
    assert unsent == 0  # the demo's labels were printed before the visitor came
