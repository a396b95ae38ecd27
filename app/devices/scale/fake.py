"""An in-memory scale for tests and the demo."""

from __future__ import annotations

import threading

from app.devices.scale.readings import ScaleError, ScaleUnstable, Weight

__all__ = ["FakeScale"]


class FakeScale:
    """An in-memory scale: ``put()`` a load, ``fail()`` to make the next reads raise."""

    def __init__(self, weight_g: int = 0, *, stable: bool = True, net: bool = False) -> None:
        self._lock = threading.Lock()
        self._weight = Weight(weight_g, stable, net, "fake")
        self._error: ScaleError | None = None
        self.reads = 0

    def put(self, weight_g: int, *, stable: bool = True, net: bool = False) -> None:
        with self._lock:
            self._weight = Weight(weight_g, stable, net, "fake")

    def fail(self, error: ScaleError | None) -> None:
        """Make reads raise ``error`` (None: work again)."""
        with self._lock:
            self._error = error

    def read_now(self, timeout_s: float = 2.0) -> Weight:
        with self._lock:
            self.reads += 1
            if self._error is not None:
                raise self._error
            return self._weight

    def read_stable(self, timeout_s: float = 5.0) -> Weight:
        reading = self.read_now(timeout_s)
        if not reading.stable:
            raise ScaleUnstable(
                f"the weight on the fake scale did not settle within {timeout_s:g} s", reading
            )
        return reading

    def close(self) -> None:
        pass
