"""Quick reads of the workspace that the GUI thread waits for only briefly.

A workspace on a network share that *hangs* (the file server gone: calls block for tens of
seconds instead of failing) froze the HR window whenever it read the workspace on the GUI
thread. :class:`BoundedRead` runs such a read on a daemon thread of its own and waits for
it at most :data:`WAIT_SECONDS`: on a working disk the answer comes within that time and is
used at once (the heatmap is painted with the first frame, as before); otherwise the GUI
thread goes on, :attr:`BoundedRead.slow` lets the window say what it is waiting for, and
the answer is delivered later by :attr:`BoundedRead.answered`, on the GUI thread.

The reads run on :mod:`desktop_app.read_threads`' daemon threads. A read that never
returns keeps only its own thread (it does not stop the app from
quitting). Only the latest read's late answer is delivered: one superseded by another read
(another wave chosen, another workspace opened) is dropped.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop_app import read_threads

log = logging.getLogger(__name__)

#: How long the GUI thread waits for a quick read before going on without it.
WAIT_SECONDS = 0.3
#: How long it waits for a list's query that may take longer on a big workspace (the
#: Comments section's filter and sort, 0.5 s of SQLite on 163,000 comments): typing and
#: clicking go on at once; the rows come when the query is done.
LIST_WAIT_SECONDS = 0.05


class Answer:
    """What a read gave: its value, or the exception it raised (re-raised on the GUI
    thread, where the window's error report says it in words)."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: Any = None
        self.error: BaseException | None = None
        self.discard: Callable[[Any], None] | None = None
        self.taken = False  # the GUI thread used it within the wait

    def settle(self, func: Callable[..., Any], args: tuple) -> None:
        """Run ``func(*args)`` on the calling thread (a worker's), keep its value or the
        exception it raised, then set :attr:`done`."""
        try:
            self.value = func(*args)
        except BaseException as exc:  # noqa: BLE001 (said on the GUI thread)
            self.error = exc
        self.done.set()

    def unwrap(self) -> Any:
        if self.error is not None:
            raise self.error
        return self.value


class _Relay(QObject):
    # Emitted from the reading thread; the relay lives on the GUI thread, so the
    # connection is queued and the slot runs there.
    finished = Signal(object, object)  # ticket, Answer


class BoundedRead(QObject):
    """Run quick reads off the GUI thread, waiting for each at most :data:`WAIT_SECONDS`."""

    #: A read did not answer in time; the text says what is being waited for.
    slow = Signal(str)
    #: A late read answered: ``(what, value)``. An exception it raised is re-raised by
    #: :meth:`late_value`.
    answered = Signal(str, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ticket = 0
        self._pending: str | None = None
        self._latest: Answer | None = None  # the latest read's answer, for take_late()
        # No parent: a read still blocked when the owner is deleted (the window closing)
        # finishes into a relay that still exists.
        self._relay = _Relay()
        self._relay.finished.connect(self._on_relay_finished)

    def pending(self) -> str | None:
        """What the latest read that has not answered yet is for, or ``None``."""
        return self._pending

    def read(
        self,
        what: str,
        func: Callable[..., Any],
        *args: Any,
        discard: Callable[[Any], None] | None = None,
        wait: float | None = None,
    ) -> tuple[bool, Any]:
        """Run ``func(*args)`` on a reader thread (:mod:`desktop_app.read_threads`);
        ``(True, value)`` when it answered within ``wait`` seconds (default
        :data:`WAIT_SECONDS`), else ``(False, None)``, and :attr:`answered` brings
        ``(what, value)`` once it does. An exception ``func`` raises within the wait is
        raised here.

        ``discard(value)`` is called for a late value nobody takes (another read came
        first, or :meth:`forget`): a claim on a workspace is given up, for instance.
        """
        self._ticket += 1
        ticket, answer = self._ticket, Answer()
        answer.discard = discard
        self._latest = answer

        def run() -> None:
            answer.settle(func, args)
            try:
                self._relay.finished.emit((ticket, what), answer)
            except RuntimeError:  # the relay was deleted: the app is quitting, nobody waits
                log.debug("read %r answered after the app quit", what)

        read_threads.submit(run, what)  # a waiting thread: no wait for a new one to start
        if answer.done.wait(WAIT_SECONDS if wait is None else wait):  # now: tests lengthen it
            self._pending, answer.taken = None, True
            return True, answer.unwrap()
        self._pending = what
        self.slow.emit(what)
        return False, None

    def take_late(self, wait: float | None = None) -> tuple[bool, Any]:
        """Wait up to ``wait`` seconds more for the latest read that has not answered:
        ``(True, value)`` when it answers (:attr:`answered` then never brings it), else
        ``(False, None)``; a read that raised is left to :attr:`answered`, whose slot
        reports it."""
        answer = self._latest
        if (
            self._pending is None
            or answer is None
            or not answer.done.wait(WAIT_SECONDS if wait is None else wait)
        ):
            return False, None
        if answer.error is not None:
            return False, None
        self._pending, answer.taken = None, True
        return True, answer.value

    def forget(self) -> None:
        """Drop the late answer of every read started so far (the workspace was closed)."""
        self._ticket += 1
        self._pending = None

    def _on_relay_finished(self, key: tuple[int, str], answer: Answer) -> None:
        ticket, what = key
        if answer.taken:
            return  # answered in time: already used
        if ticket != self._ticket or self._pending is None:  # superseded, or forgotten
            if answer.discard is not None and answer.error is None:
                answer.discard(answer.value)
            return
        self._pending = None
        self.answered.emit(what, answer)

    @staticmethod
    def late_value(answer: Any) -> Any:
        """The value a late read gave (the ``object`` of :attr:`answered`); raises what the
        read raised."""
        return answer.unwrap()
