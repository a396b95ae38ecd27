"""Who may use the station: badge sign-in, supervisor checks, and what each role may do.

A badge is not a secret (it hangs on a lanyard), so signing in takes only the
badge; what a picker can do is limited by the role table below. A supervisor's
override (a weight out of tolerance, a reprint, a short pick) takes the badge AND
the PIN, checked with :func:`app.services.access.pins.verify_pin`.

Refusals are :class:`FloorError` with these codes: ``unknown_badge``, ``inactive``,
``not_supervisor``, ``no_pin`` (the supervisor has no usable PIN on record) and
``bad_pin``. Every sign-in, sign-out and override check writes an event with the
station; a refused override is written too (a run of bad PINs is worth seeing).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import User
from app.domain.floor_errors import FloorError
from app.domain.permissions import SUPERVISORS
from app.services.access.identity import StationInfo, UserInfo
from app.services.access.pins import verify_pin
from app.services.audit import Actor, record


def normalize_badge(badge: str) -> str:
    """Badges are printed upper-case; a hand-typed ``u-0012 `` means ``U-0012``."""
    return badge.strip().upper() if isinstance(badge, str) else ""


def _actor(user_id: int | None, station: StationInfo | None) -> Actor:
    return Actor(user_id, station.id if station else None)


def _where(station: StationInfo | None) -> dict[str, str]:
    return {"station": station.name} if station else {}


def _info(user: User) -> UserInfo:
    return UserInfo(user.id, user.badge, user.name, user.role)


def _find(session: Session, badge: str) -> User:
    code = normalize_badge(badge)
    if not code:
        raise FloorError("unknown_badge", "no badge was given: scan your badge", badge="")
    user = session.scalars(select(User).where(User.badge == code)).one_or_none()
    if user is None:
        raise FloorError(
            "unknown_badge", f"badge {code} is not known here: ask a supervisor", badge=code
        )
    if not user.active:
        raise FloorError(
            "inactive",
            f"badge {code} ({user.name}) is switched off: ask a supervisor",
            badge=code,
            name=user.name,
        )
    return user


def sign_in(
    db: Database,
    badge: str,
    *,
    station: StationInfo | None = None,
    replacing: UserInfo | None = None,
) -> UserInfo:
    """The active user wearing ``badge``; writes ``auth.sign_in``.

    ``replacing`` is who was signed in at the station until now (a badge scanned
    over another user's session): their ``auth.sign_out`` is written in the same
    transaction, before the sign-in, and only if the new badge is accepted.
    Raises FloorError ``unknown_badge`` or ``inactive``."""
    with db.unit_of_work() as session:
        user = _find(session, badge)
        info = _info(user)
        if replacing is not None and replacing.id != user.id:
            record(
                session,
                "user",
                replacing.id,
                "auth.sign_out",
                {"badge": replacing.badge, "switched_to": user.badge, **_where(station)},
                _actor(replacing.id, station),
            )
        record(
            session,
            "user",
            user.id,
            "auth.sign_in",
            {"badge": user.badge, "role": user.role, **_where(station)},
            _actor(user.id, station),
        )
    return info


def sign_out(db: Database, user: UserInfo, *, station: StationInfo | None = None) -> None:
    """Writes ``auth.sign_out`` for ``user`` at ``station``."""
    with db.unit_of_work() as session:
        record(
            session,
            "user",
            user.id,
            "auth.sign_out",
            {"badge": user.badge, **_where(station)},
            _actor(user.id, station),
        )


def verify_supervisor(
    db: Database,
    badge: str,
    pin: str,
    *,
    station: StationInfo | None = None,
    reason: str = "",
    action: str = "",
) -> UserInfo:
    """The supervisor (or admin) with ``badge`` if ``pin`` is theirs; writes
    ``auth.override_checked`` with ``action`` and ``reason``.

    Raises FloorError ``unknown_badge``, ``inactive``, ``not_supervisor``,
    ``no_pin`` or ``bad_pin``; those after the badge was found are recorded as
    ``auth.override_refused``."""
    with db.unit_of_work() as session:
        user = _find(session, badge)
        info = _info(user)
        stored = user.pin_hash
    refusal = _check(info, pin, stored)
    body = {"badge": info.badge, "action": action, "reason": reason, **_where(station)}
    with db.unit_of_work() as session:
        if refusal is not None:
            record(
                session,
                "user",
                info.id,
                "auth.override_refused",
                {**body, "code": refusal.code},
                _actor(info.id, station),
            )
        else:
            record(
                session, "user", info.id, "auth.override_checked", body, _actor(info.id, station)
            )
    if refusal is not None:
        raise refusal
    return info


def _check(user: UserInfo, pin: str, stored: str) -> FloorError | None:
    """Why ``user`` cannot approve with ``pin``, or None when they can.

    The PIN is compared outside any transaction: scrypt takes tens of
    milliseconds and there is no reason to hold a database lock meanwhile."""
    if user.role not in SUPERVISORS:
        return FloorError(
            "not_supervisor",
            f"{user.name} ({user.badge}) is a {user.role}, not a supervisor: "
            "a supervisor must approve this",
            badge=user.badge,
            name=user.name,
            role=user.role,
        )
    try:
        ok = verify_pin(pin, stored)
    except ValueError:
        ok = None  # a corrupt hash: nobody can approve with it until an admin resets it
    if ok is None or not stored:
        return FloorError(
            "no_pin",
            f"{user.name} ({user.badge}) has no usable PIN on record: an admin must set one",
            badge=user.badge,
            name=user.name,
        )
    if not ok:
        return FloorError("bad_pin", f"wrong PIN for {user.badge}", badge=user.badge)
    return None
