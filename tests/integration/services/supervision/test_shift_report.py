"""The shift report of the mid-shift floor (dashboard_seed): CSV sections and a PDF whose
text layer carries the Chinese names (the CJK font is embedded)."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from dashboard_seed import NOW, Seeded, seed_shift

from app.db.engine import Database
from app.services.supervision.shift_report import (
    SECTIONS,
    save_shift_csv,
    save_shift_pdf,
    shift_csv,
    shift_pdf,
)

START, END = NOW - timedelta(hours=2), NOW


@pytest.fixture
def shift(sqlite_db: Database) -> Seeded:
    return seed_shift(sqlite_db)


def sections(text: str) -> dict[str, list[dict[str, str]]]:
    out: dict[str, list[dict[str, str]]] = {}
    header: list[str] = []
    for row in csv.reader(io.StringIO(text)):
        if row and row[0] == "section":
            header = row
            continue
        if row:
            out.setdefault(row[0], []).append(dict(zip(header, row, strict=True)))
    return out


def test_csv_sections_columns_and_numbers(shift: Seeded) -> None:
    text = shift_csv(shift.db, START, END, now=NOW)
    headers = [row for row in csv.reader(io.StringIO(text)) if row and row[0] == "section"]
    assert [h[1:] for h in headers] == [list(cols) for cols in SECTIONS.values()]
    got = sections(text)
    assert got["shift"] == [
        {
            "section": "shift",
            "start": "2030-01-07 12:00",
            "end": "2030-01-07 14:00",
            "generated_at": "2030-01-07 14:00",
        }
    ]

    li = next(r for r in got["worker"] if r["worker"] == "李伟")
    assert (li["lines_picked"], li["units_picked"], li["shorts"], li["scans"], li["refused"]) == (
        "4",
        "6",
        "1",
        "10",
        "2",
    )
    assert (li["misscan_rate"], li["active_hours"], li["units_per_hour"], li["lines_per_hour"]) == (
        "0.2000",
        "2.00",
        "3.00",
        "2.00",
    )
    assert [r["worker"] for r in got["worker"]] == ["李伟", "张敏", "陈静"]
    assert got["total"][0]["units_picked"] == "7"  # the total row sits under the worker header

    assert {r["station"] for r in got["station"]} == {"PDA-01", "PDA-02", "PACK-01"}
    # Hours are local (Shanghai) wall time.
    assert [(r["hour"], r["units_picked"], r["scans"]) for r in got["hour"]] == [
        ("2030-01-07 12:00", "0", "2"),
        ("2030-01-07 13:00", "7", "17"),
    ]

    waves = {r["kind"]: r for r in got["wave"]}
    assert (
        waves["multi"]["units_picked"],
        waves["multi"]["units_total"],
        waves["multi"]["cutoff"],
    ) == ("6", "11", "2030-01-07 16:00")
    assert (
        waves["multi"]["estimated_finish"] == "2030-01-07 14:30" and waves["multi"]["at_risk"] == ""
    )
    assert sorted(r["kind"] for r in got["exception"]) == sorted(
        ["interception", "weight_mismatch", "short_pick", "stale_task", "print_failed", "hold"]
    )
    stale = next(r for r in got["exception"] if r["kind"] == "stale_task")
    assert (stale["who"], stale["station"], stale["since"]) == (
        "张敏",
        "PDA-02",
        "2030-01-07 13:35",
    )


def test_csv_file_has_a_bom_for_excel(shift: Seeded, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    out.mkdir()
    path = save_shift_csv(shift.db, START, END, out / "shift.csv", now=NOW)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "李伟" in raw.decode("utf-8-sig")
    assert [p.name for p in out.iterdir()] == ["shift.csv"]  # no temp file left


def _pdf_text(path: Path) -> str:
    if shutil.which("pdftotext"):
        return subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
        ).stdout
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))


def test_pdf_renders_chinese_names_with_the_embedded_font(shift: Seeded, tmp_path: Path) -> None:
    path = save_shift_pdf(
        shift.db,
        START,
        END,
        tmp_path / "shift.pdf",
        now=NOW,
        labels={"title": "班次报表", "worker": "员工"},
    )
    data = path.read_bytes()
    assert data.startswith(b"%PDF") and b"+WenQuanYiMicroHei" in data and b"/FontFile2" in data
    text = _pdf_text(path)
    for expected in (
        "班次报表",
        "员工",
        "李伟",
        "张敏",
        "陈静",
        "PDA-01",
        "20.0%",
        "Units/h",
        "2030-01-07 13:00",
        "买家取消",
        "Stale task",
    ):
        assert expected in text, expected


def test_pdf_of_an_empty_shift_says_so(shift: Seeded, tmp_path: Path) -> None:
    data = shift_pdf(
        shift.db, NOW + timedelta(hours=1), NOW + timedelta(hours=2), now=NOW + timedelta(hours=2)
    )
    path = tmp_path / "empty.pdf"
    path.write_bytes(data)
    assert "None" in _pdf_text(path)


def test_a_bad_window_is_refused_with_a_sentence(shift: Seeded) -> None:
    with pytest.raises(ValueError, match="must end after it starts"):
        shift_csv(shift.db, END, START)
