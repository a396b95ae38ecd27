"""Construction heuristics for order batching: FCFS, seed and savings.

Each takes an :class:`~app.routing.batching.core.Instance` and the orders to
batch (ints, oversize orders already removed) and returns a list of batches
(lists of ints).  Descriptions and complexity: :mod:`app.routing.batching.batch`.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from app.routing.batching.core import Instance

__all__ = ["fcfs", "seed_batches", "savings_batches", "SHORTLIST", "MERGE_CANDIDATES"]

# Seed: candidates are ranked by the model; this many are costed properly.
SHORTLIST = 6
# Savings: after a merge, this many partner batches (best by model) get a saving.
MERGE_CANDIDATES = 6
# Savings clean-up: all pairs of unfilled batches up to this many, else model-nearest.
_CLEANUP_ALL_PAIRS = 60
# Distances are compared with this relative tolerance (floating-point noise).
_EPS = 1e-9


def fcfs(inst: Instance, orders: Sequence[int]) -> list[list[int]]:
    """First come, first served: fill one cart after the other in input order."""
    batches: list[list[int]] = []
    current: list[int] = []
    for i in orders:
        if current and not inst.fits([*current, i]):
            batches.append(current)
            current = []
        current.append(i)
    if current:
        batches.append(current)
    return batches


def _split_empty(inst: Instance, orders: Sequence[int]) -> tuple[list[int], list[int]]:
    with_picks = [i for i in orders if inst.mask[i]]
    empty = [i for i in orders if not inst.mask[i]]
    return with_picks, empty


def _place_empty(inst: Instance, batches: list[list[int]], empty: list[int]) -> None:
    """Put orders without picks wherever they fit (they add no distance)."""
    leftovers: list[int] = []
    for i in empty:
        for batch in batches:
            if inst.fits([*batch, i]):
                batch.append(i)
                break
        else:
            leftovers.append(i)
    batches.extend(fcfs(inst, leftovers))


# -- seed ------------------------------------------------------------------------


def seed_batches(inst: Instance, orders: Sequence[int], exact: bool) -> list[list[int]]:
    """Seed batching (de Koster, van der Poort & Wolters 1999).

    Seed: the unassigned order whose farthest pick is farthest from the depot
    (travel along the aisles), ties to the one visiting more aisles, then input
    order.  Then, while the cart has room, add the order that adds the least
    distance ``d(B ∪ {o}) − d(B)``.  Candidates are the unassigned
    neighbours of the orders already in the cart that fit; when none fits,
    unassigned orders sharing an aisle with the cart, then the first that fit
    in seed order.  The model ranks them and the best :data:`SHORTLIST` are
    costed.
    """
    with_picks, empty = _split_empty(inst, orders)
    neighbours = inst.neighbours(with_picks)
    seed_order = sorted(with_picks, key=lambda i: (-inst.far[i], -inst.mask[i].bit_count(), i))
    unassigned = set(with_picks)
    by_aisle = _aisle_lists(inst, seed_order)
    smallest = _Smallest(inst, with_picks)
    cursor = 0
    batches: list[list[int]] = []
    while unassigned:
        while seed_order[cursor] not in unassigned:
            cursor += 1
        s = seed_order[cursor]
        unassigned.discard(s)
        batch = [s]
        room = _Room(inst, batch)
        key = frozenset(batch)
        d_batch = inst.cost(key, exact)
        mask, xl, xr = inst.mask[s], inst.xl[s], inst.xr[s]
        while unassigned and room.any_left(smallest.units(unassigned)):
            fitting = [
                j
                for j in {j for i in batch for j in neighbours[i] if j in unassigned}
                if room.takes(j)
            ]
            if not fitting:
                fitting = [j for j in _aisle_pool(by_aisle, mask, unassigned) if room.takes(j)]
            if not fitting:
                fitting = _first_fitting(room, seed_order, cursor, unassigned)
            if not fitting:
                break
            ranked = sorted(fitting, key=lambda j: (inst.model_added(mask, xl, xr, j), j))
            best, best_add = -1, 0.0
            for j in ranked[:SHORTLIST]:
                add = inst.cost_union(key, frozenset((j,)), exact) - d_batch
                if best < 0 or add < best_add - _EPS * (1.0 + abs(best_add)):
                    best, best_add = j, add
            batch.append(best)
            room.add(best)
            unassigned.discard(best)
            if not exact:
                inst.summary_union(key, frozenset((best,)))
            key = key | {best}
            d_batch += best_add
            mask |= inst.mask[best]
            xl, xr = min(xl, inst.xl[best]), max(xr, inst.xr[best])
        batches.append(batch)
    _place_empty(inst, batches, empty)
    return batches


class _Room:
    """What is left in one cart: a quick test before the full capacity check."""

    def __init__(self, inst: Instance, batch: list[int]) -> None:
        self.inst = inst
        self.batch = batch
        self.count = len(batch)
        self.units = sum(inst.units[i] for i in batch)

    def add(self, i: int) -> None:
        self.count += 1
        self.units += self.inst.units[i]

    def any_left(self, smallest_units: int) -> bool:
        """Whether an order of ``smallest_units`` could still fit."""
        inst = self.inst
        if self.count >= inst.max_orders:
            return False
        return inst.max_units is None or self.units + smallest_units <= inst.max_units

    def takes(self, i: int) -> bool:
        inst = self.inst
        if self.count >= inst.max_orders:
            return False
        if inst.max_units is not None and self.units + inst.units[i] > inst.max_units:
            return False
        return inst.max_volume is None or inst.fits([*self.batch, i])


class _Smallest:
    """Fewest units of any unassigned order (amortised O(1) per query)."""

    def __init__(self, inst: Instance, orders: list[int]) -> None:
        self.inst = inst
        self.by_units = sorted(orders, key=lambda i: inst.units[i])
        self.at = 0

    def units(self, unassigned: set[int]) -> int:
        by_units = self.by_units
        while self.at < len(by_units) and by_units[self.at] not in unassigned:
            self.at += 1
        return self.inst.units[by_units[self.at]] if self.at < len(by_units) else 0


def _aisle_lists(inst: Instance, orders: Sequence[int]) -> dict[int, list[int]]:
    by_aisle: dict[int, list[int]] = {}
    for i in orders:
        m = inst.mask[i]
        while m:
            low = m & -m
            by_aisle.setdefault(low.bit_length() - 1, []).append(i)
            m ^= low
    return by_aisle


def _aisle_pool(
    by_aisle: dict[int, list[int]], mask: int, unassigned: set[int], per_aisle: int = 8
) -> set[int]:
    """Up to ``per_aisle`` unassigned orders from each aisle of ``mask``.

    Assigned orders are pruned from the lists as they are met, so the total
    work over a whole run is linear in the size of the lists.
    """
    pool: set[int] = set()
    m = mask
    while m:
        low = m & -m
        aisle = low.bit_length() - 1
        entries = by_aisle.get(aisle, [])
        kept = [i for i in entries if i in unassigned]
        by_aisle[aisle] = kept
        pool.update(kept[:per_aisle])
        m ^= low
    return pool


def _first_fitting(
    room: _Room, seed_order: list[int], cursor: int, unassigned: set[int], count: int = 8
) -> list[int]:
    """The first ``count`` unassigned orders (in seed order) that fit."""
    out = []
    for i in seed_order[cursor:]:
        if i in unassigned and room.takes(i):
            out.append(i)
            if len(out) == count:
                break
    return out


# -- savings -----------------------------------------------------------------------


class _Merger:
    """Batches under construction for the savings method."""

    def __init__(self, inst: Instance, exact: bool) -> None:
        self.inst = inst
        self.exact = exact
        self.members: dict[int, list[int]] = {}
        self.key: dict[int, frozenset[int]] = {}
        self.dist: dict[int, float] = {}
        self.mask: dict[int, int] = {}
        self.xl: dict[int, float] = {}
        self.xr: dict[int, float] = {}
        self.units: dict[int, int] = {}
        self.batch_of: dict[int, int] = {}
        self.next_id = 0
        self.heap: list[tuple[float, int, int]] = []

    def add(self, members: list[int]) -> int:
        inst = self.inst
        b = self.next_id
        self.next_id += 1
        self.members[b] = members
        self.key[b] = key = frozenset(members)
        self.dist[b] = inst.cost(key, self.exact)
        mask, xl, xr = 0, inst.layout.depot_x, inst.layout.depot_x
        for i in members:
            mask |= inst.mask[i]
            xl, xr = min(xl, inst.xl[i]), max(xr, inst.xr[i])
            self.batch_of[i] = b
        self.mask[b], self.xl[b], self.xr[b] = mask, xl, xr
        self.units[b] = sum(inst.units[i] for i in members)
        return b

    def can_merge(self, a: int, b: int) -> bool:
        inst = self.inst
        if len(self.members[a]) + len(self.members[b]) > inst.max_orders:
            return False
        if inst.max_units is not None and self.units[a] + self.units[b] > inst.max_units:
            return False
        return inst.max_volume is None or inst.fits(self.members[a] + self.members[b])

    def can_grow(self, b: int, smallest_units: int) -> bool:
        """Whether batch ``b`` has room for one more order of ``smallest_units``."""
        members = self.members[b]
        if len(members) >= self.inst.max_orders:
            return False
        limit = self.inst.max_units
        return limit is None or self.units[b] + smallest_units <= limit

    def push(self, a: int, b: int) -> None:
        """Cost the merge of ``a`` and ``b`` and queue it by saving."""
        union = self.inst.cost_union(self.key[a], self.key[b], self.exact)
        saving = self.dist[a] + self.dist[b] - union
        if saving >= -_EPS * (1.0 + self.dist[a] + self.dist[b]):
            lo, hi = (a, b) if a < b else (b, a)
            heapq.heappush(self.heap, (-saving, lo, hi))

    def model_saving(self, a: int, b: int) -> float:
        return self.inst.model_saving(
            self.mask[a], self.xl[a], self.xr[a], self.mask[b], self.xl[b], self.xr[b]
        )

    def push_best(self, b: int, partners: set[int], limit: int) -> None:
        """Queue the ``limit`` mergeable partners of ``b`` the model likes best."""
        ok = [c for c in partners if c != b and self.can_merge(b, c)]
        ok.sort(key=lambda c: (-self.model_saving(b, c), c))
        for c in ok[:limit]:
            self.push(b, c)

    def run(self, neighbours: dict[int, list[int]]) -> int:
        """Merge in order of saving until the queue is empty; the merge count."""
        merges = 0
        members, heap = self.members, self.heap
        while heap:
            _, a, b = heapq.heappop(heap)
            if a not in members or b not in members or not self.can_merge(a, b):
                continue
            if not self.exact:
                self.inst.summary_union(self.key[a], self.key[b])
            merged = members.pop(a) + members.pop(b)
            for old in (a, b):
                del self.key[old], self.dist[old], self.mask[old], self.xl[old], self.xr[old]
                del self.units[old]
            new = self.add(merged)
            merges += 1
            if len(merged) < self.inst.max_orders:
                partners = {self.batch_of[j] for i in merged for j in neighbours.get(i, ())}
                self.push_best(new, partners, MERGE_CANDIDATES)
        return merges


def savings_batches(inst: Instance, orders: Sequence[int], exact: bool) -> list[list[int]]:
    """Clarke–Wright savings adapted to batching, C&W(ii) style.

    Every order starts alone.  For each order and each of its neighbours the
    saving ``s(i, j) = d(i) + d(j) − d(i ∪ j)`` is queued; the largest saving
    whose two batches still exist and fit one cart is merged, and the merged
    batch's savings with the batches of its orders' neighbours (best
    :data:`MERGE_CANDIDATES` by model) are computed and queued.  When the
    queue runs dry, unfilled batches are paired again among themselves (all
    pairs when few, model-nearest otherwise) until no merge happens.
    """
    with_picks, empty = _split_empty(inst, orders)
    merger = _Merger(inst, exact)
    for i in with_picks:
        merger.add([i])
    neighbours = inst.neighbours(with_picks)
    for i in with_picks:
        for j in neighbours[i]:
            if i < j or i not in neighbours.get(j, ()):
                a, b = merger.batch_of[i], merger.batch_of[j]
                if merger.can_merge(a, b):
                    merger.push(a, b)
    merger.run(neighbours)
    smallest = min((inst.units[i] for i in with_picks), default=0)
    while True:
        open_ = sorted(b for b, m in merger.members.items() if merger.can_grow(b, smallest))
        if len(open_) < 2:
            break
        if len(open_) <= _CLEANUP_ALL_PAIRS:
            for k, a in enumerate(open_):
                for b in open_[k + 1 :]:
                    if merger.can_merge(a, b):
                        merger.push(a, b)
        else:
            rest = set(open_)
            for a in open_:
                merger.push_best(a, rest, MERGE_CANDIDATES)
        if not merger.run(neighbours):
            break
    batches = [merger.members[b] for b in sorted(merger.members)]
    _place_empty(inst, batches, empty)
    return batches
