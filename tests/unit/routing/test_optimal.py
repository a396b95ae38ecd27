"""``optimal`` is exact: checked against Held–Karp on the explicit aisle graph.

The reference never uses the closed-form distances or the DP: it builds the
aisle graph (:class:`AisleGraph`), runs Dijkstra for the distance matrix and
solves the TSP over the distinct pick points and the depot exactly.
"""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.routing import METHODS, Layout, Pick, route, route_distance, tour_length
from app.routing.geometry import aisle_x, cross_aisle_ys, validate_picks
from app.routing.graph import AisleGraph, depot_distance, point_distance

TOL = 1e-9


def held_karp(layout: Layout, picks: list[Pick]) -> float:
    """Shortest closed tour depot → all picks → depot, by Held–Karp."""
    graph = AisleGraph(layout, [(p.aisle, p.y) for p in picks])
    points = [graph.depot] + sorted({graph.point_of(p.aisle, p.y) for p in picks} - {graph.depot})
    dist = graph.distance_matrix(points)
    n = len(points) - 1
    if n == 0:
        return 0.0
    full = (1 << n) - 1
    inf = math.inf
    # dp[mask][j]: shortest path from the depot through ``mask`` ending at j.
    dp = [[inf] * n for _ in range(full + 1)]
    for j in range(n):
        dp[1 << j][j] = dist[0][j + 1]
    bits = [1 << k for k in range(n)]
    for mask in range(1, full + 1):
        row = dp[mask]
        free = [k for k in range(n) if not mask & bits[k]]
        if not free:
            continue
        for j in range(n):
            c = row[j]
            if c == inf:
                continue
            dj = dist[j + 1]
            for k in free:
                v = c + dj[k + 1]
                target = dp[mask | bits[k]]
                if v < target[k]:
                    target[k] = v
    return min(dp[full][j] + dist[j + 1][0] for j in range(n))


def random_instance(rng: random.Random, max_picks: int = 10, max_blocks: int = 3):
    aisles = rng.randint(1, 7)
    blocks = rng.randint(1, max_blocks)
    length = rng.choice([10.0, 12.0, 7.5, 30.0])
    spacing = rng.choice([1.0, 2.5, 3.0, 5.0])
    width = (aisles - 1) * spacing
    depot_x = rng.choice(
        [
            0.0,
            0.0,
            width,
            rng.randint(0, aisles - 1) * spacing,
            width / 2,
            rng.uniform(-4, width + 4),
        ]
    )
    layout = Layout(aisles, length, spacing, blocks, depot_x)
    cys = cross_aisle_ys(layout)
    picks = []
    for i in range(rng.randint(0, max_picks)):
        kind = rng.random()
        if kind < 0.15:
            y = rng.choice(cys)  # exactly on a cross aisle
        elif kind < 0.25 and picks:
            prev = rng.choice(picks)  # same spot as another pick
            picks.append(Pick(f"p{i}", prev.aisle, prev.y))
            continue
        else:
            y = round(rng.uniform(0, length), 2)
        picks.append(Pick(f"p{i}", rng.randint(1, aisles), y))
    return layout, picks


def check_optimal(layout: Layout, picks: list[Pick]) -> None:
    expected = held_karp(layout, picks)
    scale = max(1.0, expected) * TOL
    best = route(layout, picks, "optimal")
    assert sorted(best.sequence) == sorted(p.id for p in picks)
    assert best.distance == tour_length(layout, picks, best.sequence)
    assert abs(best.distance - expected) <= scale, (layout, picks, best, expected)
    assert abs(route_distance(layout, picks) - expected) <= scale
    for method in METHODS[1:]:
        other = route(layout, picks, method)
        assert other.distance >= best.distance - scale, (method, layout, picks)


# -- hand-computed cases -------------------------------------------------------


def test_one_aisle_single_pick_is_out_and_back():
    layout = Layout(aisles=1, aisle_length=10, aisle_spacing=2, depot_x=3.0)
    picks = [Pick("a", 1, 4.0)]
    # 2·y + 2·|x − depot_x| with x = 0
    assert route(layout, picks).distance == pytest.approx(2 * 4 + 2 * 3)
    assert route_distance(layout, picks) == pytest.approx(14.0)
    assert route(layout, picks).sequence == ["a"]


