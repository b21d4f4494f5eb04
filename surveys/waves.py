"""Waves (one run of a pulse) and their surveys in the workspace database.

A wave is a ``draft``, then ``open`` (published, taking answers), then ``closed``. Closing
*releases* it (``waves.released``, the day): only then may its figures be shown, and from
then on its answers are fixed. A late or changed answer is kept out (ingest counts it as
late) and a released wave is never opened again, so no figure that was shown can change
(see ``docs/privacy.md``, "Open waves and late answers").

Public API: :func:`check_wave_name`, :func:`get_wave`, :func:`wave_names`,
:func:`wave_targets`, :func:`save_survey`, :func:`survey_for_wave`, :func:`open_wave`,
:func:`open_waves`, :func:`set_wave_status`, :func:`release_closed_waves`,
:func:`check_not_released`, :func:`parse_day`, :func:`wave_reminders`,
:func:`set_wave_reminders`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from surveys.errors import RapportError
from surveys.model import SurveyTemplate, Wave
from surveys.reminders import ReminderPlan
from surveys.validation import wave_name_problem


class WaveError(RapportError):
    """A wave cannot be created, found or changed; the message says why."""


def check_wave_name(name: str) -> str:
    """Return ``name`` stripped, or raise :class:`WaveError` if it cannot name a wave.

    Wave names become file names in the shared folder, so they are limited to letters,
    digits, spaces, dots, dashes and underscores (at most 64 characters), e.g. ``2026-10``.
    The CSV import and ingest apply the same rule (:func:`surveys.validation.wave_name_problem`).
    """
    stripped = name.strip()
    if wave_name_problem(stripped):
        raise WaveError(
            f"Wave name {name!r} cannot be used: use letters, digits, spaces, '.', '-' or '_' "
            "(at most 64 characters, starting with a letter or digit), e.g. 2026-10."
        )
    return stripped


def parse_day(value: str | date | None, field: str) -> str | None:
    """Normalise a day to ``YYYY-MM-DD`` (``None`` stays ``None``).

    Raises
    ------
    WaveError
        If ``value`` is not a calendar date; the message names ``field``.
    """
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise WaveError(f"{field}: {value!r} is not a date; write it as YYYY-MM-DD.") from None


def get_wave(db: Database, name: str) -> Wave | None:
    """The wave called ``name``, or ``None``."""
    row = db.execute(
        "SELECT w.id, w.name, s.key, w.opens, w.closes, w.status, w.released, w.answers_stopped "
        "FROM waves w "
        "LEFT JOIN surveys s ON s.id = w.survey_id WHERE w.name = ?",
        [name],
    ).fetchone()
    return None if row is None else Wave(*row)


def wave_names(db: Database) -> list[str]:
    """Every wave's name, newest first.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.

    Returns
    -------
    list of str
    """
    return [row[0] for row in db.execute("SELECT name FROM waves ORDER BY name DESC")]


@dataclass(frozen=True)
class OpenWave:
    """An open wave with the survey it asks (what a respondent on this machine answers)."""

    name: str
    closes: str | None
    rotation: int
    targets: tuple[str, ...] | None  # None: every department
    survey: SurveyTemplate
    opens: str | None = None
    reminders: ReminderPlan = ReminderPlan()


def open_waves(db: Database) -> list[OpenWave]:
    """The waves that are open now, oldest first, with their surveys.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.

    Returns
    -------
    list of OpenWave
    """
    rows = db.execute(
        "SELECT w.name, w.closes, w.rotation, w.targets, s.definition, w.opens, w.reminders "
        "FROM waves w JOIN surveys s ON s.id = w.survey_id WHERE w.status = 'open' "
        "ORDER BY w.id"
    ).fetchall()
    return [
        OpenWave(
            name,
            closes,
            rotation or 0,
            tuple(json.loads(targets)) if targets else None,
            SurveyTemplate.from_dict(json.loads(definition)),
            opens,
            ReminderPlan.from_dict(json.loads(reminders) if reminders else None),
        )
        for name, closes, rotation, targets, definition, opens, reminders in rows
    ]


def wave_reminders(db: Database, name: str) -> ReminderPlan | None:
    """The reminder plan stored for wave ``name``, or ``None`` when it has none (defaults)."""
    row = db.execute("SELECT reminders FROM waves WHERE name = ?", [name]).fetchone()
    return ReminderPlan.from_dict(json.loads(row[0])) if row and row[0] else None


def set_wave_reminders(db: Database, name: str, plan: ReminderPlan) -> None:
    """Store the reminder plan of wave ``name`` (call inside a transaction)."""
    db.execute("UPDATE waves SET reminders = ? WHERE name = ?", [json.dumps(plan.to_dict()), name])


def wave_targets(db: Database, wave_id: int) -> list[str] | None:
    """The departments a wave asks about, or ``None`` when it asks about all of them."""
    row = db.execute("SELECT targets FROM waves WHERE id = ?", [wave_id]).fetchone()
    return json.loads(row[0]) if row and row[0] else None


def save_survey(db: Database, template: SurveyTemplate) -> int:
    """Store ``template`` in the ``surveys`` table (by key, replacing its definition)."""
    definition = json.dumps(template.to_dict(), ensure_ascii=False)
    db.execute(
        "INSERT INTO surveys(key, title, definition, created_day) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(key) DO UPDATE SET title = excluded.title, "
        "definition = excluded.definition",
        [template.key, template.title, definition, date.today().isoformat()],
    )
    return db.execute("SELECT id FROM surveys WHERE key = ?", [template.key]).fetchone()[0]


def survey_for_wave(db: Database, name: str) -> SurveyTemplate | None:
    """The survey stored for wave ``name`` (``None`` if the wave has none)."""
    row = db.execute(
        "SELECT s.definition FROM waves w JOIN surveys s ON s.id = w.survey_id WHERE w.name = ?",
        [name],
    ).fetchone()
    return None if row is None else SurveyTemplate.from_dict(json.loads(row[0]))


def stored_survey(db: Database, key: str) -> SurveyTemplate | None:
    """The survey stored under ``key`` in the workspace, or ``None``."""
    row = db.execute("SELECT definition FROM surveys WHERE key = ?", [key]).fetchone()
    return None if row is None else SurveyTemplate.from_dict(json.loads(row[0]))


def open_wave(
    db: Database,
    name: str,
    survey_id: int,
    opens: str | None,
    closes: str | None,
    targets: list[str] | None = None,
    rotation: int = 0,
) -> Wave:
    """Create wave ``name`` (or update the existing one) with status ``open``.

    Call inside a transaction; values are assumed checked (see :func:`parse_day`).

    Raises
    ------
    WaveError
        If the wave was closed and released: its figures may have been seen, so it takes
        no more answers (publish a new wave instead).
    """
    check_not_released(db, name)
    db.execute(
        "INSERT INTO waves(name, survey_id, opens, closes, status, rotation, targets) "
        "VALUES (?, ?, ?, ?, 'open', ?, ?) ON CONFLICT(name) DO UPDATE SET "
        "survey_id = excluded.survey_id, opens = excluded.opens, closes = excluded.closes, "
        "status = 'open', rotation = excluded.rotation, targets = excluded.targets, "
        "answers_stopped = NULL",
        [name, survey_id, opens, closes, rotation, json.dumps(targets) if targets else None],
    )
    wave = get_wave(db, name)
    assert wave is not None
    return wave


def set_wave_status(db: Database, name: str, status: str) -> Wave:
    """Set the status (``draft``, ``open``, ``closed``) of wave ``name``.

    Closing releases the wave (``released`` is set to today): its figures may be shown
    from then on, and its answers are fixed.

    Raises
    ------
    WaveError
        If the workspace has no such wave, or it is released and ``status`` is not
        ``closed`` (a released wave is never opened again).
    """
    if get_wave(db, name) is None:
        raise WaveError(f"The workspace has no wave called {name!r}; check the name.")
    if status != "closed":
        check_not_released(db, name)
    db.execute(
        "UPDATE waves SET status = ?, released = CASE WHEN ? = 'closed' "
        "THEN COALESCE(released, ?) ELSE released END WHERE name = ?",
        [status, status, date.today().isoformat(), name],
    )
    wave = get_wave(db, name)
    assert wave is not None
    return wave


def release_closed_waves(db: Database, wave_ids: list[int] | None = None) -> int:
    """Release the closed waves that are not yet released (all, or those of ``wave_ids``).

    For waves that are created closed: the historical waves of a CSV import, once the
    import has written them, and the demo's.

    Parameters
    ----------
    db : sqlite_utils.Database or sqlite3.Connection
        An open workspace (the CSV import passes its connection, inside its transaction).
    wave_ids : list of int, optional
        Only these waves; default every closed wave.

    Returns
    -------
    int
        How many waves were released.
    """
    where = ""
    params: list = [date.today().isoformat()]
    if wave_ids is not None:
        if not wave_ids:
            return 0
        where = f" AND id IN ({', '.join('?' * len(wave_ids))})"
        params += list(wave_ids)
    cursor = db.execute(
        "UPDATE waves SET released = COALESCE(closes, ?) "
        f"WHERE status = 'closed' AND released IS NULL{where}",
        params,
    )
    return cursor.rowcount


def check_not_released(db: Database, name: str) -> None:
    """Raise :class:`WaveError` if wave ``name`` is released (it may take no more answers)."""
    wave = get_wave(db, name)
    if wave is not None and wave.released:
        raise WaveError(
            f"Wave {name} was closed and its figures released on {wave.released}; it cannot "
            "be opened again, because answers added now could be told apart by comparing "
            "the figures before and after. Publish a new wave (for example "
            f"{name}-b) instead."
        )
