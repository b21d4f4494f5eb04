"""Quick reads of a workspace for the HR window and its sections.

Each opens the workspace, reads a row or two (milliseconds, even for millions of answers)
and closes it; none imports SciPy, scikit-learn or NLTK. The window runs them through
:class:`desktop_app.bounded_read.BoundedRead`, so a share that hangs does not freeze it.
Kept apart from the window so that its sections can ask too without importing the window
(which imports them).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from surveys.store import open_workspace

#: What a share that fails after the workspace opened raises (a read of the open database,
#: a file beside it): ``open_workspace`` turns these into a ``RapportError``, a later read
#: does not.
_FAILED_MID_READ = (sqlite3.Error, OSError)

__all__ = [
    "Glance",
    "glance",
    "open_for_section",
    "read_action_choices",
    "read_actions",
    "read_participation",
    "read_programme",
    "read_pulses",
    "read_settings",
    "workspace_has_responses",
]


@dataclass(frozen=True)
class Glance:
    """What the window needs to know when a workspace opens or a wave is chosen.

    Attributes
    ----------
    result : AnalysisResult or None
        The wave's stored analysis result if it is still current.
    has_responses : bool
        Whether any answer reached the workspace (a stored result implies it).
    organisation : str
        The organisation's name (Settings), for the window's title; ``""`` when unset.
    min_group : int or None
        The workspace's smallest group shown (Settings), for Help › About; ``None`` when
        the workspace could not be read.
    """

    result: Any
    has_responses: bool
    organisation: str = ""
    min_group: int | None = None


def glance(path: Path, wave: str | None = None) -> Glance:
    """The stored result of ``wave`` and whether there are answers, in one open.

    A workspace that cannot be read (nor opened, nor read once open: a share that failed
    mid-read) has no stored result and counts as having answers: the analysis that follows
    reports the problem in plain words. Runs on any thread.
    """
    from analysis.privacy_settings import thresholds_from_settings
    from analysis.result_store import cached_result
    from surveys.errors import RapportError
    from surveys.pulses import has_responses
    from surveys.store import get_setting

    try:
        db = open_workspace(path)
    except RapportError:
        return Glance(None, True)
    try:
        result = cached_result(db, wave)
        return Glance(
            result,
            result is not None or has_responses(db),
            str(get_setting(db, "organisation") or "").strip(),
            thresholds_from_settings(db).min_group,
        )
    except _FAILED_MID_READ:  # the share failed after the open: as if it could not open
        return Glance(None, True)
    finally:
        db.close()


def workspace_has_responses(path: Path) -> bool:
    """Whether any answer reached the workspace; one indexed row, milliseconds.

    A workspace that cannot be read counts as having answers (see :func:`glance`).
    """
    from surveys.errors import RapportError
    from surveys.pulses import has_responses

    try:
        db = open_workspace(path)
    except RapportError:
        return True
    try:
        return has_responses(db)
    except _FAILED_MID_READ:  # the share failed after the open: as if it could not open
        return True
    finally:
        db.close()


def open_for_section(path: Path) -> Any:
    """Open the workspace for a section's own read (as ``context.connect()`` does: these
    are not the window's reads of whether there are answers)."""
    from surveys import store

    return store.open_workspace(path)


def read_action_choices(path: Path) -> tuple[list[str], list[str]]:
    """What the action dialog offers: the departments' names and the waves' names; runs
    on any thread."""
    from surveys.store import departments
    from surveys.waves import wave_names

    db = open_for_section(path)
    try:
        return [d.name for d in departments(db)], wave_names(db)
    finally:
        db.close()


def read_actions(path: Path) -> list:
    """The workspace's actions (:func:`surveys.actions.list_actions`), for the Actions
    section; runs on any thread."""
    from surveys.actions import list_actions

    db = open_for_section(path)
    try:
        return list_actions(db)
    finally:
        db.close()


def read_settings(path: Path) -> tuple[Any, list, tuple[str, Any, bytes | None], bool]:
    """What the Settings section shows: the settings (``models.settings_data``), the
    departments, the organisation's name, logo and the logo's bytes, and whether the
    workspace has its key pair; runs on any thread."""
    from analysis.export.branding import workspace_logo
    from desktop_app.models import settings_data
    from surveys.keys import key_path
    from surveys.store import departments

    db = open_for_section(path)
    try:
        values, depts = settings_data.read_settings(db), departments(db)
        name = settings_data.organisation(db, path)
    finally:
        db.close()
    logo = workspace_logo(path)
    image = None
    if logo is not None:
        try:
            image = Path(logo.path).read_bytes()
        except OSError:
            image = None  # shown from its file, or not at all, as before
    return values, depts, (name, logo, image), key_path(path).exists()


def read_pulses(path: Path) -> tuple[list, str | None, bool, int | None]:
    """The waves, the shared folder, whether results are shared and the kiosk's sealed
    answers waiting to be ingested (``None``: no kiosk on this computer), for the Pulses
    section; runs on any thread."""
    from surveys.kiosk import has_kiosk, kiosk_folder, waiting_count
    from surveys.pulses import list_waves
    from surveys.store import get_setting

    db = open_for_section(path)
    try:
        share = get_setting(db, "share")
        waves, shared = list_waves(db), bool(get_setting(db, "share_results", False))
    finally:
        db.close()
    kiosk = waiting_count(kiosk_folder(path)) if has_kiosk(path) else None
    return waves, share, shared, kiosk


def read_share(path: Path) -> str | None:
    """The shared folder's setting only (what the status bar's quarantine badge needs of a
    hidden Pulses section); runs on any thread."""
    from surveys.store import get_setting

    db = open_for_section(path)
    try:
        return get_setting(db, "share")
    finally:
        db.close()


def read_participation(path: Path, wave: str) -> tuple[list, int, Any]:
    """A wave's participation against headcount, its answers at the kiosk and its reminder
    plan (``ReminderPlan``, the defaults when none was stored), for the Pulses section;
    runs on any thread."""
    from surveys.pulses import kiosk_submissions, wave_participation
    from surveys.reminders import ReminderPlan
    from surveys.waves import wave_reminders

    db = open_for_section(path)
    try:
        plan = wave_reminders(db, wave) or ReminderPlan()
        return wave_participation(db, wave), kiosk_submissions(db, wave), plan
    finally:
        db.close()


def read_programme(path: Path) -> tuple[Any, list, Any]:
    """The pulse programme, its calendar and its survey, for the Pulses section's
    programme box; runs on any thread."""
    from surveys.programme import find_survey, load_programme
    from surveys.programme_calendar import programme_calendar

    db = open_for_section(path)
    try:
        programme = load_programme(db)
        survey = find_survey(db, programme.template) if programme else None
        return programme, programme_calendar(db), survey
    finally:
        db.close()
