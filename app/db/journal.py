"""The station's local scan journal: where scans wait while the central database is away.

A station that cannot reach the central database keeps picking and verifying; each
scan it accepts locally is appended here first, in a small SQLite file on the
station's own disk, under the id the station gave it. When the database is back the
journal is replayed oldest first through the same services, with the same ids: a
scan the server already has (the connection dropped after the commit, before the
answer) is a no-op there, so nothing is applied twice, and nothing is lost because
the file is written with ``synchronous=FULL`` before the scan is acknowledged.

An entry ends ``applied``, or ``conflict`` with the reason the server refused it
(the order was cancelled meanwhile) for the operator to see.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS journal (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,          -- pick | pack
    target_id INTEGER NOT NULL,  -- pick task id or order id
    code TEXT NOT NULL,          -- the scan as received
    qty INTEGER NOT NULL DEFAULT 1,
    user_id INTEGER,
    station_id INTEGER,
    status TEXT NOT NULL DEFAULT 'pending',  -- pending | applied | conflict
    detail TEXT NOT NULL DEFAULT ''
)
"""


@dataclass(frozen=True, slots=True)
class JournalEntry:
    seq: int
    id: str
    at: datetime
    kind: str
    target_id: int
    code: str
    qty: int
    user_id: int | None
    station_id: int | None
    status: str
    detail: str


class ScanJournal:
    """One journal file per station; safe to use from several threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=FULL")
        self._conn.execute(SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def append(
        self,
        scan_id: str,
        kind: str,
        target_id: int,
        code: str,
        qty: int = 1,
        user_id: int | None = None,
        station_id: int | None = None,
        at: datetime | None = None,
    ) -> None:
        if kind not in ("pick", "pack"):
            raise ValueError(f"journal kind must be pick or pack, not {kind!r}")
        when = (at or datetime.now(UTC)).astimezone(UTC).isoformat()
        with self._lock:
            # The same scan appended twice (a retried call) stays one entry.
            self._conn.execute(
                "INSERT OR IGNORE INTO journal (id, at, kind, target_id, code, qty, user_id, station_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (scan_id, when, kind, target_id, code, qty, user_id, station_id),
            )

    def pending(self) -> list[JournalEntry]:
        return self._select("WHERE status = 'pending' ORDER BY seq")

    def conflicts(self) -> list[JournalEntry]:
        return self._select("WHERE status = 'conflict' ORDER BY seq")

    def all(self) -> list[JournalEntry]:
        return self._select("ORDER BY seq")

    def pending_count(self) -> int:
        with self._lock:
            return int(
                self._conn.execute(
                    "SELECT COUNT(*) FROM journal WHERE status = 'pending'"
                ).fetchone()[0]
            )

    def mark_applied(self, scan_id: str) -> None:
        self._mark(scan_id, "applied", "")

    def mark_conflict(self, scan_id: str, detail: str) -> None:
        self._mark(scan_id, "conflict", detail)

    def _mark(self, scan_id: str, status: str, detail: str) -> None:
        with self._lock:
            self._conn.execute(
                "UPDATE journal SET status = ?, detail = ? WHERE id = ?", (status, detail, scan_id)
            )

    def _select(self, tail: str) -> list[JournalEntry]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT seq, id, at, kind, target_id, code, qty, user_id, station_id, status, detail "
                f"FROM journal {tail}"
            ).fetchall()
        return [
            JournalEntry(
                r[0],
                r[1],
                datetime.fromisoformat(r[2]),
                r[3],
                r[4],
                r[5],
                r[6],
                r[7],
                r[8],
                r[9],
                r[10],
            )
            for r in rows
        ]
