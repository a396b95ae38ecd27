from __future__ import annotations

import threading
from pathlib import Path

import pytest

from app.db.journal import ScanJournal


def test_entries_survive_reopening_and_come_back_in_order(tmp_path: Path) -> None:
    path = tmp_path / "station" / "journal.sqlite3"
    journal = ScanJournal(path)
    for i in range(5):
        journal.append(f"id-{i}", "pick", 7, f"CODE-{i}", user_id=1, station_id=2)
    journal.close()  # the station crashed

    reopened = ScanJournal(path)
    assert [e.id for e in reopened.pending()] == [f"id-{i}" for i in range(5)]
    assert reopened.pending()[0].code == "CODE-0" and reopened.pending()[0].station_id == 2


def test_the_same_scan_appended_twice_is_one_entry(tmp_path: Path) -> None:
    journal = ScanJournal(tmp_path / "j.sqlite3")
    journal.append("same", "pack", 3, "6901234567892")
    journal.append("same", "pack", 3, "6901234567892")
    assert journal.pending_count() == 1


def test_applied_and_conflicting_entries_leave_the_pending_list(tmp_path: Path) -> None:
    journal = ScanJournal(tmp_path / "j.sqlite3")
    journal.append("a", "pick", 1, "X")
    journal.append("b", "pick", 1, "Y")
    journal.mark_applied("a")
    journal.mark_conflict("b", "order #12 was cancelled")
    assert journal.pending() == []
    assert [(e.id, e.detail) for e in journal.conflicts()] == [("b", "order #12 was cancelled")]


def test_parallel_appends_lose_nothing(tmp_path: Path) -> None:
    journal = ScanJournal(tmp_path / "j.sqlite3")

    def write(t: int) -> None:
        for i in range(50):
            journal.append(f"{t}-{i}", "pick", t, "C")

    threads = [threading.Thread(target=write, args=(t,)) for t in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert journal.pending_count() == 200


def test_an_unknown_kind_is_refused(tmp_path: Path) -> None:
    journal = ScanJournal(tmp_path / "j.sqlite3")
    with pytest.raises(ValueError, match="pick or pack"):
        journal.append("x", "ship", 1, "C")
