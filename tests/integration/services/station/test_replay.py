"""Replaying a station's offline journal, on SQLite and PostgreSQL: scans made offline
go in exactly once however often the replay runs; a scan the server already had is
a no-op; a scan the server refuses now (order cancelled, task taken meanwhile) is a
conflict with the reason; a database that goes away half-way leaves the rest pending."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from offline_floor import OfflineFloor, build_offline_floor, unit_code
from packfloor import PackFloor, build_pack_floor
from packfloor import unit_barcode as pack_unit
from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from tcp_proxy import TcpProxy

from app.db.engine import Database
from app.db.journal import ScanJournal
from app.db.models import Order, PickTask, ScanRecord
from app.domain.scan import classify
from app.services.audit import Actor
from app.services.packing import bench as packing
from app.services.packing import order_barcodes, verify_offline
from app.services.picking import OfflinePick
from app.services.picking import claim as picking
from app.services.station.replay import replay
from app.services.supervision.actions import cancel_order


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[ScanJournal]:
    j = ScanJournal(tmp_path / "station" / "journal-HZ1-PICK-01.sqlite3")
    yield j
    j.close()


def right_scan(view: picking.TaskView, of: OfflineFloor) -> str:
    line = view.line
    assert line is not None
    return line.location if view.step == "location" else unit_code(line.sku)


def pick_offline(
    of: OfflineFloor,
    journal: ScanJournal,
    actor: Actor,
    task_id: int,
    n: int | None = None,
    walker: OfflinePick | None = None,
) -> tuple[list[str], OfflinePick]:
    """Walk the task offline from its plan, journaling each accepted scan; ``n`` scans or to the end."""
    walker = walker or OfflinePick(picking.task_plan(of.db, actor, task_id))
    ids: list[str] = []
    while walker.view.step != "done" and (n is None or len(ids) < n):
        text = right_scan(walker.view, of)
        out, walker = walker.scan(classify(text))
        assert out.accepted, out
        scan_id = str(uuid.uuid4())
        journal.append(scan_id, "pick", task_id, text, 1, actor.user_id, actor.station_id)
        ids.append(scan_id)
    return ids, walker


def scan_count(db: Database, ids: list[str]) -> int:
    with db.read() as s:
        return int(
            s.scalar(select(func.count()).select_from(ScanRecord).where(ScanRecord.id.in_(ids)))
            or 0
        )


def test_offline_picks_go_in_once_however_often_replayed(
    db: Database, journal: ScanJournal
) -> None:
    of = build_offline_floor(db)
    picking.claim_task(db, of.here, of.bulk_task)
    ids, walker = pick_offline(of, journal, of.here, of.bulk_task)
    assert walker.view.status == "done" and len(ids) == journal.pending_count() >= 7
    assert of.picked(of.bulk_task) == 0  # nothing reached the database yet

    first = replay(db, journal, Actor())
    assert [e.id for e in first.applied] == ids and first.already == [] and first.conflicts == []
    assert first.done and first.pending == 0 and first.kinds == {"pick"}
    second = replay(db, journal, Actor())
    assert (second.applied, second.already, second.conflicts) == ([], [], [])

    assert scan_count(db, ids) == len(ids)
    assert of.picked(of.bulk_task) == 6
    assert [e.status for e in journal.all()] == ["applied"] * len(ids)
    with db.read() as s:
        assert s.scalar(select(PickTask.status).where(PickTask.id == of.bulk_task)) == "done"
        statuses = set(s.scalars(select(Order.status).where(Order.order_no.like("s%"))))
        assert statuses == {"picked"}
        # The scans are the picker's, at the picker's station, not the replaying actor's.
        assert set(
            s.execute(
                select(ScanRecord.user_id, ScanRecord.station_id).where(ScanRecord.id.in_(ids))
            ).all()
        ) == {(of.here.user_id, of.here.station_id)}


def test_a_scan_the_server_already_has_is_a_no_op(db: Database, journal: ScanJournal) -> None:
    of = build_offline_floor(db)
    view = picking.claim_task(db, of.here, of.bulk_task)
    # The station sent the location scan; the commit happened, the answer never came back.
    lost = str(uuid.uuid4())
    text = right_scan(view, of)
    assert picking.scan(db, of.here, of.bulk_task, classify(text), lost).accepted
    journal.append(lost, "pick", of.bulk_task, text, 1, of.here.user_id, of.here.station_id)
    ids, _ = pick_offline(of, journal, of.here, of.bulk_task, n=3)

    report = replay(db, journal, of.here)
    assert [e.id for e in report.already] == [lost]
    assert [e.id for e in report.applied] == ids and report.conflicts == []
    assert scan_count(db, [lost, *ids]) == 4
    assert of.picked(of.bulk_task) == 3


def test_a_task_taken_meanwhile_is_a_conflict_with_the_reason(
    db: Database, journal: ScanJournal
) -> None:
    of = build_offline_floor(db)
    picking.claim_task(db, of.here, of.cart_task)
    ids, _ = pick_offline(of, journal, of.here, of.cart_task, n=2)
    # While this station was cut off, its task was given back and another picker took it.
    picking.release_task(db, of.here, of.cart_task)
    picking.claim_task(db, of.there, of.cart_task)

    report = replay(db, journal, of.here)
    assert report.applied == [] and [e.id for e, _ in report.conflicts] == ids
    message = report.conflicts[0][1]
    assert "HZ1-PICK-02" in message and "李娜" in message
    assert report.conflict_codes[ids[0]][0] == "task_taken"
    assert [(e.status, e.detail) for e in journal.conflicts()] == [
        ("conflict", m) for _, m in report.conflicts
    ]
    assert scan_count(db, ids) == 0 and of.picked(of.cart_task) == 0
    assert replay(db, journal, of.here).conflicts == []  # a conflict is not tried again


def test_an_order_cancelled_meanwhile_is_a_conflict(
    db: Database, journal: ScanJournal, tmp_path: Path
) -> None:
    pf: PackFloor = build_pack_floor(db, tmp_path / "labels")
    view = packing.open_order(db, pf.here, classify("T-0001"), str(uuid.uuid4()))
    barcodes = order_barcodes(db, view.order_id)
    made: list[str] = []
    for sku in ("SKU-A", "SKU-B"):
        out = verify_offline(view, barcodes, classify(pack_unit(sku)))
        assert out.accepted, out
        scan_id = str(uuid.uuid4())
        journal.append(
            scan_id, "pack", view.order_id, pack_unit(sku), 1, pf.here.user_id, pf.here.station_id
        )
        made.append(scan_id)
        view = out.view
    assert view.units_scanned == 2
    cancel_order(
        db, Actor(pf.supervisor_id, None), view.order_id, "buyer cancelled on the platform"
    )

    report = replay(db, journal, pf.here)
    assert report.applied == [] and [e.id for e, _ in report.conflicts] == made
    assert all("cancelled" in message for _, message in report.conflicts)
    assert report.conflict_codes[made[0]][0] == "intercepted"
    assert packing.current_view(db, pf.here, view.order_id).units_scanned == 0
    assert journal.pending_count() == 0 and len(journal.conflicts()) == 2


def test_pick_and_pack_entries_replay_in_the_order_they_were_made(
    db: Database, journal: ScanJournal, tmp_path: Path
) -> None:
    pf = build_pack_floor(db, tmp_path / "labels")
    view = packing.open_order(db, pf.here, classify("T-0002"), str(uuid.uuid4()))
    barcodes = order_barcodes(db, view.order_id)
    ids = []
    for sku in ("SKU-A", "SKU-C", "SKU-C"):
        out = verify_offline(view, barcodes, classify(pack_unit(sku)))
        assert out.accepted
        view = out.view
        ids.append(str(uuid.uuid4()))
        journal.append(
            ids[-1], "pack", view.order_id, pack_unit(sku), 1, pf.here.user_id, pf.here.station_id
        )
    assert view.complete
    report = replay(db, journal, pf.here)
    assert [e.id for e in report.applied] == ids
    server = packing.current_view(db, pf.here, view.order_id)
    assert server.complete and server.lines == view.lines


def _replay_while_away(
    db: Database, away: Database, journal: ScanJournal, of: OfflineFloor
) -> None:
    picking.claim_task(db, of.here, of.bulk_task)
    ids, _ = pick_offline(of, journal, of.here, of.bulk_task, n=3)
    report = replay(away, journal, of.here)
    assert not report.done and report.interrupted
    assert report.applied == [] and report.conflicts == [] and report.pending == 3
    assert journal.pending_count() == 3 and scan_count(db, ids) == 0


def test_a_database_away_leaves_everything_pending(
    db: Database, journal: ScanJournal, tmp_path: Path
) -> None:
    of = build_offline_floor(db)
    if db.dialect == "sqlite":
        away = Database(f"sqlite:///{tmp_path}/unmounted/share/wavedesk.sqlite3")
        try:
            _replay_while_away(db, away, journal, of)
        finally:
            away.dispose()
        assert len(replay(db, journal, of.here).applied) == 3
        return
    real = make_url(db.url)
    with TcpProxy(real.host or "127.0.0.1", real.port or 5432) as proxy:
        away = Database(proxy.url_for(db.url))
        try:
            proxy.cut()
            _replay_while_away(db, away, journal, of)
            proxy.restore()
            report = replay(away, journal, of.here)
            assert len(report.applied) == 3 and report.done
        finally:
            away.dispose()
