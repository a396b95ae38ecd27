"""Exceptions that travel between the floor and the supervisor: a refused weighing
approved from the dashboard, a task re-assigned to a person without a station."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from packfloor import PackFloor, build_pack_floor, unit_barcode
from sqlalchemy import select, update

from app.db.engine import Database
from app.db.models import Event, PickTask, Station, User
from app.domain.floor_errors import FloorError
from app.domain.scan import Tote, classify
from app.services.audit import Actor
from app.services.packing.bench import complete, open_order, verify
from app.services.picking import claim as picking
from app.services.supervision.actions import approve_override, reassign_task
from app.services.supervision.dashboard import exceptions


@pytest.fixture
def pf(db: Database, tmp_path: Path) -> PackFloor:
    return build_pack_floor(db, tmp_path / "labels")


def _finish(pf: PackFloor, order_id: int, weight_g: int) -> str:
    return complete(
        pf.db,
        pf.here,
        order_id,
        weight_g=weight_g,
        carton=None,
        printer=pf.printer,
        fmt="zpl",
        size="100x150",
    ).tracking_no


def test_a_refused_weighing_reaches_the_dashboard_and_its_approval_lets_the_packer_finish(
    pf: PackFloor,
) -> None:
    view = open_order(pf.db, pf.here, Tote("T-0001"), str(uuid.uuid4()))
    for sku, qty in (("SKU-A", 2), ("SKU-B", 1)):
        assert verify(
            pf.db, pf.here, view.order_id, classify(unit_barcode(sku)), str(uuid.uuid4()), qty
        ).accepted
    with pytest.raises(FloorError) as refused:
        _finish(pf, view.order_id, 900)
    assert refused.value.code == "weight_mismatch"
    waiting = [e for e in exceptions(pf.db) if e.kind == "weight_mismatch"]
    assert [e.order_no for e in waiting] == ["m1"]

    supervisor = Actor(pf.supervisor_id, None)
    approve_override(pf.db, supervisor, view.order_id, "gift wrapping weighs more")
    _finish(pf, view.order_id, 900)
    assert pf.status("m1") == "packed"
    with pf.db.read() as s:
        override = s.scalars(
            select(Event.payload).where(Event.kind == "pack.weight_override")
        ).one()
    assert (
        override["supervisor_id"] == pf.supervisor_id
        and override["reason"] == "gift wrapping weighs more"
    )
    assert [e for e in exceptions(pf.db) if e.kind == "weight_mismatch"] == []


def test_an_approval_is_used_once(pf: PackFloor) -> None:
    view = open_order(pf.db, pf.here, Tote("T-0001"), str(uuid.uuid4()))
    for sku, qty in (("SKU-A", 2), ("SKU-B", 1)):
        verify(pf.db, pf.here, view.order_id, classify(unit_barcode(sku)), str(uuid.uuid4()), qty)
    with pytest.raises(FloorError):
        _finish(pf, view.order_id, 900)
    with pytest.raises(FloorError) as no_approval:
        _finish(pf, view.order_id, 901)
    assert no_approval.value.code == "weight_mismatch"  # refusing again needs no approval yet


def test_a_task_reassigned_without_a_station_is_taken_over_where_its_person_signs_in(
    pf: PackFloor,
) -> None:
    db = pf.db
    with db.unit_of_work() as s:
        s.execute(update(PickTask).values(status="open", claimed_by=None, claimed_station_id=None))
        pick_station = Station(name="HZ1-PICK-07", kind="pick", warehouse_id=pf.floor.hz)
        picker = User(badge="U-0301", name="陈静", role="picker")
        s.add_all([pick_station, picker])
        s.flush()
        task_id = s.scalar(select(PickTask.id).order_by(PickTask.id).limit(1))
        station_id, picker_id = pick_station.id, picker.id
    assert task_id is not None
    reassign_task(db, Actor(pf.supervisor_id, None), task_id, picker_id, "cover for 李伟")
    with db.read() as s:
        assert (
            s.get(PickTask, task_id).claimed_station_id is None
        )  # the picker has not scanned anywhere yet
    view = picking.claim_next_task(db, Actor(picker_id, station_id), pf.floor.hz)
    assert view is not None and view.task_id == task_id
    with db.read() as s:
        assert s.get(PickTask, task_id).claimed_station_id == station_id
        assert (
            s.scalar(select(Event.kind).where(Event.kind == "task.taken_over")) == "task.taken_over"
        )
