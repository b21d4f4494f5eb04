"""Closing a wave early in team mode: stop its answers now, release its figures a little later.

Respondents' apps keep each sealed answer in their outbox for a random 2 to 20 minutes
before delivering it (:mod:`surveys.outbox_hold`), so that the shared inbox's times do not
tell a colleague when someone pressed Send. A wave closed after its last day loses nothing
to that: every answer of the last day was due 5 minutes before midnight. A wave closed by
hand *before* its last day is over would miss the answers of its last 20 minutes: they
would reach the inbox after the close and count as late, since released figures never
change (docs/privacy.md, "Open waves and late answers"). Such a close has two steps:

1. **Stop** (:func:`stop_answers`): the wave's published file gets ``stopped`` (the moment,
   UTC) and, for Rapport versions that do not know that field, a ``closes`` of the day
   before; respondents' apps stop offering the wave, and read the file again just before
   they seal an answer, so none is sealed for it afterwards. The workspace remembers the
   moment (``waves.answers_stopped``). The wave stays open: only its participation is
   shown, ingest takes its answers, HR's app still signs the tickets of answers given
   before the stop. Answers held on respondents' computers arrive as they fall due, with
   their usual random wait.
2. **Close** (:func:`surveys.publish.close_wave`), after a final ingest, once every answer
   given before the stop must have arrived: :data:`~surveys.outbox_hold.HOLD_MAX_S` after
   the stop and :data:`STOP_MARGIN_S` more (:func:`close_time`). ``rapport close`` run
   again then, ``rapport schedule run`` and the HR window (by itself, while it is open or
   when it next opens) do it: :func:`ready_to_close`.

Publishing the wave again before the close takes answers again (``answers_stopped`` is
cleared). ``rapport close --anyway`` (and "Close now" in the HR window) closes at once.

Public API: :data:`STOP_MARGIN_S`, :class:`StoppedWave`, :class:`ShareUnreachable`,
:func:`needs_stop`, :func:`stop_answers`, :func:`stop_moment`, :func:`close_time`,
:func:`stopped_wave`, :func:`stopped_waves`, :func:`ready_to_close`, :func:`clock_text`,
:func:`current_time`.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlite_utils import Database

from surveys.model import Wave
from surveys.outbox_hold import HOLD_MAX_S
from surveys.published import (
    PublishedSurvey,
    PublishError,
    parse_moment,
    published_path,
    read_published,
)
from surveys.transport import PUBLISHED

if TYPE_CHECKING:
    from surveys.pulses import WaveInfo

#: Time allowed after the longest hold for a due answer to be delivered: the tray's timer
#: wakes a little after the due time, and the copy to a network folder takes a moment.
STOP_MARGIN_S = 3 * 60


class ShareUnreachable(PublishError):
    """The shared folder cannot be read, so respondents' apps cannot be told to stop."""


@dataclass(frozen=True)
class StoppedWave:
    """A wave whose answers HR stopped, waiting for its close.

    ``stopped`` is the moment (ISO 8601, UTC); ``close_at`` the POSIX time from which it
    may close (:func:`close_time`).
    """

    name: str
    stopped: str
    close_at: float


def close_time(stopped: str) -> float:
    """When a wave whose answers stopped at ``stopped`` may close.

    Parameters
    ----------
    stopped : str
        The moment of the stop, ISO 8601 with its offset.

    Returns
    -------
    float
        :data:`~surveys.outbox_hold.HOLD_MAX_S` plus :data:`STOP_MARGIN_S` after the stop,
        rounded up to the whole minute (so "after 14:25" is exact), as a POSIX time.
    """
    return math.ceil((parse_moment(stopped) + HOLD_MAX_S + STOP_MARGIN_S) / 60) * 60


def stopped_wave(name: str, stopped: str) -> StoppedWave:
    """The :class:`StoppedWave` of ``name``, stopped at ``stopped``, with its close time.

    A ``stopped`` that is not a time (the workspace edited by hand) may close at once
    (``close_at`` 0), rather than never.
    """
    try:
        return StoppedWave(name, stopped, close_time(stopped))
    except ValueError:
        return StoppedWave(name, stopped, 0.0)


def current_time() -> float:
    """The time now (POSIX); the one clock of this module, so tests can set it."""
    return time.time()


def _now(now: float | None) -> float:
    return current_time() if now is None else now


