"""tests/qt_threads.py fails a test during which Qt warns that an object was destroyed on a
thread that does not own it, and says which thread let go of it."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SUITE = """
import threading

from PySide6.QtCore import QTimer


def let_go(box):
    box.clear()  # the timer's last reference, dropped on this thread


def test_timer_freed_on_a_worker_thread(qtbot):
    box = [QTimer(interval=60_000)]
    box[0].start()
    worker = threading.Thread(target=let_go, args=(box,), name="a-worker")
    worker.start()
    worker.join()


def test_timer_freed_on_the_gui_thread(qtbot):
    timer = QTimer(interval=60_000)
    timer.start()
    del timer
"""


def test_a_timer_destroyed_on_another_thread_fails_its_test(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    pytester.makepyfile(test_suite=SUITE)
    result = pytester.runpytest_subprocess("-p", "tests.qt_threads", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, errors=1)
    result.stdout.fnmatch_lines(
        [
            "*ERROR at teardown of test_timer_freed_on_a_worker_thread*",
            "*Timers cannot be stopped from another thread*",
            "*on thread 'a-worker', whose Python stack was:*",
            "*in let_go*",
        ]
    )
