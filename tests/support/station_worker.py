"""Station processes for the multi-process tests: each child opens its own Database
on the central PostgreSQL and works through the real services as one station.

The entry points are module level so ``multiprocessing``'s spawn start method can
import them (tests/support is on pytest's pythonpath, and spawn hands sys.path to
the child). A child never raises into the void: it puts one result dict on ``out``
— what it claimed, packed and was refused — or ``{"error": traceback}``.

Races are made real with a shared barrier: every station scans the same task or tote
at the same moment, and a second barrier holds the winner back until every loser
has had its answer, so a loser always meets a held claim (never a finished one).
"""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass
from typing import Any

from app.db.changes import ChangeListener
from app.db.engine import Database
from app.demo import Barcodes, next_pick_scan
from app.demo.simulation import new_scan_id, verify_all
from app.domain import scan as sc
from app.domain.floor_errors import FloorError
from app.services.audit import Actor
from app.services.packing import bench as packing
from app.services.picking import claim as picking

BARRIER_S = 120.0  # a child that waits this long at a barrier has lost its partners
TOTE_TRIES = 200  # a station racing the others for the lowest free tote keeps trying


@dataclass(frozen=True, slots=True)
class StationSpec:
    """Who the child is: its own station and user."""

    name: str
    station_id: int
    user_id: int
    warehouse_id: int

    @property
    def actor(self) -> Actor:
        return Actor(self.user_id, self.station_id)


def refusal(exc: FloorError, **where: Any) -> dict[str, Any]:
    return {"code": exc.code, "message": exc.message, "params": dict(exc.params), **where}


def _run(out: Any, work: Any) -> None:
    try:
        out.put(work())
    except BaseException:  # noqa: BLE001 - the parent reports it with the child's traceback
        out.put({"error": traceback.format_exc()})


# ------------------------------------------------------------------------ picking


def _walk(
    db: Database,
    me: StationSpec,
    view: picking.TaskView,
    barcodes: Barcodes,
    busy: list[dict[str, Any]],
) -> picking.TaskView:
    """Pick a held task to the end. Every station asks for the lowest free tote, so
    they collide on totes: a ``tote_busy`` refusal is noted and the next free one tried."""
    tries = 0
    while view.step != "done":
        meaning, qty = next_pick_scan(db, view, barcodes, me.warehouse_id)
        out = picking.scan(
            db, me.actor, view.task_id, meaning, new_scan_id(), qty, task_version=view.task_version
        )
        if not out.accepted:
            if out.code != "tote_busy" or tries >= TOTE_TRIES:
                raise RuntimeError(
                    f"{me.name} was refused on task {view.label}: {out.code} {out.message}"
                )
            tries += 1
            busy.append(
                {
                    "task_id": view.task_id,
                    "tote": out.params.get("scanned"),
                    "status": out.params.get("status"),
                }
            )
            continue
        view = out.view
    return view


def pick_station(url: str, me: StationSpec, race_tasks: list[int], barrier: Any, out: Any) -> None:
    """Race the others for each of ``race_tasks`` by ``claim_task`` (the chooser), then
    take whatever is left with ``claim_next_task`` until there is no work."""

    def work() -> dict[str, Any]:
        db = Database(url)
        barcodes = Barcodes(db)
        claims: list[dict[str, Any]] = []
        refused: list[dict[str, Any]] = []
        busy: list[dict[str, Any]] = []
        done: list[int] = []
        try:
            for task_id in race_tasks:
                barrier.wait(BARRIER_S)
                won: picking.TaskView | None = None
                try:
                    won = picking.claim_task(db, me.actor, task_id)
                    claims.append({"task_id": task_id, "via": "claim_task", "at": time.time()})
                except FloorError as exc:
                    refused.append(refusal(exc, task_id=task_id))
                barrier.wait(BARRIER_S)
                if won is not None:
                    _walk(db, me, won, barcodes, busy)
                    done.append(task_id)
            while (view := picking.claim_next_task(db, me.actor, me.warehouse_id)) is not None:
                if view.status == "done":
                    raise RuntimeError(
                        f"claim_next_task gave {me.name} the finished task {view.label}"
                    )
                claims.append(
                    {"task_id": view.task_id, "via": "claim_next_task", "at": time.time()}
                )
                _walk(db, me, view, barcodes, busy)
                done.append(view.task_id)
        finally:
            db.dispose()
        return {
            "station": me.name,
            "station_id": me.station_id,
            "claims": claims,
            "done": done,
            "refused": refused,
            "tote_busy": busy,
        }

    _run(out, work)


