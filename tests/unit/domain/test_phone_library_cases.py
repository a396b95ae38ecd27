"""Numbers outside the mainland go through phonenumbers (Google's libphonenumber
metadata): the edge cases its documentation and issue tracker are known for."""

from __future__ import annotations

import pytest

from app.domain.phone import is_valid_phone, normalize_phone


@pytest.mark.parametrize(
    ("phone", "country", "expected"),
    [
        # Italy keeps the leading 0 of the area code after +39 (the "Italian leading zero").
        ("+39 02 1234 5678", "IT", "+390212345678"),
        ("02 1234 5678", "IT", "0212345678"),
        # The trunk 0 written after the country code is dropped: +49 (0)30 is +49 30.
        ("+49 (0)30 1234567", "DE", "+49301234567"),
        ("0044 20 7946 0958", "GB", "02079460958"),
        ("+886 0912 345 678", "TW", "0912345678"),
        # A country code written without + is still a country code.
        ("852 9123 4567", "HK", "91234567"),
        ("886912345678", "TW", "0912345678"),
        ("447911123456", "GB", "07911123456"),
        # North America: 1 + the number, or the number alone; 001 as buyers write it.
        ("12125551234", "US", "2125551234"),
        ("001 212 555 1234", "US", "2125551234"),
        ("+1 212 555 1234", "CA", "2125551234"),  # one numbering plan for both
        ("+1 684 733 1234", "US", "6847331234"),  # American Samoa, in the +1 plan
        # Argentina's mobiles: +54 9 internationally, 0 11 15 at home.
        ("+54 9 11 1234 5678", "AR", "+5491112345678"),
        ("011 15 1234 5678", "AR", "0111512345678"),
        # Russia's trunk prefix is 8, not 0.
        ("8 912 345-67-89", "RU", "89123456789"),
        ("+7 912 345-67-89", "RU", "+79123456789"),
        ("(02) 9876 5432", "AU", "0298765432"),
        ("+64 3 331 6005", "NZ", "+6433316005"),
        ("+65 9123 4567", "SG", "+6591234567"),  # no trunk prefix at all
        ("090-1234-5678", "JP", "09012345678"),
        ("02-2345-6789", "TW", "0223456789"),  # a Taipei landline
        ("+44 56 1234 5678", "GB", "05612345678"),  # a VoIP line rings like a phone
        # A buyer abroad may give a number from elsewhere; it stays international.
        ("+33 1 23 45 67 89", "DE", "+33123456789"),
    ],
)
def test_numbers_outside_the_mainland(phone: str, country: str, expected: str) -> None:
    assert is_valid_phone(phone, country)
    assert normalize_phone(phone, country) == expected


@pytest.mark.parametrize(
    ("phone", "country"),
    [
        ("1-800-555-0199", "US"),  # toll-free: a hotline, not a person
        ("1-800-FLOWERS", "US"),  # vanity letters are not digits a courier dials
        ("+852 800 123 456", "HK"),
        ("+44 909 876 5432", "GB"),  # premium rate
        ("8123 4567", "HK"),  # a personal number: it forwards, it does not ring
        # Written without the trunk prefix the country dials: not reachable as written.
        ("301234567", "DE"),
        ("7911 123456", "GB"),
        ("2 9876 5432", "AU"),
        # HK, TW, US, CA and GB recipients need a number of their own country.
        ("+852 9123 4567", "US"),
        ("+44 7911 123456 ext. 12", "GB"),  # extensions are a mainland landline's
        ("+999 1234 5678", "DE"),  # no such country code
    ],
)
def test_numbers_phonenumbers_refuses(phone: str, country: str) -> None:
    assert not is_valid_phone(phone, country)
