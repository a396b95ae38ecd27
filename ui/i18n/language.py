"""Languages: English is the source language, Chinese (zh_CN) comes from a .qm file.

``install_translator`` loads ``resources/translations/wavedesk_<lang>.qm`` (and Qt's
own ``qtbase_<lang>.qm`` for standard dialogs); ``switch_language`` swaps it at
runtime, which sends ``QEvent.LanguageChange`` to every widget — screens implement
``changeEvent`` + ``retranslate()``.

The names of statuses, payment states and hold reasons are shared by several
screens, so they live here with fixed translation contexts ("Status", "Payment",
"HoldReason", "PrintStatus"); the codes are the stable values from ``app.domain``.

After adding or changing a string (tests/ui/test_translations_complete.py fails until then):

    pyside6-lupdate $(find ui -name '*.py') -no-obsolete -ts resources/translations/wavedesk_zh_CN.ts
    pyside6-lrelease resources/translations/wavedesk_zh_CN.ts -qm resources/translations/wavedesk_zh_CN.qm

and in between translate every ``<translation type="unfinished">`` of the .ts (keep each
``{placeholder}``, remove ``type="unfinished"``). lupdate sees only literals: never an
f-string or a variable inside ``tr()`` / ``translate()``; format with ``.format()`` after.
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QTranslator,
)

from app.domain.scan import Unknown
from ui.i18n.noop import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"
LANGUAGES: dict[str, str] = {"zh_CN": "中文", "en": "English"}  # endonyms, never translated

_installed: list[QTranslator] = []
_current = SOURCE_LANGUAGE

STATUS_LABELS: dict[str, str] = {
    "received": QT_TRANSLATE_NOOP("Status", "Received"),
    "on_hold": QT_TRANSLATE_NOOP("Status", "On hold"),
    "approved": QT_TRANSLATE_NOOP("Status", "Approved"),
    "allocated": QT_TRANSLATE_NOOP("Status", "Allocated"),
    "waved": QT_TRANSLATE_NOOP("Status", "Waved"),
    "picking": QT_TRANSLATE_NOOP("Status", "Picking"),
    "picked": QT_TRANSLATE_NOOP("Status", "Picked"),
    "packed": QT_TRANSLATE_NOOP("Status", "Packed"),
    "shipped": QT_TRANSLATE_NOOP("Status", "Shipped"),
    "completed": QT_TRANSLATE_NOOP("Status", "Completed"),
    "cancelled": QT_TRANSLATE_NOOP("Status", "Cancelled"),
}

PAYMENT_LABELS: dict[str, str] = {
    "paid": QT_TRANSLATE_NOOP("Payment", "Paid"),
    "unpaid": QT_TRANSLATE_NOOP("Payment", "Unpaid"),
    "partially_paid": QT_TRANSLATE_NOOP("Payment", "Partly paid"),
    "refunded": QT_TRANSLATE_NOOP("Payment", "Refunded"),
    "partially_refunded": QT_TRANSLATE_NOOP("Payment", "Partly refunded"),
}

HOLD_LABELS: dict[str, str] = {
    "unpaid": QT_TRANSLATE_NOOP("HoldReason", "Unpaid"),
    "address_incomplete": QT_TRANSLATE_NOOP("HoldReason", "Address incomplete"),
    "phone_invalid": QT_TRANSLATE_NOOP("HoldReason", "Invalid phone"),
    "unknown_sku": QT_TRANSLATE_NOOP("HoldReason", "Unknown product"),
    "price_mismatch": QT_TRANSLATE_NOOP("HoldReason", "Price mismatch"),
    "out_of_stock": QT_TRANSLATE_NOOP("HoldReason", "Out of stock"),
    "buyer_remark": QT_TRANSLATE_NOOP("HoldReason", "Buyer remark"),
    "blacklisted": QT_TRANSLATE_NOOP("HoldReason", "Blacklisted"),
}


# A print job's status inside a sentence ("Print job 7 is sent; …"), hence lower case.
PRINT_STATUS_WORDS: dict[str, str] = {
    "queued": QT_TRANSLATE_NOOP("PrintStatus", "queued"),
    "sent": QT_TRANSLATE_NOOP("PrintStatus", "sent"),
    "failed": QT_TRANSLATE_NOOP("PrintStatus", "failed"),
    "cancelled": QT_TRANSLATE_NOOP("PrintStatus", "cancelled"),
}


def _label(context: str, table: dict[str, str], code: str | None) -> str:
    if not code:
        return ""
    source = table.get(code)
    return QCoreApplication.translate(context, source) if source else code


def status_label(code: str | None) -> str:
    return _label("Status", STATUS_LABELS, code)


def print_status_word(code: str | None) -> str:
    return _label("PrintStatus", PRINT_STATUS_WORDS, code)


def unknown_scan_text(meaning: Unknown) -> str:
    """A scan nobody understood, for the floor: the code as read, in the station's language
    (the English diagnosis stays in the log)."""
    log.info("unreadable scan %r: %s", meaning.raw, meaning.why)
    return QCoreApplication.translate("Scan", "Code not recognised: {code}").format(
        code=meaning.text or meaning.raw
    )


def payment_label(code: str | None) -> str:
    return _label("Payment", PAYMENT_LABELS, code)


def hold_label(code: str | None) -> str:
    return _label("HoldReason", HOLD_LABELS, code)


def translations_dir() -> Path:
    """``resources/translations`` as a directory on disk."""
    return Path(str(resources.files("resources") / "translations"))


def qm_path(lang: str) -> Path:
    return translations_dir() / f"wavedesk_{lang}.qm"


def current_language() -> str:
    return _current


def _remove_installed(app: QCoreApplication) -> None:
    while _installed:
        app.removeTranslator(_installed.pop())


def install_translator(app: QCoreApplication, lang: str) -> QTranslator | None:
    """Make ``lang`` the application's language, replacing the one installed before.

    Returns wavedesk's translator, or None for English (the source language) or when
    the .qm file is missing (then the window stays in English and a warning is
    logged)."""
    global _current
    _remove_installed(app)
    if lang.split("_")[0] == SOURCE_LANGUAGE:
        _current = SOURCE_LANGUAGE
        QLocale.setDefault(QLocale(QLocale.Language.English))
        return None
    ours = QTranslator(app)
    if not ours.load(str(qm_path(lang))):
        log.warning("no translation for %s at %s; staying in English", lang, qm_path(lang))
        _current = SOURCE_LANGUAGE
        return None
    qt_own = QTranslator(app)
    if qt_own.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    app.installTranslator(ours)
    _installed.append(ours)
    _current = lang
    QLocale.setDefault(QLocale(lang))
    return ours


def switch_language(lang: str) -> QTranslator | None:
    """Switch the running application's language; every widget receives
    ``QEvent.LanguageChange`` and re-translates itself."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("no QApplication")
    return install_translator(app, lang)


def pick_language(lang: str | None) -> None:
    """Switch to ``lang`` (a language a person picked) unless it is shown already."""
    if lang and lang != current_language():
        switch_language(lang)
