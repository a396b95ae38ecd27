"""Live updates on the GUI thread: what other stations changed, and whether the
central database is reachable.

Wraps :class:`app.db.changes.ChangeListener` (its own thread) and re-emits on the
GUI thread through queued signals. A screen connects ``changed`` and refreshes only
when an entity it shows is in the set (``"*"`` means refresh everything).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal, Slot

from app.services.station.link import ChangeListener


def touches(entities: frozenset[str], *wanted: str) -> bool:
    return "*" in entities or any(w in entities for w in wanted)


class LiveUpdates(QObject):
    changed = Signal(object)  # frozenset[str] of entities
    connection = Signal(bool, str)  # reachable, detail
    _changed_from_thread = Signal(object)
    _status_from_thread = Signal(bool, str)

    def __init__(self, url: str, parent: QObject | None = None, *, poll_s: float = 0.2) -> None:
        super().__init__(parent)
        self.online: bool | None = None
        self.detail = ""
        self._changed_from_thread.connect(self._relay_change, Qt.ConnectionType.QueuedConnection)
        self._status_from_thread.connect(self._relay_status, Qt.ConnectionType.QueuedConnection)
        self._listener = ChangeListener(
            url,
            self._changed_from_thread.emit,
            poll_s=poll_s,
            on_status=self._status_from_thread.emit,
        )

    def start(self) -> None:
        self._listener.start()

    def stop(self) -> None:
        self._listener.stop()

    @property
    def ready(self) -> bool:
        return self._listener.ready.is_set()

    @Slot(object)
    def _relay_change(self, entities: frozenset[str]) -> None:
        self.changed.emit(entities)

    @Slot(bool, str)
    def _relay_status(self, online: bool, detail: str) -> None:
        self.online = online
        self.detail = detail
        self.connection.emit(online, detail)
