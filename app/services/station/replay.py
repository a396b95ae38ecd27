"""Replaying a station's scan journal into the central database when it is back.

Entries are replayed oldest first through the same services a live scan goes
through, under the ids the station gave them: picks through
:func:`app.services.picking.claim.scan`, pack verifications through
:func:`app.services.packing.bench.verify`, each with the scan re-read from its raw text
(:func:`app.domain.scan.classify`) and acting as the user and station that made it.

* a scan the server did not have and accepts: ``applied``;
* a scan the server already has (the connection dropped after the commit, before the
  answer; or a replay interrupted half-way and run again): ``already`` — a no-op;
* a scan the server refuses — a :class:`FloorError` (another station has the task,
  the order is no longer open here) or a refused outcome (the order was cancelled
  meanwhile): ``conflict``, with the service's sentence; it is marked so in the
  journal and never replayed again.

When the database goes away again half-way, replay stops and says so
(``interrupted``): what was replayed is marked, the rest stays pending for the next
attempt. A lost race (deadlock, busy SQLite) is run again a few times first.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.exc import OperationalError

from app.db.engine import Database, is_retryable
from app.db.errors import describe_db_error
from app.db.journal import JournalEntry, ScanJournal
from app.db.outage import is_connection_lost
from app.domain.floor_errors import FloorError
from app.domain.scan import DEFAULT_RULES, ScanRules, classify
from app.services.audit import Actor
from app.services.packing import bench as packing
from app.services.picking import claim as picking

log = logging.getLogger(__name__)

RETRIES = 5


@dataclass
class ReplayReport:
    applied: list[JournalEntry] = field(default_factory=list)
    already: list[JournalEntry] = field(default_factory=list)
    conflicts: list[tuple[JournalEntry, str]] = field(default_factory=list)
    # The code and parameters of each conflict, by scan id, for the station's translation.
    conflict_codes: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    interrupted: str = ""  # why replay stopped early ("" when the journal was worked through)
    pending: int = 0  # entries still waiting afterwards

    @property
    def done(self) -> bool:
        return not self.interrupted

    @property
    def kinds(self) -> frozenset[str]:
        """Which kinds of scan (pick, pack) were replayed or refused."""
        entries = [*self.applied, *self.already, *(e for e, _ in self.conflicts)]
        return frozenset(e.kind for e in entries)


class _Refused(Exception):
    def __init__(self, code: str, message: str, params: dict[str, Any]) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = params


def _actor(entry: JournalEntry, fallback: Actor) -> Actor:
    return Actor(
        entry.user_id if entry.user_id is not None else fallback.user_id,
        entry.station_id if entry.station_id is not None else fallback.station_id,
    )


def _apply(db: Database, entry: JournalEntry, actor: Actor, rules: ScanRules) -> bool:
    """Send one entry; True when the server had it already. Raises _Refused or FloorError."""
    meaning = classify(entry.code, rules)
    if entry.kind == "pick":
        out = picking.scan(db, actor, entry.target_id, meaning, entry.id, entry.qty)
        if not out.accepted:
            raise _Refused(out.code, _refused_text(out.message, out.replayed), dict(out.params))
        return out.replayed
    if entry.kind == "pack":
        got = packing.verify(db, actor, entry.target_id, meaning, entry.id, entry.qty)
        replayed = got.code == "replayed"
        if not got.accepted:
            raise _Refused(got.code, _refused_text(got.message, replayed), dict(got.params))
        return replayed
    raise FloorError(
        "bad_journal_kind",
        f"a journal entry of kind {entry.kind!r} cannot be replayed",
        kind=entry.kind,
    )


def _refused_text(message: str, replayed: bool) -> str:
    if replayed:
        return "the central database had refused this scan already"
    return message


def replay(
    db: Database, journal: ScanJournal, actor: Actor, *, rules: ScanRules = DEFAULT_RULES
) -> ReplayReport:
    """Replay every pending entry of ``journal``; see the module doc. ``actor`` stands in
    for an entry that does not say who made it."""
    report = ReplayReport()
    for entry in journal.pending():
        who = _actor(entry, actor)
        for attempt in range(RETRIES):
            try:
                already = _apply(db, entry, who, rules)
            except (FloorError, _Refused) as exc:
                code, message, params = exc.code, exc.message, dict(exc.params)
                journal.mark_conflict(entry.id, message)
                report.conflicts.append((entry, message))
                report.conflict_codes[entry.id] = (code, params)
                break
            except Exception as exc:
                if is_connection_lost(exc):
                    report.interrupted = describe_db_error(exc)
                    report.pending = journal.pending_count()
                    return report
                if is_retryable(exc) and attempt + 1 < RETRIES:
                    continue
                if is_retryable(exc) or isinstance(exc, OperationalError):
                    # Still losing races, or the server is there but cannot answer now
                    # (a statement timeout): try the rest later rather than drop it.
                    report.interrupted = describe_db_error(exc)
                    report.pending = journal.pending_count()
                    return report
                # Not the network and not a race: this entry cannot go in; say so, keep going.
                log.exception("journal entry %s could not be replayed", entry.id)
                message = f"the central database could not take this scan: {describe_db_error(exc)}"
                journal.mark_conflict(entry.id, message)
                report.conflicts.append((entry, message))
                report.conflict_codes[entry.id] = (
                    "replay_failed",
                    {"detail": describe_db_error(exc)},
                )
                break
            else:
                journal.mark_applied(entry.id)
                (report.already if already else report.applied).append(entry)
                break
    report.pending = journal.pending_count()
    return report
