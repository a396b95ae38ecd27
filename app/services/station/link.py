"""The station's link to the central database, as the UI may use it: open it, say
where it is without its password, tell an outage from a refusal, hear what other
stations changed, and keep scans in the local journal while it is away.

The UI names no database module itself (an import-linter contract); this is its door.
Every call that does I/O still runs on the UI's worker threads, never the GUI thread.
"""

from __future__ import annotations

from app.db.changes import ChangeListener, parse_payload
from app.db.engine import Database
from app.db.errors import describe_db_error
from app.db.journal import JournalEntry, ScanJournal
from app.db.models import utcnow
from app.db.outage import is_connection_lost, ping
from app.db.url import resolve_db_url, safe_url

__all__ = [
    "ChangeListener",
    "Database",
    "JournalEntry",
    "ScanJournal",
    "describe_db_error",
    "is_connection_lost",
    "parse_payload",
    "ping",
    "resolve_db_url",
    "safe_url",
    "utcnow",
]
