"""The hand-over desk (交接): scan every parcel as the carrier takes it.

The count of parcels handed over is the biggest thing on the screen (the driver
signs for it); below it the last parcels, newest first.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QListWidget, QVBoxLayout, QWidget

from app.domain import scan as sc
from app.domain.carriers import CARRIERS
from app.services.shipping import HandOver
from ui.viewmodels.handover import HandOverModel
from ui.widgets import theme
from ui.widgets.feedback import Feedback, FeedbackBanner


class HandOverScreen(QWidget):
    def __init__(
        self, model: HandOverModel, feedback: Feedback, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.banner = FeedbackBanner(feedback)
        self.prompt = QLabel()
        self.carrier_label = QLabel()
        self.carrier = QComboBox()
        self.carrier.addItem("", None)
        for code, (name, *_rest) in CARRIERS.items():
            self.carrier.addItem(f"{name} {code}", code)
        self.count = QLabel("0")
        self.count.setFont(theme.sized_font(self.count, theme.HANDOVER_COUNT, bold=True))
        self.count_caption = QLabel()
        self.recent = QListWidget()
        big = theme.sized_font(self, theme.HANDOVER_TEXT)
        self.recent.setFont(big)
        self.prompt.setFont(big)

        top = QHBoxLayout()
        top.addWidget(self.carrier_label)
        top.addWidget(self.carrier, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.prompt)
        layout.addLayout(top)
        layout.addWidget(self.count)
        layout.addWidget(self.count_caption)
        layout.addWidget(self.recent, 1)
        self._wire()
        self.retranslate()

    def _wire(self) -> None:
        self.model.handed_over.connect(self._on_handed_over)
        self.carrier.currentIndexChanged.connect(
            lambda _i: self.model.set_carrier(self.carrier.currentData())
        )

    def handle_scan(self, meaning: sc.Scan) -> None:
        self.model.handle_scan(meaning)

    def title(self) -> str:
        return self.tr("Hand-over")

    def _on_handed_over(self, parcel: HandOver) -> None:
        self.count.setText(str(len(self.model.parcels)))
        self.recent.insertItem(0, f"{parcel.tracking_no}   {parcel.carrier}   {parcel.order_no}")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.prompt.setText(self.tr("Scan each parcel's waybill as the carrier takes it"))
        self.carrier_label.setText(self.tr("Truck of carrier:"))
        self.carrier.setItemText(0, self.tr("any carrier"))
        self.count_caption.setText(self.tr("parcels handed over at this desk"))
