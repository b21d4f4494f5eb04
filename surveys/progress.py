"""Progress reporting and cancellation for long work, without Qt (standard library only).

A :data:`Progress` callback receives a fraction in ``[0, 1]`` and a message. The GUI's
callback raises :class:`Cancelled` once the user pressed Cancel, so long work stops at
its next progress report. :func:`sub_progress` maps a sub-step onto part of the bar
(the same idea as Orange's ``wrap_callback``).

It lives in the bottom layer so that the survey store (import, ingest, the demo), the
analysis engine and the GUI all speak the same callback type.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

Progress = Callable[[float, str], None]

K = TypeVar("K", bound=Hashable)
R = TypeVar("R")


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


def map_distinct(
    func: Callable[[K], R], items: Sequence[K], progress: Progress | None, message: str
) -> list[R]:
    """``[func(item) for item in items]``, computing each distinct item once, with progress.

    Comments repeat (short answers, pasted text), so analysers that are pure functions of
    the text run once per distinct text. Progress is reported about a hundred times.

    Parameters
    ----------
    func : callable
        A pure function of one item.
    items : sequence
        Hashable items, e.g. comment texts (``None`` allowed).
    progress : Progress or None
        Called with the fraction done and ``message``; may raise :class:`Cancelled`.
    message : str
        What is being done, for the progress bar.

    Returns
    -------
    list
        One result per item, in order; equal items share one result object.
    """
    progress = progress or no_progress
    seen: dict[K, R] = {}
    out: list[R] = []
    step = max(1, len(items) // 100)
    for i, item in enumerate(items):
        if i % step == 0:
            progress(i / max(1, len(items)), message)
        if item in seen:
            result = seen[item]
        else:
            result = seen[item] = func(item)
        out.append(result)
    progress(1.0, message)
    return out
