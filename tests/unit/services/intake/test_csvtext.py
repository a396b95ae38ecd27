from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from app.services.intake.csvtext import (
    FileFormatError,
    decode_bytes,
    parse_decimal,
    parse_int,
    read_csv,
    unprotect,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,299.00", Decimal("1299.00")),
        ("¥12.50", Decimal("12.50")),
        ('="12.50"', Decimal("12.50")),
        ("'7", Decimal("7")),
        ("", None),
        ("12,345,678", Decimal("12345678")),
    ],
)
def test_amounts_as_platforms_write_them(text: str, value: Decimal | None) -> None:
    assert parse_decimal(text) == value


@pytest.mark.parametrize(
    "text", ["12,99", "1,2345.00", "abc", "NaN", "Infinity", "1.2.3", "1e5", "1_000"]
)
def test_not_amounts(text: str) -> None:
    with pytest.raises(ValueError, match="not an amount"):
        parse_decimal(text)


def test_whole_numbers() -> None:
    assert parse_int("1,200") == 1200 and parse_int('="0042"') == 42 and parse_int(" ") is None
    for bad in ("2.5", "two", "1,2", "1e500000", "1_0"):
        with pytest.raises(ValueError):
            parse_int(bad)


def test_unprotect_excel() -> None:
    assert unprotect('="4012345678901234567"') == "4012345678901234567"
    assert unprotect("'13800138000") == "13800138000"


def test_encodings() -> None:
    assert decode_bytes("订单".encode("gb18030")) == ("订单", "gb18030")
    assert decode_bytes(b"\xef\xbb\xbfName") == ("Name", "utf-8-sig")
    with pytest.raises(FileFormatError, match="cannot decode"):
        decode_bytes(b"\xff\xfe\x00\x81\x30\xff")


def test_rows_count_records_not_lines(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text('a ,b\n1,"x\ny"\n\n2,z\n', encoding="utf-8")
    header, rows = read_csv(path)
    assert header == ["a", "b"]
    assert [(n, c[0]) for n, c in rows] == [(2, "1"), (4, "2")]


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_bytes(b"")
    with pytest.raises(FileFormatError, match="empty"):
        read_csv(path)


@pytest.mark.parametrize("text", ["inf", "-Infinity", "sNaN", "NaN", "1e3"])
def test_non_finite_or_exotic_counts_are_refused_not_crashing(text: str) -> None:
    with pytest.raises(ValueError):
        parse_int(text)
