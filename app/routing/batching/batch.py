"""Order batching for wave picking: which orders share one picker's cart.

A cart carries ``Capacity.orders`` totes (K), one order per tote, and
optionally at most ``Capacity.units`` units and ``Capacity.volume`` volume.
Each batch is picked in one tour routed with ``optimal``, so the distance of a
batch is ``route_distance(layout, picks of its orders, "optimal")`` and the
goal is the shortest total distance.  Pure Python; orders are only ever
compared through their picks' locations (pick ids need only be unique within
one order).

Methods (:data:`BATCHING_METHODS`)
----------------------------------
``fcfs``
    First come, first served, the baseline: orders in input order fill one
    cart after the other; a cart is closed as soon as the next order does not
    fit.
``seed``
    Seed batching (de Koster, van der Poort & Wolters 1999, "Efficient
    orderbatching methods in warehouses", IJPR 37(7)).  Seed rule: the
    unassigned order whose farthest pick is farthest from the depot (travel
    along the aisles), ties to the order visiting more aisles, then input
    order.  Order-addition rule: the order that adds the least route distance
    ``d(B ∪ {o}) − d(B)``, until the cart is full.
``savings``
    Clarke–Wright savings adapted to batching (de Koster et al.'s C&W(ii)):
    ``s(i, j) = d(i) + d(j) − d(i ∪ j)``; merge the pair of batches with the
    largest saving that fits one cart, cost the savings of the merged batch
    with its neighbours, repeat.  Unfilled batches left at the end are paired
    again among themselves.
``seed+ls`` / ``savings+ls``
    The above, improved by local search in the style of Henn & Wäscher (2012,
    "Tabu search heuristics for the order batching problem in manual order
    picking systems", EJOR 222(3)) and
    Henn et al. (2010, "Metaheuristics for the order batching problem in
    manual order picking systems", BuR 3(1)): SHIFT one order to another batch
    and SWAP two orders of different batches, first improvement, until no
    move improves (a local optimum) or ``time_limit`` is reached.  Moves are
    judged on exact distances only, so ``+ls`` is never longer than the
    construction it starts from.

Distances and scale
-------------------
An exact tour length costs 0.1–0.5 ms (the DP of :mod:`app.routing.optimal`
over 10–20 aisles, 1–2 blocks): far too dear to cost all pairs of 4,000
orders, or even every SWAP of 100.  So (constants in
:mod:`~app.routing.batching.core` and :mod:`~app.routing.batching.build`):

* Exact distances are memoised by ``frozenset`` of orders.
* Neighbour lists bound every neighbourhood.  Each order keeps the ``k``
  orders with the largest saving under a cheap model, ``2·horizontal extent
  (depot included) + aisle_length·aisles visited``, from aisle bit masks.  Up
  to 400 orders all pairs are ranked (O(n²) integer work, < 0.2 s); above
  that an order only ranks the orders that share one of its aisles and lie
  within 6 places of it in that aisle's (right-most aisle, centroid) order:
  O(n·a·w) for a aisles per order and window w.  ``k = 2400 // n`` clamped
  to 12…30 for waves decided exactly (longer lists measurably help small
  waves), 12 for big waves.
* ``seed`` ranks the candidates of each addition by the model and costs the
  best 6: O(6·n) distance evaluations.  ``savings`` costs the k pair savings
  of each order and, after each merge, the savings with the best 6 partner
  batches by model: O((k/2 + 6)·n) evaluations, plus a heap: O(n·k log n).
* Waves of at most :data:`~app.routing.batching.core.EXACT_DECISIONS_MAX`
  (200) orders take every decision on exact distances, and their local search
  costs every move of the neighbourhood exactly.  Bigger waves take the
  construction decisions on ``estimate`` — the best of the return, S-shape
  and largest-gap tours, a closed-form upper bound 4–8 % above the optimum
  on one block (with more blocks it ignores the middle cross aisles, so it
  is looser), computed from memoised per-aisle summaries so that the
  estimate of "batch + order" only touches their shared aisles, 10–40 times
  cheaper than the DP — and their
  local search only costs exactly the moves that grow the model by at most
  one aisle length and that the estimate says improve.  Measured on 60–150
  orders, deciding exactly gives 3–4 % shorter totals at ten times the time.
  Final batch distances are always exact.
* Local search: an order tries the batches of its ``k`` neighbours (SHIFT)
  and its neighbours themselves (SWAP): O(k) moves per examined order, two
  distance evaluations each (memo hits for batches that have not changed).
  Orders are re-examined only when their batch changed, so each pass after
  the first is cheap; ``time_limit`` bounds it (the clock is read every 8
  orders).  4,000 orders of 2–6 lines over 20 aisles, K = 8: about 1–1.5 s
  for savings and 1.5–2.5 s more for its local search on this project's
  (shared) 2-core machine; ``python bench/batching.py --only-scale``.

Capacity, oversize orders, determinism
--------------------------------------
Every batch holds at most K orders and, when limits are given, at most
``units`` units and ``volume`` volume (compared as ``math.fsum``).  An order
that alone exceeds the unit or volume limit cannot share a cart: it gets a
batch of its own (the picker takes it alone, with whatever equipment that
needs), it is never dropped.  Orders without picks (distance 0) go wherever
they fit.  Every order is in exactly one batch.  Batches are listed by their
first order's input position, orders within a batch in input order.  The
objective is distance, not the number of carts: savings merges whole batches
pairwise, so it can leave a few carts part-full (511 carts against FCFS's 500
for 4,000 orders at K = 8).

Results are deterministic for given inputs and ``seed`` (the seed shuffles
the local search's order of examination; the other methods ignore it) —
unless ``time_limit`` cuts the local search short, which depends on the
machine's speed.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass

from app.routing.batching.build import fcfs, savings_batches, seed_batches
from app.routing.batching.core import EXACT_DECISIONS_MAX, Instance, neighbour_count
from app.routing.batching.search import local_search
from app.routing.checks import identified, is_finite_number, is_int
from app.routing.geometry import Layout, Pick, validate_picks

__all__ = [
    "BATCHING_METHODS",
    "Batch",
    "BatchOrder",
    "BatchingResult",
    "Capacity",
    "batch_orders",
]

BATCHING_METHODS = ("fcfs", "seed", "savings", "seed+ls", "savings+ls")

# Local search screens (model slack, estimate slack) in aisle lengths, by
# whether construction used exact distances.
LS_SCREEN: dict[bool, tuple[float | None, float | None]] = {True: (None, None), False: (1.0, 0.0)}


@dataclass(frozen=True)
class BatchOrder:
    """One order to batch: its picks, its units and (optionally) its volume."""

    id: str
    picks: tuple[Pick, ...]
    units: int
    volume: float = 0.0


@dataclass(frozen=True)
class Capacity:
    """What one cart takes: ``orders`` totes (K) and optional unit/volume limits."""

    orders: int
    units: int | None = None
    volume: float | None = None


@dataclass
class Batch:
    """Orders picked in one tour and that tour's optimal length."""

    order_ids: list[str]
    distance: float


