"""``QT_TRANSLATE_NOOP`` with a type.

PySide6 declares it as returning ``object``, so a table of marked strings cannot be a
``dict[str, str]``. lupdate finds marked strings by the call's name, not by where the
function comes from, so this one keeps the name: it marks ``source`` for translation
in ``context`` and returns it unchanged; ``QCoreApplication.translate(context,
source)`` translates it where it is shown.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 - lupdate needs this name
    del context  # read by lupdate, not at run time
    return source
