"""Publishing waves into the shared folder (HR side).

Public API:

- :func:`publish_wave` ``(db_or_workspace, share, wave_name, template, opens, closes,
  targets=None, rotation=0, *, passphrase, results=None) -> Path``: open the wave in the
  workspace and write ``SHARE/published/<wave>.json``.
- :func:`open_wave_here` ``(db_or_workspace, wave_name, template, ...) -> None``: open the
  wave in the workspace only, for single-machine answering (no shared folder, no file, no
  key pair).
- :func:`close_wave` ``(db_or_workspace, share, wave_name)``: close it and withdraw the file.
- What is checked before anything is written (the share, the template, the targets, the
  group size a file announces) is :mod:`surveys.publish_checks`.
- Re-exported from :mod:`surveys.published` (the respondent's light reading side):
  :class:`PublishedSurvey`, :class:`PublishError`, :func:`published_path`,
  :func:`read_published`, :func:`list_open_surveys`.

The published file is JSON (``"format": "rapport-published-1"``, ``"schema": 2``) written
atomically and signed with the workspace's signing key (:mod:`surveys.survey_signing`); its
format is described in :mod:`surveys.published`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlite_utils import Database

from surveys.model import SurveyTemplate
from surveys.publish_checks import (
    check_share,
    check_targets,
    check_ticketed,
    check_ticketless,
    resolve_template,
    workspace_min_group,
)
from surveys.published import (
    PUBLISHED_FORMAT,
    PublishedSurvey,
    PublishError,
    list_open_surveys,
    published_path,
    read_published,
)
from surveys.reminders import ReminderPlan
from surveys.store import departments, get_setting, open_workspace
from surveys.transport import atomic_write, prepare_share
from surveys.waves import (
    WaveError,
    check_not_released,
    check_wave_name,
    open_wave,
    parse_day,
    save_survey,
    set_wave_reminders,
    set_wave_status,
    survey_for_wave,
    wave_reminders,
)

__all__ = [
    "PUBLISHED_FORMAT",
    "DEFAULT_TEMPLATE",
    "PublishError",
    "PublishedSurvey",
    "close_wave",
    "list_open_surveys",
    "open_wave_here",
    "publish_wave",
    "published_path",
    "read_published",
]

DEFAULT_TEMPLATE = "full-pulse"
DEFAULT_DAYS_OPEN = 14


@contextmanager
def _workspace_db(db_or_workspace: Database | str | Path) -> Iterator[tuple[Database, Path]]:
    """The database and folder of a workspace; a connection opened here is closed after."""
    if isinstance(db_or_workspace, Database):
        row = db_or_workspace.execute("PRAGMA database_list").fetchone()
        yield db_or_workspace, Path(row[2]).parent
        return
    db = open_workspace(db_or_workspace)
    try:
        yield db, Path(db_or_workspace)
    finally:
        db.close()


def _dates(opens: str | date | None, closes: str | date | None) -> tuple[str, str]:
    first = parse_day(opens, "opens") or date.today().isoformat()
    last = parse_day(closes, "closes")
    if last is None:
        last = (date.fromisoformat(first) + timedelta(days=DEFAULT_DAYS_OPEN)).isoformat()
    if last < first:
        raise WaveError(f"closes ({last}) is before opens ({first}); swap or fix the dates.")
    return first, last


def publish_wave(
    db_or_workspace: Database | str | Path,
    share: str | Path,
    wave_name: str,
    template: str | SurveyTemplate | Path | None,
    opens: str | date | None = None,
    closes: str | date | None = None,
    targets: list[str] | None = None,
    rotation: int = 0,
    *,
    passphrase: str,
    results: dict | None = None,
    reminders: ReminderPlan | None = None,
    create: bool = False,
    tickets: bool = True,
) -> Path:
    """Open a wave in the workspace and publish it to ``SHARE/published/<wave>.json``.

    Parameters
    ----------
    db_or_workspace : Database or path
        The open workspace database, or its folder.
    share : path
        The shared folder; it must be set up already unless ``create``
        (:func:`check_share`).
    wave_name : str
        The wave (created, or reused and reopened if it exists).
    template : str, SurveyTemplate, path or None
        A built-in key, a survey stored in the workspace, a YAML file or a template.
        ``None`` reuses the wave's survey, or the ``full-pulse`` template for a new wave.
    opens, closes : str or date, optional
        First and last day; default today and 14 days later.
    targets : list of str, optional
        Only ask about these departments.
    rotation : int
        Rotation index: which group of rotating items this wave asks.
    passphrase : str
        The workspace passphrase; the key pair is created on the first publish.
    results : dict, optional
        Figures from the previous wave for the respondents' thank-you page (format in
        docs/respondent.md). The caller makes them privacy-safe: organisation-level figures
        and pairs that met the threshold only, no comments, nothing from a submission.
    reminders : ReminderPlan, optional
        When respondents' apps remind people who have not answered; default: the plan
        stored with the wave (New wave dialog), else 3 days after opening and the day
        before closing.
    create : bool
        Set up ``share`` (its folders) if it is not a shared folder yet.
    tickets : bool
        Give the wave ticket keys (:mod:`surveys.ticket_keys`), so that ingest takes one
        submission per blind-signed ticket and quarantines any without. ``False`` for a
        kiosk's own folder, or for a rollout where some respondents still run a Rapport
        without tickets (then anyone who can write to the inbox can add answers).

    Returns
    -------
    Path
        The published file.

    Raises
    ------
    PublishError
        If the share is not set up (and not ``create``), cannot be written, or ``results``
        is not in the published format.
    """
    _check_results(results)
    request = _Request(
        wave_name, template, opens, closes, targets, rotation, results, reminders, create, tickets
    )
    with _workspace_db(db_or_workspace) as (db, workspace):
        return _publish(db, workspace, share, request, passphrase)


def open_wave_here(
    db_or_workspace: Database | str | Path,
    wave_name: str,
    template: str | SurveyTemplate | Path | None,
    opens: str | date | None = None,
    closes: str | date | None = None,
    targets: list[str] | None = None,
    rotation: int = 0,
    *,
    reminders: ReminderPlan | None = None,
) -> None:
    """Open a wave in the workspace only: for answering on this computer, unsealed.

    Single-machine respondents (``rapport respond`` set to "this computer") answer straight
    into the workspace, so there is nothing to publish: no shared folder, no file and no
    key pair. Parameters as :func:`publish_wave`.

    Raises
    ------
    RapportError
        For a bad wave name, template, dates or target departments.
    """
    request = _Request(wave_name, template, opens, closes, targets, rotation, None, reminders)
    with _workspace_db(db_or_workspace) as (db, _workspace):
        wave = _resolve(db, request)
        with db.atomic():
            _open_in_workspace(db, wave)


@dataclass(frozen=True)
class _Request:
    wave_name: str
    template: str | SurveyTemplate | Path | None
    opens: str | date | None
    closes: str | date | None
    targets: list[str] | None
    rotation: int
    results: dict | None
    reminders: ReminderPlan | None = None
    create: bool = False
    tickets: bool = False


@dataclass(frozen=True)
class _Wave:
    """A publish request checked against the workspace."""

    name: str
    survey: SurveyTemplate
    opens: str
    closes: str
    targets: list[str] | None
    rotation: int
    reminders: ReminderPlan


def _resolve(db: Database, request: _Request) -> _Wave:
    name = check_wave_name(request.wave_name)
    check_not_released(db, name)
    template = request.template
    if template is None:
        template = survey_for_wave(db, name) or DEFAULT_TEMPLATE
    survey = resolve_template(db, template)
    first, last = _dates(request.opens, request.closes)
    chosen = check_targets(db, request.targets)
    plan = request.reminders or wave_reminders(db, name) or ReminderPlan()
    return _Wave(name, survey, first, last, chosen, request.rotation, plan)


def _open_in_workspace(db: Database, wave: _Wave) -> None:
    survey_id = save_survey(db, wave.survey)
    open_wave(db, wave.name, survey_id, wave.opens, wave.closes, wave.targets, wave.rotation)
    set_wave_reminders(db, wave.name, wave.reminders)


def _check_results(results: dict | None) -> None:
    """Refuse ``results`` the respondent's app could not show (names the field)."""
    if results is None:
        return
    problem = None
    if not isinstance(results, dict):
        problem = "it must be an object"
    elif not isinstance(results.get("summary", ""), str):
        problem = "'summary' must be text"
    elif not isinstance(results.get("pairs", []), list):
        problem = "'pairs' must be a list"
    else:
        for number, pair in enumerate(results.get("pairs", []), 1):
            if not isinstance(pair, dict) or not {"from", "to", "index"} <= pair.keys():
                problem = f"pair {number} needs 'from', 'to' and 'index'"
                break
    if problem is None:
        try:
            json.dumps(results)
        except (TypeError, ValueError) as exc:
            problem = f"it cannot be written as JSON ({exc})"
    if problem:
        raise PublishError(f"The results to share are not valid: {problem}; nothing was published.")


