"""The calendar of the pulse programme: past, open and coming waves with their dates.

What the Pulses section and `rapport schedule show` list: every wave of the workspace by
its first day (programme waves and those published by hand), then the programme's next
slots with the rotation group each will ask. Read-only.

Public API: :class:`CalendarEntry`, :func:`programme_calendar`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from surveys.programme import (
    closes_on,
    due_wave,
    find_survey,
    last_published_slot,
    load_programme,
    next_rotation,
    slot_days,
    wave_name_for,
)

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class CalendarEntry:
    """One line of the calendar: a past, open or coming wave.

    ``state`` is a wave's status (``closed``, ``open``, ``draft``; ``stopped`` for an open
    wave whose answers HR stopped to close it early, :mod:`surveys.wave_stop`) or, for a
    coming slot of the programme, ``next``, ``planned`` or ``paused``. ``rotation`` is the
    0-based group of rotating items the wave asks (``items``), of ``groups`` (0 when its
    survey does not rotate).
    """

    wave: str
    opens: str | None
    closes: str | None
    state: str
    rotation: int | None = None
    groups: int = 0
    programme: bool = True
    items: tuple[str, ...] = ()
    #: Closed before its planned day: ``closes`` is then the day it closed.
    closed_early: bool = False


def _groups(db: Database, key: str | None) -> tuple[tuple[str, ...], ...]:
    survey = find_survey(db, key) if key else None
    return survey.rotation if survey is not None else ()


def _past(db: Database) -> list[CalendarEntry]:
    rows = db.execute(
        "SELECT w.name, w.opens, w.closes, CASE WHEN w.status = 'open' AND "
        "w.answers_stopped IS NOT NULL THEN 'stopped' ELSE w.status END, w.rotation, "
        "w.programme_slot, s.key, w.released FROM waves w "
        "LEFT JOIN surveys s ON s.id = w.survey_id ORDER BY COALESCE(w.opens, w.name), w.id"
    ).fetchall()
    known: dict[str | None, tuple[tuple[str, ...], ...]] = {}
    entries = []
    for name, opens, closes, status, rotation, slot, key, released in rows:
        if key not in known:
            known[key] = _groups(db, key)
        groups = known[key]
        group = (rotation or 0) % len(groups) if groups else None
        items = groups[group] if group is not None else ()
        # as the waves table says it: the day a wave closed early, not its planned day
        early = bool(status == "closed" and released and closes and released < closes)
        closes = released if early else closes
        entries.append(
            CalendarEntry(
                name, opens, closes, status, group, len(groups), slot is not None, items, early
            )
        )
    return entries


def programme_calendar(
    db: Database, today: date | None = None, ahead: int = 3
) -> list[CalendarEntry]:
    """Every wave by its first day, then the programme's next ``ahead`` slots.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.
    today : datetime.date, optional
        Default: today.
    ahead : int
        How many coming slots to list: ``next`` for the first, then ``planned`` (all
        ``paused`` while the programme is paused).

    Returns
    -------
    list of CalendarEntry
        Oldest first.
    """
    day = today or date.today()
    entries = _past(db)
    programme = load_programme(db)
    if programme is None:
        return entries
    claimed = {e.opens for e in entries if e.programme}
    last = last_published_slot(db)
    after = max(day, last + timedelta(days=1)) if last else day
    due = due_wave(db, day)
    coming = [] if due is None else [date.fromisoformat(due.slot)]
    coming += [d for d in slot_days(programme, after, ahead + 1) if d not in coming]
    coming = [d for d in coming if d.isoformat() not in claimed][:ahead]
    groups = _groups(db, programme.template)
    rotation = next_rotation(db, find_survey(db, programme.template))
    taken = {e.wave for e in entries}
    for number, slot in enumerate(coming):
        state = "paused" if programme.paused else ("next" if number == 0 else "planned")
        name = wave_name_for(programme, slot)
        entries.append(
            CalendarEntry(
                name if name not in taken else f"{name}-2",
                slot.isoformat(),
                closes_on(programme, slot).isoformat(),
                state,
                (rotation + number) % len(groups) if groups else None,
                len(groups),
                True,
                groups[(rotation + number) % len(groups)] if groups else (),
            )
        )
    return entries
