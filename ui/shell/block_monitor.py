"""How long the GUI thread was unable to run: the floor's "never more than 16 ms".

A precise timer ticks every ``interval_ms`` on the GUI thread; when a tick comes
late, the GUI thread was busy (blocked) for the lateness. The station logs stalls
over the budget, and ``bench/station.py`` reports the worst one.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QObject, Qt, QTimer

log = logging.getLogger(__name__)

BUDGET_MS = 16.0


class BlockMonitor(QObject):
    def __init__(
        self, parent: QObject | None = None, interval_ms: int = 2, log_over_ms: float | None = None
    ) -> None:
        super().__init__(parent)
        self.interval_ms = interval_ms
        self.log_over_ms = log_over_ms
        self.max_blocked_ms = 0.0
        self.stalls_over_budget = 0
        self.ticks = 0
        self._last: float | None = None
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.reset()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def reset(self) -> None:
        self.max_blocked_ms = 0.0
        self.stalls_over_budget = 0
        self.ticks = 0
        self._last = None

    def _tick(self) -> None:
        now = time.perf_counter()
        if self._last is not None:
            blocked = (now - self._last) * 1000.0 - self.interval_ms
            if blocked > self.max_blocked_ms:
                self.max_blocked_ms = blocked
            if blocked > BUDGET_MS:
                self.stalls_over_budget += 1
                if self.log_over_ms is not None and blocked > self.log_over_ms:
                    log.warning("GUI thread blocked for %.1f ms", blocked)
        self.ticks += 1
        self._last = now
