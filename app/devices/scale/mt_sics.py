"""Mettler Toledo MT-SICS level 0: ``S`` (stable), ``SI`` (immediate), ``Z`` (zero)."""

from __future__ import annotations

import time
from enum import Enum

import serial

from app.devices.scale.parsing import parse_sics
from app.devices.scale.readings import ScaleCommandError, ScaleGarbage, ScaleUnstable, Weight
from app.devices.scale.serial_port import SerialScale

__all__ = ["LINE_GRACE_S", "MtSicsScale"]


class _NoLine(Enum):
    """No answer came before the deadline."""

    NO_LINE = "no line"


_NO_LINE = _NoLine.NO_LINE

LINE_GRACE_S = 0.25  # an MT-SICS line is ~20 bytes: 20 ms at 9600 baud, ample margin


class MtSicsScale(SerialScale):
    """A Mettler Toledo (or compatible) scale answering MT-SICS level 0 commands."""

    def __init__(
        self, url: str, baudrate: int = 9600, *, retry_s: float = 0.1, probe_s: float = 0.5
    ) -> None:
        """``retry_s``: pause before asking again after a busy/moving answer;
        ``probe_s``: how long an ``SI`` probe waits when ``S`` got no answer."""
        super().__init__(url, baudrate)
        self.retry_s = retry_s
        self.probe_s = probe_s

    def _ask(
        self, port: serial.SerialBase, command: str, deadline: float
    ) -> Weight | None | _NoLine:
        """Send a weighing command; the Weight, None when busy, or _NO_LINE at the deadline."""
        self._send(port, command)
        line = self._line(port, deadline)
        if line is None and self._buffer:
            # A reply the deadline cut is usually still arriving (a busy machine, a slow
            # link): give it the time a line takes before calling it garbage.
            line = self._line(port, time.monotonic() + LINE_GRACE_S)
            if line is None:
                self._garbage_tail()
        if line is None:
            return _NO_LINE
        return parse_sics(line, self.url)

    def read_stable(self, timeout_s: float = 5.0) -> Weight:
        with self._lock:
            port = self._start()
            deadline = time.monotonic() + timeout_s
            last: Weight | None = None
            while True:
                answer = self._ask(port, "S", deadline)
                if isinstance(answer, Weight) and answer.stable:
                    return answer
                if answer is _NO_LINE:
                    break
                last = answer or last
                if time.monotonic() + self.retry_s >= deadline:
                    break
                time.sleep(self.retry_s)
            if not self._heard:
                # "S" waits for stability and may stay silent while the load moves:
                # ask for the immediate weight to tell "moving" from "not there".
                answer = self._ask(port, "SI", time.monotonic() + self.probe_s)
                if answer is _NO_LINE:
                    raise self._silent(timeout_s)
                if isinstance(answer, Weight):
                    if answer.stable:
                        return answer
                    last = answer
            raise self._unstable(timeout_s, last)

    def read_now(self, timeout_s: float = 2.0) -> Weight:
        with self._lock:
            port = self._start()
            deadline = time.monotonic() + timeout_s
            while True:
                answer = self._ask(port, "SI", deadline)
                if isinstance(answer, Weight):
                    return answer
                if answer is _NO_LINE and not self._heard:
                    raise self._silent(timeout_s)
                if answer is _NO_LINE or time.monotonic() + self.retry_s >= deadline:
                    raise ScaleCommandError(
                        f"the scale on {self.url} stayed busy for {timeout_s:g} s (S I) — try again"
                    )
                time.sleep(self.retry_s)

    def zero(self, timeout_s: float = 5.0) -> None:
        """Set the scale to zero (MT-SICS ``Z``); raises ScaleError when it cannot."""
        with self._lock:
            port = self._start()
            self._send(port, "Z")
            line = self._line(port, time.monotonic() + timeout_s)
            if line is None:
                raise self._silent(timeout_s)
            text = line.strip()
            if text == "Z A":
                return
            if text == "Z I":
                raise ScaleUnstable(
                    f"the scale on {self.url} cannot zero now (busy or not still) — try again"
                )
            if text in ("Z +", "Z -"):
                raise ScaleCommandError(
                    f"the scale on {self.url} cannot zero: the load is outside its zero range "
                    "— empty the pan"
                )
            parse_sics(text, self.url)  # raises the matching error
            raise ScaleGarbage(f"unexpected answer to Z from the scale on {self.url}: {text!r}")
