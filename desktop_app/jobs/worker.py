"""Heavy jobs in a worker *process*, so the GUI process keeps its interpreter to itself.

A thread of the GUI process shares one GIL with the event loop: the analysis engine spends
long stretches in C calls that hold it (regex, NumPy, SciPy, garbage collection), and each
one stalls the window. In a separate process the engine has its own interpreter and the
window only waits for the operating system's scheduler.

Qt-free. :class:`WorkerProcess` is the parent's side: one "spawn" process (not daemonic,
because the engine may start worker processes of its own, which daemonic processes may
not), a pipe for tasks, a pipe for reports and a cancel event shared with the child, and a
small thread that forwards the reports. :func:`worker_main` is the child's side. One task
runs at a time; the parent sends the next one only after the previous one answered.

A task is ``func(*args, progress=callback, **kwargs)``: ``func`` is a module-level function
or a ``"module:name"`` string (resolved in the child, so the GUI process need not import the
engine), and the arguments are plain data and paths, never a connection.

The child sends two kinds of message: :class:`Progressed` (throttled by
:class:`~desktop_app.jobs.throttle.ThrottledProgress`) and, once, :class:`Finished` with an
:class:`~desktop_app.jobs.outcome.Outcome`. The parent hands them to the task's
``on_progress(fraction, message)`` and ``on_finish(outcome, payload)``; a process that dies
mid-task finishes its task as ``FAILED`` (or ``CANCELLED`` if Cancel was pressed).
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import importlib
import multiprocessing
import os
import pickle
import signal
import threading
import weakref
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any, NamedTuple

from desktop_app.jobs.errors import UserFacingError
from desktop_app.jobs.outcome import Outcome, run_work
from desktop_app.jobs.throttle import ThrottledProgress
from surveys.spawn import spawn_context

#: ``on_progress(fraction, message)``, called on the forwarding thread.
OnProgress = Callable[[float, str], None]
#: ``on_finish(outcome, payload)``, called once per task on the forwarding thread (or on
#: the thread that stops the worker).
OnFinish = Callable[[Outcome, Any], None]

_STOP = b""
_PROTOCOL = pickle.HIGHEST_PROTOCOL


class Progressed(NamedTuple):
    """A progress report of task ``job_id`` (child to parent)."""

    job_id: int
    fraction: float
    message: str


class Finished(NamedTuple):
    """How task ``job_id`` ended (child to parent). A result travels pickled."""

    job_id: int
    outcome: Outcome
    payload: Any


def encode_task(label: str, func: Callable | str, args: Sequence, kwargs: dict) -> bytes:
    """Pickle a task now, so work that cannot cross to a process fails at submit time.

    Raises
    ------
    TypeError
        ``func`` is not a module-level function or ``"module:name"``, or an argument
        cannot be pickled (a connection, a widget, a lambda).
    """
    try:
        return pickle.dumps((func, tuple(args), dict(kwargs)), protocol=_PROTOCOL)
    except (pickle.PicklingError, AttributeError, TypeError) as exc:
        raise TypeError(
            f"{label}: a process job needs a module-level function (or 'module:name') and "
            f"arguments that can be pickled (paths and plain data, never a connection): {exc}"
        ) from exc


def resolve(func: Callable | str) -> Callable:
    """The function of a task: itself, or the object named by ``"module:qualified.name"``."""
    if not isinstance(func, str):
        return func
    module, _, name = func.partition(":")
    found: Any = importlib.import_module(module)
    for part in name.split("."):
        found = getattr(found, part)
    return found


def ping(progress: Callable[[float, str], None] | None = None) -> int:
    """A task that does nothing: its answer says the worker is up (its process id)."""
    return os.getpid()


# -- the child's side ----------------------------------------------------------------------


def _run_task(header: bytes, send: Callable[[tuple], None], cancel) -> None:
    job_id, label, blob = pickle.loads(header)

    def work(progress: ThrottledProgress) -> bytes:
        func, args, kwargs = pickle.loads(blob)
        result = resolve(func)(*args, progress=progress, **kwargs)
        return pickle.dumps(result, protocol=_PROTOCOL)  # a result that cannot cross fails

    progress = ThrottledProgress(lambda f, m: send(Progressed(job_id, f, m)), cancel)
    outcome, payload = run_work(label, work, progress)
    send(Finished(job_id, outcome, payload))


def worker_main(tasks: Connection, events: Connection, cancel, warm: Sequence[str]) -> None:
    """The worker process: import ``warm`` modules, then run tasks until told to stop.

    Runs in the child. It stops on an empty task, when the task pipe closes, or when the
    parent process is gone (checked twice a second while idle).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle
    for name in warm:
        # A module that fails to import is reported by the job that needs it.
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    gc.collect()
    gc.freeze()  # imported objects leave the collector's reach: shorter full collections
    lock = threading.Lock()

    def send(message: tuple) -> None:
        with lock:  # the engine may report from threads of its own
            events.send(message)

    parent = multiprocessing.parent_process()
    try:
        while True:
            if not tasks.poll(0.5):
                if parent is not None and not parent.is_alive():
                    return
                continue
            header = tasks.recv_bytes()
            if header == _STOP:
                return
            _run_task(header, send, cancel)
    except (EOFError, OSError):
        return  # the parent went away


# -- the parent's side ---------------------------------------------------------------------

_LIVE: weakref.WeakSet[WorkerProcess] = weakref.WeakSet()
_ATEXIT_REGISTERED = False


def _stop_all() -> None:
    """At exit: stop the workers, before multiprocessing waits for its children."""
    for worker in list(_LIVE):
        worker.stop(timeout=1.0)


