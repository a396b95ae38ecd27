"""The demo floor at work: orders at every stage from the first minute.

After the demo orders are waved, simulated workers (``app.simulation``) pick the
first Hangzhou wave through the real services, pack most of its orders, and hand
half of those to the carrier; a second wave is left part-picked with its task still
held at a pick station, as if the picker had gone on a break. Every label made on
the way is a real print job, marked sent: the demo printed them before you came.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Order, PrintJob, Station, User, Warehouse, Wave
from app.services import picking, print_jobs
from app.services.audit import Actor
from app.services.cartons import ensure_default_cartons
from app.services.shipping import hand_over
from app.services.totes import add_totes
from app.services.tracking_pools import ensure_default_pools
from app.simulation import Barcodes, pack, pick

DEMO_TOTES = {"HZ1": 120, "GZ1": 60}
DEMO_PACKED = 30
DEMO_PRINTER = "dir:///tmp/wavedesk-demo-spool"  # replaced by the station's own printer when it reprints


@dataclass(frozen=True, slots=True)
class FloorSummary:
    picked_tasks: int
    packed: int
    shipped: int
    waiting_to_pack: int
    part_picked_wave: str | None

    def __str__(self) -> str:
        return (
            f"floor: {self.picked_tasks} pick tasks done, {self.packed} orders packed "
            f"({self.shipped} shipped, {self.waiting_to_pack} waiting at packing), "
            f"wave {self.part_picked_wave or '-'} part-picked"
        )


def _people(db: Database) -> tuple[dict[str, list[int]], dict[str, int], int]:
    with db.read() as session:
        users: dict[str, list[int]] = {}
        for uid, role in session.execute(select(User.id, User.role).order_by(User.id)):
            users.setdefault(role, []).append(uid)
        stations = {name: sid for name, sid in session.execute(select(Station.name, Station.id))}
        hz1 = session.scalar(select(Warehouse.id).where(Warehouse.code == "HZ1"))
    assert hz1 is not None, "the demo catalog has no HZ1 warehouse"
    return users, stations, hz1


def work_the_floor(
    db: Database, printer: str = DEMO_PRINTER, log: Callable[[str], None] = lambda _: None
) -> FloorSummary:
    ensure_default_pools(db)
    ensure_default_cartons(db)
    for warehouse, count in DEMO_TOTES.items():
        add_totes(db, warehouse, count)
    users, stations, hz1 = _people(db)
    barcodes = Barcodes(db)
    with db.read() as session:
        waves = list(session.execute(
            select(Wave.id, Wave.code).where(Wave.warehouse_id == hz1).order_by(Wave.id)
        ).tuples())
    if not waves:
        return FloorSummary(0, 0, 0, 0, None)

    # Wave 1, picked whole by two pickers at two stations.
    first_id = waves[0][0]
    pickers = [Actor(users["picker"][i], stations[f"HZ1-PICK-0{i + 1}"]) for i in range(2)]
    done = 0
    while True:
        actor = pickers[done % 2]
        view = picking.claim_next_task(db, actor, hz1)
        if view is None:
            break
        if view.wave_id != first_id:
            # A task of the next wave: pick a few stops and leave it held (a break).
            pick(db, actor, view, hz1, barcodes=barcodes, max_scans=7)
            break
        pick(db, actor, view, hz1, barcodes=barcodes)
        done += 1
    log(f"picked {done} tasks of wave {waves[0][1]}")

    with db.read() as session:
        picked = list(session.scalars(
            select(Order.order_no).where(Order.wave_id == first_id, Order.status == "picked").order_by(Order.id)
        ))
    packer = Actor(users["packer"][0], stations["HZ1-PACK-01"])
    # Enough packed and shipped to fill the screens; the rest wait at packing for the visitor.
    packed = picked[:DEMO_PACKED]
    tracking: list[str] = []
    for no in packed:
        tracking.append(pack(db, packer, no, printer=printer, barcodes=barcodes).tracking_no)
    log(f"packed {len(packed)} orders")

    shipper = Actor(users["shipper"][0], None)
    shipped = tracking[: len(tracking) // 2]
    for number in shipped:
        hand_over(db, shipper, number)
    _mark_printed(db)
    return FloorSummary(done, len(packed), len(shipped), len(picked) - len(packed),
                        waves[1][1] if view is not None else None)


def _mark_printed(db: Database) -> None:
    with db.read() as session:
        ids = list(session.scalars(select(PrintJob.id).where(PrintJob.status == "queued")))
    for job_id in ids:
        print_jobs.mark_sent(db, job_id)

