"""Scales at the pack station: MT-SICS, continuous ASCII output, and a fake.

Every scale is a :class:`Scale`: ``read_stable(timeout_s)`` blocks (call it on
a worker thread, never the GUI thread) until the load settles and returns a
:class:`Weight` in whole grams, or raises a :class:`ScaleError` whose text tells
the packer what to do.

* :class:`MtSicsScale` speaks Mettler Toledo MT-SICS: it sends ``S`` (stable
  weight) or ``SI`` (immediate) and reads ``S S      1.250 kg``; ``S D`` is a
  dynamic (moving) reading, ``S I`` busy, ``S +``/``S -`` overload/underload,
  ``ES``/``ET``/``EL`` syntax, transmission and logical errors.
* :class:`ContinuousScale` listens to indicators that stream one reading per
  line (``ST,GS,+0001.250kg``: ``ST`` stable / ``US`` unstable / ``OL``
  overload, ``GS`` gross / ``NT`` net) and calls a weight stable after N
  consecutive stable readings within a tolerance.
* :class:`FakeScale` for tests and the demo.
"""

from __future__ import annotations

import re
import threading
import time
from collections import deque
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import NoReturn, Protocol, runtime_checkable

import serial

GRAMS_PER_UNIT: dict[str, Decimal] = {
    "g": Decimal(1),
    "kg": Decimal(1000),
    "mg": Decimal("0.001"),
    "t": Decimal(1_000_000),
    "lb": Decimal("453.59237"),
    "oz": Decimal("28.349523125"),
}


@dataclass(frozen=True, slots=True)
class Weight:
    """A reading: whole grams (negative after a tare is possible), whether the
    scale called it stable, whether it is net (tared), and the line as sent."""

    weight_g: int
    stable: bool = True
    net: bool = False
    text: str = ""

    def __str__(self) -> str:
        kg = Decimal(self.weight_g) / 1000
        return f"{kg:.3f} kg{'' if self.stable else ' (moving)'}"


# --------------------------------------------------------------------------- errors


class ScaleError(Exception):
    """Anything that stops a weighing; ``str(error)`` is meant for the operator."""


class ScaleSilent(ScaleError):
    """No byte at all came back: off, unplugged, wrong port."""


class ScaleOverload(ScaleError):
    """Above the scale's capacity."""


class ScaleUnderload(ScaleError):
    """Below zero beyond the scale's range: pan missing, or zeroed with a load on."""


class ScaleUnstable(ScaleError):
    """The load did not settle in time."""

    def __init__(self, message: str, last: Weight | None = None) -> None:
        super().__init__(message)
        self.last = last


class ScaleGarbage(ScaleError):
    """Bytes that are not the expected protocol: wrong baud rate, mode or device."""


class ScaleCommandError(ScaleError):
    """The scale refused a command (MT-SICS ``ES``, ``ET``, ``EL``, ``x L``)."""


class ScalePortError(ScaleError):
    """The serial port could not be opened, or went away."""


# --------------------------------------------------------------------------- protocol


@runtime_checkable
class Scale(Protocol):
    def read_stable(self, timeout_s: float = 5.0) -> Weight:
        """The settled weight; raises ScaleError (see the subclasses)."""
        ...

    def read_now(self, timeout_s: float = 2.0) -> Weight:
        """The current reading, stable or not."""
        ...

    def close(self) -> None: ...


def to_grams(value: str, unit: str) -> int:
    """``to_grams("1.250", "kg") == 1250``; rounds half up to whole grams."""
    factor = GRAMS_PER_UNIT.get(unit.strip().lower())
    if factor is None:
        raise ValueError(f"unit {unit!r} is not a weight unit this station knows (g, kg, lb, oz)")
    try:
        amount = Decimal(value.replace(" ", ""))
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a number") from None
    if not amount.is_finite():
        raise ValueError(f"{value!r} is not a number")
    return int((amount * factor).quantize(Decimal(1), rounding=ROUND_HALF_UP))


# --------------------------------------------------------------------------- parsing

_SICS = re.compile(
    r"(?P<cmd>S|SI)\s+(?P<status>[SD])\s+(?P<value>[+-]?\s*\d+(?:\.\d*)?)\s*(?P<unit>[A-Za-z]+)",
    re.ASCII,
)
_SICS_STATUS = re.compile(r"(?P<cmd>[A-Z][A-Z0-9]*)\s+(?P<status>[I+\-LA])", re.ASCII)
_CONTINUOUS = re.compile(
    r"(?P<state>ST|US|OL|UL)(?:\s*,\s*(?:(?P<kind>GS|NT|TR|GW|NW)\s*,?)?\s*"
    r"(?P<value>[+-]?\s*\d+(?:\.\d*)?)?\s*(?P<unit>[A-Za-z]+)?)?",
    re.ASCII,
)