class _Task(NamedTuple):
    """The task the process is running, as the parent sees it."""

    job_id: int
    label: str
    on_progress: OnProgress
    on_finish: OnFinish


class WorkerProcess:
    """One worker process and the thread that forwards its reports (the parent's side).

    Thread contract: :meth:`run`, :meth:`cancel`, :meth:`kill` and :meth:`stop` may be
    called from any thread; ``on_progress`` and ``on_finish`` run on the forwarding thread
    and must not touch Qt widgets (the job re-emits them as queued signals).
    """

    def __init__(self, warm: Sequence[str] = ()) -> None:
        global _ATEXIT_REGISTERED
        ctx = spawn_context()
        tasks_reader, self._tasks = ctx.Pipe(duplex=False)
        self._events, events_writer = ctx.Pipe(duplex=False)
        self._cancel = ctx.Event()
        self.process = ctx.Process(
            target=worker_main,
            args=(tasks_reader, events_writer, self._cancel, tuple(warm)),
            name="rapport-worker",
        )
        self.process.start()
        tasks_reader.close()  # the child's ends: closing ours lets EOF mean "child gone"
        events_writer.close()
        self._lock = threading.Lock()
        self._current: _Task | None = None
        self._dead = False
        self._kill_timer: threading.Timer | None = None
        self._forwarder = threading.Thread(
            target=self._forward, name="rapport-worker-reports", daemon=True
        )
        self._forwarder.start()
        _LIVE.add(self)
        if not _ATEXIT_REGISTERED:  # after multiprocessing's own handler: runs before it
            atexit.register(_stop_all)
            _ATEXIT_REGISTERED = True

    @property
    def alive(self) -> bool:
        """Whether the process can take a task."""
        return not self._dead and self.process.is_alive()

    @property
    def busy(self) -> bool:
        """Whether a task was sent and has not answered yet."""
        return self._current is not None

    def run(
        self, job_id: int, label: str, task: bytes, on_progress: OnProgress, on_finish: OnFinish
    ) -> None:
        """Send a task (from :func:`encode_task`); its reports go to the two callbacks."""
        with self._lock:
            if self._current is not None:
                raise RuntimeError("the worker process is already running a task")
            self._current = _Task(job_id, label, on_progress, on_finish)
        self._cancel.clear()
        try:
            self._tasks.send_bytes(pickle.dumps((job_id, label, task), protocol=_PROTOCOL))
        except OSError:
            self._report_end()

    def cancel(self, job_id: int, grace: float | None = None) -> None:
        """Ask task ``job_id`` to stop at its next report; kill the process after ``grace`` s."""
        with self._lock:
            if self._current is None or self._current.job_id != job_id:
                return
            self._cancel.set()
            if grace is not None and self._kill_timer is None:
                self._kill_timer = threading.Timer(grace, self._kill_if_running, (job_id,))
                self._kill_timer.daemon = True
                self._kill_timer.start()

    def kill(self) -> None:
        """End the process now; a running task finishes as failed, or cancelled."""
        if self.process.is_alive():
            self.process.kill()

    def stop(self, timeout: float = 2.0) -> None:
        """Stop the process (killing it after ``timeout`` s) and the forwarding thread."""
        with contextlib.suppress(OSError):
            self._tasks.send_bytes(_STOP)
        # An idle worker stops at once, unless it is still importing its warm modules:
        # then ending it is harmless and quicker than waiting.
        self.process.join(timeout if self.busy else min(timeout, 0.5))
        if self.process.is_alive():
            self.process.kill()
            self.process.join(2.0)
        if self._forwarder is not threading.current_thread():
            self._forwarder.join(2.0)
        self._report_end()
        self._cancel_kill_timer()
        self._tasks.close()
        _LIVE.discard(self)

    # -- forwarding thread -----------------------------------------------------------------
    def _forward(self) -> None:
        while True:
            try:
                ready = wait([self._events, self.process.sentinel], timeout=0.5)
                if self._events in ready:
                    message = self._events.recv()
                elif ready and not self._events.poll(0):
                    break  # the process ended and every report was read
                else:
                    continue
            except (EOFError, OSError):
                break
            self._dispatch(message)
        self._dead = True
        self.process.join(1.0)
        self._report_end()
        self._events.close()

    def _dispatch(self, message: Progressed | Finished) -> None:
        current = self._current
        if current is None or current.job_id != message.job_id:
            return  # a late report of a task already answered
        if isinstance(message, Progressed):
            current.on_progress(message.fraction, message.message)
            return
        with self._lock:
            self._current = None
        self._cancel_kill_timer()
        outcome, payload = message.outcome, message.payload
        if outcome is Outcome.SUCCEEDED:
            try:
                payload = pickle.loads(payload)
            except Exception as exc:  # noqa: BLE001 - a result that cannot be read back
                outcome = Outcome.FAILED
                payload = UserFacingError.from_exception(current.label, exc)
        current.on_finish(outcome, payload)

    def _report_end(self) -> None:
        """Finish a task still waiting for its answer: the process ended."""
        with self._lock:
            current, self._current = self._current, None
            cancelled = self._cancel.is_set()
        if current is None:
            return
        if cancelled:  # killed after Cancel (or at shutdown): what the person asked for
            current.on_finish(Outcome.CANCELLED, None)
        else:  # a crash, or the system ended it
            error = UserFacingError.worker_ended(current.label, self.process.exitcode)
            current.on_finish(Outcome.FAILED, error)

    def _kill_if_running(self, job_id: int) -> None:
        current = self._current
        if current is not None and current.job_id == job_id:
            self.kill()

    def _cancel_kill_timer(self) -> None:
        with self._lock:
            timer, self._kill_timer = self._kill_timer, None
        if timer is not None:
            timer.cancel()
