"""Weighing off the GUI thread: a settled weight, and sentences for scales that fail."""

from __future__ import annotations

import os
import tty
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from app.devices.scale import FakeScale, MtSicsScale, Weight
from ui.bridges.scale import ScaleReader

WAIT_MS = 10_000


class ThreadNotingScale(FakeScale):
    """The fake scale, noting which thread read it."""

    def __init__(self, weight_g: int, **kwargs: bool) -> None:
        super().__init__(weight_g, **kwargs)
        self.threads: list[QThread] = []

    def read_stable(self, timeout_s: float = 5.0) -> Weight:
        self.threads.append(QThread.currentThread())
        return super().read_stable(timeout_s)


@pytest.fixture
def readers(qapp: QApplication) -> Iterator[list[ScaleReader]]:
    made: list[ScaleReader] = []
    yield made
    for reader in made:
        reader.shutdown()


@pytest.fixture
def silent_port() -> Iterator[str]:
    """A serial port nobody answers on."""
    master, slave = os.openpty()
    tty.setraw(slave)
    yield os.ttyname(slave)
    os.close(master)
    os.close(slave)


def test_a_fake_scale_weight_arrives_in_grams(qtbot, qapp, readers):
    scale = ThreadNotingScale(1250)
    reader = ScaleReader(scale)
    readers.append(reader)
    with qtbot.waitSignal(reader.weighed, timeout=WAIT_MS) as got:
        assert reader.request_stable()
    assert got.args == [1250]
    assert reader.last_weight is not None and reader.last_weight.weight_g == 1250
    assert scale.threads == [reader.reading_thread]
    assert scale.threads[0] is not qapp.thread()
    assert not reader.busy


def test_a_silent_scale_says_to_check_cable_and_power(qtbot, readers, silent_port):
    scale = MtSicsScale(silent_port, probe_s=0.1)
    reader = ScaleReader(scale, timeout_s=0.3)
    readers.append(reader)
    with qtbot.waitSignal(reader.failed, timeout=WAIT_MS) as got:
        assert reader.request_stable()
        assert not reader.request_stable(), "a second request while one runs is ignored"
    scale.close()
    assert got.args == ["the scale does not answer: check its cable and power"]


def test_a_rocking_parcel_is_asked_to_keep_still(qtbot, readers):
    reader = ScaleReader(FakeScale(800, stable=False), timeout_s=0.1)
    readers.append(reader)
    with qtbot.waitSignal(reader.failed, timeout=WAIT_MS) as got:
        reader.request_stable()
    assert "keep the parcel still" in got.args[0]


def test_a_missing_port_and_no_scale_are_sentences(qtbot, readers, tmp_path):
    reader = ScaleReader(MtSicsScale(str(tmp_path / "ttyS9")), timeout_s=0.2)
    readers.append(reader)
    with qtbot.waitSignal(reader.failed, timeout=WAIT_MS) as got:
        reader.request_stable()
    assert "plugged in" in got.args[0] and "ttyS9" in got.args[0]
    reader.set_scale(None)
    with qtbot.waitSignal(reader.failed, timeout=WAIT_MS) as got:
        assert not reader.request_stable()
    assert got.args == ["no scale is set up at this station"]


def test_no_answer_after_shutdown(qtbot, readers):
    reader = ScaleReader(FakeScale(100))
    readers.append(reader)
    got: list[int] = []
    reader.weighed.connect(got.append)
    reader.shutdown()
    assert not reader.request_stable()
    qtbot.wait(50)
    assert got == []
