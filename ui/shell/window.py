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
from typing import NamedTuple, overload

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QScreen
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.floor_errors import FloorError
from app.domain.permissions import can
from app.domain.scan import Badge, Command, Scan
from app.services.access import auth
from app.services.access.identity import StationInfo, UserInfo
from app.services.station.registry import ensure_station, heartbeat
from app.services.station.replay import ReplayReport
from ui.bridges.offline import OFFLINE, OfflineLink
from ui.bridges.scanner import ScanHub
from ui.context import StationContext
from ui.i18n.messages import floor_text
from ui.screens.sign_in import SignInScreen
from ui.shell.header import HEADER_STYLE, StationHeader
from ui.viewmodels.orders_board import describe_error
from ui.widgets import theme

log = logging.getLogger(__name__)

LIVE = "live"  # StationContext.extras key of the ui.bridges.live.LiveUpdates, when there is one
HEARTBEAT_MS = 30_000
RETRY_MS = 5_000

STYLE = HEADER_STYLE + theme.qss("""
QLabel#dbBanner {
    background: $BAD; color: $ON_BAD; padding: 10px 14px; font-weight: bold;
    border-bottom: 3px solid $BAD_EDGE;
}
QTabBar::tab { padding: 8px 22px; }
""")


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
        self.header = StationHeader(ctx)
        # The header's widgets that the tests and the demo reach through the window.
        self.station_label = self.header.station_label
        self.user_label = self.header.user_label
        self.scale_spin = self.header.scale_spin
        self.sign_out_button = self.header.sign_out_button
        self._languages = self.header.languages
        layout.addWidget(self.header)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

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
        ctx.feedback.changed.connect(self._on_feedback)
        if scan_hub is not None:
            scan_hub.scanned.connect(self.handle_scan)
        live = ctx.extras.get(LIVE)
        connection = getattr(live, "connection", None)
        if connection is not None:
            connection.connect(self._on_connection)
        offline = ctx.extras.get(OFFLINE)  # working through an outage
        if isinstance(offline, OfflineLink):
            offline.changed.connect(self._render_banner)
            offline.conflicts.connect(self._show_conflicts)
        self.retranslate()

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

    @overload
    def screen(self) -> QScreen: ...
    @overload
    def screen(self, key: str) -> QWidget | None: ...
    def screen(self, key: str | None = None) -> QScreen | QWidget | None:
        """The screen of ``key``, None when it is not shown; without a key, Qt's
        ``QWidget.screen()`` (the monitor the window is on), which this name hides."""
        if key is None:
            return super().screen()
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
            self.show_db_error(floor_text(exc))
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

    def _show_conflicts(self, report: ReplayReport) -> None:
        from ui.dialogs.offline_conflicts import ConflictsDialog  # noqa: PLC0415 - rarely needed

        dialog = ConflictsDialog(report, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _render_banner(self) -> None:
        offline = self._ctx.extras.get(OFFLINE)
        text = offline.banner_text() if isinstance(offline, OfflineLink) else ""
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

    def _on_feedback(self, _level: str, text: str) -> None:
        if text:
            self.statusBar().showMessage(text, 8000)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.header.retranslate()
        for index in range(self.tabs.count()):
            widget = self.tabs.widget(index)
            if widget is None:
                continue
            key = next((k for k, w in self._screens.items() if w is widget), "")
            self.tabs.setTabText(index, self._title(widget, key))
        self._render_banner()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.header.stop()
        self._heartbeat.stop()
        self._retry.stop()
        super().closeEvent(event)
