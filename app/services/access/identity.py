"""Who is at the station and which station it is, as plain values for screens and services."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.permissions import SUPERVISORS
from app.services.audit import Actor


@dataclass(frozen=True, slots=True)
class UserInfo:
    id: int
    badge: str
    name: str
    role: str  # one of app.domain.permissions.ROLES

    @property
    def is_supervisor(self) -> bool:
        return self.role in SUPERVISORS


@dataclass(frozen=True, slots=True)
class StationInfo:
    id: int
    name: str
    kind: str  # pick | pack | ship | desk
    warehouse_id: int | None
    warehouse_code: str | None


def actor_of(user: UserInfo | None, station: StationInfo | None) -> Actor:
    return Actor(user.id if user else None, station.id if station else None)
