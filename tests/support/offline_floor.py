"""A pick floor for the offline tests: a cart wave (m1, m2) and a single-unit wave
picked in bulk (s1–s4: one SKU-D each; s5, s6: one SKU-E each), two pick stations,
two pickers, a supervisor, free totes. SKU-D also comes in cases of 2.

tests/support is on pytest's pythonpath: integration and ui tests share it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial

from floorplan import (
    Floor,
    build_floor,
    case_ean,
    order,
    scannable_barcodes,
    two_stations,
    unit_ean,
)
from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import PickLine, PickTask, ScanRecord, Station, Tote, User
from app.services.access.identity import StationInfo, UserInfo
from app.services.allocation import allocate_orders
from app.services.audit import Actor
from app.services.intake.apply import import_orders
from app.services.review import review_orders
from app.services.waves import WaveOptions, build_waves

TODAY = date.today() + timedelta(days=2)
SERIES = 5  # this floor's barcodes: 6925…
CASE_PACK = 2  # SKU-D also comes in cases of 2


unit_code = partial(unit_ean, SERIES)
case_code = partial(case_ean, SERIES)


@dataclass
class OfflineFloor:
    floor: Floor
    db: Database
    here: Actor  # 张敏 at HZ1-PICK-01
    there: Actor  # 李娜 at HZ1-PICK-02
    supervisor: Actor  # 王芳, no station
    station: StationInfo  # HZ1-PICK-01
    user: UserInfo  # 张敏
    cart_task: int
    bulk_task: int
    totes: list[str]

    def picked(self, task_id: int) -> int:
        with self.db.read() as s:
            return int(
                s.scalar(
                    select(func.coalesce(func.sum(PickLine.picked_qty), 0)).where(
                        PickLine.pick_task_id == task_id
                    )
                )
                or 0
            )

    def scan_ids(self, task: str = "pick") -> list[str]:
        with self.db.read() as s:
            return list(s.scalars(select(ScanRecord.id).where(ScanRecord.task == task)))


def build_offline_floor(db: Database) -> OfflineFloor:
    floor = build_floor(
        db,
        {
            ("HZ1", "SKU-A"): [20],
            ("HZ1", "SKU-B"): [20],
            ("HZ1", "SKU-C"): [10],
            ("HZ1", "SKU-D"): [30],
            ("HZ1", "SKU-E"): [10],
        },
    )
    with db.unit_of_work() as s:
        scannable_barcodes(s, floor, SERIES, "SKU-D", CASE_PACK)
        here, there = two_stations(s, floor, "pick", "picker", ("U-0001", "U-0002"))
        totes = [f"T-{n:04d}" for n in range(1, 9)]
        s.add_all(Tote(code=c, warehouse_id=floor.hz) for c in totes)
        sup = s.scalar(select(User.id).where(User.badge == "SUP-1"))
        s1 = s.get(Station, here.station_id)
        u1 = s.get(User, here.user_id)
        assert s1 is not None and u1 is not None
        station = StationInfo(s1.id, s1.name, "pick", floor.hz, "HZ1")
        user = UserInfo(u1.id, u1.badge, u1.name, u1.role)
    import_orders(
        db,
        [
            order("m1", ("SKU-A", 2), ("SKU-B", 1)),
            order("m2", ("SKU-A", 1), ("SKU-C", 2)),
            *(order(f"s{i}", ("SKU-D", 1)) for i in range(1, 5)),
            order("s5", ("SKU-E", 1)),
            order("s6", ("SKU-E", 1)),
        ],
    )
    assert review_orders(db).held == 0
    assert allocate_orders(db).allocated == 8
    result = build_waves(db, WaveOptions("HZ1", cart_totes=8, today=TODAY))
    kinds = {w.kind: w.id for w in result.waves}
    assert set(kinds) == {"single", "multi"}
    with db.read() as s:
        task_of = dict(s.execute(select(PickTask.wave_id, PickTask.id)).all())
    return OfflineFloor(
        floor,
        db,
        here,
        there,
        Actor(sup, None),
        station,
        user,
        cart_task=task_of[kinds["multi"]],
        bulk_task=task_of[kinds["single"]],
        totes=totes,
    )
