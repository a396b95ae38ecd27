"""The state space of the pick-tour dynamic programme and its cached transitions.

A state is the frontier of one column: for each of its ``blocks + 1``
cross-aisle vertices, whether it is touched, the parity of its degree and
which frontier vertices are already connected (see :mod:`app.routing.optimal`).
Transitions depend only on the state, never on the instance, so they are
computed once per number of blocks and reused by every later instance.
"""

from __future__ import annotations

import threading
from itertools import product
from typing import Final

__all__ = [
    "BOTTOM",
    "EMPTY_OPTS",
    "GAP",
    "GAP_OPTS",
    "NONE",
    "ONE",
    "PICK_OPTS",
    "TOP",
    "TWO",
    "UNLEARNT_H",
    "UNLEARNT_STATE",
    "UNLEARNT_V",
    "Automaton",
    "HMove",
    "VMove",
    "automaton",
]

# Sub-aisle options (see the package docstring).
NONE, ONE, TWO, TOP, BOTTOM, GAP = range(6)
EMPTY_OPTS: Final = (NONE, ONE, TWO)
PICK_OPTS: Final = (ONE, TWO, TOP, BOTTOM)
GAP_OPTS: Final = (ONE, TWO, TOP, BOTTOM, GAP)

# (next state, cross-aisle edges used, multiplicity per cross aisle)
HMove = tuple[int, int, tuple[int, ...]]
# (position of the option in the sub-aisle's option tuple, next state)
VMove = tuple[int, int]
VTable = list[list[VMove]]

# Placeholders in the tables for a state whose moves are not computed yet
# (compared by identity: a computed row is always a new list).
UNLEARNT_H: Final[list[HMove]] = []
UNLEARNT_V: Final[list[VMove]] = []
UNLEARNT_STATE: Final = -1

# Frontier vertex codes inside a state tuple: 0 = untouched, otherwise
# 2 * label + parity with labels 1, 2, … numbered by first appearance.


