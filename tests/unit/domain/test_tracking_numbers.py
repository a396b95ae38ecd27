from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from app.domain.carriers import CARRIERS
from app.domain.gs1 import has_valid_check_digit
from app.domain.scan import Product, Tracking, classify
from app.domain.tracking_numbers import DEMO_POOLS, RULES, PoolShape, is_valid, make_number

ROBUST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=200)
CAPS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ALNUM = CAPS + "0123456789"


# Numbers printed by the carriers or their documentation, checked by their published rule.
@pytest.mark.parametrize(
    ("number", "rule"),
    [
        ("RR473124829GB", "s10"),  # UPU S10 worked example
        ("RB123456785GB", "s10"),
        ("1Z879E930346834440", "ups"),
        ("9400111899223818218407", "usps"),
        ("9611020987654312345672", "fedex96"),
        ("3318810025", "mod7"),
        ("SF1234567890123", "none"),
    ],
)
def test_published_numbers_are_valid(number: str, rule: str) -> None:
    assert is_valid(number, rule)


@pytest.mark.parametrize(
    ("number", "rule"),
    [
        ("RR473124828GB", "s10"),
        ("1Z879E930346834441", "ups"),
        ("9400111899223818218408", "usps"),
        ("3318810026", "mod7"),
        ("RR47312482GB", "s10"),  # one digit short
        ("94001118992238182184", "usps"),  # 20 digits but wrong check
        ("sf123", "none"),  # lower case never comes out of a pool
        ("", "none"),
    ],
)
def test_wrong_numbers_are_invalid(number: str, rule: str) -> None:
    assert not is_valid(number, rule)


def test_s10_maps_check_10_to_0_and_11_to_5() -> None:
    assert make_number("EA", 1, 8, "s10", "CN") == "EA000000014CN"  # 1*7 = 7 -> 11 - 7
    assert (
        make_number("EA", 60000, 8, "s10", "CN") == "EA000600000CN"
    )  # 6*2 = 12 = 1 mod 11 -> 10 -> 0
    assert make_number("EA", 0, 8, "s10", "CN") == "EA000000005CN"  # 0 -> 11 -> 5
    assert make_number("EA", 2000, 8, "s10", "CN") == "EA000020005CN"  # 2*3 = 6 -> 5 as well


