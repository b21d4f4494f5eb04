"""The progress callback handed to a job's work: Cancel, and throttled reports.

One helper for both kinds of job: a thread job's reports cross to the GUI thread as queued
signals, a process job's cross a pipe to the GUI process, and either way a report every
few microseconds (the engine reports per comment) would flood the event loop. Qt-free: the
worker process uses it too.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from typing import Protocol

from surveys.progress import Cancelled

#: Minimum seconds between two reports of one job with the same message.
THROTTLE_SECONDS = 0.05


class CancelFlag(Protocol):
    """A ``threading.Event`` or a ``multiprocessing`` event: set once Cancel was pressed."""

    def is_set(self) -> bool: ...


class ThrottledProgress:
    """The ``progress(fraction, message)`` callback of one job's work.

    Raises :class:`~surveys.progress.Cancelled` once ``cancel`` is set, so the work stops
    at its next report. Passes a report on to ``send(fraction, message)`` when its message
    differs from the last one passed on, or when ``interval`` seconds have passed since;
    otherwise it holds the report back, and :meth:`flush` passes on the latest held-back
    one. Flushed when the work ends, the job's last report always arrives.

    May be called from several threads at once (the engine reports from threads of its
    own); ``send`` is called under a lock, so reports keep their order.
    """

    def __init__(
        self,
        send: Callable[[float, str], None],
        cancel: CancelFlag,
        interval: float = THROTTLE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._send = send
        self._cancel = cancel
        self._interval = interval
        self._clock = clock
        self._lock = threading.Lock()
        self._last_time = -math.inf
        self._last_message: str | None = None
        self._held: tuple[float, str] | None = None

    def __call__(self, fraction: float, message: str) -> None:
        self.check_cancelled()
        report = (float(fraction), str(message))
        with self._lock:
            now = self._clock()
            if report[1] == self._last_message and now - self._last_time < self._interval:
                self._held = report
                return
            self._last_time, self._last_message, self._held = now, report[1], None
            self._send(*report)

    def check_cancelled(self) -> None:
        """Raise :class:`~surveys.progress.Cancelled` if Cancel was pressed."""
        if self._cancel.is_set():
            raise Cancelled()

    def flush(self) -> None:
        """Pass on the latest held-back report, if any (the work has ended)."""
        with self._lock:
            held, self._held = self._held, None
            if held is not None:
                self._last_time = self._clock()
                self._send(*held)
