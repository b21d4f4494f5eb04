"""What a worker thread ran is let go on the GUI thread.

A read, a write or a job's work is a closure: it refers to the section, dialog or
``BoundedRead`` that started it, and so to Qt objects. Python frees an object in whichever
thread drops the last reference to it, and a worker thread held the closure after running
it: the reader thread (:mod:`desktop_app.read_threads`) until its next read, the thread's
own arguments until it ended, the job thread's work item until it returned. When the
window had let go of those objects meanwhile (a dialog closed, a workspace closed, a test
ended) they were destroyed on that worker thread. Qt cannot stop an object's timers from
there ("QObject::~QObject: Timers cannot be stopped from another thread") and its queued
events race the GUI thread: the window, or the test run, crashed with a segmentation
fault.

So a worker thread never holds the only reference: what it runs goes in a :class:`Parcel`
(a list of one), the thread runs it and hands the parcel back with :func:`hand_back`, and
the parcel is emptied by a slot on the GUI thread. What the closure refers to is freed
there, by the GUI thread, as any other of the window's objects. See
``docs/architecture.md``, "Long work: the thread contract".
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import suppress
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

#: What a worker thread runs, boxed: only the GUI thread empties it.
Parcel = list


class _Sink(QObject):
    """Lives on the GUI thread; a parcel emitted to it is emptied there."""

    parcel = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.parcel.connect(self._empty)

    def _empty(self, parcel: list) -> None:
        parcel.clear()


_sink: _Sink | None = None
_sink_lock = threading.Lock()


def ensure_sink() -> None:
    """Make the GUI thread's sink now (call it on the GUI thread, before handing back)."""
    global _sink
    with _sink_lock:
        if _sink is None:
            _sink = _Sink()
            app = QCoreApplication.instance()
            if app is not None and _sink.thread() is not app.thread():
                _sink.moveToThread(app.thread())


def parcel(work: Any) -> Parcel:
    """Box ``work`` (what a worker thread runs, or a Qt object it uses) for a worker
    thread; call it on the GUI thread (it makes the sink there)."""
    ensure_sink()
    return [work]


def hand_back(box: Parcel) -> None:
    """From the worker thread, once it is done with ``box``: the GUI thread empties it.

    The worker must not hold what is in it in a variable of its own (only ``box``).
    """
    if _sink is None:  # no parcel made on the GUI thread: nothing to protect
        box.clear()
        return
    with suppress(RuntimeError):  # the sink was deleted: the interpreter is ending
        _sink.parcel.emit(box)  # queued: the event keeps ``box`` until the GUI thread runs


def run_parcel(box: Parcel) -> None:
    """Run the work in ``box`` on this (worker) thread, then hand it back."""
    try:
        box[0]()
    finally:
        hand_back(box)


def start_thread(work: Callable[[], None], name: str) -> None:
    """Run ``work()`` on a new daemon thread; ``work`` is let go on the GUI thread."""
    threading.Thread(target=run_parcel, args=(parcel(work),), name=name, daemon=True).start()
