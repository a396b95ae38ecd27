from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.demo.catalog import location_code, with_check_digit
from app.domain.carriers import CARRIERS
from app.domain.gs1 import GS, check_digit
from app.domain.scan import (
    DEFAULT_RULES,
    DEFAULT_TRACKING,
    KINDS,
    Badge,
    Command,
    Gs1,
    Location,
    Order,
    Product,
    ScanRules,
    Tote,
    Tracking,
    Unknown,
    classify,
)

EAN13 = with_check_digit("690123456789")  # 6901234567892
UPC = "036000291452"
GTIN14 = with_check_digit("1" + EAN13[:12])  # a case of the EAN13 item

# No per-example deadline: the machine running the suite may be busy.
ROBUST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HZ1-A01-05-2", Location("HZ1-A01-05-2")),
        ("GZ1-A08-19-3\r\n", Location("GZ1-A08-19-3")),
        ("hz1-a01-05-2", Location("HZ1-A01-05-2")),  # Caps Lock on a wedge scanner
        ("ＨＺ１－Ａ０１－０５－２", Location("HZ1-A01-05-2")),  # Chinese IME full-width
        ("T-0001", Tote("T-0001")),
        ("T-123456", Tote("T-123456")),
        ("U-0001", Badge("U-0001")),
        ("#1001", Order("#1001")),
        ("3123456789012345678", Order("3123456789012345678")),  # Taobao, 19 digits
        ("240101-123456789012345", Order("240101-123456789012345")),  # Pinduoduo
        ("CMD:CONFIRM", Command("CONFIRM")),
        ("cmd:short", Command("SHORT")),
        ("%REPRINT%", Command("REPRINT")),
        ("%logout%", Command("LOGOUT")),
        ("CMD: NEXT", Command("NEXT")),
        ("CMD:CANCEL", Command("CANCEL")),
        ("SF1234567890123", Tracking("SF1234567890123", "SF")),
        ("YT1234567890123", Tracking("YT1234567890123", "YTO")),
        ("JT1234567890123", Tracking("JT1234567890123", "JTEXPRESS")),
        ("JDVA12345678901", Tracking("JDVA12345678901", "JD")),
        ("EA123456789CN", Tracking("EA123456789CN", "EMS")),
        ("RR123456789CN", Tracking("RR123456789CN", "EMS")),
        ("1Z999AA10123456784", Tracking("1Z999AA10123456784", "UPS")),
        ("781234567890", Tracking("781234567890", "ZTO")),  # not a valid UPC check digit
        ("75123456789012", Tracking("75123456789012", "ZTO")),
        ("JJD000390007827871234", Tracking("JJD000390007827871234", "DHL")),
        ("9400111899223100012345", Tracking("9400111899223100012345", "USPS")),
        (EAN13, Product(EAN13, "0" + EAN13)),
        (UPC, Product(UPC, "00" + UPC)),
        ("0" + UPC, Product(UPC, "00" + UPC)),  # UPC-A sent as EAN-13
        ("96385074", Product("96385074", "00000096385074")),  # EAN-8
        (GTIN14, Product(GTIN14, GTIN14)),
        ("]E0" + EAN13, Product(EAN13, "0" + EAN13)),
        ("]E0" + "0" + UPC, Product(UPC, "00" + UPC)),
        ("]E4" + "96385074", Product("96385074", "00000096385074")),
        ("]I1" + GTIN14, Product(GTIN14, GTIN14)),
        ("]C0T-0001", Tote("T-0001")),
        ("]Q1HZ1-A01-05-2", Location("HZ1-A01-05-2")),
    ],
)
def test_classify(raw: str, expected: object) -> None:
    got = classify(raw, DEFAULT_RULES)
    assert got == expected
    assert got.raw == raw  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "raw",
    [
        "]C1" + "0109501101530003" + "17250101" + "10ABC",
        "]d2" + "0109501101530003" + "10ABC" + GS + "21XYZ",
        "(01)09501101530003(17)250101(10)ABC",
        "0109501101530003" + "10ABC",  # no symbology identifier, no leading FNC1
        "00106141411234567897",
    ],
)
def test_gs1_symbols(raw: str) -> None:
    got = classify(raw)
    assert isinstance(got, Gs1)
    assert got.fields.gtin in ("09501101530003", None)
    assert got.gtin == got.fields.gtin


