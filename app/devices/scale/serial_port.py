"""A scale on a serial port (pyserial, or ``loop://`` and pseudo-terminals in tests):
opening, losing, sending a command, reading one line before a deadline."""

from __future__ import annotations

import threading
import time
from typing import NoReturn

import serial

from app.devices.scale.readings import (
    ScaleError,
    ScaleGarbage,
    ScalePortError,
    ScaleSilent,
    ScaleUnstable,
    Weight,
)

__all__ = ["SerialScale"]

_LINE_ENDS = (0x0D, 0x0A)


class SerialScale:
    """What every serial scale shares; the protocols are the subclasses."""

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

    def __enter__(self) -> SerialScale:
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
            while self._buffer and self._buffer[0] in _LINE_ENDS:
                del self._buffer[0]
            cut = next((i for i, b in enumerate(self._buffer) if b in _LINE_ENDS), -1)
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
