"""Jobs and the runner that runs them, one at a time (the Qt side of long work).

The pattern of Anki's task manager and Orange's ``wrap_callback``:

* A :class:`JobRunner` runs jobs one at a time, in the order they were submitted.
* :meth:`JobRunner.submit_process` is for heavy work (analysis, exports, ingest): it runs
  ``func(*args, progress=callback, **kwargs)`` in the worker *process*
  (:mod:`desktop_app.jobs.worker`), so the engine's long C calls never hold the GUI
  process's interpreter lock and the window keeps painting. ``func`` is a module-level
  function or a ``"module:name"`` string; the arguments are a workspace *path* and plain
  data, never a connection or a widget. The process is started once (:meth:`warm_up`, when
  the window opens) and reused; if it dies, the job fails in plain words and the next job
  gets a fresh process.
* :meth:`JobRunner.submit` is for light work: ``fn(progress)`` on the worker *thread*
  (:class:`ThreadExecutor`). It must not touch Qt, and it too gets a path, never a
  connection (a sqlite3 connection belongs to its thread).
* The ``progress`` callback given to the work
  (:class:`~desktop_app.jobs.throttle.ThrottledProgress`) raises
  :class:`surveys.progress.Cancelled` once :meth:`Job.cancel` was called, so the work
  stops at its next report, and throttles reports before they cross to the GUI thread. A
  process job that does not stop within :data:`CANCEL_GRACE_SECONDS` is ended by ending
  its process.

Thread rule: every signal of a :class:`Job` (``progressed``, ``succeeded``, ``failed``,
``cancelled``, ``finished``, ``ended``) is *emitted on the GUI thread* (the thread of the
runner). The worker thread and the process's forwarding thread only call
:meth:`Job.deliver_progress` and :meth:`Job.finish`, which emit private signals connected,
queued, to bound methods of the job that re-emit on the GUI thread. So any slot, a lambda
included, runs on the GUI thread. Heavy work never belongs in a ``succeeded`` slot.
Closing the window calls :meth:`JobRunner.shutdown`, which cancels every job.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, InvalidStateError, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from desktop_app import gui_release
from desktop_app.jobs.errors import UserFacingError
from desktop_app.jobs.outcome import Outcome, run_work
from desktop_app.jobs.throttle import ThrottledProgress
from desktop_app.jobs.worker import WorkerProcess, encode_task
from surveys.progress import Progress

log = logging.getLogger(__name__)

Work = Callable[[Progress], Any]

#: Modules the worker process imports when it starts, so the first analysis is not slower.
WARM_MODULES = ("analysis.pipeline", "analysis.export")
#: Seconds a cancelled process job may take to reach its next report before it is ended.
CANCEL_GRACE_SECONDS = 15.0
#: Seconds closing the window waits for a cancelled process job before ending it.
SHUTDOWN_GRACE_SECONDS = 5.0


class Job(QObject):
    """One piece of long work. Create it with :meth:`JobRunner.submit` / ``submit_process``.

    It ends exactly once, with an :class:`~desktop_app.jobs.outcome.Outcome`: ``succeeded``
    (the result), ``failed`` (a :class:`UserFacingError`) or ``cancelled`` is emitted, then
    ``finished`` and ``ended``. :attr:`outcome` says which, once it has ended.
    """

    progressed = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(object)  # a UserFacingError
    cancelled = Signal()
    finished = Signal()  # after any of the three outcomes
    ended = Signal(object)  # this job, after ``finished`` (the runner's hook)
    _progress_posted = Signal(float, str)  # from any thread; re-emitted on the GUI thread
    _outcome_posted = Signal(object, object)  # (Outcome, payload), likewise

    def __init__(self, label: str, parent: QObject | None = None, *, in_process: bool = False):
        super().__init__(parent)
        self.label = label
        self.in_process = in_process
        #: Set by a submitter that shows the failure itself (a wizard page, a dialog's
        #: message line): the window then does not repeat it in a message box.
        self.shows_failure = False
        self._cancel = threading.Event()
        self._cancel_hooks: list[Callable[[], None]] = []
        self._future: Future = Future()
        self._future.set_running_or_notify_cancel()
        self._outcome: Outcome | None = None
        #: The progress callback of thread work (called on the worker thread).
        self.report = ThrottledProgress(self.deliver_progress, self._cancel)
        self._progress_posted.connect(self._on_progress_posted, Qt.QueuedConnection)
        self._outcome_posted.connect(self._on_outcome_posted, Qt.QueuedConnection)

    # -- any thread ------------------------------------------------------------------------
    def cancel(self) -> None:
        """Ask the work to stop at its next progress report."""
        self._cancel.set()
        for hook in list(self._cancel_hooks):
            hook()

    def add_cancel_hook(self, hook: Callable[[], None]) -> None:
        """Also call ``hook()`` on :meth:`cancel` (the runner tells the worker process)."""
        self._cancel_hooks.append(hook)

    @property
    def is_cancelling(self) -> bool:
        return self._cancel.is_set()

    @property
    def future(self) -> Future:
        """Done once the job has ended: the result if it succeeded, else ``None``."""
        return self._future

    def deliver_progress(self, fraction: float, message: str) -> None:
        """Pass a (throttled) report on to ``progressed``, on the GUI thread."""
        if not self._cancel.is_set():
            self._post(self._progress_posted, fraction, message)

    def finish(self, outcome: Outcome, payload: Any = None) -> None:
        """End the job: the first call wins, later ones are ignored (any thread)."""
        try:
            self._future.set_result(payload if outcome is Outcome.SUCCEEDED else None)
        except InvalidStateError:  # it has ended already
            return
        self._post(self._outcome_posted, outcome, payload)

    @staticmethod
    def _post(signal, *args: object) -> None:
        # RuntimeError: the job's QObject is gone (its window closed): nobody listens.
        with contextlib.suppress(RuntimeError):
            signal.emit(*args)

    # -- GUI thread ------------------------------------------------------------------------
    @property
    def outcome(self) -> Outcome | None:
        """How the job ended, once its signals were emitted; ``None`` before."""
        return self._outcome

    @property
    def is_finished(self) -> bool:
        """Whether the outcome was delivered (on the GUI thread)."""
        return self._outcome is not None

    def _on_progress_posted(self, fraction: float, message: str) -> None:
        if self._outcome is None and not self._cancel.is_set():
            self.progressed.emit(fraction, message)

    def _on_outcome_posted(self, outcome: Outcome, payload: object) -> None:
        self._outcome = outcome
        self._cancel_hooks.clear()  # drop the worker they refer to
        if outcome is Outcome.SUCCEEDED:
            self.succeeded.emit(payload)
        elif outcome is Outcome.FAILED:
            self.failed.emit(payload)
        else:
            self.cancelled.emit()
        self.finished.emit()
        self.ended.emit(self)


class ThreadExecutor:
    """The worker thread of light jobs: runs ``work(job.report)`` and finishes the job."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rapport-job")

    def start(self, job: Job, work: Work) -> None:
        # The job and its work (which refers to the dialog or section that started it)
        # are let go on the GUI thread, not by the pool's work item (desktop_app/gui_release.py).
        self._pool.submit(self._run, gui_release.parcel(job), gui_release.parcel(work))

    def shutdown(self, wait: bool) -> None:
        self._pool.shutdown(wait=wait, cancel_futures=False)

    @staticmethod
    def _run(job: gui_release.Parcel, work: gui_release.Parcel) -> None:
        try:
            job[0].finish(*run_work(job[0].label, work[0], job[0].report))
        finally:
            gui_release.hand_back(work)
            gui_release.hand_back(job)


