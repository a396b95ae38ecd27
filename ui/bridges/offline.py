"""The station's link to the central database: online, offline, or replaying.

One :class:`OfflineLink` per station (``ctx.extras["offline"]``), shared by the pick
and pack view-models and read by the station window's banner.

* **online**: the view-models call the services through the database worker as ever.
* **offline**: entered at once when a view-model's call fails with a lost connection
  (:func:`app.db.outage.is_connection_lost`) or the live-update listener loses its
  connection. The view-models check scans locally and append the accepted ones to the
  station's :class:`~app.db.journal.ScanJournal`, on a worker thread of its own (a fsync
  never waits behind a database call that is timing out). Every 2 s a probe asks the
  database for ``SELECT 1`` on the database worker; the listener getting its connection
  back probes at once.
* **replaying**: the database answered. Journal appends already queued are let
  through first (a barrier on the journal thread), then the journal is replayed on
  the database worker (:func:`app.services.station.replay.replay`). Meanwhile the view-models
  hold their queues, so nothing new reaches the server ahead of an older offline scan.
  When it is done the view-models refresh from the server and the link is online;
  refused scans are listed (``conflicts``). Interrupted, it is offline again.

A station starts in *replaying* until its journal says whether scans from a previous
run are still waiting; if so they go first.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Any, Final, NamedTuple

from platformdirs import user_data_dir
from PySide6.QtCore import QObject, QTimer, Signal

from app.domain.scan import DEFAULT_RULES, ScanRules
from app.services.station.link import ScanJournal, describe_db_error, ping
from app.services.station.replay import ReplayReport, replay
from ui.bridges.background import Background
from ui.context import StationContext

log = logging.getLogger(__name__)

OFFLINE: Final = "offline"  # StationContext.extras key of the station's OfflineLink
PROBE_MS: Final = 2_000


class Local(NamedTuple):
    """A view-model job for the link's journal thread instead of the database worker."""

    fn: Callable[[], Any]
    done: Callable[[Any], None]


class LinkState(StrEnum):
    ONLINE = "online"
    OFFLINE = "offline"
    REPLAYING = "replaying"


def journal_path(station: str) -> Path:
    """Where station ``station`` keeps its journal: next to its settings, on its own disk."""
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in station) or "station"
    return Path(user_data_dir("wavedesk", appauthor=False)) / f"journal-{safe}.sqlite3"


