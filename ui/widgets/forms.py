"""Form layouts whose labels follow the language."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QFormLayout, QLabel


def set_form_labels(form: QFormLayout, texts: Iterable[str]) -> None:
    """The label of each row of ``form`` in turn (rows added as ``addRow(QLabel(), field)``)."""
    for row, text in enumerate(texts):
        item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        label = item.widget() if item is not None else None
        if isinstance(label, QLabel):
            label.setText(text)
