"""What a worker thread ran is let go on the GUI thread (desktop_app/gui_release.py).

A worker thread held the last reference to the closure it ran (a reader thread until its
next read, a job thread's work item, a write thread's target): the Qt objects it referred
to were destroyed on that thread, Qt printed "Timers cannot be stopped from another
thread", and a later timer event or queued event crashed the test run (a segmentation
fault under pytest-xdist).
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QTimer

from desktop_app import read_threads
from desktop_app.jobs.runner import JobRunner


class Tracked:
    """Says on which thread it was freed; holds a running Qt timer, as a section does."""

    def __init__(self, freed: list[str]) -> None:
        self.freed = freed
        self.timer = QTimer(interval=60_000)
        self.timer.start()

    def __del__(self) -> None:
        self.freed.append(threading.current_thread().name)


def _work_holding_a_timer(freed: list[str], ran: threading.Event):  # noqa: ANN202
    tracked = Tracked(freed)

    def work(*_progress: object) -> None:
        assert tracked.timer.isActive()
        ran.set()

    return work


def test_a_read_is_let_go_on_the_gui_thread(qtbot) -> None:
    freed: list[str] = []
    for _ in range(3):  # a new thread, then waiting ones
        ran = threading.Event()
        read_threads.submit(_work_holding_a_timer(freed, ran))
        assert ran.wait(5)
    # A reader thread held its last read until the next one came: never let go here.
    qtbot.waitUntil(lambda: len(freed) == 3, timeout=5000)
    assert freed == [threading.main_thread().name] * 3


def test_a_jobs_work_is_let_go_on_the_gui_thread(qtbot) -> None:
    freed: list[str] = []
    runner = JobRunner()
    try:
        ran = threading.Event()
        job = runner.submit("tracked", _work_holding_a_timer(freed, ran))
        with qtbot.waitSignal(job.finished, timeout=5000):
            pass
        del job
        qtbot.waitUntil(lambda: len(freed) == 1, timeout=5000)
    finally:
        runner.shutdown()
    assert ran.is_set()
    assert freed == [threading.main_thread().name]


class _SlowLock:
    folder = "share"

    def __init__(self) -> None:
        self.gate = threading.Event()

    def refresh(self) -> None:
        self.gate.wait(10)


def test_a_heartbeat_let_go_while_its_beat_runs_is_freed_on_the_gui_thread(
    qtbot, monkeypatch
) -> None:
    import weakref

    from desktop_app import bounded_read
    from desktop_app.lock_heartbeat import LockHeartbeat

    monkeypatch.setattr(bounded_read, "WAIT_SECONDS", 0.0)  # the window goes on at once

    freed: list[str] = []
    lock = _SlowLock()
    heartbeat = LockHeartbeat()  # a timer of its own, as the window's is
    weakref.finalize(heartbeat, lambda: freed.append(threading.current_thread().name))
    heartbeat.start(lock)
    heartbeat.timeout.emit()  # a beat, on a share that is slow to answer
    heartbeat.stop()
    del heartbeat  # the window closed; only the beat's thread refers to it now
    lock.gate.set()
    qtbot.waitUntil(lambda: len(freed) == 1, timeout=5000)
    assert freed == [threading.main_thread().name]


def test_the_welcome_pages_check_lets_go_of_its_relay_on_the_gui_thread(
    qtbot, monkeypatch, tmp_path
) -> None:
    import weakref

    from shiboken6 import delete

    from desktop_app.widgets.welcome import WelcomePage
    from surveys import workspace_checks

    gate, asked = threading.Event(), threading.Event()

    def slow_check(path: str) -> None:  # the share is slow to answer
        asked.set()
        gate.wait(10)

    monkeypatch.setattr(workspace_checks, "recent_workspace_problem", slow_check)
    freed: list[str] = []
    page = WelcomePage()
    weakref.finalize(page._relay, lambda: freed.append(threading.current_thread().name))
    page.set_recent([str(tmp_path / "ws")])  # checked on a pool thread
    assert asked.wait(5)
    delete(page)  # the window closed while the check ran
    del page
    gate.set()
    qtbot.waitUntil(lambda: len(freed) == 1, timeout=5000)
    assert freed == [threading.main_thread().name]


class _Context:
    """What a section's writes ask of the window's context."""

    path = "ws"

    def section_saves(self, writes: object, waiting: bool) -> None:
        pass

    def write_ended(self, outcome: object) -> None:
        pass


def test_a_write_let_go_while_it_runs_is_freed_on_the_gui_thread(qtbot, monkeypatch) -> None:
    """As in tests/desktop_app/test_hung_writes.py under pytest-xdist: the section went
    while its write waited for the folder, and the write's thread let go of it (without
    the fix this test process ends with "Fatal Python error: Segmentation fault")."""
    import weakref

    from desktop_app import bounded_read
    from desktop_app.workspace_write import WorkspaceWrite

    monkeypatch.setattr(bounded_read, "WAIT_SECONDS", 0.0)  # the window goes on at once
    freed: list[str] = []
    gate = threading.Event()
    writes = WorkspaceWrite(_Context())
    weakref.finalize(writes, lambda: freed.append(threading.current_thread().name))
    writes.run(gate.wait, 10, done=lambda _value: None, failed=lambda _error: None)
    del writes  # the section closed; only the write's thread refers to it now
    gate.set()
    qtbot.waitUntil(lambda: len(freed) == 1, timeout=5000)
    assert freed == [threading.main_thread().name]
