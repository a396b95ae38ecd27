"""One pick instance turned into the columns the dynamic programme runs over."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from app.routing.geometry import Layout, Pick, cross_aisle_ys
from app.routing.optimal.automaton import EMPTY_OPTS, GAP_OPTS, PICK_OPTS

__all__ = ["Column", "Segment", "last_required", "prepare"]


class Segment(NamedTuple):
    """One sub-aisle of a column: its options, their costs and the picks in it.

    ``costs[i]`` is the cost of ``options[i]``; ``ys`` are the sorted pick
    heights (None for a sub-aisle without picks) and ``gap_at`` the index in
    ``ys`` above the largest gap between two picks (-1 when there is none).
    """

    options: tuple[int, ...]
    costs: tuple[float, ...]
    ys: list[float] | None = None
    gap_at: int = -1


class Column(NamedTuple):
    """One DP column: a pick aisle, or a virtual column holding only the depot."""

    x: float
    aisle: int  # 0 for the virtual depot column (no vertical edges)
    segs: list[Segment]
    depot: bool


def _cells(
    layout: Layout, picks: Sequence[Pick]
) -> tuple[dict[tuple[int, int], list[float]], int, int]:
    """Pick heights per (aisle, block), and the left-most and right-most aisle picked."""
    cys = cross_aisle_ys(layout)
    last = layout.blocks - 1
    cells: dict[tuple[int, int], list[float]] = {}
    lo_aisle, hi_aisle = layout.aisles + 1, 0
    for p in picks:
        a, y = p.aisle, p.y
        seg = bisect_right(cys, y) - 1
        if seg > last:
            seg = last
        key = (a, seg)
        ys = cells.get(key)
        if ys is None:
            cells[key] = [y]
        else:
            ys.append(y)
        if a < lo_aisle:
            lo_aisle = a
        if a > hi_aisle:
            hi_aisle = a
    return cells, lo_aisle, hi_aisle


def _depot(layout: Layout) -> tuple[float, int, int]:
    """(extra detour, depot aisle or 0, aisle after which a virtual depot column goes).

    Beyond the outer aisles the depot is reached through the end of the front
    cross aisle, so the tour is the one from that corner plus the stub twice.
    """
    depot_x, spacing = layout.depot_x, layout.aisle_spacing
    width = (layout.aisles - 1) * spacing
    if depot_x <= 0.0:
        return -2.0 * depot_x, 1, 0
    if depot_x >= width:
        return 2.0 * (depot_x - width), layout.aisles, 0
    j = int(depot_x // spacing) + 1
    if (j - 1) * spacing == depot_x:
        return 0.0, j, 0
    if j * spacing == depot_x:
        return 0.0, j + 1, 0
    return 0.0, 0, j


def _picked_segment(bottom: float, top: float, heights: list[float]) -> Segment:
    ys = sorted(set(heights))
    s = top - bottom
    low_gap, high_gap = ys[0] - bottom, top - ys[-1]
    costs = [s, 2.0 * s, 2.0 * (top - ys[0]), 2.0 * (ys[-1] - bottom)]
    gap_at = -1
    gap = 0.0
    for i in range(1, len(ys)):
        g = ys[i] - ys[i - 1]
        if g > gap:
            gap, gap_at = g, i
    # GAP only helps when the inner gap beats both end gaps; otherwise TOP or
    # BOTTOM is no dearer and touches fewer frontier vertices.
    if gap > low_gap and gap > high_gap:
        return Segment(GAP_OPTS, (*costs, 2.0 * (s - gap)), ys, gap_at)
    return Segment(PICK_OPTS, tuple(costs), ys, gap_at)


def prepare(layout: Layout, picks: Sequence[Pick]) -> tuple[list[Column], float, int]:
    """Columns to run the DP over, the extra depot detour, the depot column index.

    Only aisles between the left-most and right-most required point (picks and
    depot) are needed, plus the nearest real aisle beyond a depot that sits
    between aisles: projecting a tour onto that range never lengthens it.
    """
    blocks = layout.blocks
    cys = cross_aisle_ys(layout)
    cells, lo_aisle, hi_aisle = _cells(layout, picks)
    extra, depot_aisle, virtual_after = _depot(layout)
    if depot_aisle:
        lo_aisle = min(lo_aisle, depot_aisle)
        hi_aisle = max(hi_aisle, depot_aisle)
    else:
        lo_aisle = min(lo_aisle, virtual_after)
        hi_aisle = max(hi_aisle, virtual_after + 1)

    empty_segs = [
        Segment(EMPTY_OPTS, (0.0, s, 2.0 * s)) for s in (cys[k + 1] - cys[k] for k in range(blocks))
    ]
    columns: list[Column] = []
    for a in range(lo_aisle, hi_aisle + 1):
        segs = empty_segs
        if any((a, k) in cells for k in range(blocks)):
            segs = []
            for k in range(blocks):
                heights = cells.get((a, k))
                if heights is None:
                    segs.append(empty_segs[k])
                else:
                    segs.append(_picked_segment(cys[k], cys[k + 1], heights))
        columns.append(Column((a - 1) * layout.aisle_spacing, a, segs, a == depot_aisle))
        if a == virtual_after:
            columns.append(Column(layout.depot_x, 0, [], True))
    depot_index = next(i for i, c in enumerate(columns) if c.depot)
    return columns, extra, depot_index


def last_required(columns: list[Column]) -> int:
    """The index of the right-most column holding a pick or the depot."""
    last = 0
    for i, col in enumerate(columns):
        if col.depot or any(seg.ys is not None for seg in col.segs):
            last = i
    return last
