"""The station window: who is signed in, at which station, and the screens they may use.

Before sign-in the window shows only the :class:`SignInScreen`. After sign-in it
shows a tab for every registered screen the user's role may use
(:func:`app.domain.permissions.can`). A screen is registered as a :class:`ScreenSpec`
``(key, required_action, factory)``; the factory builds it from the
:class:`StationContext` when somebody signs in, and it is thrown away when they
sign out, so no screen outlives the user it was built for.

Every scan from the :class:`ScanHub` goes to exactly one place: an open modal
dialog that takes scans, else the sign-in screen (nobody signed in), else the
window itself (a badge switches user, ``LOGOUT`` signs out), else the screen in
front. The header shows the station, the user and role, the database, the time
and the language; a red banner says when the database cannot be reached.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import NamedTuple

from PySide6.QtCore import QEvent, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.devices.scale import FakeScale
from app.domain.floor_errors import FloorError
from app.domain.permissions import can
from app.domain.scan import Badge, Command, Scan
from app.services.access import auth
from app.services.access.identity import StationInfo, UserInfo
from app.services.station.registry import ensure_station, heartbeat
from ui.bridges.offline import OFFLINE
from ui.bridges.scanner import ScanHub
from ui.context import StationContext
from ui.i18n.language import LANGUAGES, current_language, switch_language
from ui.i18n.messages import role_label
from ui.screens.sign_in import SignInScreen
from ui.viewmodels.orders_board import describe_error, safe_url

log = logging.getLogger(__name__)

LIVE = "live"  # StationContext.extras key of the ui.bridges.live.LiveUpdates, when there is one
HEARTBEAT_MS = 30_000
RETRY_MS = 5_000

STYLE = """
QWidget#stationHeader { background: #1f2933; }
QWidget#stationHeader QLabel { color: #f5f7fa; }
QLabel#stationName { font-weight: bold; }
QLabel#dbBanner {
    background: #c62828; color: white; padding: 10px 14px; font-weight: bold;
    border-bottom: 3px solid #8e0000;
}
QToolButton#languageButton {
    padding: 4px 12px; color: #f5f7fa; background: transparent;
    border: 1px solid #52606d; border-radius: 4px;
}
QToolButton#languageButton:checked { background: #1d4ed8; color: white; border-radius: 4px; }
QTabBar::tab { padding: 8px 22px; }
"""


class ScreenSpec(NamedTuple):
    """A station screen: ``key`` names it, ``action`` is what :func:`app.domain.permissions.can` must
    allow (None: everyone signed in), ``factory`` builds it. The screen has
    ``title() -> str`` and ``handle_scan(meaning)``."""

    key: str
    action: str | None
    factory: Callable[[StationContext], QWidget]


ScreenEntry = ScreenSpec | tuple[str, str | None, Callable[[StationContext], QWidget]]


def checked_specs(screens: Sequence[ScreenEntry]) -> list[ScreenSpec]:
    """``screens`` as ScreenSpecs; ValueError for an action :func:`app.domain.permissions.can` does not know
    (found when the station starts, not when somebody first signs in)."""
    specs = [ScreenSpec(*spec) for spec in screens]
    for spec in specs:
        if spec.action is not None:
            can("admin", spec.action)
    return specs


class StationWindow(QMainWindow):
    """See the module doc. Call :meth:`start` once shown: it registers the station
    with the database (sign-in waits for that) and starts the heartbeat."""

    signed_in = Signal(object)  # UserInfo
    signed_out = Signal()
    station_ready = Signal(object)  # StationInfo

    def __init__(
        self,
        ctx: StationContext,
        screens: Sequence[ScreenEntry],
        *,
        scan_hub: ScanHub | None = None,
        heartbeat_ms: int | None = HEARTBEAT_MS,
        parent: QWidget | None = None,
    ) -> None:
        specs = checked_specs(screens)
        super().__init__(parent)
        self._ctx = ctx
        self._specs = specs
        self._screens: dict[str, QWidget] = {}
        self._ready = False
        self._db_error: str | None = None
        self.setWindowTitle("wavedesk")
        self.setStyleSheet(STYLE)

        self.sign_in_screen = SignInScreen(ctx)
        self.sign_in_screen.set_ready(False)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.sign_in_screen)
        self.pages.addWidget(self.tabs)

        self.banner = QLabel()
        self.banner.setObjectName("dbBanner")
        self.banner.setWordWrap(True)
        self.banner.hide()

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._header())
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)
        self._heartbeat = QTimer(self)
        if heartbeat_ms:
            self._heartbeat.setInterval(heartbeat_ms)
        self._heartbeat.timeout.connect(self._beat)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self.start)

        self.sign_in_screen.signed_in.connect(self._on_signed_in)
        self.sign_in_screen.database_error.connect(self.show_db_error)
        self.sign_out_button.clicked.connect(self.sign_out)
        self._languages.buttonClicked.connect(self._on_language)
        ctx.feedback.changed.connect(self._on_feedback)
        if scan_hub is not None:
            scan_hub.scanned.connect(self.handle_scan)
        live = ctx.extras.get(LIVE)
        connection = getattr(live, "connection", None)
        if connection is not None:
            connection.connect(self._on_connection)
        offline = ctx.extras.get(
            OFFLINE
        )  # ui.bridges.offline.OfflineLink: working through an outage
        if offline is not None:
            offline.changed.connect(self._render_banner)  # type: ignore[attr-defined]
            offline.conflicts.connect(self._show_conflicts)  # type: ignore[attr-defined]
        self._tick()
        self._clock.start()
        self.retranslate()

    def _header(self) -> QWidget:
        header = QWidget()
        header.setObjectName("stationHeader")
        header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(header)
        row.setContentsMargins(12, 6, 12, 6)
        self.station_label = QLabel()
        self.station_label.setObjectName("stationName")
        font = QFont(self.station_label.font())
        font.setPointSizeF(font.pointSizeF() + 4)
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
        if isinstance(self._ctx.scale, FakeScale):
            # The demo's scale: the packer "puts the parcel on" by typing its weight.
            fake = self._ctx.scale
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
        self._languages = QButtonGroup(self)
        self._languages.setExclusive(True)
        for code, name in LANGUAGES.items():
            button = QToolButton()
            button.setObjectName("languageButton")
            button.setText(name)
            button.setCheckable(True)
            button.setProperty("lang", code)
            self._languages.addButton(button)
            row.addWidget(button)
        row.addSpacing(16)
        self.sign_out_button = QPushButton()
        self.sign_out_button.setObjectName("signOutButton")
        self.sign_out_button.hide()
        row.addWidget(self.sign_out_button)
        return header

    # -- state --------------------------------------------------------------------------

    @property
    def ctx(self) -> StationContext:
        return self._ctx

    @property
    def user(self) -> UserInfo | None:
        return self._ctx.user

    @property
    def ready(self) -> bool:
        """True once the station is registered with the database."""
        return self._ready

    def screen_keys(self) -> list[str]:
        """Keys of the tabs shown now, in tab order."""
        return list(self._screens)

    def screen(self, key: str) -> QWidget | None:
        return self._screens.get(key)

    def current_screen(self) -> QWidget | None:
        """The screen in front: the sign-in screen until somebody signs in."""
        if self._ctx.user is None:
            return self.sign_in_screen
        return self.tabs.currentWidget()

    def show_screen(self, key: str) -> bool:
        screen = self._screens.get(key)
        if screen is None:
            return False
        self.tabs.setCurrentWidget(screen)
        return True

    # -- the station and the database ---------------------------------------------------

    def start(self) -> None:
        """Register the station (by name) on the worker; sign-in opens when that is done.
        Retried every few seconds while the database cannot be reached."""
        ctx = self._ctx
        db, name = ctx.db, ctx.config.station or ctx.station.name
        ctx.background.submit(
            lambda: ensure_station(db, name), self._registered, self._not_registered, owner=self
        )

    def _registered(self, station: StationInfo) -> None:
        self._ctx.station = station
        self._ready = True
        self.sign_in_screen.set_ready(True)
        self.clear_db_error()
        if self._heartbeat.interval() > 0:
            self._heartbeat.start()
        self.retranslate()
        self.station_ready.emit(station)

    def _not_registered(self, exc: Exception) -> None:
        if isinstance(exc, FloorError):  # a bad name: retrying will not help
            self.show_db_error(exc.message)
            return
        self.show_db_error(describe_error(exc))
        self._retry.start()

    def _beat(self) -> None:
        ctx = self._ctx
        db, station_id = ctx.db, ctx.station.id
        ctx.background.submit(
            lambda: heartbeat(db, station_id),
            lambda _at: self.clear_db_error(),
            lambda exc: self.show_db_error(describe_error(exc)),
            owner=self,
        )

    def _on_connection(self, online: bool, detail: str) -> None:
        if online:
            self.clear_db_error()
        else:
            self.show_db_error(detail)

    def show_db_error(self, detail: str) -> None:
        self._db_error = detail
        self._render_banner()

    def clear_db_error(self) -> None:
        self._db_error = None
        self._render_banner()

    def banner_text(self) -> str:
        return "" if self.banner.isHidden() else self.banner.text()

    def _show_conflicts(self, report: object) -> None:
        from ui.dialogs.offline_conflicts import ConflictsDialog  # noqa: PLC0415 - rarely needed

        dialog = ConflictsDialog(report, self)  # type: ignore[arg-type]
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _render_banner(self) -> None:
        offline = self._ctx.extras.get(OFFLINE)
        text = offline.banner_text() if offline is not None else ""  # type: ignore[attr-defined]
        if text:
            self.banner.setText(text)
            self.banner.show()
            return
        if self._db_error is None:
            self.banner.hide()
            self.banner.clear()
            return
        self.banner.setText(
            self.tr(
                "Cannot reach the database — scans may not be saved. Retrying… ({detail})"
            ).format(detail=self._db_error)
        )
        self.banner.show()

    # -- scans --------------------------------------------------------------------------

    def handle_scan(self, meaning: Scan) -> None:
        """Route one scan; see the module doc."""
        modal = QApplication.activeModalWidget()
        if modal is not None and modal is not self:
            take = getattr(modal, "handle_scan", None)
            if callable(take):
                take(meaning)
            else:
                self._ctx.feedback.warn(
                    self.tr("Close the open window first: the scan was not used.")
                )
            return
        user = self._ctx.user
        if user is None:
            self.sign_in_screen.handle_scan(meaning)
            return
        if isinstance(meaning, Command) and meaning.name == "LOGOUT":
            self.sign_out()
            return
        if isinstance(meaning, Badge):
            if meaning.code == user.badge:
                self._ctx.feedback.info(
                    self.tr("{name} is signed in already.").format(name=user.name)
                )
            else:
                self.sign_in_screen.handle_scan(meaning)
            return
        screen = self.tabs.currentWidget()
        take = getattr(screen, "handle_scan", None)
        if callable(take):
            take(meaning)
        else:
            self._ctx.feedback.warn(self.tr("This screen takes no scans."))

    # -- signing in and out -------------------------------------------------------------

    def _on_signed_in(self, user: UserInfo) -> None:
        self._drop_screens()
        self._ctx.user = user
        self._build_screens(user)
        self.pages.setCurrentWidget(self.tabs)
        self.sign_out_button.show()
        self.retranslate()
        self.signed_in.emit(user)

    def sign_in_as(self, user: UserInfo) -> None:
        """Show ``user``'s screens without asking the database (already checked)."""
        self._on_signed_in(user)

    def sign_out(self) -> None:
        """Record the sign-out, drop the user's screens and ask for a badge."""
        user = self._ctx.user
        if user is None:
            return
        ctx = self._ctx
        db, station = ctx.db, ctx.station
        ctx.background.submit(
            lambda: auth.sign_out(db, user, station=station),
            lambda _none: None,
            lambda exc: self.show_db_error(describe_error(exc)),
            owner=self,
        )
        self._drop_screens()
        ctx.user = None
        self.pages.setCurrentWidget(self.sign_in_screen)
        self.sign_out_button.hide()
        ctx.feedback.info(self.tr("{name} signed out. Scan your badge.").format(name=user.name))
        self.retranslate()
        self.signed_out.emit()

    def _build_screens(self, user: UserInfo) -> None:
        for spec in self._specs:
            if spec.action is not None and not can(user.role, spec.action):
                continue
            try:
                screen = spec.factory(self._ctx)
            except Exception as exc:  # one broken screen must not keep the others away
                log.exception("screen %s could not be opened", spec.key)
                screen = QLabel(
                    self.tr("This screen could not be opened: {detail}").format(detail=exc)
                )
                screen.setWordWrap(True)
            self._screens[spec.key] = screen
            self.tabs.addTab(screen, self._title(screen, spec.key))
        if not self.show_screen(self._ctx.station.kind) and self.tabs.count():
            self.tabs.setCurrentIndex(0)

    def _drop_screens(self) -> None:
        self.tabs.clear()
        for screen in self._screens.values():
            screen.hide()
            screen.deleteLater()
        self._screens.clear()

    @staticmethod
    def _title(screen: QWidget, key: str) -> str:
        title = getattr(screen, "title", None)
        return title() if callable(title) else key

    # -- header ---------------------------------------------------------------------------

    def _tick(self) -> None:
        self.clock_label.setText(QTime.currentTime().toString("HH:mm:ss"))

    def _on_feedback(self, _level: str, text: str) -> None:
        if text:
            self.statusBar().showMessage(text, 8000)

    def _on_language(self, button: QAbstractButton) -> None:
        lang = button.property("lang")
        if lang and lang != current_language():
            switch_language(lang)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
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
        for button in self._languages.buttons():
            button.setChecked(button.property("lang") == current_language())
        for index in range(self.tabs.count()):
            widget = self.tabs.widget(index)
            key = next((k for k, w in self._screens.items() if w is widget), "")
            self.tabs.setTabText(index, self._title(widget, key))
        self._render_banner()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self._clock.stop()
        self._heartbeat.stop()
        self._retry.stop()
        super().closeEvent(event)
