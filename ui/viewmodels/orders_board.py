"""View-model of the orders board (订单看板).

Holds the ``Database``; every query runs inside a function handed to
:class:`ui.bridges.background.Background`, and results come back as signals carrying plain
data (the dicts of ``app.services.orders.lookup``). A QTimer refreshes the board every few
seconds so that work done at other stations shows up on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.services.orders import OrderNotFound, list_orders, order_detail, status_counts
from app.services.station.link import Database, safe_url
from app.services.station.link import describe_db_error as describe_error
from ui.bridges.background import Background
from ui.bridges.live import touches
from ui.viewmodels.refresh_timer import RefreshTimer, Ticking

DEFAULT_INTERVAL_MS = 5000
DEFAULT_LIMIT = 1000

OrderKey = tuple[str, str]  # (order_no, store)


@dataclass(frozen=True, slots=True)
class _Snapshot:
    status: str | None
    counts: dict[str, int]
    orders: list[dict[str, Any]]
    selected: OrderKey | None
    detail: dict[str, Any] | None


class OrdersBoardModel(QObject, Ticking):
    """Counts by status, the list of orders (optionally filtered by status) and the
    detail of the selected order.

    ``refresh(status)`` changes the filter (None: all orders) and reloads; the timer
    reloads with the current filter, skipping a tick while a reload is still running.
    """

    counts_changed = Signal(dict)
    orders_changed = Signal(list)
    detail_changed = Signal(dict)  # {} when nothing is selected
    error = Signal(str)

    def __init__(
        self,
        db: Database,
        background: Background,
        *,
        interval_ms: int | None = DEFAULT_INTERVAL_MS,
        limit: int = DEFAULT_LIMIT,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._background = background
        self._limit = limit
        self._status: str | None = None
        self._selected: OrderKey | None = None
        self._in_flight = 0
        self._timer = RefreshTimer(self.reload, interval_ms, self)

    @classmethod
    def open(cls, db_url: str, background: Background, **kwargs: Any) -> OrdersBoardModel:
        """A model on a new ``Database`` for ``db_url`` (no connection is made yet)."""
        return cls(Database(db_url), background, **kwargs)

    # -- state ----------------------------------------------------------------------

    @property
    def status(self) -> str | None:
        return self._status

    @property
    def selected(self) -> OrderKey | None:
        return self._selected

    @property
    def limit(self) -> int:
        return self._limit

    @property
    def database_label(self) -> str:
        return safe_url(self._db.url)

    @property
    def busy(self) -> bool:
        return self._in_flight > 0

    def dispose(self) -> None:
        """Stop refreshing and close the database's connections. Call after the
        background worker has been shut down."""
        self._timer.stop()
        self._db.dispose()

    # -- commands -------------------------------------------------------------------

    def refresh(self, status: str | None = None) -> None:
        """Show orders with ``status`` (None: all) and reload counts, list and detail."""
        self._status = status or None
        self._submit_refresh()

    def reload(self) -> None:
        """Reload with the current filter, unless a reload is already under way."""
        if self._in_flight:
            return
        self._submit_refresh()

    def on_changes(self, entities: frozenset[str]) -> None:
        """Another station changed orders: show it now, not at the next poll."""
        if touches(entities, "order", "shipment"):
            self.reload()

    def select(self, order_no: str, store: str) -> None:
        key = (order_no, store)
        self._selected = key
        db = self._db
        self._background.submit(
            lambda: _detail_or_none(db, key), self._on_detail(key), self._on_error, owner=self
        )

    def clear_selection(self) -> None:
        self._selected = None
        self.detail_changed.emit({})

    # -- background work ------------------------------------------------------------

    def _submit_refresh(self) -> None:
        db, status, selected, limit = self._db, self._status, self._selected, self._limit

        def work() -> _Snapshot:
            counts = status_counts(db)
            orders = list_orders(db, status, limit)
            detail = _detail_or_none(db, selected) if selected else None
            return _Snapshot(status, counts, orders, selected, detail)

        self._in_flight += 1
        self._background.submit(work, self._on_snapshot, self._on_refresh_error)

    def _on_snapshot(self, snap: _Snapshot) -> None:
        self._in_flight -= 1
        self.counts_changed.emit(snap.counts)
        if snap.status == self._status:  # else a newer filter's result is on its way
            self.orders_changed.emit(snap.orders)
        if snap.selected is not None and snap.selected == self._selected:
            self._emit_detail(snap.selected, snap.detail)

    def _on_refresh_error(self, exc: Exception) -> None:
        self._in_flight -= 1
        self._on_error(exc)

    def _on_detail(self, key: OrderKey) -> Any:
        def done(detail: dict[str, Any] | None) -> None:
            if key == self._selected:
                self._emit_detail(key, detail)

        return done

    def _emit_detail(self, key: OrderKey, detail: dict[str, Any] | None) -> None:
        if detail is None:  # the order is gone (or was never there)
            self._selected = None
            self.detail_changed.emit({})
        else:
            self.detail_changed.emit(detail)

    def _on_error(self, exc: Exception) -> None:
        self.error.emit(describe_error(exc))


def _detail_or_none(db: Database, key: OrderKey) -> dict[str, Any] | None:
    try:
        return order_detail(db, key[0], key[1])
    except OrderNotFound:
        return None
