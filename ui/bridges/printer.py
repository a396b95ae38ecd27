"""The station's printer: a :class:`app.services.printing.spooler.Spooler` for this station's jobs,
started once the station is registered, and its news on the GUI thread.

Labels are rows first (``print_jobs``); the spooler sends them on its own thread and
retries while a printer is off. Screens that queue a label call :meth:`wake` so it
prints at once instead of at the next poll; the print-jobs screen listens to
``changed``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal, Slot

from app.services.printing import Spooler
from app.services.station.link import Database

SPOOLER = "spooler"  # StationContext.extras key


class StationPrinter(QObject):
    changed = Signal()
    _changed_from_thread = Signal()

    def __init__(self, db: Database, parent: QObject | None = None, *, poll_s: float = 1.0) -> None:
        super().__init__(parent)
        self._db = db
        self._poll_s = poll_s
        self._spooler: Spooler | None = None
        self._changed_from_thread.connect(self._relay, Qt.ConnectionType.QueuedConnection)

    @property
    def spooler(self) -> Spooler | None:
        return self._spooler

    def start(self, station_id: int) -> None:
        if self._spooler is not None:
            return
        self._spooler = Spooler(
            self._db, station_id, on_change=self._changed_from_thread.emit, poll_s=self._poll_s
        ).start()

    def wake(self) -> None:
        if self._spooler is not None:
            self._spooler.wake()

    def stop(self, timeout: float = 10.0) -> None:
        if self._spooler is not None:
            self._spooler.stop(timeout)
            self._spooler = None

    @Slot()
    def _relay(self) -> None:
        self.changed.emit()
