"""What every supervisor action shares: who may act (the one permission table), the
reason it needs, the row it acts on, and what it reports back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import CursorResult, Update, select
from sqlalchemy.orm import Session

from app.db.models import User
from app.domain.floor_errors import FloorError
from app.domain.permissions import can
from app.domain.status import OrderStatus
from app.services.audit import Actor

S = OrderStatus
MAX_REASON = 500
FINAL = frozenset({S.SHIPPED.value, S.COMPLETED.value, S.CANCELLED.value})

Row = TypeVar("Row")


@dataclass(frozen=True, slots=True)
class ActionDone:
    """What an action did, for the feedback line and the log."""

    action: str  # release_hold | release_task | … (the function's name)
    summary: str  # an English sentence
    order_no: str | None = None
    details: tuple[tuple[str, Any], ...] = ()

    def detail(self, key: str, default: Any = None) -> Any:
        return dict(self.details).get(key, default)


def require_reason(reason: str | None) -> str:
    """The reason, stripped; FloorError ``reason_required`` / ``reason_too_long``."""
    text = (reason or "").strip()
    if not text:
        raise FloorError(
            "reason_required",
            "Give a reason: every supervisor action is recorded with who did it and why.",
        )
    if len(text) > MAX_REASON:
        raise FloorError(
            "reason_too_long",
            f"The reason is {len(text)} characters long; keep it under {MAX_REASON}.",
            length=len(text),
            limit=MAX_REASON,
        )
    return text


def _may(user: User | None, action: str) -> bool:
    return user is not None and user.active and can(user.role, action)


def supervisor(s: Session, actor: Actor, action: str) -> User:
    """The user signed in at the station, if the permission table lets them do
    ``action``; else FloorError ``not_supervisor``."""
    user = s.get(User, actor.user_id) if actor.user_id is not None else None
    if not _may(user, action):
        who = f"{user.name} ({user.role})" if user is not None else "nobody signed in"
        raise FloorError(
            "not_supervisor",
            f"Only a supervisor may do this; this station has {who}.",
            who=who,
        )
    assert user is not None
    return user


def supervisor_by_badge(s: Session, badge: str, action: str) -> User:
    """The active user wearing ``badge`` (the command line names people so), if the
    permission table lets them do ``action``; else FloorError ``not_supervisor``."""
    user = s.scalar(select(User).where(User.badge == badge, User.active))
    if not _may(user, action):
        who = (
            f"{user.name} ({badge}) is a {user.role}"
            if user is not None
            else f"There is no active user with badge {badge}"
        )
        raise FloorError(
            "not_supervisor", f"{who}; only a supervisor may do this.", who=who, badge=badge
        )
    assert user is not None
    return user


def get_row(s: Session, model: type[Row], ident: int, what: str, lock: bool = True) -> Row:
    """The ``model`` row ``ident``, locked for the change unless ``lock`` is false;
    FloorError ``not_found``."""
    # With FOR UPDATE, Session.get reads the row from the database, never only from
    # the identity map.
    obj = s.get(model, ident, with_for_update=True if lock else None)
    if obj is None:
        raise FloorError("not_found", f"There is no {what} {ident}.", what=what, id=ident)
    return obj


def by_whom(user: User, reason: str, **payload: Any) -> dict[str, Any]:
    """An action event's payload: why, who, and what it is about."""
    return {"reason": reason, "by": user.name, **payload}


def rows_changed(s: Session, statement: Update) -> int:
    """How many rows an UPDATE changed (the optimistic version checks read it)."""
    result = s.execute(statement)
    assert isinstance(result, CursorResult)  # what a DML statement always returns
    return result.rowcount
