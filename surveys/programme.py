"""The pulse programme: waves that publish themselves on a cadence, with a rotation.

HR sets a programme once (table ``pulse_programme``, migration ``m011``): a cadence (every
1, 2 or 4 weeks, monthly or quarterly), the first day, how many days each wave stays open,
the survey, the departments asked about and whether respondents see the previous results.
The days of the cadence are *slots*: ``starts``, then one cadence step after another
(monthly and quarterly keep the day of the month, or the month's last day when it is
shorter). Each slot becomes at most one wave, whose ``programme_slot`` is the slot's day.

The rotation advances by itself: each programme wave asks the next group of the survey's
rotating items (:meth:`surveys.model.SurveyTemplate.questions_for_wave`), so the full set
of items is covered across the cycle whatever the cadence, also when a slot was missed.

A wave is *due* when its slot's day has come and its window has not passed yet; a slot
whose window passed while nothing ran (the computer was off, the programme paused) is
skipped, not published late. This module only reads and records; publishing and closing
are done by :func:`analysis.export.schedule.run_schedule` (`rapport schedule run`, and the
HR window while it is open).

Public API: :data:`CADENCES`, :class:`Programme`, :class:`ProgrammeError`,
:class:`DueWave`, :func:`load_programme`, :func:`save_programme`,
:func:`set_paused`, :func:`slot_days`, :func:`due_wave`, :func:`claim_due_wave`,
:func:`waves_to_close`, :func:`find_survey`, :func:`last_published_slot`. The calendar is
in :mod:`surveys.programme_calendar`. Functions take an open workspace owned by the
calling thread.
"""

from __future__ import annotations

import calendar
import json
import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from surveys.errors import RapportError
from surveys.model import SurveyTemplate

if TYPE_CHECKING:
    from sqlite_utils import Database

#: Cadence key -> (words, days between waves, or months when negative).
CADENCES: dict[str, tuple[str, int]] = {
    "weekly": ("every week", 7),
    "2-weekly": ("every 2 weeks", 14),
    "4-weekly": ("every 4 weeks", 28),
    "monthly": ("every month", -1),
    "quarterly": ("every quarter", -3),
}
#: The longest window a wave of each cadence may stay open (it must close before the next).
MAX_DAYS_OPEN = {"weekly": 7, "2-weekly": 14, "4-weekly": 28, "monthly": 28, "quarterly": 90}


class ProgrammeError(RapportError):
    """The programme cannot be saved or used; the message names the field and the fix."""


@dataclass(frozen=True)
class Programme:
    """A pulse programme as HR set it."""

    cadence: str
    days_open: int
    template: str  # a survey key: built in, or stored in the workspace
    starts: str  # the first slot, YYYY-MM-DD
    targets: tuple[str, ...] | None = None
    share_results: bool = False
    paused: str | None = None  # the day it was paused; None while it runs

    @property
    def cadence_text(self) -> str:
        """The cadence in words ("every 2 weeks")."""
        return CADENCES[self.cadence][0]


@dataclass(frozen=True)
class DueWave:
    """The wave a run should publish now: its slot, name, window and rotation group."""

    slot: str
    name: str
    opens: str
    closes: str
    rotation: int
    template: str
    targets: tuple[str, ...] | None
    share_results: bool


def check_programme(programme: Programme) -> Programme:
    """Return ``programme`` if it can be saved, else raise :class:`ProgrammeError`."""
    if programme.cadence not in CADENCES:
        raise ProgrammeError(f"Cadence: {programme.cadence!r} is not one of {', '.join(CADENCES)}.")
    longest = MAX_DAYS_OPEN[programme.cadence]
    if not 1 <= programme.days_open <= longest:
        raise ProgrammeError(
            f"Days open: {programme.days_open} does not fit a pulse {programme.cadence_text}; "
            f"use 1 to {longest} days, so each wave closes before the next one opens."
        )
    try:
        date.fromisoformat(programme.starts)
    except ValueError:
        raise ProgrammeError(
            f"First wave: {programme.starts!r} is not a date; write it as YYYY-MM-DD."
        ) from None
    if not programme.template.strip():
        raise ProgrammeError("Survey: choose the survey template the waves ask.")
    if programme.targets is not None and len(programme.targets) < 2:
        raise ProgrammeError("Ask about: choose at least two departments, or all of them.")
    return programme


