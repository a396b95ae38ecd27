from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from floorplan import ZJ, Floor, order
from sqlalchemy import select

from app.db.models import Blacklist, Event, Order
from app.domain.floor_errors import FloorError
from app.domain.incoming import IncomingLine
from app.services.intake.apply import import_orders
from app.services.orders import order_detail
from app.services.review import review_orders
from app.services.supervision import release_order_holds


def held(floor: Floor, no: str) -> list[str]:
    return [h["code"] for h in order_detail(floor.db, no)["hold_reasons"]]


@pytest.mark.parametrize(
    ("incoming", "code"),
    [
        (order("u", ("SKU-A", 1), paid=False), "unpaid"),
        (order("a", ("SKU-A", 1), recipient=replace(ZJ, address="")), "address_incomplete"),
        (order("p", ("SKU-A", 1), recipient=replace(ZJ, phone="12345")), "phone_invalid"),
        (order("k", ("NOPE-1", 1)), "unknown_sku"),
        (
            replace(order("m", ("SKU-A", 1)), lines=(IncomingLine("SKU-A", 1, Decimal("1.00")),)),
            "price_mismatch",
        ),
        (order("s", ("SKU-C", 99)), "out_of_stock"),
        (order("r", ("SKU-A", 1), buyer_remark="请发顺丰"), "buyer_remark"),
        (order("b", ("SKU-A", 1), buyer_id="scalper88"), "blacklisted"),
    ],
)
def test_each_rule_holds_with_its_code(floor: Floor, incoming, code: str) -> None:
    with floor.db.unit_of_work() as s:
        s.add(Blacklist(kind="buyer", value="scalper88", reason="resells"))
    import_orders(floor.db, [incoming, order("ok", ("SKU-A", 1))])
    report = review_orders(floor.db)
    assert (report.approved, report.held) == (1, 1)
    assert held(floor, incoming.order_no) == [code]
    assert order_detail(floor.db, incoming.order_no)["status"] == "on_hold"
    assert order_detail(floor.db, "ok")["status"] == "approved"


def test_several_reasons_at_once(floor: Floor) -> None:
    import_orders(floor.db, [order("x", ("NOPE", 1), paid=False, buyer_remark="hi")])
    review_orders(floor.db)
    assert set(held(floor, "x")) == {"unpaid", "unknown_sku", "buyer_remark"}


def test_review_twice_does_nothing_more(floor: Floor) -> None:
    import_orders(floor.db, [order("1", ("SKU-A", 1)), order("2", ("SKU-A", 1), paid=False)])
    review_orders(floor.db)
    again = review_orders(floor.db)
    assert (again.approved, again.held) == (0, 0)


def test_release_needs_a_supervisor_and_writes_an_event(floor: Floor) -> None:
    import_orders(floor.db, [order("r", ("SKU-A", 1), buyer_remark="周末不在家")])
    review_orders(floor.db)
    with pytest.raises(FloorError, match="only a supervisor"):
        release_order_holds(floor.db, "r", "PICK-1", "")
    with pytest.raises(FloorError, match="no active user"):
        release_order_holds(floor.db, "r", "NOBODY", "")
    result = release_order_holds(floor.db, "r", "SUP-1", reason="called the buyer")
    assert (result.order_no, result.detail("codes"), result.detail("by")) == (
        "r",
        ("buyer_remark",),
        "王芳",
    )
    detail = order_detail(floor.db, "r")
    assert detail["status"] == "approved" and detail["hold_reasons"] == []
    with floor.db.read() as s:
        oid = s.scalar(select(Order.id).where(Order.order_no == "r"))
        ev = s.scalars(select(Event).where(Event.entity_id == str(oid)).order_by(Event.seq)).all()
    assert [e.kind for e in ev][-2:] == ["order.hold_released", "order.approved"]
    assert ev[-1].user_id is not None and ev[-1].payload["reason"] == "called the buyer"
    # Releasing again: a reason is asked for first, then there is nothing to release
    # (the old command line let the status machine refuse approved → approved).
    with pytest.raises(FloorError, match="Give a reason"):
        release_order_holds(floor.db, "r", "SUP-1", "")
    with pytest.raises(FloorError, match="has no open hold"):
        release_order_holds(floor.db, "r", "SUP-1", "again")