# ------------------------------------------------------------------------ packing


def _pack(
    db: Database, me: StationSpec, view: packing.PackView, barcodes: Barcodes, printer: str
) -> dict[str, Any]:
    view = verify_all(db, me.actor, view, barcodes)
    result = packing.complete(
        db,
        me.actor,
        view.order_id,
        weight_g=view.expected_weight_g,
        carton=None,
        printer=printer,
        fmt="zpl",
        size="100x150",
    )
    return {"order_id": view.order_id, "order_no": view.order_no, "tracking_no": result.tracking_no}


def pack_station(
    url: str,
    me: StationSpec,
    raced: list[str],
    free: list[str],
    single_barcode: str,
    printer: str,
    barrier: Any,
    out: Any,
) -> None:
    """Open each tote in ``raced`` at the same moment as every other packer; the
    winner verifies and packs it. Then try the ``free`` totes in the order given, no
    barrier: a tote someone else holds or has packed is passed by. Last, open
    single-unit orders by scanning ``single_barcode`` until none is left."""

    def work() -> dict[str, Any]:
        db = Database(url)
        barcodes = Barcodes(db)
        opened: list[dict[str, Any]] = []
        packed: list[dict[str, Any]] = []
        refused: list[dict[str, Any]] = []

        def open_tote(code: str, raced: bool) -> packing.PackView | None:
            try:
                view = packing.open_order(db, me.actor, sc.Tote(code), new_scan_id())
            except FloorError as exc:
                refused.append(refusal(exc, tote=code, raced=raced))
                return None
            if view.status != "picked":
                # Packed by another bench between reading the tote and reading its order:
                # the bench is shown the packed order (to reprint), not given it to pack.
                refused.append(
                    {
                        "code": f"already_{view.status}",
                        "message": "",
                        "params": {},
                        "tote": code,
                        "raced": raced,
                        "order_id": view.order_id,
                        "station_id": view.station_id,
                    }
                )
                return None
            opened.append({"order_id": view.order_id, "tote": code, "via": "tote"})
            return view

        try:
            for code in raced:
                barrier.wait(BARRIER_S)
                won = open_tote(code, True)
                barrier.wait(BARRIER_S)
                if won is not None:
                    packed.append(_pack(db, me, won, barcodes, printer))
            for code in free:
                view = open_tote(code, False)
                if view is not None:
                    packed.append(_pack(db, me, view, barcodes, printer))
            item = sc.classify(single_barcode, prefer={"product"})
            while True:
                try:
                    view = packing.open_order(db, me.actor, item, new_scan_id())
                except FloorError as exc:
                    if exc.code != "no_single_order":
                        raise
                    break
                opened.append({"order_id": view.order_id, "tote": None, "via": "item"})
                packed.append(_pack(db, me, view, barcodes, printer))
        finally:
            db.dispose()
        return {
            "station": me.name,
            "station_id": me.station_id,
            "opened": opened,
            "packed": packed,
            "refused": refused,
        }

    _run(out, work)


# ------------------------------------------------------------------------ listening


def listen_station(url: str, out: Any, stop: Any, poll_s: float = 0.05) -> None:
    """A station's change feed in its own process: puts ``("ready", t)`` once it listens,
    then ``("change", t, entities)`` for every notice (``t`` is ``time.time()`` on
    arrival), until ``stop`` is set."""
    try:
        listener = ChangeListener(
            url, lambda entities: out.put(("change", time.time(), sorted(entities))), poll_s=poll_s
        ).start()
        if not listener.ready.wait(30):
            out.put(("error", time.time(), "the listener did not start within 30 s"))
            return
        out.put(("ready", time.time(), []))
        stop.wait(300)
        listener.stop()
    except BaseException:  # noqa: BLE001 - reported to the parent
        out.put(("error", time.time(), traceback.format_exc()))
