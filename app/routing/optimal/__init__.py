"""Exact (shortest) pick tours in a multi-block parallel-aisle warehouse.

The method is the dynamic programme of Ratliff & Rosenthal (1983, "Order-
picking in a rectangular warehouse: a solvable case of the travelling salesman
problem", Operations Research 31(3)) generalised from two cross aisles to any
number, as Roodbergen & de Koster did for three (2001, "Routing order pickers
in a warehouse with a middle aisle", EJOR 133(1)) and as later work (e.g.
Pansart, Catusse & Cambazard 2018, "Exact algorithms for the order picking
problem", C&OR 100) does for any number of blocks.  One implementation covers
1, 2, 3, … blocks.

Idea.  A shortest tour is a connected multigraph on the aisle graph in which
every vertex has even degree, every pick and the depot are touched, and no
edge is used more than twice (a classic Steiner-TSP fact).  Columns (aisles)
are processed left to right.  After a column has been decided, all that the
future needs to know about the part built so far is, for each of the
``blocks + 1`` cross-aisle vertices of that column (the *frontier*):

* whether it is touched at all,
* the parity of its degree so far, and
* which frontier vertices are already connected to each other.

That is the state (parity + connected-component partition of the frontier).
Every component must keep a vertex on the frontier until it merges with the
others, otherwise it could never join the tour again; the only exception is a
finished tour (one component, all degrees even) once nothing required is left
to the right, which is recorded as a candidate answer.

Decisions, exactly those of Ratliff–Rosenthal per block:

* between two columns, each cross-aisle edge is used 0, 1 or 2 times;
* each sub-aisle (one aisle inside one block) is, for picks at sorted heights
  p1 … pr between its ends, either
  ``NONE`` (only if it holds no pick), traversed once (``ONE``) or twice
  (``TWO``), or left with exactly one unused gap: the gap at the bottom
  (``TOP``: visited from the top end only), at the top (``BOTTOM``), or the
  largest gap between two picks (``GAP``: visited from both ends).  Parity at
  each pick forces every piece of a sub-aisle to the same multiplicity, and
  connectivity allows at most one unused piece, so these are all the cases.

Speed.  Transitions depend only on the state, never on the instance, so they
are computed once per number of blocks and cached (:mod:`.automaton`); solving an
instance is then a tight loop of dict look-ups over small integer state ids.
The cost of a decision is added from per-instance tables.

Reachable states: 6, 24, 112, 568, 3032, 16768 for 1…6 blocks (about ×5.4
per block).  Measured in CPython 3.11 (20 aisles, 100 picks): about 0.4 ms
(1 block) and 3.5 ms (3 blocks) for the length, 1 ms and 5 ms for the tour;
4 blocks is still a few ms, 5 blocks ~0.1 s and 6 blocks ~1 s per route (plus
a one-off warm-up of the tables).  Still exact, just slower.

Tours.  :func:`optimal_tour` keeps back-pointers, rebuilds the chosen
multigraph and walks an Euler circuit of it (Hierholzer) from the depot; the
order in which the circuit first reaches each pick is the visiting sequence
(:mod:`.tour`).

Modules: :mod:`.automaton` (states and transitions), :mod:`.columns` (an
instance as DP columns), :mod:`.dp` (the programme), :mod:`.tour` (the tour
from the back-pointers).
"""

from __future__ import annotations

from collections.abc import Sequence

from app.routing.geometry import Layout, Pick
from app.routing.optimal.columns import last_required, prepare
from app.routing.optimal.dp import run
from app.routing.optimal.tour import visiting_order

__all__ = ["optimal_distance", "optimal_tour"]


def optimal_distance(layout: Layout, picks: Sequence[Pick]) -> float:
    """Length of a shortest tour (picks assumed validated)."""
    if not picks:
        return 0.0
    columns, extra, _ = prepare(layout, picks)
    return run(layout.blocks, columns, last_required(columns), track=False).cost + extra


def optimal_tour(layout: Layout, picks: Sequence[Pick]) -> tuple[list[str], float]:
    """A shortest tour as (pick id sequence, DP length) (picks assumed validated)."""
    if not picks:
        return [], 0.0
    columns, extra, depot_index = prepare(layout, picks)
    result = run(layout.blocks, columns, last_required(columns), track=True)
    sequence = visiting_order(layout, picks, columns, depot_index, result)
    if len(sequence) != len(picks):  # pragma: no cover - would be a DP bug
        raise RuntimeError("internal error: optimal tour does not visit every pick")
    return sequence, result.cost + extra
