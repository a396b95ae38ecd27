"""Verifying offline answers as the packing service does: the same item scans sent to
the database and checked against the bench's view and the order's barcodes give the
same acceptance, code, parameters and counted lines."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from packfloor import CASE_PACK, PackFloor, build_pack_floor, case_barcode, unit_barcode

from app.db.engine import Database
from app.domain.scan import classify
from app.services.packing import bench as packing
from app.services.packing import order_barcodes, verify_offline


@pytest.fixture
def pf(db: Database, tmp_path: Path) -> PackFloor:
    return build_pack_floor(db, tmp_path / "labels")


def test_offline_verify_counts_and_refuses_as_the_service(pf: PackFloor) -> None:
    view = packing.open_order(
        pf.db, pf.here, classify("T-0001"), str(uuid.uuid4())
    )  # m1: 2 × A, 1 × B
    codes = order_barcodes(pf.db, view.order_id)
    assert (
        codes[case_barcode("SKU-A")].pack_qty == CASE_PACK
        and codes[case_barcode("SKU-A")].kind == "case"
    )
    assert {c.product_id for c in codes.values()} == {ln.product_id for ln in view.lines}

    def both(text: str, *, same_params: bool = True) -> bool:
        nonlocal view
        meaning = classify(text)
        offline = verify_offline(view, codes, meaning)
        online = packing.verify(pf.db, pf.here, view.order_id, meaning, str(uuid.uuid4()))
        assert (offline.accepted, offline.code) == (online.accepted, online.code), (
            text,
            offline,
            online,
        )
        if same_params:
            assert offline.params == online.params, text
        assert (
            offline.view.lines == online.view.lines
            and offline.view.complete == online.view.complete
        )
        view = online.view
        return online.accepted

    assert not both("T-0001")  # not_a_product
    assert not both("]C110ABC123")  # no_gtin
    # SKU-C is a product, not of this order: both refuse; the service can name it, offline only its barcode.
    assert not both(unit_barcode("SKU-C"), same_params=False)
    assert both(unit_barcode("SKU-A"))
    assert not both(case_barcode("SKU-A"))  # 2 more than the 1 still to scan: too_many
    assert both(unit_barcode("SKU-A"))
    assert not both(unit_barcode("SKU-A"))  # all scanned already
    assert both(unit_barcode("SKU-B"))
    assert view.complete


def test_a_case_counts_its_pack_quantity_offline(pf: PackFloor) -> None:
    view = packing.open_order(pf.db, pf.here, classify("T-0001"), str(uuid.uuid4()))
    codes = order_barcodes(pf.db, view.order_id)
    out = verify_offline(view, codes, classify(case_barcode("SKU-A")))
    assert out.accepted and out.params["units"] == CASE_PACK and out.view.lines[0].scanned == 2
    assert out.view.units_scanned == 2 and not out.view.complete
    assert view.units_scanned == 0  # the view it was given is left as it was
    stopped = packing.current_view(pf.db, pf.here, view.order_id)
    assert verify_offline(stopped, {}, classify(unit_barcode("SKU-A"))).code == "not_in_order"
