"""The offline walker answers every scan as the picking service does: the same
scans — right and wrong — sent to the database and to a walker made from the task's
plan give the same acceptance, code, parameters and view, on a cart and a bulk list."""

from __future__ import annotations

import uuid

import pytest
from offline_floor import OfflineFloor, build_offline_floor, case_code, unit_code

from app.db.engine import Database
from app.domain.floor_errors import FloorError
from app.domain.scan import classify
from app.services.picking import OfflinePick, same_walk
from app.services.picking import claim as picking


@pytest.fixture
def of(db: Database) -> OfflineFloor:
    return build_offline_floor(db)


class Twin:
    """One task walked twice: on the server and offline from its plan."""

    def __init__(self, of: OfflineFloor, task_id: int) -> None:
        self.of = of
        self.view = picking.claim_task(of.db, of.here, task_id)
        self.walker = OfflinePick(picking.task_plan(of.db, of.here, task_id))
        assert same_walk(self.walker.view, self.view)

    def both(self, text: str, qty: int = 1, *, offline_code: str | None = None) -> bool:
        meaning = classify(text)
        offline, after = self.walker.scan(meaning, qty)
        online = picking.scan(
            self.of.db,
            self.of.here,
            self.view.task_id,
            meaning,
            str(uuid.uuid4()),
            qty,
            task_version=self.view.task_version,
        )
        if offline_code is not None:  # the documented difference: the walker refuses, saying why
            assert (offline.accepted, offline.code) == (False, offline_code), offline
            assert online.accepted
            offline, after = self.walker.scan(
                meaning, qty, bound_tote=text
            )  # as the server bound it
        assert (offline.accepted, offline.code) == (online.accepted, online.code), (
            text,
            offline,
            online,
        )
        assert offline.params == online.params, text
        assert same_walk(offline.view, online.view), (text, offline.view, online.view)
        self.view, self.walker = online.view, after
        return online.accepted


def test_a_cart_walked_online_and_offline_answers_alike(of: OfflineFloor) -> None:
    t = Twin(of, of.cart_task)
    assert t.view.kind == "cart"
    bound: dict[int, str] = {}
    free = iter(of.totes)
    for _ in range(60):
        view = t.view
        if view.step == "done":
            break
        line = view.line
        if view.step == "location":
            elsewhere = next(
                c for c in (f"HZ1-A01-{n:02d}-1" for n in range(1, 6)) if c != line.location
            )
            assert not t.both(elsewhere)  # wrong_location
            assert not t.both(unit_code(line.sku))  # expect_location
            assert not t.both("BOX-M")  # a carton: expect_location
            assert t.both(line.location)
        elif view.step == "item":
            wrong = next(s for s in ("SKU-A", "SKU-B", "SKU-C") if s != line.sku)
            assert not t.both(unit_code(wrong))  # wrong_product, a product of this task
            assert not t.both("T-0001")  # expect_item
            assert not t.both("BOX-M")  # a carton: expect_item
            assert not t.both(unit_code(line.sku), qty=line.remaining + 1)  # over_quantity
            assert t.both(line.location)  # location again: accepted, nothing moves
            assert t.both(unit_code(line.sku))
        else:
            assert not t.both(unit_code(line.sku))  # expect_tote
            assert not t.both("BOX-M")  # a carton: expect_tote
            if line.slot in bound:
                wrong = next(
                    c for c in of.totes if c != bound[line.slot] and c not in bound.values()
                )
                assert not t.both(wrong)  # wrong_tote
                assert t.both(bound[line.slot])
            else:
                code = next(free)
                bound[line.slot] = code
                assert t.both(code, offline_code="offline_tote")
    assert t.view.step == "done" and t.walker.view.status == "done"
    with pytest.raises(FloorError) as err:
        t.walker.scan(classify("T-0001"))
    assert err.value.code == "task_done"


def test_a_bulk_list_with_cases_answers_alike(of: OfflineFloor) -> None:
    t = Twin(of, of.bulk_task)
    assert t.view.kind == "bulk"
    cased = False
    for _ in range(40):
        view = t.view
        if view.step == "done":
            break
        line = view.line
        if view.step == "location":
            assert t.both(line.location)
        elif line.sku == "SKU-D" and not cased:
            assert not t.both(
                case_code("SKU-D"), qty=3
            )  # 6 units, only 4 to pick: over_quantity (case)
            assert t.both(case_code("SKU-D"))  # one case fills two single-unit lines
            cased = True
        else:
            assert not t.both("]C110ABC123")  # a GS1 code with a batch and no item number: no_gtin
            assert t.both(unit_code(line.sku))
    assert cased
    assert t.view.step == "done" and t.view.status == "done"
    assert of.picked(of.bulk_task) == 6


def test_a_plan_is_only_for_the_station_holding_the_task(of: OfflineFloor) -> None:
    with pytest.raises(FloorError) as err:
        picking.task_plan(of.db, of.here, of.cart_task)
    assert err.value.code == "not_claimed"
    picking.claim_task(of.db, of.there, of.cart_task)
    with pytest.raises(FloorError) as err:
        picking.task_plan(of.db, of.here, of.cart_task)
    assert err.value.code == "task_taken" and err.value.params["station"] == "HZ1-PICK-02"
    plan = picking.task_plan(of.db, of.there, of.cart_task)
    assert len(plan.lines) == 4 and plan.view.step == "location"
    codes = {b.barcode: (b.kind, b.pack_qty) for b in plan.barcodes}
    assert codes == {
        unit_code("SKU-A"): ("unit", 1),
        unit_code("SKU-B"): ("unit", 1),
        unit_code("SKU-C"): ("unit", 1),
    }
    with pytest.raises(FloorError) as err:
        picking.task_plan(of.db, of.here, 999_999)
    assert err.value.code == "no_task"