def load_programme(db: Database) -> Programme | None:
    """The workspace's programme, or ``None`` when none was set.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.

    Returns
    -------
    Programme or None
    """
    row = db.execute(
        "SELECT cadence, days_open, survey_key, starts, targets, share_results, paused "
        "FROM pulse_programme WHERE id = 1"
    ).fetchone()
    if row is None:
        return None
    cadence, days, key, starts, targets, share, paused = row
    chosen = tuple(json.loads(targets)) if targets else None
    return Programme(cadence, int(days), key, starts, chosen, bool(share), paused)


def save_programme(db: Database, programme: Programme) -> None:
    """Set the workspace's programme (replacing the one it had) and store its survey.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.
    programme : Programme
        Checked with :func:`check_programme`; ``paused`` is kept as given. Its survey (a
        built-in template or one stored in the workspace) is stored in the workspace, so
        the programme keeps asking the same questions after an upgrade of Rapport.

    Raises
    ------
    ProgrammeError
        Naming the field to fix.
    """
    from surveys.waves import save_survey

    check_programme(programme)
    survey = find_survey(db, programme.template)
    if survey is None:
        raise ProgrammeError(
            f"Survey: there is no template {programme.template!r}; choose a built-in one or "
            "load yours (Pulses → New wave → Load template…)."
        )
    targets = json.dumps(list(programme.targets)) if programme.targets else None
    with db.atomic():
        save_survey(db, survey)
        db.execute(
            "INSERT INTO pulse_programme(id, cadence, days_open, survey_key, starts, targets, "
            "share_results, paused, created) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET cadence = excluded.cadence, "
            "days_open = excluded.days_open, survey_key = excluded.survey_key, "
            "starts = excluded.starts, targets = excluded.targets, "
            "share_results = excluded.share_results, paused = excluded.paused",
            [
                programme.cadence,
                programme.days_open,
                programme.template,
                programme.starts,
                targets,
                int(programme.share_results),
                programme.paused,
                date.today().isoformat(),
            ],
        )


def set_paused(db: Database, paused: bool, today: date | None = None) -> Programme:
    """Pause (no new waves) or resume the programme; returns it as it is now.

    Raises
    ------
    ProgrammeError
        If the workspace has no programme.
    """
    if load_programme(db) is None:
        raise ProgrammeError(
            "This workspace has no pulse programme; set one first (Pulses → Programme, or "
            "`rapport schedule set`)."
        )
    day = (today or date.today()).isoformat() if paused else None
    with db.atomic():
        db.execute("UPDATE pulse_programme SET paused = ? WHERE id = 1", [day])
    programme = load_programme(db)
    assert programme is not None
    return programme


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def slot_day(programme: Programme, number: int) -> date:
    """The day of slot ``number`` (0 is ``starts``)."""
    first = date.fromisoformat(programme.starts)
    step = CADENCES[programme.cadence][1]
    if step > 0:
        return first + timedelta(days=step * number)
    return _add_months(first, -step * number)


def slot_number(programme: Programme, day: date) -> int:
    """The number of the latest slot on or before ``day`` (-1 before the first slot)."""
    first = date.fromisoformat(programme.starts)
    if day < first:
        return -1
    step = CADENCES[programme.cadence][1]
    if step > 0:
        return (day - first).days // step
    number = ((day.year - first.year) * 12 + day.month - first.month) // -step
    return number if slot_day(programme, number) <= day else number - 1


def slot_days(programme: Programme, after: date, count: int) -> list[date]:
    """The first ``count`` slot days on or after ``after``."""
    number = slot_number(programme, after - timedelta(days=1)) + 1
    return [slot_day(programme, number + i) for i in range(count)]


def closes_on(programme: Programme, opens: date) -> date:
    """The last day of a wave opening on ``opens``."""
    return opens + timedelta(days=programme.days_open - 1)


def wave_name_for(programme: Programme, slot: date) -> str:
    """The name of a slot's wave: ``2026-11`` monthly, ``2026-Q4`` quarterly, else the day."""
    if programme.cadence == "monthly":
        return f"{slot:%Y-%m}"
    if programme.cadence == "quarterly":
        return f"{slot.year}-Q{(slot.month - 1) // 3 + 1}"
    return slot.isoformat()


def _free_name(db: Database, base: str) -> str:
    taken = {row[0] for row in db.execute("SELECT name FROM waves")}
    name, number = base, 2
    while name in taken:
        name, number = f"{base}-{number}", number + 1
    return name


def last_published_slot(db: Database) -> date | None:
    """The slot of the latest programme wave that was published (open or closed)."""
    row = db.execute(
        "SELECT max(programme_slot) FROM waves WHERE programme_slot IS NOT NULL "
        "AND status IN ('open', 'closed')"
    ).fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None


