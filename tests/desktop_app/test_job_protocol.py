"""The job protocol: one Outcome for both kinds of job, and one throttle for their reports."""

from __future__ import annotations

import threading

import pytest

from desktop_app.jobs.errors import UserFacingError
from desktop_app.jobs.outcome import Outcome, run_work
from desktop_app.jobs.runner import JobRunner
from desktop_app.jobs.throttle import THROTTLE_SECONDS, ThrottledProgress
from surveys.progress import Cancelled
from tests.desktop_app import process_work


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _throttle(sent: list, cancel: threading.Event | None = None, clock: Clock | None = None):
    return ThrottledProgress(
        lambda f, m: sent.append((f, m)), cancel or threading.Event(), clock=clock or Clock()
    )


def test_reports_of_one_step_pass_once_per_interval_and_the_last_is_flushed() -> None:
    sent: list[tuple[float, str]] = []
    clock = Clock()
    progress = _throttle(sent, clock=clock)
    for i in range(1000):  # 1,000 reports over one second: 1 ms apart
        progress(i / 1000, "scoring")
        clock.now += 0.001
    assert 15 <= len(sent) <= 1.0 / THROTTLE_SECONDS + 1
    assert sent[0] == (0.0, "scoring")
    progress.flush()
    assert sent[-1] == (0.999, "scoring")  # the last report always arrives
    progress.flush()
    assert sent[-1] == (0.999, "scoring") and sent.count((0.999, "scoring")) == 1


def test_a_new_message_always_passes_at_once() -> None:
    sent: list[tuple[float, str]] = []
    progress = _throttle(sent)  # the clock never moves
    for message in ("reading", "scoring", "themes", "themes", "themes", "topics"):
        progress(0.5, message)
    assert [m for _, m in sent] == ["reading", "scoring", "themes", "topics"]
    progress.flush()  # the held-back "themes" reports were overtaken by "topics"
    assert [m for _, m in sent] == ["reading", "scoring", "themes", "topics"]


def test_the_callback_raises_cancelled_once_cancel_is_set() -> None:
    sent: list[tuple[float, str]] = []
    cancel = threading.Event()
    progress = _throttle(sent, cancel)
    progress(0.1, "working")
    cancel.set()
    with pytest.raises(Cancelled):
        progress(0.2, "working")
    assert sent == [(0.1, "working")]


def test_run_work_names_each_outcome_with_its_payload() -> None:
    def progress() -> ThrottledProgress:
        return _throttle([])

    assert run_work("Sum", lambda p: 3, progress()) == (Outcome.SUCCEEDED, 3)

    def cancelled(p):
        raise Cancelled()

    assert run_work("Stop", cancelled, progress()) == (Outcome.CANCELLED, None)
    outcome, error = run_work("Divide", lambda p: 1 / 0, progress())
    assert outcome is Outcome.FAILED and isinstance(error, UserFacingError)
    assert error.message.startswith("Divide stopped because of an unexpected problem")
    ran: list[str] = []
    cancel = threading.Event()
    cancel.set()
    early = ThrottledProgress(lambda f, m: None, cancel)
    assert run_work("Never", lambda p: ran.append("x"), early) == (Outcome.CANCELLED, None)
    assert ran == []  # cancelled before it started: never run


# -- both kinds of job -----------------------------------------------------------------------


@pytest.fixture
def runner(qtbot):
    r = JobRunner(warm_modules=())
    yield r
    r.shutdown()


def _submit(runner: JobRunner, kind: str, label: str, func, *args):
    if kind == "thread":
        return runner.submit(label, lambda progress: func(*args, progress))
    return runner.submit_process(label, func, *args)


@pytest.mark.parametrize("kind", ["thread", "process"])
def test_a_throttled_job_emits_few_signals_but_always_the_last(qtbot, runner, kind) -> None:
    reports = 20_000
    seen: list[tuple[float, str]] = []
    job = _submit(runner, kind, "Scoring", process_work.many_reports, reports)
    job.progressed.connect(lambda fraction, message: seen.append((fraction, message)))
    with qtbot.waitSignal(job.succeeded, timeout=30_000) as blocker:
        pass
    took = blocker.args[0]
    # one when the step starts, one per interval, and the held-back last one
    assert 2 <= len(seen) <= took / THROTTLE_SECONDS + 2, (len(seen), took)
    assert seen[-1] == (1.0, "scoring")
    assert job.outcome is Outcome.SUCCEEDED


@pytest.mark.parametrize("kind", ["thread", "process"])
def test_a_cancelled_job_ends_cancelled(qtbot, runner, kind) -> None:
    job = _submit(runner, kind, "Endless", process_work.endless)
    ended: list[Outcome | None] = []
    job.finished.connect(lambda: ended.append(job.outcome))
    qtbot.waitSignal(job.progressed, timeout=30_000).wait()
    assert job.outcome is None
    with qtbot.waitSignal(job.cancelled, timeout=10_000):
        job.cancel()
    assert ended == [Outcome.CANCELLED]
    assert job.outcome is Outcome.CANCELLED and job.future.result() is None


@pytest.mark.parametrize("kind", ["thread", "process"])
def test_a_failed_job_ends_failed_with_words(qtbot, runner, kind) -> None:
    job = _submit(runner, kind, "Loading", process_work.bad_file)
    with qtbot.waitSignal(job.failed, timeout=30_000) as blocker:
        pass
    assert job.outcome is Outcome.FAILED
    assert blocker.args[0].message == "survey.yaml:3: title: the title is missing; add one."


def test_a_job_ends_once_whoever_finishes_it_first(qtbot, runner) -> None:
    release = threading.Event()
    job = runner.submit("Waiting", lambda progress: release.wait(10) and "late")
    outcomes: list[str] = []
    job.succeeded.connect(lambda result: outcomes.append(f"succeeded {result}"))
    job.cancelled.connect(lambda: outcomes.append("cancelled"))
    qtbot.waitUntil(lambda: runner.running() == [job], timeout=5000)
    job.finish(Outcome.CANCELLED)  # e.g. the runner shutting down first
    release.set()
    qtbot.waitUntil(lambda: outcomes != [], timeout=5000)
    qtbot.waitUntil(lambda: runner.running() == [], timeout=5000)
    assert outcomes == ["cancelled"] and job.outcome is Outcome.CANCELLED


def _in_use() -> OSError:
    """Windows' ERROR_SHARING_VIOLATION: another computer's Rapport has the file open."""
    error = PermissionError(13, "The process cannot access the file", "/share/deck.pptx")
    error.winerror = 32  # set by Python on Windows only
    return error


@pytest.mark.parametrize(
    ("error", "advice"),
    [
        (OSError(28, "No space left on device", "/share/deck.pptx"), "The disk is full"),
        (OSError(30, "Read-only file system", "/share/deck.pptx"), "ask for write access"),
        (OSError(5, "Input/output error", "/share/deck.pptx"), "reconnect it"),
        (FileNotFoundError(2, "No such file or directory", "/share/x"), "The folder is not there"),
        (PermissionError(13, "Permission denied", "/share/deck.pptx"), "open in another program"),
        (_in_use(), "Another program (or Rapport on another computer) has the file open"),
    ],
)
def test_a_failed_file_operation_says_what_to_do(error: OSError, advice: str) -> None:
    """Before: "Export could not use a file (/share/deck.pptx): No space left on device."
    and nothing about what to do."""
    from desktop_app.jobs.errors import UserFacingError

    message = UserFacingError.from_exception("Export", error).message
    assert message.startswith(f"Export could not use a file ({error.filename}): ")
    assert advice in message and "Errno" not in message
