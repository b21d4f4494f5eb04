"""The job runner: results, progress, cancel, errors in plain words, one at a time."""

from __future__ import annotations

import threading

import pytest

from desktop_app.jobs.outcome import Outcome
from desktop_app.jobs.runner import JobRunner
from surveys.errors import RapportError
from surveys.progress import Cancelled
from tests.desktop_app import process_work


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
    assert blocker.args == [42] and job.outcome is Outcome.SUCCEEDED
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
    assert succeeded == [] and job.outcome is Outcome.CANCELLED
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


def test_every_signal_reaches_a_lambda_on_the_gui_thread(qtbot, runner) -> None:
    gui_thread = threading.get_ident()
    where: dict[str, int] = {}

    job = runner.submit("Quick", lambda progress: progress(0.5, "half") or "done")
    job.progressed.connect(lambda f, m: where.setdefault("progressed", threading.get_ident()))
    job.succeeded.connect(lambda r: where.setdefault("succeeded", threading.get_ident()))
    job.finished.connect(lambda: where.setdefault("finished", threading.get_ident()))
    qtbot.waitUntil(lambda: "finished" in where, timeout=5000)
    assert where == dict.fromkeys(("progressed", "succeeded", "finished"), gui_thread)


# -- process jobs ----------------------------------------------------------------------------


@pytest.fixture
def process_runner(qtbot):
    r = JobRunner(warm_modules=())  # the engine is not needed by these tests' functions
    yield r
    r.shutdown()


def test_a_process_job_reports_progress_and_its_result_on_the_gui_thread(
    qtbot, process_runner
) -> None:
    import os

    gui_thread = threading.get_ident()
    seen: list[str] = []
    where: set[int] = set()
    job = process_runner.submit_process("Counting", "tests.desktop_app.process_work:count", 5)
    job.progressed.connect(lambda f, m: (seen.append(m), where.add(threading.get_ident())))
    with qtbot.waitSignal(job.succeeded, timeout=30_000) as blocker:
        pass
    assert blocker.args == [50]
    assert seen == [f"step {i}" for i in range(5)]
    assert where == {gui_thread}
    assert job.in_process and job.future.result() == 50
    other = process_runner.submit_process("Who", process_work.whoami)
    with qtbot.waitSignal(other.succeeded, timeout=30_000) as blocker:
        pass
    assert blocker.args[0] != os.getpid()  # it ran in another process


def test_cancel_stops_a_process_job_and_the_worker_stays_for_the_next(
    qtbot, process_runner
) -> None:
    job = process_runner.submit_process("Endless", process_work.endless)
    succeeded: list[object] = []
    job.succeeded.connect(succeeded.append)
    qtbot.waitSignal(job.progressed, timeout=30_000).wait()
    pid = process_runner.worker().process.pid
    with qtbot.waitSignal(job.cancelled, timeout=30_000):
        job.cancel()
    assert succeeded == [] and job.future.result() is None
    assert job.outcome is Outcome.CANCELLED
    again = process_runner.submit_process("Who", process_work.whoami)
    with qtbot.waitSignal(again.succeeded, timeout=30_000) as blocker:
        pass
    assert blocker.args == [pid]  # the same warm worker took the next job


def test_a_process_job_that_ignores_cancel_is_ended(qtbot, process_runner, monkeypatch) -> None:
    from desktop_app.jobs import runner

    monkeypatch.setattr(runner, "CANCEL_GRACE_SECONDS", 0.3)
    job = process_runner.submit_process("Stuck", process_work.stuck)
    qtbot.waitSignal(job.progressed, timeout=30_000).wait()
    with qtbot.waitSignal(job.cancelled, timeout=10_000):
        job.cancel()
    assert job.outcome is Outcome.CANCELLED  # ended by ending its process, as asked
    again = process_runner.submit_process("Counting", process_work.count, 2)
    with qtbot.waitSignal(again.succeeded, timeout=30_000) as blocker:
        pass
    assert blocker.args == [20]


def test_process_job_errors_are_plain_messages(qtbot, process_runner) -> None:
    job = process_runner.submit_process("Loading", process_work.bad_file)
    with qtbot.waitSignal(job.failed, timeout=30_000) as blocker:
        pass
    assert str(blocker.args[0]) == "survey.yaml:3: title: the title is missing; add one."

    job = process_runner.submit_process("Analysis", process_work.bug)
    with qtbot.waitSignal(job.failed, timeout=30_000) as blocker:
        pass
    error = blocker.args[0]
    assert error.message.startswith("Analysis stopped because of an unexpected problem")
    assert "Traceback" not in error.message and "ZeroDivisionError" in error.details

    job = process_runner.submit_process("Export", process_work.unpicklable_result)
    with qtbot.waitSignal(job.failed, timeout=30_000) as blocker:
        pass
    assert blocker.args[0].message.startswith("Export stopped because of an unexpected problem")