def test_every_rule_is_documented() -> None:
    for name, rule in RULES.items():
        assert rule.name == name and rule.source and rule.used_by


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("EA", 1, 9, "s10", "CN"), "8-digit serial"),
        (("E1", 1, 8, "s10", "CN"), "two letters"),
        (("1Z12", 1, 9, "ups", ""), "15 characters"),
        (("2Z", 1, 15, "ups", ""), "start with 1Z"),
        (("94", 1, 18, "usps", ""), "IMpb numbers have 20"),
        (("9A", 1, 19, "usps", ""), "all digits"),
        (("", 1, 10, "mod7", ""), "10 digits"),
        (("95", 1, 19, "fedex96", ""), "starting 96"),
        (("SF", 10**12, 12, "none", ""), "does not fit"),
        (("SF", -1, 12, "none", ""), "does not fit"),
        (("sf", 1, 12, "none", ""), "capital letters"),
        (("SF", 1, 12, "luhn", ""), "unknown check-digit rule 'luhn'"),
    ],
)
def test_impossible_shapes_are_refused_with_the_reason(args: tuple, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make_number(*args)


# ----------------------------------------------------------------------------- properties


@st.composite
def shapes(draw: st.DrawFn) -> tuple[str, str, int, int, str]:
    """(rule, prefix, digits, serial, suffix) any rule can make."""
    rule = draw(st.sampled_from(sorted(RULES)))
    if rule == "s10":
        prefix, digits, suffix = (
            draw(st.text(CAPS, min_size=2, max_size=2)),
            8,
            draw(st.text(CAPS, min_size=2, max_size=2)),
        )
    elif rule == "ups":
        prefix = "1Z" + draw(st.text(ALNUM, max_size=8))
        digits, suffix = 15 - (len(prefix) - 2), ""
    elif rule == "usps":
        length = draw(st.sampled_from([20, 22, 26, 30, 34]))
        digits = draw(st.integers(1, min(length - 1, 30)))
        prefix, suffix = (
            draw(st.text("0123456789", min_size=length - 1 - digits, max_size=length - 1 - digits)),
            "",
        )
    elif rule == "fedex96":
        digits = draw(st.integers(1, 19))
        prefix = "96" + draw(st.text("0123456789", min_size=19 - digits, max_size=19 - digits))
        suffix = ""
    elif rule == "mod7":
        digits = draw(st.integers(1, 9))
        prefix, suffix = draw(st.text("0123456789", min_size=9 - digits, max_size=9 - digits)), ""
    else:
        prefix, suffix = draw(st.text(ALNUM, max_size=4)), draw(st.text(ALNUM, max_size=2))
        digits = draw(st.integers(1, 16))
    serial = draw(st.integers(0, 10**digits - 1))
    return rule, prefix, digits, serial, suffix


@ROBUST
@given(shapes())
def test_every_made_number_validates(shape: tuple[str, str, int, int, str]) -> None:
    rule, prefix, digits, serial, suffix = shape
    number = make_number(prefix, serial, digits, rule, suffix)
    assert number.startswith(prefix) and number.endswith(suffix)
    assert str(serial).zfill(digits) in number
    assert is_valid(number, rule)


def _check_at(rule: str, number: str) -> int:
    return len(number) - 3 if rule == "s10" else len(number) - 1


def _covered(rule: str, number: str) -> range:
    """Positions the rule's check digit covers (the check digit itself excluded)."""
    check = _check_at(rule, number)
    start = {"s10": 2, "ups": 2, "fedex96": 7}.get(rule, 0)
    return range(start, check)


def _s10_residue(number: str) -> int:
    return sum(int(d) * w for d, w in zip(number[2:10], (8, 6, 4, 2, 3, 5, 9, 7), strict=True)) % 11


def _detectable(rule: str, before: str, after: str, pos: int) -> bool:
    """Whether the rule can see this one-character change at all (known blind spots:
    S10 maps remainders 0 and 6 to the same 5; UPS doubles every other digit, so a
    change by 5 there is lost mod 10; mod 7 cannot see a change by 7)."""
    d, e = int(before[pos]), int(after[pos])
    if rule == "s10":
        return {_s10_residue(before), _s10_residue(after)} != {0, 6}
    if rule == "ups":
        return not ((pos - 2) % 2 == 1 and abs(d - e) == 5)
    if rule == "mod7":
        return abs(d - e) != 7
    return True  # usps / fedex96: weights 3 and 1 are both invertible mod 10


@ROBUST
@given(shapes().filter(lambda s: s[0] != "none"), st.data())
def test_a_changed_digit_fails_where_the_rule_can_see_it(
    shape: tuple[str, str, int, int, str], data: st.DataObject
) -> None:
    rule, prefix, digits, serial, suffix = shape
    number = make_number(prefix, serial, digits, rule, suffix)
    positions = [i for i in _covered(rule, number) if number[i].isdigit()]
    pos = data.draw(st.sampled_from(positions))
    new = data.draw(st.sampled_from([c for c in "0123456789" if c != number[pos]]))
    changed = number[:pos] + new + number[pos + 1 :]
    assume(_detectable(rule, number, changed, pos))
    assert not is_valid(changed, rule)


@ROBUST
@given(shapes().filter(lambda s: s[0] != "none"), st.data())
def test_a_changed_check_digit_always_fails(
    shape: tuple[str, str, int, int, str], data: st.DataObject
) -> None:
    rule, prefix, digits, serial, suffix = shape
    number = make_number(prefix, serial, digits, rule, suffix)
    pos = _check_at(rule, number)
    new = data.draw(st.sampled_from([c for c in "0123456789" if c != number[pos]]))
    assert not is_valid(number[:pos] + new + number[pos + 1 :], rule)


def test_there_is_a_demo_pool_for_every_carrier() -> None:
    assert {p.carrier for p in DEMO_POOLS} == set(CARRIERS)


@ROBUST
@given(st.sampled_from(DEMO_POOLS), st.data())
def test_demo_pool_numbers_classify_as_their_carriers_tracking(
    pool: PoolShape, data: st.DataObject
) -> None:
    serial = data.draw(st.integers(pool.start, pool.end))
    number = pool.number(serial)
    assert is_valid(number, pool.check_rule)
    assert classify(number, prefer={"tracking"}) == Tracking(number, pool.carrier)
    got = classify(number)
    if got != Tracking(number, pool.carrier):
        # Only an all-digit number of GTIN length whose last digit happens to be a
        # valid GS1 check digit may read as a product without the preference.
        assert isinstance(got, Product) and has_valid_check_digit(number), got


def test_demo_pools_stay_within_their_digits() -> None:
    for pool in DEMO_POOLS:
        assert 0 <= pool.start <= pool.end < 10**pool.digits
        pool.number(pool.end)
