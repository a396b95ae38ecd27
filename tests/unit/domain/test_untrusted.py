from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from app.domain.untrusted import ascii_digits, for_spreadsheet, for_terminal


def test_escape_sequences_become_visible():
    assert for_terminal("张三\x1b[31mRED\x1b[0m") == "张三\\x1b[31mRED\\x1b[0m"
    assert for_terminal("a\x07b\x7fc\x9bd") == "a\\x07b\\x7fc\\x9bd"
    assert for_terminal("line1\nline2\r") == "line1\\x0aline2\\x0d"


def test_tabs_and_chinese_stay():
    assert for_terminal("张三\t杭州市 西湖区") == "张三\t杭州市 西湖区"


def test_bidi_overrides_and_lone_surrogates_are_escaped():
    assert for_terminal("abc\u202edcba") == "abc\\u202edcba"
    assert for_terminal("x\ud800y") == "x\\ud800y"


@given(st.text())
def test_nothing_a_terminal_acts_on_survives(text):
    shown = for_terminal(text)
    assert not any(ord(c) < 0x20 and c != "\t" for c in shown)
    assert not any(0x7F <= ord(c) <= 0x9F for c in shown)
    assert "\u202e" not in shown


def test_formula_cells_are_quoted():
    for cell in ("=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=1", "\r=1", "＝1+1", "＋1"):
        assert for_spreadsheet(cell) == "'" + cell
    for cell in ("张三", "1+1", "T-0001", ""):
        assert for_spreadsheet(cell) == cell
    assert for_spreadsheet(-3) == -3  # a number is a figure, not a formula


def test_quoted_cells_round_trip_through_csv():
    out = io.StringIO()
    csv.writer(out).writerow([for_spreadsheet('=HYPERLINK("http://x","y")'), "ok"])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == ['\'=HYPERLINK("http://x","y")', "ok"]


def test_digits_in_any_script_fold_to_ascii():
    assert ascii_digits("１３８００１３８０００") == "13800138000"
    assert ascii_digits("١٣٨") == "138"  # Arabic-Indic
    assert ascii_digits("१३८") == "138"  # Devanagari
    assert ascii_digits("+86 138-0013") == "+86 138-0013"
    assert ascii_digits("张三") == "张三"
