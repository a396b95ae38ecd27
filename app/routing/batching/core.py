"""Shared machinery of order batching: one wave as plain lists, distances, neighbours.

See :mod:`app.routing.batching.batch` for the method descriptions.  This module knows
nothing about the public dataclasses; orders are ints ``0 … n−1`` (their
position in the input) and a batch is any collection of them.

Three measures of a set ``S`` of orders, from exact and dear to rough and cheap:

``exact(S)``
    the length of the optimal tour through every pick of ``S`` (the
    Ratliff–Rosenthal dynamic programme of :mod:`app.routing.optimal`, i.e.
    ``route_distance(layout, picks, "optimal")``), memoised by ``frozenset``.
    Some 0.1–0.5 ms per call on 10–20 aisles and 1–2 blocks.
``estimate(S)``
    the best of three single-block textbook tours (return, S-shape, largest
    gap) through the same picks, computed in closed form from per-aisle
    summaries.  Each is a real tour (middle cross aisles simply unused), so it
    is an upper bound on ``exact``; on the benchmark instances it is 4–8 %
    above it on average.  10–40 times cheaper (the most for "batch + one order",
    whose summaries are memoised); memoised too.
``model``
    ``2·(horizontal extent, depot included) + aisle_length·(aisles visited)``
    from bit masks, a few integer operations: used only to rank and prune
    candidates (neighbour lists, shortlists), never to accept anything.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from operator import sub
from typing import TypeVar

from app.routing.geometry import Layout, Pick
from app.routing.optimal import optimal_distance

__all__ = ["Instance", "EXACT_DECISIONS_MAX", "NEIGHBOURS", "neighbour_count"]

# An aisle's picks: (lowest y, highest y, largest inner gap, sorted ys,
# largest-gap cost 2·min(high, L − low, L − gap)).
Cell = tuple[float, float, float, Sequence[float], float]
# A set of orders: (aisle bit mask, Σ 2·high, Σ largest-gap cost, cells by aisle).
Summary = tuple[int, float, float, dict[int, Cell]]
_NO_SUMMARY: Summary = (0, 0.0, 0.0, {})
V = TypeVar("V")

# Waves with at most this many orders to batch take every construction
# decision on exact distances; larger ones on ``estimate`` (see batching.py).
EXACT_DECISIONS_MAX = 200

# Length of each order's neighbour list (candidate partners for savings, seed
# and local search): NEIGHBOURS_WORK // n, clamped to [NEIGHBOURS, NEIGHBOURS_MAX]
# in the exact tier (so the work n·k stays bounded), NEIGHBOURS above it.
NEIGHBOURS = 12
NEIGHBOURS_MAX = 30
NEIGHBOURS_WORK = 2400

# Neighbour lists: all pairs up to this many orders, an aisle index above.
_ALL_PAIRS_MAX = 400
# Aisle index: orders taken from each of an order's aisles, either side of it
# in the (right-most aisle, centroid) order.
_INDEX_WINDOW = 6

# Memo size cap: a very long local search on a big wave would otherwise keep
# every set it ever looked at.  Cleared (not evicted) when reached.
_MEMO_MAX = 400_000


def neighbour_count(orders: int, exact: bool) -> int:
    """Neighbour list length for a wave of ``orders`` orders (see NEIGHBOURS)."""
    if not exact:
        return NEIGHBOURS
    return max(NEIGHBOURS, min(NEIGHBOURS_MAX, NEIGHBOURS_WORK // max(1, orders)))


class Instance:
    """One wave prepared for batching (orders are ints in input order)."""

    def __init__(
        self,
        layout: Layout,
        picks: Sequence[Sequence[Pick]],
        units: Sequence[int],
        volumes: Sequence[float],
        max_orders: int,
        max_units: int | None,
        max_volume: float | None,
    ) -> None:
        self.layout = layout
        self.n = len(picks)
        self.max_orders = max_orders
        self.max_units = max_units
        self.max_volume = max_volume
        self.units = list(units)
        self.volumes = [float(v) for v in volumes]
        self.length = layout.aisle_length
        spacing = layout.aisle_spacing
        depot_x = layout.depot_x
        # Pick ids only have to be unique within one order; the DP ignores ids,
        # so each order's picks get private ids that cannot clash in a batch.
        self.picks: list[tuple[Pick, ...]] = [
            tuple(Pick(f"{i}:{k}", p.aisle, p.y) for k, p in enumerate(ps))
            for i, ps in enumerate(picks)
        ]
        self.oversize = [
            (max_units is not None and self.units[i] > max_units)
            or (max_volume is not None and self.volumes[i] > max_volume)
            for i in range(self.n)
        ]
        # Per order: bit mask and horizontal extent (depot included) for the
        # model, sort keys, and the aisle summary behind ``estimate``.
        self.mask: list[int] = []
        self.xl: list[float] = []
        self.xr: list[float] = []
        self.centroid: list[float] = []
        self.far: list[float] = []
        self._summary: dict[frozenset[int], Summary] = {}
        for i, ps in enumerate(self.picks):
            per: dict[int, list[float]] = {}
            for p in ps:
                per.setdefault(p.aisle, []).append(float(p.y))
            cells = {a: self._cell(tuple(sorted(ys))) for a, ys in per.items()}
            mask = 0
            for a in per:
                mask |= 1 << a
            xs = [(a - 1) * spacing for a in per]
            self.mask.append(mask)
            self.xl.append(min([depot_x, *xs]))
            self.xr.append(max([depot_x, *xs]))
            self.centroid.append(sum(xs) / len(xs) if xs else depot_x)
            # Seed rule key: travel from the depot to the farthest pick.
            self.far.append(
                max((abs((p.aisle - 1) * spacing - depot_x) + p.y for p in ps), default=0.0)
            )
            self._summary[frozenset((i,))] = (
                mask,
                sum(2.0 * c[1] for c in cells.values()),
                sum(c[4] for c in cells.values()),
                cells,
            )
        self._exact: dict[frozenset[int], float] = {}
        self._estimate: dict[frozenset[int], float] = {}
        self._neighbours: tuple[tuple[frozenset[int], int], dict[int, list[int]]] | None = None
        self.neighbour_count = NEIGHBOURS  # set per wave by batching._batch_indices
        self.exact_calls = 0
        self.estimate_calls = 0

    # -- capacity --------------------------------------------------------------
    def fits(self, members: Iterable[int]) -> bool:
        """Whether ``members`` fit one cart (orders, units, volume).

        Volume is compared as ``math.fsum`` of the orders' volumes, which does
        not depend on the order of summation.
        """
        members = list(members)
        if len(members) > self.max_orders:
            return False
        if self.max_units is not None and sum(self.units[i] for i in members) > self.max_units:
            return False
        if self.max_volume is not None:
            if math.fsum(self.volumes[i] for i in members) > self.max_volume:
                return False
        return True

    # -- distances -------------------------------------------------------------
    def exact(self, key: frozenset[int]) -> float:
        """Optimal tour length through every pick of the orders in ``key``."""
        d = self._exact.get(key)
        if d is None:
            picks = [p for i in key for p in self.picks[i]]
            d = optimal_distance(self.layout, picks) if picks else 0.0
            if len(self._exact) >= _MEMO_MAX:
                self._exact.clear()
            self._exact[key] = d
            self.exact_calls += 1
        return d

    def estimate(self, key: frozenset[int]) -> float:
        """Best of return / S-shape / largest gap (an upper bound on ``exact``)."""
        d = self._estimate.get(key)
        if d is None:
            d = self._estimate_of(self.summary(key), _NO_SUMMARY)
            self._remember(self._estimate, key, d)
        return d

    def estimate_union(self, part1: frozenset[int], part2: frozenset[int]) -> float:
        """``estimate(part1 | part2)`` from the parts' summaries (disjoint parts).

        Only the aisles both parts visit are merged, so this is cheap when
        the parts' summaries are known (memoised), e.g. a batch and one order.
        """
        key = part1 | part2
        d = self._estimate.get(key)
        if d is None:
            d = self._estimate_of(self.summary(part1), self.summary(part2))
            self._remember(self._estimate, key, d)
        return d

    def summary(self, key: frozenset[int]) -> Summary:
        """Aisle summary of a set of orders (memoised)."""
        s = self._summary.get(key)
        if s is None:
            s = _NO_SUMMARY
            for i in key:
                s = self._union(s, self._summary[frozenset((i,))])
            self._remember(self._summary, key, s)
        return s

    def _remember(self, memo: dict[frozenset[int], V], key: frozenset[int], value: V) -> None:
        if len(memo) >= _MEMO_MAX:
            singles = (
                {k: v for k, v in memo.items() if len(k) == 1} if memo is self._summary else {}
            )
            memo.clear()
            memo.update(singles)
        memo[key] = value
        self.estimate_calls += memo is self._estimate

    def _cell(self, ys: tuple[float, ...]) -> Cell:
        length = self.length
        low, high, gap = ys[0], ys[-1], _largest_gap(ys)
        return (low, high, gap, ys, 2.0 * min(high, length - low, length - gap))

    def _union(self, s1: Summary, s2: Summary) -> Summary:
        m1, ret, lg, c1 = s1
        m2, ret2, lg2, c2 = s2
        cells = dict(c1)
        cells.update(c2)
        ret += ret2
        lg += lg2
        shared = m1 & m2
        while shared:
            bit = shared & -shared
            shared ^= bit
            a = bit.bit_length() - 1
            u, v = c1[a], c2[a]
            cells[a] = w = self._cell(tuple(sorted((*u[3], *v[3]))))
            ret += 2.0 * (w[1] - u[1] - v[1])
            lg += w[4] - u[4] - v[4]
        return (m1 | m2, ret, lg, cells)

    def _estimate_of(self, s1: Summary, s2: Summary) -> float:
        """Estimate of the union of two disjoint summarised sets.

        Per aisle (a cell): return costs ``2·high``; largest gap costs
        ``2·min(high, L − low, L − inner gap)`` for the aisles strictly between
        the first and the last, which are traversed.  S-shape traverses every
        aisle, an odd last one being a return.  Horizontal travel is the
        extent (depot included) twice in all three.
        """
        m1, ret, lg, c1 = s1
        m2, ret2, lg2, c2 = s2
        mask = m1 | m2
        if not mask:
            return 0.0
        ret += ret2
        lg += lg2
        merged: dict[int, Cell] = {}
        shared = m1 & m2
        length = self.length
        while shared:
            bit = shared & -shared
            shared ^= bit
            a = bit.bit_length() - 1
            u, v = c1[a], c2[a]
            ys = sorted((*u[3], *v[3]))
            low, high = ys[0], ys[-1]
            gap = max(map(sub, ys[1:], ys))
            lgc = 2.0 * min(high, length - low, length - gap)
            merged[a] = (low, high, gap, ys, lgc)
            ret += 2.0 * (high - u[1] - v[1])
            lg += lgc - u[4] - v[4]
        first = (mask & -mask).bit_length() - 1
        last = mask.bit_length() - 1
        spacing, depot_x = self.layout.aisle_spacing, self.layout.depot_x
        horizontal = 2.0 * (
            max(depot_x, (last - 1) * spacing) - min(depot_x, (first - 1) * spacing)
        )
        best = horizontal + ret
        if first != last:
            cf = merged.get(first) or c1.get(first) or c2[first]
            cl = merged.get(last) or c1.get(last) or c2[last]
            best = min(best, horizontal + 2.0 * length + lg - cf[4] - cl[4])
            m = mask.bit_count()
            s_shape = horizontal + (m - (m & 1)) * length
            if m & 1:
                s_shape += 2.0 * cl[1]
            best = min(best, s_shape)
        return best

    def cost(self, key: frozenset[int], exact: bool) -> float:
        """The distance construction decisions use: exact or estimated."""
        return self.exact(key) if exact else self.estimate(key)

    def cost_union(self, part1: frozenset[int], part2: frozenset[int], exact: bool) -> float:
        """``cost(part1 | part2, exact)`` for disjoint parts."""
        return self.exact(part1 | part2) if exact else self.estimate_union(part1, part2)

    def summary_union(self, part1: frozenset[int], part2: frozenset[int]) -> Summary:
        """Summary of ``part1 | part2`` from the parts' summaries (memoised)."""
        key = part1 | part2
        s = self._summary.get(key)
        if s is None:
            s = self._union(self.summary(part1), self.summary(part2))
            self._remember(self._summary, key, s)
        return s

    # -- the cheap model -------------------------------------------------------
    def model_saving(
        self, mask1: int, xl1: float, xr1: float, mask2: int, xl2: float, xr2: float
    ) -> float:
        """``model(A) + model(B) − model(A ∪ B)`` for two sets given by summaries."""
        overlap = min(xr1, xr2) - max(xl1, xl2)  # both extents contain the depot
        return 2.0 * overlap + self.length * (mask1 & mask2).bit_count()

    def model_added(self, mask: int, xl: float, xr: float, i: int) -> float:
        """``model(S ∪ {i}) − model(S)`` for a set given by its summary."""
        grow = max(xr, self.xr[i]) - xr + xl - min(xl, self.xl[i])
        return 2.0 * grow + self.length * (self.mask[i] & ~mask).bit_count()

    # -- neighbour lists -------------------------------------------------------
    def neighbours(self, orders: Sequence[int], k: int | None = None) -> dict[int, list[int]]:
        """For each order, up to ``k`` other orders ranked by model saving.

        ``k`` defaults to ``self.neighbour_count``.  Ties are broken by centroid distance, then input position, so lists
        are deterministic.  Orders without picks get empty lists (they cost
        nothing anywhere).  All pairs up to ``_ALL_PAIRS_MAX`` orders (O(n²)
        integer work); above that each order only looks at the orders that
        share one of its aisles and sit near it in the (right-most aisle,
        centroid) order of that aisle's index: O(n·a·w) for a aisles per order
        and window w, then a sort of those candidates.
        """
        if k is None:
            k = self.neighbour_count
        with_picks = [i for i in orders if self.mask[i]]
        memo_key = (frozenset(with_picks), k)
        if self._neighbours is not None and self._neighbours[0] == memo_key:
            cached = self._neighbours[1]
            return {i: cached.get(i, []) for i in orders}
        result: dict[int, list[int]] = {i: [] for i in orders}
        if len(with_picks) <= _ALL_PAIRS_MAX:
            pools: Mapping[int, Iterable[int]] = {i: with_picks for i in with_picks}
        else:
            pools = self._index_pools(with_picks)
        mask, xl, xr, cen = self.mask, self.xl, self.xr, self.centroid
        saving = self.model_saving
        for i in with_picks:
            mi, li, ri, ci = mask[i], xl[i], xr[i], cen[i]
            scored = [
                (-saving(mi, li, ri, mask[j], xl[j], xr[j]), abs(cen[j] - ci), j)
                for j in pools[i]
                if j != i
            ]
            scored.sort()
            result[i] = [j for _, _, j in scored[:k]]
        self._neighbours = (memo_key, result)
        return result

    def _index_pools(self, orders: Sequence[int]) -> dict[int, set[int]]:
        by_aisle: dict[int, list[tuple[float, float, int]]] = {}
        keys = {i: (self.xr[i], self.centroid[i], i) for i in orders}
        for i in orders:
            m = self.mask[i]
            while m:
                low = m & -m
                by_aisle.setdefault(low.bit_length() - 1, []).append(keys[i])
                m ^= low
        for entries in by_aisle.values():
            entries.sort()
        pools: dict[int, set[int]] = {}
        w = _INDEX_WINDOW
        for i in orders:
            pool: set[int] = set()
            m = self.mask[i]
            while m:
                low = m & -m
                entries = by_aisle[low.bit_length() - 1]
                at = bisect_left(entries, keys[i])
                pool.update(e[2] for e in entries[max(0, at - w) : at + w + 1])
                m ^= low
            pools[i] = pool
        return pools


def _largest_gap(ys: Sequence[float]) -> float:
    """Largest gap between consecutive sorted heights (0 for fewer than two)."""
    return max(map(sub, ys[1:], ys), default=0.0)
