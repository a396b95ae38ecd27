"""The task in hand, read whole, so a station can keep picking while the central
database is away (:mod:`app.services.picking.offline` walks it).

A :class:`TaskPlan` carries the same rows the scan service works on — the task with
its wave, and every line with its bin, product, quantity, slot and bound tote — plus
every barcode of the task's products (unit and case, with the pack quantity). It is
read in one short read-only transaction; nothing is claimed or changed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import ProductBarcode, utcnow
from app.domain.floor_errors import FloorError
from app.domain.pick_records import LineRow, TaskRow, TaskView
from app.services.audit import Actor
from app.services.picking.flow import holds, taken_error
from app.services.picking.views import load_lines, load_task, make_view


@dataclass(frozen=True, slots=True)
class PlanBarcode:
    """A barcode of a product: a unit counts 1, a case counts ``pack_qty``."""

    barcode: str
    product_id: int
    kind: str  # unit | case
    pack_qty: int


_BARCODES = select(
    ProductBarcode.barcode.label("barcode"),
    ProductBarcode.product_id.label("product_id"),
    ProductBarcode.kind.label("kind"),
    ProductBarcode.pack_qty.label("pack_qty"),
).order_by(ProductBarcode.id)


def product_barcodes(session: Session, products: Iterable[int] | Select[Any]) -> list[PlanBarcode]:
    """Every stored barcode of ``products`` (ids, or a query of them), oldest first;
    a pack quantity missing or below 1 counts 1."""
    rows = session.execute(_BARCODES.where(ProductBarcode.product_id.in_(products)))
    return [
        PlanBarcode(
            barcode=r.barcode,
            product_id=r.product_id,
            kind=r.kind,
            pack_qty=max(int(r.pack_qty or 1), 1),
        )
        for r in rows
    ]


@dataclass(frozen=True, slots=True)
class TaskPlan:
    """Everything needed to check the scans of one task without the database. The rows
    are the services' own mutable row types: treat them as read-only (the offline
    walker works on copies, see :meth:`rows`)."""

    task: TaskRow
    lines: tuple[LineRow, ...]
    barcodes: tuple[PlanBarcode, ...]
    read_at: datetime

    @property
    def task_id(self) -> int:
        return self.task.id

    @property
    def view(self) -> TaskView:
        return make_view(self.task, list(self.lines))

    def rows(self) -> tuple[TaskRow, list[LineRow]]:
        """Private copies of the task and its lines, for a walker to change."""
        return dataclasses.replace(self.task), [dataclasses.replace(ln) for ln in self.lines]


def task_plan(db: Database, actor: Actor, task_id: int) -> TaskPlan:
    """The plan of a task this station holds (or a finished one). Refused with the
    picking codes when the task is unknown (``no_task``), held by another station
    (``task_taken``) or not claimed (``not_claimed``)."""
    with db.read() as session:
        task = load_task(session, task_id)
        if task is None:
            raise FloorError("no_task", f"there is no pick task {task_id}", task_id=task_id)
        if task.status != "done" and not holds(task, actor):
            if task.status == "claimed":
                raise taken_error(session, task)
            raise FloorError(
                "not_claimed", f"task {task.label} is not claimed; claim it first", task=task.label
            )
        lines = load_lines(session, task_id)
        products = sorted({ln.product_id for ln in lines})
        barcodes = tuple(product_barcodes(session, products)) if products else ()
        return TaskPlan(task=task, lines=tuple(lines), barcodes=barcodes, read_at=utcnow())
