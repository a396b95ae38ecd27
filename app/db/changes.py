"""Change feed between stations: which kinds of things changed, within a second.

Every change a service makes writes an event row in its transaction, so the event
log already says what changed. On PostgreSQL a statement trigger on ``events``
(migration 0004) sends ``NOTIFY wavedesk_changes`` with the distinct entities of
the inserted rows; NOTIFY is transactional, so other stations hear of a change
exactly when it commits, never of one that rolled back. On SQLite (one machine,
one file) a listener polls ``PRAGMA data_version`` — it moves when another
connection commits — and then reads the new event rows; SQLite's single writer
hands out event ``seq`` in commit order, so reading ``seq > last`` misses nothing.

:class:`ChangeListener` runs on its own thread and calls ``on_change`` with a set of
entity names (``{"order", "task"}``) or with :data:`EVERYTHING` when it cannot know
(after a reconnect: whatever happened meanwhile, refresh all).
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from typing import Final

from sqlalchemy import Engine, create_engine

log = logging.getLogger(__name__)

CHANNEL: Final = "wavedesk_changes"
EVERYTHING: Final = frozenset({"*"})

ChangeCallback = Callable[[frozenset[str]], None]

PG_TRIGGER_SQL: Final = (
    f"""
CREATE OR REPLACE FUNCTION wavedesk_notify_changes() RETURNS trigger AS $$
DECLARE entities text;
BEGIN
    SELECT json_agg(DISTINCT entity)::text INTO entities FROM new_events;
    IF entities IS NOT NULL THEN
        PERFORM pg_notify('{CHANNEL}', entities);
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql
""",
    "DROP TRIGGER IF EXISTS events_notify_changes ON events",
    """
CREATE TRIGGER events_notify_changes AFTER INSERT ON events
REFERENCING NEW TABLE AS new_events
FOR EACH STATEMENT EXECUTE FUNCTION wavedesk_notify_changes()
""",
)

PG_TRIGGER_DROP_SQL: Final = (
    "DROP TRIGGER IF EXISTS events_notify_changes ON events",
    "DROP FUNCTION IF EXISTS wavedesk_notify_changes()",
)


def parse_payload(payload: str) -> frozenset[str]:
    try:
        entities = json.loads(payload)
    except ValueError:
        return EVERYTHING
    if not isinstance(entities, list) or not all(isinstance(e, str) for e in entities):
        return EVERYTHING
    return frozenset(entities)


class ChangeListener:
    """Listen for committed changes on ``url`` on a daemon thread; see the module doc."""

    def __init__(
        self,
        url: str,
        on_change: ChangeCallback,
        *,
        poll_s: float = 0.2,
        on_status: Callable[[bool, str], None] | None = None,
    ) -> None:
        self.url = url
        self.on_change = on_change
        self.on_status = on_status
        self.poll_s = poll_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._connected: bool | None = None
        self.ready = threading.Event()  # set once the listener is listening

    def start(self) -> ChangeListener:
        self._thread = threading.Thread(target=self._run, name="wavedesk-changes", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout_s: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout_s)

    # ----------------------------------------------------------------- internals

    def _status(self, connected: bool, detail: str) -> None:
        if connected != self._connected:
            self._connected = connected
            if self.on_status is not None:
                self.on_status(connected, detail)

    def _run(self) -> None:
        backoff = (0.5, 1.0, 2.0, 5.0)
        failures = 0
        first = True
        while not self._stop.is_set():
            try:
                if self.url.startswith("sqlite"):
                    self._poll_sqlite(first)
                else:
                    self._listen_pg(first)
            except Exception as exc:  # noqa: BLE001 - a lost database must not end the thread
                log.warning("change listener lost the database: %s", exc)
                self._status(False, str(exc))
                self._stop.wait(backoff[min(failures, len(backoff) - 1)])
                failures += 1
                first = False
            else:
                return

    def _listen_pg(self, first: bool) -> None:
        import psycopg  # noqa: PLC0415 - only PostgreSQL stations need it

        dsn = self.url.replace("postgresql+psycopg://", "postgresql://", 1)
        with psycopg.connect(dsn, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f"LISTEN {CHANNEL}")
            self._status(True, "")
            if not first:
                self.on_change(EVERYTHING)
            self.ready.set()
            while not self._stop.is_set():
                entities: set[str] = set()
                # Hand the first notice over the moment it arrives, with whatever
                # came in the same breath, instead of at the end of the poll window.
                for note in conn.notifies(timeout=self.poll_s, stop_after=1):
                    entities |= parse_payload(note.payload)
                if entities:
                    for note in conn.notifies(timeout=0, stop_after=100):
                        entities |= parse_payload(note.payload)
                if entities:
                    self.on_change(frozenset(entities))
                else:
                    # A cheap round trip tells a dead connection from a quiet floor.
                    conn.execute("SELECT 1")

    def _poll_sqlite(self, first: bool) -> None:
        engine: Engine = create_engine(self.url, connect_args={"timeout": 5})
        try:
            with engine.connect() as conn:
                raw = conn.connection.driver_connection
                assert raw is not None
                raw.isolation_level = None  # autocommit: each read sees the latest commit

                def data_version() -> int:
                    return int(raw.execute("PRAGMA data_version").fetchone()[0])

                last_seq = raw.execute("SELECT COALESCE(MAX(seq), 0) FROM events").fetchone()[0]
                version = data_version()
                self._status(True, "")
                if not first:
                    self.on_change(EVERYTHING)
                self.ready.set()
                while not self._stop.wait(self.poll_s):
                    now = data_version()
                    if now == version:
                        continue
                    version = now
                    rows = raw.execute(
                        "SELECT seq, entity FROM events WHERE seq > ? ORDER BY seq", (last_seq,)
                    ).fetchall()
                    if rows:
                        last_seq = rows[-1][0]
                        self.on_change(frozenset(r[1] for r in rows))
        finally:
            engine.dispose()
