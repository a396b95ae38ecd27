"""printing.code128 against python-barcode: its tables, its test suite's inputs,
and where the subset choice deliberately differs."""

from __future__ import annotations

import pytest
from barcode.charsets import code128 as charset
from barcode.codex import Code128
from hypothesis import given, settings
from hypothesis import strategies as st

from printing import code128

START_B, START_C, CODE_B, CODE_C = 104, 105, 100, 99
_B_CHARS = {v: k for k, v in charset.B.items()}


def decode(values: list[int]) -> str:
    """The text a reader gets from symbol values (start … data, no check), read
    through python-barcode's subset tables."""
    subset = "C" if values[0] == START_C else "B"
    out = []
    for v in values[1:]:
        if v in (CODE_B, CODE_C) and not (subset == "C" and v == CODE_C):
            subset = "B" if v == CODE_B else "C"
        elif subset == "C":
            out.append(f"{v:02d}")
        else:
            out.append(_B_CHARS[v])
    return "".join(out)


def modules(widths: list[int]) -> str:
    return "".join(("1" if i % 2 == 0 else "0") * w for i, w in enumerate(widths))


# python-barcode's own test inputs (tests/test_code128.py, tests/test_gs1_128.py),
# the GS1-128 ones without the leading FNC1 a wavedesk label does not carry.
GS1_EVEN = "010123456789101111200622172406222188888888"
GS1_ODD = "0101234567891011112006221724062221888888888"
GS1_MIXED = "010872029992746911240621172506211020240621/0001"


@pytest.mark.parametrize(
    "data", ["12A", "123ABC456", GS1_EVEN, GS1_ODD, GS1_MIXED, "990", "99AB", "21xyz"]
)
def test_symbols_read_back_as_the_data(data: str) -> None:
    assert decode(code128.symbols(data)[:-1]) == data


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # (01)01234567891011(11)200622(17)240622(21)88888888, all digit pairs.
        (
            GS1_EVEN,
            [
                START_C,
                1,
                1,
                23,
                45,
                67,
                89,
                10,
                11,
                11,
                20,
                6,
                22,
                17,
                24,
                6,
                22,
                21,
                88,
                88,
                88,
                88,
            ],
        ),
        # ... (10)20240621/0001: subset B for the slash, back to C for 0001.
        (
            GS1_MIXED,
            [START_C, 1, 8, 72, 2, 99, 92, 74, 69, 11, 24, 6, 21, 17, 25, 6, 21, 10, 20, 24]
            + [6, 21, CODE_B, 15, CODE_C, 0, 1],
        ),
    ],
)
def test_gs1_digit_strings_encode_as_python_barcode_encodes_them(
    data: str, expected: list[int]
) -> None:
    assert code128.symbols(data)[:-1] == expected
    assert code128.symbols(data)[:-1] == Code128(data).encoded
    assert modules(code128.bar_widths(data)) == Code128(data).build()[0]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("12345", [START_B, 17, CODE_C, 23, 45]),  # odd run: its first digit in B
        ("123", [START_B, 17, 18, 19]),  # under four digits: not worth a switch
        ("12", [START_C, 12]),  # two digits alone: one pair
        ("1234", [START_C, 12, 34]),
        ("A1234567", [START_B, 33, 17, CODE_C, 23, 45, 67]),
        ("SF1234567890123", [START_B, 51, 38, 17, CODE_C, 23, 45, 67, 89, 1, 23]),
        (GS1_ODD[:5], [START_B, 16, CODE_C, 10, 12]),
    ],
)
def test_odd_digit_runs_leave_their_first_digit_in_subset_b(data: str, expected: list[int]) -> None:
    assert code128.symbols(data)[:-1] == expected


@pytest.mark.parametrize("data", ["12A", "123ABC456", GS1_ODD, GS1_EVEN])
def test_as_wide_as_python_barcode_where_both_choices_cost_the_same(data: str) -> None:
    assert code128.module_count(data) == len(Code128(data).build()[0])


def test_shorter_than_python_barcode_for_a_tracking_number() -> None:
    # python-barcode starts in C and leaves an odd run's last digit for B: one
    # symbol more for SF + 13 digits, which is why the subset choice is ours.
    data = "SF1234567890123"
    assert code128.module_count(data) == len(Code128(data).build()[0]) - 11


@pytest.mark.parametrize("data", ["990", "99AB"])
def test_a_leading_99_pair_is_kept(data: str) -> None:
    # python-barcode 0.16 takes a leading digit pair 99 for its "switch to C"
    # code and drops it; these codes stay in subset B here and read back whole.
    assert code128.symbols(data)[0] == START_B
    assert decode(code128.symbols(data)[:-1]) == data


@pytest.mark.parametrize("data", ["\xf1" + GS1_EVEN, "LOT\x1d21", "ó", "\x7f", "批次", ""])
def test_fnc1_and_characters_outside_subset_b_are_refused(data: str) -> None:
    with pytest.raises(ValueError, match="cannot encode"):
        code128.symbols(data)
    with pytest.raises(ValueError, match="cannot encode"):
        code128.zpl_field_data(data)


def test_zpl_with_a_character_outside_subset_b_is_refused() -> None:
    with pytest.raises(ValueError, match="subset B cannot encode"):
        code128.symbols_from_zpl(">:AB\x7f")


def test_the_stop_symbol_ends_every_bar_pattern() -> None:
    widths = code128.bar_widths("A")
    assert widths[-7:] == [2, 3, 3, 1, 1, 1, 2]
    assert len(widths) % 2 == 1  # starts and ends with a bar


@settings(deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), min_size=1))
def test_any_printable_ascii_reads_back(data: str) -> None:
    values = code128.symbols(data)
    assert decode(values[:-1]) == data
    assert sum(code128.bar_widths(values)) == code128.module_count(data)
