"""One dialog at a time on a station screen, answered by barcode.

Dialogs do not block: the scanner keeps scanning while one is open. Opening another
closes the one before, and the ``CONFIRM`` / ``CANCEL`` barcodes accept or reject the
open one, so a packer or picker with a scanner in hand never needs the mouse.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from app.domain import scan as sc


class OneDialog:
    """Mixed into a screen (before its QWidget base): ``dialog`` is the one it has open."""

    dialog: QDialog | None = None

    def _open(self, dialog: QDialog) -> None:
        if self.dialog is not None:
            self.dialog.reject()
        self.dialog = dialog
        dialog.finished.connect(lambda _: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _answer(self, meaning: sc.Scan) -> bool:
        """Accept (``CONFIRM``) or reject (``CANCEL``) the open dialog; False when
        ``meaning`` is neither or no dialog is open."""
        dialog = self.dialog
        if (
            dialog is None
            or not isinstance(meaning, sc.Command)
            or meaning.name not in ("CONFIRM", "CANCEL")
        ):
            return False
        if meaning.name == "CONFIRM":
            dialog.accept()
        else:
            dialog.reject()
        return True
