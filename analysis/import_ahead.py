"""Comments analysed beside an import, on the core the import leaves idle.

A large import reads, checks and writes on one core for a second or more. Meanwhile
:class:`ImportAhead` has a worker process redact the comments of closed waves and find
their conflict language and themes, the part of the per-comment analysis that
``rapport analyze`` does in its analysing process (sentiment is scored in its own worker
there). The import hands each batch of staged comments over as it stages it
(:meth:`ImportAhead.add`, never waiting) and, inside its transaction once the comments are
written, keeps what the worker has sent by then in ``comments_ahead``
(:meth:`ImportAhead.store`: one row per piece of :data:`PIECE` comments, as the worker
wrote it); the rest is left to the analysis. The import never waits for the worker, and
nothing it writes depends on it. The worker's findings arrive as ready-made rows, so
keeping them costs the import one insert per piece (writing them per comment cost it
about 0.1 s on 16,000 comments).

The next analysis takes a comment's findings instead of computing them when
``prepared_with`` is its own (the conflict markers', taxonomy's and redaction's versions:
:func:`analysis.comment_analysis.preparation_version` and
:func:`analysis.privacy.redaction_stamp`), so the results are those of computing them then
(:func:`analysis.comment_update.prepare_ahead` makes them, :mod:`analysis.comment_update`
reads them).

Privacy: only comments of closed waves (historical waves the import creates or adds to, and
releases when it ends) are ever handed over; an open wave's comments are analysed once the
wave is released. The worker keeps nothing: it reads the workspace's name list,
departments and taxonomy (read-only), and sends back what it found.

The worker is started with ``spawn``, in Linux's idle scheduling class (elsewhere at a
lower priority: a higher niceness on other POSIX systems, the below-normal priority class
on Windows), and exits with its parent; it is stopped when the import ends
(:meth:`ImportAhead.close`). If it fails or is killed, the import goes on and stores
nothing, or what had arrived, and hands it nothing more. At most
:data:`MAX_WAITING_CHARS` characters of comments wait for a worker that is behind (or
stopped); a batch beyond them is left to the analysis, so neither a slow nor a dead worker
makes the import's memory grow much. Plain Python, no Qt.
"""

from __future__ import annotations

import contextlib
import os
import queue
import sqlite3
import sys
import threading
from pathlib import Path

#: Files smaller than this are imported in well under the worker's start-up time (about
#: 0.2 s of the other core), so no worker is started.
AHEAD_FROM_BYTES = 2_000_000
#: No worker when the load average is above the number of cores less this: no core is
#: likely to be idle.
SPARE_CORE = 0.5
#: Where the idle scheduling class is missing, how much lower the worker's priority is
#: than the import's: on a busy machine the import, which someone waits for, comes first.
NICENESS = 10
#: Characters of comments that may wait for a worker still busy with an earlier batch; a
#: batch beyond them is not handed over (the analysis does its work). A worker starting up
#: (about 0.2 s) falls behind the import at once: four batches (stop 30's first bound) let
#: it analyse only 8,856 of 15,976 comments of a 200,000-answer import on an idle machine;
#: this budget (about 8 MB of text, a few times that in Python strings) hands it them all,
#: and it had analysed 13,300 when the import ended. A batch of 10,000 rows may hold 50
#: million characters at worst.
MAX_WAITING_CHARS = 8_000_000
#: Comments the worker analyses and sends back at a time: a batch of the import (10,000
#: rows, about 800 comments of the benchmark's file, some 50 ms of the worker's CPU) is
#: split so that when the import keeps what has arrived, the part of a batch the worker
#: has finished is kept too, not dropped with the rest of the batch.
PIECE = 200
#: Windows: the priority class the worker gets (``BELOW_NORMAL_PRIORITY_CLASS``), and the
#: access right that sets it on another process (``PROCESS_SET_INFORMATION``).
BELOW_NORMAL_PRIORITY_CLASS = 0x4000
PROCESS_SET_INFORMATION = 0x0200


