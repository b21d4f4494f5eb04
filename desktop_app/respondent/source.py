"""Where the respondent's surveys come from and where the answers go.

Two sources behind one small interface, so the wizard and the tray never care which:

* :class:`TeamSource`: team mode over a shared folder, through :mod:`surveys.transport`
  (:mod:`surveys.published` reads ``SHARE/published/``; :mod:`surveys.outbox` seals into
  ``SHARE/inbox/`` or keeps the file in the local outbox when the share is unreachable).
  Until a submission is sealed this path uses only the standard library: no sqlite-utils
  (which pulls in numpy and pandas when they are installed) and no cryptography, so the
  window opens fast (``tests/desktop_app/test_respondent_startup.py`` keeps it so).
* :class:`LocalSource`: single-machine mode, straight into a workspace on this computer.

The transport modules (and the survey model) are imported inside the methods, so importing
this module stays cheap.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from surveys.model import Question
    from surveys.published import PublishedSurvey
    from surveys.submission import Submission

MIN_GROUP_DEFAULT = 5


@dataclass(frozen=True)
class OpenSurvey:
    """One open wave as the respondent sees it (questions already rotated for the wave)."""

    wave: str
    title: str
    intro: str
    questions: tuple[Question, ...]
    departments: tuple[str, ...]
    closes: str | None = None
    redaction_names: tuple[str, ...] = ()
    min_group: int = MIN_GROUP_DEFAULT
    #: Optional results HR shared from the previous wave (see docs/respondent.md).
    results: dict | None = None
    #: The transport's own object, handed back to it when delivering.
    handle: Any = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Outcome:
    """What happened to a submission: ``delivered``, ``queued`` or ``stored`` (local)."""

    status: str
    detail: str = ""


class SurveySource(Protocol):
    """What the wizard and the tray need from a source."""

    def open_surveys(self) -> list[OpenSurvey]: ...

    def departments(self) -> list[str]: ...

    def token(self, survey: OpenSurvey) -> str | None: ...

    def deliver(self, survey: OpenSurvey, submission: Submission) -> Outcome: ...

    def retry(self) -> int: ...

    def unanswered(self) -> list[OpenSurvey]: ...


def open_survey_from_published(published: PublishedSurvey) -> OpenSurvey:
    """Adapt the transport's :class:`~surveys.published.PublishedSurvey` for the wizard."""
    pool = published.targets if published.targets is not None else published.departments
    return OpenSurvey(
        wave=published.wave,
        title=published.survey.title,
        intro=published.survey.intro,
        questions=published.questions,
        departments=tuple(pool),
        closes=published.closes,
        redaction_names=published.redaction_names,
        min_group=published.min_group_size,
        results=published.results,
        handle=published,
    )


class TeamSource:
    """Team mode: surveys and answers travel through the shared folder ``share``."""

    def __init__(self, share: str | Path) -> None:
        self.share = Path(share)

    def open_surveys(self) -> list[OpenSurvey]:
        from surveys.published import list_open_surveys

        return [open_survey_from_published(p) for p in list_open_surveys(self.share)]

    def departments(self) -> list[str]:
        from surveys.published import list_open_surveys

        names: dict[str, None] = {}
        for published in list_open_surveys(self.share):
            names.update(dict.fromkeys(published.departments))
        return list(names)

    def token(self, survey: OpenSurvey) -> str | None:
        from surveys.outbox import participation_token

        return participation_token(survey.wave)

    def deliver(self, survey: OpenSurvey, submission: Submission) -> Outcome:
        from surveys.outbox import deliver

        return Outcome(deliver(submission, survey.handle, self.share).status)

    def retry(self) -> int:
        from surveys.outbox import flush_outbox

        return flush_outbox(self.share)

    def unanswered(self) -> list[OpenSurvey]:
        from surveys.outbox import answered_waves

        answered = answered_waves()
        return [s for s in self.open_surveys() if s.wave not in answered]


class LocalSource:
    """Single-machine mode: the wizard writes straight into the workspace ``folder``."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    def _open(self):  # noqa: ANN202 - sqlite_utils.Database, imported lazily
        from surveys.store import open_workspace

        return open_workspace(self.folder)

    def departments(self) -> list[str]:
        from surveys.store import departments

        db = self._open()
        try:
            return [d.name for d in departments(db)]
        finally:
            db.close()

    def open_surveys(self) -> list[OpenSurvey]:
        from surveys.publish import workspace_min_group
        from surveys.store import departments, get_setting
        from surveys.waves import open_waves

        db = self._open()
        try:
            names = tuple(d.name for d in departments(db))
            redaction = tuple(get_setting(db, "redaction_names", []) or ())
            k = workspace_min_group(db)
            waves = open_waves(db)
        finally:
            db.close()
        surveys = []
        for wave in waves:
            template = wave.survey
            surveys.append(
                OpenSurvey(
                    wave=wave.name,
                    title=template.title,
                    intro=template.intro,
                    questions=template.questions_for_wave(wave.rotation),
                    departments=names if wave.targets is None else wave.targets,
                    closes=wave.closes,
                    redaction_names=redaction,
                    min_group=k,
                )
            )
        return surveys

    def token(self, survey: OpenSurvey) -> str | None:
        from surveys.outbox import participation_token

        return participation_token(survey.wave)

    def deliver(self, survey: OpenSurvey, submission: Submission) -> Outcome:
        from surveys.intake import store_submission
        from surveys.outbox import mark_answered

        db = self._open()
        try:
            store_submission(db, submission, source="app")
        finally:
            db.close()
        mark_answered(survey.wave)
        return Outcome("stored")

    def retry(self) -> int:
        return 0

    def unanswered(self) -> list[OpenSurvey]:
        from surveys.outbox import answered_waves

        answered = answered_waves()
        return [s for s in self.open_surveys() if s.wave not in answered]
