"""The visiting sequence of an optimal tour, from the programme's back-pointers.

The back-pointers give the chosen multigraph (every cross-aisle edge and
sub-aisle piece with its multiplicity); an Euler circuit of it from the depot
(Hierholzer) reaches the picks in the order the picker visits them.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.routing.geometry import Layout, Pick, cross_aisle_ys
from app.routing.optimal.automaton import BOTTOM, GAP, NONE, ONE, TOP
from app.routing.optimal.columns import Column, Segment
from app.routing.optimal.dp import AisleStage, CrossStage, Result

__all__ = ["visiting_order"]

Vertex = tuple[int, float]  # (column index, height)
Edge = tuple[Vertex, Vertex]


def visiting_order(
    layout: Layout,
    picks: Sequence[Pick],
    columns: list[Column],
    depot_index: int,
    result: Result,
) -> list[str]:
    """Pick ids in the order the tour of ``result`` first reaches them."""
    cys = cross_aisle_ys(layout)
    # Walk the back-pointers from the best final state to recover decisions.
    edges: list[Edge] = []
    sid = result.state
    for stage in reversed(result.stages):
        ci = stage.column
        if ci > result.column:
            continue
        if isinstance(stage, CrossStage):
            multiplicities = stage.multiplicities[sid]
            for k, h in enumerate(multiplicities or ()):
                edges.extend([((ci - 1, cys[k]), (ci, cys[k]))] * h)
        elif isinstance(stage, AisleStage):
            seg = stage.segment
            edges.extend(
                _segment_edges(
                    ci, cys[seg], cys[seg + 1], columns[ci].segs[seg], stage.options[sid]
                )
            )
        sid = stage.back[sid]

    at: dict[Vertex, list[str]] = {}
    index = {c.aisle: i for i, c in enumerate(columns) if c.aisle}
    for p in picks:
        at.setdefault((index[p.aisle], p.y), []).append(p.id)
    return _euler_order((depot_index, 0.0), edges, at)


def _segment_edges(ci: int, bottom: float, top: float, seg: Segment, opt: int) -> list[Edge]:
    """Edges (with repetition) that option ``opt`` uses in one sub-aisle."""
    if opt == NONE:
        return []
    pts = [bottom, *(seg.ys or []), top]
    # Piece i joins pts[i] and pts[i + 1]; pick the unused piece, if any.
    skip = {TOP: 0, BOTTOM: len(pts) - 2, GAP: seg.gap_at}.get(opt, -1)
    times = 1 if opt == ONE else 2
    out: list[Edge] = []
    for i in range(len(pts) - 1):
        if i == skip or pts[i] == pts[i + 1]:
            continue
        out.extend([((ci, pts[i]), (ci, pts[i + 1]))] * times)
    return out


def _euler_order(start: Vertex, edges: list[Edge], at: dict[Vertex, list[str]]) -> list[str]:
    """Pick ids in first-visit order along an Euler circuit from ``start``."""
    adj: dict[Vertex, list[tuple[Vertex, int]]] = {}
    for eid, (u, v) in enumerate(edges):
        adj.setdefault(u, []).append((v, eid))
        adj.setdefault(v, []).append((u, eid))
    used = [False] * len(edges)
    ptr: dict[Vertex, int] = {}
    stack = [start]
    circuit: list[Vertex] = []
    while stack:  # Hierholzer, iterative
        v = stack[-1]
        nbrs = adj.get(v, [])
        i = ptr.get(v, 0)
        while i < len(nbrs) and used[nbrs[i][1]]:
            i += 1
        ptr[v] = i
        if i == len(nbrs):
            circuit.append(stack.pop())
        else:
            u, eid = nbrs[i]
            used[eid] = True
            stack.append(u)
    sequence: list[str] = []
    seen: set[Vertex] = set()
    for v in reversed(circuit):
        if v in at and v not in seen:
            seen.add(v)
            sequence.extend(at[v])
    return sequence
