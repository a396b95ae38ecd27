"""The spooler: a thread that sends a station's queued print jobs to their printers.

It polls :func:`app.services.printing.jobs.due_jobs` every ``poll_s`` (or at once after
:meth:`Spooler.wake`), sends each job through its printer's transport and records
the outcome: ``sent``, or ``failed`` with the error and a later try. A printer that
fails holds back its later jobs for this round, so labels come out in order.

Nothing a transport or the database does stops the thread. If the database is
gone, the spooler logs, waits (0.5, 1, 2, then every 5 s) and tries again; the jobs
are rows, so none is lost. A job the printer took while the database was away is
remembered and recorded as sent when the database is back — it is not sent twice.

``on_change`` is called on the spooler's thread after every change of a job's state
and of the database's health; a Qt caller must hand it over to the GUI thread (a
queued signal).

Every wait and every time stamp goes through a :class:`Clock`, so a test can move
time past a printer's back-off instead of sleeping through it. A spooler built
without one (a station window's) uses :attr:`Spooler.default_clock`, the system's.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import ClassVar, Final, Protocol

from app.db.engine import Database
from app.db.errors import describe_db_error
from app.db.models import utcnow
from app.domain.floor_errors import FloorError
from app.services.printing.jobs import PENDING, counts, due_jobs, mark_failed, mark_sent
from printing.transports import PrinterAddressError, PrinterUnavailable, Transport, open_transport

__all__ = ["DB_RETRY_S", "SYSTEM_CLOCK", "Clock", "Spooler", "SystemClock", "describe_send_error"]

log = logging.getLogger(__name__)

DB_RETRY_S: tuple[float, ...] = (0.5, 1.0, 2.0, 5.0)


class Clock(Protocol):
    """Where the spooler's time comes from: stamps for the jobs and its pauses."""

    def now(self) -> datetime:
        """The current time, timezone-aware (UTC)."""
        ...

    def wait(self, event: threading.Event, seconds: float) -> bool:
        """Pause until ``event`` is set or ``seconds`` have passed; True if it was set."""
        ...


class SystemClock:
    """The wall clock: :func:`app.db.models.utcnow` and a plain wait on the event."""

    def now(self) -> datetime:
        return utcnow()

    def wait(self, event: threading.Event, seconds: float) -> bool:
        return event.wait(seconds)


SYSTEM_CLOCK: Final = SystemClock()


def describe_send_error(exc: BaseException) -> str:
    """The sentence kept in ``print_jobs.last_error``."""
    if isinstance(exc, PrinterUnavailable | PrinterAddressError):
        return exc.message
    return f"unexpected error while printing: {type(exc).__name__}: {exc}"


