"""The job runner: results, progress, cancel, errors in plain words, one at a time."""

from __future__ import annotations

import threading

import pytest

from analysis.progress import Cancelled
from desktop_app.jobs import JobRunner
from surveys.errors import RapportError


@pytest.fixture
def runner(qtbot):
    r = JobRunner()
    yield r
    r.shutdown()


def test_result_arrives_on_the_gui_thread_with_progress(qtbot, runner) -> None:
    gui_thread = threading.get_ident()
    seen: list[tuple[float, str]] = []
    where: list[int] = []

    def work(progress):
        for i in range(5):
            progress(i / 5, f"step {i}")
        return 42

    job = runner.submit("Counting", work)
    job.progressed.connect(lambda f, m: (seen.append((f, m)), where.append(threading.get_ident())))
    with qtbot.waitSignal(job.succeeded, timeout=5000) as blocker:
        pass
    assert blocker.args == [42]
    assert [m for _, m in seen] == [f"step {i}" for i in range(5)]
    assert set(where) == {gui_thread}


def test_cancel_stops_the_work_at_its_next_report(qtbot, runner) -> None:
    started = threading.Event()
    reports: list[int] = []

    def work(progress):
        started.set()
        for i in range(10_000):
            reports.append(i)
            progress(i / 10_000, "working")
            threading.Event().wait(0.001)
        return "finished"

    job = runner.submit("Long work", work)
    succeeded: list[object] = []
    job.succeeded.connect(succeeded.append)
    qtbot.waitUntil(started.is_set, timeout=5000)
    with qtbot.waitSignal(job.cancelled, timeout=5000):
        job.cancel()
    assert succeeded == []
    assert len(reports) < 10_000


def test_errors_become_plain_messages_with_details_kept(qtbot, runner) -> None:
    def bad_file(progress):
        raise RapportError("survey.yaml:3: title: the title is missing; add one.")

    def bug(progress):
        raise ZeroDivisionError("division by zero")

    job = runner.submit("Loading", bad_file)
    with qtbot.waitSignal(job.failed, timeout=5000) as blocker:
        pass
    assert str(blocker.args[0]) == "survey.yaml:3: title: the title is missing; add one."

    job = runner.submit("Analysis", bug)
    with qtbot.waitSignal(job.failed, timeout=5000) as blocker:
        pass
    error = blocker.args[0]
    assert "Traceback" not in error.message
    assert error.message.startswith("Analysis stopped because of an unexpected problem")
    assert "ZeroDivisionError" in error.details


def test_jobs_run_one_at_a_time_in_order(qtbot, runner) -> None:
    order: list[str] = []
    active = threading.Semaphore(1)

    def make(name):
        def work(progress):
            assert active.acquire(blocking=False), "two jobs ran at once"
            order.append(name)
            threading.Event().wait(0.01)
            active.release()
            return name

        return work

    jobs = [runner.submit(n, make(n)) for n in "abc"]
    with qtbot.waitSignal(jobs[-1].succeeded, timeout=5000):
        pass
    assert order == ["a", "b", "c"]


def test_shutdown_cancels_running_jobs(qtbot) -> None:
    runner = JobRunner()
    started = threading.Event()
    outcome: list[str] = []

    def work(progress):
        started.set()
        while True:
            progress(0.5, "waiting")
            threading.Event().wait(0.005)

    job = runner.submit("Endless", work)
    job.cancelled.connect(lambda: outcome.append("cancelled"))
    qtbot.waitUntil(started.is_set, timeout=5000)
    runner.shutdown(wait=True)
    qtbot.waitUntil(lambda: outcome == ["cancelled"], timeout=5000)
    with pytest.raises(Cancelled):
        job.report(1.0, "after shutdown")
