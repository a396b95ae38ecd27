"""The first screen of every station: scan your badge (工牌) to sign in.

A badge scan (or a badge number typed for a worn-out badge) is checked by
:func:`app.services.access.auth.sign_in` on the database worker; the screen answers in
green with the person's name, or in red with a low buzz. ``signed_in(UserInfo)``
tells the station window who is here.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.floor_errors import FloorError
from app.domain.scan import Badge, Scan, Unknown
from app.services.access import auth
from app.services.access.identity import UserInfo
from ui.context import StationContext
from ui.i18n.messages import auth_message, role_label
from ui.viewmodels.orders_board import describe_error
from ui.widgets import theme
from ui.widgets.code_field import code_field
from ui.widgets.feedback import FeedbackBanner


class SignInScreen(QWidget):
    """Badge sign-in; see the module doc. ``set_ready(False)`` while the station has
    not registered with the database yet (sign-in would have no station to record)."""

    signed_in = Signal(object)  # UserInfo
    database_error = Signal(str)  # the database could not be asked

    def __init__(self, ctx: StationContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signInScreen")
        self._ctx = ctx
        self._ready = True
        self._attempts = itertools.count(1)
        self._current = 0

        self.prompt = QLabel()
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        big = QFont(self.font())
        big.setPointSizeF(theme.SIGN_IN_PROMPT)
        big.setBold(True)
        self.prompt.setFont(big)
        self.station_label = QLabel()
        self.station_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner = FeedbackBanner(ctx.feedback)

        self.badge_edit = code_field(QLineEdit())
        self.badge_edit.setObjectName("badgeEdit")
        self.badge_edit.setMaxLength(64)
        self.sign_in_button = QPushButton()
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.badge_edit, 2)
        row.addWidget(self.sign_in_button)
        row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.prompt)
        layout.addWidget(self.station_label)
        layout.addSpacing(24)
        layout.addWidget(self.banner)
        layout.addSpacing(24)
        layout.addLayout(row)
        layout.addStretch(2)

        self.badge_edit.returnPressed.connect(self._typed)
        self.sign_in_button.clicked.connect(self._typed)
        self.retranslate()

    # -- the station-screen contract --------------------------------------------------

    def title(self) -> str:
        return self.tr("Sign in")

    def handle_scan(self, meaning: Scan) -> None:
        if isinstance(meaning, Badge):
            self.sign_in(meaning.code)
        elif isinstance(meaning, Unknown):
            self._ctx.feedback.bad(
                self.tr("That was not a badge ({code}). Scan your badge.").format(
                    code=meaning.text or meaning.raw
                )
            )
        else:
            self._ctx.feedback.bad(self.tr("Scan your badge first."))

    # -- signing in -------------------------------------------------------------------

    @property
    def ready(self) -> bool:
        return self._ready

    def set_ready(self, ready: bool) -> None:
        self._ready = ready
        self.badge_edit.setEnabled(ready)
        self.sign_in_button.setEnabled(ready)
        self.retranslate()

    def sign_in(self, badge: str) -> None:
        """Check ``badge`` on the worker; ``signed_in`` follows when it is good."""
        code = auth.normalize_badge(badge)
        if not code:
            self._ctx.feedback.bad(self.tr("Scan your badge."))
            return
        if not self._ready:
            self._ctx.feedback.warn(
                self.tr("The station is still connecting to the database: try again in a moment.")
            )
            return
        ctx = self._ctx
        db, station, previous = ctx.db, ctx.station, ctx.user
        attempt = self._current = next(self._attempts)
        ctx.feedback.info(self.tr("Checking badge {badge}…").format(badge=code))
        ctx.background.submit(
            lambda: auth.sign_in(db, code, station=station, replacing=previous),
            lambda user: self._done(attempt, user),
            lambda exc: self._failed(attempt, exc),
            owner=self,
        )

    def _typed(self) -> None:
        text = self.badge_edit.text()
        self.badge_edit.clear()
        self.sign_in(text)

    def _done(self, attempt: int, user: UserInfo) -> None:
        if attempt != self._current:
            return  # a newer badge was scanned meanwhile; its answer decides
        self._ctx.feedback.good(
            self.tr("Welcome, {name} ({role}).").format(name=user.name, role=role_label(user.role))
        )
        self.signed_in.emit(user)

    def _failed(self, attempt: int, exc: Exception) -> None:
        if attempt != self._current:
            return
        self._ctx.feedback.bad(auth_message(exc))
        if not isinstance(exc, FloorError):
            self.database_error.emit(describe_error(exc))

    # -- language ---------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.prompt.setText(self.tr("Scan your badge"))
        station = self._ctx.station.name
        self.station_label.setText(
            self.tr("Station {station}").format(station=station)
            if self._ready
            else self.tr("Station {station}: connecting to the database…").format(station=station)
        )
        self.badge_edit.setPlaceholderText(self.tr("or type your badge number and press Enter"))
        self.sign_in_button.setText(self.tr("Sign in"))
