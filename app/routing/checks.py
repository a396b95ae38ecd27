"""Argument checks shared by the routing entry points.

Routing is called with numbers from files and command lines, so it checks
types itself: a ``True`` where an aisle count belongs is a bug, not one aisle.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from typing import Protocol, TypeVar

__all__ = ["is_finite_number", "is_int", "identified"]


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=_Identified)


def is_int(value: object) -> bool:
    # bool is an int subclass; ``aisles=True`` is a bug, not "one aisle".
    return isinstance(value, int) and not isinstance(value, bool)


def is_finite_number(value: object) -> bool:
    """An int or float (not a bool), neither infinite nor NaN."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def identified(items: Sequence[object], kind: type[T], noun: str) -> Iterator[tuple[int, T]]:
    """``(index, item)`` for each item, after checking it is a ``kind`` with a
    non-empty string id that no earlier item has (routes and batches are
    reported by id)."""
    seen: set[str] = set()
    for index, item in enumerate(items):
        if not isinstance(item, kind):
            raise ValueError(f"{noun} #{index} is not a {kind.__name__}: {item!r}")
        if not isinstance(item.id, str) or not item.id:
            raise ValueError(f"{noun} #{index}: id must be a non-empty string, got {item.id!r}")
        if item.id in seen:
            raise ValueError(f"duplicate {noun} id {item.id!r}")
        seen.add(item.id)
        yield index, item
