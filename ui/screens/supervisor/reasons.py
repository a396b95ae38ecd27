"""The reason every supervisor action is recorded with: asked first, then the action runs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QWidget

from ui.widgets.feedback import Feedback


class ReasonPrompt(QObject):
    """Asks over ``parent`` for a reason; the feedback line says when one is missing."""

    def __init__(self, parent: QWidget, feedback: Feedback) -> None:
        super().__init__(parent)
        self._parent = parent
        self._feedback = feedback

    def ask(self, title: str, prompt: str) -> str | None:
        """The reason typed, or None when cancelled or left empty (then the feedback
        line says a reason is needed)."""
        text, ok = QInputDialog.getText(self._parent, title, prompt)
        if not ok:
            return None
        reason = " ".join(text.split())
        if not reason:
            self._feedback.bad(
                self.tr("Give a reason: every supervisor action is recorded with who and why.")
            )
            return None
        return reason

    def then(self, title: str, prompt: str, act: Callable[[str], None]) -> None:
        """Ask, and with a reason given say "working" and ``act(reason)``."""
        reason = self.ask(title, prompt)
        if reason is not None:
            self._feedback.info(self.tr("Working…"))
            act(reason)
