"""The settings screen: bad values shown in red and not saved; good values saved and
applied to the running station; the language switches at once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.domain.scan import Location
from app.services.access.identity import StationInfo
from app.services.station import machine_settings as station_settings
from app.services.station.config import StationConfig
from ui.bridges.background import Background
from ui.context import StationContext
from ui.i18n.language import current_language
from ui.screens.settings import SettingsScreen
from ui.widgets.feedback import Feedback, SoundPlayer

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def ctx(qapp: QApplication, sqlite_db) -> Iterator[StationContext]:
    background = Background()
    config = StationConfig(
        db=sqlite_db.url, station="HZ1-PACK-01", printer="dir:///tmp/spool", lang="en"
    )
    yield StationContext(
        sqlite_db,
        background,
        StationInfo(1, "HZ1-PACK-01", "pack", None, None),
        config,
        Feedback(SoundPlayer(muted=True)),
    )
    background.shutdown()


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "conf" / "station.json"


@pytest.fixture
def screen(qtbot, ctx, path) -> SettingsScreen:
    widget = SettingsScreen(ctx, path=path)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_the_form_shows_the_running_config(screen, ctx):
    assert screen.station_value.text() == "HZ1-PACK-01"
    assert screen.printer_edit.text() == "dir:///tmp/spool"
    assert screen.config_from_form() == ctx.config


def test_bad_values_are_named_and_nothing_is_saved(screen, ctx, path):
    screen.printer_edit.setText("lpt1")
    screen.scale_edit.setText("toledo")
    assert not screen.save()
    text = screen.problems.text()
    assert "Printer: printer address 'lpt1' is not usable" in text
    assert "Scale: scale address is not usable" in text
    assert ctx.feedback.level == "bad"
    assert not path.exists()
    assert ctx.config.printer == "dir:///tmp/spool", "the running station keeps its printer"


def test_good_values_are_saved_and_apply_at_once(qtbot, screen, ctx, path):
    config = ctx.config
    screen.printer_edit.setText("tcp://10.0.0.5:9100")
    screen.size_combo.setCurrentIndex(screen.size_combo.findData("4x6"))
    screen.pct_spin.setValue(12.5)
    with qtbot.waitSignal(screen.saved) as got:
        assert screen.save()
    saved = station_settings.load(path)
    assert saved == got.args[0]
    assert (saved.printer, saved.label_size, saved.weight_tolerance_pct) == (
        "tcp://10.0.0.5:9100",
        "4x6",
        12.5,
    )
    assert ctx.config is config and ctx.config.printer == "tcp://10.0.0.5:9100"
    assert ctx.feedback.level == "good" and screen.problems.text() == ""


def test_a_new_scale_is_saved_with_a_restart_note(screen, ctx, path):
    screen.scale_edit.setText("mtsics:///dev/ttyS1?baudrate=4800")
    assert screen.save()
    assert ctx.feedback.level == "warn" and "after a restart" in ctx.feedback.text
    assert station_settings.load(path).scale == "mtsics:///dev/ttyS1?baudrate=4800"


def test_an_unwritable_folder_is_a_sentence(qtbot, ctx, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    widget = SettingsScreen(ctx, path=blocker / "station.json")
    qtbot.addWidget(widget)
    assert not widget.save()
    assert "Cannot write the settings file" in widget.problems.text()


def test_language_applies_when_picked(screen):
    screen.lang_combo.setCurrentIndex(screen.lang_combo.findData("zh_CN"))
    assert current_language() == "zh_CN"
    assert screen.config_from_form().lang == "zh_CN"


def test_scans_are_not_taken(screen, ctx):
    screen.handle_scan(Location("HZ1-A01-05-2"))
    assert ctx.feedback.level == "info"
