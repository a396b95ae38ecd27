"""Local search for order batching: SHIFT and SWAP, first improvement.

See :mod:`app.routing.batching` for where this sits.  Every accepted move is
judged on exact distances, so the result is never longer than the start.
"""

from __future__ import annotations

import random
import time
from collections import deque

from app.routing.batching_core import Instance

__all__ = ["local_search"]

_EPS = 1e-9


def local_search(
    inst: Instance,
    batches: list[list[int]],
    neighbours: dict[int, list[int]],
    *,
    seed: int,
    deadline: float | None,
    screen: bool,
) -> list[list[int]]:
    """Improve ``batches`` by SHIFT / SWAP moves until none improves.

    An order ``i`` (taken from a queue, initially all orders in a seeded
    random order) looks at the batches of its neighbours, in neighbour order:

    * SHIFT ``i`` into such a batch ``C`` if it fits:
      ``Δ = d(B − i) + d(C + i) − d(B) − d(C)``;
    * SWAP ``i`` with each neighbour ``j`` in ``C`` if both fit:
      ``Δ = d(B − i + j) + d(C − j + i) − d(B) − d(C)``.

    The first move with ``Δ < 0`` is made and the orders of both changed
    batches go back on the queue.  The search ends when the queue is empty (a
    local optimum of this neighbourhood) or at ``deadline``
    (``time.perf_counter()`` value).  With ``screen`` set (big waves), a move
    is only costed exactly when ``estimate`` says it improves.
    """
    members: dict[int, set[int]] = {}
    keys: dict[int, frozenset[int]] = {}
    dist: dict[int, float] = {}
    batch_of: dict[int, int] = {}
    for b, batch in enumerate(batches):
        members[b] = set(batch)
        keys[b] = frozenset(batch)
        dist[b] = inst.exact(keys[b])
        for i in batch:
            batch_of[i] = b

    movers = sorted(i for i in batch_of if inst.mask[i] and neighbours.get(i))
    random.Random(seed).shuffle(movers)
    queue = deque(movers)
    queued = set(movers)
    exact, estimate, fits = inst.exact, inst.estimate, inst.fits
    estimate_union = inst.estimate_union
    nothing: frozenset[int] = frozenset()

    def improves(
        before: float,
        old: tuple[frozenset[int], frozenset[int]],
        new: tuple[tuple[frozenset[int], frozenset[int]], tuple[frozenset[int], frozenset[int]]],
    ) -> bool:
        """Whether replacing the two ``old`` batches by the ``new`` unions shortens."""
        if screen:
            est_new = estimate_union(*new[0]) + estimate_union(*new[1])
            if est_new >= estimate(old[0]) + estimate(old[1]):
                return False
        after = exact(new[0][0] | new[0][1]) + exact(new[1][0] | new[1][1])
        return after < before - _EPS * (1.0 + before)

    def apply(b: int, c: int, new_b: frozenset[int], new_c: frozenset[int]) -> None:
        for bid, key in ((b, new_b), (c, new_c)):
            if key:
                members[bid] = set(key)
                keys[bid] = key
                dist[bid] = exact(key)
                for o in key:
                    batch_of[o] = bid
            else:
                del members[bid], keys[bid], dist[bid]
            for o in key:
                if o not in queued and o in neighbours and inst.mask[o]:
                    queued.add(o)
                    queue.append(o)

    steps = 0
    while queue:
        steps += 1
        if deadline is not None and steps % 16 == 0 and time.perf_counter() > deadline:
            break
        i = queue.popleft()
        queued.discard(i)
        b = batch_of[i]
        key_b = keys[b]
        without_i = key_b - {i}
        seen = {b}
        for j in neighbours[i]:
            c = batch_of[j]
            if c in seen:
                continue
            seen.add(c)
            key_c = keys[c]
            before = dist[b] + dist[c]
            with_i = key_c | {i}
            single_i = frozenset((i,))
            if fits(with_i) and improves(
                before, (key_b, key_c), ((without_i, nothing), (key_c, single_i))
            ):
                apply(b, c, without_i, with_i)
                break
            moved = False
            for j2 in neighbours[i]:
                if batch_of[j2] != c:
                    continue
                new_b, new_c = without_i | {j2}, with_i - {j2}
                if (
                    fits(new_b)
                    and fits(new_c)
                    and improves(
                        before,
                        (key_b, key_c),
                        ((without_i, frozenset((j2,))), (key_c - {j2}, single_i)),
                    )
                ):
                    apply(b, c, new_b, new_c)
                    moved = True
                    break
            if moved:
                break
    return [sorted(m) for _, m in sorted(members.items())]
