"""The HR tests' collection between tests (tests/desktop_app/conftest.py): what a test's
fixture held in a cycle is collected before the next test, its timers stopped with it."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONFTEST = "pytest_plugins = ['tests.desktop_app.conftest']\n"
TESTS = """
import gc
import weakref

import pytest
from PySide6.QtCore import QTimer

SEEN = {}


class Ticking:
    def __init__(self):
        self.timer = QTimer()
        self.timer.timeout.connect(self.tick)
        self.me = self  # a cycle, as a window's connected lambdas make one
        self.ticks = 0

    def tick(self):
        self.ticks += 1


@pytest.fixture
def ticking():
    held = Ticking()
    held.timer.start(1)
    return held


def test_first(ticking, qtbot):
    SEEN["ticking"] = weakref.ref(ticking)
    qtbot.wait(20)


def test_second(qtbot):
    qtbot.wait(20)
    gc.collect()
    assert SEEN["ticking"]() is None
"""


def test_a_fixture_held_in_a_cycle_is_gone_before_the_next_test(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_ticking=TESTS)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:xdist")
    result.assert_outcomes(passed=2)