class Spooler:
    """See the module doc. Call :meth:`start` once; :meth:`stop` before the database
    is disposed."""

    # The clock of a spooler built without one. A class attribute so that a test can
    # drive the spooler a station window builds for itself.
    default_clock: ClassVar[Clock] = SYSTEM_CLOCK

    def __init__(
        self,
        db: Database,
        station_id: int | None,
        transport_for: Callable[[str], Transport] = open_transport,
        on_change: Callable[[], None] | None = None,
        poll_s: float = 1.0,
        *,
        batch: int = 20,
        clock: Clock | None = None,
        db_retry_s: Sequence[float] = DB_RETRY_S,
    ) -> None:
        self._db = db
        self.station_id = station_id
        self._transport_for = transport_for
        self._on_change = on_change
        self._poll_s = poll_s
        self._batch = batch
        self._clock = clock if clock is not None else self.default_clock
        self._db_retry_s = tuple(db_retry_s) or DB_RETRY_S
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._cond = threading.Condition()
        self._rounds = 0
        self._pending = 0
        self._db_error: str | None = None
        # Jobs a printer took whose "sent" could not be written yet: id -> when.
        self._unrecorded: dict[int, datetime] = {}

    # -- control --------------------------------------------------------------------

    def start(self) -> Spooler:
        if self._thread is not None:
            return self
        self._thread = threading.Thread(
            target=self._run, name=f"spooler-station-{self.station_id}", daemon=True
        )
        self._thread.start()
        return self

    def wake(self) -> None:
        """Look for due jobs now (after a job was queued or retried); any thread."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> bool:
        """Stop after the job being sent; True if the thread has ended."""
        self._stopping.set()
        self._wake.set()
        thread = self._thread
        if thread is None:
            return True
        thread.join(timeout)
        return not thread.is_alive()

    # -- state (no I/O; safe from any thread) ---------------------------------------

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def pending(self) -> int:
        """Queued and failed jobs of the station as of the last round."""
        return self._pending

    @property
    def rounds(self) -> int:
        """Rounds finished (with or without a database error)."""
        return self._rounds

    @property
    def db_error(self) -> str | None:
        """Why the last round could not reach the database; None when it could."""
        return self._db_error

    @property
    def unrecorded(self) -> tuple[int, ...]:
        """Jobs printed whose ``sent`` waits for the database."""
        return tuple(self._unrecorded)

    def wait_rounds(self, n: int, timeout_s: float, *, since: int | None = None) -> bool:
        """Wait until ``n`` more rounds than ``since`` (default: those finished now) have
        finished; False on timeout. ``since=0`` counts from the start, so a round that
        ended before the call counts."""
        with self._cond:
            target = (self._rounds if since is None else since) + n
            return self._cond.wait_for(lambda: self._rounds >= target, timeout_s)

    # -- the thread -----------------------------------------------------------------

    def _run(self) -> None:
        failures = 0
        while not self._stopping.is_set():
            self._wake.clear()
            more = False
            try:
                self._record_unrecorded()
                more = self._round()
                self._pending = sum(
                    n
                    for status, n in counts(self._db, self.station_id).items()
                    if status in PENDING
                )
            except Exception as exc:  # noqa: BLE001 - the database is away; the jobs wait in it
                failures += 1
                if failures == 1:
                    log.warning("spooler: database unavailable, retrying", exc_info=exc)
                self._set_db_error(describe_db_error(exc))
                delay = self._db_retry_s[min(failures, len(self._db_retry_s)) - 1]
            else:
                if failures:
                    log.info("spooler: database reachable again")
                failures = 0
                self._set_db_error(None)
                delay = 0.0 if more else self._poll_s
            with self._cond:
                self._rounds += 1
                self._cond.notify_all()
            # A stop that came before this round's clear() must not wait out the pause.
            if delay and not self._stopping.is_set():
                self._clock.wait(self._wake, delay)

    def _round(self) -> bool:
        """Send what is due; True if there may be more due right away."""
        jobs = due_jobs(self._db, self.station_id, self._clock.now(), self._batch)
        held: set[str] = set()
        for job in jobs:
            if self._stopping.is_set():
                return False
            if job.printer in held or job.id in self._unrecorded:
                continue
            try:
                self._transport_for(job.printer).send(job.document, name=job.file_name)
            except Exception as exc:  # noqa: BLE001 - any failure is the job's error, kept for a retry
                held.add(job.printer)
                error = describe_send_error(exc)
                log.info("spooler: job %d failed: %s", job.id, error)
                mark_failed(self._db, job.id, error, self._clock.now())
                self._changed()
                continue
            self._unrecorded[job.id] = self._clock.now()
            self._record(job.id)
        return len(jobs) >= self._batch

    def _record_unrecorded(self) -> None:
        for job_id in list(self._unrecorded):
            self._record(job_id)

    def _record(self, job_id: int) -> None:
        try:
            mark_sent(self._db, job_id, self._unrecorded[job_id])
        except FloorError as exc:
            if exc.code != "print_job_not_found":
                raise
            log.warning("spooler: job %d vanished after it was printed", job_id)
        del self._unrecorded[job_id]
        self._changed()

    def _set_db_error(self, error: str | None) -> None:
        if error != self._db_error:
            self._db_error = error
            self._changed()

    def _changed(self) -> None:
        if self._on_change is None:
            return
        try:
            self._on_change()
        except Exception:  # noqa: BLE001 - a listener's bug must not stop printing
            log.exception("spooler: on_change failed")
