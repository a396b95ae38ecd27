"""The heuristics walk legal closed tours through every pick.

Each heuristic builds the picker's actual walk; these tests check that walk
(moves only along aisles and cross aisles, depot to depot, every pick taken
exactly once where it lies), that the reported distance is ``tour_length`` of
the sequence (never more than the walk), and a few textbook single-block
values.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.routing import METHODS, Layout, Pick, route, route_distance, tour_length
from app.routing.geometry import aisle_x, cross_aisle_ys
from app.routing.heuristics import HEURISTICS, HeuristicRoute

HEURISTIC_METHODS = METHODS[1:]


def check_walk(layout: Layout, picks: list[Pick], walk: HeuristicRoute) -> None:
    cys = cross_aisle_ys(layout)
    xs = {aisle_x(layout, a) for a in range(1, layout.aisles + 1)}
    left = min(0.0, layout.depot_x)
    right = max(layout.width, layout.depot_x)
    depot = (layout.depot_x, 0.0)
    pts = walk.points
    assert pts[0] == depot and pts[-1] == depot
    total = 0.0
    for (x1, y1), (x2, y2) in zip(pts, pts[1:], strict=False):
        if y1 == y2 and x1 != x2:
            assert y1 in cys, f"horizontal move at y={y1} off the cross aisles"
            lo, hi = (left, right) if y1 == 0.0 else (0.0, layout.width)
            assert lo <= min(x1, x2) and max(x1, x2) <= hi
        elif x1 == x2 and y1 != y2:
            assert x1 in xs, f"vertical move at x={x1} outside the aisles"
            assert 0.0 <= min(y1, y2) and max(y1, y2) <= layout.aisle_length
        else:
            assert (x1, y1) == (x2, y2), "diagonal move"
        total += abs(x2 - x1) + abs(y2 - y1)
    assert walk.length == pytest.approx(total, abs=1e-9)
    by_id = {p.id: p for p in picks}
    assert sorted(pid for pid, _ in walk.visits) == sorted(by_id)
    on_walk = set(pts)
    for pid, where in walk.visits:
        p = by_id[pid]
        assert where == (aisle_x(layout, p.aisle), p.y)
        assert where in on_walk
    assert walk.sequence == [pid for pid, _ in walk.visits]


def check_all(layout: Layout, picks: list[Pick]) -> None:
    for method in HEURISTIC_METHODS:
        walk = HEURISTICS[method](layout, picks)
        check_walk(layout, picks, walk)
        r = route(layout, picks, method)
        assert r.method == method
        assert r.sequence == walk.sequence
        assert r.distance == tour_length(layout, picks, r.sequence)
        assert r.distance == route_distance(layout, picks, method)
        assert r.distance <= walk.length + 1e-9


def random_instance(rng: random.Random, max_picks: int):
    aisles = rng.randint(1, 9)
    blocks = rng.randint(1, 4)
    length = rng.choice([10.0, 24.0])
    spacing = rng.choice([2.0, 3.5])
    width = (aisles - 1) * spacing
    depot_x = rng.choice([0.0, width, width / 2, rng.uniform(-3, width + 3)])
    layout = Layout(aisles, length, spacing, blocks, depot_x)
    cys = cross_aisle_ys(layout)
    picks = [
        Pick(
            f"p{i}",
            rng.randint(1, aisles),
            rng.choice(cys) if rng.random() < 0.1 else round(rng.uniform(0, length), 1),
        )
        for i in range(rng.randint(0, max_picks))
    ]
    return layout, picks


def test_heuristics_walk_legal_tours_on_seeded_instances():
    rng = random.Random(99)
    for _ in range(400):
        check_all(*random_instance(rng, max_picks=25))


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 7),
    st.integers(1, 3),
    st.floats(-2.0, 20.0, allow_nan=False),
    st.lists(st.tuples(st.integers(1, 7), st.integers(0, 40)), max_size=15),
)
def test_heuristics_walk_legal_tours_property(aisles, blocks, depot_x, spots):
    layout = Layout(aisles, 10.0, 3.0, blocks, depot_x)
    picks = [Pick(f"p{i}", min(a, aisles), y / 4) for i, (a, y) in enumerate(spots)]
    check_all(layout, picks)


# -- single block: textbook values (walk lengths) -------------------------------

ONE_BLOCK = Layout(aisles=4, aisle_length=10.0, aisle_spacing=3.0)
# aisles 1, 2 and 4 hold picks; aisle 3 is empty.
PICKS = [Pick("a", 1, 2.0), Pick("b", 1, 8.0), Pick("c", 2, 3.0), Pick("d", 4, 7.0)]


def walk_length(method: str, layout: Layout = ONE_BLOCK, picks: list[Pick] = PICKS) -> float:
    return HEURISTICS[method](layout, picks).length


def test_s_shape_single_block():
    # Three pick aisles: up 1, down 2, then 4 entered from the front (to 7 and
    # back); horizontal 2 × 9 to aisle 4 and back.
    assert walk_length("s-shape") == pytest.approx(10 + 10 + 14 + 18)
    assert HEURISTICS["s-shape"](ONE_BLOCK, PICKS).sequence == ["a", "b", "c", "d"]


def test_return_single_block():
    assert walk_length("return") == pytest.approx(16 + 6 + 14 + 18)


def test_largest_gap_single_block():
    # Aisle 1 and 4 traversed; aisle 2 (pick at 3) from the front (largest gap
    # behind it); back cross aisle 9 wide, front 9 wide.
    assert walk_length("largest-gap") == pytest.approx(10 + 10 + 6 + 18)


def test_midpoint_single_block():
    # Aisle 2's pick at 3 is in the front half: same as largest gap here.
    assert walk_length("midpoint") == pytest.approx(10 + 10 + 6 + 18)
    picks = [Pick("a", 1, 1.0), Pick("b", 2, 6.0), Pick("c", 3, 9.0)]
    # Aisle 2's pick at 6 is in the back half: entered from the back (2 × 4).
    assert walk_length("midpoint", picks=picks) == pytest.approx(10 + 8 + 10 + 12)


def test_combined_single_block():
    # Up aisle 1 (10), enter aisle 2 from the back (2 × 7), down aisle 4 (10).
    assert walk_length("combined") == pytest.approx(10 + 14 + 10 + 18)


def test_single_pick_aisle_is_entered_and_left_at_the_front():
    picks = [Pick("a", 3, 4.0), Pick("b", 3, 2.0)]
    for method in HEURISTIC_METHODS:
        walk = HEURISTICS[method](ONE_BLOCK, picks)
        assert walk.length == pytest.approx(2 * 6 + 2 * 4), method
        assert walk.sequence == ["b", "a"], method


def test_multi_block_s_shape_goes_back_block_by_block():
    layout = Layout(aisles=3, aisle_length=20.0, aisle_spacing=4.0, blocks=2)
    picks = [Pick("a", 1, 5.0), Pick("b", 2, 15.0), Pick("c", 3, 12.0), Pick("d", 3, 2.0)]
    walk = HEURISTICS["s-shape"](layout, picks)
    check_walk(layout, picks, walk)
    # Up aisle 1 to the middle (a), block 2: traverse aisle 2 up, aisle 3 down,
    # block 1: aisle 3 down (d), then home along the front.
    assert walk.sequence == ["a", "b", "c", "d"]
    assert walk.length == pytest.approx(10 + 4 + 10 + 4 + 10 + 10 + 8)


def test_empty_block_is_crossed_in_the_current_aisle():
    layout = Layout(aisles=3, aisle_length=30.0, aisle_spacing=4.0, blocks=3)
    picks = [Pick("a", 2, 25.0)]
    for method in HEURISTIC_METHODS:
        walk = HEURISTICS[method](layout, picks)
        check_walk(layout, picks, walk)
        assert walk.length == pytest.approx(2 * 4 + 2 * 25), method
