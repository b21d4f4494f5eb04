"""Long work off the GUI thread: one job at a time, progress, a working Cancel.

The pattern of Anki's task manager and Orange's ``wrap_callback``:

* A :class:`JobRunner` runs jobs one at a time, in the order they were submitted.
* :meth:`JobRunner.submit_process` is for heavy work (analysis, exports, ingest): it runs
  ``func(*args, progress=callback, **kwargs)`` in a separate worker *process*
  (:mod:`desktop_app.process_worker`), so the engine's long C calls never hold the GUI
  process's interpreter lock and the window keeps painting. ``func`` is a module-level
  function or a ``"module:name"`` string; the arguments are a workspace *path* and plain
  data, never a connection or a widget. The process is started once (:meth:`warm_up`, when
  the window opens) and reused; if it dies, the job fails in plain words and the next job
  gets a fresh process.
* :meth:`JobRunner.submit` is for light work: ``fn(progress)`` on a worker *thread*. It
  must not touch Qt, and it too gets a path, never a connection (a sqlite3 connection
  belongs to its thread).
* The ``progress`` callback given to the work raises :class:`surveys.progress.Cancelled`
  once :meth:`Job.cancel` was called, so the work stops at its next report. Reports are
  throttled before they cross to the GUI thread. A process job that does not stop within
  :data:`CANCEL_GRACE_SECONDS` is ended by ending its process.

Thread rule: every signal of a :class:`Job` (``progressed``, ``succeeded``, ``failed``,
``cancelled``, ``finished``) is *emitted on the GUI thread* (the thread of the runner). The
worker thread and the process's forwarding thread never emit them: they emit a private
signal connected, queued, to a bound method of the job, which re-emits on the GUI thread.
So any slot, a lambda included, runs on the GUI thread. The runner's own connections are
bound methods of QObjects living in the GUI thread (``ended`` carries the job). Heavy work
never belongs in a ``succeeded`` slot.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from desktop_app.job_errors import UserFacingError
from desktop_app.process_worker import THROTTLE_SECONDS, WorkerProcess, encode_task
from surveys.progress import Cancelled

__all__ = ["Job", "JobRunner", "UserFacingError", "THROTTLE_SECONDS"]

log = logging.getLogger(__name__)

Work = Callable[[Callable[[float, str], None]], Any]

#: Modules the worker process imports when it starts, so the first analysis is not slower.
WARM_MODULES = ("analysis.pipeline", "analysis.export")
#: Seconds a cancelled process job may take to reach its next report before it is ended.
CANCEL_GRACE_SECONDS = 15.0
#: Seconds closing the window waits for a cancelled process job before ending it.
SHUTDOWN_GRACE_SECONDS = 5.0


class Job(QObject):
    """One piece of long work. Create it with :meth:`JobRunner.submit` / ``submit_process``."""

    progressed = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(object)  # a UserFacingError
    cancelled = Signal()
    finished = Signal()  # after any of the three outcomes
    ended = Signal(object)  # this job, after ``finished`` (the runner's hook)
    _posted = Signal(str, object)  # from any thread; re-emitted on the GUI thread

    def __init__(self, label: str, parent: QObject | None = None, *, in_process: bool = False):
        super().__init__(parent)
        self.label = label
        self.in_process = in_process
        self.future: Future | None = None
        self._cancel = threading.Event()
        self._on_cancel: Callable[[], None] | None = None
        self._done = False
        self._last_emit = 0.0
        self._last_message = ""
        self._posted.connect(self._deliver, Qt.QueuedConnection)

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report."""
        self._cancel.set()
        if self._on_cancel is not None:
            self._on_cancel()

    @property
    def is_cancelling(self) -> bool:
        return self._cancel.is_set()

    @property
    def is_finished(self) -> bool:
        """Whether the outcome was delivered (on the GUI thread)."""
        return self._done

    def report(self, fraction: float, message: str) -> None:
        """The progress callback handed to thread work (runs on the worker thread)."""
        if self._cancel.is_set():
            raise Cancelled()
        now = time.monotonic()
        if message != self._last_message or now - self._last_emit >= THROTTLE_SECONDS:
            self._last_emit, self._last_message = now, message
            self._post("progressed", (float(fraction), message))

    # -- any thread ------------------------------------------------------------------------
    def _post(self, kind: str, payload: object) -> None:
        # RuntimeError: the job's QObject is gone (its window closed): nobody listens.
        with contextlib.suppress(RuntimeError):
            self._posted.emit(kind, payload)

    def _run(self, work: Work) -> None:
        """Thread jobs: runs on the worker thread."""
        try:
            if self._cancel.is_set():
                raise Cancelled()
            result = work(self.report)
        except Cancelled:
            self._post("cancelled", None)
        except BaseException as exc:  # noqa: BLE001 - every failure is reported, none lost
            self._post("failed", UserFacingError.from_exception(self.label, exc))
        else:
            self._post("succeeded", result)

    def _from_worker(self, kind: str, payload: Any) -> None:
        """Process jobs: the worker's reports, on the forwarding thread."""
        if kind == "progress":
            if not self._cancel.is_set():
                self._post("progressed", payload)
            return
        if kind == "ended":  # the process died: killed after Cancel, or a crash
            kind, payload = (
                ("cancelled", None)
                if self._cancel.is_set()
                else ("failed", UserFacingError.worker_ended(self.label, payload))
            )
        kind = {"ok": "succeeded"}.get(kind, kind)
        if self.future is not None and not self.future.done():
            self.future.set_result(payload if kind == "succeeded" else None)
        self._post(kind, payload)

    # -- GUI thread ------------------------------------------------------------------------
    def _deliver(self, kind: str, payload: object) -> None:
        if self._done:
            return
        if kind == "progressed":
            if not self._cancel.is_set():
                self.progressed.emit(*payload)
            return
        self._done = True
        self._on_cancel = None  # drop the worker it refers to
        if kind == "succeeded":
            self.succeeded.emit(payload)
        elif kind == "failed":
            self.failed.emit(payload)
        else:
            self.cancelled.emit()
        self.finished.emit()
        self.ended.emit(self)


