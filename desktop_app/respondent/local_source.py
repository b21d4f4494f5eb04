"""Single-machine mode: the respondent's answers go straight into a workspace on this computer.

Nothing is sealed (the privacy note says so) and nothing waits in an outbox: there is no
shared folder whose times could tell a colleague when someone answered.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.respondent.source import LOCAL, OpenSurvey, Outcome

if TYPE_CHECKING:
    from surveys.receipts import AnswerState, LocalAnswer
    from surveys.submission import Submission


class LocalSource:
    """Single-machine mode: the wizard writes straight into the workspace ``folder``."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)

    def _open(self):  # noqa: ANN202 - sqlite_utils.Database, imported lazily
        from surveys.store import open_workspace

        return open_workspace(self.folder)

    def problem(self) -> str | None:
        """Why the workspace cannot be opened, or ``None``."""
        from surveys.errors import RapportError

        try:
            self._open().close()
        except RapportError as exc:
            return str(exc)
        return None

    def departments(self) -> list[str]:
        from surveys.store import departments

        db = self._open()
        try:
            return [d.name for d in departments(db)]
        finally:
            db.close()

    def open_surveys(self) -> list[OpenSurvey]:
        from surveys.publish_checks import workspace_min_group
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
                    opens=wave.opens,
                    mode=LOCAL,
                    reminders=wave.reminders,
                )
            )
        return surveys

    def token(self, survey: OpenSurvey) -> str | None:
        from surveys.outbox import participation_token

        return participation_token(survey.wave)

    def deliver(self, survey: OpenSurvey, submission: Submission) -> Outcome:
        from dataclasses import replace

        from surveys.intake import store_submission
        from surveys.outbox import mark_answered, next_counter

        if submission.counter == 0:  # this machine's answer order decides which answer stays
            submission = replace(submission, counter=next_counter(survey.wave))
        db = self._open()
        try:
            store_submission(db, submission, source="app")
        finally:
            db.close()
        mark_answered(survey.wave)
        return Outcome("stored")

    def retry(self, at_once: bool = False) -> int:
        return 0

    def send_waiting(self, at_once: bool = False) -> list[LocalAnswer]:
        return []

    def next_due_in(self) -> float | None:
        return None  # answers go straight into the workspace: nothing is held

    def held_count(self) -> int:
        return 0

    def answer_states(self) -> list[AnswerState]:
        return []

    def unanswered(self) -> list[OpenSurvey]:
        from surveys.outbox import answered_waves

        answered = answered_waves()
        return [s for s in self.open_surveys() if s.wave not in answered]