def test_work_that_cannot_reach_a_process_is_refused_at_once(process_runner) -> None:
    with pytest.raises(TypeError, match="module-level function"):
        process_runner.submit_process("Local", lambda progress: 1)
    assert process_runner.running() == []


def test_a_crashed_worker_fails_its_job_and_the_next_job_gets_a_fresh_one(
    qtbot, process_runner
) -> None:
    first = process_runner.submit_process("Who", process_work.whoami)
    with qtbot.waitSignal(first.succeeded, timeout=30_000) as blocker:
        pass
    crashed_pid = blocker.args[0]
    job = process_runner.submit_process("Analysis", process_work.crash)
    with qtbot.waitSignal(job.failed, timeout=30_000) as blocker:
        pass
    message = blocker.args[0].message
    assert message.startswith("Analysis stopped because its worker process was stopped by the")
    assert "signal 9" in message and "Traceback" not in message
    assert job.outcome is Outcome.FAILED
    again = process_runner.submit_process("Who", process_work.whoami)
    with qtbot.waitSignal(again.succeeded, timeout=30_000) as blocker:
        pass
    assert blocker.args[0] != crashed_pid


def test_thread_and_process_jobs_run_one_at_a_time_in_order(qtbot, process_runner) -> None:
    order: list[str] = []
    jobs = [
        process_runner.submit("a", lambda progress: order.append("a")),
        process_runner.submit_process("b", process_work.count, 3),
        process_runner.submit("c", lambda progress: order.append("c")),
    ]
    jobs[1].succeeded.connect(lambda r: order.append("b"))
    cancelled = process_runner.submit_process("d", process_work.endless)
    cancelled.cancel()  # still queued: it never starts
    with qtbot.waitSignal(cancelled.finished, timeout=30_000):
        pass
    assert order == ["a", "b", "c"]
    assert cancelled.future.result() is None and process_runner.running() == []


def test_shutdown_cancels_a_running_process_job_and_ends_the_worker(qtbot) -> None:
    runner = JobRunner(warm_modules=())
    worker = runner.worker()
    job = runner.submit_process("Endless", process_work.endless)
    outcome: list[str] = []
    job.cancelled.connect(lambda: outcome.append("cancelled"))
    qtbot.waitSignal(job.progressed, timeout=30_000).wait()
    runner.shutdown(wait=True)
    assert job.future.done() and job.future.result() is None
    assert worker.process.exitcode is not None  # the process is gone, nothing left behind
    qtbot.waitUntil(lambda: outcome == ["cancelled"], timeout=5000)


def test_the_context_exports_a_real_workspace_in_the_worker_process(
    qtbot, demo_workspace, tmp_path
) -> None:
    from openpyxl import load_workbook

    from desktop_app.context import WorkspaceContext

    context = WorkspaceContext()
    context.open(demo_workspace)
    target = tmp_path / "out.xlsx"
    try:
        job = context.submit_process(
            "Export", "analysis.export:export_workspace", wave="2026-10", xlsx=target
        )
        messages: list[str] = []
        job.progressed.connect(lambda fraction, message: messages.append(message))
        with qtbot.waitSignal(job.succeeded, timeout=60_000) as blocker:
            pass
    finally:
        context.shutdown()
    assert job.in_process and messages
    assert [record.path for record in blocker.args[0]] == [str(target)]
    assert load_workbook(target).sheetnames == [
        "matrix",
        "hotspots",
        "themes",
        "participation",
        "trends",
        "comments",
    ]


def test_a_worker_that_cannot_start_fails_the_job_in_plain_words(
    qtbot, process_runner, monkeypatch
) -> None:
    from desktop_app.jobs import runner

    def no_process(warm):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(runner, "WorkerProcess", no_process)
    process_runner.warm_up()  # logged, not raised: the window still opens
    job = process_runner.submit_process("Analysis", process_work.count, 2)
    with qtbot.waitSignal(job.failed, timeout=5000) as blocker:
        pass
    assert blocker.args[0].message == (
        "Analysis could not start its worker process (Resource temporarily unavailable). "
        "Close other programs and try again."
    )
    assert job.future.result() is None and process_runner.running() == []
