"""Hand-over at the dock on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from packfloor import PackFloor, build_pack_floor, unit_barcode
from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import Event, Order, Shipment
from app.domain.floor_errors import FloorError
from app.domain.scan import Tote, classify
from app.services.packing.bench import complete, open_order, verify, void_and_regenerate
from app.services.shipping import hand_over
from app.services.supervision.actions import cancel_order


@pytest.fixture
def pf(db: Database, tmp_path: Path) -> PackFloor:
    return build_pack_floor(db, tmp_path / "labels")


def packed(pf: PackFloor, tote: str, lines: dict[str, int]) -> str:
    view = open_order(pf.db, pf.here, Tote(tote), str(uuid.uuid4()))
    for sku, qty in lines.items():
        assert verify(
            pf.db, pf.here, view.order_id, classify(unit_barcode(sku)), str(uuid.uuid4()), qty
        ).accepted
    return complete(
        pf.db,
        pf.here,
        view.order_id,
        weight_g=None,
        carton=None,
        printer=pf.printer,
        fmt="zpl",
        size="100x150",
    ).tracking_no


def test_a_scanned_parcel_is_shipped_once(pf: PackFloor) -> None:
    number = packed(pf, "T-0001", {"SKU-A": 2, "SKU-B": 1})
    first = hand_over(pf.db, pf.here, number)
    assert not first.already and first.order_no == "m1" and first.carrier_count == 1
    assert pf.status("m1") == "shipped"
    again = hand_over(pf.db, pf.here, number.lower())
    assert again.already and again.carrier_count == 1
    with pf.db.read() as s:
        assert s.scalar(select(Shipment.status).where(Shipment.tracking_no == number)) == "shipped"
        shipped_events = s.scalar(
            select(func.count()).select_from(Event).where(Event.kind == "order.shipped")
        )
    assert shipped_events == 1


def test_a_voided_label_an_unknown_number_and_another_carrier_are_refused(pf: PackFloor) -> None:
    old = packed(pf, "T-0001", {"SKU-A": 2, "SKU-B": 1})
    with pf.db.read() as s:
        order_id = s.scalar(select(Order.id).where(Order.order_no == "m1"))
    assert order_id is not None
    new = void_and_regenerate(
        pf.db, pf.here, order_id, "label torn", pf.printer, "zpl", "100x150"
    ).tracking_no
    with pytest.raises(FloorError) as voided:
        hand_over(pf.db, pf.here, old)
    assert voided.value.code == "label_voided"
    with pytest.raises(FloorError) as unknown:
        hand_over(pf.db, pf.here, "SF000000000000")
    assert unknown.value.code == "unknown_tracking"
    with pytest.raises(FloorError) as wrong:
        hand_over(pf.db, pf.here, new, carrier="NOSUCH")
    assert wrong.value.code == "wrong_carrier"
    assert pf.status("m1") == "packed"


def test_an_order_cancelled_after_packing_is_stopped_at_the_dock(pf: PackFloor) -> None:
    number = packed(pf, "T-0001", {"SKU-A": 2, "SKU-B": 1})
    with pf.db.read() as s:
        order_id = s.scalar(select(Order.id).where(Order.order_no == "m1"))
    assert order_id is not None
    sup = pf.here.__class__(pf.supervisor_id, pf.here.station_id)
    cancel_order(pf.db, sup, order_id, "buyer cancelled on the platform")
    with pytest.raises(FloorError) as stop:
        hand_over(pf.db, pf.here, number)
    assert stop.value.code == "intercepted"
