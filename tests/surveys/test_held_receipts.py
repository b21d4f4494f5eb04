"""Twelfth hostile round: a receipt missing from the share said why an answer was held.

An answer is held for HR's review when another answer in the same ingest batch has the same
ratings and comment, or when its department already has as many answers as its headcount:
both depend on other people's answers. The sender of a held answer saw their file leave the
inbox and their receipt stay missing from ``receipts/<wave>.json``, so a colleague who sent
a copy of a guessed answer beside someone's learned whether the guess was that person's
exact words. A held answer's receipt is now listed as received, as a stored one is.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from surveys.ingest import ingest
from surveys.outbox import deliver
from surveys.receipts import is_received, new_receipt_code, receipt_hash
from surveys.store import create_workspace, open_workspace
from tests.surveys.transport_helpers import PASSPHRASE, WAVE, publish, submission

THEIRS = "Tickets to IT sit for a week."
RATINGS = {"IT": {"timely": 2, "accurate": 2, "overall": 2}}


def _send(survey, share: Path, comment: str) -> str:  # noqa: ANN001
    """Deliver a Sales answer about IT with ``comment``; return its receipt code."""
    code = new_receipt_code()
    sub = replace(submission(RATINGS, {"IT": comment}), receipt=receipt_hash(WAVE, code))
    deliver(sub, survey, share)
    return code


def _guess(workspace: Path, share: Path, guess: str) -> tuple[bool | None, int]:
    """Someone answers; the colleague sends ``guess`` beside it; HR ingests once."""
    survey = publish(workspace, share)
    _send(survey, share, "Quick replies from IT.")  # another person's, so the list exists
    ingest(workspace, share, PASSPHRASE)
    _send(survey, share, THEIRS)
    mine = _send(survey, share, guess)
    report = ingest(workspace, share, PASSPHRASE)
    return is_received(share, WAVE, mine), len(report.quarantined)


def test_a_right_guess_and_a_wrong_one_leave_the_same_receipt(workspace, tmp_path) -> None:
    right = _guess(workspace, tmp_path / "share", THEIRS)
    other = tmp_path / "other"
    create_workspace(other / "ws").close()
    wrong = _guess(other / "ws", other / "share", "Tickets to IT sit for a month.")
    assert right == (True, 2)  # both held for review, and the colleague cannot tell
    assert wrong == (True, 0)


def test_an_answer_beyond_the_headcount_is_received(workspace, tmp_path) -> None:
    share = tmp_path / "share"
    survey = publish(workspace, share)
    db = open_workspace(workspace)
    with db.atomic():
        db.execute("UPDATE departments SET headcount = 1 WHERE name = 'Sales'")
    db.close()
    _send(survey, share, "Quick replies from IT.")
    ingest(workspace, share, PASSPHRASE)
    mine = _send(survey, share, "Slow replies from IT.")
    report = ingest(workspace, share, PASSPHRASE)
    [held] = report.quarantined
    assert held.reason.startswith("held for review: the respondent's department already has")
    assert is_received(share, WAVE, mine) is True
