"""What the station says, by refusal code: one catalog for the whole UI.

Services refuse with a stable code and parameters (:class:`app.domain.floor_errors.FloorError`);
the UI turns the code into a sentence in the worker's language here, so one code reads
the same on every screen.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from app.domain.floor_errors import FloorError
from app.services.station.link import describe_db_error
from ui.i18n.noop import QT_TRANSLATE_NOOP

ROLE_LABELS: dict[str, str] = {
    "picker": QT_TRANSLATE_NOOP("Role", "Picker"),
    "packer": QT_TRANSLATE_NOOP("Role", "Packer"),
    "shipper": QT_TRANSLATE_NOOP("Role", "Shipper"),
    "supervisor": QT_TRANSLATE_NOOP("Role", "Supervisor"),
    "admin": QT_TRANSLATE_NOOP("Role", "Administrator"),
}

# Refusals of app.services.access.auth, by code; {badge}, {name}, {role} come from the error.
AUTH_MESSAGES: dict[str, str] = {
    "unknown_badge": QT_TRANSLATE_NOOP(
        "Auth", "Badge {badge} is not known here: ask a supervisor."
    ),
    "inactive": QT_TRANSLATE_NOOP("Auth", "Badge {badge} is switched off: ask a supervisor."),
    "not_supervisor": QT_TRANSLATE_NOOP(
        "Auth", "{name} is a {role}, not a supervisor: a supervisor must approve this."
    ),
    "no_pin": QT_TRANSLATE_NOOP(
        "Auth", "{name} has no usable PIN on record: an administrator must set one."
    ),
    "bad_pin": QT_TRANSLATE_NOOP("Auth", "Wrong PIN for {badge}."),
}


def role_label(role: str) -> str:
    source = ROLE_LABELS.get(role)
    return QCoreApplication.translate("Role", source) if source else role


def auth_message(exc: BaseException) -> str:
    """A refusal from the auth service in the station's language; anything else
    (the database is away) as one line."""
    if isinstance(exc, FloorError):
        source = AUTH_MESSAGES.get(exc.code)
        if source is None:
            return exc.message
        params: dict[str, Any] = {"badge": "", "name": "", "role": "", **exc.params}
        if "role" in exc.params:
            params["role"] = role_label(str(exc.params["role"]))
        if not params["badge"]:
            return QCoreApplication.translate("Auth", "Scan your badge.")
        return QCoreApplication.translate("Auth", source).format(**params)
    return QCoreApplication.translate("Auth", "Cannot reach the database: {detail}").format(
        detail=describe_db_error(exc)
    )
