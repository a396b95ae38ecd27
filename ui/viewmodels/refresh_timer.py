"""The timer that makes a view-model reload on its own, so that work done at other
stations shows up without anybody asking.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


class RefreshTimer(QTimer):
    """Calls ``tick`` every ``interval_ms``; with no interval (None or 0) only when
    :meth:`start_ticking` is called (tests drive their refreshes by hand)."""

    def __init__(self, tick: Callable[[], None], interval_ms: int | None, parent: QObject) -> None:
        super().__init__(parent)
        self._tick = tick
        self.timeout.connect(tick)
        if interval_ms:
            self.setInterval(interval_ms)

    def start_ticking(self) -> None:
        """Tick now, then every interval (if there is one)."""
        self._tick()
        if self.interval() > 0:
            self.start()

    def set_period(self, interval_ms: int | None) -> None:
        """Tick every ``interval_ms`` from now on; None or 0 stops the ticking."""
        if not interval_ms:
            self.stop()
            return
        self.setInterval(interval_ms)


class Ticking:
    """The timer side of a view-model that reloads itself (mixed into a QObject that
    sets ``_timer`` in its ``__init__``)."""

    _timer: RefreshTimer

    @property
    def timer(self) -> QTimer:
        return self._timer

    def start(self) -> None:
        """Load now and then every interval (if an interval was given)."""
        self._timer.start_ticking()

    def stop(self) -> None:
        self._timer.stop()

    def set_interval(self, interval_ms: int | None) -> None:
        self._timer.set_period(interval_ms)
