"""The cells of the supervisor's tables: read-only tables, items that carry an id,
progress bars, tints, and times on the warehouse's clock."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
)

from app.domain.local_time import LOCAL
from ui.widgets import theme

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def local_time(when: datetime | None) -> str:
    return when.astimezone(LOCAL).strftime("%H:%M") if when is not None else "—"


def local_day(when: datetime | None) -> str:
    return when.astimezone(LOCAL).strftime("%m-%d %H:%M") if when is not None else "—"


def read_only_table(columns: int) -> QTableWidget:
    """Whole rows are selected, one at a time; nothing is edited in place."""
    table = QTableWidget(0, columns)
    table.horizontalHeader().setFont(theme.sized_font(table, theme.TABLE_HEADER, bold=True))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 18)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


def item(text: str, *, right: bool = False, ref: object = None) -> QTableWidgetItem:
    """A cell; ``ref`` (the row's id) is kept under ``ID_ROLE``."""
    cell = QTableWidgetItem(text)
    if right:
        cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if ref is not None:
        cell.setData(ID_ROLE, ref)
    return cell


def tint(cell: QTableWidgetItem, colour: str) -> None:
    cell.setBackground(QBrush(QColor(colour)))


def bar(done: int, total: int, colour: str | None = None) -> QProgressBar:
    """``done / total`` as a bar, tinted like its row."""
    progress = QProgressBar()
    progress.setRange(0, max(total, 1))
    progress.setValue(min(done, max(total, 1)))
    progress.setFormat(f"{done} / {total}")
    progress.setAlignment(Qt.AlignmentFlag.AlignCenter)
    if colour:
        progress.setStyleSheet(f"QProgressBar {{ background: {colour}; }}")
    return progress


def selected_row(table: QTableWidget, count: int) -> int | None:
    """The row selected in ``table`` if it is one of the first ``count``, else None."""
    rows = table.selectionModel().selectedRows()
    return rows[0].row() if rows and rows[0].row() < count else None


def reselect(table: QTableWidget, row: int | None) -> None:
    """After a redraw: the row that was selected selected again, or none when it is gone."""
    if row is not None:
        table.selectRow(row)
    else:
        table.clearSelection()
