"""The names of the exception kinds: the exceptions tab, the scan answer and the shift
report show them, so they have a fixed translation context ("ExceptionKind"), like
the status names of ui.i18n.language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ui.i18n.noop import QT_TRANSLATE_NOOP

# Keys: app.services.supervision's EXCEPTION_KINDS.
EXCEPTION_KIND_LABELS: dict[str, str] = {
    "interception": QT_TRANSLATE_NOOP("ExceptionKind", "Interception"),
    "weight_mismatch": QT_TRANSLATE_NOOP("ExceptionKind", "Weight mismatch"),
    "short_pick": QT_TRANSLATE_NOOP("ExceptionKind", "Short pick"),
    "stale_task": QT_TRANSLATE_NOOP("ExceptionKind", "Stale task"),
    "print_failed": QT_TRANSLATE_NOOP("ExceptionKind", "Print failed"),
    "hold": QT_TRANSLATE_NOOP("ExceptionKind", "On hold"),
}


def exception_kind_label(kind: str) -> str:
    """The name of ``kind`` in the station's language; the code itself when unknown."""
    source = EXCEPTION_KIND_LABELS.get(kind)
    return QCoreApplication.translate("ExceptionKind", source) if source is not None else kind
