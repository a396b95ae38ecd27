"""Who may do what: the one permission table, used by every door (station tabs, the
command line, services).

Kept explicit, action by action, with no role hierarchy, so that one line answers
"who may do this". Roles are the values of ``users.role``.
"""

from __future__ import annotations

from typing import Final

ROLES: Final[tuple[str, ...]] = ("picker", "packer", "shipper", "supervisor", "admin")
SUPERVISORS: Final = frozenset({"supervisor", "admin"})

PERMISSIONS: Final[dict[str, frozenset[str]]] = {
    # station tabs
    "pick": frozenset({"picker", "supervisor", "admin"}),
    "pack": frozenset({"packer", "supervisor", "admin"}),
    "ship": frozenset({"shipper", "supervisor", "admin"}),
    "print_jobs": frozenset(ROLES),
    "orders": frozenset(ROLES),
    "settings": SUPERVISORS,
    "supervise": SUPERVISORS,
    # decisions a supervisor takes, with a reason and (at a station) a PIN
    "release_hold": SUPERVISORS,
    "cancel_order": SUPERVISORS,
    "approve_override": SUPERVISORS,
    "resolve_interception": SUPERVISORS,
    "manage_tasks": SUPERVISORS,
    "manage_waves": SUPERVISORS,
    "retry_print": SUPERVISORS,
}


def can(role: str, action: str) -> bool:
    """Whether ``role`` may do ``action``; an unknown role may do nothing.

    An action missing from :data:`PERMISSIONS` raises ValueError: it is a typo in the
    caller, and refusing silently would hide a screen nobody can open."""
    allowed = PERMISSIONS.get(action)
    if allowed is None:
        known = ", ".join(sorted(PERMISSIONS))
        raise ValueError(f"unknown action {action!r} (known: {known})")
    return role in allowed
