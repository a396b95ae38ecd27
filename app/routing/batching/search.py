"""Local search for order batching: SHIFT and SWAP, first improvement.

See :mod:`app.routing.batching.batch` for where this sits.  Every accepted move is
judged on exact distances, so the result is never longer than the start.
"""

from __future__ import annotations

import random
import time
from collections import deque

from app.routing.batching.core import Instance

__all__ = ["local_search"]

_EPS = 1e-9
_NOTHING: frozenset[int] = frozenset()
# Check the clock every this many examined orders.
_CLOCK_EVERY = 8
# Cap of the model-summary memo (cleared when reached).
_MSUM_MAX = 200_000

ModelSummary = tuple[int, float, float]  # aisle mask, left and right extent


class _Search:
    """Batches being improved: membership, exact distances, the move tests."""

    def __init__(
        self,
        inst: Instance,
        batches: list[list[int]],
        neighbours: dict[int, list[int]],
        screen: tuple[float | None, float | None],
    ) -> None:
        self.inst = inst
        self.neighbours = neighbours
        # Slacks (in aisle lengths) of the model and estimate screens, None = off.
        self.model_slack = None if screen[0] is None else screen[0] * inst.length
        self.est_slack = None if screen[1] is None else screen[1] * inst.length
        self.keys: dict[int, frozenset[int]] = {}
        self.dist: dict[int, float] = {}
        self.batch_of: dict[int, int] = {}
        for b, batch in enumerate(batches):
            self.keys[b] = key = frozenset(batch)
            self.dist[b] = inst.exact(key)
            for i in batch:
                self.batch_of[i] = b
        self._msums: dict[tuple[frozenset[int], int], ModelSummary] = {}
        self.queue: deque[int] = deque()
        self.queued: set[int] = set()
        self.moves = 0

    # -- the cheap model (screening only) -----------------------------------------
    def _msum(self, key: frozenset[int], skip: int = -1) -> ModelSummary:
        """Model summary of ``key`` without ``skip`` (memoised: batches recur)."""
        s = self._msums.get((key, skip))
        if s is None:
            inst = self.inst
            mask, xl, xr = 0, inst.layout.depot_x, inst.layout.depot_x
            for o in key:
                if o != skip:
                    mask |= inst.mask[o]
                    if inst.xl[o] < xl:
                        xl = inst.xl[o]
                    if inst.xr[o] > xr:
                        xr = inst.xr[o]
            s = (mask, xl, xr)
            if len(self._msums) >= _MSUM_MAX:
                self._msums.clear()
            self._msums[(key, skip)] = s
        return s

    def _mval(self, s: ModelSummary, add: int = -1) -> float:
        mask, xl, xr = s
        if add >= 0:
            inst = self.inst
            mask |= inst.mask[add]
            xl, xr = min(xl, inst.xl[add]), max(xr, inst.xr[add])
        return 2.0 * (xr - xl) + self.inst.length * mask.bit_count()

    # -- moves --------------------------------------------------------------------
    def _improves(
        self,
        before: float,
        old: tuple[frozenset[int], frozenset[int]],
        new_b: tuple[frozenset[int], frozenset[int]],
        new_c: tuple[frozenset[int], frozenset[int]],
    ) -> bool:
        """Whether batches ``new_b[0] ∪ new_b[1]`` and ``new_c[0] ∪ new_c[1]`` beat ``old``."""
        inst = self.inst
        if self.est_slack is not None:
            est_new = inst.estimate_union(*new_b) + inst.estimate_union(*new_c)
            if est_new - inst.estimate(old[0]) - inst.estimate(old[1]) >= self.est_slack:
                return False
        after = inst.exact(new_b[0] | new_b[1]) + inst.exact(new_c[0] | new_c[1])
        return after < before - _EPS * (1.0 + before)

    def _apply(self, b: int, c: int, new_b: frozenset[int], new_c: frozenset[int]) -> None:
        self.moves += 1
        for bid, key in ((b, new_b), (c, new_c)):
            if key:
                self.keys[bid] = key
                self.dist[bid] = self.inst.exact(key)
                for o in key:
                    self.batch_of[o] = bid
            else:
                del self.keys[bid], self.dist[bid]
            for o in key:
                self.enqueue(o)

    def enqueue(self, o: int) -> None:
        if o not in self.queued and self.neighbours.get(o):
            self.queued.add(o)
            self.queue.append(o)

    def try_order(self, i: int) -> bool:
        """Make the first improving SHIFT or SWAP of order ``i``; whether one was made."""
        inst, keys, dist, batch_of = self.inst, self.keys, self.dist, self.batch_of
        # No model slack: every move is costed; otherwise the cheap model sifts them first.
        fits, slack = inst.fits, self.model_slack
        b = batch_of[i]
        key_b = keys[b]
        without_i = key_b - {i}
        single_i = frozenset((i,))
        if slack is not None:
            ms_b = self._msum(key_b)
            ms_bi = self._msum(key_b, skip=i)
            model_b = self._mval(ms_b)
        seen = {b}
        for j in self.neighbours[i]:
            c = batch_of[j]
            if c in seen:
                continue
            seen.add(c)
            key_c = keys[c]
            before = dist[b] + dist[c]
            with_i = key_c | single_i
            if slack is not None:
                ms_c = self._msum(key_c)
                model_old = model_b + self._mval(ms_c)
            # SHIFT i from b to c
            if (
                fits(with_i)
                and (slack is None or self._mval(ms_bi) + self._mval(ms_c, i) - model_old <= slack)
                and self._improves(before, (key_b, key_c), (without_i, _NOTHING), (key_c, single_i))
            ):
                self._apply(b, c, without_i, with_i)
                return True
            # SWAP i with its neighbours in c
            for j2 in self.neighbours[i]:
                if batch_of[j2] != c:
                    continue
                new_b, new_c = without_i | {j2}, with_i - {j2}
                if not (fits(new_b) and fits(new_c)):
                    continue
                if slack is not None:
                    model_new = self._mval(ms_bi, j2) + self._mval(self._msum(key_c, skip=j2), i)
                    if model_new - model_old > slack:
                        continue
                if self._improves(
                    before,
                    (key_b, key_c),
                    (without_i, frozenset((j2,))),
                    (key_c - {j2}, single_i),
                ):
                    self._apply(b, c, new_b, new_c)
                    return True
        return False

    def batches(self) -> list[list[int]]:
        return [sorted(key) for _, key in sorted(self.keys.items())]


