"""Simulated floor workers: a picker and a packer that scan exactly what the station
tells them to, through the real services.

The demo seed uses them to leave waves part-picked and orders packed and shipped,
and the benchmarks use them as stations at work. They scan what a careful person
would: the location shown, a unit barcode of the product shown (with the quantity
entered), the tote bound to the slot or the next free tote.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Order, Product, ProductBarcode, Tote
from app.domain import scan as sc
from app.domain.pick_records import TaskView
from app.services.audit import Actor
from app.services.packing import bench as packing
from app.services.packing import complete
from app.services.packing.complete import PackResult
from app.services.picking import claim as picking
from app.services.picking import scan as pick_scan


def new_scan_id() -> str:
    return str(uuid.uuid4())


@dataclass
class Barcodes:
    """Unit barcodes by SKU, read once."""

    db: Database
    _by_sku: dict[str, str] = field(default_factory=dict)

    def unit(self, sku: str) -> str:
        if sku not in self._by_sku:
            with self.db.read() as session:
                rows = session.execute(
                    select(Product.sku, ProductBarcode.barcode)
                    .join(ProductBarcode, ProductBarcode.product_id == Product.id)
                    .where(ProductBarcode.kind == "unit")
                ).all()
            for s, code in rows:
                self._by_sku.setdefault(s, code)
        return self._by_sku[sku]


def free_tote(db: Database, warehouse_id: int) -> str:
    with db.read() as session:
        code = session.scalar(
            select(Tote.code)
            .where(Tote.status == "free", Tote.warehouse_id == warehouse_id)
            .order_by(Tote.id)
            .limit(1)
        )
    if code is None:
        raise RuntimeError("no free tote left: add totes (wavedesk totes add)")
    return code


def next_pick_scan(
    db: Database, view: TaskView, barcodes: Barcodes, warehouse_id: int
) -> tuple[sc.Scan, int]:
    """What a careful picker scans now, and the quantity entered with it."""
    line = view.line
    assert line is not None
    if view.step == "location":
        return sc.classify(line.location), 1
    if view.step == "item":
        return sc.classify(barcodes.unit(line.sku), prefer={"product"}), line.remaining
    if view.step == "tote":
        return sc.Tote(line.tote_code or free_tote(db, warehouse_id)), 1
    raise ValueError(f"nothing to scan at step {view.step!r}")


def pick(
    db: Database,
    actor: Actor,
    view: TaskView,
    warehouse_id: int,
    *,
    barcodes: Barcodes | None = None,
    max_scans: int | None = None,
    on_scan: Callable[[TaskView], None] | None = None,
) -> TaskView:
    """Walk a claimed task until it is done (or ``max_scans`` scans were made)."""
    barcodes = barcodes or Barcodes(db)
    scans = 0
    while view.step != "done" and (max_scans is None or scans < max_scans):
        meaning, qty = next_pick_scan(db, view, barcodes, warehouse_id)
        outcome = pick_scan(db, actor, view.task_id, meaning, new_scan_id(), qty)
        if not outcome.accepted:
            raise RuntimeError(f"simulated picker was refused: {outcome.message}")
        view = outcome.view
        scans += 1
        if on_scan is not None:
            on_scan(view)
    return view


def pick_next_task(db: Database, actor: Actor, warehouse_id: int, **kw: object) -> TaskView | None:
    view = picking.claim_next_task(db, actor, warehouse_id)
    if view is None:
        return None
    return pick(db, actor, view, warehouse_id, **kw)  # type: ignore[arg-type]


def verify_all(
    db: Database, actor: Actor, view: packing.PackView, barcodes: Barcodes
) -> packing.PackView:
    for line in view.lines:
        if line.remaining:
            meaning = sc.classify(barcodes.unit(line.sku), prefer={"product"})
            outcome = packing.verify(
                db, actor, view.order_id, meaning, new_scan_id(), line.remaining
            )
            if not outcome.accepted:
                raise RuntimeError(f"simulated packer was refused: {outcome.message}")
            view = outcome.view
    return view


def pack(
    db: Database,
    actor: Actor,
    order_no: str,
    *,
    printer: str,
    fmt: str = "zpl",
    size: str = "100x150",
    barcodes: Barcodes | None = None,
) -> PackResult:
    """Open ``order_no`` (its tote when it has one), verify every unit, weigh it at its
    expected weight and complete it."""
    barcodes = barcodes or Barcodes(db)
    with db.read() as session:
        tote = session.scalar(
            select(Tote.code)
            .join(Order, Order.id == Tote.order_id)
            .where(Order.order_no == order_no)
        )
    meaning: sc.Scan = sc.Tote(tote) if tote else sc.Order(order_no)
    view = packing.open_order(db, actor, meaning, new_scan_id())
    if view.intercepted:
        raise RuntimeError(f"order {order_no} is intercepted: {view.interception_reason}")
    view = verify_all(db, actor, view, barcodes)
    return complete(
        db,
        actor,
        view.order_id,
        weight_g=view.expected_weight_g,
        carton=None,
        printer=printer,
        fmt=fmt,
        size=size,
    )
