"""Work functions for the process-job tests: module-level (a process imports them by name).

No Qt here: they run in the worker process.
"""

from __future__ import annotations

import os
import signal
import time

from surveys.errors import RapportError


def count(n: int, progress) -> int:
    for i in range(n):
        progress(i / n, f"step {i}")
    return n * 10


def whoami(progress) -> int:
    return os.getpid()


def endless(progress) -> None:
    while True:
        progress(0.5, "waiting")
        time.sleep(0.005)


def stuck(progress) -> None:
    """Reports once, then never again (a long call that cannot be interrupted)."""
    progress(0.1, "stuck")
    time.sleep(600)


def bad_file(progress) -> None:
    raise RapportError("survey.yaml:3: title: the title is missing; add one.")


def bug(progress) -> None:
    raise ZeroDivisionError("division by zero")


def crash(progress) -> None:
    progress(0.2, "about to crash")
    os.kill(os.getpid(), signal.SIGKILL)


def unpicklable_result(progress):
    return lambda: None


def many_reports(n: int, progress) -> float:
    """``n`` reports of one step as fast as they come; returns the seconds they took."""
    start = time.monotonic()
    for i in range(n):
        progress((i + 1) / n, "scoring")
    return time.monotonic() - start
