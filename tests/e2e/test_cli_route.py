from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli.main import main


def test_route_prints_optimal_tour(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    layout = tmp_path / "layout.json"
    picks = tmp_path / "picks.json"
    layout.write_text(
        json.dumps({"aisles": 3, "aisle_length": 10, "aisle_spacing": 4, "blocks": 1})
    )
    picks.write_text(json.dumps([{"id": "a", "aisle": 3, "y": 5}, {"id": "b", "aisle": 1, "y": 2}]))
    assert main(["route", "--layout", str(layout), "--picks", str(picks), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    # Along the front to aisle 3 and into it (8 + 2·5), back along the front, into
    # aisle 1 (8 + 2·2): cheaper than crossing at the back (2·10 + 8 + 8 = 36).
    assert result["method"] == "optimal" and result["distance"] == 30.0
    assert sorted(result["sequence"]) == ["a", "b"]


def test_route_rejects_a_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    layout = tmp_path / "layout.json"
    picks = tmp_path / "picks.json"
    layout.write_text(json.dumps({"aisles": 3, "aisle_length": 10, "aisle_spacing": 4}))
    picks.write_text(json.dumps([{"id": "a", "aisle": 7, "y": 5}]))
    assert main(["route", "--layout", str(layout), "--picks", str(picks), "--json"]) == 1
    assert "aisle" in capsys.readouterr().err
