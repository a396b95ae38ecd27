"""Classic pick-routing heuristics, as baselines for ``optimal``.

Single block (one front and one back cross aisle) these are the textbook
policies (Hall 1993, "Distance approximations for routing manual pickers in a
warehouse", IIE Trans. 25(4); Petersen 1997; Roodbergen & de Koster 2001):

* ``s-shape`` (traversal): every aisle with picks is walked end to end, in an
  S; with an odd number of such aisles the last one is entered from the front
  and left the same way.
* ``return``: every aisle with picks is entered from the front and left the
  same way.
* ``midpoint``: the first and last aisles with picks are traversed; the others
  are entered from the back for picks in their back half and from the front
  for the rest.
* ``largest-gap``: as midpoint, but each aisle is split at its largest gap
  (between adjacent picks or between a pick and an aisle end) instead.
* ``combined``: aisles are visited left to right; each is either traversed or
  entered and left at the same end, chosen by a small dynamic programme so the
  picker ends at the front.

Several blocks: ``s-shape``, ``largest-gap`` and ``combined`` follow the
multi-block versions of Roodbergen & de Koster (2001, "Routing methods for
warehouses with multiple cross aisles", IJPR 39(9)): go to the left-most aisle
with picks, walk it up to the front cross aisle of the farthest block with
picks (picking on the way), then handle the blocks one by one from the
farthest back to the depot, each block ending at its front cross aisle from
where the next block is entered at its back:

* S-shape: in the farthest block, the left-most sub-aisle with picks is
  traversed (or entered and left, if it is the only one); in every other block
  the picker goes to the nearer of the left-most / right-most sub-aisle with
  picks and sweeps across, traversing each, the last one being traversed or
  entered-and-left so that the block is left at its front.
* largest gap: in each block the picker goes along the back cross aisle
  towards the sub-aisle with picks farthest from where he is, entering the
  sub-aisles on the way from the back up to their largest gap, traverses that
  farthest one, and comes back along the front cross aisle entering the
  sub-aisles from the front for the remaining picks.
* combined: in each block the sub-aisles with picks are visited in a sweep
  from the nearer end, each traversed or entered-and-left, chosen by the same
  two-state dynamic programme (ending at the block's front).

Our per-block generalisations of the two policies the paper does not cover:

* ``midpoint``: exactly the largest-gap scheme, with each sub-aisle split at
  the middle of its block instead of at its largest gap.
* ``return``: in the farthest block every sub-aisle with picks is entered from
  the block's front cross aisle and left the same way.  Every nearer block is
  reached from behind, so the picker walks down the nearer of its left-most /
  right-most sub-aisle with picks (picking), then sweeps along the block's
  front cross aisle entering the other sub-aisles from the front.  With one
  block this is the classic return policy.

A block without picks is crossed through the aisle the picker is in.  Each
heuristic builds the actual walk (:class:`HeuristicRoute` keeps its way points
and length so tests can check it is a legal closed walk through every pick);
the sequence of picks is its result.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from app.routing.geometry import Layout, Pick, block_of, cross_aisle_ys

__all__ = ["HEURISTICS", "HeuristicRoute"]


class HeuristicRoute(NamedTuple):
    """A heuristic's walk: visiting order, walked length and way points."""

    sequence: list[str]
    length: float
    points: list[tuple[float, float]]
    visits: list[tuple[str, tuple[float, float]]]  # (pick id, where it was picked)


class _Walk:
    """A picker's walk; every move is along one aisle or one cross aisle."""

    def __init__(self, layout: Layout, cys: list[float]) -> None:
        self.spacing = layout.aisle_spacing
        self.depot_x = layout.depot_x
        self.cys = cys
        self.x, self.y = layout.depot_x, 0.0
        self.aisle = 0  # 0: at the depot, not in an aisle
        self.length = 0.0
        self.points = [(self.x, self.y)]
        self.visits: list[tuple[str, tuple[float, float]]] = []

    def _to(self, x: float, y: float) -> None:
        self.length += abs(x - self.x) + abs(y - self.y)
        self.x, self.y = x, y
        self.points.append((x, y))

    def cross(self, aisle: int) -> None:
        """Move along the current cross aisle to ``aisle``."""
        if self.y not in self.cys:  # pragma: no cover - a heuristic bug
            raise AssertionError("horizontal move off a cross aisle")
        self._to((aisle - 1) * self.spacing, self.y)
        self.aisle = aisle

    def up_to(self, y: float) -> None:
        """Move along the current aisle to height ``y``."""
        if not self.aisle:  # pragma: no cover - a heuristic bug
            raise AssertionError("vertical move outside an aisle")
        self._to(self.x, y)

    def pick(self, picks: list[Pick]) -> None:
        """Walk to each pick in turn (all in the current aisle) and take it."""
        for p in picks:
            self.up_to(p.y)
            self.visits.append((p.id, (self.x, self.y)))

    def home(self) -> None:
        """From the front cross aisle back to the depot."""
        self.up_to(self.cys[0])
        self._to(self.depot_x, 0.0)
        self.aisle = 0


