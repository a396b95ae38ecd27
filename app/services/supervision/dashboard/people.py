"""The dashboard's people: who a task can be given to."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select

from app.db.engine import Database
from app.db.models import User


@dataclass(frozen=True, slots=True)
class UserRow:
    id: int
    badge: str
    name: str
    role: str


def active_users(
    db: Database, roles: Iterable[str] = ("picker", "supervisor", "admin")
) -> list[UserRow]:
    """People a task can be given to."""
    with db.read() as s:
        q = select(User.id, User.badge, User.name, User.role).where(
            User.active.is_(True), User.role.in_(list(roles))
        )
        return [UserRow(*r) for r in s.execute(q.order_by(User.name, User.id))]
