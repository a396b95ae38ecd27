"""Totes: numbered T-0001 … per warehouse, globally unique, listed in number order."""

from __future__ import annotations

import threading

import pytest
from floorplan import Floor
from sqlalchemy import func, select

from app.db.engine import Database
from app.db.models import Event, Tote, table_of
from app.domain.floor_errors import FloorError
from app.domain.scan import Tote as ToteScan
from app.domain.scan import classify
from app.services.warehouse import add_totes, list_totes
from app.services.warehouse.totes import ToteInfo, tote_status


def tote_rows(db: Database) -> list[tuple[str, int | None, str]]:
    with db.read() as s:
        return [
            tuple(r)
            for r in s.execute(select(Tote.code, Tote.warehouse_id, Tote.status).order_by(Tote.id))
        ]


def test_add_creates_free_numbered_totes_in_the_warehouse(floor: Floor) -> None:
    codes = add_totes(floor.db, "HZ1", 5)
    assert codes == ["T-0001", "T-0002", "T-0003", "T-0004", "T-0005"]
    assert tote_rows(floor.db) == [(c, floor.hz, "free") for c in codes]
    for code in codes:
        assert classify(code) == ToteScan(code)
    with floor.db.read() as s:
        event = s.scalar(select(Event).where(Event.kind == "totes.added"))
    assert event is not None and event.entity_id == str(floor.hz)
    assert event.payload == {"first": "T-0001", "last": "T-0005", "count": 5}


def test_numbers_continue_after_the_highest_in_any_warehouse(floor: Floor) -> None:
    assert add_totes(floor.db, "HZ1", 3) == ["T-0001", "T-0002", "T-0003"]
    assert add_totes(floor.db, "GZ1", 2) == ["T-0004", "T-0005"]
    assert add_totes(floor.db, "HZ1", 1) == ["T-0006"]
    assert [t.code for t in list_totes(floor.db, "GZ1")] == ["T-0004", "T-0005"]
    assert [t.code for t in list_totes(floor.db, "HZ1")] == ["T-0001", "T-0002", "T-0003", "T-0006"]


def test_codes_grow_past_four_digits_and_list_in_number_order(floor: Floor) -> None:
    assert add_totes(floor.db, "HZ1", 3, start=9998) == ["T-9998", "T-9999", "T-10000"]
    assert add_totes(floor.db, "HZ1", 1) == ["T-10001"]
    assert add_totes(floor.db, "HZ1", 2, start=1) == ["T-0001", "T-0002"]
    listed = [t.code for t in list_totes(floor.db, "HZ1")]
    assert listed == ["T-0001", "T-0002", "T-9998", "T-9999", "T-10000", "T-10001"]
    assert classify("T-10000") == ToteScan("T-10000")


def test_codes_that_are_not_numbered_totes_do_not_disturb_numbering(floor: Floor) -> None:
    with floor.db.unit_of_work() as s:
        s.add_all(
            [
                Tote(code="CART-77", warehouse_id=floor.hz),
                Tote(code="T-12A", warehouse_id=floor.hz),
                Tote(code="T-0041", warehouse_id=floor.gz),
            ]
        )
    assert add_totes(floor.db, "HZ1", 2) == ["T-0042", "T-0043"]


def test_a_start_that_hits_existing_codes_is_refused_and_nothing_is_added(floor: Floor) -> None:
    add_totes(floor.db, "HZ1", 5)
    before = tote_rows(floor.db)
    with pytest.raises(FloorError) as err:
        add_totes(floor.db, "GZ1", 10, start=4)
    assert err.value.code == "tote_exists"
    assert "T-0004" in str(err.value) and "T-0005" in str(err.value)
    assert err.value.params["taken"] == ["T-0004", "T-0005"]
    assert tote_rows(floor.db) == before


@pytest.mark.parametrize(
    ("count", "start", "code"),
    [
        (0, None, "tote_count"),
        (-3, None, "tote_count"),
        (10_001, None, "tote_count"),
        (5, 0, "tote_start"),
        (5, -1, "tote_start"),
    ],
)
def test_bad_counts_and_starts_are_refused(
    floor: Floor, count: int, start: int | None, code: str
) -> None:
    with pytest.raises(FloorError) as err:
        add_totes(floor.db, "HZ1", count, start)
    assert err.value.code == code
    assert str(err.value).endswith(".")
    assert tote_rows(floor.db) == []


def test_an_unknown_warehouse_is_named_with_the_known_ones(floor: Floor) -> None:
    with pytest.raises(FloorError) as err:
        add_totes(floor.db, "SH9", 3)
    assert err.value.code == "warehouse_unknown"
    assert str(err.value) == "There is no warehouse 'SH9'; the warehouses are GZ1, HZ1."
    with pytest.raises(FloorError) as err:
        list_totes(floor.db, "SH9")
    assert err.value.code == "warehouse_unknown"
    assert tote_rows(floor.db) == []


def test_warehouse_codes_are_matched_as_typed_or_in_upper_case(floor: Floor) -> None:
    assert add_totes(floor.db, " hz1 ", 1) == ["T-0001"]
    assert [t.warehouse for t in list_totes(floor.db, "hz1")] == ["HZ1"]


def test_an_empty_database_says_no_warehouse_exists(db: Database) -> None:
    with pytest.raises(FloorError) as err:
        add_totes(db, "HZ1", 1)
    assert str(err.value) == "There is no warehouse 'HZ1'; no warehouse has been added yet."


def test_list_by_status_and_one_totes_state(floor: Floor) -> None:
    add_totes(floor.db, "HZ1", 3)
    with floor.db.unit_of_work() as s:
        s.execute(table_of(Tote).update().where(Tote.code == "T-0002").values(status="picking"))
    assert [t.code for t in list_totes(floor.db, "HZ1", "free")] == ["T-0001", "T-0003"]
    assert [t.code for t in list_totes(floor.db, "HZ1", "picking")] == ["T-0002"]
    assert list_totes(floor.db, "GZ1") == []
    assert tote_status(floor.db, " t-0002\n") == ToteInfo("T-0002", "HZ1", "picking", None, None)


def test_unknown_status_and_unknown_tote_are_refused(floor: Floor) -> None:
    add_totes(floor.db, "HZ1", 1)
    with pytest.raises(FloorError) as err:
        list_totes(floor.db, "HZ1", "lost")
    assert err.value.code == "tote_status_unknown"
    assert "free, picking, picked, packing" in str(err.value)
    with pytest.raises(FloorError) as err:
        tote_status(floor.db, "T-0404")
    assert (err.value.code, str(err.value)) == ("tote_unknown", "There is no tote 'T-0404'.")


def test_two_stations_adding_at_once_get_distinct_consecutive_codes(floor: Floor) -> None:
    """Both read the highest number; the numbering lock makes the second wait for the first."""
    barrier = threading.Barrier(2)
    results: list[list[str]] = []
    errors: list[BaseException] = []

    def station(code: str) -> None:
        other = Database(floor.db.url)
        try:
            barrier.wait()
            results.append(add_totes(other, code, 40))
        except BaseException as exc:  # reported below, on the test's thread
            errors.append(exc)
        finally:
            other.dispose()

    threads = [threading.Thread(target=station, args=(c,)) for c in ("HZ1", "GZ1")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    codes = sorted(c for r in results for c in r)
    assert codes == [f"T-{n:04d}" for n in range(1, 81)]
    with floor.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Tote)) == 80