def _publish(
    db: Database, workspace: Path, share: str | Path, request: _Request, passphrase: str
) -> Path:
    from surveys.keys import ensure_keypair
    from surveys.published_check import remember_published

    wave = _resolve(db, request)
    check_share(share, request.create)
    if not request.tickets:
        check_ticketless(db, workspace, share, wave.name)
    else:
        check_ticketed(db, workspace, share, wave.name)
    public = ensure_keypair(workspace, passphrase)
    published = PublishedSurvey(
        wave=wave.name,
        survey=wave.survey,
        questions=wave.survey.questions_for_wave(wave.rotation),
        departments=tuple(d.name for d in departments(db)),
        public_key=public,
        opens=wave.opens,
        closes=wave.closes,
        targets=None if wave.targets is None else tuple(wave.targets),
        redaction_names=_warned_names(db),
        min_group_size=workspace_min_group(db),
        rotation=wave.rotation,
        results=request.results,
        reminders=wave.reminders,
    )
    path = published_path(share, wave.name)
    with db.atomic():
        _open_in_workspace(db, wave)
        if request.tickets:
            from dataclasses import replace

            from surveys.ticket_keys import ensure_wave_keys

            keys = ensure_wave_keys(db, wave.name, public)
            published = replace(published, ticket_keys=keys)
        data = _write_published(db, share, path, published)
        remember_published(db, share, wave.name, data)
    _sign_earlier_files(db, share)
    return path