def test_gs1_fields_reach_the_screen() -> None:
    got = classify("]C10109501101530003" + "17250100" + "10LOT1\r\n")
    assert isinstance(got, Gs1)
    assert got.gtin == "09501101530003"
    assert got.fields.batch == "LOT1"
    assert str(got.fields.expiry) == "2025-01-31"


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("", "empty scan"),
        ("\r\n", "empty scan"),
        ("\x00\x02\x03", "empty scan (only blanks or control characters)"),
        ("]C0", "empty scan"),
        ("X" * 129, "too long: 129 characters (at most 128)"),
        ("A" * 100_000, "too long"),
        ("HZ1\u200b-A01", "non-printable character U+200B"),
        ("HZ1\u00a0A01", "non-printable character U+00A0"),
        ("\ufffd\ufffd12", "garbled"),
        (EAN13[:-1] + "0", "bad check digit in GTIN 6901234567890: expected 2, not 0"),
        ("]E0" + EAN13[:-1] + "0", "check digit"),
        ("]E0HZ1-A01-05-2", "not a GTIN"),
        (
            "CMD:DANCE",
            "unknown command 'DANCE' (known: CANCEL, CONFIRM, LOGOUT, NEXT, REPRINT, SHORT)",
        ),
        ("%%", "not a known kind of code"),
        ("hello world", "not a known kind of code: 'hello world'"),
        ("]C10109501101530004", "GS1: bad check digit"),
        ("(01)123", "GS1: AI (01) GTIN needs 14 characters"),
        ("AB" + GS + "CD", "GS1: expected an AI"),
    ],
)
def test_garbage_and_bad_codes_are_unknown_with_a_reason(raw: str, why: str) -> None:
    got = classify(raw)
    assert isinstance(got, Unknown)
    assert why in got.why
    assert got.raw == raw


def test_control_characters_are_stripped() -> None:
    assert classify("\x02HZ1-A01-05-2\x03\r\n") == Location("HZ1-A01-05-2")
    assert classify("T-00\x0001") == Tote("T-0001")


def test_configured_prefix_and_suffix_are_stripped() -> None:
    rules = ScanRules(prefix="@@", suffix="$$")
    assert classify("@@T-0001$$\r\n", rules) == Tote("T-0001")
    assert classify("@@]C0T-0001$$", rules) == Tote("T-0001")
    assert classify("T-0001", rules) == Tote("T-0001")  # optional


def test_prefer_picks_the_expected_reading_of_an_ambiguous_code() -> None:
    body = "70000000000"
    upc = body + check_digit(body)  # a valid UPC-A that also looks like a ZTO waybill
    assert classify(upc) == Product(upc, "00" + upc)
    assert classify(upc, prefer={"tracking"}) == Tracking(upc, "ZTO")
    yunda = with_check_digit("431234567890")
    assert classify(yunda).kind == "product"
    assert classify(yunda, prefer=("tracking",)) == Tracking(yunda, "YUNDA")
    assert classify(yunda[:-1] + str((int(yunda[-1]) + 1) % 10)).kind == "tracking"
    # A preference that does not fit changes nothing.
    assert classify("HZ1-A01-05-2", prefer={"order"}) == Location("HZ1-A01-05-2")


