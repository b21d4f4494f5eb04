"""Publishing waves into the shared folder (HR side) and reading them (respondent side).

Public API:

- :func:`publish_wave` ``(db_or_workspace, share, wave_name, template, opens, closes,
  targets=None, rotation=0, *, passphrase) -> Path``: open the wave in the workspace and
  write ``SHARE/published/<wave>.json``.
- :func:`close_wave` ``(db_or_workspace, share, wave_name)``: close it and withdraw the file.
- :class:`PublishedSurvey`: what a respondent's app needs to show and seal a survey
  (``wave``, ``survey``, ``questions``, ``departments``, ``targets``, ``opens``, ``closes``,
  ``public_key``, ``redaction_names``, ``min_group_size``, ``rotation``;
  :meth:`PublishedSurvey.is_open`, :meth:`PublishedSurvey.departments_to_rate`).
- :func:`read_published` ``(path) -> PublishedSurvey`` and
  :func:`list_open_surveys` ``(share, today=None) -> list[PublishedSurvey]``.

The published file is JSON (``"format": "rapport-published-1"``) written atomically. It holds
nothing secret: the survey, the department names, the dates, the workspace's public key and
the HR list of names that comments will have redacted (so the wizard can warn while typing).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from sqlite_utils import Database

from surveys.errors import RapportError
from surveys.keys import ensure_keypair
from surveys.model import Question, SurveyTemplate
from surveys.store import departments, get_setting, open_workspace
from surveys.transport import PUBLISHED, atomic_write, prepare_share
from surveys.waves import (
    WaveError,
    check_wave_name,
    open_wave,
    parse_day,
    save_survey,
    set_wave_status,
    stored_survey,
    survey_for_wave,
)

PUBLISHED_FORMAT = "rapport-published-1"
DEFAULT_TEMPLATE = "full-pulse"
DEFAULT_DAYS_OPEN = 14


class PublishError(RapportError):
    """A wave cannot be published or a published file cannot be read."""


@dataclass(frozen=True)
class PublishedSurvey:
    """One open wave as published in ``SHARE/published/``.

    Attributes
    ----------
    wave : str
        The wave name (also the submission's ``wave``).
    survey : SurveyTemplate
        The whole survey definition.
    questions : tuple of Question
        The questions of this wave (after rotation), asked about each department.
    departments : tuple of str
        Every department of the workspace, in display order.
    targets : tuple of str or None
        The departments this wave asks about; ``None`` means all of them.
    opens, closes : str or None
        First and last day (``YYYY-MM-DD``) the wave takes answers.
    public_key : bytes
        The workspace's X25519 public key; submissions are sealed to it.
    redaction_names : tuple of str
        Names that will be redacted from comments (the wizard warns while typing).
    min_group_size : int
        The smallest group whose scores are shown (for the privacy note).
    """

    wave: str
    survey: SurveyTemplate
    questions: tuple[Question, ...]
    departments: tuple[str, ...]
    public_key: bytes
    opens: str | None = None
    closes: str | None = None
    targets: tuple[str, ...] | None = None
    redaction_names: tuple[str, ...] = ()
    min_group_size: int = 5
    rotation: int = 0
    path: Path | None = field(default=None, compare=False)

    def is_open(self, today: date | None = None) -> bool:
        """True if ``today`` (default: the real today) lies between opens and closes."""
        day = (today or date.today()).isoformat()
        return (self.opens is None or self.opens <= day) and (
            self.closes is None or day <= self.closes
        )

    def departments_to_rate(self, own: str) -> list[str]:
        """The departments a respondent of department ``own`` may rate, in display order."""
        pool = self.targets if self.targets is not None else self.departments
        return [name for name in pool if name.lower() != own.lower()]

    def to_dict(self) -> dict:
        """The JSON content of the published file."""
        return {
            "format": PUBLISHED_FORMAT,
            "wave": self.wave,
            "survey": self.survey.to_dict(),
            "rotation": self.rotation,
            "questions": [{"item": q.item, "text": q.text, "help": q.help} for q in self.questions],
            "departments": list(self.departments),
            "targets": None if self.targets is None else list(self.targets),
            "opens": self.opens,
            "closes": self.closes,
            "public_key": base64.b64encode(self.public_key).decode(),
            "redaction_names": list(self.redaction_names),
            "min_group_size": self.min_group_size,
        }

    @classmethod
    def from_dict(cls, data: dict, path: Path | None = None) -> PublishedSurvey:
        """Inverse of :meth:`to_dict`; raises ``KeyError``/``ValueError``/``TypeError``."""
        if data.get("format") != PUBLISHED_FORMAT:
            raise ValueError(f"unknown format {data.get('format')!r}")
        key = base64.b64decode(data["public_key"], validate=True)
        if len(key) != 32:
            raise ValueError("the public key is not 32 bytes")
        targets = data.get("targets")
        return cls(
            wave=str(data["wave"]),
            survey=SurveyTemplate.from_dict(data["survey"]),
            questions=tuple(
                Question(q["item"], q["text"], q.get("help", "")) for q in data["questions"]
            ),
            departments=tuple(str(d) for d in data["departments"]),
            public_key=key,
            opens=data.get("opens"),
            closes=data.get("closes"),
            targets=None if targets is None else tuple(str(t) for t in targets),
            redaction_names=tuple(str(n) for n in data.get("redaction_names", ())),
            min_group_size=int(data.get("min_group_size", 5)),
            rotation=int(data.get("rotation", 0)),
            path=path,
        )


def published_path(share: str | Path, wave_name: str) -> Path:
    """Where the published file of ``wave_name`` lives in ``share``."""
    return Path(share) / PUBLISHED / f"{wave_name}.json"


def read_published(path: str | Path) -> PublishedSurvey:
    """Read one published survey file.

    Raises
    ------
    PublishError
        If the file is missing, unreadable or not a published Rapport survey.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return PublishedSurvey.from_dict(data, path)
    except OSError as exc:
        raise PublishError(f"Cannot read the published survey {path}: {exc.strerror}.") from exc
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise PublishError(
            f"{path} is not a published Rapport survey ({exc}); ask HR to publish it again."
        ) from exc


def list_open_surveys(share: str | Path, today: date | None = None) -> list[PublishedSurvey]:
    """The surveys published in ``share`` that are open on ``today``, earliest first.

    An unreachable share gives an empty list and unreadable files are skipped, so a tray
    icon can poll this safely.
    """
    try:
        paths = sorted((Path(share) / PUBLISHED).glob("*.json"))
    except OSError:
        return []
    found = []
    for path in paths:
        try:
            survey = read_published(path)
        except PublishError:
            continue
        if survey.is_open(today):
            found.append(survey)
    return sorted(found, key=lambda s: (s.opens or "", s.wave))


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
    if found is None:
        raise PublishError(
            f"--template: there is no survey template {text!r}. Use one of "
            f"{', '.join(sorted(builtin))} or the path of a .yaml file."
        )
    return found


def _check_targets(db: Database, targets: list[str] | None) -> list[str] | None:
    if not targets:
        return None
    known = {d.name.lower(): d.name for d in departments(db)}
    unknown = [t for t in targets if t.strip().lower() not in known]
    if unknown:
        raise PublishError(
            f"--targets: {', '.join(unknown)} {'is' if len(unknown) == 1 else 'are'} not a "
            f"department of this workspace (it has {', '.join(known.values())})."
        )
    return [known[t.strip().lower()] for t in targets]


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
) -> Path:
    """Open a wave in the workspace and publish it to ``SHARE/published/<wave>.json``.

    Parameters
    ----------
    db_or_workspace : Database or path
        The open workspace database, or its folder.
    share : path
        The shared folder; its sub-folders are created if needed.
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

    Returns
    -------
    Path
        The published file.
    """
    with _workspace_db(db_or_workspace) as (db, workspace):
        return _publish(
            db, workspace, share, wave_name, template, opens, closes, targets, rotation, passphrase
        )


