"""GS1 parsing on the edge cases of biip's own test suite, and the seams between
biip's AI table and what app.domain.gs1 adds (where a value ends, dates on a
given day, check digits biip does not verify, the families passed through)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from biip.gs1_application_identifiers import GS1ApplicationIdentifier

from app.domain.gs1 import GS, check_digit, gtin_of, parse
from app.domain.gs1_ais import PREDEFINED, ai_facts, ai_length

TODAY = date(2024, 6, 1)


def items(text: str, **kw: str) -> list[tuple[str, str]]:
    return list(parse(text, today=TODAY, **kw).items())


# ----------------------------------------------------------------------------- messages


def test_a_message_with_a_variable_value_last() -> None:
    data = parse("010703206980498815210526100329", today=TODAY)
    assert list(data.items()) == [("01", "07032069804988"), ("15", "210526"), ("10", "0329")]
    assert data.best_before == date(2021, 5, 26)
    assert data.hri() == "(01)07032069804988(15)210526(10)0329"


def test_a_variable_value_without_separator_runs_to_the_end() -> None:
    assert items("010703206980498810032915210526") == [
        ("01", "07032069804988"),
        ("10", "032915210526"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "15210526100329" + GS,  # a separator at the end is never needed
        "15210526" + GS + "100329",  # nor after a fixed-length date
        "0107032069804988100329" + GS + GS + "15210526",  # a doubled one is ignored
    ],
)
def test_redundant_separators_are_ignored(text: str) -> None:
    assert ("10", "0329") in items(text)
    assert ("15", "210526") in items(text)


def test_a_custom_separator_ends_a_value() -> None:
    assert items("0107032069804988100329|15210526", separator="|") == [
        ("01", "07032069804988"),
        ("10", "0329"),
        ("15", "210526"),
    ]


@pytest.mark.parametrize(
    ("hri", "element_string"),
    [
        ("(17)221231", "17221231"),
        ("(10)123(17)221231", "10123" + GS + "17221231"),
        ("(17)221231(10)123", "1722123110123"),
        ("  \t (17)221231 \n  ", "17221231"),
    ],
)
def test_hri_gives_the_transmitted_form(hri: str, element_string: str) -> None:
    data = parse(hri, today=TODAY)
    assert data.element_string() == element_string
    assert data.expiry == date(2022, 12, 31)


def test_a_grai_with_a_serial_component_and_its_check_digit() -> None:
    # biip's example GRAI, its check digit put right: biip does not verify it, we do.
    assert items("800307071324001021085952") == [("8003", "07071324001021085952")]
    with pytest.raises(ValueError, match=r"bad check digit in AI \(8003\) GRAI 7071324001022"):
        parse("800307071324001022085952", today=TODAY)


# ----------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # A batch at its maximum length followed by stray data: the value runs to
        # the end, so its length is the reason (biip would look for a next AI).
        ("1022222222222222222222aaa", r"AI \(10\) BATCH/LOT needs 1 to 20 characters, got 23"),
        # 7011 is a date with optional hhmm: 8 digits fit neither.
        ("701103020185", r"AI \(7011\) TEST BY DATE: '03020185' does not fit the GS1 format"),
        ("(1)15210526", r"expected '\(AI\)' at position 0"),
        ("(15)", r"AI \(15\) BEST BEFORE OR BEST BY needs 6 characters, got 0"),
        ("4101234567890127", r"bad check digit in AI \(410\) SHIP TO LOC .*expected 8, not 7"),
        ("0107032069804987", r"bad check digit in AI \(01\) GTIN .*expected 8, not 7"),
        ("00376130321109103421", r"bad check digit in AI \(00\) SSCC .*expected 0, not 1"),
        ("11120230", r"AI \(11\) PROD DATE: day 30 in GS1 date 120230: 2012-02 has 29 days"),
        ("15990229", r"day 29 in GS1 date 990229: 1999-02 has 28 days"),
        # GS1's 82 characters: no blank, no Chinese, in a batch number.
        ("10LOT 7", r"AI \(10\) BATCH/LOT: 'LOT 7' does not fit the GS1 format X\.\.20"),
        ("10批号", r"does not fit the GS1 format X\.\.20"),
        # A GRAI starts with a 0.
        ("800317071324001021085952", r"AI \(8003\) GRAI: .* does not fit the GS1 format"),
    ],
)
def test_what_biip_refuses_is_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse(text, today=TODAY)


# ----------------------------------------------------------------------------- typed values


@pytest.mark.parametrize(
    ("text", "ai", "expected"),
    [
        ("3105123456", "3105", Decimal("1.23456")),  # net weight (kg)
        ("3114123456", "3114", Decimal("12.3456")),  # first dimension (m)
        ("3150123456", "3150", Decimal("123456")),  # net volume (l)
        ("3661123456", "3661", Decimal("12345.6")),  # net volume (cubic yards)
        ("3302023456", "3302", Decimal("234.56")),  # logistic weight (kg)
        ("3372123456", "3372", Decimal("1234.56")),  # kilograms per square metre
        ("3901123", "3901", Decimal("12.3")),  # amount payable
        ("3909123456789012345", "3909", Decimal("123456.789012345")),
        ("3921123456", "3921", Decimal("12345.6")),  # amount payable, variable measure
        ("39400010", "3940", Decimal("10")),  # percentage discount
        ("39410055", "3941", Decimal("5.5")),
    ],
)
def test_measures_amounts_and_percentages_are_decimals(
    text: str, ai: str, expected: Decimal
) -> None:
    assert parse(text, today=TODAY).value(ai) == expected


@pytest.mark.parametrize(
    ("text", "ai", "expected"),
    [
        ("15200200", "15", date(2020, 2, 29)),  # day 00: the last of the month
        ("15210200", "15", date(2021, 2, 28)),
        ("17211200", "17", date(2021, 12, 31)),
        ("7006030102", "7006", date(2003, 1, 2)),  # first freeze date
        ("11030201", "11", date(2003, 2, 1)),
    ],
)
def test_yymmdd_dates(text: str, ai: str, expected: date) -> None:
    assert parse(text, today=TODAY).value(ai) == expected


@pytest.mark.parametrize(
    ("text", "ai"),
    [
        ("39127101230", "3912"),  # an amount with its ISO currency: the text keeps both
        ("70110301021430", "7011"),  # a date with a time
        ("800800010214", "8008"),  # production date and hour
    ],
)
def test_values_with_more_than_one_meaning_stay_text(text: str, ai: str) -> None:
    data = parse(text, today=TODAY)
    assert data.value(ai) == data[ai] == text[len(ai) :]


def test_the_families_passed_through_are_raw_text() -> None:
    data = parse("7230EM123" + GS + "7231EM456" + GS + "7232EM 789", today=TODAY)
    assert list(data.items()) == [("7230", "EM123"), ("7231", "EM456"), ("7232", "EM 789")]
    assert {e.title for e in data.elements} == {"UNKNOWN AI"}


# ----------------------------------------------------------------------------- GTINs


@pytest.mark.parametrize(
    ("code", "key"),
    [
        ("96385074", "00000096385074"),  # GTIN-8, and padded to 12, 13 and 14 digits
        ("000096385074", "00000096385074"),
        ("0000096385074", "00000096385074"),
        ("123601057072", "00123601057072"),  # GTIN-12 without a leading zero
        ("006000291455", "00006000291455"),  # with two
        ("0000902914511", "00000902914511"),  # with three, sent as 13 digits
        ("05901234123457", "05901234123457"),  # GTIN-13 padded to 14
        ("98765432109213", "98765432109213"),  # GTIN-14, packaging level 9
    ],
)
def test_gtin_keys(code: str, key: str) -> None:
    assert gtin_of(code) == key


def test_gtin_13_with_a_bad_check_digit() -> None:
    with pytest.raises(ValueError, match="bad check digit in GTIN 5901234123458: expected 7"):
        gtin_of("5901234123458")


@pytest.mark.parametrize(
    ("body", "digit"), [("950110153100", "0"), ("9501234", "6"), ("37340030680998173", "3")]
)
def test_check_digit_examples(body: str, digit: str) -> None:
    assert check_digit(body) == digit


# ----------------------------------------------------------------------------- the AI table


def _biip_ais() -> list[GS1ApplicationIdentifier]:
    # biip keeps its table private; the test reads it to hold the two GS1 tables
    # kept in app.domain.gs1_ais to it.
    from biip.gs1_application_identifiers import _GS1_APPLICATION_IDENTIFIERS

    return list(_GS1_APPLICATION_IDENTIFIERS.values())


def test_every_biip_ai_has_the_length_of_its_range_and_a_format_we_read() -> None:
    for spec in _biip_ais():
        assert ai_length(spec.ai[:2]) == len(spec.ai), spec.ai
        facts = ai_facts(spec.ai)
        assert facts.min_len <= facts.max_len, spec.ai


def test_the_predefined_lengths_are_biips_fixed_ones() -> None:
    for spec in _biip_ais():
        if not spec.separator_required:
            assert spec.ai[:2] in PREDEFINED, spec.ai
            facts = ai_facts(spec.ai)
            assert facts.min_len == facts.max_len == PREDEFINED[spec.ai[:2]], spec.ai
