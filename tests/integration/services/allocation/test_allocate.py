from __future__ import annotations

from floorplan import GD, ZJ, Floor, build_floor, order
from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import Order, Reservation, Stock, table_of
from app.domain.incoming import Recipient
from app.services.allocation import allocate_orders
from app.services.intake.apply import import_orders
from app.services.orders import order_detail
from app.services.review import review_orders
from app.services.settings import put_setting


def approve(floor: Floor, *orders) -> None:  # noqa: ANN002
    import_orders(floor.db, list(orders))
    review = review_orders(floor.db)
    assert review.held == 0, review.reasons


def test_same_province_wins_when_both_can_ship(floor: Floor) -> None:
    approve(floor, order("zj", ("SKU-A", 1), recipient=ZJ), order("gd", ("SKU-A", 1), recipient=GD))
    report = allocate_orders(floor.db)
    assert report.allocated == 2
    assert order_detail(floor.db, "zj")["warehouse"] == "HZ1"
    assert order_detail(floor.db, "gd")["warehouse"] == "GZ1"


def test_whole_order_beats_province(floor: Floor) -> None:
    # HZ1 has no SKU-C: a Zhejiang buyer is served from Guangzhou in one parcel.
    approve(floor, order("zj", ("SKU-A", 1), ("SKU-C", 1), recipient=ZJ))
    allocate_orders(floor.db)
    assert order_detail(floor.db, "zj")["warehouse"] == "GZ1"


def test_nearest_when_no_warehouse_in_province(floor: Floor) -> None:
    shanghai = Recipient(
        name="王五",
        phone="13700137000",
        country="CN",
        province="上海市",
        city="上海市",
        district="浦东新区",
        address="张江路 88号",
    )
    guangxi = Recipient(
        name="赵六",
        phone="13600136000",
        country="CN",
        province="广西壮族自治区",
        city="南宁市",
        district="青秀区",
        address="民族大道 1号",
    )
    approve(
        floor,
        order("sh", ("SKU-A", 1), recipient=shanghai),
        order("gx", ("SKU-A", 1), recipient=guangxi),
    )
    allocate_orders(floor.db)
    assert order_detail(floor.db, "sh")["warehouse"] == "HZ1"
    assert order_detail(floor.db, "gx")["warehouse"] == "GZ1"


def test_reserves_at_bin_level_fewest_bins_first(floor: Floor) -> None:
    approve(floor, order("a", ("SKU-A", 6), recipient=ZJ))
    allocate_orders(floor.db)
    # 6 of SKU-A: no HZ1 bin holds 6 (5 + 3), so both bins are used, fullest first.
    assert (floor.stock("HZ1", "SKU-A", 1).reserved, floor.stock("HZ1", "SKU-A", 2).reserved) == (
        5,
        1,
    )
    with floor.db.read() as s:
        assert s.scalar(select(func.sum(Reservation.qty))) == 6


def test_split_across_warehouses(floor: Floor) -> None:
    # SKU-B: 2 in HZ1 and 1 in GZ1; nobody has 3.
    approve(floor, order("big", ("SKU-B", 3), ("SKU-A", 1), recipient=ZJ))
    report = allocate_orders(floor.db)
    assert report.split == 1
    parent = order_detail(floor.db, "big")
    assert parent["status"] == "allocated" and parent["split_into"] == ["big-1", "big-2"]
    first, second = order_detail(floor.db, "big-1"), order_detail(floor.db, "big-2")
    assert first["warehouse"] == "HZ1" and second["warehouse"] == "GZ1"
    qty = {(c["order_no"], ln["sku"]): ln["qty"] for c in (first, second) for ln in c["lines"]}
    assert qty == {("big-1", "SKU-B"): 2, ("big-1", "SKU-A"): 1, ("big-2", "SKU-B"): 1}


def test_wait_mode_leaves_unshippable_orders_approved(floor: Floor) -> None:
    with floor.db.unit_of_work() as s:
        put_setting(s, "allocation", {"split": "wait"})
    approve(floor, order("big", ("SKU-B", 3), recipient=ZJ))
    report = allocate_orders(floor.db)
    assert (report.allocated, report.waiting) == (0, 1)
    assert "split is off" in report.waiting_orders[0][1]
    assert order_detail(floor.db, "big")["status"] == "approved"


