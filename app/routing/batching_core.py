"""Shared machinery of order batching: one wave as plain lists, distances, neighbours.

See :mod:`app.routing.batching` for the method descriptions.  This module knows
nothing about the public dataclasses; orders are ints ``0 … n−1`` (their
position in the input) and a batch is any collection of them.

Three measures of a set ``S`` of orders, from exact and dear to rough and cheap:

``exact(S)``
    the length of the optimal tour through every pick of ``S`` (the
    Ratliff–Rosenthal dynamic programme of :mod:`app.routing.optimal`, i.e.
    ``route_distance(layout, picks, "optimal")``), memoised by ``frozenset``.
    Some 0.1–0.4 ms per call on 10–20 aisles.
``estimate(S)``
    the best of three single-block textbook tours (return, S-shape, largest
    gap) through the same picks, computed in closed form from per-aisle
    summaries.  Each is a real tour (middle cross aisles simply unused), so it
    is an upper bound on ``exact``; on the benchmark instances it is some 5 %
    above it on average.  About ten times cheaper; memoised too.
``model``
    ``2·(horizontal extent, depot included) + aisle_length·(aisles visited)``
    from bit masks, a few integer operations: used only to rank and prune
    candidates (neighbour lists, shortlists), never to accept anything.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterable, Sequence

from app.routing.geometry import Layout, Pick
from app.routing.optimal import optimal_distance

__all__ = ["Instance", "EXACT_DECISIONS_MAX", "NEIGHBOURS"]

# Waves with at most this many orders to batch take every construction
# decision on exact distances; larger ones on ``estimate`` (see batching.py).
EXACT_DECISIONS_MAX = 300

# Length of each order's neighbour list (candidate partners for savings, seed
# and local search).
NEIGHBOURS = 12

# Neighbour lists: all pairs up to this many orders, an aisle index above.
_ALL_PAIRS_MAX = 400
# Aisle index: orders taken from each of an order's aisles, either side of it
# in the (right-most aisle, centroid) order.
_INDEX_WINDOW = 6

# Memo size cap: a very long local search on a big wave would otherwise keep
# every set it ever looked at.  Cleared (not evicted) when reached.
_MEMO_MAX = 400_000


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
        # Per order: aisle summaries for ``estimate``; bit mask and horizontal
        # extent (depot included) for ``model``; sort keys.
        self.cells: list[tuple[tuple[int, float, float, float, tuple[float, ...]], ...]] = []
        self.mask: list[int] = []
        self.xl: list[float] = []
        self.xr: list[float] = []
        self.centroid: list[float] = []
        self.far: list[float] = []
        for ps in self.picks:
            per: dict[int, list[float]] = {}
            for p in ps:
                per.setdefault(p.aisle, []).append(float(p.y))
            cells = []
            mask = 0
            for a in sorted(per):
                ys = tuple(sorted(per[a]))
                cells.append((a, ys[0], ys[-1], _largest_gap(ys), ys))
                mask |= 1 << a
            self.cells.append(tuple(cells))
            self.mask.append(mask)
            xs = [(a - 1) * spacing for a in per]
            self.xl.append(min([depot_x, *xs]))
            self.xr.append(max([depot_x, *xs]))
            self.centroid.append(sum(xs) / len(xs) if xs else depot_x)
            # Seed rule key: travel from the depot to the farthest pick.
            self.far.append(
                max((abs((p.aisle - 1) * spacing - depot_x) + p.y for p in ps), default=0.0)
            )
        self._exact: dict[frozenset[int], float] = {}
        self._estimate: dict[frozenset[int], float] = {}
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
            d = self._estimate_uncached(key)
            if len(self._estimate) >= _MEMO_MAX:
                self._estimate.clear()
            self._estimate[key] = d
            self.estimate_calls += 1
        return d

    def _estimate_uncached(self, key: Iterable[int]) -> float:
        per: dict[int, tuple] = {}
        merged: set[int] = set()
        for i in key:
            for cell in self.cells[i]:
                a = cell[0]
                cur = per.get(a)
                if cur is None:
                    per[a] = cell
                else:
                    per[a] = (a, 0.0, 0.0, 0.0, cur[4] + cell[4])
                    merged.add(a)
        if not per:
            return 0.0
        for a in merged:
            ys = tuple(sorted(per[a][4]))
            per[a] = (a, ys[0], ys[-1], _largest_gap(ys), ys)
        length = self.length
        spacing = self.layout.aisle_spacing
        depot_x = self.layout.depot_x
        aisles = sorted(per)
        first, last = aisles[0], aisles[-1]
        xl = min(depot_x, (first - 1) * spacing)
        xr = max(depot_x, (last - 1) * spacing)
        horizontal = 2.0 * (xr - xl)
        ret = 0.0  # return: every aisle entered and left at the front
        inner = 0.0  # largest gap, aisles strictly between the first and the last
        for a in aisles:
            _, low, high, gap, _ys = per[a]
            ret += 2.0 * high
            if a != first and a != last:
                inner += 2.0 * min(high, length - low, length - gap)
        best = horizontal + ret
        m = len(aisles)
        if m > 1:
            # largest gap: first and last aisle traversed, the rest from either end
            best = min(best, horizontal + 2.0 * length + inner)
            # S-shape: traverse all; with an odd count the last is a return
            s_shape = horizontal + (m - (m & 1)) * length
            if m & 1:
                s_shape += 2.0 * per[last][2]
            best = min(best, s_shape)
        return best

    def cost(self, key: frozenset[int], exact: bool) -> float:
        """The distance construction decisions use: exact or estimated."""
        return self.exact(key) if exact else self.estimate(key)

    # -- the cheap model -------------------------------------------------------
    def model_saving(self, mask1: int, xl1: float, xr1: float, mask2: int, xl2: float, xr2: float) -> float:
        """``model(A) + model(B) − model(A ∪ B)`` for two sets given by summaries."""
        overlap = min(xr1, xr2) - max(xl1, xl2)  # both extents contain the depot
        return 2.0 * overlap + self.length * (mask1 & mask2).bit_count()

    def model_added(self, mask: int, xl: float, xr: float, i: int) -> float:
        """``model(S ∪ {i}) − model(S)`` for a set given by its summary."""
        grow = max(xr, self.xr[i]) - xr + xl - min(xl, self.xl[i])
        return 2.0 * grow + self.length * (self.mask[i] & ~mask).bit_count()

    # -- neighbour lists -------------------------------------------------------
    def neighbours(self, orders: Sequence[int], k: int = NEIGHBOURS) -> dict[int, list[int]]:
        """For each order, up to ``k`` other orders ranked by model saving.

        Ties are broken by centroid distance, then input position, so lists
        are deterministic.  Orders without picks get empty lists (they cost
        nothing anywhere).  All pairs up to ``_ALL_PAIRS_MAX`` orders (O(n²)
        integer work); above that each order only looks at the orders that
        share one of its aisles and sit near it in the (right-most aisle,
        centroid) order of that aisle's index: O(n·a·w) for a aisles per order
        and window w, then a sort of those candidates.
        """
        with_picks = [i for i in orders if self.mask[i]]
        result: dict[int, list[int]] = {i: [] for i in orders}
        if len(with_picks) <= _ALL_PAIRS_MAX:
            pools: dict[int, Iterable[int]] = {i: with_picks for i in with_picks}
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
    gap = 0.0
    for k in range(1, len(ys)):
        g = ys[k] - ys[k - 1]
        if g > gap:
            gap = g
    return gap
