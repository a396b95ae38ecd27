"""A supervisor approves: badge (scanned or typed), PIN and the reason, checked by
:func:`app.services.access.auth.verify_supervisor` on the database worker.

Screens call ``SupervisorDialog.ask(parent, ctx, title)`` and get ``(supervisor,
reason)`` or None when it was cancelled. While the dialog is open, the station
window hands it every scan (``handle_scan``): a badge fills the badge field.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.scan import Badge, Scan
from app.services.access import auth
from app.services.access.identity import UserInfo
from ui.context import StationContext
from ui.i18n.messages import auth_message
from ui.widgets import theme
from ui.widgets.code_field import code_field
from ui.widgets.forms import set_form_labels


class SupervisorDialog(QDialog):
    """See the module doc. After ``accepted``, :attr:`supervisor` and :attr:`reason` are set."""

    def __init__(
        self,
        ctx: StationContext,
        title: str,
        parent: QWidget | None = None,
        *,
        action: str = "",
        reason_required: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("supervisorDialog")
        self.setModal(True)
        self._ctx = ctx
        self._action = action
        self._reason_required = reason_required
        self._checks = itertools.count(1)
        self._current = 0
        self.supervisor: UserInfo | None = None
        self.reason = ""

        self.heading = QLabel(title)
        self.heading.setFont(theme.stepped_font(self, theme.SUPERVISOR_HEADING_STEP, bold=True))
        self.heading.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)

        self.badge_edit = code_field(QLineEdit())
        self.badge_edit.setObjectName("supervisorBadge")
        self.badge_edit.setMaxLength(64)
        self.pin_edit = QLineEdit()
        self.pin_edit.setObjectName("supervisorPin")
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setValidator(
            QRegularExpressionValidator(QRegularExpression("[0-9]{0,8}"), self.pin_edit)
        )
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("supervisorReason")
        self.reason_edit.setMaxLength(500)

        self.message = QLabel()
        self.message.setObjectName("supervisorMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(theme.ERROR_LINE)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        self.form = QFormLayout()
        self.form.addRow(QLabel(), self.badge_edit)
        self.form.addRow(QLabel(), self.pin_edit)
        self.form.addRow(QLabel(), self.reason_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self.badge_edit.returnPressed.connect(self.pin_edit.setFocus)
        self.badge_edit.setFocus()
        self.retranslate()

    @classmethod
    def ask(
        cls, parent: QWidget | None, ctx: StationContext, title: str, *, action: str = ""
    ) -> tuple[UserInfo, str] | None:
        """Open the dialog and wait; ``(supervisor, reason)``, or None when cancelled."""
        dialog = cls(ctx, title, parent, action=action)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted and dialog.supervisor is not None:
                return dialog.supervisor, dialog.reason
            return None
        finally:
            dialog.deleteLater()

    # -- scans ------------------------------------------------------------------------

    def handle_scan(self, meaning: Scan) -> None:
        if isinstance(meaning, Badge):
            self.badge_edit.setText(meaning.code)
            self.message.clear()
            self.pin_edit.setFocus()
            self._ctx.feedback.sounds.play("good")
        else:
            self.message.setText(self.tr("Scan a supervisor's badge, or close this window first."))
            self._ctx.feedback.sounds.play("bad")

    # -- checking ---------------------------------------------------------------------

    @property
    def checking(self) -> bool:
        return self._current != 0

    def accept(self) -> None:
        """OK: check the fields here, then the badge and PIN on the worker; the dialog
        closes only when the check passes."""
        if self.supervisor is not None:
            super().accept()
            return
        if self.checking:
            return
        badge = auth.normalize_badge(self.badge_edit.text())
        pin = self.pin_edit.text()
        reason = " ".join(self.reason_edit.text().split())
        if not badge:
            self._refuse(self.tr("Scan or type the supervisor's badge."), self.badge_edit)
            return
        if not pin:
            self._refuse(self.tr("Enter the PIN."), self.pin_edit)
            return
        if self._reason_required and not reason:
            self._refuse(self.tr("Say why, in a few words."), self.reason_edit)
            return
        ctx = self._ctx
        db, station, action = ctx.db, ctx.station, self._action
        check = self._current = next(self._checks)
        self.buttons.setEnabled(False)
        self.message.setText(self.tr("Checking…"))
        ctx.background.submit(
            lambda: auth.verify_supervisor(
                db, badge, pin, station=station, reason=reason, action=action
            ),
            lambda user: self._passed(check, user, reason),
            lambda exc: self._failed(check, exc),
            owner=self,
        )

    def _passed(self, check: int, user: UserInfo, reason: str) -> None:
        if check != self._current:
            return
        self._current = 0
        self.supervisor = user
        self.reason = reason
        self.buttons.setEnabled(True)
        super().accept()

    def _failed(self, check: int, exc: Exception) -> None:
        if check != self._current:
            return
        self._current = 0
        self.buttons.setEnabled(True)
        self.pin_edit.clear()
        self._refuse(auth_message(exc), self.pin_edit)

    def _refuse(self, text: str, field: QLineEdit) -> None:
        self.message.setText(text)
        self._ctx.feedback.sounds.play("bad")
        field.setFocus(Qt.FocusReason.OtherFocusReason)

    def reject(self) -> None:
        self._current = 0  # a check still running is ignored when it answers
        super().reject()

    # -- language ---------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Supervisor approval"))
        self.hint.setText(self.tr("A supervisor scans their badge, enters their PIN and says why."))
        set_form_labels(self.form, (self.tr("Badge"), self.tr("PIN"), self.tr("Reason")))
        self.reason_edit.setPlaceholderText(
            self.tr("for example: parcel weighs more, carton changed")
        )
