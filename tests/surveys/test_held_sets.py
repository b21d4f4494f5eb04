"""Thirteenth hostile round: *Delete all like it* on a colleague's held copy took honest ones.

Every pair of copies held in one ingest was "held for review: 2 submissions with the same
ratings and comments arrived together …", word for word, and an answer held beyond its
department's headcount read the same in every department of that headcount. A colleague who
sent pairs of junk copies beside a held honest pair (or an honest answer beyond the
headcount of another department) filled the quarantine with that reason, and *Delete all
like it…* on any junk row deleted the honest answers too. Each set held together now
carries a random mark of its own, and only its own set is like it.
"""

from __future__ import annotations

from pathlib import Path

from surveys.inbox import delete_quarantined_like, quarantined, quarantined_like
from surveys.ingest import ingest
from surveys.outbox import deliver
from surveys.store import open_workspace
from tests.surveys.transport_helpers import PASSPHRASE, publish, submission

HONEST = "Tickets to IT sit for a week."


def _pair(survey, share: Path, comment: str, value: int = 2, department: str = "Sales") -> None:  # noqa: ANN001
    for _ in range(2):
        ratings = {"IT": {"timely": value, "accurate": value, "overall": value}}
        deliver(submission(ratings, {"IT": comment}, department=department), survey, share)


def _names(share: Path) -> set[str]:
    return {item.name for item in quarantined(share)}


def test_deleting_a_flood_of_held_pairs_keeps_an_honest_held_pair(workspace, tmp_path) -> None:
    share = tmp_path / "share"
    survey = publish(workspace, share)
    _pair(survey, share, HONEST)  # someone's answer and the colleague's copy of it
    ingest(workspace, share, PASSPHRASE)
    honest = _names(share)
    for number in range(30):
        _pair(survey, share, f"junk number {number}", value=1)
    report = ingest(workspace, share, PASSPHRASE)
    assert len(report.quarantined) == 60

    junk = next(item for item in quarantined(share) if item.name not in honest)
    names = quarantined_like(share, junk.reason)
    assert len(names) == 2 and not honest & set(names)
    assert delete_quarantined_like(share, names) == (2, "")
    assert honest <= _names(share) and len(_names(share)) == 60
    assert quarantined_like(
        share, next(i.reason for i in quarantined(share) if i.name in honest)
    ) == sorted(honest)


def test_answers_beyond_one_departments_headcount_are_not_like_anothers(
    workspace, tmp_path
) -> None:
    share = tmp_path / "share"
    survey = publish(workspace, share)
    db = open_workspace(workspace)
    with db.atomic():
        db.execute("UPDATE departments SET headcount = 1 WHERE name IN ('Sales', 'Marketing')")
    db.close()
    for department in ("Sales", "Marketing"):
        ratings = {"IT": {"timely": 3, "accurate": 3, "overall": 3}}
        deliver(submission(ratings, {"IT": "first"}, department=department), survey, share)
    ingest(workspace, share, PASSPHRASE)  # one each: both departments are at their headcount
    deliver(
        submission(
            {"IT": {"overall": 4}}, {"IT": "Marketing's second, honest"}, department="Marketing"
        ),
        survey,
        share,
    )
    for number in range(20):  # the colleague's flood from Sales
        deliver(submission({"IT": {"overall": 1}}, {"IT": f"junk {number}"}), survey, share)
    report = ingest(workspace, share, PASSPHRASE)
    assert len(report.quarantined) == 21
    reasons = [item.reason for item in quarantined(share)]
    assert len(set(reasons)) == 2 and all("headcount, 1 (set " in r for r in reasons)

    counts = sorted(len(quarantined_like(share, reason)) for reason in set(reasons))
    assert counts == [1, 20]


def test_the_ingest_summary_counts_held_sets_by_their_words(capsys) -> None:
    """The report lists 100 files, then counts the rest by reason: by the reason's words,
    or a flood of 500 held pairs read as 400 reasons of 1."""
    from desktop_app.commands.ingest import _print_files
    from surveys.anomalies import burst_twins
    from surveys.inbox import QuarantinedFile

    subs = [submission({"IT": {"overall": 1}}, {"IT": f"junk {n // 2}"}) for n in range(1000)]
    reasons = burst_twins(subs)
    _print_files("quarantine/", [QuarantinedFile(f"{n}.rapport", r) for n, r in reasons.items()])
    out = capsys.readouterr().out
    assert "    900: held for review: 2 submissions with the same ratings and comments " in out
    assert len(set(reasons.values())) == 500


def test_an_answer_held_before_the_marks_has_no_set_to_find(workspace, tmp_path) -> None:
    """Review of the thirteenth round: reasons written before the marks read alike for
    every pair, so finding "all like it" would take other people's answers."""
    import re

    import pytest

    share = tmp_path / "share"
    survey = publish(workspace, share)
    _pair(survey, share, HONEST)
    _pair(survey, share, "junk")
    ingest(workspace, share, PASSPHRASE)
    for path in (share / "quarantine").glob("*.reason.txt"):  # as an earlier Rapport wrote
        path.write_text(re.sub(r" \(set [0-9a-f]{8}\)", "", path.read_text()))
    [reason] = {item.reason for item in quarantined(share)}

    with pytest.raises(ValueError, match="earlier Rapport"):
        quarantined_like(share, reason)
    assert len(quarantined(share)) == 4
