"""Stations racing for pick tasks, each thread with its own Database on the same URL:
no task is claimed twice, every task is claimed once, and a wave whose last two
tasks finish at the same moment is still closed."""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from floorplan import build_floor, order
from sqlalchemy import select, text

from app.db.engine import Database
from app.db.models import Event, PickTask, Station, Tote, Wave
from app.domain import scan as sc
from app.domain.floor_errors import FloorError
from app.services.allocation import allocate_orders
from app.services.audit import Actor
from app.services.intake.apply import import_orders
from app.services.picking import TaskView
from app.services.picking.claim import claim_next_task, claim_task, scan
from app.services.review import review_orders
from app.services.waves import WaveOptions, build_waves

THREADS = 4
TODAY = date.today() + timedelta(days=2)


def _floor(db: Database, orders: int, per_cart: int) -> list[int]:
    """``orders`` two-item orders in carts of ``per_cart``; returns the task ids."""
    build_floor(db, {("HZ1", "SKU-A"): [200], ("HZ1", "SKU-B"): [200]})
    import_orders(db, [order(f"c{i:03d}", ("SKU-A", 1), ("SKU-B", 1)) for i in range(orders)])
    assert review_orders(db).held == 0
    assert allocate_orders(db).allocated == orders
    build_waves(db, WaveOptions("HZ1", cart_totes=per_cart, today=TODAY))
    with db.read() as s:
        return list(s.scalars(select(PickTask.id).order_by(PickTask.id)))


def _stations(db: Database, n: int) -> list[int]:
    with db.unit_of_work() as s:
        rows = [Station(name=f"HZ1-PICK-{uuid.uuid4().hex[:8]}", kind="pick") for _ in range(n)]
        s.add_all(rows)
        s.flush()
        return [r.id for r in rows]


def _race(url: str, work: Callable[[Database, int], Any]) -> list[Any]:
    """Run ``work(own database, thread number)`` on THREADS threads released together."""
    start = threading.Barrier(THREADS)
    results: list[Any] = [None] * THREADS
    errors: list[BaseException] = []

    def run(n: int) -> None:
        db = Database(url)
        try:
            start.wait()
            results[n] = work(db, n)
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)
        finally:
            db.dispose()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return results


def test_every_task_is_claimed_exactly_once(db: Database) -> None:
    tasks = _floor(db, orders=24, per_cart=1)
    assert len(tasks) == 24
    pools = [_stations(db, len(tasks) + 1) for _ in range(THREADS)]

    def claim_all(own: Database, n: int) -> list[tuple[int, int]]:
        got = []
        for station in pools[n]:  # a new station each time: a station holds one task
            view = claim_next_task(own, Actor(None, station))
            if view is None:
                return got
            got.append((view.task_id, station))
        raise AssertionError("more claims than tasks")

    claims = [c for per_thread in _race(db.url, claim_all) for c in per_thread]
    counts = Counter(task for task, _ in claims)
    assert sorted(counts) == tasks and set(counts.values()) == {1}
    with db.read() as s:
        held = dict(s.execute(select(PickTask.id, PickTask.claimed_station_id)).all())
        assert set(s.scalars(select(PickTask.status))) == {"claimed"}
        assert s.scalar(select(Wave.status)) == "picking"
    assert held == dict(claims)