class JobRunner(QObject):
    """Runs jobs one at a time: light ones on a worker thread, heavy ones in a process."""

    job_started = Signal(object)
    job_finished = Signal(object)

    def __init__(
        self, parent: QObject | None = None, *, warm_modules: tuple[str, ...] = WARM_MODULES
    ) -> None:
        super().__init__(parent)
        self._threads: ThreadPoolExecutor | None = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="rapport-job"
        )
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
            self._ensure_worker()
        except OSError:
            log.exception("the worker process could not be started")

    def _ensure_worker(self) -> WorkerProcess | None:
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
            self._finish_unstarted(job)
        if self._threads is not None:
            self._threads.shutdown(wait=wait, cancel_futures=False)
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
                self._finish_unstarted(job)
                continue
            self._current = job
            self.job_started.emit(job)
            start(job)

    def _finish_unstarted(self, job: Job) -> None:
        job.future = Future()
        job.future.set_result(None)
        job._deliver("cancelled", None)

    def _start_thread(self, job: Job, work: Work) -> None:
        if self._threads is None:
            job._from_worker("cancelled", None)
            return
        job.future = self._threads.submit(job._run, work)

    def _start_process(self, job: Job, task: bytes) -> None:
        job.future = Future()
        job.future.set_running_or_notify_cancel()
        try:
            worker = self._ensure_worker()
        except OSError as exc:  # no process could be started (out of resources)
            reason = exc.strerror or str(exc)
            message = (
                f"{job.label} could not start its worker process ({reason}). "
                "Close other programs and try again."
            )
            job._from_worker("failed", UserFacingError(message, repr(exc)))
            return
        if worker is None:  # closed meanwhile
            job._from_worker("cancelled", None)
            return
        job_id = next(self._ids)
        job._on_cancel = lambda: worker.cancel(job_id, CANCEL_GRACE_SECONDS)
        worker.run(job_id, job.label, task, job._from_worker)

    def _on_job_ended(self, job: Job) -> None:
        if job is self._current:
            self._current = None
        self.job_finished.emit(job)
        QTimer.singleShot(0, self, self._start_next)
