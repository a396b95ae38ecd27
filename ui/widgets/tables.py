"""What a table shows, as text: for tests, copy/paste and plain-text summaries."""

from __future__ import annotations

from PySide6.QtWidgets import QProgressBar, QPushButton, QTableWidget


def cell_text(table: QTableWidget, row: int, col: int) -> str:
    """The text of a cell: its progress bar's or button's text when it holds one."""
    widget = table.cellWidget(row, col)
    if isinstance(widget, QProgressBar):
        return widget.format()
    if isinstance(widget, QPushButton):
        return widget.text()
    item = table.item(row, col)
    return item.text() if item else ""


def table_rows(table: QTableWidget) -> list[list[str]]:
    """Every row of ``table`` as the texts of its cells."""
    return [
        [cell_text(table, r, c) for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]
