"""The translation reaches the widgets: labels exist to carry it and follow a language switch."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QFormLayout, QLabel

from app.db.engine import Database
from app.db.models import Warehouse
from app.services.station.config import StationConfig
from app.services.station.registry import ensure_station
from ui.bridges.background import Background
from ui.context import StationContext
from ui.dialogs.supervisor import SupervisorDialog
from ui.i18n.language import current_language, switch_language
from ui.widgets.feedback import Feedback, SoundPlayer


@pytest.fixture(autouse=True)
def english_after(qapp: QApplication) -> Iterator[None]:
    yield
    switch_language("en")


@pytest.fixture
def ctx(qapp: QApplication, sqlite_db: Database) -> Iterator[StationContext]:
    with sqlite_db.unit_of_work() as s:
        s.add(Warehouse(code="HZ1", name="杭州仓", province="浙江省", city="杭州市"))
    background = Background()
    station = ensure_station(sqlite_db, "HZ1-PACK-01")
    yield StationContext(
        db=sqlite_db,
        background=background,
        station=station,
        config=StationConfig(db=sqlite_db.url, station=station.name),
        feedback=Feedback(SoundPlayer(muted=True)),
    )
    background.shutdown()


def _form_labels(form: QFormLayout) -> list[str]:
    texts = []
    for row in range(form.rowCount()):
        item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        widget = item.widget() if item is not None else None
        texts.append(widget.text() if isinstance(widget, QLabel) else "")
    return texts


def test_the_supervisor_dialog_names_its_fields_in_the_station_language(qtbot, ctx):
    switch_language("zh_CN")
    assert current_language() == "zh_CN"
    dialog = SupervisorDialog(ctx, "主管：按此重量放行包裹", action="pack.weight_override")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "主管审批"
    assert _form_labels(dialog.form) == ["工牌", "PIN 码", "原因"]
    switch_language("en")  # Qt posts LanguageChange to every window
    qtbot.waitUntil(lambda: _form_labels(dialog.form) == ["Badge", "PIN", "Reason"], timeout=5_000)
