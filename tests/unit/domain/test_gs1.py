from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.gs1 import (
    GS,
    Gs1Data,
    check_digit,
    gs1_date,
    gtin_of,
    has_valid_check_digit,
    parse,
)

TODAY = date(2024, 6, 1)
GTIN = "09501101530003"  # the GS1 example GTIN
SSCC = "106141411234567897"

# No per-example deadline: the machine running the suite may be busy.
ROBUST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def p(text: str, **kw: object) -> Gs1Data:
    return parse(text, today=TODAY, **kw)  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- forms


@pytest.mark.parametrize(
    "text",
    [
        f"]C101{GTIN}17250101" + "10ABC",
        f"]d2{GS}01{GTIN}17250101" + "10ABC",
        f"]Q301{GTIN}17250101" + "10ABC" + GS,
        f"01{GTIN}17250101" + "10ABC",
        f"(01){GTIN}(17)250101(10)ABC",
        f"(01) {GTIN} (17) 250101 (10) ABC",
        f"  ]C101{GTIN}17250101" + "10ABC\r\n",
    ],
)
def test_the_forms_scanners_send_give_the_same_elements(text: str) -> None:
    data = p(text)
    assert list(data.items()) == [("01", GTIN), ("17", "250101"), ("10", "ABC")]
    assert data.gtin == GTIN
    assert data.expiry == date(2025, 1, 1)
    assert data.batch == "ABC"


def test_gs_ends_variable_values_and_order_is_kept() -> None:
    data = p(f"]d210LOT-7{GS}21SN0001{GS}01{GTIN}3103001250{GS}37" + "12")
    assert list(data) == ["10", "21", "01", "3103", "37"]
    assert data.batch == "LOT-7"
    assert data.serial == "SN0001"
    assert data.value("3103") == Decimal("1.250")
    assert data.net_weight_g == 1250
    assert data.count == 12
    assert data.symbology == "]d2"


def test_logistic_label_with_sscc_content_count_and_ship_to() -> None:
    gln = "0614141000012"  # GLN with check digit
    data = p(f"(00){SSCC}(02){GTIN}(37)24(410){gln}(420)310000(421)156310000(8004)ASSET-9")
    assert data.sscc == SSCC
    assert data.content_gtin == GTIN
    assert data.gtin is None
    assert data.count == 24
    assert data["410"] == gln
    assert data["420"] == "310000"
    assert data["421"] == "156310000"
    assert data["8004"] == "ASSET-9"
    assert parse(data.element_string(), today=TODAY) == data


@pytest.mark.parametrize("ai", ["410", "411", "412", "413", "414"])
def test_gln_ais_check_their_check_digit(ai: str) -> None:
    assert p(f"{ai}0614141000012")[ai] == "0614141000012"
    with pytest.raises(ValueError, match="check digit"):
        p(f"{ai}0614141000013")


def test_dates_day_00_is_the_end_of_the_month_and_other_date_ais() -> None:
    data = p("11240200" + "13240115" + "15241100" + "17250100")
    assert data.production_date == date(2024, 2, 29)  # leap year
    assert data.value("13") == date(2024, 1, 15)
    assert data.best_before == date(2024, 11, 30)
    assert data.expiry == date(2025, 1, 31)


@pytest.mark.parametrize(
    ("yymmdd", "year"),
    [("240101", 2024), ("740101", 2074), ("750101", 1975), ("990101", 1999), ("000101", 2000)],
)
def test_gs1_century_window(yymmdd: str, year: int) -> None:
    assert gs1_date(yymmdd, date(2024, 6, 1)).year == year


def test_weights_in_kg_and_lb() -> None:
    assert p("3102000125").net_weight_g == 1250  # 1.25 kg
    assert p("3200000001").net_weight_g == 454  # 1 lb
    assert p("3202000250").net_weight_g == 1134  # 2.50 lb = 1133.98 g
    assert p("3301001500").net_weight_g is None  # gross weight is not the net weight
    assert p("3301001500").value("3301") == Decimal("150.0")


def test_variable_count_and_unknown_ais_in_assigned_ranges_stay_raw() -> None:
    data = p(f"30123{GS}7240PROTO{GS}91internal-x{GS}99Z")
    assert data.count == 123
    assert data["7240"] == "PROTO"
    assert data.elements[1].title == "UNKNOWN AI"
    assert data["91"] == "internal-x"
    assert data["99"] == "Z"


def test_custom_fnc1_separator() -> None:
    data = p(f"01{GTIN}10ABC|21XYZ", separator="|")
    assert data.batch == "ABC" and data.serial == "XYZ"


def test_round_trip_through_hri_and_element_string() -> None:
    data = p(f"01{GTIN}10ABC{GS}17250101" + "21S1")
    assert data.hri() == f"(01){GTIN}(10)ABC(17)250101(21)S1"
    assert data.element_string() == f"01{GTIN}10ABC{GS}1725010121S1"
    assert p(data.hri()) == data
    assert p(data.element_string()) == data
    assert data == {"01": GTIN, "10": "ABC", "17": "250101", "21": "S1"}


def test_repeated_ai_with_the_same_value_is_accepted() -> None:
    assert list(p(f"10A{GS}10A").items()) == [("10", "A")]