class ImportAhead:
    """A worker that analyses the comments of closed waves while an import runs.

    Parameters
    ----------
    folder : path
        The workspace being imported into.
    file : path, optional
        The file being imported: no worker is started for one smaller than
        :data:`AHEAD_FROM_BYTES`, nor on a one-core or busy machine (:data:`SPARE_CORE`).

    Notes
    -----
    Implements ``surveys.csv_staging.CommentsAhead``. Use it as a context manager around
    the import: leaving it stops the worker. Methods are for the thread that created it.
    """

    def __init__(self, folder: str | Path, file: str | Path | None = None) -> None:
        self._process = None
        self._sizes: list[int] = []  # comments in each piece handed over, in order
        self._received: list[bytes] = []  # a comments_ahead row per piece, as they arrive
        self.stored = 0  #: comments whose analysis :meth:`store` kept
        self.skipped = 0  #: comments not handed over: the worker was behind, or gone
        self._gone = threading.Event()  # the worker died, or was stopped
        if not _core_to_spare() or (file is not None and _size(file) < AHEAD_FROM_BYTES):
            return
        from surveys.spawn import spawn_context  # only when a worker is started

        context = spawn_context()
        inbox, self._to_worker = context.Pipe(duplex=False)
        self._from_worker, outbox = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_work,
            args=(str(folder), inbox, outbox, os.getpid()),
            name="rapport-import-ahead",
            daemon=True,
        )
        self._process.start()
        _lower_priority(self._process.pid)  # its start-up too
        inbox.close()  # only the worker holds these ends: its death is an error here, not
        outbox.close()  # a wait
        self._texts: queue.Queue = queue.Queue()  # bounded by MAX_WAITING_CHARS in add()
        self._waiting_chars = 0  # characters of the batches in it
        self._count = threading.Lock()
        self._threads = [
            threading.Thread(target=self._send, name="rapport-ahead-send", daemon=True),
            threading.Thread(target=self._receive, name="rapport-ahead-receive", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    @property
    def pid(self) -> int | None:
        """The worker's process id, or ``None`` when no worker runs."""
        return self._process.pid if self._process is not None else None

    @property
    def running(self) -> bool:
        """Whether a worker was started (and not stopped yet)."""
        return self._process is not None

    @property
    def alive(self) -> bool:
        """Whether the worker still takes batches (started, not stopped, not dead)."""
        return self._process is not None and not self._gone.is_set() and self._process.is_alive()

    @property
    def waiting(self) -> int:
        """Batches handed over that wait for the worker (at most
        :data:`MAX_WAITING_CHARS` characters of them)."""
        return self._texts.qsize() if self._process is not None else 0

    @property
    def handed(self) -> int:
        """How many comments were handed to the worker."""
        return sum(self._sizes)

    @property
    def received(self) -> int:
        """How many of them the worker has sent its findings for so far."""
        return sum(self._sizes[: len(self._received)])

    def add(self, texts: list[str]) -> None:
        """Hand the texts of staged comments of closed waves to the worker (never waits).

        Nothing is handed to a worker that is gone, nor beyond :data:`MAX_WAITING_CHARS`
        characters waiting for it: those comments are counted in :attr:`skipped` and the
        analysis does their work.
        """
        if not texts or self._process is None:
            return
        chars, alive = sum(map(len, texts)), self.alive
        with self._count:
            taken = alive and self._waiting_chars + chars <= MAX_WAITING_CHARS
            if taken:
                self._waiting_chars += chars
        if not taken:  # gone, or behind: the import never waits for the worker
            self.skipped += len(texts)
            return
        self._sizes.extend(len(piece) for piece in _pieces(texts))
        self._texts.put_nowait((texts, chars))

    def store(self, conn: sqlite3.Connection) -> None:
        """Keep what the worker has sent so far in ``comments_ahead`` (never waits).

        Parameters
        ----------
        conn : sqlite3.Connection
            The import's connection, inside its transaction, once the comments are written.
        """
        received = list(self._received)  # a message still on its way is left out
        if received:
            conn.executemany(
                "INSERT INTO comments_ahead (found) VALUES (?)", [(r,) for r in received]
            )
            self.stored += sum(self._sizes[: len(received)])

    def close(self) -> None:
        """Stop the worker; what it has not sent is dropped."""
        if self._process is None:
            return
        self._gone.set()
        self._process.terminate()
        self._process.join(timeout=5)
        self._drop_waiting()
        with contextlib.suppress(queue.Full):  # wakes the sender (it may be waiting)
            self._texts.put_nowait(None)
        for thread in self._threads:
            thread.join(timeout=5)
        self._to_worker.close()
        self._from_worker.close()
        self._process = None

    def _send(self) -> None:
        """Thread: pass the texts on to the worker, which may be busy (so this waits)."""
        while not self._gone.is_set() and (batch := self._texts.get()) is not None:
            texts, chars = batch
            with self._count:
                self._waiting_chars -= chars
            try:
                self._to_worker.send(texts)
            except (OSError, ValueError):  # the worker is gone
                break
        self._gone.set()
        self._drop_waiting()

    def _receive(self) -> None:
        """Thread: collect what the worker sends until it is gone."""
        while True:
            try:
                self._received.append(self._from_worker.recv_bytes())
            except (EOFError, OSError, ValueError):  # the worker is gone, or was stopped
                self._gone.set()
                self._drop_waiting()
                return

    def _drop_waiting(self) -> None:
        """Let go of the batches no worker will take (any thread); the sender's stop mark
        (``None``, from :meth:`close`) stays."""
        stop = False
        with contextlib.suppress(queue.Empty):
            while True:
                stop = self._texts.get_nowait() is None or stop
        if stop:
            self._texts.put_nowait(None)

    def __enter__(self) -> ImportAhead:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def _size(file: str | Path) -> int:
    try:
        return os.path.getsize(file)
    except OSError:
        return 0


def _work(folder: str, inbox, outbox, parent: int) -> None:
    """The worker: read the workspace's settings, then analyse each batch it is sent."""
    from analysis.worker_task import exit_with_parent

    exit_with_parent(parent)
    try:
        _lower_priority(0)  # where the parent could not
        prepare = _preparer(folder)
        while True:
            for piece in _pieces(inbox.recv()):
                outbox.send_bytes(prepare(piece))
    except BaseException:  # the import goes on without the worker: nothing to tell
        os._exit(0)


def _pieces(texts: list[str]) -> list[list[str]]:
    """``texts`` in pieces of :data:`PIECE`, each analysed and sent back on its own (the
    import counts what it handed over by the same pieces)."""
    return [texts[start : start + PIECE] for start in range(0, len(texts), PIECE)]


def _core_to_spare() -> bool:
    """Whether a core is likely idle: two cores or more, and a load average (last minute)
    at least half a core below their number. On a busy machine the worker would only take
    time from the import (and from everything else) and get little done."""
    cores = os.cpu_count() or 1
    loadavg = getattr(os, "getloadavg", None)  # not on Windows
    try:
        load = loadavg()[0] if loadavg else 0.0
    except OSError:
        load = 0.0
    return cores >= 2 and load <= cores - SPARE_CORE


def _lower_priority(pid: int) -> None:
    """Let process ``pid`` (0: this one) run only on a core nobody else wants: Linux's idle
    scheduling class; Windows' below-normal priority class; elsewhere a higher niceness (of
    this process only)."""
    if sys.platform == "win32":
        _below_normal(pid)
        return
    idle = getattr(os, "SCHED_IDLE", None)
    if idle is not None:
        try:
            os.sched_setscheduler(pid, idle, os.sched_param(0))
            return
        except OSError:
            pass
    nice = getattr(os, "nice", None)  # not on Windows
    if pid == 0 and nice is not None:
        with contextlib.suppress(OSError):
            nice(NICENESS)


def _below_normal(pid: int) -> None:
    """Windows: put process ``pid`` (0: this one) in the below-normal priority class
    (``SetPriorityClass``). A process that may not be changed keeps its priority."""
    try:
        kernel32 = _kernel32()
    except (AttributeError, OSError):  # no kernel32: nothing to lower
        return
    handle = (
        kernel32.GetCurrentProcess()
        if pid == 0
        else kernel32.OpenProcess(PROCESS_SET_INFORMATION, False, pid)
    )
    if not handle:  # access denied, or the process is gone
        return
    try:
        kernel32.SetPriorityClass(handle, BELOW_NORMAL_PRIORITY_CLASS)
    finally:
        if pid != 0:  # the current process's handle is a pseudo handle: never closed
            kernel32.CloseHandle(handle)


def _kernel32():  # pragma: no cover - runs on Windows only
    """Windows' kernel32 through ``ctypes``, with the signatures :func:`_below_normal` uses."""
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    signatures = (
        (kernel32.OpenProcess, wintypes.HANDLE, [wintypes.DWORD, wintypes.BOOL, wintypes.DWORD]),
        (kernel32.GetCurrentProcess, wintypes.HANDLE, []),
        (kernel32.SetPriorityClass, wintypes.BOOL, [wintypes.HANDLE, wintypes.DWORD]),
        (kernel32.CloseHandle, wintypes.BOOL, [wintypes.HANDLE]),
    )
    for function, result, arguments in signatures:
        function.restype, function.argtypes = result, arguments
    return kernel32


def _preparer(folder: str):
    """:func:`analysis.comment_update.prepare_ahead` with the workspace's name list,
    departments and taxonomy (read without taking any lock).

    The workspace is read through a plain read-only connection
    (:mod:`surveys.workspace_reads`): ``sqlite_utils`` and numpy, which the worker never
    needs, are not imported, and it is ready about 0.1 s sooner."""
    from analysis import themes
    from analysis.comment_update import prepare_ahead
    from analysis.privacy_settings import redaction_departments, redaction_names
    from analysis.taxonomy_setting import workspace_taxonomy
    from surveys.workspace_reads import database_path

    uri = database_path(folder).resolve().as_uri() + "?mode=ro"
    db = sqlite3.connect(uri, uri=True)
    try:
        names, departments = redaction_names(db), redaction_departments(db)
        taxonomy = workspace_taxonomy(db) or themes.load_taxonomy()
    finally:
        db.close()
    return prepare_ahead(names, departments, taxonomy)
