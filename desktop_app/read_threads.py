"""The threads that run the window's quick reads (:mod:`desktop_app.bounded_read`).

Each read ran on a new thread, and ``Thread.start`` returns only once the new thread has
run: on a busy machine (load 8 on two cores) that took 5–20 ms a read, and opening a
workspace starts eleven reads, so the GUI thread waited 60–170 ms for threads to start
(``bench/open_workspace_bench.py``). A read now goes to a thread that has finished its
last one and waits for another (handing it over costs no wait); only when none is free is
a new one started. A read that never returns (a share that hangs) keeps only its own
thread, as before: the others go on with new ones. At most :data:`IDLE_THREADS` wait;
the window starts that many when it is made (:func:`warm`), before any workspace opens.

A thread is named for the read it runs (``rapport-read-<what>``, as when each read had a
thread of its own) and ``rapport-read`` while it waits, so a stack dump of a hung share
still says which read hangs. A job that raises is logged and its thread goes on waiting.

A read is let go on the GUI thread once it has run (:mod:`desktop_app.gui_release`): a
reader thread held the last one until its next read, and what it referred to (a closed
section's ``BoundedRead``, a dialog) was destroyed on that thread, which Qt does not allow.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable

from desktop_app import gui_release

log = logging.getLogger(__name__)

#: How many threads may wait for a read; one that finishes when that many wait ends.
IDLE_THREADS = 8
#: The name of a reader thread that waits for a read.
WAITING = "rapport-read"

_lock = threading.Lock()
_idle = 0
_Job = tuple[gui_release.Parcel, str]  # the job in a parcel, the thread's name
_jobs: queue.SimpleQueue[_Job] = queue.SimpleQueue()


def submit(job: Callable[[], None], what: str = "") -> None:
    """Run ``job()`` on a waiting reader thread, or on a new one if none waits; the thread
    is named ``rapport-read-<what>`` while it runs it. Call it on the GUI thread: ``job``
    is let go there once it has run."""
    global _idle
    name = f"{WAITING}-{what}" if what else WAITING
    box = gui_release.parcel(job)
    del job  # only the parcel holds it
    with _lock:
        if _idle:
            _idle -= 1
            _jobs.put((box, name))
            return
    threading.Thread(target=_work, args=((box, name),), name=name, daemon=True).start()


def warm(count: int = IDLE_THREADS) -> None:
    """Start threads up to ``count`` waiting ones (idempotent), off the first opening."""
    with _lock:
        missing = max(0, min(count, IDLE_THREADS) - _idle)
    for _ in range(missing):
        threading.Thread(target=_work, args=(None,), name=WAITING, daemon=True).start()


def idle() -> int:
    """How many reader threads wait for a read."""
    return _idle


def _work(job: _Job | None) -> None:
    global _idle
    thread = threading.current_thread()
    while True:
        if job is not None:
            _run(thread, *job)
        with _lock:
            if _idle >= IDLE_THREADS:
                return
            _idle += 1
        job = _jobs.get()


def _run(thread: threading.Thread, box: gui_release.Parcel, name: str) -> None:
    thread.name = name
    try:
        box[0]()  # a BoundedRead's settles its Answer and does not raise
    except Exception:  # another caller's: said, and the thread serves the next read
        log.exception("a read on %s raised", name)
    finally:
        thread.name = WAITING
        gui_release.hand_back(box)