def test_rules_are_configurable() -> None:
    rules = ScanRules(
        location_prefixes=("HZ1-",),
        order_patterns=(r"#\d+", r"[23]\d{18}"),
        product_patterns=(r"SKU-[A-Z0-9]+",),
        fold_case=False,
    )
    assert classify("HZ1-RECV-01", rules) == Location("HZ1-RECV-01")
    assert classify("GZ1-RECV-01", rules).kind == "unknown"
    assert classify("3123456789012345678", rules) == Order("3123456789012345678")
    assert classify("5123456789012345678", rules).kind == "unknown"
    assert classify("SKU-TEE01", rules) == Product("SKU-TEE01", None)
    assert classify("hz1-a01-05-2", rules).kind == "unknown"
    custom = dataclasses.replace(DEFAULT_RULES, commands=frozenset({"PAUSE"}), command_prefix="!")
    assert classify("!PAUSE", custom) == Command("PAUSE")
    assert classify("CMD:CONFIRM", custom).kind == "unknown"


def test_bad_rules_are_refused_with_the_field_name() -> None:
    with pytest.raises(ValueError, match="ScanRules.tote_pattern: bad pattern"):
        ScanRules(tote_pattern="T-(")
    with pytest.raises(ValueError, match="max_length"):
        ScanRules(max_length=0)


def test_every_tracking_carrier_is_a_known_carrier() -> None:
    assert {carrier for carrier, _ in DEFAULT_TRACKING} <= set(CARRIERS)


def test_the_demo_data_classifies_as_intended() -> None:
    for warehouse in ("HZ1", "GZ1"):
        for aisle, position, level in ((1, 1, 1), (12, 24, 3)):
            code = location_code(warehouse, aisle, position, level)
            assert classify(code) == Location(code)
    assert classify("U-0012") == Badge("U-0012")
    assert classify(str(2 * 10**18)) == Order(str(2 * 10**18))
    assert classify(str(4 * 10**18 - 1)) == Order(str(4 * 10**18 - 1))


def test_non_text_input_is_unknown() -> None:
    got = classify(b"T-0001")  # type: ignore[arg-type]
    assert isinstance(got, Unknown) and "not text" in got.why


def test_kinds_are_distinct() -> None:
    assert len(KINDS) == 10


# ----------------------------------------------------------------------------- properties


@ROBUST
@given(st.text(max_size=300))
def test_classify_never_raises(raw: str) -> None:
    assert classify(raw).kind in KINDS


@ROBUST
@given(st.text(alphabet="0123456789()]CdEQ1%#:-TUHZAS\x1d\r\n\t \x00", max_size=60))
def test_classify_never_raises_on_code_like_text(raw: str) -> None:
    assert classify(raw).kind in KINDS
    assert classify(raw, prefer=("tracking", "order")).kind in KINDS


@ROBUST
@given(
    st.text(max_size=5),
    st.text(max_size=5),
    st.text(max_size=40),
)
def test_classify_never_raises_with_odd_prefix_and_suffix(
    prefix: str, suffix: str, raw: str
) -> None:
    rules = ScanRules(prefix=prefix, suffix=suffix)
    assert classify(prefix + raw + suffix, rules).kind in KINDS


_AIM = st.sampled_from(["", "]C0", "]A0", "]Q1", "]z0"])
_END = st.sampled_from(["", "\r", "\n", "\r\n", "\t"])


@ROBUST
@given(
    st.integers(1, 99),
    st.integers(1, 99),
    st.integers(1, 9),
    st.sampled_from(["HZ1", "GZ1", "SH2"]),
    _AIM,
    _END,
)
def test_locations_survive_wrappers(
    aisle: int, position: int, level: int, warehouse: str, aim: str, end: str
) -> None:

    code = location_code(warehouse, aisle, position, level)
    assert classify(aim + code + end) == Location(code)


@ROBUST
@given(st.from_regex(r"69[0-9]{10}", fullmatch=True), st.integers(1, 9))
def test_ean13_check_digit_decides(body: str, delta: int) -> None:
    good = body + check_digit(body)
    assert classify(good) == Product(good, "0" + good)
    bad = body + str((int(check_digit(body)) + delta) % 10)
    got = classify(bad)
    assert isinstance(got, Unknown) and "check digit" in got.why
