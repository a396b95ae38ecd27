"""A clock a test moves by hand, for code that waits on a
:class:`app.services.printing.spooler.Clock` (the spooler's printer back-off and its
database retries): the test says "a minute later" instead of sleeping through it.

``print_clock`` installs one as the clock of every spooler built without its own
during the test — the one a station window starts, too.
"""

from __future__ import annotations

import threading
import weakref
from datetime import datetime, timedelta

import pytest

from app.db.models import utcnow
from app.services.printing.spooler import Spooler


class ShiftedClock:
    """The wall clock plus whatever the test added with :meth:`advance`.

    Time still flows (stamps stay in order with the rows other code writes with the
    wall clock); :meth:`advance` jumps it forward and wakes whoever waits on it, so
    a job whose next try was a minute away is due at once."""

    def __init__(self) -> None:
        self._offset = timedelta()
        self._lock = threading.Lock()
        # Every event that has waited on this clock: woken after a jump, so a waiter
        # between two pauses does not miss it either.
        self._waiters: weakref.WeakSet[threading.Event] = weakref.WeakSet()

    def now(self) -> datetime:
        with self._lock:
            return utcnow() + self._offset

    def wait(self, event: threading.Event, seconds: float) -> bool:
        with self._lock:
            self._waiters.add(event)
        # Real seconds never exceed this clock's seconds, so the pause ends in time;
        # a jump sets the event and ends it early.
        return event.wait(seconds)

    def advance(self, delta: timedelta | float) -> None:
        """Jump ``delta`` (seconds or a timedelta) ahead and wake every waiter."""
        step = delta if isinstance(delta, timedelta) else timedelta(seconds=delta)
        if step < timedelta():
            raise ValueError("a clock does not go back")
        with self._lock:
            self._offset += step
            waiters = list(self._waiters)
        for event in waiters:
            event.set()


@pytest.fixture
def print_clock(monkeypatch: pytest.MonkeyPatch) -> ShiftedClock:
    """The clock of every spooler the test builds without one of its own."""
    clock = ShiftedClock()
    monkeypatch.setattr(Spooler, "default_clock", clock)
    return clock
