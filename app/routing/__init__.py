"""Pick routing: the order in which a picker visits the picks of one tour.

Public API (used by batching, the pick-list service and ``wavedesk route``):

* :data:`METHODS` — routing methods, ``"optimal"`` first;
* :class:`Route` and :func:`route` — a visiting sequence and its length;
* :func:`route_distance` — only the length (no sequence), for callers that
  evaluate very many candidate tours (batching);
* :func:`tour_length` — the length of visiting picks in a given order, used to
  verify every method;
* geometry: :class:`Layout`, :class:`Pick`, :func:`validate_picks`.

Distances: ``route(...).distance`` is always ``tour_length`` of the returned
sequence, i.e. depot → picks in that order → depot along shortest paths.  For
``optimal`` that is the optimum; ``route_distance(..., "optimal")`` returns the
dynamic programme's value, equal to it up to floating-point rounding.  For the
heuristics the picker's textbook walk may be longer than the shortest-path
tour through the same order (e.g. S-shape walks a whole aisle even when the
next pick is reached quicker by turning back); what we report, and what a
picker following the list would walk, is the shortest-path length.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.routing.geometry import Layout, Pick, validate_picks
from app.routing.graph import sequence_length
from app.routing.heuristics import HEURISTICS
from app.routing.optimal import optimal_distance, optimal_tour

__all__ = [
    "METHODS",
    "Layout",
    "Pick",
    "Route",
    "route",
    "route_distance",
    "tour_length",
    "validate_picks",
]

METHODS = ("optimal", "s-shape", "return", "midpoint", "largest-gap", "combined")


@dataclass(frozen=True)
class Route:
    """A tour: pick ids in visiting order and its length (depot to depot)."""

    method: str
    sequence: list[str]
    distance: float


def _check_method(method: str) -> None:
    if method not in METHODS:
        raise ValueError(f"unknown routing method {method!r}; choose one of {', '.join(METHODS)}")


def route(layout: Layout, picks: Sequence[Pick], method: str = "optimal") -> Route:
    """Route ``picks`` from and back to the depot with ``method``.

    Raises ``ValueError`` for an unknown method or picks that do not fit the
    layout (see :func:`validate_picks`).  Zero picks give an empty sequence and
    distance 0.
    """
    _check_method(method)
    validate_picks(layout, picks)
    if method == "optimal":
        sequence, _ = optimal_tour(layout, picks)
    else:
        sequence = HEURISTICS[method](layout, picks).sequence
    return Route(method, sequence, sequence_length(layout, picks, sequence))


def route_distance(layout: Layout, picks: Sequence[Pick], method: str = "optimal") -> float:
    """Length of the route ``method`` gives, without building it when avoidable.

    For ``optimal`` only the dynamic programme's value is computed (no
    back-pointers, no Euler tour); it equals ``route(...).distance`` up to
    floating-point rounding (relative 1e-12 or so).
    """
    _check_method(method)
    validate_picks(layout, picks)
    if method == "optimal":
        return optimal_distance(layout, picks)
    sequence = HEURISTICS[method](layout, picks).sequence
    return sequence_length(layout, picks, sequence)


def tour_length(layout: Layout, picks: Sequence[Pick], sequence: Sequence[str]) -> float:
    """Shortest-path length of depot → picks in ``sequence`` order → depot.

    ``sequence`` must contain every pick id exactly once (``ValueError``
    otherwise).
    """
    validate_picks(layout, picks)
    return sequence_length(layout, picks, sequence)