def needs_stop(wave: Wave | WaveInfo, share: str | Path | None, now: float | None = None) -> bool:
    """Whether closing ``wave`` now must stop its answers first, and close later.

    True for an open wave, published in ``share``, that has begun and whose last day is not
    over (local time): respondents' apps may hold answers given in the last minutes.
    False without a shared folder, for a draft, a wave not published there (the kiosk, or
    answering on HR's computer: nothing is held), a wave past its last day (the hold's
    5-minute cap before midnight covers it) and a wave already stopped.

    Raises
    ------
    ShareUnreachable
        If ``share`` is set but cannot be read: the apps could not be told to stop.
    """
    if share is None or wave.status != "open" or wave.stopped is not None:
        return False
    today = date.fromtimestamp(_now(now)).isoformat()
    if (wave.closes and wave.closes < today) or (wave.opens and wave.opens > today):
        return False
    try:
        if not (Path(share) / PUBLISHED).is_dir():
            raise OSError("no published folder")
        return published_path(share, wave.name).is_file()
    except OSError:
        raise ShareUnreachable(
            f"The shared folder {share} cannot be reached (is the network drive mounted?), "
            f"so respondents' apps cannot be told to stop answering wave {wave.name}. "
            "Nothing was changed."
        ) from None


def stop_moment(now: float | None = None) -> str:
    """The moment ``now`` (default: now) as a stop is recorded: ISO 8601, UTC, to the
    second (``2026-10-08T12:02:00Z``)."""
    stamp = datetime.fromtimestamp(int(_now(now)), UTC)
    return stamp.isoformat().replace("+00:00", "Z")


def stop_answers(
    db: Database, share: str | Path, wave_name: str, now: float | None = None
) -> StoppedWave:
    """Stop the answers of ``wave_name``: step 1 of an early close.

    The published file is rewritten (atomically) with ``stopped`` and a ``closes`` of the
    day before, and ``waves.answers_stopped`` is set, in one transaction: if the file
    cannot be written nothing changes. Stopping a stopped wave again changes nothing.

    Parameters
    ----------
    db : Database
        The open workspace.
    share : path
        The shared folder the wave is published in.
    wave_name : str
        An open wave.
    now : float, optional
        The moment of the stop (POSIX time); default now.

    Returns
    -------
    StoppedWave

    Raises
    ------
    PublishError
        If the wave is not open, or its published file cannot be read or written.
    """
    from surveys.publish import _write_published
    from surveys.published_check import hr_copy, remember_published
    from surveys.waves import get_wave

    wave = get_wave(db, wave_name)
    if wave is None or wave.status != "open":
        raise PublishError(f"Wave {wave_name} is not open, so there are no answers to stop.")
    if wave.stopped is not None:
        return stopped_wave(wave.name, wave.stopped)
    moment = _now(now)
    stopped = stop_moment(moment)
    path = published_path(share, wave.name)
    mine = hr_copy(db, share, wave.name)  # never what someone else left on the share
    published = read_published(path) if mine is None else _from_bytes(mine, path)
    day_before = (date.fromtimestamp(moment) - timedelta(days=1)).isoformat()
    closes = min(published.closes or day_before, day_before)
    with db.atomic():
        db.execute("UPDATE waves SET answers_stopped = ? WHERE name = ?", [stopped, wave.name])
        data = _write_published(db, share, path, replace(published, stopped=stopped, closes=closes))
        remember_published(db, share, wave.name, data)
    return stopped_wave(wave.name, stopped)


def _from_bytes(data: bytes, path: Path) -> PublishedSurvey:
    """HR's own copy of a published file, read as a respondent's app reads one."""
    import json

    return PublishedSurvey.from_dict(json.loads(data), path)


def stopped_waves(db: Database) -> list[StoppedWave]:
    """The open waves whose answers HR stopped, soonest close first."""
    rows = db.execute(
        "SELECT name, answers_stopped FROM waves "
        "WHERE status = 'open' AND answers_stopped IS NOT NULL"
    ).fetchall()
    found = [stopped_wave(name, stopped) for name, stopped in rows]
    return sorted(found, key=lambda w: (w.close_at, w.name))


def ready_to_close(db: Database, now: float | None = None) -> list[str]:
    """The stopped waves whose close time has come (:func:`close_time`), soonest first."""
    moment = _now(now)
    return [w.name for w in stopped_waves(db) if w.close_at <= moment]


def clock_text(moment: float, now: float | None = None) -> str:
    """A time as people read it on this computer: ``14:25``, with the day when it is not
    today (``14:25 on 2026-10-09``)."""
    local = datetime.fromtimestamp(moment)
    if local.date() == date.fromtimestamp(_now(now)):
        return local.strftime("%H:%M")
    return f"{local:%H:%M} on {local.date().isoformat()}"
