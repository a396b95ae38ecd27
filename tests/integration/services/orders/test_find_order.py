"""The one rule for reading an order number, on the cases where the command line's
lookup and the shipping label's used to answer differently."""

from __future__ import annotations

import pytest
from floorplan import Floor, order

from app.domain.floor_errors import FloorError
from app.services.intake.apply import import_orders
from app.services.orders import OrderNotFound, find_order, number_forms, order_detail

SHOP = "Shopify店"


@pytest.fixture
def numbered(floor: Floor) -> Floor:
    """A Shopify order #1001 and its child #1001-1; 2002 in the Taobao store and #2002 in
    the Shopify one; m1 in both stores; AB-1 upper-case."""
    shopify = {"store": SHOP, "platform": "shopify"}
    import_orders(
        floor.db,
        [
            order("#1001", ("SKU-A", 1), **shopify),
            order("#1001-1", ("SKU-A", 1), **shopify),
            order("2002", ("SKU-A", 1)),
            order("#2002", ("SKU-A", 1), **shopify),
            order("m1", ("SKU-A", 1)),
            order("m1", ("SKU-B", 1), **shopify),
            order("AB-1", ("SKU-A", 1)),
        ],
    )
    return floor


def found(floor: Floor, no: str, store: str | None = None) -> tuple[str, str]:
    with floor.db.read() as s:
        o = find_order(s, no, store)
        return o.order_no, o.store.name


def refused(floor: Floor, no: str, store: str | None = None) -> OrderNotFound:
    with floor.db.read() as s, pytest.raises(OrderNotFound) as err:
        find_order(s, no, store)
    return err.value


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("#1001", "#1001"),
        ("1001", "#1001"),  # typed without Shopify's #
        (" 1001\n", "#1001"),  # a scanner's newline, a pasted space
        ("1001-1", "#1001-1"),  # a child order, without its #
        ("#1001-1", "#1001-1"),
        ("AB-1", "AB-1"),
    ],
)
def test_spellings_of_one_number_find_one_order(numbered: Floor, typed: str, meant: str) -> None:
    assert found(numbered, typed)[0] == meant
    # The same answer through `wavedesk orders show` (it used to take the text as is).
    assert order_detail(numbered.db, typed)["order_no"] == meant


def test_a_parent_never_finds_its_child_nor_a_child_its_parent(numbered: Floor) -> None:
    assert found(numbered, "1001")[0] == "#1001"
    assert found(numbered, "#1001-1")[0] == "#1001-1"
    assert refused(numbered, "1001-2").code == "order_unknown"


def test_the_exact_spelling_wins_over_the_other_form(numbered: Floor) -> None:
    assert found(numbered, "2002") == ("2002", "淘宝小店")
    assert found(numbered, "#2002") == ("#2002", SHOP)
    assert found(numbered, "2002", store=SHOP) == ("#2002", SHOP)


def test_case_is_kept(numbered: Floor) -> None:
    assert refused(numbered, "ab-1").code == "order_unknown"


def test_a_number_of_two_stores_needs_the_store(numbered: Floor) -> None:
    err = refused(numbered, "m1")
    assert err.code == "order_ambiguous" and SHOP in err.message and "淘宝小店" in err.message
    assert found(numbered, "m1", store=SHOP) == ("m1", SHOP)
    assert found(numbered, " m1 ", store="淘宝小店") == ("m1", "淘宝小店")
    err = refused(numbered, "#1001", store="淘宝小店")
    assert (err.code, err.message) == ("order_unknown", "there is no order #1001 in store 淘宝小店")


def test_a_refusal_is_a_floor_error_and_a_lookup_error(numbered: Floor) -> None:
    err = refused(numbered, " nope ")
    assert isinstance(err, FloorError) and isinstance(err, LookupError)
    assert (err.code, str(err), err.params) == (
        "order_unknown",
        "there is no order nope",
        {"order_no": "nope"},
    )
    with pytest.raises(OrderNotFound, match="several stores"):
        order_detail(numbered.db, "m1")


def test_number_forms() -> None:
    assert number_forms(" 1001 ") == {"1001", "#1001"}
    assert number_forms("#1001-1") == {"#1001-1", "1001-1"}