def _sign_earlier_files(db: Database, share: str | Path) -> None:
    """Sign the open waves' files an earlier Rapport published unsigned in ``share``
    (:func:`surveys.survey_signing.sign_open_copies`); the next ingest retries a failure."""
    import contextlib

    from surveys.survey_signing import sign_open_copies

    with contextlib.suppress(OSError):
        sign_open_copies(db, share)


def _write_published(
    db: Database, share: str | Path, path: Path, published: PublishedSurvey
) -> bytes:
    """Write ``published``, signed with the workspace's signing key
    (:mod:`surveys.survey_signing`), to ``path`` atomically; returns the bytes written."""
    from surveys.published_check import later_signed
    from surveys.survey_signing import signed_file

    # Past a later file of the wave this workspace signed but does not remember (restored
    # from a backup on a computer whose clock is behind it): the apps that read it refuse
    # a lower number.
    past = later_signed(db, share, published.wave) or 0
    data = signed_file(db, published.to_dict(), past=past)
    try:
        prepare_share(share)
        atomic_write(path, data)
    except OSError as exc:
        raise PublishError(
            f"Cannot write to the shared folder {share} ({exc.strerror or exc}). Check that "
            "it is reachable and that you may write to it; nothing was published."
        ) from exc
    return data


def close_wave(
    db_or_workspace: Database | str | Path, share: str | Path | None, wave_name: str
) -> None:
    """Close a wave: mark it ``closed`` (which releases its figures) and withdraw its file.

    Its ticket requests and tickets are removed from the share too
    (:mod:`surveys.ticket_cleanup`: now, or by the next signing pass if the share is away).
    Without a shared folder (``share`` ``None``) the wave is closed in the workspace only;
    the next signing pass with a shared folder removes its files. The file of the kiosk
    beside the workspace is withdrawn in either case.

    Submissions for the wave that arrive after this (from outboxes, or still in the inbox)
    are counted by ingest as late and not used: the figures released now never change
    (:mod:`surveys.waves`). Ingest the inbox before closing.
    """
    from surveys.ticket_cleanup import clean_after_close, schedule_cleanup

    with _workspace_db(db_or_workspace) as (db, folder):
        with db.atomic():
            set_wave_status(db, wave_name, "closed")
            schedule_cleanup(db, wave_name)
        _withdraw_from_kiosk(folder, wave_name)
        if share is None:
            return
        path = published_path(share, wave_name)
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            raise PublishError(
                f"The wave {wave_name} is closed, but {path} could not be removed "
                f"({exc.strerror}); delete it by hand so respondents stop seeing it."
            ) from exc
        clean_after_close(db, folder, share)


def _withdraw_from_kiosk(workspace: Path, wave_name: str) -> None:
    """Remove the wave's file from the kiosk folder beside the workspace, whichever shared
    folder the close was given: a kiosk kept offering a closed wave (``rapport close``
    takes the share used last), and every answer given there was late, lost unsaid."""
    from surveys.kiosk import kiosk_folder

    path = published_path(kiosk_folder(workspace), wave_name)
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        raise PublishError(
            f"The wave {wave_name} is closed, but {path} could not be removed "
            f"({exc.strerror}); delete it by hand so that the kiosk stops offering it."
        ) from exc


def _warned_names(db: Database) -> tuple[str, ...]:
    """The names the respondent's wizard warns about: HR's typed list and the imported one.

    Every colleague reads the published file. HR types a name into Settings often because
    comments named that person, so the typed names are written in the imported names' form
    (folded given and family name, as ``rapport names import`` stores them), merged with
    them and sorted: the file does not tell a typed name from the employee list, and a
    typed name the imported list already holds changes nothing in it.
    """
    from surveys.importing.names import split_name, stored_names
    from surveys.importing.text import fold

    typed = (split_name(str(n)) for n in get_setting(db, "redaction_names", []) or ())
    names = {" ".join(part for part in (fold(g), fold(f)) if part) for g, f in typed}
    return tuple(sorted((names | set(stored_names(db))) - {""}))
