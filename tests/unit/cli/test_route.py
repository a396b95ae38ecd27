"""File glue for ``wavedesk route``: happy paths and clear errors."""

from __future__ import annotations

import json

import pytest

from app.cli.route import run_route
from app.routing import METHODS, Layout, Pick, route


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


LAYOUT = {"aisles": 4, "aisle_length": 10, "aisle_spacing": 3, "blocks": 2, "depot_x": 1.5}
PICKS = [
    {"id": "A", "aisle": 1, "y": 2},
    {"id": "B", "aisle": 4, "y": 7.5},
    {"id": "C", "aisle": 2, "y": 5},
    {"id": "D", "aisle": 2, "y": 5},
]


@pytest.mark.parametrize("method", METHODS)
def test_run_route_matches_the_library(tmp_path, method):
    out = run_route(write(tmp_path, "l.json", LAYOUT), write(tmp_path, "p.json", PICKS), method)
    assert set(out) == {"method", "sequence", "distance"}
    assert out["method"] == method
    expected = route(Layout(**LAYOUT), [Pick(p["id"], p["aisle"], p["y"]) for p in PICKS], method)
    assert out["sequence"] == expected.sequence
    assert out["distance"] == expected.distance
    assert sorted(out["sequence"]) == ["A", "B", "C", "D"]
    json.dumps(out)  # serialisable as is


def test_optional_layout_keys_default(tmp_path):
    layout = {"aisles": 1, "aisle_length": 10, "aisle_spacing": 2}
    picks = [{"id": "x", "aisle": 1, "y": 4}]
    out = run_route(write(tmp_path, "l.json", layout), write(tmp_path, "p.json", picks), "optimal")
    assert out == {"method": "optimal", "sequence": ["x"], "distance": 8.0}


def test_zero_picks(tmp_path):
    out = run_route(write(tmp_path, "l.json", LAYOUT), write(tmp_path, "p.json", []), "s-shape")
    assert out == {"method": "s-shape", "sequence": [], "distance": 0.0}


@pytest.mark.parametrize(
    ("layout", "message"),
    [
        ("{not json", "not valid JSON"),
        ([1, 2], "expected a JSON object"),
        ({"aisles": 4, "aisle_length": 10}, "missing key(s) aisle_spacing"),
        ({**LAYOUT, "block": 2}, "unknown key(s) block"),
        ({**LAYOUT, "aisles": "4"}, "aisles must be an integer"),
        ({**LAYOUT, "aisles": 4.0}, "aisles must be an integer"),
        ({**LAYOUT, "blocks": 0}, "blocks must be an integer >= 1"),
        ({**LAYOUT, "aisle_length": -1}, "aisle_length must be a finite number > 0"),
        ({**LAYOUT, "depot_x": None}, "depot_x must be a number"),
    ],
)
def test_malformed_layout(tmp_path, layout, message):
    with pytest.raises(ValueError, match="layout file") as info:
        run_route(write(tmp_path, "l.json", layout), write(tmp_path, "p.json", PICKS), "optimal")
    assert message in str(info.value)


@pytest.mark.parametrize(
    ("picks", "message"),
    [
        ("[{]", "not valid JSON"),
        ({"id": "A"}, "expected a JSON array"),
        (["A"], "expected an object"),
        ([{"id": "A", "aisle": 1}], "missing key(s) y"),
        ([{"aisle": 1, "y": 1}], "missing key(s) id"),
        ([{"id": 7, "aisle": 1, "y": 1}], "id must be a non-empty string"),
        ([{"id": "A", "aisle": 5, "y": 1}], "aisle must be an integer in 1..4"),
        ([{"id": "A", "aisle": 0, "y": 1}], "aisle must be an integer in 1..4"),
        ([{"id": "A", "aisle": 1.5, "y": 1}], "aisle must be an integer"),
        ([{"id": "A", "aisle": 1, "y": -1}], "y must be within 0..10"),
        ([{"id": "A", "aisle": 1, "y": 11}], "y must be within 0..10"),
        ([{"id": "A", "aisle": 1, "y": "3"}], "y must be a number"),
        (
            [{"id": "A", "aisle": 1, "y": 1}, {"id": "A", "aisle": 2, "y": 1}],
            "duplicate pick id 'A'",
        ),
    ],
)
def test_malformed_picks(tmp_path, picks, message):
    with pytest.raises(ValueError, match="picks file") as info:
        run_route(write(tmp_path, "l.json", LAYOUT), write(tmp_path, "p.json", picks), "optimal")
    assert message in str(info.value)


def test_missing_file_and_unknown_method(tmp_path):
    picks = write(tmp_path, "p.json", PICKS)
    with pytest.raises(ValueError, match="cannot read layout file"):
        run_route(tmp_path / "nope.json", picks, "optimal")
    with pytest.raises(ValueError, match="unknown routing method 'fastest'"):
        run_route(write(tmp_path, "l.json", LAYOUT), picks, "fastest")
