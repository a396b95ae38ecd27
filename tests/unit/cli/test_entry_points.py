"""The ways to start the command: `wavedesk` (app.cli.main:main), `python -m app.cli`
and the older `python -m app.cli.main`; and help that stays quick to print."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).parents[3]


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *argv], capture_output=True, text=True, timeout=120, check=False
    )


def test_the_installed_command_is_main() -> None:
    from app.cli.main import main

    script = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]["wavedesk"]
    module, name = script.split(":")
    assert getattr(import_module(module), name) is main


def test_both_module_spellings_print_the_same_help_and_nothing_else() -> None:
    new, old = run("-m", "app.cli", "--help"), run("-m", "app.cli.main", "--help")
    assert new.returncode == old.returncode == 0
    assert new.stdout == old.stdout and new.stdout.startswith("usage: wavedesk")
    assert new.stderr == old.stderr == ""


def test_building_the_parser_loads_no_service_database_or_routing_code() -> None:
    done = run(
        "-c",
        "import sys; from app.cli.main import build_parser; build_parser(); "
        "print(' '.join(m for m in sys.modules if m.startswith("
        "('sqlalchemy', 'app.services', 'app.routing', 'app.domain', 'printing', 'PySide6'))))",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
