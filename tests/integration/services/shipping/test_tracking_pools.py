from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from app.db.engine import Database
from app.db.models import Event, TrackingPool
from app.domain.carriers import CARRIERS
from app.domain.floor_errors import FloorError
from app.domain.scan import Tracking, classify
from app.domain.tracking_numbers import is_valid, make_number
from app.services.shipping import add_pool, ensure_default_pools, list_pools, take_number
from app.services.shipping.tracking_pools import default_pools


def take(db: Database, carrier: str) -> tuple[str, int]:
    with db.unit_of_work() as s:
        return take_number(s, carrier)


def test_numbers_come_in_order_and_the_pool_keeps_count(db: Database) -> None:
    pid = add_pool(
        db,
        "SF",
        prefix="SF",
        start=140_000_000_000,
        end=140_000_000_002,
        digits=12,
        check_rule="none",
    )
    assert [take(db, "sf") for _ in range(3)] == [
        ("SF140000000000", pid),
        ("SF140000000001", pid),
        ("SF140000000002", pid),
    ]
    (info,) = list_pools(db)
    assert (info.remaining, info.next_number, info.first_number, info.last_number) == (
        0,
        None,
        "SF140000000000",
        "SF140000000002",
    )
    with pytest.raises(FloorError) as err:
        take(db, "SF")
    assert err.value.code == "pool_empty"
    assert (
        str(err.value)
        == "no tracking numbers left for SF: add a range (wavedesk pools add --carrier SF …)"
    )
    with db.read() as s:
        assert s.scalar(select(Event.kind).where(Event.entity == "tracking_pool")) == "pool.added"


def test_check_digits_are_made_by_the_pool_rule(db: Database) -> None:
    add_pool(
        db,
        "EMS",
        prefix="EA",
        suffix="CN",
        start=47312482,
        end=47312490,
        digits=8,
        check_rule="s10",
    )
    number, _ = take(db, "EMS")
    assert number == "EA473124829CN" and is_valid(number, "s10")
    assert classify(number) == Tracking(number, "EMS")


def test_an_exhausted_pool_hands_over_to_the_next(db: Database) -> None:
    first = add_pool(db, "ZTO", prefix="78", start=5, end=5, digits=12, check_rule="none")
    second = add_pool(db, "ZTO", prefix="78", start=100, end=200, digits=12, check_rule="none")
    assert take(db, "ZTO") == ("78000000000005", first)
    assert take(db, "ZTO") == ("78000000000100", second)


def test_a_rolled_back_transaction_gives_its_number_back(db: Database) -> None:
    add_pool(db, "YTO", prefix="YT", start=1, end=9, digits=13, check_rule="none")
    with pytest.raises(RuntimeError), db.unit_of_work() as s:
        assert take_number(s, "YTO")[0] == "YT0000000000001"
        raise RuntimeError("label printer on fire")
    assert take(db, "YTO")[0] == "YT0000000000001"


@pytest.mark.parametrize(
    ("kwargs", "code", "message"),
    [
        (
            {"carrier": "XX", "prefix": "SF", "digits": 12, "check_rule": "none"},
            "pool_carrier_unknown",
            "'XX' is not a known carrier",
        ),
        (
            {"carrier": "SF", "prefix": "SF", "digits": 12, "check_rule": "luhn"},
            "pool_rule_unknown",
            "'luhn' is not a check-digit rule",
        ),
        (
            {"carrier": "SF", "prefix": "XF", "digits": 12, "check_rule": "none"},
            "pool_shape",
            "does not look like a SF tracking number",
        ),
        (
            {"carrier": "SF", "prefix": "SF", "digits": 9, "check_rule": "none"},
            "pool_shape",
            "SF000001000 does not look like",
        ),
        (
            {"carrier": "EMS", "prefix": "EA", "digits": 8, "check_rule": "s10"},
            "pool_shape",
            "two letters",
        ),
        (
            {"carrier": "SF", "prefix": "SF", "digits": 3, "check_rule": "none"},
            "pool_range",
            "fit in 3 digits",
        ),
    ],
)
def test_bad_pools_are_refused_with_the_reason(
    db: Database, kwargs: dict, code: str, message: str
) -> None:
    args = dict(kwargs)
    carrier = args.pop("carrier")
    with pytest.raises(FloorError, match=message) as err:
        add_pool(db, carrier, start=1000, end=2000, **args)
    assert err.value.code == code
    assert list_pools(db) == []


def test_a_range_that_wanders_off_the_carrier_shape_is_refused(db: Database) -> None:
    # ZTO 14-digit numbers start 75 or 78: 75… to 78… passes through 76… and 77….
    with pytest.raises(FloorError, match="76000000000000 does not look like a ZTO") as err:
        add_pool(
            db,
            "ZTO",
            prefix="",
            start=75_000_000_000_000,
            end=78_999_999_999_999,
            digits=14,
            check_rule="none",
        )
    assert err.value.code == "pool_shape"


def test_overlapping_ranges_are_refused_and_neighbours_allowed(db: Database) -> None:
    pid = add_pool(db, "SF", prefix="SF", start=100, end=199, digits=12, check_rule="none")
    with pytest.raises(
        FloorError, match=f"SF pool {pid} \\(SF000000000100 … SF000000000199\\)"
    ) as err:
        add_pool(db, "SF", prefix="SF", start=150, end=250, digits=12, check_rule="none")
    assert err.value.code == "pool_overlap"
    # The same numbers written with a longer prefix are the same numbers.
    with pytest.raises(FloorError, match="already covers"):
        add_pool(db, "SF", prefix="SF0", start=199, end=199, digits=11, check_rule="none")
    add_pool(db, "SF", prefix="SF", start=200, end=299, digits=12, check_rule="none")
    add_pool(
        db, "SF", prefix="SF", start=150, end=160, digits=13, check_rule="none"
    )  # another length
    assert len(list_pools(db)) == 3


def test_default_pools_cover_every_carrier_and_give_its_numbers(db: Database) -> None:
    assert {p.carrier for p in default_pools()} == set(CARRIERS)
    assert ensure_default_pools(db) == len(CARRIERS)
    assert ensure_default_pools(db) == 0
    for carrier in CARRIERS:
        number, _ = take(db, carrier)
        assert classify(number, prefer={"tracking"}) == Tracking(number, carrier)


def test_stations_taking_numbers_at_once_never_share_or_skip_one(db_url: str) -> None:
    setup = Database(db_url)
    start = 140_000_000_000
    pid = add_pool(
        setup, "SF", prefix="SF", start=start, end=start + 999, digits=12, check_rule="none"
    )
    threads, each = 6, 12
    barrier = threading.Barrier(threads)
    got: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def station() -> None:
        db = Database(db_url)  # one engine per station, as on the floor
        try:
            barrier.wait()
            for _ in range(each):
                number, pool = take(db, "SF")
                assert pool == pid
                with lock:
                    got.append(number)
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)
        finally:
            db.dispose()

    workers = [threading.Thread(target=station) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert errors == []
    expected = [make_number("SF", start + i, 12, "none") for i in range(threads * each)]
    assert sorted(got) == expected
    with setup.read() as s:
        assert (
            s.scalar(select(TrackingPool.next_value).where(TrackingPool.id == pid))
            == start + threads * each
        )
    setup.dispose()