class Automaton:
    """State space and cached transitions for one number of blocks.

    States are interned as small ints and every table is a list indexed by
    state id (an ``UNLEARNT_*`` placeholder until first needed), so the DP's
    inner loop is plain list indexing.  Tables are filled lazily and then reused by every later
    instance with the same number of blocks.
    """

    def __init__(self, blocks: int) -> None:
        self.blocks = blocks
        self.size = blocks + 1
        self._ids: dict[tuple[int, ...], int] = {}
        self.states: list[tuple[int, ...]] = []
        self.complete: list[bool] = []
        self.htrans: list[list[HMove]] = []
        # (segment, option tuple) -> per state: the moves through that sub-aisle
        self.vtables: dict[tuple[int, tuple[int, ...]], VTable] = {}
        self.reqtrans: list[int] = []
        # The tables grow lazily while a DP runs, so one DP at a time per
        # automaton.  Costs no throughput: the GIL serialises the loops anyway.
        self.lock = threading.Lock()
        self.empty = self._intern((0,) * self.size)

    # -- state helpers -------------------------------------------------------
    def _intern(self, codes: tuple[int, ...]) -> int:
        sid = self._ids.get(codes)
        if sid is None:
            sid = len(self.states)
            self._ids[codes] = sid
            self.states.append(codes)
            labels = {c >> 1 for c in codes if c}
            self.complete.append(len(labels) == 1 and all(c & 1 == 0 for c in codes))
            self.htrans.append(UNLEARNT_H)
            self.reqtrans.append(UNLEARNT_STATE)
            for table in self.vtables.values():
                table.append(UNLEARNT_V)
        return sid

    def _canon(self, labels: list[int], parity: list[int]) -> int:
        rename: dict[int, int] = {}
        codes = []
        for lab, par in zip(labels, parity, strict=True):
            if lab == 0:
                codes.append(0)
                continue
            new = rename.get(lab)
            if new is None:
                new = rename[lab] = len(rename) + 1
            codes.append(2 * new + par)
        return self._intern(tuple(codes))

    def _decode(self, sid: int) -> tuple[list[int], list[int]]:
        codes = self.states[sid]
        return [c >> 1 for c in codes], [c & 1 for c in codes]

    # -- transitions ---------------------------------------------------------
    def horizontal(self, sid: int) -> list[HMove]:
        """Choices of cross-aisle edge multiplicities into the next column."""
        codes = self.states[sid]
        choices: list[tuple[int, ...]] = []
        for c in codes:
            if c == 0:
                # An untouched vertex may only stay out: a doubled edge from it
                # would be a dead-end spur that can be deleted at no loss.
                choices.append((0,))
            elif c & 1:
                choices.append((1,))  # odd degree must be fixed by one more edge
            else:
                choices.append((0, 2))
        labels = [c >> 1 for c in codes]
        best: dict[int, tuple[int, tuple[int, ...]]] = {}
        for hvec in product(*choices):
            carried = {labels[k] for k, h in enumerate(hvec) if h}
            if any(lab and lab not in carried for lab in labels):
                continue  # a component would be cut off from the rest forever
            nsid = self._canon(
                [labels[k] if h else 0 for k, h in enumerate(hvec)], [h & 1 for h in hvec]
            )
            used = sum(hvec)
            if nsid not in best or used < best[nsid][0]:
                best[nsid] = (used, hvec)
        out = [(nsid, used, hvec) for nsid, (used, hvec) in best.items()]
        self.htrans[sid] = out
        return out

    def vertical(self, sid: int, seg: int, opt: int) -> int:
        """Apply one sub-aisle option to the frontier vertices seg and seg+1."""
        labels, parity = self._decode(sid)
        fresh = max(labels) + 1

        def touch(k: int) -> None:
            nonlocal fresh
            if labels[k] == 0:
                labels[k] = fresh
                fresh += 1

        lo, hi = seg, seg + 1
        if opt in (ONE, TWO):
            touch(lo)
            touch(hi)
            old, new = labels[hi], labels[lo]
            if old != new:
                labels[:] = [new if lab == old else lab for lab in labels]
            if opt == ONE:
                parity[lo] ^= 1
                parity[hi] ^= 1
        elif opt == TOP:
            touch(hi)
        elif opt == BOTTOM:
            touch(lo)
        elif opt == GAP:
            touch(lo)
            touch(hi)
        return self._canon(labels, parity)

    def vtable(self, seg: int, opts: tuple[int, ...]) -> VTable:
        key = (seg, opts)
        table = self.vtables.get(key)
        if table is None:
            table = self.vtables[key] = [UNLEARNT_V] * len(self.states)
        return table

    def vrow(self, table: VTable, sid: int, seg: int, opts: tuple[int, ...]) -> list[VMove]:
        """Transitions of one state through one sub-aisle, dominated ones dropped.

        When several options lead to the same next state, only the cheapest
        can matter.  Some cost orders hold for every instance: ``NONE`` is
        free; ``TWO`` is never cheaper than any other option; ``GAP`` is only
        offered when it beats ``TOP`` and ``BOTTOM``.  Dropping the dominated
        options here shortens the DP's inner loop for good.
        """
        by_next: dict[int, list[int]] = {}
        for opt in opts:
            by_next.setdefault(self.vertical(sid, seg, opt), []).append(opt)
        row: list[VMove] = []
        for nsid, group in by_next.items():
            if NONE in group:
                group = [NONE]
            elif len(group) > 1:
                group = [o for o in group if o != TWO]
                if GAP in group:
                    group = [o for o in group if o not in (TOP, BOTTOM)]
            row.extend((opts.index(o), nsid) for o in group)
        table[sid] = row
        return row

    def require(self, sid: int) -> int:
        """Touch frontier vertex 0 (the depot's cross-aisle vertex)."""
        labels, parity = self._decode(sid)
        if labels[0] == 0:
            labels[0] = max(labels) + 1
        nsid = self._canon(labels, parity)
        self.reqtrans[sid] = nsid
        return nsid


_AUTOMATA: dict[int, Automaton] = {}
_AUTOMATA_LOCK = threading.Lock()


def automaton(blocks: int) -> Automaton:
    """The shared automaton for ``blocks`` blocks, built on first use."""
    auto = _AUTOMATA.get(blocks)
    if auto is None:
        with _AUTOMATA_LOCK:
            auto = _AUTOMATA.get(blocks)
            if auto is None:
                auto = _AUTOMATA[blocks] = Automaton(blocks)
    return auto