class JobRunner(QObject):
    """Runs jobs one at a time: light ones on a worker thread, heavy ones in a process."""

    job_started = Signal(object)
    job_finished = Signal(object)

    def __init__(
        self, parent: QObject | None = None, *, warm_modules: tuple[str, ...] = WARM_MODULES
    ) -> None:
        super().__init__(parent)
        self._threads: ThreadExecutor | None = ThreadExecutor()
        self._worker: WorkerProcess | None = None
        self._warm = tuple(warm_modules)
        self._pending: deque[tuple[Job, Callable[[Job], None]]] = deque()
        self._current: Job | None = None
        self._closed = False
        self._ids = itertools.count(1)

    def submit(self, label: str, work: Work) -> Job:
        """Queue light ``work(progress)`` for the worker thread and return its job.

        The work starts when control returns to the event loop, and every signal is
        delivered through the event loop, so signals connected right after this call
        never miss an early result.
        """
        return self._queue(Job(label, self), lambda job: self._start_thread(job, work))

    def submit_process(self, label: str, func: Callable | str, *args: Any, **kwargs: Any) -> Job:
        """Queue ``func(*args, progress=callback, **kwargs)`` for the worker process.

        ``func`` is a module-level function or ``"module:name"``. Raises ``TypeError`` at
        once if the function or an argument cannot be sent to a process.
        """
        task = encode_task(label, func, args, kwargs)
        job = Job(label, self, in_process=True)
        return self._queue(job, lambda job: self._start_process(job, task))

    def warm_up(self) -> None:
        """Start the worker process now (it imports the analysis engine while idle).

        If the process cannot be started, this is logged; the next process job tries
        again and fails in plain words.
        """
        try:
            self.worker()
        except OSError:
            log.exception("the worker process could not be started")

    def worker(self) -> WorkerProcess | None:
        """The worker process, started if needed; ``None`` once the runner is shut down.

        Raises ``OSError`` if no process can be started.
        """
        if self._worker is not None and not self._worker.alive:
            self._worker.stop(timeout=0.0)  # it died: the next job gets a fresh one
            self._worker = None
        if not self._closed and self._worker is None:
            self._worker = WorkerProcess(self._warm)
        return self._worker

    def running(self) -> list[Job]:
        """Jobs submitted and not finished yet."""
        current = [self._current] if self._current is not None else []
        return current + [job for job, _ in self._pending]

    def cancel_all(self) -> None:
        for job in self.running():
            job.cancel()

    def shutdown(self, wait: bool = True) -> None:
        """Cancel every job and stop the worker thread and process (the window closes)."""
        self._closed = True
        self.cancel_all()
        while self._pending:
            job, _ = self._pending.popleft()
            job.finish(Outcome.CANCELLED)
        if self._threads is not None:
            self._threads.shutdown(wait=wait)
            self._threads = None
        worker, self._worker = self._worker, None
        if worker is None:
            return
        current = self._current
        future = current.future if current is not None and current.in_process else None
        if wait and future is not None and not self._wait(future, SHUTDOWN_GRACE_SECONDS):
            worker.kill()
            self._wait(future, 2.0)
        worker.stop(timeout=2.0 if wait else 0.0)

    @staticmethod
    def _wait(future: Future, timeout: float) -> bool:
        return not wait_futures([future], timeout=timeout).not_done

    # -- GUI thread ------------------------------------------------------------------------
    def _queue(self, job: Job, start: Callable[[Job], None]) -> Job:
        self._pending.append((job, start))
        job.ended.connect(self._on_job_ended)
        QTimer.singleShot(0, self, self._start_next)
        return job

    def _start_next(self) -> None:
        while self._current is None and self._pending:
            job, start = self._pending.popleft()
            if self._closed or job.is_cancelling:
                job.finish(Outcome.CANCELLED)  # it never starts
                continue
            self._current = job
            self.job_started.emit(job)
            start(job)

    def _start_thread(self, job: Job, work: Work) -> None:
        if self._threads is None:
            job.finish(Outcome.CANCELLED)
            return
        self._threads.start(job, work)

    def _start_process(self, job: Job, task: bytes) -> None:
        try:
            worker = self.worker()
        except OSError as exc:  # no process could be started (out of resources)
            reason = exc.strerror or str(exc)
            message = (
                f"{job.label} could not start its worker process ({reason}). "
                "Close other programs and try again."
            )
            job.finish(Outcome.FAILED, UserFacingError(message, repr(exc)))
            return
        if worker is None:  # closed meanwhile
            job.finish(Outcome.CANCELLED)
            return
        job_id = next(self._ids)
        job.add_cancel_hook(lambda: worker.cancel(job_id, CANCEL_GRACE_SECONDS))
        worker.run(job_id, job.label, task, job.deliver_progress, job.finish)

    def _on_job_ended(self, job: Job) -> None:
        if job is self._current:
            self._current = None
        self.job_finished.emit(job)
        QTimer.singleShot(0, self, self._start_next)
