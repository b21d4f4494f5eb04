"""Holding sealed answers in the outbox for a random few minutes before they are delivered.

Anyone who may open the shared folder can read ``inbox/``'s own change time (``stat
inbox/``), even where they may not list it, so a colleague who polls it while watching
someone press Send would learn *that* this person answered (never what). The respondent's
tray app therefore keeps each sealed answer in its local outbox until a random due time,
:data:`HOLD_MIN_S` to :data:`HOLD_MAX_S` seconds after Send (drawn from the operating
system's randomness: :func:`random_delay`), and only then copies it to the inbox. The
arrival time then says nothing about the moment of answering beyond "within the last
twenty minutes", among everyone else's answers of those minutes.

Rules (:class:`Hold`, :func:`deliverable`):

- each answer draws its own due time; its due time is kept on disk
  (``user_data_dir()/outbox-due.json``, mode 0600) before the sealed file is written, so it
  holds across a restart, and an app started after the due time delivers at once;
- an answer is never held past its wave's last day: when the published survey has a
  closing day, the due time is at most :data:`CLOSE_MARGIN_S` before that day ends
  (local time), and an answer given later than that is due at once;
- nor past the time a stopped wave waits for: when HR has stopped a wave's answers to
  close it early (:mod:`surveys.wave_stop`), HR's app takes in what arrives until
  :data:`HOLD_MAX_S` after the stop (and a margin). An answer sealed before the stop is due
  by then anyway; one sealed later (it waited for its participation ticket) is due at most
  :data:`HOLD_MAX_S` after the stop, or at once after that (:func:`stop_deadline`);
- the outbox keeps its order: when an answer is due, every older answer in the outbox goes
  with it, oldest first, so no answer reaches the inbox before one written earlier;
- an outbox file without a due time (written by an older Rapport, or recovered after a
  crash) is due at once.

Uses only the standard library (the respondent's window starts without heavy imports).
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from surveys.paths import user_data_dir
from surveys.transport import atomic_write

#: The shortest and longest hold, in seconds: long enough that several colleagues' answers
#: usually arrive in one window, short enough that "Received by HR" follows the same hour.
HOLD_MIN_S = 2 * 60
HOLD_MAX_S = 20 * 60
#: A held answer of a wave that closes is delivered at least this long before its last day
#: ends, so a scheduled close just after midnight never finds it still on its way.
CLOSE_MARGIN_S = 5 * 60
DUE_FILE = "outbox-due.json"


def random_delay() -> float:
    """A fresh hold in whole seconds, uniform from :data:`HOLD_MIN_S` to :data:`HOLD_MAX_S`.

    Drawn with :mod:`secrets` (the operating system's randomness), so nobody can predict it
    from earlier ones.
    """
    import secrets  # lazy: loads OpenSSL, not needed at start-up

    return float(HOLD_MIN_S + secrets.randbelow(HOLD_MAX_S - HOLD_MIN_S + 1))


def closing_deadline(closes: str | None) -> float | None:
    """The latest due time for a wave whose last day is ``closes`` (``YYYY-MM-DD``).

    Returns
    -------
    float or None
        :data:`CLOSE_MARGIN_S` before local midnight at the end of that day, as a POSIX
        time; ``None`` when the wave has no (readable) closing day.
    """
    if not closes:
        return None
    try:
        last_day = date.fromisoformat(closes)
    except (TypeError, ValueError):
        return None
    midnight_after = datetime.combine(last_day + timedelta(days=1), datetime.min.time())
    return midnight_after.timestamp() - CLOSE_MARGIN_S


def stop_deadline(stopped_at: float | None) -> float | None:
    """The latest due time for a wave whose answers HR stopped at ``stopped_at``.

    Returns
    -------
    float or None
        :data:`HOLD_MAX_S` after the stop, as a POSIX time: HR's app waits that long
        (and a margin) before it closes the wave; ``None`` when the wave was not stopped.
    """
    return None if stopped_at is None else stopped_at + HOLD_MAX_S


@dataclass(frozen=True)
class Hold:
    """How long sealed answers wait in the outbox: a clock and a source of delays.

    Both are injectable, so tests set the time instead of waiting for it.
    """

    clock: Callable[[], float] = field(default=time.time)
    delay: Callable[[], float] = field(default=random_delay)

    def due(self, closes: str | None, stopped_at: float | None = None) -> float:
        """The due time of an answer sealed now, for a wave whose last day is ``closes``
        (and whose answers HR stopped at ``stopped_at``, if it did: then that decides)."""
        now = self.clock()
        due = now + self.delay()
        # A stopped wave's own deadline decides: its published closes is the day before.
        stopped = stopped_at is not None
        deadline = stop_deadline(stopped_at) if stopped else closing_deadline(closes)
        if deadline is not None:
            due = max(now, min(due, deadline))
        return due


def _due_path() -> Path:
    return user_data_dir() / DUE_FILE


def due_times() -> dict[str, float]:
    """The due time of each held outbox file, by file name (unreadable: none)."""
    try:
        data = json.loads(_due_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        str(name): float(due)
        for name, due in data.items()
        if isinstance(due, int | float) and not isinstance(due, bool)
    }


def _write(times: dict[str, float]) -> None:
    data = json.dumps(dict(sorted(times.items())), indent=0).encode("utf-8")
    atomic_write(_due_path(), data, mode=0o600)


def set_due(name: str, due: float, keep: Iterable[str] = ()) -> None:
    """Remember the due time of outbox file ``name``; entries not in ``keep`` (the files
    still in the outbox) are dropped, so the file never grows.

    Raises
    ------
    OSError
        If the user's Rapport folder cannot be written (then nothing is sealed either).
    """
    alive = set(keep)
    times = {n: d for n, d in due_times().items() if n in alive}
    times[name] = due
    _write(times)


def forget_due(names: Iterable[str]) -> None:
    """Drop the due times of files that have left the outbox (best effort)."""
    gone = set(names)
    times = due_times()
    if gone & times.keys():
        with contextlib.suppress(OSError):
            _write({n: d for n, d in times.items() if n not in gone})


def deliverable(queued: list[Path], now: float | None) -> list[Path]:
    """The outbox files that may go now, oldest first.

    Parameters
    ----------
    queued : list of Path
        The outbox files, oldest first.
    now : float or None
        The current time; ``None`` delivers everything (no hold: "Deliver now", a kiosk).

    Returns
    -------
    list of Path
        The oldest files up to and including the newest one that is due, so that a due
        answer takes every older one with it and the order is kept.
    """
    if now is None:
        return list(queued)
    times = due_times()
    last = -1
    for index, path in enumerate(queued):
        if times.get(path.name, 0.0) <= now:
            last = index
    return queued[: last + 1]


def next_due(names: Iterable[str]) -> float | None:
    """The earliest due time among the outbox files ``names`` (``0.0`` for one without a
    due time); ``None`` when there are none."""
    times = due_times()
    dues = [times.get(name, 0.0) for name in names]
    return min(dues) if dues else None
