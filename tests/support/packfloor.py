"""A pack floor for packing tests: picked orders in totes, single-unit orders picked in
bulk, two pack stations, packers, a supervisor, cartons and tracking pools.

tests/support is on pytest's pythonpath, so every packing test (integration, ui, e2e)
shares one picture of the floor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from pathlib import Path

from floorplan import (
    SKUS,  # noqa: F401 - pack tests take the SKUs from here
    Floor,
    build_floor,
    case_ean,
    order,
    scannable_barcodes,
    two_stations,
    unit_ean,
)
from sqlalchemy import select, update

from app.db.engine import Database
from app.db.models import Order, PickLine, Product, Tote, User
from app.services.allocation import allocate_orders
from app.services.audit import Actor
from app.services.intake.apply import import_orders
from app.services.packing import ensure_default_cartons
from app.services.review import review_orders
from app.services.shipping import ensure_default_pools
from app.services.waves import WaveOptions, build_waves

TODAY = date.today() + timedelta(days=2)
SERIES = 1  # this floor's barcodes: 6921…
CASE_PACK = 2  # SKU-A also comes in cases of 2
# (length, width, height) in mm; SKU-C has none, SKU-E is bulky.
DIMS = {
    "SKU-A": (100, 80, 50),
    "SKU-B": (200, 100, 60),
    "SKU-D": (120, 60, 40),
    "SKU-E": (500, 280, 300),
}
MULTI = {"m1": "T-0001", "m2": "T-0002", "m3": "T-0003"}


unit_barcode = partial(unit_ean, SERIES)
case_barcode = partial(case_ean, SERIES)


@dataclass
class PackFloor:
    floor: Floor
    db: Database
    here: Actor  # 张敏 at HZ1-PACK-01
    there: Actor  # 李娜 at HZ1-PACK-02
    supervisor_id: int  # 王芳
    orders: dict[str, int]  # order number -> id
    printer: str

    def status(self, no: str) -> str:
        with self.db.read() as s:
            return s.scalar(select(Order.status).where(Order.id == self.orders[no])) or ""


def build_pack_floor(db: Database, spool: Path) -> PackFloor:
    """m1: 2×A + 1×B (tote T-0001); m2: 1×A + 2×C (T-0002); m3: 3×B (T-0003);
    s1, s2, s3: one D each, single-unit wave, picked in bulk. All picked."""
    floor = build_floor(
        db,
        {
            ("HZ1", "SKU-A"): [20],
            ("HZ1", "SKU-B"): [20],
            ("HZ1", "SKU-C"): [10],
            ("HZ1", "SKU-D"): [20],
            ("GZ1", "SKU-A"): [5],
        },
    )
    with db.unit_of_work() as s:
        scannable_barcodes(s, floor, SERIES, "SKU-A", CASE_PACK)
        for sku, (length, width, height) in DIMS.items():
            s.execute(
                update(Product)
                .where(Product.id == floor.products[sku])
                .values(length_mm=length, width_mm=width, height_mm=height)
            )
        here, there = two_stations(s, floor, "pack", "packer", ("U-0101", "U-0102"))
        sup = s.scalar(select(User.id).where(User.badge == "SUP-1"))
        assert sup is not None
    ensure_default_cartons(db)
    ensure_default_pools(db)
    import_orders(
        db,
        [
            order("m1", ("SKU-A", 2), ("SKU-B", 1)),
            order("m2", ("SKU-A", 1), ("SKU-C", 2)),
            order("m3", ("SKU-B", 3)),
            order("s1", ("SKU-D", 1)),
            order("s2", ("SKU-D", 1)),
            order("s3", ("SKU-D", 1)),
        ],
    )
    assert review_orders(db).held == 0
    assert allocate_orders(db).allocated == 6
    result = build_waves(db, WaveOptions("HZ1", cart_totes=8, today=TODAY))
    assert {w.kind for w in result.waves} == {"single", "multi"}
    with db.unit_of_work() as s:
        ids = dict(s.execute(select(Order.order_no, Order.id)).all())
        # What the picking stations leave behind: lines picked, orders picked, totes full.
        s.execute(update(PickLine).values(status="picked", picked_qty=PickLine.qty))
        s.execute(
            update(Order)
            .where(Order.status == "waved")
            .values(status="picked", version=Order.version + 1)
        )
        for no, code in MULTI.items():
            task = s.scalar(
                select(PickLine.pick_task_id).where(PickLine.order_id == ids[no]).limit(1)
            )
            s.add(
                Tote(
                    code=code,
                    warehouse_id=floor.hz,
                    status="picked",
                    order_id=ids[no],
                    pick_task_id=task,
                )
            )
        s.add(Tote(code="T-0009", warehouse_id=floor.hz, status="free"))
    spool.mkdir(parents=True, exist_ok=True)
    return PackFloor(floor, db, here, there, sup, ids, f"dir://{spool}")
