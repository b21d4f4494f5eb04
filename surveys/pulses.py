"""Pulses: the waves of a workspace and their participation, as HR's pulses section lists them.

Creating a wave here stores a *draft* (survey, dates, target departments) in the
workspace; publishing it (:func:`surveys.publish.publish_wave`, run as a job) opens it and
writes it to the shared folder.

Public API: :class:`WaveInfo`, :func:`list_waves`, :func:`create_draft_wave`,
:class:`DepartmentParticipation`, :func:`wave_participation`, :func:`kiosk_submissions`,
:func:`has_responses`, :data:`LOW_PARTICIPATION`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from surveys.model import SurveyTemplate
from surveys.reminders import ReminderPlan
from surveys.waves import (
    WaveError,
    check_wave_name,
    get_wave,
    parse_day,
    save_survey,
    set_wave_reminders,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

#: Below this share of headcount a department's participation is flagged as low.
LOW_PARTICIPATION = 0.3


@dataclass(frozen=True)
class WaveInfo:
    """One wave as the pulses table lists it."""

    name: str
    survey: str
    opens: str | None
    closes: str | None
    status: str
    targets: tuple[str, ...] | None
    submissions: int
    #: When HR stopped its answers to close it early (ISO 8601, UTC; :mod:`surveys.wave_stop`).
    stopped: str | None = None
    #: The day it closed and its figures were released (``None`` while not closed).
    released: str | None = None

    @property
    def closed_early(self) -> bool:
        """Whether it closed before its planned closing day."""
        return bool(self.released and self.closes and self.released < self.closes)


@dataclass(frozen=True)
class DepartmentParticipation:
    """Submissions of one department in a wave against its headcount."""

    department: str
    headcount: int | None
    submitted: int

    @property
    def rate(self) -> float | None:
        return self.submitted / self.headcount if self.headcount else None

    @property
    def low(self) -> bool:
        return self.rate is not None and self.rate < LOW_PARTICIPATION


def list_waves(db: Database) -> list[WaveInfo]:
    """Every wave, newest first, with its survey title and number of submissions.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.

    Returns
    -------
    list of WaveInfo
    """
    rows = db.execute(
        "SELECT w.name, COALESCE(s.title, ''), w.opens, w.closes, w.status, w.targets, "
        "(SELECT COUNT(*) FROM submissions x WHERE x.wave_id = w.id), w.answers_stopped, "
        "w.released FROM waves w LEFT JOIN surveys s ON s.id = w.survey_id ORDER BY w.name DESC"
    ).fetchall()
    return [
        WaveInfo(
            name,
            title,
            opens,
            closes,
            status,
            tuple(json.loads(targets)) if targets else None,
            int(count),
            stopped if status == "open" else None,
            released if status == "closed" else None,
        )
        for name, title, opens, closes, status, targets, count, stopped, released in rows
    ]


def create_draft_wave(
    db: Database,
    name: str,
    template: SurveyTemplate,
    opens: str | None,
    closes: str | None,
    targets: list[str] | None,
    reminders: ReminderPlan | None = None,
) -> WaveInfo:
    """Store a new wave as a draft (not yet published).

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.
    name : str
        The wave's name (checked with :func:`surveys.waves.check_wave_name`).
    template : SurveyTemplate
        The survey it asks.
    opens, closes : str or None
        Days as ``YYYY-MM-DD``.
    targets : list of str or None
        The departments it asks about; ``None`` asks about all of them.
    reminders : ReminderPlan, optional
        When respondents' apps remind people who have not answered (published with the
        wave); ``None`` for the default plan.

    Returns
    -------
    WaveInfo
        The stored draft.

    Raises
    ------
    surveys.waves.WaveError
        If the name is unusable or taken, or the dates are wrong.
    """
    name = check_wave_name(name)
    if get_wave(db, name) is not None:
        raise WaveError(f"Wave name: there is already a wave called {name!r}; choose another.")
    first, last = parse_day(opens, "Opens"), parse_day(closes, "Closes")
    if first and last and last < first:
        raise WaveError(f"Closes ({last}) is before opens ({first}); fix the dates.")
    with db.atomic():
        survey_id = save_survey(db, template)
        db.execute(
            "INSERT INTO waves(name, survey_id, opens, closes, status, targets) "
            "VALUES (?, ?, ?, ?, 'draft', ?)",
            [name, survey_id, first, last, json.dumps(targets) if targets else None],
        )
        if reminders is not None:
            set_wave_reminders(db, name, reminders)
    return next(w for w in list_waves(db) if w.name == name)


def delete_draft_wave(db: Database, name: str, share: str | Path | None = None) -> None:
    """Delete wave ``name``, a draft nobody was asked (HR drafted it by mistake).

    What it checks and what it deletes are one transaction, which takes the write lock
    first: another HR computer that publishes the draft or records an action against it
    meanwhile either waits for the delete or makes it refuse. With ``share`` (the
    workspace's shared folder), a survey file of the wave there also makes it refuse: the
    draft was published after all (the workspace was restored from a backup taken before,
    or its publish stopped after writing the file), and people may be answering it.

    Raises
    ------
    surveys.waves.WaveError
        If there is no such wave, it was published (open or closed: its answers and the
        released figures stay; or its survey file is in ``share``), responses were
        imported into it, or a joint action was recorded against it.
    """
    with db.atomic():  # its reminders, ticket keys and the like go with it (ON DELETE CASCADE)
        wave = get_wave(db, name)
        if wave is None:
            raise WaveError(f"The workspace has no wave called {name!r}; it was deleted already.")
        _check_deletable(db, wave.id, name, wave.status)
        if share is not None:
            _check_not_on_share(share, name)
        db.execute("DELETE FROM waves WHERE id = ? AND status = 'draft'", [wave.id])


def _check_deletable(db: Database, wave_id: int, name: str, status: str) -> None:
    """Raise :class:`WaveError` unless the draft ``name`` holds nothing to keep."""
    if status != "draft":
        raise WaveError(
            f"Wave {name} was published, so it cannot be deleted: its answers and figures "
            "stay. Close it instead."
        )
    count = db.execute("SELECT COUNT(*) FROM submissions WHERE wave_id = ?", [wave_id])
    responses = count.fetchone()[0]
    if responses:
        said = "1 response was" if responses == 1 else f"{responses:,} responses were"
        raise WaveError(
            f"Wave {name} cannot be deleted: {said} imported into it from a CSV file. "
            "Publish or close it to keep them."
        )
    slot = db.execute("SELECT programme_slot FROM waves WHERE id = ?", [wave_id]).fetchone()
    if slot and slot[0]:
        raise WaveError(
            f"Wave {name} cannot be deleted: it is the pulse programme's wave of {slot[0]}, "
            "which the programme publishes (it may be doing so now) and would draft again. "
            "To skip it, pause the programme under Pulse programme."
        )
    actions = db.execute("SELECT COUNT(*) FROM actions WHERE wave_id = ?", [wave_id])
    if actions.fetchone()[0]:
        raise WaveError(
            f"Wave {name} cannot be deleted: joint actions were recorded against it. "
            "Delete or move them in Actions first."
        )


def _check_not_on_share(share: str | Path, name: str) -> None:
    from surveys.published import published_path

    path = published_path(share, name)
    if path.exists():
        raise WaveError(
            f"Wave {name} cannot be deleted: its survey file is on the shared folder "
            f"({path}), so people may be answering it (the workspace was restored from a "
            "backup taken before it was published, or publishing it stopped half-way). "
            "Publish it again or close it instead."
        )


def wave_participation(db: Database, wave: str) -> list[DepartmentParticipation]:
    """Submissions per department in ``wave`` against its headcount (display order).

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.
    wave : str
        The wave's name; an unknown name gives every department zero submissions.

    Returns
    -------
    list of DepartmentParticipation
    """
    rows = db.execute(
        "SELECT d.name, d.headcount, COUNT(s.id) FROM departments d "
        "LEFT JOIN submissions s ON s.department_id = d.id AND s.wave_id = "
        "(SELECT id FROM waves WHERE name = ?) GROUP BY d.id ORDER BY d.position, d.id",
        [wave],
    ).fetchall()
    return [DepartmentParticipation(n, h, int(c)) for n, h, c in rows]


def kiosk_submissions(db: Database, wave: str) -> int:
    """How many of ``wave``'s stored submissions were answered at a kiosk.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.
    wave : str
        The wave's name.

    Returns
    -------
    int
    """
    row = db.execute(
        "SELECT COUNT(*) FROM submissions WHERE source = 'kiosk' AND wave_id = "
        "(SELECT id FROM waves WHERE name = ?)",
        [wave],
    ).fetchone()
    return int(row[0])


def has_responses(db: Database) -> bool:
    """Whether any answer reached the workspace (a new workspace has none to analyse)."""
    return db.execute("SELECT 1 FROM submissions LIMIT 1").fetchone() is not None
