"""Published surveys as respondents read them: ``SHARE/published/<wave>.json``.

This is the respondent's side of publishing and uses only the standard library (no
sqlite-utils, no cryptography), so the respondent window starts fast. HR's side, which opens
the wave in the workspace and writes the file, is :mod:`surveys.publish`; it re-exports the
names below.

Public API:

- :class:`PublishedSurvey`: what a respondent's app needs to show and seal a survey
  (``wave``, ``survey``, ``questions``, ``departments``, ``targets``, ``opens``, ``closes``,
  ``public_key``, ``redaction_names``, ``min_group_size``, ``rotation``, ``results``;
  :meth:`PublishedSurvey.is_open`, :meth:`PublishedSurvey.departments_to_rate`).
- :func:`published_path` ``(share, wave_name) -> Path``.
- :func:`read_published` ``(path) -> PublishedSurvey``,
  :func:`list_open_surveys` ``(share, today=None) -> list[PublishedSurvey]`` (what may be
  answered) and :func:`list_delivering_surveys` (those, and the waves whose answers HR has
  stopped: answers given before the stop still go to them).
- :func:`read_current` ``(share, wave_name) -> PublishedSurvey | None``: a wave's file as
  it is now (``None``: withdrawn, the wave closed), read again just before sealing.
- :func:`parse_moment` ``(text) -> float``: an ISO 8601 time with its offset.
- :func:`share_problem` ``(share) -> str | None``: why a respondent's app cannot read the
  shared folder (missing, not mounted, not a Rapport folder), or ``None`` when it can. An
  empty list of open surveys means "no pulse" only when this says ``None``.

The file is JSON (``"format": "rapport-published-1"``, ``"schema": 2``). It holds nothing
secret: the survey, the department names, the dates, the workspace's public key, the HR list
of names that comments will have redacted (so the wizard can warn while typing), the minimum
group size and, optionally, ``results``: figures HR shares from the previous wave (only
groups that met the anonymity threshold; see docs/respondent.md), ``reminders``: when
respondents' apps remind people who have not answered
(:class:`surveys.reminders.ReminderPlan`), ``ticket_keys``: the wave's ticket public keys
(docs/team-mode.md), and ``stopped``: when HR stopped the wave's answers before closing it
early (:mod:`surveys.wave_stop`). ``results``, ``ticket_keys`` and ``stopped`` are left out
when they have nothing to say, so such a file reads as it always did; a Rapport that does
not know a field ignores it. Schema 2 adds ``signing_key`` (the workspace's Ed25519 public
key) and ``signature`` (over :func:`signed_message`), both base64; respondents' apps check
them (:mod:`surveys.survey_signature`). A file of a newer schema is refused with advice to
update Rapport.
Files HR's app signs also carry ``sequence``, a number that grows with every file it signs
(:func:`surveys.survey_signing.signed_file`): respondents' apps refuse a wave's file older
than one they read before (:mod:`surveys.survey_signature`).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from surveys.errors import RapportError
from surveys.model import Question, SurveyTemplate
from surveys.reminders import ReminderPlan
from surveys.transport import PUBLISHED, loads_shared, read_regular

PUBLISHED_FORMAT = "rapport-published-1"
#: The published file's schema: 2 adds ``signing_key`` and ``signature``. A file without
#: ``schema`` is schema 1 (unsigned, written by an earlier Rapport); an earlier Rapport
#: reads a schema 2 file as before (it ignores the fields it does not know).
PUBLISHED_SCHEMA = 2
#: What the signature's message starts with (a signature made for anything else never fits).
SIGNED_DOMAIN = b"rapport-published-signature-1\n"
#: The name under which a wave's one ticket key is published (department keys: the name).
WAVE_WIDE_KEY = ""
#: The minimum group size announced when a file does not say (the workspace default).
DEFAULT_MIN_GROUP = 5


#: The largest published survey a respondent's app reads (one is a few KiB; HR's list of
#: names to redact and the shared results make it grow, never to megabytes).
MAX_PUBLISHED = 4 * 1024 * 1024


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
        The smallest group whose scores are shown (for the privacy note); the workspace
        setting ``min_group``.
    results : dict or None
        What HR shares from the previous wave for the thank-you page (``wave``,
        ``summary``, ``pairs``...), or ``None``.
    reminders : ReminderPlan
        When the respondents' apps remind people who have not answered (decided on each
        respondent's computer; see :mod:`surveys.reminders`).
    ticket_keys : dict of str to bytes
        The wave's RSA ticket public keys (DER) by department name, ``""`` for one key for
        the whole wave (:mod:`surveys.ticket_client`). Empty: this wave takes no tickets.
    stopped : str or None
        When HR stopped the wave's answers before closing it early (ISO 8601, UTC, e.g.
        ``2026-10-08T12:02:00Z``); ``None`` while it takes answers. A stopped wave is not
        offered and takes no new answer, but answers sealed before the stop are still
        delivered (:mod:`surveys.wave_stop`). Its ``closes`` is then the day before the
        stop, so that a Rapport older than this field stops offering it too.
    sequence : int
        Grows with every file HR's app signs (0: a file written before it did), so that
        an earlier file of the wave put back is told from the current one.
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
    min_group_size: int = DEFAULT_MIN_GROUP
    rotation: int = 0
    results: dict | None = field(default=None, compare=False)
    path: Path | None = field(default=None, compare=False)
    reminders: ReminderPlan = field(default_factory=ReminderPlan)
    ticket_keys: dict[str, bytes] = field(default_factory=dict, compare=False)
    stopped: str | None = None
    signing_key: bytes | None = field(default=None, compare=False)
    signature: bytes | None = field(default=None, compare=False, repr=False)
    signed: bytes = field(default=b"", compare=False, repr=False)
    sequence: int = field(default=0, compare=False)

    @property
    def stopped_at(self) -> float | None:
        """:attr:`stopped` as a POSIX time, or ``None`` while the wave takes answers."""
        return None if self.stopped is None else parse_moment(self.stopped)

    def ticket_key_for(self, department: str) -> tuple[str, bytes] | None:
        """``(name, DER)`` of the ticket key a respondent of ``department`` blinds with.

        The department's own key when the wave has department keys (HR signs by roster),
        else the wave's key; ``None`` when the wave takes no tickets, or has department
        keys but none for ``department``.
        """
        if WAVE_WIDE_KEY in self.ticket_keys:
            return WAVE_WIDE_KEY, self.ticket_keys[WAVE_WIDE_KEY]
        for name, key in self.ticket_keys.items():
            if name.casefold() == department.casefold():
                return name, key
        return None

    def is_open(self, today: date | None = None) -> bool:
        """True if ``today`` (default: the real today) lies between opens and closes and HR
        has not stopped the wave's answers."""
        if self.stopped is not None:
            return False
        day = (today or date.today()).isoformat()
        return (self.opens is None or self.opens <= day) and (
            self.closes is None or day <= self.closes
        )

    def departments_to_rate(self, own: str) -> list[str]:
        """The departments a respondent of department ``own`` may rate, in display order."""
        pool = self.targets if self.targets is not None else self.departments
        return [name for name in pool if name.lower() != own.lower()]

    def to_dict(self) -> dict:
        """The JSON content of the published file (``results`` only when there are some)."""
        data = {
            "format": PUBLISHED_FORMAT,
            "schema": PUBLISHED_SCHEMA,
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
            "reminders": self.reminders.to_dict(),
        }
        if self.results is not None:
            data["results"] = self.results
        if self.ticket_keys:
            data["ticket_keys"] = {
                name: base64.b64encode(key).decode() for name, key in self.ticket_keys.items()
            }
        if self.stopped is not None:
            data["stopped"] = self.stopped
        return data

    @classmethod
    def from_dict(cls, data: dict, path: Path | None = None) -> PublishedSurvey:
        """Inverse of :meth:`to_dict`; raises ``KeyError``/``ValueError``/``TypeError``.

        A ``results`` entry that is not an object is ignored: it is optional decoration
        and must never keep a respondent from answering.
        """
        if data.get("format") != PUBLISHED_FORMAT:
            raise ValueError(f"unknown format {data.get('format')!r}")
        _check_schema(data.get("schema", 1))
        key = base64.b64decode(data["public_key"], validate=True)
        if len(key) != 32:
            raise ValueError("the public key is not 32 bytes")
        targets = data.get("targets")
        results = data.get("results")
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
            min_group_size=int(data.get("min_group_size", DEFAULT_MIN_GROUP)),
            rotation=int(data.get("rotation", 0)),
            results=results if isinstance(results, dict) else None,
            path=path,
            reminders=ReminderPlan.from_dict(data.get("reminders")),
            ticket_keys=_ticket_keys(data.get("ticket_keys")),
            stopped=_stopped(data.get("stopped")),
            signing_key=_base64(data.get("signing_key"), 32, "signing_key"),
            signature=_base64(data.get("signature"), 64, "signature"),
            signed=signed_message(data),
            sequence=_sequence(data.get("sequence", 0)),
        )