@dataclass
class BatchingResult:
    """All batches of a wave; ``total_distance`` is the sum of their distances."""

    method: str
    batches: list[Batch]
    total_distance: float


def _check_capacity(capacity: Capacity) -> None:
    if not isinstance(capacity, Capacity):
        raise ValueError(f"capacity must be a Capacity, got {capacity!r}")
    if not is_int(capacity.orders) or capacity.orders < 1:
        raise ValueError(f"capacity.orders must be an integer >= 1, got {capacity.orders!r}")
    if capacity.units is not None and (not is_int(capacity.units) or capacity.units < 1):
        raise ValueError(f"capacity.units must be None or an integer >= 1, got {capacity.units!r}")
    if capacity.volume is not None and (
        not is_finite_number(capacity.volume) or capacity.volume <= 0
    ):
        raise ValueError(f"capacity.volume must be None or a number > 0, got {capacity.volume!r}")


def _check_orders(layout: Layout, orders: Sequence[BatchOrder]) -> None:
    for _, order in identified(orders, BatchOrder, "order"):
        if not is_int(order.units) or order.units < 0:
            raise ValueError(
                f"order {order.id!r}: units must be an integer >= 0, got {order.units!r}"
            )
        if not is_finite_number(order.volume) or order.volume < 0:
            raise ValueError(
                f"order {order.id!r}: volume must be a number >= 0, got {order.volume!r}"
            )
        try:
            validate_picks(layout, order.picks)
        except ValueError as exc:
            raise ValueError(f"order {order.id!r}: {exc}") from None


def batch_orders(
    layout: Layout,
    orders: Sequence[BatchOrder],
    capacity: Capacity,
    method: str = "savings+ls",
    *,
    seed: int = 0,
    time_limit: float | None = None,
) -> BatchingResult:
    """Group ``orders`` into cart loads with ``method`` (see the module docstring).

    ``time_limit`` (seconds, from the call) stops the local search of the
    ``+ls`` methods early; construction always completes.  Raises
    ``ValueError`` for an unknown method, a bad capacity, duplicate order ids
    or picks that do not fit the layout.
    """
    started = time.perf_counter()
    if method not in BATCHING_METHODS:
        raise ValueError(
            f"unknown batching method {method!r}; choose one of {', '.join(BATCHING_METHODS)}"
        )
    if not isinstance(layout, Layout):
        raise ValueError(f"layout must be a Layout, got {layout!r}")
    _check_capacity(capacity)
    if time_limit is not None and (not is_finite_number(time_limit) or time_limit < 0):
        raise ValueError(f"time_limit must be None or a number >= 0, got {time_limit!r}")
    if not is_int(seed):
        raise ValueError(f"seed must be an integer, got {seed!r}")
    _check_orders(layout, orders)

    inst = Instance(
        layout,
        [o.picks for o in orders],
        [o.units for o in orders],
        [o.volume for o in orders],
        capacity.orders,
        capacity.units,
        capacity.volume,
    )
    groups = _batch_indices(inst, method, seed=seed, started=started, time_limit=time_limit)
    groups = sorted(sorted(g) for g in groups if g)
    batches = [Batch([orders[i].id for i in g], inst.exact(frozenset(g))) for g in groups]
    return BatchingResult(method, batches, math.fsum(b.distance for b in batches))


def _batch_indices(
    inst: Instance,
    method: str,
    *,
    seed: int = 0,
    started: float | None = None,
    time_limit: float | None = None,
) -> list[list[int]]:
    """The batches of ``method`` as lists of order positions (no validation)."""
    if started is None:
        started = time.perf_counter()
    single = [[i] for i in range(inst.n) if inst.oversize[i]]
    orders = [i for i in range(inst.n) if not inst.oversize[i]]
    exact = len(orders) <= EXACT_DECISIONS_MAX
    inst.neighbour_count = neighbour_count(len(orders), exact)
    base = method.removesuffix("+ls")
    if base == "fcfs":
        groups = fcfs(inst, orders)
    elif base == "seed":
        groups = seed_batches(inst, orders, exact)
    else:
        groups = savings_batches(inst, orders, exact)
    if method.endswith("+ls"):
        deadline = None if time_limit is None else started + time_limit
        neighbours = inst.neighbours(orders)
        groups = local_search(
            inst, groups, neighbours, seed=seed, deadline=deadline, screen=LS_SCREEN[exact]
        )
    return single + groups
