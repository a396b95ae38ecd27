"""The demo floor at work: orders at every stage from the first minute.

After the demo orders are waved, simulated workers (``app.demo.simulation``) pick the
first single-unit wave of Hangzhou and two carts of its first multi-item wave
through the real services, pack some of those orders, and hand half of the parcels
to the carrier; a third cart is left half-way, still held at its pick station, as if
the picker had gone on a break. Every label made on
the way is a real print job, marked sent: the demo printed them before you came.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Order, PickTask, PrintJob, Station, User, Warehouse, Wave
from app.demo.simulation import Barcodes, pack, pick
from app.services.audit import Actor
from app.services.packing import ensure_default_cartons
from app.services.picking import claim as picking
from app.services.printing import jobs as print_jobs
from app.services.shipping import ensure_default_pools, hand_over
from app.services.warehouse import add_totes

DEMO_TOTES = {"HZ1": 120, "GZ1": 60}
DEMO_PACKED = 30  # single-unit orders
DEMO_PACKED_MULTI = 6
DEMO_PRINTER = (
    "dir:///tmp/wavedesk-demo-spool"  # replaced by the station's own printer when it reprints
)


@dataclass(frozen=True, slots=True)
class FloorSummary:
    picked_tasks: int
    packed: int
    shipped: int
    waiting_to_pack: int
    task_on_break: str | None

    def __str__(self) -> str:
        return (
            f"floor: {self.picked_tasks} pick tasks done, {self.packed} orders packed "
            f"({self.shipped} shipped, {self.waiting_to_pack} waiting at packing), "
            f"task {self.task_on_break or '-'} half-way"
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
        waves = list(
            session.execute(
                select(Wave.id, Wave.code, Wave.kind)
                .where(Wave.warehouse_id == hz1)
                .order_by(Wave.id)
            ).all()
        )
        tasks = list(
            session.execute(
                select(PickTask.id, PickTask.wave_id)
                .join(Wave, Wave.id == PickTask.wave_id)
                .where(Wave.warehouse_id == hz1)
                .order_by(PickTask.wave_id, PickTask.seq)
            ).all()
        )
    pickers = [Actor(users["picker"][i], stations[f"HZ1-PICK-0{i + 1}"]) for i in range(3)]
    single = next((w for w in waves if w.kind == "single"), None)
    multi = next((w for w in waves if w.kind == "multi"), None)

    # The first single-unit wave picked whole; two carts of the first multi-item wave
    # picked into totes; a third cart left half-way, its picker on a break.
    whole = [t.id for t in tasks if single and t.wave_id == single.id]
    carts = [t.id for t in tasks if multi and t.wave_id == multi.id]
    done = 0
    for i, task_id in enumerate(whole + carts[:2]):
        actor = pickers[i % 2]
        pick(db, actor, picking.claim_task(db, actor, task_id), hz1, barcodes=barcodes)
        done += 1
    on_break = None
    if len(carts) > 2:
        view = picking.claim_task(db, pickers[2], carts[2])
        pick(db, pickers[2], view, hz1, barcodes=barcodes, max_scans=10)
        on_break = view.label
    log(f"picked {done} pick tasks" + (f", {on_break} half-way" if on_break else ""))

    with db.read() as session:
        picked = list(
            session.execute(
                select(Order.order_no, Order.wave_id)
                .where(Order.status == "picked")
                .order_by(Order.id)
            ).all()
        )
    packer = Actor(users["packer"][0], stations["HZ1-PACK-01"])
    # Enough packed and shipped to fill the screens; the rest wait at packing for the visitor.
    packed = [p.order_no for p in picked if single and p.wave_id == single.id][:DEMO_PACKED]
    packed += [p.order_no for p in picked if multi and p.wave_id == multi.id][:DEMO_PACKED_MULTI]
    tracking = [
        pack(db, packer, no, printer=printer, barcodes=barcodes).tracking_no for no in packed
    ]
    log(f"packed {len(packed)} orders")

    shipper = Actor(users["shipper"][0], None)
    shipped = tracking[::2]
    for number in shipped:
        hand_over(db, shipper, number)
    _mark_printed(db)
    return FloorSummary(done, len(packed), len(shipped), len(picked) - len(packed), on_break)


def _mark_printed(db: Database) -> None:
    with db.read() as session:
        ids = list(session.scalars(select(PrintJob.id).where(PrintJob.status == "queued")))
    for job_id in ids:
        print_jobs.mark_sent(db, job_id)
