"""Lint, format, layering and types are part of the suite, so the one test command
checks them too."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
# Pure data libraries the domain may use: no I/O, no framework, nothing to configure.
DOMAIN_LIBRARIES = {"biip", "phonenumbers"}


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]'")
    return found


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_is_clean() -> None:
    done = _run(_tool("ruff"), "check", ".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_format_is_applied() -> None:
    done = _run(_tool("ruff"), "format", "--check", ".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_import_contracts_hold() -> None:
    """The layers, Qt-free core, pure domain, independent screens and a UI that reaches
    the database only through services: pyproject.toml's [tool.importlinter]."""
    done = _run(_tool("lint-imports"))
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_domain_imports_only_the_standard_library() -> None:
    foreign: list[str] = []
    for path in sorted((ROOT / "app" / "domain").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top == "app":
                    if not name.startswith("app.domain"):
                        foreign.append(f"{path.relative_to(ROOT)}: {name}")
                elif top not in sys.stdlib_module_names and top not in DOMAIN_LIBRARIES:
                    foreign.append(f"{path.relative_to(ROOT)}: {name}")
    assert not foreign, "app/domain imports beyond the standard library:\n" + "\n".join(foreign)


def test_types_check() -> None:
    """mypy over app/, printing/ and ui/ as pyproject.toml configures it: 0 errors."""
    done = _run(sys.executable, "-m", "mypy")
    assert done.returncode == 0, done.stdout + done.stderr
