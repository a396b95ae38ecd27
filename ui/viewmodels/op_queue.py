"""The ordered operation queue that the pick and pack view-models share.

Operations run one at a time in the order they were asked for: a scan that arrives
while another is on its way waits in a queue — never dropped, never reordered — and
looks at the model's state only when its turn comes, so it builds on the scan before.
An operation (``Op``) is called when its turn comes and returns the job to run:
``(fn, on_done)`` for the database worker (``ctx.background``), a :class:`Local` for
the link's journal thread, or None when it has answered by itself.

Working through an outage (``ctx.extras["offline"]``, a :class:`ui.bridges.offline.OfflineLink`):
while the link replays the journal the queue waits, so nothing new reaches the server
ahead of an older offline scan. A scan whose call found the database away is queued
again first, with the same id, and runs offline; any other operation that needs the
database is refused with the model's reason. After a replay the model reads its
picture again from the server before anything that waited.

Live updates (``ctx.extras["live"]``): a change to an entity the model shows asks for
one refresh, run once the queue is idle — never in the middle of queued scans.

A model supplies ``_op_scan``, ``_op_refresh`` and ``_needs_database``, and says which
refusals and which live changes make its picture stale; refusals are told in the words of
the one catalog (:func:`ui.i18n.messages.refusal_text`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from PySide6.QtCore import QObject, Signal

from app.domain import scan as sc
from app.domain.floor_errors import FloorError
from app.services.station.link import describe_db_error, is_connection_lost
from ui.bridges.live import touches
from ui.bridges.offline import OFFLINE, Local, OfflineLink
from ui.context import StationContext
from ui.i18n.messages import floor_text
from ui.widgets.feedback import Level

Job = tuple[Callable[[], Any], Callable[[Any], None]] | Local
Op = Callable[[], Job | None]
# An operation as its model names it, before its arguments are bound (``self._op_claim``).
OpFunc = Callable[..., Job | None]


class OpQueueModel(QObject):
    """Base of a view-model whose operations run in order; see the module doc."""

    outcome = Signal(str, str)  # level (ui.widgets.feedback.Level value), translated text
    busy_changed = Signal(bool)

    # Refusals (FloorError codes) after which the model's picture is out of date.
    REFRESH_ON: ClassVar[frozenset[str]] = frozenset()
    # Entities whose change at another station makes the model's picture stale.
    LIVE_ENTITIES: ClassVar[tuple[str, ...]] = ()

    def __init__(self, ctx: StationContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._queue: deque[Op] = deque()
        self._in_flight = False
        self._busy = False
        self._current: Op | None = None
        self._local = False  # the job in flight runs on the journal thread
        self._refresh_due = False
        link = ctx.extras.get(OFFLINE)
        self._link = link if isinstance(link, OfflineLink) else None
        if self._link is not None:
            self._link.state_changed.connect(self._on_link_state)
            self._link.replayed.connect(self._on_replayed)
        changed = getattr(ctx.extras.get("live"), "changed", None)  # ui.shell.window.LIVE
        if changed is not None:
            changed.connect(self._on_live_change)

    @property
    def busy(self) -> bool:
        return self._in_flight or bool(self._queue)

    @property
    def offline(self) -> bool:
        """Scans are checked here and journaled: the central database is away."""
        return self._link is not None and self._link.offline

    # -- what the model supplies ------------------------------------------------------

    def _op_scan(self, meaning: sc.Scan, scan_id: str) -> Job | None:
        raise NotImplementedError

    def _op_refresh(self) -> Job | None:
        raise NotImplementedError

    def _needs_database(self, op: OpFunc) -> str:
        """Why ``op`` (bound to its arguments or not) cannot be done offline ("" for one
        that just waits)."""
        raise NotImplementedError

    def _showing(self) -> bool:
        """Something is shown that a live update would read again."""
        raise NotImplementedError

    def _may_refresh(self) -> bool:
        """A refresh after a refusal or a replay has something to read."""
        return self._showing()

    def _from_database(self, op: Op | None) -> bool:
        """``op`` failed talking to the central database (not to a device)."""
        return True

    def _on_refusal(self, exc: FloorError) -> None:
        """What a refusal does besides telling it."""

    def _on_other_failure(self, exc: Exception) -> None:
        self._tell(
            Level.BAD, self.tr("Database problem: {detail}").format(detail=describe_db_error(exc))
        )

    # -- what the models share -------------------------------------------------------

    def _offline_read_failed(self, exc: Exception) -> None:
        """A read kept for working offline (a plan, an order's barcodes) failed: a lost
        connection takes the station offline now rather than at the next scan."""
        if is_connection_lost(exc) and self._link is not None:
            self._link.lost(describe_db_error(exc))

    def _journaled(self, pending: int) -> None:
        """A scan is in this station's journal; ``pending`` are waiting to be sent."""
        if self._link is not None:
            self._link.note_pending(pending)

    def _refused_offline(self, op: OpFunc) -> None:
        self._tell(Level.BAD, self._needs_database(op))

    def _unknown_command(self, name: str) -> None:
        self._tell(Level.INFO, self.tr("Command {name} does nothing here").format(name=name))

    # -- the queue ------------------------------------------------------------------

    def _enqueue(self, op: Op) -> None:
        self._queue.append(op)
        self._pump()

    def _pump(self) -> None:
        while not self._in_flight and not (self._link is not None and self._link.holding):
            if not self._queue and not self._take_refresh():
                break
            op = self._queue.popleft()
            job = op()
            if job is None:
                continue
            self._current = op
            self._in_flight = True
            self._local = isinstance(job, Local)
            if isinstance(job, Local):
                assert self._link is not None
                self._link.worker.submit(
                    job.fn, partial(self._done, job.done), self._failed, owner=self
                )
            else:
                fn, done = job
                self._ctx.background.submit(fn, partial(self._done, done), self._failed, owner=self)
        busy = self._in_flight or bool(self._queue)
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)

    def _take_refresh(self) -> bool:
        """Queue the refresh live updates asked for, now that nothing else is queued."""
        if (
            not self._refresh_due
            or not self._showing()
            or (self._link is not None and not self._link.online)
        ):
            return False
        self._refresh_due = False
        self._queue.append(self._op_refresh)
        return True

    def _done(self, handler: Callable[[Any], None], result: Any) -> None:
        self._in_flight = False
        self._current = None
        try:
            handler(result)
        finally:
            self._pump()

    def _failed(self, exc: Exception) -> None:
        self._in_flight = False
        op, self._current = self._current, None
        try:
            if self._local:  # the station's own journal failed, not the database
                self._tell(
                    Level.BAD,
                    self.tr("The scan could not be saved on this station: {detail}").format(
                        detail=describe_db_error(exc)
                    ),
                )
            elif is_connection_lost(exc) and self._from_database(op):
                self._connection_lost(op, exc)
            elif isinstance(exc, FloorError):
                self._tell(Level.BAD, floor_text(exc))
                self._on_refusal(exc)
                if exc.code in self.REFRESH_ON and self._may_refresh():
                    # Before anything still queued, so that it works on the picture as it is now.
                    self._queue.appendleft(self._op_refresh)
            else:
                self._on_other_failure(exc)
        finally:
            self._pump()

    def _connection_lost(self, op: Op | None, exc: Exception) -> None:
        if self._link is None:
            self._tell(
                Level.BAD,
                self.tr(
                    "The central database cannot be reached: nothing was saved. Scan again when it is back"
                ),
            )
            return
        if getattr(op, "func", None) == self._op_scan:
            # The same scan, with the same id, again: offline now (or after the replay).
            # Queued first: going offline pumps the queue at once.
            assert op is not None
            self._queue.appendleft(op)
            self._link.lost(describe_db_error(exc))
            return
        self._link.lost(describe_db_error(exc))
        if op is not None:
            refusal = self._needs_database(op)
            if refusal:
                self._tell(Level.BAD, refusal)

    # -- the link and live updates --------------------------------------------------

    def _on_link_state(self, _state: str) -> None:
        self._pump()

    def _on_replayed(self, _report: object) -> None:
        # The server's picture first, before anything that waited for the replay.
        if self._may_refresh():
            self._queue.appendleft(self._op_refresh)
        self._pump()

    def _on_live_change(self, entities: frozenset[str]) -> None:
        if touches(entities, *self.LIVE_ENTITIES) and self._showing():
            self._refresh_due = True
            self._pump()

    def _tell(self, level: Level, text: str) -> None:
        self._ctx.feedback.show(level, text)
        self.outcome.emit(level.value, text)