def local_search(
    inst: Instance,
    batches: list[list[int]],
    neighbours: dict[int, list[int]],
    *,
    seed: int,
    deadline: float | None,
    screen: tuple[float | None, float | None],
) -> list[list[int]]:
    """Improve ``batches`` by SHIFT / SWAP moves until none improves.

    An order ``i`` (taken from a queue, initially all orders in a seeded
    random order) looks at the batches of its neighbours, in neighbour order:

    * SHIFT ``i`` into such a batch ``C`` if it fits:
      ``Δ = d(B − i) + d(C + i) − d(B) − d(C)``;
    * SWAP ``i`` with each of its neighbours ``j`` in ``C`` if both fit:
      ``Δ = d(B − i + j) + d(C − j + i) − d(B) − d(C)``.

    The first move with ``Δ < 0`` (exact distances) is made and the orders of
    both changed batches go back on the queue.  The search ends when the queue
    is empty — a local optimum of this neighbourhood — or at ``deadline``
    (a ``time.perf_counter()`` value).

    With ``screen`` (big waves) a move is only costed exactly if the model
    grows by at most one aisle length and the estimate says it improves.
    """
    search = _Search(inst, batches, neighbours, screen)
    movers = sorted(i for i in search.batch_of if neighbours.get(i))
    random.Random(seed).shuffle(movers)
    for i in movers:
        search.enqueue(i)
    examined = 0
    while search.queue:
        examined += 1
        if deadline is not None and examined % _CLOCK_EVERY == 0 and time.perf_counter() > deadline:
            break
        i = search.queue.popleft()
        search.queued.discard(i)
        search.try_order(i)
    return search.batches()
