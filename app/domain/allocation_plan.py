"""The allocation decision for one order, as a pure function of a stock snapshot.

Kept apart from the database so the ranking rules can be tested case by case and
so a failed reservation can simply be planned again from fresh figures.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from app.domain.geo import haversine_km


@dataclass(slots=True)
class Bin:
    stock_id: int
    warehouse_id: int
    location_id: int
    available: int
    product_id: int


@dataclass(frozen=True, slots=True)
class WarehouseInfo:
    id: int
    code: str
    province: str  # canonical province name
    coords: tuple[float, float] | None


@dataclass(frozen=True, slots=True)
class Need:
    line_id: int
    product_id: int
    qty: int
    sku: str = ""


@dataclass
class Part:
    """What one warehouse ships: per order line, the bins and quantities to take."""

    warehouse_id: int
    takes: dict[int, list[tuple[Bin, int]]] = field(default_factory=dict)


@dataclass
class Plan:
    parts: list[Part]
    why: str


def _available(bins: dict[int, list[Bin]], wid: int, pid: int) -> int:
    return sum(b.available for b in bins.get(pid, ()) if b.warehouse_id == wid and b.available > 0)


def _rank(
    w: WarehouseInfo, province: str, dest: tuple[float, float] | None, stock: int
) -> tuple[int, float, int]:
    distance = haversine_km(w.coords, dest) if (w.coords and dest) else math.inf
    return (0 if province and w.province == province else 1, distance, -stock)


def _describe(w: WarehouseInfo, province: str, dest: tuple[float, float] | None) -> str:
    bits = [w.code]
    if province and w.province == province:
        bits.append("same province")
    if w.coords and dest:
        bits.append(f"{haversine_km(w.coords, dest):.0f} km")
    return ", ".join(bits)


def _take(bins: list[Bin], wid: int, qty: int, used: dict[int, int]) -> list[tuple[Bin, int]]:
    """Fewest bins first: one bin that holds it all, else the fullest bins."""
    mine = [b for b in bins if b.warehouse_id == wid and b.available - used.get(b.stock_id, 0) > 0]
    whole = [b for b in mine if b.available - used.get(b.stock_id, 0) >= qty]
    order = (
        whole[:1] if whole else sorted(mine, key=lambda b: -(b.available - used.get(b.stock_id, 0)))
    )
    takes: list[tuple[Bin, int]] = []
    left = qty
    for b in order:
        if left == 0:
            break
        q = min(left, b.available - used.get(b.stock_id, 0))
        used[b.stock_id] = used.get(b.stock_id, 0) + q
        takes.append((b, q))
        left -= q
    return takes


def plan_order(
    need: Sequence[tuple[int, int, int] | Need],
    bins: dict[int, list[Bin]],
    warehouses: Sequence[WarehouseInfo],
    province: str,
    dest: tuple[float, float] | None,
    allow_split: bool,
) -> Plan | str:
    """A Plan, or the reason (for people) why the order has to wait."""
    needs = [n if isinstance(n, Need) else Need(*n) for n in need]
    total: dict[int, int] = {}
    for n in needs:
        total[n.product_id] = total.get(n.product_id, 0) + n.qty
    avail = {w.id: {pid: _available(bins, w.id, pid) for pid in total} for w in warehouses}

    def stock_for_order(w: WarehouseInfo) -> int:
        return sum(min(avail[w.id][pid], q) for pid, q in total.items())

    whole = [w for w in warehouses if all(avail[w.id][pid] >= q for pid, q in total.items())]
    if whole:
        best = min(whole, key=lambda w: _rank(w, province, dest, stock_for_order(w)))
        used: dict[int, int] = {}
        part = Part(best.id)
        for n in needs:
            part.takes[n.line_id] = _take(bins.get(n.product_id, []), best.id, n.qty, used)
        return Plan([part], "ships whole from " + _describe(best, province, dest))

    short = [
        f"{next((n.sku for n in needs if n.product_id == pid), pid)} needs {q}, "
        f"{sum(avail[w.id][pid] for w in warehouses)} available"
        for pid, q in total.items()
        if sum(avail[w.id][pid] for w in warehouses) < q
    ]
    if short:
        return "not enough stock in any warehouse: " + "; ".join(short)
    if not allow_split:
        return "no single warehouse can ship the whole order (split is off)"

    # Greedy cover: the warehouse that ships the most of what is left, ties by place.
    left = {n.line_id: n.qty for n in needs}
    used = {}
    parts: list[Part] = []
    remaining = list(warehouses)
    while any(left.values()) and remaining:

        def covers(w: WarehouseInfo) -> int:
            room = dict(avail[w.id])
            units = 0
            for n in needs:
                q = min(left[n.line_id], room[n.product_id])
                room[n.product_id] -= q
                units += q
            return units

        best = min(remaining, key=lambda w: (-covers(w), *_rank(w, province, dest, 0)[:2]))
        remaining.remove(best)
        part = Part(best.id)
        for n in needs:
            q = min(left[n.line_id], avail[best.id][n.product_id])
            if q <= 0:
                continue
            part.takes[n.line_id] = _take(bins.get(n.product_id, []), best.id, q, used)
            avail[best.id][n.product_id] -= q
            left[n.line_id] -= q
        if part.takes:
            parts.append(part)
    by_id = {w.id: w for w in warehouses}
    return Plan(
        parts,
        "split: " + " + ".join(_describe(by_id[p.warehouse_id], province, dest) for p in parts),
    )