def parse_sics(line: str, where: str = "the scale") -> Weight | None:
    """One MT-SICS answer to ``S``/``SI``: a Weight, None for ``S I`` (busy, try again),
    or the matching ScaleError."""
    text = line.strip()
    if m := _SICS.fullmatch(text):
        try:
            grams = to_grams(m["value"], m["unit"])
        except ValueError as exc:
            raise ScaleGarbage(f"the scale on {where} answered {text!r}: {exc}") from None
        return Weight(grams, stable=m["status"] == "S", text=text)
    if text in ("ES", "ET", "EL"):
        raise ScaleCommandError(_SICS_ERRORS[text].format(where=where))
    if m := _SICS_STATUS.fullmatch(text):
        status = m["status"]
        if status == "I":
            return None
        if status == "+":
            raise ScaleOverload(
                f"the scale on {where} is overloaded (more than it can weigh) — take the load off"
            )
        if status == "-":
            raise ScaleUnderload(
                f"the scale on {where} reads below zero (underload) — "
                "check that the pan is in place, then zero the scale"
            )
        if status == "L":
            raise ScaleCommandError(
                f"the scale on {where} cannot carry out {m['cmd']} (logical error)"
            )
    if _CONTINUOUS.fullmatch(text):
        raise ScaleGarbage(
            f"the scale on {where} streams continuous output ({text!r}), not MT-SICS — "
            "set it up as a continuous scale, or switch it to MT-SICS"
        )
    raise ScaleGarbage(
        f"unexpected answer from the scale on {where}: {text[:40]!r} — "
        "check the baud rate and that the scale is set to MT-SICS"
    )


_SICS_ERRORS = {
    "ES": "the scale on {where} did not understand the command (ES) — is it set to MT-SICS?",
    "ET": "transmission error talking to the scale on {where} (ET) — check the cable and baud rate",
    "EL": "the scale on {where} cannot carry out the command now (EL)",
}


def parse_continuous(line: str, where: str = "the scale") -> Weight:
    """One line of continuous output (``ST,GS,+0001.250kg``) as a Weight, or a ScaleError."""
    text = line.strip()
    m = _CONTINUOUS.fullmatch(text)
    if m is None:
        raise ScaleGarbage(
            f"unexpected data from the scale on {where}: {text[:40]!r} — "
            "check the baud rate and that it sends continuous output like ST,GS,+0001.250kg"
        )
    if m["state"] == "OL":
        raise ScaleOverload(
            f"the scale on {where} is overloaded (more than it can weigh) — take the load off"
        )
    if m["state"] == "UL":
        raise ScaleUnderload(
            f"the scale on {where} reads below zero (underload) — "
            "check that the pan is in place, then zero the scale"
        )
    if m["value"] is None or m["unit"] is None:
        raise ScaleGarbage(f"the scale on {where} sent {text!r} without a weight and unit")
    try:
        grams = to_grams(m["value"], m["unit"])
    except ValueError as exc:
        raise ScaleGarbage(f"the scale on {where} sent {text!r}: {exc}") from None
    return Weight(grams, stable=m["state"] == "ST", net=m["kind"] in ("NT", "NW"), text=text)


# --------------------------------------------------------------------------- serial base


