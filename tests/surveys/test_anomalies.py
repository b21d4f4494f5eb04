"""Anomaly checks at ingest (every mode): bursts of near-identical answers and answers beyond
a department's headcount are held for HR's review, never silently stored or lost."""

from __future__ import annotations

from pathlib import Path

from surveys.inbox import retry_quarantined
from surveys.ingest import ingest
from surveys.outbox import deliver
from surveys.store import open_workspace
from tests.surveys.transport_helpers import PASSPHRASE, publish, submission


def _count(workspace: Path) -> int:
    db = open_workspace(workspace)
    try:
        return db.execute("SELECT count(*) FROM submissions").fetchone()[0]
    finally:
        db.close()


def test_a_burst_of_identical_answers_is_held_until_reviewed(workspace, tmp_path) -> None:
    share = tmp_path / "share"
    survey = publish(workspace, share)
    same = ({"IT": {"timely": 1, "overall": 1}}, {"IT": "They  never answer."})
    for _ in range(3):
        deliver(submission(*same), survey, share)
    deliver(submission(same[0], {"IT": "they never answer"}), survey, share)  # near-identical
    deliver(submission({"IT": {"timely": 4}}, {"IT": "Fine lately."}), survey, share)
    deliver(submission({"IT": {"timely": 1}}), survey, share)  # too little to compare
    deliver(submission({"IT": {"timely": 1}}), survey, share)
    report = ingest(workspace, share, PASSPHRASE)
    assert report.stored == 3
    held = [q for q in report.quarantined if q.reason.startswith("held for review")]
    assert len(held) == 4 and len(report.quarantined) == 4
    assert "4 submissions with the same ratings and comments" in held[0].reason
    assert "never answer" not in held[0].reason.lower()  # the content is never quoted
    # HR looks, and takes one back: alone, it is stored.
    retry_quarantined(share, held[0].name)
    assert ingest(workspace, share, PASSPHRASE).stored == 1
    assert _count(workspace) == 4


def test_answers_beyond_the_headcount_are_held(workspace, tmp_path) -> None:
    share = tmp_path / "share"
    survey = publish(workspace, share)
    db = open_workspace(workspace)
    with db.atomic():
        db.execute("UPDATE departments SET headcount = 2 WHERE name = 'Sales'")
    db.close()
    for value in (1, 2, 3):
        deliver(submission({"IT": {"timely": value}}), survey, share)
    report = ingest(workspace, share, PASSPHRASE)
    assert report.stored == 2
    [held] = report.quarantined
    assert held.reason.startswith("held for review: the respondent's department already has")
    assert "headcount, 2 (set " in held.reason and "Sales" not in held.reason
    # A changed answer from someone already counted is not an extra person.
    db = open_workspace(workspace)
    first_token = db.execute("SELECT token FROM submissions LIMIT 1").fetchone()[0]
    db.close()
    newer = submission({"IT": {"timely": 5}}, token=first_token, day="2026-10-06")
    deliver(newer, survey, share)
    assert ingest(workspace, share, PASSPHRASE).replaced == 1
    assert _count(workspace) == 2


def _ticketed_twins(workspace: Path, tmp_path: Path, owners: tuple[str, str]):
    """Two accounts (``owners``: who the share says wrote each request) answer the same."""
    from surveys.ticket_wait import deliver_ticketed
    from tests.surveys.ticket_helpers import make_world

    world = make_world(workspace, tmp_path)
    survey = world.publish()
    for person, owner in zip(("frank", "eve"), owners, strict=True):
        ticket = world.request(person, survey)
        world.owners.by_name[f"{ticket.request}.request"] = owner
    assert world.sign().signed == 2
    # Five ratings, no comment: enough to compare (anomalies.MIN_RATINGS).
    all_fours = {
        "IT": dict.fromkeys(("frequent", "timely", "accurate", "overall"), 4),
        "Marketing": {"overall": 4},
    }
    for person in ("frank", "eve"):
        with world.person(person):
            sent = deliver_ticketed(submission(all_fours), survey, world.share, "Sales")
            assert sent.status == "delivered"
    return ingest(workspace, world.share, PASSPHRASE)


def test_a_colleague_with_one_ticket_cannot_hold_back_an_honest_answer_by_copying_it(
    workspace, tmp_path
) -> None:
    # eve sends what frank is likely to send (all fours) in the same batch: each carries a
    # valid ticket of its own account, so they are two people's answers.
    report = _ticketed_twins(workspace, tmp_path, ("frank", "eve"))
    assert (report.stored, report.quarantined) == (2, [])


def test_identical_answers_on_a_share_with_one_owner_for_everyone_are_still_held(
    workspace, tmp_path
) -> None:
    from tests.surveys.ticket_helpers import HR

    # The share maps everybody to HR's account, which HR's app signs for each time: one
    # person may hold both tickets.
    report = _ticketed_twins(workspace, tmp_path, (HR, HR))
    assert report.stored == 0
    assert [q.reason.startswith("held for review") for q in report.quarantined] == [True, True]


def test_two_copies_of_one_answer_are_one_answer_not_a_burst(workspace, tmp_path) -> None:
    """A respondent's app killed after writing its inbox copy but before renaming it sends
    the answer again: the whole temporary file (taken once stale) and the final file are
    the same sealed answer. They used to be held for review as a 'burst'."""
    import os

    share = tmp_path / "share"
    survey = publish(workspace, share)
    answer = submission({"IT": {"timely": 2, "overall": 2}}, {"IT": "Tickets wait a week."})
    delivered = deliver(answer, survey, share).path
    leftover = delivered.parent / f".{delivered.name}.x1y2z3.tmp"
    os.link(delivered, leftover)  # the same bytes, as the crash left them
    report = ingest(workspace, share, PASSPHRASE, stale_after=0)  # both in one batch
    assert report.quarantined == []
    assert report.stored == 1 and _count(workspace) == 1
    assert list((share / "inbox").iterdir()) == []
