"""A serial (RS-232 / USB-CDC) bar-code scanner read on a worker thread.

The scanner sends one code per line, ended by CR, LF or CR LF, possibly with
an AIM symbology identifier in front (``]C0…``), which :func:`app.domain.scan.classify`
strips later. :class:`SerialScanner` hands each line to ``on_scan`` and every
problem to ``on_error`` as a sentence for the operator. Both callbacks run on
the worker thread: a Qt caller forwards them to the GUI thread with a signal.

When the port cannot be opened or disappears (USB scanner unplugged), the
reader reports it and tries again with growing pauses (``backoff_s``) until
the port is back or :meth:`SerialScanner.stop` is called. ``url`` is anything
``serial.serial_for_url`` accepts: ``/dev/ttyUSB0``, ``COM3``, ``loop://`` and
``rfc2217://host:port`` included.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from types import TracebackType

import serial

log = logging.getLogger(__name__)

DEFAULT_BACKOFF_S: tuple[float, ...] = (0.5, 1.0, 2.0, 5.0, 10.0)
MAX_LINE_BYTES = 4096


def split_lines(buffer: bytearray) -> list[bytes]:
    """Remove and return the complete lines at the front of ``buffer``.

    A line ends at CR, LF or CR LF; empty lines (the LF of a CR LF pair, blank
    lines) are dropped. The unfinished tail stays in ``buffer``.
    """
    lines: list[bytes] = []
    start = 0
    for i, byte in enumerate(buffer):
        if byte in (0x0D, 0x0A):
            if i > start:
                lines.append(bytes(buffer[start:i]))
            start = i + 1
    del buffer[:start]
    return lines


class SerialScanner:
    """Read scans from a serial port on a daemon thread; :meth:`start` and :meth:`stop` it."""

    def __init__(
        self,
        url: str,
        on_scan: Callable[[str], None],
        on_error: Callable[[str], None],
        baudrate: int = 9600,
        *,
        encoding: str = "utf-8",
        backoff_s: Sequence[float] = DEFAULT_BACKOFF_S,
        idle_end_s: float | None = None,
        poll_s: float = 0.2,
    ) -> None:
        """``idle_end_s``: for a scanner that sends no terminator, a line also ends
        after this much silence. ``poll_s`` bounds how long :meth:`stop` waits for a read."""
        if not backoff_s or any(b <= 0 for b in backoff_s):
            raise ValueError("backoff_s needs at least one positive pause")
        self.url = url
        self.baudrate = baudrate
        self.encoding = encoding
        self._on_scan = on_scan
        self._on_error = on_error
        self._backoff = tuple(backoff_s)
        self._idle_end_s = idle_end_s
        self._poll_s = poll_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._port: serial.SerialBase | None = None
        self._connected = threading.Event()
        self._got_data = False

    # ------------------------------------------------------------------ control

    def start(self) -> None:
        """Start the reader thread (once)."""
        with self._lock:
            if self._thread is not None:
                raise RuntimeError(f"scanner on {self.url} already started")
            self._stop.clear()
            self._thread = threading.Thread(
                target=self._run, name=f"scanner {self.url}", daemon=True
            )
            self._thread.start()

    def stop(self, timeout_s: float = 5.0) -> None:
        """Stop reading, close the port and wait for the thread to end."""
        self._stop.set()
        with self._lock:
            thread, port = self._thread, self._port
        if port is not None:
            try:
                port.cancel_read()
            except Exception:  # the port may be half closed already
                pass
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout_s)
            if thread.is_alive():
                log.warning("scanner thread on %s did not stop within %s s", self.url, timeout_s)
        with self._lock:
            self._thread = None

    def __enter__(self) -> SerialScanner:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        thread = self._thread
        return thread is not None and thread.is_alive()

    @property
    def connected(self) -> bool:
        """True while the port is open."""
        return self._connected.is_set()

    def wait_connected(self, timeout_s: float) -> bool:
        """Block until the port is open (for tests and start-up checks)."""
        return self._connected.wait(timeout_s)

    @property
    def port(self) -> serial.SerialBase | None:
        """The open port, or None; tests write to a ``loop://`` port through it."""
        return self._port

    # ------------------------------------------------------------------ worker

    def _report(self, message: str) -> None:
        try:
            self._on_error(message)
        except Exception:  # a broken callback must not kill the reader
            log.exception("on_error callback failed for %r", message)

    def _deliver(self, line: bytes) -> None:
        text = line.decode(self.encoding, errors="replace")
        try:
            self._on_scan(text)
        except Exception as exc:
            log.exception("on_scan callback failed for %r", text)
            self._report(f"scanner on {self.url}: handling scan {text!r} failed: {exc}")

    def _open(self) -> serial.SerialBase:
        port = serial.serial_for_url(self.url, baudrate=self.baudrate, timeout=self._poll_s)
        with self._lock:
            self._port = port
        self._connected.set()
        return port

    def _close(self) -> None:
        self._connected.clear()
        with self._lock:
            port, self._port = self._port, None
        if port is not None:
            try:
                port.close()
            except Exception:
                log.debug("closing %s failed", self.url, exc_info=True)

    def _pause(self, failures: int) -> float:
        return self._backoff[min(failures, len(self._backoff) - 1)]

    def _run(self) -> None:
        failures = 0  # consecutive attempts that ended without a byte read
        while not self._stop.is_set():
            try:
                port = self._open()
            except (serial.SerialException, OSError, ValueError) as exc:
                pause = self._pause(failures)
                failures += 1
                self._report(
                    f"cannot open the scanner port {self.url}: {exc} — "
                    f"is it plugged in and free? trying again in {pause:g} s"
                )
                self._stop.wait(pause)
                continue
            self._got_data = False
            try:
                self._read(port)
            except (serial.SerialException, OSError) as exc:
                if self._stop.is_set():
                    break
                failures = 0 if self._got_data else failures
                pause = self._pause(failures)
                failures += 1
                self._close()
                self._report(f"lost the scanner on {self.url}: {exc} — reconnecting in {pause:g} s")
                self._stop.wait(pause)
            finally:
                self._close()

    def _read(self, port: serial.SerialBase) -> None:
        buffer = bytearray()
        last_byte = time.monotonic()
        while not self._stop.is_set():
            waiting = port.in_waiting
            chunk = port.read(max(1, min(waiting, 1024)))
            now = time.monotonic()
            if chunk:
                self._got_data = True
                buffer += chunk
                last_byte = now
                for line in split_lines(buffer):
                    self._deliver(line)
                if len(buffer) > MAX_LINE_BYTES:
                    self._report(
                        f"scanner on {self.url} sent {len(buffer)} bytes without a line end; "
                        "discarded (is it set to end codes with CR or LF?)"
                    )
                    buffer.clear()
            elif buffer and self._idle_end_s is not None and now - last_byte >= self._idle_end_s:
                self._deliver(bytes(buffer))
                buffer.clear()
