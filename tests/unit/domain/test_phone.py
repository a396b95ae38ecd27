import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.phone import is_valid_phone, mask_phone, normalize_phone

MASKED_MOBILE = re.compile(r"1[3-9]\d\*{4}\d{4}")


@pytest.mark.parametrize(
    ("phone", "country", "expected"),
    [
        ("13800138000", "CN", "13800138000"),
        ("138 0013 8000", "", "13800138000"),
        ("138-0013-8000", "cn", "13800138000"),
        ("+86 138 0013 8000", "CN", "13800138000"),
        ("+86-13800138000", "CN", "13800138000"),
        ("8613800138000", "CN", "13800138000"),
        ("0086 13800138000", "CN", "13800138000"),
        ("１３８００１３８０００", "CN", "13800138000"),  # full-width, as typed with an IME
        ("19912345678", "CN", "19912345678"),
        ("0571-88888888", "CN", "0571-88888888"),
        ("(021) 6123 4567", "CN", "021-61234567"),
        ("010-12345678-123", "CN", "010-12345678-123"),
        ("057188888888", "CN", "0571-88888888"),
        ("0571-8888888", "CN", "0571-8888888"),
        ("0571-88888888转801", "CN", "0571-88888888-801"),
        ("0755 2345 6789 ext. 12", "CN", "0755-23456789-12"),
        ("+86 571 8888 8888", "CN", "0571-88888888"),
        ("+86 10 6123 4567", "CN", "010-61234567"),
        ("9123 4567", "HK", "91234567"),
        ("+852 5123-4567", "HK", "51234567"),
        ("2123 4567", "HK", "21234567"),
        ("0912-345-678", "TW", "0912345678"),
        ("+886 912 345 678", "TW", "0912345678"),
        ("+1 (212) 555-1234", "US", "2125551234"),
        ("212.555.1234", "US", "2125551234"),
        ("1 416 555 0123", "CA", "4165550123"),
        ("+44 (0)20 7946 0958", "GB", "02079460958"),
        ("+44 7911 123456", "GB", "07911123456"),
        ("07911 123456", "GB", "07911123456"),
        ("+49 30 1234567", "DE", "+49301234567"),
        ("0049 30 1234567", "DE", "+49301234567"),
        ("03-1234-5678", "JP", "0312345678"),
    ],
)
def test_valid_numbers_normalize(phone, country, expected):
    assert is_valid_phone(phone, country)
    assert normalize_phone(phone, country) == expected


@pytest.mark.parametrize(
    ("phone", "country"),
    [
        ("", "CN"),
        ("12800138000", "CN"),  # 12x is not a mobile range
        ("1380013800", "CN"),  # 10 digits
        ("138001380001", "CN"),  # 12 digits
        ("400-123-4567", "CN"),
        ("800-810-8888", "CN"),
        ("+86 400 812 3456", "CN"),
        ("4008123456", "CN"),
        ("95588", "CN"),
        ("0571-0888888", "CN"),  # local number cannot start with 0
        ("0571-888888", "CN"),  # too short
        ("01012345678123", "CN"),  # extension without a separator is not recoverable
        ("138abc38000", "CN"),
        ("4123 4567", "HK"),
        ("912345678", "HK"),
        ("8123 4567", "HK"),
        ("912345678", "TW"),
        ("0812345678", "TW"),
        ("112-555-1234", "US"),
        ("212-155-1234", "US"),
        ("+2 212 555 1234", "US"),
        ("079111234", "GB"),  # 0 + 8 digits
        ("123456", "DE"),
        ("+1234567890123456", "DE"),
    ],
)
def test_invalid_numbers(phone, country):
    assert not is_valid_phone(phone, country)
    with pytest.raises(ValueError):
        normalize_phone(phone, country)


mobiles = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)
separators = st.sampled_from(["", " ", "-", "  "])


@given(mobiles, st.sampled_from(["", "+86", "+86 ", "86", "0086-"]), separators, separators)
def test_formatting_does_not_change_a_mobile(mobile, prefix, sep1, sep2):
    written = f"{prefix}{mobile[:3]}{sep1}{mobile[3:7]}{sep2}{mobile[7:]}"
    assert normalize_phone(written, "CN") == mobile


@given(mobiles)
def test_normalize_is_idempotent(mobile):
    once = normalize_phone(mobile, "CN")
    assert normalize_phone(once, "CN") == once


# --- mask_phone ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13800138000", "138****8000"),
        ("+86 138-0013-8000", "138****8000"),
        ("0571-88888888", "****-****8888"),
        ("(021) 6123 4567", "(***) **** 4567"),
        ("+852 9123 4567", "+*** **** 4567"),
        ("123", "123"),
        ("", ""),
    ],
)
def test_mask_examples(phone, masked):
    assert mask_phone(phone) == masked


@given(mobiles)
def test_mask_mobile_keeps_length_and_ends(mobile):
    masked = mask_phone(mobile)
    assert len(masked) == len(mobile)
    assert masked[:3] == mobile[:3] and masked[-4:] == mobile[-4:]
    assert MASKED_MOBILE.fullmatch(masked)


def _digits(text: str) -> list[int]:
    return [unicodedata.decimal(c) for c in text if c.isdecimal()]


@given(st.text(alphabet=st.sampled_from("0123456789 -+()#１２x"), max_size=24))
def test_mask_keeps_last_four_digits_and_hides_the_rest(phone):
    masked = mask_phone(phone)
    assert _digits(masked)[-4:] == _digits(phone)[-4:]
    if MASKED_MOBILE.fullmatch(masked):
        assert len(_digits(masked)) == 7
    else:
        assert len(masked) == len(phone)
        assert len(_digits(masked)) == min(4, len(_digits(phone)))
