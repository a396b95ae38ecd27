"""The orders board on a real SQLite database: tiles, filter, detail, language, errors."""

from __future__ import annotations

import ast
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.db.engine import Database
from app.demo import demo_orders, seed_catalog
from app.services.intake.apply import import_orders
from app.services.orders import order_detail, status_counts
from app.services.review import review_orders
from ui.bridges.background import Background
from ui.i18n.language import current_language, switch_language
from ui.screens.orders_board.board import OrdersBoard
from ui.screens.orders_board.table import ORDER_KEY_ROLE, STATUS_ROLE
from ui.viewmodels.orders_board import OrdersBoardModel

UI = Path(__file__).resolve().parents[3] / "ui"
WAIT = 10_000


@pytest.fixture
def reviewed_db(sqlite_db: Database) -> Database:
    catalog = seed_catalog(sqlite_db)
    import_orders(sqlite_db, demo_orders(catalog, 60, seed=1))
    review_orders(sqlite_db)
    return sqlite_db


pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def model(reviewed_db: Database, background: Background) -> Iterator[OrdersBoardModel]:
    m = OrdersBoardModel(reviewed_db, background, interval_ms=None)
    yield m
    m.stop()


@pytest.fixture
def board(qtbot, model: OrdersBoardModel) -> OrdersBoard:
    widget = OrdersBoard(model)
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    widget.show()
    qtbot.waitExposed(widget)
    model.refresh(None)
    qtbot.waitUntil(lambda: widget.table_model.rowCount() > 0, timeout=WAIT)
    return widget


def _table_statuses(board: OrdersBoard) -> list[str]:
    m = board.table_model
    return [m.data(m.index(r, 0), STATUS_ROLE) for r in range(m.rowCount())]


def test_tiles_show_the_status_counts(qtbot, board, reviewed_db):
    counts = status_counts(reviewed_db)
    assert counts.get("on_hold", 0) > 0, "the demo orders should put some on hold"
    qtbot.waitUntil(lambda: board.tile("on_hold").count_text() == str(counts["on_hold"]))
    for status, tile in board.tiles().items():
        expected = sum(counts.values()) if status is None else counts.get(status, 0)
        assert tile.count_text() == str(expected), status
    assert board.table_model.rowCount() == sum(counts.values())
    assert board.tile("on_hold").title_text() == "On hold"
    assert board.tile("on_hold").property("tone") == "amber"
    assert board.tile("cancelled").property("tone") == "grey"


