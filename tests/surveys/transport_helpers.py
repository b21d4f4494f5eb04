"""Helpers shared by the transport, keys and ingest tests."""

from __future__ import annotations

import secrets
from pathlib import Path

from surveys.model import Question, SurveyTemplate
from surveys.publish import PublishedSurvey, publish_wave, read_published
from surveys.submission import Answer, Comment, Submission

PASSPHRASE = "correct horse battery staple"
WAVE = "2026-10"

TEMPLATE = SurveyTemplate(
    key="test-pulse",
    title="Test pulse",
    intro="A few questions.",
    questions=(
        Question("frequent", "How often do we talk?"),
        Question("timely", "They answer in time."),
        Question("accurate", "What they say is right."),
        Question("overall", "Overall, working with them is"),
        Question("comment", "One thing to improve?"),
    ),
    rotation=(("frequent",), ("timely", "accurate")),
)


def publish(workspace: Path, share: Path, wave: str = WAVE, **kwargs) -> PublishedSurvey:
    """Publish ``wave`` (open for decades) and return it as a respondent reads it.

    Without participation tickets unless ``tickets=True``: these helpers serve the tests of
    sealing, ingest and quarantine, which are the same with and without tickets; the
    ticket protocol has its own tests (``tests/surveys/ticket_helpers.py``).
    """
    kwargs.setdefault("tickets", False)
    kwargs.setdefault("opens", "2020-01-01")
    kwargs.setdefault("closes", "2099-12-31")
    kwargs.setdefault("create", True)
    path = publish_wave(workspace, share, wave, TEMPLATE, passphrase=PASSPHRASE, **kwargs)
    return read_published(path)


def submission(
    ratings: dict[str, dict[str, int]],
    comments: dict[str, str] | None = None,
    *,
    department: str = "Sales",
    wave: str = WAVE,
    day: str = "2026-10-05",
    token: str | None = None,
) -> Submission:
    """A submission from ``department`` rating each target on the given items."""
    return Submission(
        wave=wave,
        department=department,
        day=day,
        answers=tuple(
            Answer(target, item, value)
            for target, items in ratings.items()
            for item, value in items.items()
        ),
        comments=tuple(Comment(t, text) for t, text in (comments or {}).items()),
        token=token if token is not None else secrets.token_hex(32),
    )


def write_as_hr(workspace: Path, path: Path, data: dict) -> None:
    """Write ``data`` over the published file ``path`` as HR's app would publish it: signed
    with the workspace's signing key (:mod:`surveys.survey_signing`)."""
    from surveys.store import open_workspace
    from surveys.survey_signing import signed_file

    db = open_workspace(workspace)
    try:
        path.write_bytes(signed_file(db, data))
    finally:
        db.close()


def write_unsigned(path: Path, data: dict) -> None:
    """Write ``data`` over the published file ``path`` without a signature, as an earlier
    Rapport published it: respondents' apps take it until they have pinned a signing key
    for the share (:mod:`surveys.survey_signature`)."""
    import json

    body = {k: v for k, v in data.items() if k not in ("schema", "signing_key", "signature")}
    path.write_text(json.dumps(body), encoding="utf-8")