def _publish(
    db: Database,
    workspace: Path,
    share: str | Path,
    wave_name: str,
    template: str | SurveyTemplate | Path | None,
    opens: str | date | None,
    closes: str | date | None,
    targets: list[str] | None,
    rotation: int,
    passphrase: str,
) -> Path:
    name = check_wave_name(wave_name)
    if template is None:
        template = survey_for_wave(db, name) or DEFAULT_TEMPLATE
    survey = resolve_template(db, template)
    first, last = _dates(opens, closes)
    chosen = _check_targets(db, targets)
    public = ensure_keypair(workspace, passphrase)
    published = PublishedSurvey(
        wave=name,
        survey=survey,
        questions=survey.questions_for_wave(rotation),
        departments=tuple(d.name for d in departments(db)),
        public_key=public,
        opens=first,
        closes=last,
        targets=None if chosen is None else tuple(chosen),
        redaction_names=tuple(get_setting(db, "redaction_names", []) or ()),
        min_group_size=int(get_setting(db, "min_group_size", 5)),
        rotation=rotation,
    )
    path = published_path(share, name)
    with db.atomic():
        open_wave(db, name, save_survey(db, survey), first, last, chosen, rotation)
        _write_published(share, path, published)
    return path


def _write_published(share: str | Path, path: Path, published: PublishedSurvey) -> None:
    data = json.dumps(published.to_dict(), indent=2, ensure_ascii=False).encode("utf-8")
    try:
        prepare_share(share)
        atomic_write(path, data)
    except OSError as exc:
        raise PublishError(
            f"Cannot write to the shared folder {share} ({exc.strerror or exc}). Check that "
            "it is reachable and that you may write to it; nothing was published."
        ) from exc


def close_wave(db_or_workspace: Database | str | Path, share: str | Path, wave_name: str) -> None:
    """Close a wave: mark it ``closed`` and withdraw its published file.

    Submissions for the wave that are still on their way (in outboxes or the inbox) are
    still taken by ingest: they were sealed while the wave was open.
    """
    with _workspace_db(db_or_workspace) as (db, _), db.atomic():
        set_wave_status(db, wave_name, "closed")
    path = published_path(share, wave_name)
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        raise PublishError(
            f"The wave {wave_name} is closed, but {path} could not be removed "
            f"({exc.strerror}); delete it by hand so respondents stop seeing it."
        ) from exc
