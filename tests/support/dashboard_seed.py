"""A floor in mid-shift for the supervisor dashboard tests, at a pinned time.

Two waves of HZ1 are built the ordinary way (import → review → allocate → build);
then the work of a shift is written the way the picking and packing services write
it: resolved pick lines with ``picked_at``/``picked_by``, scan rows ok/refused, a
short-pick hold, a refused weight, a failed print job, a packed order, a claimed task
nobody touched for 25 minutes, an order the platform cancelled mid-pick.

Times (UTC; NOW is 14:00 in Shanghai, the waves' cut-off 16:00 = 08:00 UTC)::

    cart task (multi wave), 李伟 at PDA-01, claimed NOW-50m, touched NOW-2m
      o1 A×2 picked NOW-40m · o1 B×1 picked NOW-20m · o6 A×1 picked NOW-35m
      o2 A×1 picked NOW-10m · o2 C×3 short (1 picked, missing) NOW-5m
      o3 B×2 open · o6 B×1 open
    bulk task (single wave), 张敏 at PDA-02, claimed NOW-60m, touched NOW-25m (stale)
      o5 A×1 picked NOW-25m · o4 C×1 open
    o5 packed by 陈静 at PACK-01, NOW-15m; o1 weighed wrong at PACK-01, NOW-3m
    scans: 李伟 2 ok at NOW-90m, 6 ok + 2 refused after NOW-50m; 张敏 3 ok + 1
    refused; 陈静 4 ok + 1 refused (pack)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from floorplan import build_floor, order
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import (
    Event,
    Order,
    OrderHold,
    PickLine,
    PickTask,
    PrintJob,
    ScanRecord,
    Station,
    User,
    Wave,
)
from app.services.allocation import allocate_orders
from app.services.audit import Actor
from app.services.intake.apply import import_orders
from app.services.review import review_orders
from app.services.waves import WaveOptions, build_waves

DAY = date(2030, 1, 7)
NOW = datetime(2030, 1, 7, 6, 0, tzinfo=UTC)
CUTOFF = datetime(2030, 1, 7, 8, 0, tzinfo=UTC)  # 16:00 Asia/Shanghai
OPTIONS = WaveOptions("HZ1", cutoff=time(16, 0), today=DAY, cart_totes=8)
STOCK = {
    ("HZ1", "SKU-A"): [50],
    ("HZ1", "SKU-B"): [50],
    ("HZ1", "SKU-C"): [50],
    ("GZ1", "SKU-A"): [5],
}


def ago(minutes: float) -> datetime:
    return NOW - timedelta(minutes=minutes)


@dataclass
class Seeded:
    db: Database
    users: dict[str, int]  # name -> id
    stations: dict[str, int]
    orders: dict[str, int]  # order no -> id
    waves: dict[str, int]  # "multi" | "single" -> id
    tasks: dict[str, int]  # "cart" | "bulk" -> id
    lines: dict[tuple[str, str], int]  # (order no, sku) -> pick line id
    holds: dict[str, int] = field(default_factory=dict)  # "unpaid" | "short_pick" -> id
    job: int = 0

    def actor(self, name: str = "王芳", station: str | None = None) -> Actor:
        return Actor(self.users[name], self.stations[station] if station else None)


def import_allocate(db: Database, *orders: Any) -> None:
    import_orders(db, list(orders))
    review_orders(db)
    allocate_orders(db)


def seed_shift(db: Database) -> Seeded:
    build_floor(db, STOCK)
    import_allocate(
        db,
        order("o1", ("SKU-A", 2), ("SKU-B", 1)),
        order("o2", ("SKU-A", 1), ("SKU-C", 3)),
        order("o3", ("SKU-B", 2)),
        order("o4", ("SKU-C", 1)),
        order("o5", ("SKU-A", 1)),
        order("o6", ("SKU-A", 1), ("SKU-B", 1)),
        order("h1", ("SKU-A", 1), paid=False),
    )
    result = build_waves(db, OPTIONS)
    assert sorted(w.kind for w in result.waves) == ["multi", "single"], result.summary()
    assert all(len(w.tasks) == 1 for w in result.waves), "one cart, one bulk list"

    with db.unit_of_work() as s:
        for badge, name, role in (("PICK-2", "张敏", "picker"), ("PACK-1", "陈静", "packer")):
            s.add(User(badge=badge, name=name, role=role))
        for name, kind in (("PDA-01", "pick"), ("PDA-02", "pick"), ("PACK-01", "pack")):
            s.add(Station(name=name, kind=kind))
        s.flush()
        users = dict(s.execute(select(User.name, User.id)).all())
        stations = dict(s.execute(select(Station.name, Station.id)).all())
        orders = dict(s.execute(select(Order.order_no, Order.id)).all())
        waves = {w.kind: w.id for w in s.scalars(select(Wave))}
        tasks = {t.kind: t.id for t in s.scalars(select(PickTask))}
        by_id = {v: k for k, v in orders.items()}
        lines: dict[tuple[str, str], PickLine] = {}
        from app.db.models import Product  # noqa: PLC0415

        sku = dict(s.execute(select(Product.id, Product.sku)).all())
        for ln in s.scalars(select(PickLine)):
            lines[(by_id[ln.order_id], sku[ln.product_id])] = ln
        assert len(lines) == 9

        li, zm, cj = users["李伟"], users["张敏"], users["陈静"]
        pda1, pda2, pack1 = stations["PDA-01"], stations["PDA-02"], stations["PACK-01"]
        cart, bulk = s.get(PickTask, tasks["cart"]), s.get(PickTask, tasks["bulk"])
        cart.status, cart.claimed_by, cart.claimed_station_id = "claimed", li, pda1
        cart.claimed_at, cart.touched_at = ago(50), ago(2)
        bulk.status, bulk.claimed_by, bulk.claimed_station_id = "claimed", zm, pda2
        bulk.claimed_at, bulk.touched_at = ago(60), ago(25)

        def pick(
            key: tuple[str, str],
            minutes: float,
            by: int,
            qty: int | None = None,
            short: str | None = None,
        ) -> None:
            ln = lines[key]
            ln.picked_qty = ln.qty if qty is None else qty
            ln.status = "short" if short else "picked"
            ln.short_reason = short
            ln.location_ok = True
            ln.picked_at, ln.picked_by = ago(minutes), by

        pick(("o1", "SKU-A"), 40, li)
        pick(("o1", "SKU-B"), 20, li)
        pick(("o6", "SKU-A"), 35, li)
        pick(("o2", "SKU-A"), 10, li)
        pick(("o2", "SKU-C"), 5, li, qty=1, short="missing")
        pick(("o5", "SKU-A"), 25, zm)

        o = {no: s.get(Order, oid) for no, oid in orders.items()}
        o["o1"].status = "picked"
        o["o2"].status = "picking"
        o["o6"].status = "picking"
        o["o6"].interception = "买家取消 (platform cancelled)"
        o["o5"].status = "packed"
        short_hold = OrderHold(
            order_id=o["o2"].id, code="short_pick", detail="SKU-C 1/3 missing", created_at=ago(5)
        )
        s.add(short_hold)

        def event(
            kind: str, oid: int, minutes: float, user: int, station: int, **payload: Any
        ) -> None:
            s.add(
                Event(
                    at=ago(minutes),
                    user_id=user,
                    station_id=station,
                    entity="order",
                    entity_id=str(oid),
                    kind=kind,
                    payload=payload,
                )
            )

        event(
            "order.packed",
            o["o5"].id,
            15,
            cj,
            pack1,
            order_no="o5",
            **{"from": "picked", "to": "packed"},
        )
        event(
            "pack.weight_mismatch",
            o["o1"].id,
            3,
            cj,
            pack1,
            order_no="o1",
            measured_g=900,
            expected_g=400,
        )

        def scans(user: int, station: int, task: str, minutes: list[float], result: str) -> None:
            for m in minutes:
                s.add(
                    ScanRecord(
                        at=ago(m),
                        user_id=user,
                        station_id=station,
                        task=task,
                        code="X",
                        result=result,
                        reason="" if result == "ok" else "wrong_item",
                    )
                )

        scans(li, pda1, "pick", [90, 80], "ok")
        scans(li, pda1, "pick", [45, 41, 40, 21, 20, 11], "ok")
        scans(li, pda1, "pick", [44, 12], "refused")
        scans(zm, pda2, "pick", [27, 26, 25], "ok")
        scans(zm, pda2, "pick", [26.5], "refused")
        scans(cj, pack1, "pack", [17, 16.5, 16, 15.5], "ok")
        scans(cj, pack1, "pack", [4], "refused")
        scans(cj, pack1, "pack", [3.5], "reset")  # not a scan anyone got wrong

        job = PrintJob(
            station_id=pack1,
            printer="tcp://10.0.0.5:9100",
            format="zpl",
            kind="shipping",
            order_id=o["o5"].id,
            document=b"^XA^XZ",
            status="failed",
            attempts=3,
            last_error="connection refused",
            created_at=ago(14),
        )
        s.add(job)
        s.flush()
        holds = {
            h.code: h.id
            for h in s.scalars(select(OrderHold).where(OrderHold.released_at.is_(None)))
        }
        assert holds.keys() == {"unpaid", "short_pick"}, holds
        line_ids = {k: v.id for k, v in lines.items()}
        job_id = job.id
    return Seeded(db, users, stations, orders, waves, tasks, line_ids, holds, job_id)
