"""Progress reporting and cancellation for long work, without Qt.

A :data:`Progress` callback receives a fraction in ``[0, 1]`` and a message. The GUI's
callback raises :class:`Cancelled` once the user pressed Cancel, so long work stops at
its next progress report. :func:`sub_progress` maps a sub-step onto part of the bar
(the same idea as Orange's ``wrap_callback``).
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[float, str], None]


class Cancelled(Exception):  # noqa: N818 - the name reads as what happened
    """Raised from a progress callback to stop long work; nothing half-done is kept."""


def no_progress(fraction: float, message: str) -> None:
    """A progress callback that ignores every report."""


def sub_progress(progress: Progress | None, start: float, end: float) -> Progress:
    """Return a callback that maps ``0..1`` of a sub-step onto ``start..end`` of ``progress``.

    Parameters
    ----------
    progress : Progress or None
        The callback of the whole job (``None`` means no reporting).
    start, end : float
        The part of the whole bar this sub-step fills.
    """
    if progress is None:
        return no_progress
    span = end - start

    def report(fraction: float, message: str) -> None:
        progress(start + span * min(max(fraction, 0.0), 1.0), message)

    return report