def test_zero_picks_is_an_empty_route():
    layout = Layout(5, 10, 3, blocks=2, depot_x=4)
    for method in METHODS:
        r = route(layout, [], method)
        assert r.sequence == [] and r.distance == 0.0
        assert route_distance(layout, [], method) == 0.0


def test_pick_at_the_depot_costs_nothing():
    layout = Layout(3, 10, 3)
    assert route(layout, [Pick("a", 1, 0.0), Pick("b", 1, 0)]).distance == 0.0


def test_near_front_picks_are_taken_by_return_trips():
    layout = Layout(2, 10, 3)
    picks = [Pick("a", 1, 2.0), Pick("b", 2, 2.0)]
    # up 2 and back in aisle 1, over 3, up 2 and back, back 3.
    assert route(layout, picks).distance == pytest.approx(14.0)


def test_near_back_picks_are_taken_by_a_loop():
    layout = Layout(2, 10, 3)
    picks = [Pick("a", 1, 9.0), Pick("b", 2, 9.0)]
    assert route(layout, picks).distance == pytest.approx(2 * 10 + 2 * 3)


def test_middle_cross_aisle_is_used():
    # Middle cross aisle at y = 5; picks just behind it in aisles 1 and 2.
    layout = Layout(2, 10, 3, blocks=2)
    picks = [Pick("a", 1, 6.0), Pick("b", 2, 6.0)]
    # depot → up aisle 1 to 6 → back to 5 → across 3 → up to 6 → down to 0 → depot.
    expected = 6 + 1 + 3 + 1 + 6 + 3
    assert route(layout, picks).distance == pytest.approx(expected)
    assert held_karp(layout, picks) == pytest.approx(expected)


def test_depot_between_aisles_and_beyond_them():
    picks = [Pick("a", 1, 3.0), Pick("b", 3, 3.0)]
    between = Layout(3, 10, 4, depot_x=5.0)
    # out to aisle 1 (5), up/down 6, over to aisle 3 (8), up/down 6, back (3)
    assert route(between, picks).distance == pytest.approx(5 + 6 + 8 + 6 + 3)
    beyond = Layout(3, 10, 4, depot_x=-2.0)
    assert route(beyond, picks).distance == pytest.approx(2 + 6 + 8 + 6 + 8 + 2)


def test_pick_on_the_back_cross_aisle():
    layout = Layout(3, 10, 2, blocks=3)
    picks = [Pick("a", 3, 10.0), Pick("b", 1, 10.0)]
    assert route(layout, picks).distance == pytest.approx(2 * 10 + 2 * 4)


# -- exactness against Held–Karp ----------------------------------------------


def test_optimal_matches_held_karp_on_seeded_instances():
    rng = random.Random(20240601)
    for _ in range(2000):
        layout, picks = random_instance(rng)
        check_optimal(layout, picks)


def test_optimal_matches_held_karp_with_four_and_five_blocks():
    rng = random.Random(7)
    for _ in range(150):
        layout, picks = random_instance(rng, max_picks=8, max_blocks=5)
        check_optimal(layout, picks)


@st.composite
def instances(draw):
    aisles = draw(st.integers(1, 6))
    blocks = draw(st.integers(1, 3))
    length = draw(st.sampled_from([6.0, 10.0, 25.0]))
    spacing = draw(st.sampled_from([1.0, 2.0, 4.5]))
    width = (aisles - 1) * spacing
    depot_x = draw(
        st.one_of(
            st.just(0.0),
            st.integers(0, aisles - 1).map(lambda a: a * spacing),
            st.floats(-3.0, width + 3.0, allow_nan=False, allow_infinity=False),
        )
    )
    layout = Layout(aisles, length, spacing, blocks, depot_x)
    cys = cross_aisle_ys(layout)
    ys = st.one_of(
        st.sampled_from(cys), st.integers(0, int(length) * 4).map(lambda q: min(length, q / 4))
    )
    spots = draw(st.lists(st.tuples(st.integers(1, aisles), ys), max_size=9))
    return layout, [Pick(f"p{i}", a, y) for i, (a, y) in enumerate(spots)]


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_optimal_matches_held_karp_property(instance):
    check_optimal(*instance)


