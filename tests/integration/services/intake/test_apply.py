from __future__ import annotations

from dataclasses import replace

from floorplan import GD, Floor, order
from sqlalchemy import func, select

from app.db.models import Event, Order, OrderLine, Reservation
from app.domain.incoming import PaymentStatus, Rejected
from app.services.allocation import allocate_orders
from app.services.intake.apply import import_orders
from app.services.orders import order_detail
from app.services.review import review_orders


def set_status(floor: Floor, no: str, status: str) -> None:
    with floor.db.unit_of_work() as s:
        o = s.scalar(select(Order).where(Order.order_no == no))
        assert o is not None
        o.status = status


def test_import_is_idempotent(floor: Floor) -> None:
    orders = [order("1001", ("SKU-A", 1)), order("1002", ("SKU-A", 2), ("SKU-B", 1))]
    first = import_orders(floor.db, orders)
    assert (first.imported, first.lines, first.rejected) == (2, 3, [])
    second = import_orders(floor.db, orders)
    assert (second.imported, second.updated, second.unchanged) == (0, 0, 2)
    with floor.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Order)) == 2
        assert s.scalar(select(func.count()).select_from(OrderLine)) == 3
        assert (
            s.scalar(select(func.count()).select_from(Event).where(Event.kind == "order.received"))
            == 2
        )


def test_same_number_in_two_stores_is_two_orders(floor: Floor) -> None:
    report = import_orders(
        floor.db, [order("1001", ("SKU-A", 1)), order("1001", ("SKU-A", 1), store="天猫旗舰店")]
    )
    assert report.imported == 2


def test_duplicate_within_one_run_is_rejected_with_first_position(floor: Floor) -> None:
    report = import_orders(
        floor.db, [order("1001", ("SKU-A", 1)), replace(order("1001", ("SKU-B", 1)), source_row=9)]
    )
    assert report.imported == 1
    assert report.rejected[0].row == 9 and "first at test.csv row 2" in report.rejected[0].reason


def test_parser_rejects_are_reported_and_the_rest_lands(floor: Floor) -> None:
    bad = Rejected("x.csv", 7, "Lineitem quantity 'two' is not a whole number", "#1003")
    report = import_orders(floor.db, [order("1001", ("SKU-A", 1)), bad])
    assert report.imported == 1 and report.rejected == [bad] and not report.ok


def test_new_address_updates_an_unpicked_order(floor: Floor) -> None:
    import_orders(floor.db, [order("1001", ("SKU-A", 1))])
    report = import_orders(floor.db, [order("1001", ("SKU-A", 1), recipient=GD)])
    assert report.updated == 1
    detail = order_detail(floor.db, "1001")
    assert detail["recipient"]["city"] == "深圳市" and detail["status"] == "received"


def test_cancel_on_platform_cancels_and_releases_stock(floor: Floor) -> None:
    import_orders(floor.db, [order("1001", ("SKU-B", 2))])
    review_orders(floor.db)
    allocate_orders(floor.db)
    assert floor.stock("HZ1", "SKU-B").reserved == 2
    report = import_orders(floor.db, [order("1001", ("SKU-B", 2), cancelled=True)])
    assert report.updated == 1
    assert order_detail(floor.db, "1001")["status"] == "cancelled"
    assert floor.stock("HZ1", "SKU-B").reserved == 0
    with floor.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Reservation)) == 0
        kinds = list(
            s.scalars(select(Event.kind).where(Event.entity == "order").order_by(Event.seq))
        )
    assert kinds[-3:] == ["order.stock_released", "order.updated", "order.cancelled"]


def test_change_after_picking_started_flags_interception(floor: Floor) -> None:
    import_orders(floor.db, [order("1001", ("SKU-A", 1))])
    set_status(floor, "1001", "picking")
    report = import_orders(floor.db, [order("1001", ("SKU-A", 1), cancelled=True)])
    assert report.intercepted == 1
    detail = order_detail(floor.db, "1001")
    assert detail["status"] == "picking"
    assert "cancelled on the platform" in detail["interception"]
    again = import_orders(floor.db, [order("1001", ("SKU-A", 1), cancelled=True)])
    assert again.unchanged == 1


def test_changed_items_of_an_allocated_order_go_back_to_review(floor: Floor) -> None:
    import_orders(floor.db, [order("1001", ("SKU-A", 2))])
    review_orders(floor.db)
    allocate_orders(floor.db)
    import_orders(floor.db, [order("1001", ("SKU-A", 3))])
    detail = order_detail(floor.db, "1001")
    assert detail["status"] == "on_hold" and detail["warehouse"] is None
    assert [h["code"] for h in detail["hold_reasons"]] == ["platform_changed"]
    assert [ln["qty"] for ln in detail["lines"]] == [3]
    assert floor.stock("HZ1", "SKU-A").reserved == 0
    # The rules look again and, all being well, approve it.
    assert review_orders(floor.db).approved == 1
    assert order_detail(floor.db, "1001")["hold_reasons"] == []


def test_payment_arriving_lets_a_held_order_pass_review(floor: Floor) -> None:
    import_orders(floor.db, [order("1001", ("SKU-A", 1), paid=False)])
    assert review_orders(floor.db).reasons == {"unpaid": 1}
    import_orders(floor.db, [order("1001", ("SKU-A", 1), payment_status=PaymentStatus.PAID)])
    assert review_orders(floor.db).approved == 1
    assert order_detail(floor.db, "1001")["status"] == "approved"


def test_cancelled_before_import_is_stored_cancelled(floor: Floor) -> None:
    import_orders(floor.db, [order("1001", ("SKU-A", 1), cancelled=True)])
    assert order_detail(floor.db, "1001")["status"] == "cancelled"
    assert review_orders(floor.db).approved == 0


def test_long_order_numbers_stay_text(floor: Floor) -> None:
    no = "4012345678901234567"
    import_orders(floor.db, [order(no, ("SKU-A", 1))])
    assert order_detail(floor.db, no)["order_no"] == no