def test_clicking_the_on_hold_tile_filters_the_table(qtbot, board, model, reviewed_db):
    held = status_counts(reviewed_db)["on_hold"]
    qtbot.mouseClick(board.tile("on_hold"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: board.table_model.rowCount() == held, timeout=WAIT)
    assert set(_table_statuses(board)) == {"on_hold"}
    assert model.status == "on_hold"
    assert board.tile("on_hold").isChecked()
    assert not board.tile(None).isChecked()

    qtbot.mouseClick(board.tile(None), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: board.table_model.rowCount() == sum(status_counts(reviewed_db).values()),
        timeout=WAIT,
    )


def test_selecting_a_held_order_shows_its_hold_reasons(qtbot, board, reviewed_db):
    qtbot.mouseClick(board.tile("on_hold"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: set(_table_statuses(board)) == {"on_hold"}, timeout=WAIT)
    m = board.table_model
    order_no, store = m.data(m.index(0, 0), ORDER_KEY_ROLE)
    board.select_row(0)
    qtbot.waitUntil(lambda: board.detail_panel.detail().get("order_no") == order_no, timeout=WAIT)
    expected = order_detail(reviewed_db, order_no, store)["hold_reasons"]
    assert expected
    texts = board.detail_panel.hold_texts()
    assert len(texts) == len(expected)
    for hold, text in zip(expected, texts, strict=True):
        assert f"({hold['code']})" in text
        assert hold["detail"] in text.replace("&amp;", "&") or not hold["detail"]
    assert "On hold because" in board.detail_panel.plain_text()
    assert board.detail_panel.interception_text() == ""


def test_detail_panel_shows_interception_in_red(qtbot, board):
    board.detail_panel.show_detail(
        {
            "order_no": "X1",
            "store": "S",
            "status": "picking",
            "payment_status": "paid",
            "hold_reasons": [],
            "recipient": {"name": "张三"},
            "lines": [{"sku": "A", "qty": 1, "unit_price": "1.00", "name": "a"}],
            "interception": "cancelled on the platform",
        }
    )
    assert "cancelled on the platform" in board.detail_panel.interception_text()
    assert board.detail_panel.hold_texts() == []


def test_switching_to_chinese_retranslates_the_board(qtbot, board):
    switch_language("zh_CN")
    assert current_language() == "zh_CN"
    qtbot.waitUntil(lambda: board.tile("on_hold").title_text() == "挂起", timeout=WAIT)
    assert board.tile(None).title_text() == "全部订单"
    header = board.table_model.headerData(0, Qt.Orientation.Horizontal)
    assert header == "订单号"
    assert board.title() == "订单看板"

    switch_language("en")
    qtbot.waitUntil(lambda: board.tile("on_hold").title_text() == "On hold", timeout=WAIT)


def test_hold_reasons_are_translated(qtbot, board):
    switch_language("zh_CN")
    board.detail_panel.show_detail(
        {
            "order_no": "X2",
            "status": "on_hold",
            "hold_reasons": [{"code": "blacklisted", "detail": "phone on the blacklist"}],
        }
    )
    assert "黑名单" in board.detail_panel.hold_texts()[0]
    assert "(blacklisted)" in board.detail_panel.hold_texts()[0]


def test_the_timer_reloads(qtbot, reviewed_db, background):
    m = OrdersBoardModel(reviewed_db, background, interval_ms=50)
    seen: list[dict] = []
    m.counts_changed.connect(seen.append)
    m.start()
    try:
        qtbot.waitUntil(lambda: len(seen) >= 3, timeout=WAIT)
    finally:
        m.stop()
    assert seen[-1] == status_counts(reviewed_db)


def _deleted_file_db(tmp_path: Path, sqlite_db: Database) -> Database:
    path = tmp_path / "gone.sqlite3"
    shutil.copy(Path(sqlite_db.engine.url.database), path)
    db = Database(f"sqlite:///{path}")
    path.unlink()
    return db


@pytest.mark.parametrize("broken", ["bad_url", "deleted_file"])
def test_a_failing_refresh_is_told_in_words_not_sql(qtbot, tmp_path, sqlite_db, background, broken):
    if broken == "bad_url":
        db = Database(f"sqlite:///{tmp_path}/no/such/folder/wavedesk.sqlite3")
    else:
        db = _deleted_file_db(tmp_path, sqlite_db)
    m = OrdersBoardModel(db, background, interval_ms=None)
    board = OrdersBoard(m)
    qtbot.addWidget(board)
    errors: list[str] = []
    m.error.connect(errors.append)
    m.refresh(None)
    qtbot.waitUntil(lambda: bool(errors), timeout=WAIT)
    assert errors[0] in ("unable to open database file", "no such table: orders")
    assert "SELECT" not in errors[0]
    assert board.tile("on_hold").count_text() == "–"
    db.dispose()


def test_screens_do_not_import_the_database_layer():
    for path in (UI / "screens").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            for name in names:
                assert not name.startswith(("app.db", "sqlalchemy")), f"{path.name}: {name}"


def test_a_change_at_another_station_reloads_the_board(qtbot, reviewed_db, background):
    m = OrdersBoardModel(reviewed_db, background, interval_ms=None)
    board = OrdersBoard(m)
    qtbot.addWidget(board)
    loads: list[dict[str, int]] = []
    m.counts_changed.connect(loads.append)
    m.on_changes(frozenset({"print_job"}))  # nothing the board shows
    assert background.pending == 0
    m.on_changes(frozenset({"order"}))
    assert background.pending == 1
    qtbot.waitUntil(lambda: len(loads) == 1, timeout=WAIT)
    assert loads[0] == status_counts(reviewed_db)