# -- larger instances: consistency only (too big for Held–Karp) ----------------


@pytest.mark.parametrize("blocks", [1, 2, 3, 4])
def test_large_instances_are_consistent(blocks):
    rng = random.Random(blocks)
    layout = Layout(12, 20.0, 3.0, blocks, depot_x=7.0)
    for _ in range(10):
        picks = [Pick(str(i), rng.randint(1, 12), rng.uniform(0, 20)) for i in range(40)]
        best = route(layout, picks)
        assert sorted(best.sequence) == sorted(p.id for p in picks)
        assert best.distance == pytest.approx(route_distance(layout, picks), rel=1e-12)
        for method in METHODS[1:]:
            assert route(layout, picks, method).distance >= best.distance - 1e-9


# -- the distances the checks rely on -----------------------------------------


def test_closed_form_distances_match_dijkstra():
    rng = random.Random(3)
    for _ in range(150):
        layout, picks = random_instance(rng, max_picks=8)
        graph = AisleGraph(layout, [(p.aisle, p.y) for p in picks])
        cys = cross_aisle_ys(layout)
        from_depot = graph.shortest_from(graph.depot)
        for p in picks:
            here = graph.shortest_from(graph.point_of(p.aisle, p.y))
            assert depot_distance(layout, p.aisle, p.y) == pytest.approx(
                from_depot[graph.point_of(p.aisle, p.y)]
            )
            for q in picks:
                assert point_distance(layout, cys, p.aisle, p.y, q.aisle, q.y) == pytest.approx(
                    here[(aisle_x(layout, q.aisle), float(q.y))]
                )


def test_tour_length_requires_every_pick_once():
    layout = Layout(3, 10, 3)
    picks = [Pick("a", 1, 2.0), Pick("b", 3, 5.0)]
    # depot→a: 2; a→b: 6 across + 2 down and 5 up via the front; b→depot: 6 + 5
    assert tour_length(layout, picks, ["a", "b"]) == pytest.approx(2 + (6 + 7) + (6 + 5))
    for bad in (["a"], ["a", "a"], ["a", "b", "c"], ["a", "b", "b"]):
        with pytest.raises(ValueError):
            tour_length(layout, picks, bad)


# -- validation -------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(aisles=0, aisle_length=10, aisle_spacing=3),
        dict(aisles=2.5, aisle_length=10, aisle_spacing=3),
        dict(aisles=True, aisle_length=10, aisle_spacing=3),
        dict(aisles=3, aisle_length=0, aisle_spacing=3),
        dict(aisles=3, aisle_length=10, aisle_spacing=-1),
        dict(aisles=3, aisle_length=float("nan"), aisle_spacing=3),
        dict(aisles=3, aisle_length=10, aisle_spacing=3, blocks=0),
        dict(aisles=3, aisle_length=10, aisle_spacing=3, depot_x=float("inf")),
        dict(aisles=3, aisle_length="10", aisle_spacing=3),
    ],
)
def test_layout_validation(kwargs):
    with pytest.raises(ValueError):
        Layout(**kwargs)


@pytest.mark.parametrize(
    "picks",
    [
        [Pick("a", 0, 1.0)],
        [Pick("a", 4, 1.0)],
        [Pick("a", 1, -0.5)],
        [Pick("a", 1, 10.5)],
        [Pick("a", 1, 1.0), Pick("a", 2, 1.0)],
        [Pick("", 1, 1.0)],
        [Pick("a", 1, float("nan"))],
        [("a", 1, 1.0)],
    ],
)
def test_pick_validation(picks):
    layout = Layout(3, 10, 3)
    with pytest.raises(ValueError):
        validate_picks(layout, picks)
    with pytest.raises(ValueError):
        route(layout, picks)


def test_unknown_method_is_rejected():
    with pytest.raises(ValueError, match="unknown routing method"):
        route(Layout(3, 10, 3), [], "tsp")