def test_a_claim_does_not_queue_for_the_wave_row(db: Database) -> None:
    """The first claims of a wave all read it as released; a claim that finds the wave
    row held (by the station moving it to picking) leaves the move to the holder
    instead of waiting behind it, and the wave moves exactly once."""
    if db.dialect != "postgresql":
        pytest.skip("SQLite has one writer: nobody else can hold the row")
    _floor(db, orders=4, per_cart=1)
    first, second, third = _stations(db, 3)
    with db.read() as s:
        wave_id = s.scalar(select(Wave.id))
    impatient = Database(db.url, statement_timeout_ms=3000)  # a wait would end in an error
    holder = Database(db.url)
    try:
        with holder.unit_of_work() as s:
            s.execute(select(Wave.id).where(Wave.id == wave_id).with_for_update())
            view = claim_next_task(impatient, Actor(None, second))
            assert view is not None and view.status == "claimed"
        with db.read() as s:
            assert s.scalar(select(Wave.status)) == "released"  # the holder did not move it
        claim_next_task(impatient, Actor(None, third))  # the row is free: this one moves it
        claim_next_task(impatient, Actor(None, first))
    finally:
        impatient.dispose()
        holder.dispose()
    with db.read() as s:
        assert s.scalar(select(Wave.status)) == "picking"
        moves = s.scalars(
            select(Event.kind).where(Event.entity == "wave", Event.kind == "wave.picking")
        ).all()
        assert len(moves) == 1


def test_a_wave_move_the_holder_did_not_make_is_made_by_the_next_scan(db: Database) -> None:
    """The wave row was held by a transaction that then rolled back: the claim left the
    wave released; the station's next accepted scan moves it, once, before anything
    else closes it."""
    if db.dialect != "postgresql":
        pytest.skip("SQLite has one writer: nobody else can hold the row")
    tasks = _floor(db, orders=2, per_cart=1)
    first, second = _stations(db, 2)
    with db.unit_of_work() as s:
        s.add_all(Tote(code=f"T-{n + 1:04d}") for n in range(2))
    holder = Database(db.url)
    try:
        with pytest.raises(RuntimeError), holder.unit_of_work() as s:
            s.execute(select(Wave.id).with_for_update())
            view = claim_task(db, Actor(None, first), tasks[0])
            raise RuntimeError("the holder gives up")
    finally:
        holder.dispose()
    with db.read() as s:
        assert s.scalar(select(Wave.status)) == "released"
    last, meaning = _walk_to_last_scan(db, Actor(None, first), view, "T-0001")
    with db.read() as s:
        assert s.scalar(select(Wave.status)) == "picking"
    # The other task, started and finished in the wave now being picked: it closes it.
    scan(
        db,
        Actor(None, first),
        last.task_id,
        meaning,
        str(uuid.uuid4()),
        task_version=last.task_version,
    )
    other, final = _walk_to_last_scan(
        db, Actor(None, second), claim_task(db, Actor(None, second), tasks[1]), "T-0002"
    )
    scan(
        db,
        Actor(None, second),
        other.task_id,
        final,
        str(uuid.uuid4()),
        task_version=other.task_version,
    )
    with db.read() as s:
        assert s.scalar(select(Wave.status)) == "picked"
        moves = list(
            s.scalars(select(Event.kind).where(Event.entity == "wave").order_by(Event.seq))
        )
    assert moves == ["wave.released", "wave.picking", "wave.picked"]


def _until_waiting_on_a_lock(db: Database) -> None:
    """Return once some other session of this database waits on a lock."""
    for _ in range(3000):
        with db.read() as s:
            if s.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'"
                )
            ):
                return
        threading.Event().wait(0.01)
    raise AssertionError("nobody waited on the wave row")