class OfflineLink(QObject):
    """See the module doc."""

    state_changed = Signal(str)  # LinkState value
    changed = Signal()  # the state, the waiting count or the detail changed: redraw the banner
    replayed = Signal(object)  # ReplayReport of a replay that went all the way through
    conflicts = Signal(object)  # ReplayReport whose conflicts the operator must see

    def __init__(
        self,
        ctx: StationContext,
        path: Path,
        *,
        live: QObject | None = None,
        probe_ms: int = PROBE_MS,
        rules: ScanRules = DEFAULT_RULES,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.path = path
        self.rules = rules
        self.worker = Background(self, name="wavedesk-journal")
        self._journal: ScanJournal | None = None
        self._state = LinkState.REPLAYING
        self._probing = False
        self._closed = False
        self.pending = 0
        self.detail = ""
        self.last_report: ReplayReport | None = None
        self._probe = QTimer(self)
        self._probe.setInterval(probe_ms)
        self._probe.timeout.connect(self.probe)
        connection = getattr(live, "connection", None)
        if connection is not None:
            connection.connect(self._on_live)
        self.worker.submit(self._open, self._opened, self._open_failed, owner=self)

    # -- state ----------------------------------------------------------------------------

    @property
    def state(self) -> LinkState:
        return self._state

    @property
    def online(self) -> bool:
        return self._state is LinkState.ONLINE

    @property
    def offline(self) -> bool:
        return self._state is LinkState.OFFLINE

    @property
    def holding(self) -> bool:
        """View-models wait: a replay is under way (or the journal is being opened)."""
        return self._state is LinkState.REPLAYING

    @property
    def journal(self) -> ScanJournal | None:
        return self._journal

    def banner_text(self) -> str:
        """What the station window's red banner says about the link ("" when online)."""
        if self._state is LinkState.OFFLINE:
            return self.tr(
                "Central database unreachable — working offline: {n} scans waiting"
            ).format(n=self.pending)
        if self._state is LinkState.REPLAYING and self.pending:
            return self.tr("Central database is back — sending {n} offline scans…").format(
                n=self.pending
            )
        return ""

    # -- what the view-models call ----------------------------------------------------------

    def lost(self, detail: str) -> None:
        """A call failed because the database could not be reached: go offline now."""
        self.detail = detail
        if self._state is LinkState.ONLINE:
            self._set_state(LinkState.OFFLINE)
        else:
            self.changed.emit()

    def append_job(
        self, scan_id: str, kind: str, target_id: int, code: str, qty: int
    ) -> Callable[[], int]:
        """A function for :attr:`worker` that journals one accepted scan (durably) and
        returns how many scans wait; call :meth:`note_pending` with that on the GUI thread."""
        journal = self._journal
        actor = self._ctx.actor
        if journal is None:
            raise RuntimeError("the scan journal could not be opened")

        def append() -> int:
            journal.append(scan_id, kind, target_id, code, qty, actor.user_id, actor.station_id)
            return journal.pending_count()

        return append

    @property
    def can_journal(self) -> bool:
        return self._journal is not None

    def note_pending(self, n: int) -> None:
        if n != self.pending:
            self.pending = n
            self.changed.emit()

    # -- probing and replay -----------------------------------------------------------------

    def probe(self) -> None:
        """Ask the database whether it answers (offline only); replay when it does."""
        if self._state is not LinkState.OFFLINE or self._probing or self._closed:
            return
        self._probing = True
        db = self._ctx.db
        self._ctx.background.submit(
            lambda: ping(db), self._probe_ok, self._probe_failed, owner=self
        )

    def _probe_ok(self, _none: None) -> None:
        self._probing = False
        if self._state is LinkState.OFFLINE:
            self._start_replay()

    def _probe_failed(self, exc: Exception) -> None:
        self._probing = False
        detail = describe_db_error(exc)
        if detail != self.detail:
            self.detail = detail
            self.changed.emit()

    def _on_live(self, online: bool, detail: str) -> None:
        if online:
            self.probe()
        else:
            self.lost(detail)

    def _start_replay(self) -> None:
        self._set_state(LinkState.REPLAYING)
        # Appends already on the journal thread land before the replay reads the journal.
        self.worker.submit(lambda: None, lambda _none: self._replay_now(), owner=self)

    def _replay_now(self) -> None:
        journal = self._journal
        if journal is None:
            self._set_state(LinkState.ONLINE)
            return
        db, actor, rules = self._ctx.db, self._ctx.actor, self.rules
        self._ctx.background.submit(
            lambda: replay(db, journal, actor, rules=rules),
            self._replayed,
            self._replay_failed,
            owner=self,
        )

    def _replayed(self, report: ReplayReport) -> None:
        self.pending = report.pending
        self.last_report = report
        if report.conflicts:
            self._tell_conflicts(report)
            self.conflicts.emit(report)
        if not report.done:
            self.detail = report.interrupted
            self._set_state(LinkState.OFFLINE)
            return
        if report.applied or report.already:
            n = len(report.applied) + len(report.already)
            self._ctx.feedback.info(
                self.tr("Central database is back: {n} offline scans saved").format(n=n)
            )
        self.detail = ""
        self.replayed.emit(report)  # view-models queue their refresh before they carry on
        self._set_state(LinkState.ONLINE)

    def _replay_failed(self, exc: Exception) -> None:
        log.warning("journal replay failed: %s", exc)
        self.detail = describe_db_error(exc)
        self._set_state(LinkState.OFFLINE)

    def _tell_conflicts(self, report: ReplayReport) -> None:
        self._ctx.feedback.warn(
            self.tr(
                "{n} scans made offline were refused by the central database: see the list"
            ).format(n=len(report.conflicts))
        )

    # -- the journal --------------------------------------------------------------------------

    def _open(self) -> tuple[ScanJournal, int]:
        journal = ScanJournal(self.path)
        return journal, journal.pending_count()

    def _opened(self, opened: tuple[ScanJournal, int]) -> None:
        self._journal, self.pending = opened
        if self._closed:
            self._journal.close()
            return
        if self.pending:
            # Scans from a previous run wait: they go to the server before anything new.
            self._replay_now()
        else:
            self._set_state(LinkState.ONLINE)

    def _open_failed(self, exc: Exception) -> None:
        log.error("the scan journal %s cannot be opened: %s", self.path, exc)
        self._set_state(LinkState.ONLINE)

    def _set_state(self, state: LinkState) -> None:
        if state is LinkState.OFFLINE:
            if not self._probe.isActive() and not self._closed:
                self._probe.start()
        else:
            self._probe.stop()
        changed = state is not self._state
        self._state = state
        if changed:
            self.state_changed.emit(state.value)
        self.changed.emit()

    def close(self) -> None:
        """Stop probing and the journal thread; close the journal file."""
        self._closed = True
        self._probe.stop()
        self.worker.shutdown()
        if self._journal is not None:
            self._journal.close()
            self._journal = None