# ----------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("]C1", "empty"),
        (
            "0109501101530004",
            r"bad check digit in AI \(01\) GTIN 09501101530004: expected 3, not 4",
        ),
        ("01095011015300", r"AI \(01\) GTIN needs 14 characters, got 12"),
        (f"01{GTIN[:10]}{GS}10A", r"needs 14 characters, got 10"),
        (f"(01){GTIN}0", r"AI \(01\) GTIN needs 14 characters, got 15"),
        (f"00{SSCC[:-1]}8", "bad check digit in AI \\(00\\) SSCC"),
        ("0509501101530003", "unknown AI starting '05' at position 0"),
        (f"01{GTIN}5512", "unknown AI starting '55' at position 16"),
        ("(05)123", r"unknown AI \(05\)"),
        ("(011)123", "AIs starting 01 have 2 digits"),
        ("]C0" + "01" + GTIN, "symbology ]C0 does not carry GS1 data"),
        ("17251301", r"AI \(17\) USE BY OR EXPIRY: month 13"),
        ("17250230", "day 30 in GS1 date 250230: 2025-02 has 28 days"),
        ("1725010", r"needs 6 characters, got 5"),
        ("10" + "X" * 21, r"AI \(10\) BATCH/LOT needs 1 to 20 characters, got 21"),
        ("37", r"AI \(37\) COUNT needs 1 to 8 characters, got 0"),
        ("3712A", r"AI \(37\) COUNT must be digits"),
        (f"10A{GS}10B", r"AI \(10\) appears twice with different values"),
        ("ABC", "expected an AI"),
        ("(01", "expected '\\(AI\\)'"),
        ("10A\x07B", "control character"),
    ],
)
def test_bad_input_gives_a_clear_value_error(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        p(text)


# ----------------------------------------------------------------------------- GTINs


def test_check_digit_known_values() -> None:
    assert check_digit("950110153000") == "3"
    assert check_digit("9638507") == "4"
    assert check_digit("03600029145") == "2"
    assert has_valid_check_digit("036000291452")
    assert not has_valid_check_digit("036000291453")
    assert not has_valid_check_digit("7")
    with pytest.raises(ValueError, match="digits only"):
        check_digit("12a")


def test_upc_a_as_12_13_and_14_digits_is_one_key() -> None:
    keys = {gtin_of("036000291452"), gtin_of("0036000291452"), gtin_of("00036000291452")}
    assert keys == {"00036000291452"}
    assert gtin_of("96385074") == "00000096385074"  # EAN-8
    assert gtin_of("6901234567892") == "06901234567892"
    assert gtin_of(" 6901234567892 ") == "06901234567892"


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("12345", "5 digits \\(a GTIN has 8, 12, 13 or 14\\)"),
        ("6901234567890", "bad check digit in GTIN 6901234567890: expected 2, not 0"),
        ("69012345678a2", "digits only"),
        ("٦٩٠١٢٣٤٥٦٧٨٩٢", "digits only"),
        ("", "digits only"),
    ],
)
def test_gtin_of_rejects(code: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        gtin_of(code)


@ROBUST
@given(st.from_regex(r"[0-9]{11}", fullmatch=True))
def test_gtin_key_is_the_same_for_every_padding_of_a_upc(body: str) -> None:
    upc = body + check_digit(body)
    assert gtin_of(upc) == gtin_of("0" + upc) == gtin_of("00" + upc) == "00" + upc
    wrong = upc[:-1] + str((int(upc[-1]) + 1) % 10)
    with pytest.raises(ValueError, match="check digit"):
        gtin_of(wrong)


# ----------------------------------------------------------------------------- properties

_X = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-./", min_size=1, max_size=20)


def _gtin14() -> st.SearchStrategy[str]:
    return st.from_regex(r"[0-9]{13}", fullmatch=True).map(lambda b: b + check_digit(b))


_ELEMENT = st.one_of(
    _gtin14().map(lambda g: ("01", g)),
    _X.map(lambda v: ("10", v)),
    st.dates(date(2000, 1, 1), date(2049, 12, 31)).map(lambda d: ("17", d.strftime("%y%m%d"))),
    _X.map(lambda v: ("21", v)),
    st.integers(1, 99_999_999).map(lambda n: ("37", str(n))),
    st.integers(0, 999_999).map(lambda n: ("3103", f"{n:06d}")),
)


@ROBUST
@given(st.lists(_ELEMENT, min_size=1, max_size=6, unique_by=lambda e: e[0]))
def test_element_string_and_hri_round_trip(elements: list[tuple[str, str]]) -> None:
    text = ""
    for i, (ai, value) in enumerate(elements):
        text += ai + value
        if ai in ("10", "21", "37") and i < len(elements) - 1:
            text += GS
    data = p("]C1" + text)
    assert list(data.items()) == elements
    assert p(data.hri()) == data
    assert p(data.element_string()) == data


@ROBUST
@given(st.text(max_size=60))
def test_parse_raises_only_value_error(text: str) -> None:
    try:
        p(text)
    except ValueError:
        pass


@ROBUST
@given(st.text(alphabet="0123456789()]Cd12\x1dAB ", max_size=60))
def test_parse_raises_only_value_error_on_gs1_like_text(text: str) -> None:
    try:
        p(text)
    except ValueError:
        pass
