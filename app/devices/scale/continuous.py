"""Indicators that stream one reading per line (``ST,GS,+0001.250kg``)."""

from __future__ import annotations

import time
from collections import deque

import serial

from app.devices.scale.parsing import parse_continuous
from app.devices.scale.readings import ScaleGarbage, Weight
from app.devices.scale.serial_port import SerialScale

__all__ = ["ContinuousScale"]


class ContinuousScale(SerialScale):
    """A scale streaming ``ST,GS,+0001.250kg`` lines without being asked."""

    def __init__(
        self,
        url: str,
        baudrate: int = 9600,
        *,
        stable_count: int = 3,
        tolerance_g: int = 2,
        max_garbage: int = 3,
    ) -> None:
        """Stable = ``stable_count`` consecutive ``ST`` readings within ``tolerance_g``
        of each other; ``max_garbage`` unreadable lines in a row mean a wrong setup."""
        if stable_count < 1 or tolerance_g < 0 or max_garbage < 1:
            raise ValueError("need stable_count >= 1, tolerance_g >= 0, max_garbage >= 1")
        super().__init__(url, baudrate)
        self.stable_count = stable_count
        self.tolerance_g = tolerance_g
        self.max_garbage = max_garbage

    def _readings(self, timeout_s: float) -> tuple[serial.SerialBase, float]:
        port = self._start()
        return port, time.monotonic() + timeout_s

    def _next(self, port: serial.SerialBase, deadline: float, timeout_s: float) -> Weight | None:
        """The next readable line as a Weight; None at the deadline. The first line
        after listening starts may be a fragment and is skipped when unreadable."""
        bad = 0
        first = not self._heard
        while True:
            line = self._line(port, deadline)
            if line is None:
                return None
            try:
                return parse_continuous(line, self.url)
            except ScaleGarbage:
                if first:
                    first = False
                    continue
                bad += 1
                if bad >= self.max_garbage:
                    raise

    def read_stable(self, timeout_s: float = 5.0) -> Weight:
        with self._lock:
            port, deadline = self._readings(timeout_s)
            streak: deque[Weight] = deque()
            last: Weight | None = None
            while True:
                reading = self._next(port, deadline, timeout_s)
                if reading is None:
                    if not self._heard or last is None:
                        raise self._silent(timeout_s)
                    raise self._unstable(timeout_s, last)
                last = reading
                if not reading.stable or (streak and streak[-1].net != reading.net):
                    streak.clear()
                    if not reading.stable:
                        continue
                streak.append(reading)
                while (
                    max(w.weight_g for w in streak) - min(w.weight_g for w in streak)
                    > self.tolerance_g
                ):
                    streak.popleft()
                if len(streak) >= self.stable_count:
                    return reading

    def read_now(self, timeout_s: float = 2.0) -> Weight:
        with self._lock:
            port, deadline = self._readings(timeout_s)
            reading = self._next(port, deadline, timeout_s)
            if reading is None:
                raise self._silent(timeout_s)
            return reading