def test_never_oversells_the_last_units(floor: Floor) -> None:
    # 3 units of SKU-B in all; five orders of one each: three allocated, two wait.
    approve(floor, *[order(f"o{i}", ("SKU-B", 1), recipient=GD) for i in range(5)])
    report = allocate_orders(floor.db)
    assert (report.allocated, report.waiting) == (3, 2)
    with floor.db.read() as s:
        for st in s.scalars(select(Stock)):
            assert 0 <= st.reserved <= st.on_hand


def test_allocation_is_resumable(db: Database) -> None:
    floor = build_floor(db, {("HZ1", "SKU-A"): [500]})
    approve(floor, *[order(f"o{i}", ("SKU-A", 1)) for i in range(450)])
    assert allocate_orders(db).allocated == 450
    assert allocate_orders(db).allocated == 0
    with db.read() as s:
        assert (
            s.scalar(select(func.count()).select_from(Order).where(Order.status == "allocated"))
            == 450
        )
    assert floor.stock("HZ1", "SKU-A").reserved == 450


def test_a_bin_emptied_by_another_allocator_is_planned_again(floor: Floor, monkeypatch) -> None:
    """Between the snapshot and the reservation someone takes every unit of one bin:
    the orders planned on it re-plan from fresh figures; nothing is oversold."""
    import app.services.allocation.allocate as allocation

    approve(floor, order("a", ("SKU-A", 2), recipient=ZJ), order("b", ("SKU-C", 1), recipient=GD))
    stolen = floor.bins[("HZ1", "SKU-A", 1)]
    real = allocation.reserve_many

    def racing(conn, totals: dict[int, int]) -> set[int]:  # noqa: ANN001
        if stolen in totals:
            conn.execute(
                table_of(Stock).update().where(Stock.id == stolen).values(reserved=Stock.on_hand)
            )
        return real(conn, totals)

    monkeypatch.setattr(allocation, "reserve_many", racing)
    report = allocate_orders(floor.db)
    assert report.allocated == 2
    # Order a now comes from HZ1's second bin (3 units), not the stolen one.
    assert floor.stock("HZ1", "SKU-A", 2).reserved == 2
    assert floor.stock("HZ1", "SKU-A", 1).reserved == 5  # all taken by "the other allocator"
    with floor.db.read() as s:
        by_stock = dict(
            s.execute(
                select(Reservation.stock_id, func.sum(Reservation.qty)).group_by(
                    Reservation.stock_id
                )
            ).all()
        )
    assert stolen not in by_stock
    assert floor.stock("GZ1", "SKU-C").reserved == by_stock[floor.bins[("GZ1", "SKU-C", 1)]] == 1


def test_several_splits_in_one_chunk_get_their_own_ids(floor: Floor) -> None:
    # SKU-B only in Hangzhou, SKU-C only in Guangzhou: every order of both splits.
    with floor.db.unit_of_work() as s:
        s.execute(
            table_of(Stock)
            .update()
            .where(Stock.id == floor.bins[("GZ1", "SKU-B", 1)])
            .values(on_hand=0)
        )
        s.execute(
            table_of(Stock)
            .update()
            .where(Stock.id == floor.bins[("HZ1", "SKU-B", 1)])
            .values(on_hand=10)
        )
    approve(floor, *[order(f"s{i}", ("SKU-B", 2), ("SKU-C", 1), recipient=ZJ) for i in range(3)])
    report = allocate_orders(floor.db)
    assert (report.allocated, report.split) == (3, 3)
    for no in ("s0", "s1", "s2"):
        detail = order_detail(floor.db, no)
        kids = [order_detail(floor.db, k) for k in detail["split_into"]]
        assert [k["warehouse"] for k in kids] == ["HZ1", "GZ1"]
        assert [[(ln["sku"], ln["qty"]) for ln in k["lines"]] for k in kids] == [
            [("SKU-B", 2)],
            [("SKU-C", 1)],
        ]
    assert floor.stock("HZ1", "SKU-B").reserved == 6 and floor.stock("GZ1", "SKU-C").reserved == 3
