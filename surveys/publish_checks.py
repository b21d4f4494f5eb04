"""What publishing a wave checks before anything is written (HR side): the shared folder
is set up (or may be), the survey template exists, the target departments are the
workspace's, and the minimum group size a published file announces.

Public API: :func:`check_share`, :func:`resolve_template`, :func:`check_targets`,
:func:`workspace_min_group`, :data:`DEFAULT_MIN_GROUP`, :data:`MIN_GROUP_FLOOR`.
"""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from surveys.model import SurveyTemplate
from surveys.published import PublishError
from surveys.store import departments, get_setting
from surveys.transport import INBOX, PUBLISHED
from surveys.waves import stored_survey

#: The workspace's default minimum group size (setting ``min_group``).
DEFAULT_MIN_GROUP = 5
#: No group smaller than this is ever shown, whatever the setting says (as in the analysis).
MIN_GROUP_FLOOR = 3


def workspace_min_group(db: Database) -> int:
    """The minimum group size for scores that the workspace uses (setting ``min_group``).

    Parameters
    ----------
    db : Database
        An open workspace.

    Returns
    -------
    int
        The setting, :data:`DEFAULT_MIN_GROUP` when it is missing or not a whole number,
        and never below :data:`MIN_GROUP_FLOOR` (the analysis applies the same rule).
    """
    raw = get_setting(db, "min_group")
    if raw is None or isinstance(raw, bool):
        return DEFAULT_MIN_GROUP
    try:
        value = int(str(raw).strip())
    except ValueError:
        return DEFAULT_MIN_GROUP
    return max(MIN_GROUP_FLOOR, value)


def check_share(share: str | Path, create: bool = False) -> None:
    """Refuse a shared folder that is not set up, unless ``create`` allows setting it up.

    Parameters
    ----------
    share : path
        The shared folder.
    create : bool
        Set up a new shared folder here (``rapport publish --create``).

    Raises
    ------
    PublishError
        If ``share`` is missing, unreachable or not a shared folder yet and ``create`` is
        false.
    """
    share = Path(share)
    try:
        ready = (share / PUBLISHED).is_dir() and (share / INBOX).is_dir()
        exists, is_file = share.is_dir(), share.is_file()
    except OSError:
        ready = exists = is_file = False
    if is_file:
        raise PublishError(
            f"{share} is a file, not a folder; give the shared folder (with --share DIR). "
            "Nothing was published."
        )
    if ready or create:
        return
    if not exists:
        raise PublishError(
            f"The shared folder {share} does not exist or cannot be reached (is the network "
            "drive mounted?). Check the path; to set up a new shared folder there, publish "
            "with --create. Nothing was published."
        )
    raise PublishError(
        f"{share} is not a Rapport shared folder yet (it has no published/ and inbox/ "
        "folders). If the network drive should hold them, it may not be mounted; if this "
        "is a new shared folder, publish with --create to set it up. Nothing was published."
    )


def resolve_template(db: Database, template: str | SurveyTemplate | Path) -> SurveyTemplate:
    """A :class:`SurveyTemplate` from itself, a YAML file, a built-in key or a stored key.

    Raises
    ------
    RapportError
        If the file is invalid (``TemplateError`` with line numbers) or the key unknown.
    """
    if isinstance(template, SurveyTemplate):
        return template
    from surveys import templates

    text = str(template)
    if isinstance(template, Path) or text.endswith((".yaml", ".yml")):
        return templates.load_template(text)
    builtin = templates.builtin_templates()
    found = builtin.get(text) or stored_survey(db, text)
    if found is None and Path(text).is_file():  # a template file named otherwise (.txt)
        return templates.load_template(text)
    if found is None and Path(text).is_dir():
        raise PublishError(
            f"--template: {text} is a folder; give the survey template file (.yaml) inside "
            f"it, or one of {', '.join(sorted(builtin))}."
        )
    if found is None:
        raise PublishError(
            f"--template: there is no survey template {text!r}. Use one of "
            f"{', '.join(sorted(builtin))} or the path of a .yaml file."
        )
    return found


