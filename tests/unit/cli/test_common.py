"""What every command shares: the database behind --db, the file writer, the reports."""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path

import pytest

from app.cli.common import CliError, open_db, report_rejects, write_file
from app.db.engine import Database
from app.domain.incoming import Rejected


def test_open_db_refuses_a_missing_sqlite_file_without_creating_it(tmp_path: Path) -> None:
    path = tmp_path / "none.sqlite3"
    with pytest.raises(CliError, match="no database at .*wavedesk db upgrade"):
        with open_db(argparse.Namespace(db=str(path))):
            pass
    assert not path.exists()


def test_open_db_refuses_a_database_without_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite3"
    sqlite3.connect(path).close()
    with pytest.raises(CliError, match="has no wavedesk schema yet"):
        with open_db(argparse.Namespace(db=str(path))):
            pass


def test_open_db_disposes_the_database_even_when_the_command_fails(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    disposed: list[str] = []
    monkeypatch.setattr(Database, "dispose", lambda self: disposed.append(self.url))
    with pytest.raises(CliError, match="refused"):
        with open_db(argparse.Namespace(db=db_url)) as db:
            assert db.url == db_url
            raise CliError("refused")
    assert disposed == [db_url]


def test_write_file_leaves_no_part_file_behind(tmp_path: Path) -> None:
    out = tmp_path / "label.zpl"
    write_file(out, b"^XA^XZ")
    assert out.read_bytes() == b"^XA^XZ"
    assert [p.name for p in tmp_path.iterdir()] == ["label.zpl"]


def test_write_file_says_why_it_could_not_and_cleans_up(tmp_path: Path) -> None:
    out = tmp_path / "taken"
    out.mkdir()  # a folder where the file should go: the final rename fails
    with pytest.raises(CliError, match=f"cannot write {out}: "):
        write_file(out, b"data")
    assert [p.name for p in tmp_path.iterdir()] == ["taken"]


def test_rejects_name_the_file_row_and_order(capsys: pytest.CaptureFixture[str]) -> None:
    report_rejects(
        [
            Rejected("orders.csv", 7, "no such SKU", order_no="1001"),
            Rejected("orders.csv", 0, "not an order export"),
        ]
    )
    assert capsys.readouterr().err.splitlines() == [
        "rejected orders.csv:7: order 1001: no such SKU",
        "rejected orders.csv: not an order export",
    ]
