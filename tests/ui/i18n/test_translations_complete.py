"""The Chinese translation is complete, keeps every placeholder, and its .qm is current.

When a test here fails, refresh the translation in two commands (from the repository root):

    pyside6-lupdate $(find ui -name '*.py') -no-obsolete -ts resources/translations/wavedesk_zh_CN.ts
    # fill in every <translation type="unfinished"> in the .ts (Qt Linguist or an editor),
    # keep each {placeholder}, then drop type="unfinished"
    pyside6-lrelease resources/translations/wavedesk_zh_CN.ts -qm resources/translations/wavedesk_zh_CN.qm

and commit both files. lupdate only sees literal strings in ``self.tr("…")``,
``QCoreApplication.translate("Context", "…")`` and ``QT_TRANSLATE_NOOP("Context", "…")``:
no f-strings or variables inside them (format afterwards with ``.format(...)``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
TS = ROOT / "resources" / "translations" / "wavedesk_zh_CN.ts"
QM = ROOT / "resources" / "translations" / "wavedesk_zh_CN.qm"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")

Key = tuple[str, str]  # (context, source text)


def _tool(name: str) -> str:
    """The path of pyside6-<name>: on PATH, else beside this interpreter."""
    found = shutil.which(f"pyside6-{name}") or shutil.which(
        f"pyside6-{name}", path=str(Path(sys.executable).parent)
    )
    if found is None:
        pytest.fail(
            f"pyside6-{name} is not installed: it comes with PySide6 and this test needs it"
        )
    return found


def _run(args: list[str]) -> None:
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"


def _messages(path: Path) -> dict[Key, ET.Element]:
    messages: dict[Key, ET.Element] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            messages[(name, message.findtext("source") or "")] = message
    return messages


@pytest.fixture(scope="module")
def committed() -> dict[Key, ET.Element]:
    return _messages(TS)


def test_the_ts_has_messages(committed):
    assert len(committed) > 100, f"{TS} holds only {len(committed)} messages"


def test_every_message_is_translated(committed):
    unfinished = [
        f"{ctx}: {source!r}"
        for (ctx, source), m in committed.items()
        if (t := m.find("translation")) is None
        or t.get("type") in ("unfinished", "obsolete", "vanished")
        or not (t.text or "").strip()
    ]
    assert not unfinished, (
        f"{len(unfinished)} messages have no finished translation:\n" + "\n".join(unfinished)
    )


def test_translations_keep_the_placeholders(committed):
    wrong = []
    for (ctx, source), m in committed.items():
        translation = m.findtext("translation") or ""
        want, got = sorted(PLACEHOLDER.findall(source)), sorted(PLACEHOLDER.findall(translation))
        if want != got:
            wrong.append(f"{ctx}: {source!r} has {want}, its translation {translation!r} has {got}")
    assert not wrong, "translations that change the placeholders:\n" + "\n".join(wrong)


def test_the_qm_is_compiled_from_the_ts(tmp_path):
    fresh = tmp_path / "fresh.qm"
    _run([_tool("lrelease"), "-silent", str(TS), "-qm", str(fresh)])
    assert QM.is_file(), f"{QM} is missing: run pyside6-lrelease (see this file's docstring)"
    assert QM.read_bytes() == fresh.read_bytes(), (
        f"{QM.name} is older than {TS.name}: run pyside6-lrelease (see this file's docstring) and commit the .qm"
    )


def test_every_string_of_the_ui_is_in_the_ts(tmp_path, committed):
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    scratch = tmp_path / "wavedesk_zh_CN.ts"
    _run([_tool("lupdate"), "-silent", "-locations", "none", *sources, "-ts", str(scratch)])
    extracted = _messages(scratch)
    assert len(extracted) > 100, f"lupdate found only {len(extracted)} strings in ui/"
    missing = sorted(set(extracted) - set(committed))
    assert not missing, (
        f"{len(missing)} strings of ui/ are not in {TS.name}; run pyside6-lupdate and translate them "
        "(see this file's docstring):\n"
        + "\n".join(f"{ctx}: {source!r}" for ctx, source in missing)
    )
