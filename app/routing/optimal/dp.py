"""The dynamic programme over the columns: costs per state, column by column.

Cost vectors are dense lists indexed by state id; ``active`` lists the ids
with a finite cost.  The steps that have choices (cross-aisle edges into a
column, one sub-aisle) have two variants of their inner loop that differ only
in the back-pointer bookkeeping, kept apart so that ``route_distance`` pays
nothing for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.routing.optimal.automaton import (
    UNLEARNT_H,
    UNLEARNT_STATE,
    UNLEARNT_V,
    Automaton,
    automaton,
)
from app.routing.optimal.columns import Column, Segment

__all__ = ["INF", "AisleStage", "CrossStage", "DepotStage", "Result", "Stage", "run"]

INF = float("inf")


@dataclass(frozen=True, slots=True)
class CrossStage:
    """Back-pointers of the cross-aisle edges into ``column``."""

    column: int
    back: list[int]
    multiplicities: list[tuple[int, ...] | None]


@dataclass(frozen=True, slots=True)
class AisleStage:
    """Back-pointers of one sub-aisle (``segment``) of ``column``."""

    column: int
    segment: int
    back: list[int]
    options: list[int]


@dataclass(frozen=True, slots=True)
class DepotStage:
    """Back-pointers of touching the depot in ``column``."""

    column: int
    back: list[int]


Stage = CrossStage | AisleStage | DepotStage


@dataclass(frozen=True, slots=True)
class Result:
    """The best finished tour: its cost, last column and final state, and the stages
    that lead to it (empty unless back-pointers were asked for)."""

    cost: float
    column: int
    state: int
    stages: list[Stage]


def _finite(costs: list[float]) -> list[int]:
    return [i for i, c in enumerate(costs) if c < INF]


class _Run:
    """One pass of the programme: the current costs and, when tracked, the stages.

    Each step first has the automaton learn the transitions of the active
    states it has not met yet, so that it knows every state the step can reach
    before the step's vectors are sized.
    """

    def __init__(self, auto: Automaton, track: bool) -> None:
        self.auto = auto
        self.track = track
        self.cur = [INF] * len(auto.states)
        self.cur[auto.empty] = 0.0
        self.active = [auto.empty]
        self.stages: list[Stage] = []

    def _vectors(self) -> tuple[list[float], list[int]]:
        """Fresh costs and back-pointers, one per state the automaton knows."""
        size = len(self.auto.states)
        return [INF] * size, [-1] * size if self.track else []

    def _advance(self, nxt: list[float]) -> None:
        self.cur = nxt
        self.active = _finite(nxt)

    def cross(self, ci: int, dx: float) -> None:
        """Cross-aisle edges of length ``dx`` into column ``ci``."""
        auto, cur, active, track = self.auto, self.cur, self.active, self.track
        htrans = auto.htrans
        for sid in active:
            if htrans[sid] is UNLEARNT_H:
                auto.horizontal(sid)
        nxt, back = self._vectors()
        mult: list[tuple[int, ...] | None] = [None] * len(nxt) if track else []
        for sid in active:
            cost = cur[sid]
            if track:
                for nsid, used, hvec in htrans[sid]:
                    c = cost + used * dx
                    if c < nxt[nsid]:
                        nxt[nsid] = c
                        back[nsid] = sid
                        mult[nsid] = hvec
            else:
                for nsid, used, _hvec in htrans[sid]:
                    c = cost + used * dx
                    if c < nxt[nsid]:
                        nxt[nsid] = c
        self._advance(nxt)
        if track:
            self.stages.append(CrossStage(ci, back, mult))

    def aisle(self, ci: int, seg: int, segment: Segment) -> None:
        """Sub-aisle ``seg`` of column ``ci``."""
        auto, cur, active, track = self.auto, self.cur, self.active, self.track
        opts, costs = segment.options, segment.costs
        table = auto.vtable(seg, opts)
        for sid in active:
            if table[sid] is UNLEARNT_V:
                auto.vrow(table, sid, seg, opts)
        nxt, back = self._vectors()
        chosen = [-1] * len(nxt) if track else []
        for sid in active:
            cost = cur[sid]
            if track:
                for j, nsid in table[sid]:
                    c = cost + costs[j]
                    if c < nxt[nsid]:
                        nxt[nsid] = c
                        back[nsid] = sid
                        chosen[nsid] = opts[j]
            else:
                for j, nsid in table[sid]:
                    c = cost + costs[j]
                    if c < nxt[nsid]:
                        nxt[nsid] = c
        self._advance(nxt)
        if track:
            self.stages.append(AisleStage(ci, seg, back, chosen))

    def depot(self, ci: int) -> None:
        """Touch the depot's cross-aisle vertex in column ``ci``."""
        auto, cur, active, track = self.auto, self.cur, self.active, self.track
        reqtrans = auto.reqtrans
        for sid in active:
            if reqtrans[sid] == UNLEARNT_STATE:
                auto.require(sid)
        nxt, back = self._vectors()
        for sid in active:
            cost = cur[sid]
            nsid = reqtrans[sid]
            if cost < nxt[nsid]:
                nxt[nsid] = cost
                if track:
                    back[nsid] = sid
        self._advance(nxt)
        if track:
            self.stages.append(DepotStage(ci, back))


def run(blocks: int, columns: list[Column], last_required: int, track: bool) -> Result:
    """Run the DP over ``columns`` of a floor with ``blocks`` blocks.

    The best finished tour is one component with every degree even, recorded
    once no required column is left to its right.
    """
    auto = automaton(blocks)
    with auto.lock:
        state = _Run(auto, track)
        best, best_col, best_sid = INF, -1, -1
        prev_x = 0.0
        for ci, col in enumerate(columns):
            if ci:
                state.cross(ci, col.x - prev_x)
            prev_x = col.x
            for seg, segment in enumerate(col.segs):
                state.aisle(ci, seg, segment)
            if col.depot:
                state.depot(ci)
            if ci >= last_required:
                cur, complete = state.cur, auto.complete
                for sid in state.active:
                    if cur[sid] < best and complete[sid]:
                        best, best_col, best_sid = cur[sid], ci, sid
        return Result(best, best_col, best_sid, state.stages)
