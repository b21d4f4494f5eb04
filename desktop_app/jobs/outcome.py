"""How a job ended: one vocabulary for the worker thread, the worker process and the window.

Qt-free: the worker process imports it. A job ends exactly once, with an :class:`Outcome`
and a payload: the work's result, a :class:`~desktop_app.jobs.errors.UserFacingError`, or
``None`` when it was cancelled.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

from desktop_app.jobs.errors import UserFacingError
from desktop_app.jobs.throttle import ThrottledProgress
from surveys.progress import Cancelled, Progress


class Outcome(enum.Enum):
    """How a job ended; the payload that goes with each is named below."""

    #: The work returned; the payload is its result.
    SUCCEEDED = "succeeded"
    #: The work raised, or its worker process died; the payload is a UserFacingError.
    FAILED = "failed"
    #: Cancel was pressed (or the window closed) before the work ended; no payload.
    CANCELLED = "cancelled"


def run_work(
    label: str, work: Callable[[Progress], Any], progress: ThrottledProgress
) -> tuple[Outcome, Any]:
    """Run ``work(progress)`` and say how it ended (on a worker thread or in the process).

    Parameters
    ----------
    label : str
        The job's name, for the error message.
    work : callable
        The work; ``progress`` raises ``Cancelled`` once Cancel was pressed.
    progress : ThrottledProgress
        The job's progress callback; its last held-back report is flushed on success.

    Returns
    -------
    tuple
        ``(Outcome.SUCCEEDED, result)``, ``(Outcome.CANCELLED, None)`` or
        ``(Outcome.FAILED, UserFacingError)``. Nothing is raised: every failure is reported.
    """
    try:
        progress.check_cancelled()  # cancelled before it started: never run it
        result = work(progress)
    except Cancelled:
        return Outcome.CANCELLED, None
    except BaseException as exc:  # noqa: BLE001 - every failure is reported, none lost
        return Outcome.FAILED, UserFacingError.from_exception(label, exc)
    progress.flush()
    return Outcome.SUCCEEDED, result
