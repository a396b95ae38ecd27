"""Warehouse geometry for pick routing (see DESIGN.md, "Warehouse geometry").

A floor is ``aisles`` parallel pick aisles, numbered 1…n from the left, whose
centre lines are ``aisle_spacing`` apart (aisle *i* sits at
``x = (i − 1)·aisle_spacing``).  Every aisle runs from ``y = 0`` (the front
cross aisle) to ``y = aisle_length`` (the back cross aisle).  ``blocks − 1``
middle cross aisles at equal distances cut the aisles into ``blocks`` blocks,
so cross aisles lie at ``y = k·aisle_length/blocks`` for ``k = 0..blocks``.
The part of one aisle inside one block is a *sub-aisle*.

Cross aisles are treated as lines (their width is ignored) and picks are made
from the aisle centre line.  The depot, where every route starts and ends, is
on the front cross aisle at ``x = depot_x``; it may lie between two aisles or
even beyond the outermost aisle, in which case the front cross aisle is taken
to extend to it.  Travel is only along aisles and cross aisles.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from app.routing.checks import identified, is_finite_number, is_int

__all__ = [
    "Layout",
    "Pick",
    "validate_picks",
    "aisle_x",
    "cross_aisle_ys",
    "block_of",
]


@dataclass(frozen=True)
class Layout:
    """A rectangular multi-block warehouse; see the module docstring."""

    aisles: int
    aisle_length: float
    aisle_spacing: float
    blocks: int = 1
    depot_x: float = 0.0

    def __post_init__(self) -> None:
        if not is_int(self.aisles) or self.aisles < 1:
            raise ValueError(f"aisles must be an integer >= 1, got {self.aisles!r}")
        if not is_int(self.blocks) or self.blocks < 1:
            raise ValueError(f"blocks must be an integer >= 1, got {self.blocks!r}")
        for name in ("aisle_length", "aisle_spacing"):
            value = getattr(self, name)
            if not is_finite_number(value) or value <= 0:
                raise ValueError(f"{name} must be a finite number > 0, got {value!r}")
            # Normalise to float so that equal layouts hash equally (10 vs 10.0).
            object.__setattr__(self, name, float(value))
        if not is_finite_number(self.depot_x):
            raise ValueError(f"depot_x must be a finite number, got {self.depot_x!r}")
        object.__setattr__(self, "depot_x", float(self.depot_x))

    @property
    def width(self) -> float:
        """x of the right-most aisle centre line."""
        return (self.aisles - 1) * self.aisle_spacing


@dataclass(frozen=True)
class Pick:
    """One pick location: the item is taken at height ``y`` in ``aisle``.

    Validated against a layout by :func:`validate_picks`, not on construction,
    so that building many picks stays cheap.
    """

    id: str
    aisle: int
    y: float


def aisle_x(layout: Layout, aisle: int) -> float:
    """x coordinate of the centre line of ``aisle`` (1-based)."""
    return (aisle - 1) * layout.aisle_spacing


def cross_aisle_ys(layout: Layout) -> list[float]:
    """y of the cross aisles, front (k = 0) to back (k = blocks).

    Computed as ``aisle_length * k / blocks`` everywhere in the package so that
    a pick placed "exactly on" a cross aisle compares equal to it.
    """
    length, blocks = layout.aisle_length, layout.blocks
    ys = [length * k / blocks for k in range(blocks + 1)]
    ys[-1] = length  # guard against rounding: a pick at y = aisle_length is on the back
    return ys


def block_of(cross_ys: Sequence[float], y: float) -> int:
    """0-based block (sub-aisle index) that a pick at ``y`` belongs to.

    A pick lying exactly on a middle cross aisle is assigned to the block
    behind it (it is that block's bottom point); one on the back cross aisle
    belongs to the last block.  Either choice is correct for routing, it just
    has to be the same everywhere.
    """
    block = bisect_right(cross_ys, y) - 1
    last = len(cross_ys) - 2
    return last if block > last else (0 if block < 0 else block)


def validate_picks(layout: Layout, picks: Sequence[Pick]) -> None:
    """Raise ``ValueError`` unless every pick lies on the layout.

    Checks: each item is a :class:`Pick`; ``id`` is a non-empty string and ids
    are unique (routes are reported as id sequences); ``aisle`` is an integer in
    ``1..layout.aisles``; ``y`` is a finite number with
    ``0 <= y <= layout.aisle_length``.
    """
    for _, pick in identified(picks, Pick, "pick"):
        if not is_int(pick.aisle) or not 1 <= pick.aisle <= layout.aisles:
            raise ValueError(
                f"pick {pick.id!r}: aisle must be an integer in 1..{layout.aisles}, "
                f"got {pick.aisle!r}"
            )
        if not is_finite_number(pick.y):
            raise ValueError(f"pick {pick.id!r}: y must be a finite number, got {pick.y!r}")
        if not 0 <= pick.y <= layout.aisle_length:
            raise ValueError(
                f"pick {pick.id!r}: y must be within 0..{layout.aisle_length:g}, got {pick.y!r}"
            )