class _SerialScale:
    def __init__(self, url: str, baudrate: int = 9600) -> None:
        self.url = url
        self.baudrate = baudrate
        self._port: serial.SerialBase | None = None
        self._buffer = bytearray()
        self._heard = False  # any byte since the last _start()
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            self._drop_port()

    def __enter__(self) -> _SerialScale:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _drop_port(self) -> None:
        port, self._port = self._port, None
        self._buffer.clear()
        if port is not None:
            try:
                port.close()
            except (serial.SerialException, OSError):
                pass

    def _open(self) -> serial.SerialBase:
        if self._port is None:
            try:
                self._port = serial.serial_for_url(self.url, baudrate=self.baudrate, timeout=0.05)
            except (serial.SerialException, OSError, ValueError) as exc:
                raise ScalePortError(
                    f"cannot open the scale port {self.url}: {exc} — is the scale plugged in?"
                ) from None
        return self._port

    def _start(self) -> serial.SerialBase:
        """Open the port and forget anything received before now (stale readings)."""
        port = self._open()
        try:
            port.reset_input_buffer()
        except (serial.SerialException, OSError) as exc:
            self._lost(exc)
        self._buffer.clear()
        self._heard = False
        return port

    def _lost(self, exc: BaseException) -> NoReturn:
        self._drop_port()
        raise ScalePortError(f"lost the scale on {self.url}: {exc}") from None

    def _send(self, port: serial.SerialBase, command: str) -> None:
        try:
            port.write(command.encode("ascii") + b"\r\n")
            port.flush()
        except (serial.SerialException, OSError) as exc:
            self._lost(exc)

    def _line(self, port: serial.SerialBase, deadline: float) -> str | None:
        """The next non-empty line before ``deadline``, or None when time is up."""
        while True:
            while self._buffer[:1] in (b"\r", b"\n"):
                del self._buffer[0]
            cut = next((i for i, b in enumerate(self._buffer) if b in (0x0D, 0x0A)), -1)
            if cut > 0:
                raw = bytes(self._buffer[:cut])
                del self._buffer[: cut + 1]
                return raw.decode("ascii", errors="replace")
            if len(self._buffer) > 256:
                self._garbage_tail()
            if time.monotonic() >= deadline:
                return None
            try:
                chunk = port.read(max(1, min(port.in_waiting, 256)))
            except (serial.SerialException, OSError) as exc:
                self._lost(exc)
            if chunk:
                self._heard = True
                self._buffer += chunk

    def _garbage_tail(self) -> NoReturn:
        tail = bytes(self._buffer[:40])
        self._buffer.clear()
        raise ScaleGarbage(
            f"the scale on {self.url} sent {tail!r} without a line end — "
            f"check the baud rate ({self.baudrate}) and the scale's output settings"
        )

    def _silent(self, timeout_s: float) -> ScaleError:
        if self._buffer:  # bytes came, but never a whole line
            tail = bytes(self._buffer[:40])
            self._buffer.clear()
            return ScaleGarbage(
                f"the scale on {self.url} sent {tail!r} without a line end within {timeout_s:g} s"
                f" — check the baud rate ({self.baudrate}) and the scale's output settings"
            )
        return ScaleSilent(
            f"no answer from the scale on {self.url} within {timeout_s:g} s"
            " — is it on and connected?"
        )

    def _unstable(self, timeout_s: float, last: Weight | None) -> ScaleUnstable:
        seen = f" (last reading {last})" if last is not None else ""
        return ScaleUnstable(
            f"the weight on the scale on {self.url} did not settle within {timeout_s:g} s{seen}"
            " — keep the parcel still and away from the edges",
            last,
        )


# --------------------------------------------------------------------------- MT-SICS


LINE_GRACE_S = 0.25  # an MT-SICS line is ~20 bytes: 20 ms at 9600 baud, ample margin


class MtSicsScale(_SerialScale):
    """A Mettler Toledo (or compatible) scale answering MT-SICS level 0 commands."""

    def __init__(
        self, url: str, baudrate: int = 9600, *, retry_s: float = 0.1, probe_s: float = 0.5
    ) -> None:
        """``retry_s``: pause before asking again after a busy/moving answer;
        ``probe_s``: how long an ``SI`` probe waits when ``S`` got no answer."""
        super().__init__(url, baudrate)
        self.retry_s = retry_s
        self.probe_s = probe_s

    def _ask(self, port: serial.SerialBase, command: str, deadline: float) -> Weight | None | str:
        """Send a weighing command; the Weight, None when busy, or "" at the deadline."""
        self._send(port, command)
        line = self._line(port, deadline)
        if line is None and self._buffer:
            # A reply the deadline cut is usually still arriving (a busy machine, a slow
            # link): give it the time a line takes before calling it garbage.
            line = self._line(port, time.monotonic() + LINE_GRACE_S)
            if line is None:
                self._garbage_tail()
        if line is None:
            return ""
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
                if answer == "":
                    break
                last = answer or last
                if time.monotonic() + self.retry_s >= deadline:
                    break
                time.sleep(self.retry_s)
            if not self._heard:
                # "S" waits for stability and may stay silent while the load moves:
                # ask for the immediate weight to tell "moving" from "not there".
                answer = self._ask(port, "SI", time.monotonic() + self.probe_s)
                if answer == "":
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
                if answer == "" and not self._heard:
                    raise self._silent(timeout_s)
                if answer == "" or time.monotonic() + self.retry_s >= deadline:
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


# --------------------------------------------------------------------------- continuous


class ContinuousScale(_SerialScale):
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


# --------------------------------------------------------------------------- fake


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
