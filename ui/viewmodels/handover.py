"""View-model of the hand-over desk (交接): each scanned waybill leaves with the carrier.

Scans are applied one at a time in the order they came (a queue, as on the other
screens); the answer is told to the station's feedback (a refusal in the words of the
one catalog, :mod:`ui.i18n.messages`), and the list of parcels handed over at this desk
since it opened grows on screen.
"""

from __future__ import annotations

from collections import deque
from datetime import datetime

from PySide6.QtCore import QObject, Signal

from app.domain import scan as sc
from app.domain.floor_errors import FloorError
from app.services.shipping import HandOver, hand_over
from ui.context import StationContext
from ui.i18n.messages import floor_text
from ui.widgets.feedback import Level


class HandOverModel(QObject):
    handed_over = Signal(object)  # HandOver
    carrier_changed = Signal(str)

    def __init__(self, ctx: StationContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._queue: deque[str] = deque()
        self._in_flight = False
        self.carrier: str | None = None  # the truck being loaded; None takes any carrier
        self.since = datetime.now().astimezone()
        self.parcels: list[HandOver] = []

    @property
    def busy(self) -> bool:
        return self._in_flight or bool(self._queue)

    def set_carrier(self, carrier: str | None) -> None:
        self.carrier = carrier or None
        self.carrier_changed.emit(self.carrier or "")

    def handle_scan(self, meaning: sc.Scan) -> None:
        # Numeric waybills (ZTO, Yunda …) can also read as product or order numbers;
        # at this desk every code is taken as a waybill and the service looks it up.
        if isinstance(meaning, sc.Tracking):
            self._queue.append(meaning.number)
        elif isinstance(meaning, sc.Product):
            self._queue.append(meaning.barcode)
        elif isinstance(meaning, sc.Order):
            self._queue.append(meaning.order_no)
        elif isinstance(meaning, sc.Unknown) and meaning.text:
            self._queue.append(meaning.text)
        else:
            self._ctx.feedback.bad(self.tr("Scan the waybill barcode on the parcel"))
            return
        self._pump()

    def _pump(self) -> None:
        if self._in_flight or not self._queue:
            return
        number = self._queue.popleft()
        db, actor, carrier, since = self._ctx.db, self._ctx.actor, self.carrier, self.since
        self._in_flight = True
        self._ctx.background.submit(
            lambda: hand_over(db, actor, number, carrier=carrier, since=since),
            self._on_done,
            self._on_error,
            owner=self,
        )

    def _on_done(self, result: HandOver) -> None:
        self._in_flight = False
        if result.already:
            self._ctx.feedback.warn(
                self.tr("{number} was already handed over").format(number=result.tracking_no)
            )
        else:
            self.parcels.append(result)
            self._ctx.feedback.good(
                self.tr("{number} → {carrier} ({count} today)").format(
                    number=result.tracking_no, carrier=result.carrier, count=result.carrier_count
                )
            )
            self.handed_over.emit(result)
        self._pump()

    def _on_error(self, exc: Exception) -> None:
        self._in_flight = False
        if isinstance(exc, FloorError):
            self._ctx.feedback.show(Level.BAD, floor_text(exc))
        else:
            self._ctx.feedback.bad(
                self.tr("Database problem: {detail}").format(detail=str(exc).splitlines()[0])
            )
        self._pump()
