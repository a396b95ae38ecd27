"""The order status machine of DESIGN.md: the only legal ways an order's status may move.

    received → on_hold ⇄ approved → allocated → waved → picking → picked → packed
             → shipped → completed
    cancelled is reachable from every status before shipped.

A few backward steps exist because the floor needs them: an allocation can be
undone (allocated → approved) when stock is re-allocated, and an order can be
taken out of a wave before picking starts (waved → allocated). A cancel once
picking has started is an interception (拦截): see ``is_interception``.
"""

from __future__ import annotations

from enum import StrEnum


class OrderStatus(StrEnum):
    RECEIVED = "received"
    ON_HOLD = "on_hold"
    APPROVED = "approved"
    ALLOCATED = "allocated"
    WAVED = "waved"
    PICKING = "picking"
    PICKED = "picked"
    PACKED = "packed"
    SHIPPED = "shipped"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


S = OrderStatus

_FORWARD: dict[OrderStatus, frozenset[OrderStatus]] = {
    S.RECEIVED: frozenset({S.ON_HOLD, S.APPROVED}),
    S.ON_HOLD: frozenset({S.APPROVED}),
    S.APPROVED: frozenset({S.ON_HOLD, S.ALLOCATED}),
    S.ALLOCATED: frozenset({S.WAVED, S.APPROVED, S.ON_HOLD}),
    S.WAVED: frozenset({S.PICKING, S.ALLOCATED}),
    S.PICKING: frozenset({S.PICKED}),
    S.PICKED: frozenset({S.PACKED}),
    S.PACKED: frozenset({S.SHIPPED}),
    S.SHIPPED: frozenset({S.COMPLETED}),
    S.COMPLETED: frozenset(),
    S.CANCELLED: frozenset(),
}

CANCELLABLE: frozenset[OrderStatus] = frozenset(
    {S.RECEIVED, S.ON_HOLD, S.APPROVED, S.ALLOCATED, S.WAVED, S.PICKING, S.PICKED, S.PACKED}
)

# From here on goods have left their bins: a change on the platform cannot simply be
# applied, the next station that touches the order must stop it.
PICKING_STARTED: frozenset[OrderStatus] = frozenset({S.PICKING, S.PICKED, S.PACKED})

# Statuses in which an order holds reserved stock.
HOLDS_STOCK: frozenset[OrderStatus] = frozenset({S.ALLOCATED, S.WAVED, S.PICKING})


class IllegalTransition(ValueError):
    def __init__(self, order_no: str, current: OrderStatus, target: OrderStatus) -> None:
        allowed = sorted(allowed_targets(current))
        hint = f"allowed from {current}: {', '.join(allowed)}" if allowed else f"{current} is final"
        super().__init__(f"order {order_no}: cannot go from {current} to {target} ({hint})")
        self.order_no = order_no
        self.current = current
        self.target = target


def allowed_targets(current: OrderStatus) -> frozenset[OrderStatus]:
    targets = _FORWARD[current]
    if current in CANCELLABLE:
        targets = targets | {S.CANCELLED}
    return targets


def can_transition(current: OrderStatus, target: OrderStatus) -> bool:
    return target in allowed_targets(current)


def check_transition(order_no: str, current: OrderStatus | str, target: OrderStatus | str) -> None:
    current, target = OrderStatus(current), OrderStatus(target)
    if not can_transition(current, target):
        raise IllegalTransition(order_no, current, target)


def is_interception(current: OrderStatus | str) -> bool:
    """A cancel or change arriving now must be intercepted on the floor, not applied."""
    return OrderStatus(current) in PICKING_STARTED