def check_targets(db: Database, targets: list[str] | None) -> list[str] | None:
    """``targets`` as the workspace spells them, or ``None`` for every department. Blank
    entries (``IT,,Sales``, a trailing comma) are left out.

    Raises
    ------
    PublishError
        Naming each target that is not a department, and the departments there are; or
        when ``targets`` has only blank entries (``--targets ""``), which never means
        every department.
    """
    if not targets:
        return None
    targets = [t for t in targets if t.strip()]
    if not targets:
        raise PublishError(
            "--targets names no department; list them separated by commas, such as "
            "Sales,IT, or leave --targets out to ask about every department."
        )
    known = {d.name.lower(): d.name for d in departments(db)}
    unknown = [t for t in targets if t.strip().lower() not in known]
    if unknown:
        raise PublishError(
            f"--targets: {', '.join(unknown)} {'is' if len(unknown) == 1 else 'are'} not a "
            f"department of this workspace (it has {', '.join(known.values())})."
        )
    return [known[t.strip().lower()] for t in targets]


def check_ticketless(db: Database, workspace: Path, share: str | Path, wave: str) -> None:
    """Refuse to publish ``wave`` without tickets to ``share`` when it takes tickets.

    A wave published with participation tickets keeps them: ingest then quarantines every
    answer without one ("no valid ticket") from a shared folder. Published again without
    them to another folder (a kiosk's own folder on a share, as docs/deploy.md describes),
    the file offered the wave without tickets, people answered, and every answer was set
    aside. The kiosk folder beside the workspace is not refused: ingest takes its answers
    to the waves published there without tickets.

    Raises
    ------
    PublishError
        The wave takes tickets and ``share`` is not the workspace's kiosk folder.
    """
    import os

    from surveys.kiosk import kiosk_folder

    if os.path.realpath(share) == os.path.realpath(kiosk_folder(workspace)):
        return
    found = db.execute(
        "SELECT 1 FROM ticket_keys k JOIN waves w ON w.id = k.wave_id WHERE w.name = ? LIMIT 1",
        [wave],
    ).fetchone()
    if found is None:
        return
    raise PublishError(
        f"Wave {wave} takes answers only with participation tickets (it was published with "
        f"them before), so answers sent through {share} without one would be set aside "
        "(“no valid ticket”). Publish it there with tickets, to the kiosk beside the "
        f"workspace with --kiosk, or publish a wave of its own (for example {wave}-kiosk)."
    )


def check_ticketed(db: Database, workspace: Path, share: str | Path, wave: str) -> None:
    """Refuse to publish ``wave`` with tickets while it is published without them to another
    folder (:func:`check_ticketless` the other way round).

    A kiosk on a folder of its own (``--share KIOSKDIR --no-tickets``, docs/deploy.md) takes
    answers without tickets; publishing the same wave with tickets to the team share then
    gave it ticket keys, and ingest set every answer from the kiosk's folder aside ("no
    valid ticket"). The kiosk folder beside the workspace is not counted: ingest takes its
    answers to the waves published there without tickets.

    Raises
    ------
    PublishError
        ``wave`` is published without tickets to a folder other than ``share`` and the
        workspace's kiosk folder.
    """
    import os

    from surveys.kiosk import kiosk_folder
    from surveys.published_check import ticketless_folders

    here = {os.path.realpath(share), os.path.realpath(kiosk_folder(workspace))}
    others = [f for f in ticketless_folders(db, wave) if os.path.realpath(f) not in here]
    if not others:
        return
    raise PublishError(
        f"Wave {wave} is published without participation tickets to {others[0]}, where "
        "people answer without them (a kiosk's folder). Published with tickets, it would "
        f"take answers only with a ticket, and ingest would set every answer from {others[0]} "
        f"aside (“no valid ticket”). Publish a wave of its own here (for example {wave}-team), "
        "or publish this one here without tickets too (rapport publish … --no-tickets)."
    )