def next_rotation(db: Database, survey: SurveyTemplate | None) -> int:
    """The rotation group of the next programme wave: one after the last one published."""
    groups = len(survey.rotation) if survey is not None else 0
    if groups == 0:
        return 0
    row = db.execute(
        "SELECT rotation FROM waves WHERE programme_slot IS NOT NULL "
        "AND status IN ('open', 'closed') ORDER BY programme_slot DESC LIMIT 1"
    ).fetchone()
    return 0 if row is None else (int(row[0] or 0) + 1) % groups


def find_survey(db: Database, key: str) -> SurveyTemplate | None:
    """The survey ``key``: stored in the workspace, else built in; ``None`` if neither."""
    from surveys.templates import builtin_templates
    from surveys.waves import stored_survey

    return stored_survey(db, key) or builtin_templates().get(key)


def due_wave(db: Database, today: date | None = None) -> DueWave | None:
    """The wave the programme should publish on ``today``, or ``None``.

    ``None`` when there is no programme, it is paused, no slot has come since the last
    programme wave, or the latest slot's window has already passed (it is skipped).

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.
    today : datetime.date, optional
        Default: today.

    Returns
    -------
    DueWave or None
    """
    programme = load_programme(db)
    day = today or date.today()
    if programme is None or programme.paused:
        return None
    last = last_published_slot(db)
    start = date.fromisoformat(programme.starts)
    earliest = start if last is None else last + timedelta(days=1)
    if day < earliest:
        return None
    number = slot_number(programme, day)  # the latest slot on or before today
    slot = slot_day(programme, number) if number >= 0 else None
    if slot is None or slot < earliest:
        return None
    if closes_on(programme, slot) < day:
        return None  # its window passed while nothing ran: skipped
    row = db.execute(
        "SELECT name FROM waves WHERE programme_slot = ? AND status = 'draft'", [slot.isoformat()]
    ).fetchone()
    name = row[0] if row else _free_name(db, wave_name_for(programme, slot))
    survey = find_survey(db, programme.template)
    return DueWave(
        slot.isoformat(),
        name,
        slot.isoformat(),
        closes_on(programme, slot).isoformat(),
        next_rotation(db, survey),
        programme.template,
        programme.targets,
        programme.share_results,
    )


def claim_due_wave(db: Database, due: DueWave) -> None:
    """Record ``due`` as a draft wave of its slot before it is published.

    A draft of the same slot (an earlier run that stopped before publishing) is reused. If
    another run claimed the slot at the same moment, the unique index refuses the second
    claim and :class:`ProgrammeError` says so; nothing was written.
    """
    from surveys.waves import save_survey

    survey = find_survey(db, due.template)
    if survey is None:
        raise ProgrammeError(
            f"Survey: the programme's template {due.template!r} is neither built in nor "
            "stored in this workspace; choose another in the programme's settings."
        )
    targets = json.dumps(list(due.targets)) if due.targets else None
    try:
        with db.atomic():
            db.execute(
                "INSERT INTO waves(name, survey_id, opens, closes, status, rotation, targets, "
                "programme_slot) VALUES (?, ?, ?, ?, 'draft', ?, ?, ?) "
                "ON CONFLICT(name) DO NOTHING",
                [due.name, save_survey(db, survey), due.opens, due.closes, due.rotation,
                 targets, due.slot],
            )  # fmt: skip
    except sqlite3.IntegrityError:
        raise ProgrammeError(
            f"Another run is publishing the wave of {due.slot} right now; nothing was done."
        ) from None


def waves_to_close(db: Database, today: date | None = None, now: float | None = None) -> list[str]:
    """The open waves to close now (programme waves or not), oldest first: those whose last
    day is before ``today``, and those whose answers HR stopped to close them early, once
    every answer given before the stop can have arrived (at ``now``, a POSIX time:
    :func:`surveys.wave_stop.ready_to_close`). A stopped wave waits for that time even
    when its last day has passed meanwhile."""
    from surveys.wave_stop import ready_to_close

    day = (today or date.today()).isoformat()
    rows = db.execute(
        "SELECT name FROM waves WHERE status = 'open' AND answers_stopped IS NULL "
        "AND closes IS NOT NULL AND closes < ? ORDER BY closes, id",
        [day],
    ).fetchall()
    return [row[0] for row in rows] + ready_to_close(db, now)
