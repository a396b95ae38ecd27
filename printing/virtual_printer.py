"""A printer that is a folder: a TCP server that takes jobs the way a Zebra does on
port 9100 and keeps each one as a file.

Tests send real bytes over a real socket to it; the demo points a station at it and
shows each saved label. It can be switched off and on again on the same port, as a
printer on the floor is, to show that a job waits and prints when it comes back.
"""

from __future__ import annotations

import logging
import re
import selectors
import socket
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

__all__ = ["VirtualPrinter"]

log = logging.getLogger(__name__)

_JOB_FILE = re.compile(r"(\d{4,})\.(zpl|pdf)")
_TICK_S = 0.1  # how often a waiting socket checks whether the printer was switched off


class VirtualPrinter:
    """See the module doc. ``jobs`` holds every job received since construction (in
    order, across restarts); each is also saved as ``NNNN.zpl`` / ``NNNN.pdf``.

    ``on_job(number, document, path)`` is called on the printer's thread after each
    job was saved. A client silent for ``idle_timeout_s`` is dropped, its bytes kept
    as nothing: a job counts only when the sender closes the connection.
    """

    def __init__(
        self,
        folder: str | Path,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        on_job: Callable[[int, bytes, Path], None] | None = None,
        idle_timeout_s: float = 30.0,
    ) -> None:
        self.folder = Path(folder)
        self.host = host
        self.port = port
        self.on_job = on_job
        self.idle_timeout_s = idle_timeout_s
        self.jobs: list[bytes] = []
        self.files: list[Path] = []
        self._cond = threading.Condition()
        self._stop = threading.Event()
        self._listener: socket.socket | None = None
        self._thread: threading.Thread | None = None

    # -- switch ---------------------------------------------------------------------

    @property
    def address(self) -> tuple[str, int]:
        """(host, port); the port is the real one once started."""
        return self.host, self.port

    @property
    def uri(self) -> str:
        return f"tcp://{self.host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> VirtualPrinter:
        """Listen (again) — on the port of the first start, so a station's printer
        address stays valid across off and on."""
        if self.running:
            return self
        self.folder.mkdir(parents=True, exist_ok=True)
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            listener.bind((self.host, self.port))
            listener.listen(8)
        except OSError:
            listener.close()
            raise
        self.port = listener.getsockname()[1]
        self._listener = listener
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._serve, name=f"virtual-printer-{self.port}", daemon=True
        )
        self._thread.start()
        return self

    def stop(self, timeout_s: float = 5.0) -> None:
        """Switch off: stop listening and drop a job being received (its bytes are
        not kept, as a printer losing power mid-job)."""
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout_s)
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()

    def __enter__(self) -> VirtualPrinter:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- what it got ----------------------------------------------------------------

    def wait_for(self, n: int, timeout_s: float) -> bool:
        """Wait until at least ``n`` jobs have been received; False on timeout."""
        with self._cond:
            return self._cond.wait_for(lambda: len(self.jobs) >= n, timeout_s)

    # -- server thread --------------------------------------------------------------

    def _serve(self) -> None:
        listener = self._listener
        assert listener is not None
        with selectors.DefaultSelector() as sel:
            sel.register(listener, selectors.EVENT_READ)
            while not self._stop.is_set():
                if not sel.select(_TICK_S):
                    continue
                try:
                    conn, _peer = listener.accept()
                except OSError:
                    continue
                with conn:
                    document = self._receive(conn)
                    if document:
                        # Saved before the close the sender waits for, so once a send
                        # returns the job is on disk and in ``jobs``.
                        self._keep(document)

    def _receive(self, conn: socket.socket) -> bytes | None:
        """Everything until the sender closes; None if switched off or the sender
        went silent first. Jobs are taken one at a time, as a printer does."""
        conn.settimeout(_TICK_S)
        chunks: list[bytes] = []
        silent = 0.0
        while not self._stop.is_set():
            try:
                chunk = conn.recv(65536)
            except TimeoutError:
                silent += _TICK_S
                if silent >= self.idle_timeout_s:
                    log.warning("virtual printer: sender silent, connection dropped")
                    return None
                continue
            except OSError:
                return None
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            silent = 0.0
        return None

    def _keep(self, document: bytes) -> None:
        number = self._next_number()
        path = self.folder / f"{number:04d}.{'pdf' if document.startswith(b'%PDF') else 'zpl'}"
        tmp = path.with_name(f".{path.name}.part")
        tmp.write_bytes(document)
        tmp.replace(path)
        with self._cond:
            self.jobs.append(document)
            self.files.append(path)
            self._cond.notify_all()
        if self.on_job is not None:
            try:
                self.on_job(number, document, path)
            except Exception:  # noqa: BLE001 - a viewer's bug must not switch the printer off
                log.exception("virtual printer: on_job failed")

    def _next_number(self) -> int:
        """One past the highest job file in the folder, so a restarted demo never
        overwrites an earlier label."""
        found = (_JOB_FILE.fullmatch(p.name) for p in self.folder.iterdir())
        return max((int(m.group(1)) for m in found if m), default=0) + 1
