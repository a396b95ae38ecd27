"""The aisle graph and shortest paths in it.

Two independent ways to measure travel, on purpose:

* closed-form point-to-point distances (:func:`point_distance`,
  :func:`depot_distance`), O(1) each, used by :func:`sequence_length` and so by
  ``tour_length`` — fast enough to check every route we produce;
* an explicit graph (:class:`AisleGraph`) with Dijkstra, which is the
  definition of "travel only along aisles and cross aisles".  Tests use it to
  check the closed form and to build the distance matrix for the exhaustive
  (Held–Karp) reference that ``optimal`` is compared against.

Closed form.  Between two points in the same aisle the straight vertical
path is shortest.  Between different aisles a path needs horizontal travel
``|x1 − x2|`` and must leave and re-enter the aisles through some cross aisle;
the best vertical part is ``|y1 − y2|`` when a cross aisle lies between the two
heights, otherwise (both strictly inside the same block) the cheaper detour
via that block's front or back cross aisle.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Iterable, Sequence

from app.routing.geometry import Layout, Pick, aisle_x, cross_aisle_ys

__all__ = [
    "AisleGraph",
    "point_distance",
    "depot_distance",
    "sequence_length",
]

Point = tuple[float, float]


def point_distance(
    layout: Layout, cross_ys: Sequence[float], a1: int, y1: float, a2: int, y2: float
) -> float:
    """Shortest travel between (aisle ``a1``, ``y1``) and (aisle ``a2``, ``y2``)."""
    if a1 == a2:
        return abs(y1 - y2)
    dx = abs(a1 - a2) * layout.aisle_spacing
    lo, hi = (y1, y2) if y1 <= y2 else (y2, y1)
    k = bisect_left(cross_ys, lo)  # first cross aisle at or above ``lo``
    if cross_ys[k] <= hi:  # k <= blocks always holds because lo <= aisle_length
        return dx + hi - lo
    # Both strictly inside block (k-1, k): turn round via its front or back.
    return dx + min(lo + hi - 2.0 * cross_ys[k - 1], 2.0 * cross_ys[k] - lo - hi)


def depot_distance(layout: Layout, aisle: int, y: float) -> float:
    """Shortest travel from the depot (front cross aisle, x = depot_x) to a point."""
    return abs(aisle_x(layout, aisle) - layout.depot_x) + y


def sequence_length(layout: Layout, picks: Sequence[Pick], sequence: Sequence[str]) -> float:
    """Length of depot → picks in ``sequence`` order → depot, shortest paths between.

    ``sequence`` must name every pick exactly once (``ValueError`` otherwise):
    it is used to verify routes, so a missing or repeated pick is an error,
    not a shorter tour.
    """
    by_id = {p.id: p for p in picks}
    if len(by_id) != len(picks):
        raise ValueError("pick ids are not unique")
    if len(sequence) != len(by_id) or set(sequence) != by_id.keys():
        missing = sorted(by_id.keys() - set(sequence))
        extra = sorted(set(sequence) - by_id.keys())
        raise ValueError(
            "sequence must list every pick id exactly once"
            + (f"; missing {missing}" if missing else "")
            + (f"; unknown {extra}" if extra else "")
            + ("; repeated ids" if not missing and not extra else "")
        )
    if not sequence:
        return 0.0
    cross_ys = cross_aisle_ys(layout)
    first = by_id[sequence[0]]
    total = depot_distance(layout, first.aisle, first.y)
    prev = first
    for pid in sequence[1:]:
        cur = by_id[pid]
        total += point_distance(layout, cross_ys, prev.aisle, prev.y, cur.aisle, cur.y)
        prev = cur
    return total + depot_distance(layout, prev.aisle, prev.y)


class AisleGraph:
    """Explicit graph of aisles and cross aisles with extra points on it.

    Vertices are ``(x, y)`` points: every aisle/cross-aisle intersection, the
    depot, and every point passed to the constructor.  Edges join consecutive
    vertices along each aisle and along each cross aisle; the front cross aisle
    is extended to the depot when the depot lies beyond the outermost aisle.
    """

    def __init__(self, layout: Layout, points: Iterable[tuple[int, float]] = ()) -> None:
        self.layout = layout
        self.depot: Point = (layout.depot_x, 0.0)
        cross_ys = cross_aisle_ys(layout)
        xs = [aisle_x(layout, a) for a in range(1, layout.aisles + 1)]
        per_aisle: list[set[float]] = [set(cross_ys) for _ in xs]
        for aisle, y in points:
            per_aisle[aisle - 1].add(float(y))
        self.adj: dict[Point, dict[Point, float]] = {}
        for x, ys in zip(xs, per_aisle, strict=True):
            self._chain([(x, y) for y in sorted(ys)])
        for k, y in enumerate(cross_ys):
            row = set(xs)
            if k == 0:
                row.add(layout.depot_x)
            self._chain([(x, y) for x in sorted(row)])

    def _chain(self, pts: list[Point]) -> None:
        for p in pts:
            self.adj.setdefault(p, {})
        for p, q in zip(pts, pts[1:], strict=False):
            w = abs(p[0] - q[0]) + abs(p[1] - q[1])
            self.adj[p][q] = w
            self.adj[q][p] = w

    def shortest_from(self, source: Point) -> dict[Point, float]:
        """Dijkstra from ``source`` to every vertex."""
        dist = {source: 0.0}
        heap = [(0.0, source)]
        while heap:
            d, u = heapq.heappop(heap)
            if d > dist[u]:
                continue
            for v, w in self.adj[u].items():
                nd = d + w
                if nd < dist.get(v, float("inf")):
                    dist[v] = nd
                    heapq.heappush(heap, (nd, v))
        return dist

    def distance_matrix(self, points: Sequence[Point]) -> list[list[float]]:
        """All-pairs shortest distances between ``points`` (graph vertices)."""
        rows = []
        for p in points:
            dist = self.shortest_from(p)
            rows.append([dist[q] for q in points])
        return rows

    def point_of(self, aisle: int, y: float) -> Point:
        """Vertex key of a point in an aisle."""
        return (aisle_x(self.layout, aisle), float(y))
