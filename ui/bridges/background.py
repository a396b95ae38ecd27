"""The background-operation helper: one worker thread for database work.

Screens and view-models never touch the database on the GUI thread. They hand a
function to :meth:`Background.submit`; it runs on the single worker thread (so
database calls from the UI are serialised, oldest first) and its result — or the
exception it raised — comes back on the GUI thread through a queued signal, where
``on_done`` / ``on_error`` are called.

If the callback belongs to a QObject (a bound method of a widget or view-model) that
has been destroyed by the time the result arrives, the result is dropped: a screen
closed while its query was running must not crash the station.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from ui.bridges.worker_thread import start_worker_thread, stop_worker_thread

T = TypeVar("T")

log = logging.getLogger(__name__)


@dataclass(slots=True)
class _Job:
    id: int
    fn: Callable[[], Any]
    on_done: Callable[[Any], None]
    on_error: Callable[[Exception], None] | None
    owners: tuple[QObject, ...]


def _owner_of(callback: Callable[..., Any] | None) -> QObject | None:
    """The QObject a callback is a bound method of, if any."""
    owner = getattr(callback, "__self__", None)
    return owner if isinstance(owner, QObject) else None


def _alive(obj: QObject) -> bool:
    return shiboken6.isValid(obj)


class _Worker(QObject):
    """Lives on the worker thread; runs jobs one at a time."""

    finished = Signal(object, object, object)  # job, result, exception

    @Slot(object)
    def run(self, job: _Job) -> None:
        try:
            result = job.fn()
        except Exception as exc:  # noqa: BLE001 - every failure goes back to the GUI thread
            self.finished.emit(job, None, exc)
        else:
            self.finished.emit(job, result, None)


class Background(QObject):
    """Owns ONE worker QThread for database work; see the module docstring.

    Create it on the GUI thread. Call :meth:`shutdown` before the application ends
    (a window's ``closeEvent``; it is also connected to ``aboutToQuit``).
    """

    _request = Signal(object)
    # Emitted on the GUI thread after each job's callback ran (or was dropped);
    # the argument is the number of jobs still queued or running.
    settled = Signal(int)

    def __init__(self, parent: QObject | None = None, name: str = "wavedesk-db") -> None:
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._pending: set[int] = set()
        self._closed = False
        self._worker = _Worker()
        self._request.connect(self._worker.run, Qt.ConnectionType.QueuedConnection)
        self._worker.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._thread = start_worker_thread(name, self._worker, self.shutdown)

    @property
    def worker_thread(self) -> QThread:
        return self._thread

    @property
    def pending(self) -> int:
        """Jobs submitted whose result has not been delivered yet."""
        return len(self._pending)

    @property
    def is_running(self) -> bool:
        return not self._closed

    def submit(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[Exception], None] | None = None,
        *,
        owner: QObject | None = None,
    ) -> None:
        """Run ``fn`` on the worker thread; call ``on_done(result)`` or ``on_error(exc)``
        on the GUI thread afterwards. Returns at once. After :meth:`shutdown` it does
        nothing.

        The result is dropped if ``owner`` — or the QObject that ``on_done`` /
        ``on_error`` are bound methods of — has been destroyed meanwhile. Pass
        ``owner`` when the callbacks are closures or lambdas."""
        if self._closed:
            log.debug("background is shut down; job %r dropped", fn)
            return
        candidates = (owner, _owner_of(on_done), _owner_of(on_error))
        owners = tuple(o for o in candidates if o is not None)
        job = _Job(next(self._ids), fn, on_done, on_error, owners)
        self._pending.add(job.id)
        self._request.emit(job)

    @Slot(object, object, object)
    def _deliver(self, job: _Job, result: Any, exc: Exception | None) -> None:
        self._pending.discard(job.id)
        try:
            if self._closed:
                return
            if not all(_alive(o) for o in job.owners):
                log.debug("receiver of job %d is gone; result dropped", job.id)
                return
            if exc is None:
                job.on_done(result)
            elif job.on_error is not None:
                job.on_error(exc)
            else:
                log.error("background job failed", exc_info=exc)
        finally:
            self.settled.emit(len(self._pending))

    def shutdown(self, timeout_ms: int | None = None) -> bool:
        """Stop the worker thread after the job it is running; queued jobs are dropped
        and no further callbacks are made. Returns False if the thread was still busy
        when ``timeout_ms`` ran out (None: wait as long as it takes)."""
        if self._closed:
            return not self._thread.isRunning()
        self._closed = True
        self._pending.clear()
        stopped = stop_worker_thread(self._thread, timeout_ms)
        if not stopped:
            log.warning("database worker still busy after %d ms", timeout_ms)
        return stopped
