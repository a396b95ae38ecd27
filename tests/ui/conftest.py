"""Fixtures the UI tests share.

``english`` (ask for it with ``pytestmark = pytest.mark.usefixtures("english")``):
the screens in English during the test and after it, whatever a test switched to.
``background``: a database worker, shut down after the test.
``print_clock``: the clock of the spoolers the test's stations start
(tests/support/clocks.py), moved by hand past a printer's back-off.

The whole-shift tests' ``floor``, ``stations`` and ``printer`` live with the shift
helpers in tests/support/shift.py; importing them here lets pytest find them by name.
A test file's own fixture of the same name takes precedence.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from clocks import print_clock  # noqa: F401 - a fixture, found by pytest by name
from PySide6.QtWidgets import QApplication
from shift import floor, printer, stations  # noqa: F401 - fixtures, found by pytest by name

from ui.bridges.background import Background
from ui.i18n.language import switch_language


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    switch_language("en")
    yield
    switch_language("en")


@pytest.fixture
def background(qapp: QApplication) -> Iterator[Background]:
    bg = Background()
    yield bg
    bg.shutdown()
