"""What the station says, by refusal code: one catalog for the whole UI.

Services refuse with a stable code and parameters (:class:`app.domain.floor_errors.FloorError`),
and a scan's answer carries one too (the outcomes of picking and packing); the UI turns the
code into a sentence in the worker's language here, so one code reads the same on every
screen. The sentences live in :mod:`ui.i18n.refusals`, one table per step of the journey,
each with its own translation context, named after the step and not after a class, so
that moving code between modules never loses a translation.

Where one code is raised for two situations, its parameters tell them apart and
:data:`VARIANTS` picks the sentence (``code/variant`` in the tables): ``intercepted`` at the
hand-over desk names a parcel, at the pack bench an order; ``stale`` names a task or an
order; ``not_supervisor`` comes from signing in (a name and a role), from a weight
override or from a supervisor's action.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from app.domain.floor_errors import FloorError
from app.services.station.link import describe_db_error
from ui.i18n.language import print_status_word, status_label
from ui.i18n.noop import QT_TRANSLATE_NOOP
from ui.i18n.params import Params
from ui.i18n.refusals import CATALOG

ROLE_LABELS: dict[str, str] = {
    "picker": QT_TRANSLATE_NOOP("Role", "Picker"),
    "packer": QT_TRANSLATE_NOOP("Role", "Packer"),
    "shipper": QT_TRANSLATE_NOOP("Role", "Shipper"),
    "supervisor": QT_TRANSLATE_NOOP("Role", "Supervisor"),
    "admin": QT_TRANSLATE_NOOP("Role", "Administrator"),
}

# Codes whose {status} is an order's status, and those whose {status} is a print job's.
ORDER_STATUS_CODES = frozenset(
    {"not_packable", "not_picked", "not_packed", "already_shipped", "not_cancellable"}
)
PRINT_STATUS_CODES = frozenset({"print_job_not_retryable", "print_job_not_cancellable"})

# What a missing reason was for (the services' ``what``) -> the variant that says so.
REASON_VARIANTS: dict[str, str] = {
    "cancelled": "reason_missing/cancelled",
    "printed again": "reason_missing/reprint",
    "voided": "reason_missing/void",
    "let through with a different weight": "reason_missing/weight",
}


def role_label(role: str) -> str:
    source = ROLE_LABELS.get(role)
    return QCoreApplication.translate("Role", source) if source else role


def _task_taken(p: Params) -> str:
    if p.get("station") and p.get("user"):
        return "task_taken"
    if p.get("station") or p.get("user"):
        p["who"] = p.get("station") or p.get("user")
        return "task_taken/who"
    return "task_taken/elsewhere"


def _intercepted(p: Params) -> str:
    if p.get("tracking_no"):
        return "intercepted/parcel"  # packed already: at the hand-over desk
    return "intercepted" if p.get("order_no") else "intercepted/this"


def _not_supervisor(p: Params) -> str:
    if p.get("name") and p.get("role"):
        return "not_supervisor"  # a badge was checked: who it is
    return "not_supervisor/action" if "who" in p else "not_supervisor/approve"


def _reason_missing(p: Params) -> str:
    return REASON_VARIANTS.get(str(p.get("what", "")), "reason_missing")


# code -> the key of its sentence, chosen by the parameters.
VARIANTS: dict[str, Callable[[Params], str]] = {
    "task_taken": _task_taken,
    "intercepted": _intercepted,
    "not_supervisor": _not_supervisor,
    "reason_missing": _reason_missing,
    "print_reason_missing": _reason_missing,
    "order_taken": lambda p: "order_taken" if p.get("user") else "order_taken/station",
    "over_quantity": lambda p: "over_quantity/case" if p.get("case") else "over_quantity",
    "expect_tote": lambda p: "expect_tote" if p.get("tote") else "expect_tote/free",
    "too_many": lambda p: "too_many/all" if p.get("left", 0) <= 0 else "too_many",
    "stale": lambda p: "stale" if "task" in p else "stale/order",
    "unknown_badge": lambda p: "unknown_badge" if p.get("badge") else "unknown_badge/none",
    "order_unknown": lambda p: "order_unknown/number" if p.get("order_no") else "order_unknown",
    "bad_station_name": lambda p: "bad_station_name" if p.get("name") else "bad_station_name/none",
    "pool_range": lambda p: "pool_range" if "start" in p else "pool_range/digits",
    "pool_shape": lambda p: "pool_shape" if p.get("number") else "pool_shape/numbers",
    "bad_tolerance": lambda p: (
        "bad_tolerance/grams" if p.get("field") == "weight_tolerance_g" else "bad_tolerance"
    ),
}


def _prepare(code: str, p: Params) -> None:
    """Parameters as a worker reads them: statuses and roles named, grams in kg, lists
    as words."""
    status = p.get("status")
    if isinstance(status, str):
        if code in ORDER_STATUS_CODES:
            p["status"] = status_label(status)
        elif code in PRINT_STATUS_CODES:
            p["status"] = print_status_word(status)
    if "role" in p:
        p["role"] = role_label(str(p["role"]))
    if code == "weight_mismatch":
        for name in ("measured", "expected", "allowed"):
            grams = p.get(f"{name}_g")
            if isinstance(grams, int | float):
                p[name] = f"{grams / 1000:.3f}"
    for name, value in p.items():
        if isinstance(value, list | tuple | set | frozenset):
            p[name] = ", ".join(str(v) for v in value)


def has_sentence(code: str) -> bool:
    """The catalog says ``code`` in the station's language."""
    return code in VARIANTS or code in CATALOG


def refusal_text(code: str, params: Mapping[str, Any] | None = None, fallback: str = "") -> str:
    """``code`` in the station's language, filled with ``params``; ``fallback`` (the
    service's English sentence) for a code the catalog does not know."""
    p = Params(params or {})
    choose = VARIANTS.get(code)
    entry = CATALOG.get(choose(p) if choose is not None else code)
    if entry is None:
        return fallback
    _prepare(code, p)
    context, source = entry
    try:
        return QCoreApplication.translate(context, source).format_map(p)
    except (ValueError, TypeError):
        # A parameter of another type than the sentence formats ({value:g} given text):
        # the service's own sentence is better than no answer on the floor.
        return fallback


def floor_text(exc: FloorError) -> str:
    """A service's refusal in the station's language."""
    return refusal_text(exc.code, exc.params, exc.message)


def auth_message(exc: BaseException) -> str:
    """A refusal from the auth service in the station's language; anything else
    (the database is away) as one line."""
    if isinstance(exc, FloorError):
        return floor_text(exc)
    return QCoreApplication.translate("Auth", "Cannot reach the database: {detail}").format(
        detail=describe_db_error(exc)
    )
