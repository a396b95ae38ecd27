"""One rule for releasing a hold, through both doors: the supervisor's screen (one hold
by id, the person signed in) and the command line (every open hold of an order by its
number, the person named by a badge)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from floorplan import Floor, order
from sqlalchemy import func, select

from app.db.models import Event, Order, OrderHold, User
from app.domain import permissions
from app.domain.floor_errors import FloorError
from app.services.audit import Actor
from app.services.intake.apply import import_orders
from app.services.orders import order_detail
from app.services.review import review_orders
from app.services.supervision import release_hold, release_order_holds


@pytest.fixture
def held(floor: Floor) -> Floor:
    """Order "x" on hold for three reasons, "r" for one."""
    import_orders(
        floor.db,
        [
            order("x", ("NOPE", 1), paid=False, buyer_remark="hi"),
            order("r", ("SKU-A", 1), buyer_remark="周末不在家"),
        ],
    )
    review_orders(floor.db)
    return floor


def user_id(floor: Floor, badge: str) -> int:
    with floor.db.read() as s:
        found = s.scalar(select(User.id).where(User.badge == badge))
    assert found is not None
    return found


def open_holds(floor: Floor, no: str) -> list[tuple[int, int, str]]:
    with floor.db.read() as s:
        return [
            (oid, hid, code)
            for oid, hid, code in s.execute(
                select(Order.id, OrderHold.id, OrderHold.code)
                .join(Order, Order.id == OrderHold.order_id)
                .where(Order.order_no == no, OrderHold.released_at.is_(None))
                .order_by(OrderHold.id)
            )
        ]


def event_count(floor: Floor) -> int:
    with floor.db.read() as s:
        return s.scalar(select(func.count()).select_from(Event)) or 0


def by_screen(floor: Floor, badge: str, reason: str) -> Any:
    oid, hid, _ = open_holds(floor, "r")[0]
    return release_hold(floor.db, Actor(user_id(floor, badge)), oid, hid, reason)


def by_number(floor: Floor, badge: str, reason: str) -> Any:
    return release_order_holds(floor.db, "r", badge, reason)


DOORS: dict[str, Callable[[Floor, str, str], Any]] = {"screen": by_screen, "number": by_number}


@pytest.mark.parametrize("door", sorted(DOORS))
@pytest.mark.parametrize("blank", ["", "   \n", "\t"])
def test_an_empty_reason_is_refused_at_every_door(held: Floor, door: str, blank: str) -> None:
    before = event_count(held), open_holds(held, "r")
    with pytest.raises(FloorError) as err:
        DOORS[door](held, "SUP-1", blank)
    assert err.value.code == "reason_required"
    assert (event_count(held), open_holds(held, "r")) == before
    assert order_detail(held.db, "r")["status"] == "on_hold"


@pytest.mark.parametrize("door", sorted(DOORS))
def test_the_permission_table_decides_who_may_at_every_door(
    held: Floor, door: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(FloorError) as err:
        DOORS[door](held, "PICK-1", "called the buyer")
    assert err.value.code == "not_supervisor" and "李伟" in err.value.message
    assert len(open_holds(held, "r")) == 1
    monkeypatch.setitem(permissions.PERMISSIONS, "release_hold", frozenset({"picker"}))
    with pytest.raises(FloorError) as err:
        DOORS[door](held, "SUP-1", "called the buyer")
    assert err.value.code == "not_supervisor"
    done = DOORS[door](held, "PICK-1", "called the buyer")
    assert done.action == "release_hold" and done.detail("approved") is True


@pytest.mark.parametrize("door", sorted(DOORS))
def test_both_doors_release_and_record_alike(held: Floor, door: str) -> None:
    done = DOORS[door](held, "SUP-1", "  called the buyer ")
    assert (done.order_no, done.detail("codes"), done.detail("by")) == (
        "r",
        ("buyer_remark",),
        "王芳",
    )
    assert done.summary == "Hold buyer_remark on order r released by 王芳; the order is approved"
    with held.db.read() as s:
        oid = s.scalar(select(Order.id).where(Order.order_no == "r"))
        ev = s.scalars(select(Event).where(Event.entity_id == str(oid)).order_by(Event.seq)).all()
    released, approved = ev[-2:]
    assert (released.kind, approved.kind) == ("order.hold_released", "order.approved")
    assert released.payload["reason"] == approved.payload["reason"] == "called the buyer"
    assert released.payload["codes"] == ["buyer_remark"] and released.payload["by"] == "王芳"
    assert released.user_id == user_id(held, "SUP-1")


def test_by_number_releases_every_open_hold_one_event_each(held: Floor) -> None:
    codes = [code for _, _, code in open_holds(held, "x")]
    assert len(codes) == 3
    done = release_order_holds(held.db, " x ", "SUP-1", "paid, remark read", station_id=None)
    assert done.detail("codes") == tuple(codes) and done.detail("approved") is True
    assert open_holds(held, "x") == [] and order_detail(held.db, "x")["status"] == "approved"
    with held.db.read() as s:
        payloads = [
            e.payload
            for e in s.scalars(
                select(Event).where(Event.kind == "order.hold_released").order_by(Event.seq)
            )
        ]
    assert [p["codes"] for p in payloads] == [[c] for c in codes]
    assert all(p["hold_id"] and p["reason"] == "paid, remark read" for p in payloads)


def test_by_number_refusals(held: Floor) -> None:
    with pytest.raises(FloorError) as err:
        release_order_holds(held.db, "r", "NOBODY", "")  # who is asked before why
    assert err.value.code == "not_supervisor"
    assert "no active user with badge NOBODY" in err.value.message
    with pytest.raises(FloorError) as err:
        release_order_holds(held.db, "nope", "SUP-1", "x")
    assert err.value.code == "order_unknown"
    release_order_holds(held.db, "r", "SUP-1", "called the buyer")
    with pytest.raises(FloorError) as err:
        release_order_holds(held.db, "r", "SUP-1", "again")
    assert err.value.code == "hold_not_open"