def signed_message(data: dict) -> bytes:
    """The bytes a published file's signature covers: its canonical form.

    Every field of the file but ``signature`` itself (so the words, items, departments,
    dates, keys, names, results, reminders, the signing key, and any field a later Rapport
    adds), as JSON with sorted keys, no spaces and UTF-8 text, after
    :data:`SIGNED_DOMAIN`. It is made from the file as parsed, which is exactly what a
    respondent's app shows and uses, so the layout of the file (indents, key order,
    escapes) may change and the signature still holds, while any changed value breaks it.
    """
    import json

    body = {key: value for key, value in data.items() if key != "signature"}
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return SIGNED_DOMAIN + text.encode("utf-8", "surrogatepass")


class NewerSchemaError(ValueError):
    """A published file of a schema newer than this Rapport knows."""


def _check_schema(value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError("schema is not a whole number")
    if value > PUBLISHED_SCHEMA:
        raise NewerSchemaError(
            f"it was published by a newer Rapport (schema {value}; this one reads up to "
            f"{PUBLISHED_SCHEMA}): update Rapport to answer it"
        )


def _base64(value: object, size: int, name: str) -> bytes | None:
    """An optional base64 field of exactly ``size`` bytes (``None`` when absent)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{name} is not text")
    raw = base64.b64decode(value, validate=True)
    if len(raw) != size:
        raise ValueError(f"{name} is not {size} bytes")
    return raw


def _sequence(value: object) -> int:
    """The ``sequence`` entry: a whole number, 0 or more."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError("sequence is not a whole number")
    return value


def _ticket_keys(value: object) -> dict[str, bytes]:
    """The ``ticket_keys`` entry: ``{department or "": base64 DER}``."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError("ticket_keys is not an object")
    return {str(name): base64.b64decode(key, validate=True) for name, key in value.items()}


def _stopped(value: object) -> str | None:
    """The ``stopped`` entry: absent, or an ISO 8601 time with its offset."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("stopped is not a time")
    parse_moment(value)
    return value


def parse_moment(text: str) -> float:
    """A POSIX time from an ISO 8601 time with an offset (``...Z`` or ``...+02:00``).

    Raises
    ------
    ValueError
        If ``text`` is not such a time (a time without an offset is refused: it would be
        read in each computer's own time zone).
    """
    from datetime import datetime

    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError(f"the time {text!r} has no offset")
    return moment.timestamp()


def published_path(share: str | Path, wave_name: str) -> Path:
    """Where the published file of ``wave_name`` lives in ``share``.

    Parameters
    ----------
    share : path
        The shared folder.
    wave_name : str
        The wave.

    Returns
    -------
    Path
        ``SHARE/published/<wave_name>.json``.
    """
    return Path(share) / PUBLISHED / f"{wave_name}.json"


def read_published(path: str | Path) -> PublishedSurvey:
    """Read one published survey file.

    Parameters
    ----------
    path : path
        The file.

    Returns
    -------
    PublishedSurvey
        With ``path`` set.

    Raises
    ------
    PublishError
        If the file is missing, unreadable or not a published Rapport survey.
    """
    path = Path(path)
    try:
        # Never a link, a pipe (which would hang the tray) or a file of gigabytes: a
        # colleague who may write to published/ must not be able to stop the app.
        data = loads_shared(read_regular(path, MAX_PUBLISHED, "a published survey").decode())
        return PublishedSurvey.from_dict(data, path)
    except OSError as exc:
        raise PublishError(f"Cannot read the published survey {path}: {exc.strerror}.") from exc
    except NewerSchemaError as exc:
        raise PublishError(f"{path} cannot be read: {exc}.") from exc
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise PublishError(
            f"{path} is not a published Rapport survey ({exc}); ask HR to publish it again."
        ) from exc


def read_current(share: str | Path, wave_name: str) -> PublishedSurvey | None:
    """The published file of ``wave_name`` as it is now, read just before an answer is
    sealed: HR may have stopped or closed the wave since the app last looked.

    Returns
    -------
    PublishedSurvey or None
        ``None`` when ``SHARE/published/`` can be read and the file is not there: the wave
        has closed.

    Raises
    ------
    PublishError
        If the share or the file cannot be read now (nothing can be decided then).
    """
    path = published_path(share, wave_name)
    try:
        if not path.parent.is_dir():
            raise PublishError(f"The shared folder {share} cannot be read now.")
    except OSError as exc:
        raise PublishError(f"The shared folder {share} cannot be read now.") from exc
    try:
        return read_published(path)
    except PublishError:
        try:
            missing = not path.exists() and path.parent.is_dir()
        except OSError:
            missing = False
        if missing:
            return None
        raise


def share_problem(share: str | Path | None) -> str | None:
    """Why the shared folder ``share`` cannot be read by a respondent, or ``None``.

    Parameters
    ----------
    share : path or None
        The shared folder the respondent's settings name.

    Returns
    -------
    str or None
        A sentence for people (what is wrong, where, what to do), or ``None`` when
        ``SHARE/published/`` can be listed.
    """
    if share is None or not str(share).strip():
        return "No shared folder is set: choose the folder HR told you about."
    folder = Path(share)
    try:
        if not folder.is_dir():
            return (
                f"The shared folder {folder} cannot be reached: it does not exist, or the "
                "network drive is not connected. Check the path HR gave you."
            )
        published = folder / PUBLISHED
        if not published.is_dir():
            return (
                f"{folder} is not a Rapport shared folder (it has no {PUBLISHED} folder). "
                "Check the path HR gave you."
            )
        next(published.iterdir(), None)
    except OSError as exc:
        return f"The shared folder {folder} cannot be read ({exc.strerror or exc})."
    return None


def list_open_surveys(share: str | Path, today: date | None = None) -> list[PublishedSurvey]:
    """The surveys published in ``share`` that are open on ``today``, earliest first.

    Parameters
    ----------
    share : path
        The shared folder.
    today : date, optional
        The day to check against (default: the real today).

    Returns
    -------
    list of PublishedSurvey
        Empty when the share is unreachable; unreadable files are skipped, so a tray icon
        can poll this safely. A wave whose answers HR has stopped is not open.
    """
    found = [survey for survey in _read_all(share) if survey.is_open(today)]
    return sorted(found, key=lambda s: (s.opens or "", s.wave))


def list_delivering_surveys(share: str | Path, today: date | None = None) -> list[PublishedSurvey]:
    """The open surveys of ``share`` and those whose answers HR has stopped.

    A stopped wave takes no new answer, but the answers given before the stop still go
    to it: those waiting for their participation ticket are sealed with its key once the
    ticket comes (:func:`surveys.ticket_wait.release_waiting`). Parameters and order as
    :func:`list_open_surveys`.
    """
    found = [s for s in _read_all(share) if s.stopped is not None or s.is_open(today)]
    return sorted(found, key=lambda s: (s.opens or "", s.wave))


def _read_all(share: str | Path) -> list[PublishedSurvey]:
    """Every readable published survey of ``share`` (none when it cannot be listed)."""
    try:
        paths = sorted((Path(share) / PUBLISHED).glob("*.json"))
    except OSError:
        return []
    found = []
    for path in paths:
        try:
            found.append(read_published(path))
        except PublishError:
            continue
    return found