class _Floor:
    """Picks grouped by sub-aisle; each list is sorted front to back."""

    def __init__(self, layout: Layout, picks: Sequence[Pick]) -> None:
        self.cys = cross_aisle_ys(layout)
        self.blocks = layout.blocks
        self.cells: dict[tuple[int, int], list[Pick]] = {}
        for p in picks:
            self.cells.setdefault((p.aisle, block_of(self.cys, p.y)), []).append(p)
        for cell in self.cells.values():
            cell.sort(key=lambda p: p.y)

    def aisles_in(self, block: int) -> list[int]:
        return sorted(a for (a, b), cell in self.cells.items() if b == block and cell)

    def take(self, aisle: int, block: int) -> list[Pick]:
        return self.cells.pop((aisle, block), [])

    def front(self, block: int) -> float:
        return self.cys[block]

    def back(self, block: int) -> float:
        return self.cys[block + 1]


def _nearer_end(aisles: list[int], current: int) -> list[int]:
    """``aisles`` in sweep order starting from the end nearer to ``current``."""
    if abs(aisles[-1] - current) < abs(aisles[0] - current):
        return aisles[::-1]
    return aisles


def _traverse(w: _Walk, f: _Floor, aisle: int, block: int) -> None:
    """Walk sub-aisle (aisle, block) end to end, from whichever end we are at."""
    w.cross(aisle)
    cell = f.take(aisle, block)
    if w.y == f.front(block):
        w.pick(cell)
        w.up_to(f.back(block))
    else:
        w.pick(cell[::-1])
        w.up_to(f.front(block))


def _enter(w: _Walk, f: _Floor, aisle: int, block: int, part: list[Pick] | None = None) -> None:
    """Enter a sub-aisle at the end we are at, pick ``part`` (default all), return."""
    w.cross(aisle)
    cell = f.cells.get((aisle, block), [])
    part = list(cell) if part is None else part
    if not part:
        return
    for p in part:
        cell.remove(p)
    if not cell:
        f.cells.pop((aisle, block), None)
    entry = w.y
    w.pick(part if entry == f.front(block) else part[::-1])
    w.up_to(entry)


def _start(w: _Walk, f: _Floor) -> int:
    """Steps 1-3 of Roodbergen & de Koster: up the left-most pick aisle.

    Returns the farthest block with picks; the picker ends at its front cross
    aisle having taken the picks of the left-most aisle below it.
    """
    left = min(a for a, _ in f.cells)
    farthest = max(b for _, b in f.cells)
    w.cross(left)
    for b in range(farthest):
        w.pick(f.take(left, b))
    w.up_to(f.front(farthest))
    return farthest


# A per-block step: handle block ``b`` whose sub-aisles with picks are given in
# sweep order, ending at the block's front cross aisle.
_Block = Callable[[_Walk, _Floor, list[int], int], None]


def _route(
    layout: Layout, picks: Sequence[Pick], plan: Callable[[_Walk, _Floor, int], None]
) -> HeuristicRoute:
    """The walk of one heuristic: :func:`_start`, then ``plan`` from the farthest
    block with picks, then back to the depot."""
    if not picks:
        return HeuristicRoute([], 0.0, [(layout.depot_x, 0.0)], [])
    f = _Floor(layout, picks)
    w = _Walk(layout, f.cys)
    plan(w, f, _start(w, f))
    w.home()
    return HeuristicRoute([pid for pid, _ in w.visits], w.length, w.points, w.visits)


def _enter_farthest(w: _Walk, f: _Floor, b: int) -> int:
    """Step 4: the farthest block, entered at its front: its left-most sub-aisle
    with picks is traversed, or entered and left if it is the only one.

    Returns the block the sweep goes on with (``b`` itself when the picker now
    stands at its back).
    """
    aisles = f.aisles_in(b)
    if len(aisles) == 1:
        _enter(w, f, aisles[0], b)
        return b - 1
    _traverse(w, f, aisles[0], b)
    return b


def _sweep(w: _Walk, f: _Floor, b: int, block: _Block) -> None:
    """Steps 5-8: blocks ``b``, ``b - 1`` … 0, the picker at the back of ``b``.

    A block without picks is crossed through the aisle the picker is in; the
    others are handled by ``block``, their sub-aisles swept from the end nearer
    to the picker.
    """
    while b >= 0:
        aisles = f.aisles_in(b)
        if aisles:
            block(w, f, _nearer_end(aisles, w.aisle), b)
        else:
            w.up_to(f.front(b))
        b -= 1


def _s_shape_block(w: _Walk, f: _Floor, order: list[int], b: int) -> None:
    for a in order[:-1]:
        _traverse(w, f, a, b)
    if w.y == f.back(b):
        _traverse(w, f, order[-1], b)
    else:
        _enter(w, f, order[-1], b)