def test_a_wave_still_released_at_its_close_records_its_picking_first(db: Database) -> None:
    """A one-task wave whose claim could not move it and whose only scan finishes it:
    the close waits for the row, and the log still says picking before picked."""
    if db.dialect != "postgresql":
        pytest.skip("SQLite has one writer: nobody else can hold the row")
    tasks = _floor(db, orders=1, per_cart=1)
    (station,) = _stations(db, 1)
    with db.unit_of_work() as s:
        s.add(Tote(code="T-0001"))
    actor = Actor(None, station)
    holder = Database(db.url)
    outcome: list[str] = []
    try:
        with holder.unit_of_work() as s:
            s.execute(select(Wave.id).with_for_update())
            view, meaning = _walk_to_last_scan(db, actor, claim_task(db, actor, tasks[0]), "T-0001")
            with db.read() as r:
                assert r.scalar(select(Wave.status)) == "released"  # every move so far was skipped
            # The last scan waits for the wave row to close the wave...
            last = threading.Thread(
                target=lambda: outcome.append(
                    scan(
                        db,
                        actor,
                        view.task_id,
                        meaning,
                        str(uuid.uuid4()),
                        task_version=view.task_version,
                    ).code
                )
            )
            last.start()
            _until_waiting_on_a_lock(db)
            s.rollback()  # ...and gets it with the wave still released
        last.join(30)
    finally:
        holder.dispose()
    assert outcome == ["task_done"]
    with db.read() as s:
        assert s.scalar(select(Wave.status)) == "picked"
        moves = list(
            s.scalars(select(Event.kind).where(Event.entity == "wave").order_by(Event.seq))
        )
    assert moves == ["wave.released", "wave.picking", "wave.picked"]


def test_one_station_wins_a_task_the_others_are_told_who(db: Database) -> None:
    tasks = _floor(db, orders=2, per_cart=2)
    stations = _stations(db, THREADS)

    def take(own: Database, n: int) -> str:
        try:
            claim_task(own, Actor(None, stations[n]), tasks[0])
        except FloorError as exc:
            return exc.code + ":" + exc.params["station"]
        return "won"

    outcomes = _race(db.url, take)
    assert outcomes.count("won") == 1
    winner = stations[outcomes.index("won")]
    with db.read() as s:
        name = s.scalar(select(Station.name).where(Station.id == winner))
        assert (
            s.scalar(select(PickTask.claimed_station_id).where(PickTask.id == tasks[0])) == winner
        )
    assert sorted(o for o in outcomes if o != "won") == [f"task_taken:{name}"] * (THREADS - 1)


def _walk_to_last_scan(
    db: Database, actor: Actor, view: TaskView, tote: str
) -> tuple[TaskView, sc.Scan]:
    """Pick a task up to (not including) its final scan; returns the view and that scan."""
    barcodes = {"SKU-A": "6900000000001", "SKU-B": "6900000000002"}
    while True:
        line = view.line
        assert line is not None
        if view.step == "location":
            meaning: sc.Scan = sc.Location(line.location)
        elif view.step == "item":
            meaning = sc.Product(barcodes[line.sku])
        else:
            meaning = sc.Tote(line.tote_code or tote)
        last = view.step == "tote" and view.progress.lines_done == view.progress.lines_total - 1
        if last:
            return view, meaning
        out = scan(
            db, actor, view.task_id, meaning, str(uuid.uuid4()), task_version=view.task_version
        )
        assert out.accepted, out.message
        view = out.view


@pytest.mark.parametrize("attempt", range(3))
def test_a_wave_whose_last_tasks_finish_together_is_closed(db: Database, attempt: int) -> None:
    tasks = _floor(db, orders=THREADS, per_cart=1)
    stations = _stations(db, THREADS)
    with db.unit_of_work() as s:
        s.add_all(Tote(code=f"T-{n + 1:04d}") for n in range(THREADS))
    ready: list[tuple[TaskView, sc.Scan]] = []
    for n, task in enumerate(tasks):
        actor = Actor(None, stations[n])
        ready.append(_walk_to_last_scan(db, actor, claim_task(db, actor, task), f"T-{n + 1:04d}"))

    def finish(own: Database, n: int) -> str:
        view, meaning = ready[n]
        out = scan(
            own,
            Actor(None, stations[n]),
            view.task_id,
            meaning,
            str(uuid.uuid4()),
            task_version=view.task_version,
        )
        return out.code

    assert _race(db.url, finish) == ["task_done"] * THREADS
    with db.read() as s:
        assert s.scalar(select(Wave.status)) == "picked"
        assert set(s.scalars(select(PickTask.status))) == {"done"}
