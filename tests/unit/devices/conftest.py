"""Pseudo-terminal pairs standing in for serial devices: the code under test opens
the slave path as a serial port, the test plays the device on the master end."""

from __future__ import annotations

import os
import select
import threading
import tty
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Self

import pytest


@dataclass
class PtyPair:
    master: int
    slave: int  # kept open by the test so the master never sees a hang-up
    path: str

    def write(self, data: bytes) -> None:
        os.write(self.master, data)

    def unplug(self) -> None:
        """Close the device end: the port's reader sees the line hang up."""
        if self.master >= 0:
            os.close(self.master)
            self.master = -1

    def close(self) -> None:
        self.unplug()
        if self.slave >= 0:
            os.close(self.slave)
            self.slave = -1


def open_pty() -> PtyPair:
    master, slave = os.openpty()
    tty.setraw(slave)  # no echo, no CR/LF translation even before pyserial sets it up
    return PtyPair(master, slave, os.ttyname(slave))


@pytest.fixture
def make_pty() -> Iterator[Callable[[], PtyPair]]:
    """Open pty pairs on demand (several per test); all are closed afterwards."""
    pairs: list[PtyPair] = []

    def make() -> PtyPair:
        pairs.append(open_pty())
        return pairs[-1]

    yield make
    for pair in pairs:
        pair.close()


@pytest.fixture
def pty_pair(make_pty: Callable[[], PtyPair]) -> PtyPair:
    return make_pty()


class _Playing:
    """A device played on the master end by a thread of its own, from ``with`` (or
    ``__enter__``) until ``__exit__``."""

    def __init__(self, pair: PtyPair) -> None:
        self.pair = pair
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run, name=f"pty-{type(self).__name__}", daemon=True
        )

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(5)

    def _run(self) -> None:
        raise NotImplementedError


class PtyDevice(_Playing):
    """Plays a command/answer device (an MT-SICS scale): every line received on the
    master end is recorded and answered with ``respond(line)`` (None: stay silent)."""

    def __init__(self, pair: PtyPair, respond: Callable[[str], bytes | None]) -> None:
        super().__init__(pair)
        self.respond = respond
        self.received: list[str] = []

    def _run(self) -> None:
        buffer = b""
        while not self._stop.is_set():
            ready, _, _ = select.select([self.pair.master], [], [], 0.05)
            if not ready:
                continue
            try:
                buffer += os.read(self.pair.master, 1024)
            except OSError:
                return
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                text = line.rstrip(b"\r").decode("ascii", "replace")
                self.received.append(text)
                answer = self.respond(text)
                if answer is not None:
                    os.write(self.pair.master, answer)


class PtyStreamer(_Playing):
    """Plays a continuously sending device: writes ``lines`` one after another every
    ``period_s``, repeating the last one until stopped."""

    def __init__(self, pair: PtyPair, lines: Iterable[bytes], period_s: float = 0.02) -> None:
        super().__init__(pair)
        self.lines = list(lines)
        self.period_s = period_s

    def _run(self) -> None:
        # Non-blocking, so a full pty buffer (nobody reading) cannot hang the thread.
        os.set_blocking(self.pair.master, False)
        i = 0
        while not self._stop.is_set():
            line = self.lines[min(i, len(self.lines) - 1)]
            try:
                os.write(self.pair.master, line)
            except BlockingIOError:
                pass
            except OSError:
                return
            i += 1
            self._stop.wait(self.period_s)


@pytest.fixture
def answering(pty_pair: PtyPair) -> Iterator[Callable[[Callable[[str], bytes | None]], PtyDevice]]:
    """``answering(respond)`` starts a PtyDevice on ``pty_pair``; stopped afterwards."""
    devices: list[PtyDevice] = []

    def start(respond: Callable[[str], bytes | None]) -> PtyDevice:
        devices.append(PtyDevice(pty_pair, respond).__enter__())
        return devices[-1]

    yield start
    for device in devices:
        device.__exit__()


@pytest.fixture
def streaming(pty_pair: PtyPair) -> Iterator[Callable[..., PtyStreamer]]:
    """``streaming(lines, period_s=…)`` starts a PtyStreamer on ``pty_pair``."""
    streamers: list[PtyStreamer] = []

    def start(lines: Iterable[bytes], period_s: float = 0.02) -> PtyStreamer:
        streamers.append(PtyStreamer(pty_pair, lines, period_s).__enter__())
        return streamers[-1]

    yield start
    for streamer in streamers:
        streamer.__exit__()
