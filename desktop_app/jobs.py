"""Long work off the GUI thread: one worker, progress, a working Cancel.

The pattern of Anki's task manager and Orange's ``wrap_callback``:

* A :class:`JobRunner` owns a single-worker executor, so jobs run one at a time, in order.
* :meth:`JobRunner.submit` takes a function ``fn(progress)`` and returns a :class:`Job`.
  The function runs on the worker thread: it must not touch Qt, and it gets a workspace
  *path*, never a connection or a widget (a sqlite3 connection belongs to its thread).
* The ``progress`` callback given to ``fn`` raises :class:`analysis.progress.Cancelled`
  once :meth:`Job.cancel` was called, so the work stops at its next report. Reports are
  throttled before they cross to the GUI thread.
* The job's signals (``progressed``, ``succeeded``, ``failed``, ``cancelled``) are delivered
  on the GUI thread. Heavy work never belongs in a ``succeeded`` slot.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from analysis.progress import Cancelled

Work = Callable[[Callable[[float, str], None]], Any]

#: Minimum seconds between two progress signals of one job (messages that change pass).
THROTTLE_SECONDS = 0.05


class Job(QObject):
    """One piece of long work. Create it with :meth:`JobRunner.submit`."""

    progressed = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(object)  # a UserFacingError
    cancelled = Signal()
    finished = Signal()  # after any of the three outcomes

    def __init__(self, label: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self._cancel = threading.Event()
        self._last_emit = 0.0
        self._last_message = ""
        self.future: Future | None = None

    def cancel(self) -> None:
        """Ask the work to stop at its next progress report."""
        self._cancel.set()

    @property
    def is_cancelling(self) -> bool:
        return self._cancel.is_set()

    def report(self, fraction: float, message: str) -> None:
        """The progress callback handed to the work (runs on the worker thread)."""
        if self._cancel.is_set():
            raise Cancelled()
        now = time.monotonic()
        if message != self._last_message or now - self._last_emit >= THROTTLE_SECONDS:
            self._last_emit, self._last_message = now, message
            self.progressed.emit(float(fraction), message)

    def _run(self, work: Work) -> None:
        try:
            if self._cancel.is_set():
                raise Cancelled()
            result = work(self.report)
        except Cancelled:
            self.cancelled.emit()
        except BaseException as exc:  # noqa: BLE001 - every failure is reported, none lost
            self.failed.emit(UserFacingError.from_exception(self.label, exc))
        else:
            self.succeeded.emit(result)
        self.finished.emit()


class UserFacingError:
    """What went wrong, in words for people; the traceback is kept for the log only."""

    def __init__(self, message: str, details: str = "") -> None:
        self.message = message
        self.details = details

    def __str__(self) -> str:
        return self.message

    @classmethod
    def from_exception(cls, label: str, exc: BaseException) -> UserFacingError:
        from surveys.errors import RapportError

        details = "".join(traceback.format_exception(exc))
        if isinstance(exc, RapportError):
            return cls(str(exc), details)
        if isinstance(exc, MemoryError):
            return cls(f"{label} ran out of memory. Close other programs and try again.", details)
        if isinstance(exc, OSError):
            where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
            reason = exc.strerror or str(exc)
            return cls(f"{label} could not use a file{where}: {reason}.", details)
        return cls(
            f"{label} stopped because of an unexpected problem ({type(exc).__name__}: {exc}). "
            "Your data was not changed by the unfinished step. Please report this.",
            details,
        )


class JobRunner(QObject):
    """Runs jobs one at a time on a single worker thread."""

    job_started = Signal(object)
    job_finished = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor: ThreadPoolExecutor | None = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="rapport-job"
        )
        self._jobs: list[Job] = []

    def submit(self, label: str, work: Work) -> Job:
        """Queue ``work(progress)`` and return its job.

        The work starts when control returns to the event loop, so signals connected right
        after this call never miss an early result.
        """
        job = Job(label, self)
        self._jobs.append(job)
        job.finished.connect(lambda: self._on_job_finished(job))
        QTimer.singleShot(0, self, lambda: self._start(job, work))
        return job

    def _start(self, job: Job, work: Work) -> None:
        if self._executor is None:
            job.cancelled.emit()
            job.finished.emit()
            return
        self.job_started.emit(job)
        job.future = self._executor.submit(job._run, work)

    def running(self) -> list[Job]:
        """Jobs submitted and not finished yet."""
        return list(self._jobs)

    def cancel_all(self) -> None:
        for job in self._jobs:
            job.cancel()

    def shutdown(self, wait: bool = True) -> None:
        """Cancel every job and stop the worker (call when the window closes)."""
        self.cancel_all()
        if self._executor is not None:
            self._executor.shutdown(wait=wait, cancel_futures=False)
            self._executor = None

    def _on_job_finished(self, job: Job) -> None:
        if job in self._jobs:
            self._jobs.remove(job)
        self.job_finished.emit(job)