def s_shape(layout: Layout, picks: Sequence[Pick]) -> HeuristicRoute:
    """S-shape (traversal), multi-block version of Roodbergen & de Koster (2001)."""
    return _route(
        layout, picks, lambda w, f, b: _sweep(w, f, _enter_farthest(w, f, b), _s_shape_block)
    )


def _split_largest_gap(cell: list[Pick], front: float, back: float) -> int:
    """Index splitting ``cell`` into picks from the front / from the back."""
    ys = [front] + [p.y for p in cell] + [back]
    gaps = [ys[i + 1] - ys[i] for i in range(len(ys) - 1)]
    return max(range(len(gaps)), key=gaps.__getitem__)


def _split_midpoint(cell: list[Pick], front: float, back: float) -> int:
    middle = (front + back) / 2.0
    return sum(1 for p in cell if p.y <= middle)


def _gap_scheme(
    layout: Layout, picks: Sequence[Pick], split: Callable[[list[Pick], float, float], int]
) -> HeuristicRoute:
    """Largest-gap skeleton of Roodbergen & de Koster (2001); ``split`` decides
    which picks of a sub-aisle are taken from the back (``cell[split:]``)."""

    def block(w: _Walk, f: _Floor, order: list[int], b: int) -> None:
        # The sub-aisle farthest from here is traversed; the back cross aisle
        # is swept from the other end towards it.
        for a in order[:-1]:
            cell = f.cells[(a, b)]
            back_part = cell[split(cell, f.front(b), f.back(b)) :]
            if back_part:
                _enter(w, f, a, b, back_part)
        _traverse(w, f, order[-1], b)
        for a in reversed(order[:-1]):
            if (a, b) in f.cells:
                _enter(w, f, a, b)

    return _route(layout, picks, lambda w, f, b: _sweep(w, f, _enter_farthest(w, f, b), block))


def largest_gap(layout: Layout, picks: Sequence[Pick]) -> HeuristicRoute:
    """Largest gap, multi-block version of Roodbergen & de Koster (2001)."""
    return _gap_scheme(layout, picks, _split_largest_gap)


def midpoint(layout: Layout, picks: Sequence[Pick]) -> HeuristicRoute:
    """Midpoint per block (largest-gap scheme split at the block's middle)."""
    return _gap_scheme(layout, picks, _split_midpoint)


def _return_block(w: _Walk, f: _Floor, order: list[int], b: int) -> None:
    _traverse(w, f, order[0], b)
    for a in order[1:]:
        _enter(w, f, a, b)


def _return_plan(w: _Walk, f: _Floor, b: int) -> None:
    for a in f.aisles_in(b):  # all lie right of the left-most pick aisle
        _enter(w, f, a, b)
    _sweep(w, f, b - 1, _return_block)


def return_policy(layout: Layout, picks: Sequence[Pick]) -> HeuristicRoute:
    """Return policy per block (see module docstring)."""
    return _route(layout, picks, _return_plan)


def _combined_block(w: _Walk, f: _Floor, order: list[int], b: int) -> None:
    front, back = f.front(b), f.back(b)
    length = back - front
    # Two-state DP over the sweep: cost of having handled the first i
    # sub-aisles and standing at the front (0) or back (1) cross aisle.
    # Horizontal travel is the same on either cross aisle, so it cancels.
    start_side = 0 if w.y == front else 1
    cost = [0.0, float("inf")] if start_side == 0 else [float("inf"), 0.0]
    choices: list[tuple[tuple[int, str], tuple[int, str]]] = []
    for a in order:
        cell = f.cells[(a, b)]
        enter = (2.0 * (cell[-1].y - front), 2.0 * (back - cell[0].y))
        step: list[tuple[int, str]] = []
        new = [0.0, 0.0]
        for side in (0, 1):
            stay = cost[side] + enter[side]
            switch = cost[1 - side] + length
            if stay <= switch:
                new[side] = stay
                step.append((side, "enter"))
            else:
                new[side] = switch
                step.append((1 - side, "traverse"))
        cost = new
        choices.append((step[0], step[1]))
    # Backtrack from "at the front" after the last sub-aisle.
    plan = []
    side = 0
    for by_side in reversed(choices):
        prev, how = by_side[side]
        plan.append(how)
        side = prev
    plan.reverse()
    for a, how in zip(order, plan, strict=True):
        if how == "traverse":
            _traverse(w, f, a, b)
        else:
            _enter(w, f, a, b)


def combined(layout: Layout, picks: Sequence[Pick]) -> HeuristicRoute:
    """Combined heuristic, multi-block version of Roodbergen & de Koster (2001)."""
    return _route(layout, picks, lambda w, f, b: _sweep(w, f, b, _combined_block))


HEURISTICS: dict[str, Callable[[Layout, Sequence[Pick]], HeuristicRoute]] = {
    "s-shape": s_shape,
    "return": return_policy,
    "midpoint": midpoint,
    "largest-gap": largest_gap,
    "combined": combined,
}
