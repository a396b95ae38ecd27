"""The station window's header: the station, who is signed in, the database, the
demo's virtual scale, the clock, the language buttons and Sign out."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTime, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QToolButton,
    QWidget,
)

from app.devices.scale import FakeScale
from ui.context import StationContext
from ui.i18n.language import LANGUAGES, current_language, switch_language
from ui.i18n.messages import role_label
from ui.viewmodels.orders_board import safe_url
from ui.widgets import theme

# Set on the window: the header's labels and buttons take it from there.
HEADER_STYLE = theme.qss("""
QWidget#stationHeader { background: $HEADER; }
QWidget#stationHeader QLabel { color: $ON_HEADER; }
QLabel#stationName { font-weight: bold; }
QToolButton#languageButton {
    padding: 4px 12px; color: $ON_HEADER; background: transparent;
    border: 1px solid $HEADER_EDGE; border-radius: 4px;
}
QToolButton#languageButton:checked { background: $ACCENT; color: $ON_ACCENT; border-radius: 4px; }
""")


class StationHeader(QWidget):
    """See the module doc. The window calls :meth:`retranslate` when the station or the
    user changes; the clock ticks by itself until :meth:`stop`."""

    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setObjectName("stationHeader")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 12, 6)
        self.station_label = QLabel()
        self.station_label.setObjectName("stationName")
        font = theme.stepped_font(self.station_label, theme.HEADER_STEP)
        self.station_label.setFont(font)
        self.user_label = QLabel()
        self.user_label.setFont(font)
        self.database_label = QLabel()
        self.clock_label = QLabel()
        self.clock_label.setFont(font)
        row.addWidget(self.station_label)
        row.addSpacing(24)
        row.addWidget(self.user_label)
        row.addSpacing(24)
        row.addWidget(self.database_label)
        row.addStretch(1)

        self.scale_spin: QSpinBox | None = None
        self.scale_label = QLabel()
        if isinstance(ctx.scale, FakeScale):
            # The demo's scale: the packer "puts the parcel on" by typing its weight.
            fake = ctx.scale
            self.scale_spin = QSpinBox()
            self.scale_spin.setObjectName("virtualScale")
            self.scale_spin.setRange(0, 100_000)
            self.scale_spin.setSingleStep(50)
            self.scale_spin.setSuffix(" g")
            self.scale_spin.setValue(fake.read_now().weight_g)
            self.scale_spin.valueChanged.connect(lambda grams: fake.put(int(grams)))
            row.addWidget(self.scale_label)
            row.addWidget(self.scale_spin)
            row.addSpacing(16)

        row.addWidget(self.clock_label)
        row.addSpacing(16)
        self.languages = QButtonGroup(self)
        self.languages.setExclusive(True)
        for code, name in LANGUAGES.items():
            button = QToolButton()
            button.setObjectName("languageButton")
            button.setText(name)
            button.setCheckable(True)
            button.setProperty("lang", code)
            self.languages.addButton(button)
            row.addWidget(button)
        row.addSpacing(16)
        self.sign_out_button = QPushButton()
        self.sign_out_button.setObjectName("signOutButton")
        self.sign_out_button.hide()
        row.addWidget(self.sign_out_button)

        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._wire()
        self._tick()
        self._clock.start()
        self.retranslate()

    def _wire(self) -> None:
        """Every connection of the header, in one place (Sign out is the window's)."""
        self._clock.timeout.connect(self._tick)
        self.languages.buttonClicked.connect(self._on_language)

    def stop(self) -> None:
        self._clock.stop()

    def _tick(self) -> None:
        self.clock_label.setText(QTime.currentTime().toString("HH:mm:ss"))

    def _on_language(self, button: QAbstractButton) -> None:
        lang = button.property("lang")
        if lang and lang != current_language():
            switch_language(lang)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """The station, the user and the database as they are now, in the station's language."""
        station = self._ctx.station
        where = f" · {station.warehouse_code}" if station.warehouse_code else ""
        self.station_label.setText(f"{station.name}{where}")
        user = self._ctx.user
        self.user_label.setText(
            self.tr("{name} · {role}").format(name=user.name, role=role_label(user.role))
            if user
            else self.tr("Nobody signed in")
        )
        self.database_label.setText(
            self.tr("Database: {url}").format(url=safe_url(self._ctx.db.url))
        )
        self.scale_label.setText(self.tr("Virtual scale"))
        self.sign_out_button.setText(self.tr("Sign out"))
        for button in self.languages.buttons():
            button.setChecked(button.property("lang") == current_language())
