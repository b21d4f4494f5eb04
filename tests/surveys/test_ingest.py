"""Ingest: sealed files from the inbox into the workspace, idempotently, with quarantine."""

from __future__ import annotations

import json
import tarfile
from dataclasses import replace
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from surveys.archive import members
from surveys.inbox import content_name
from surveys.ingest import IngestError, ingest
from surveys.intake import SubmissionError, store_submission
from surveys.keys import WorkspaceKeyError, seal
from surveys.outbox import deliver
from surveys.store import open_workspace
from tests.surveys.transport_helpers import PASSPHRASE, publish, submission

IDS = {"Sales": 1, "IT": 2, "Marketing": 3, "Operations": 4}


def _answers(workspace: Path) -> list[tuple]:
    db = open_workspace(workspace)
    return db.execute(
        "SELECT s.token, d.name, t.name, a.item, a.value FROM answers a "
        "JOIN submissions s ON s.id = a.submission_id JOIN departments d ON d.id = a.from_id "
        "JOIN departments t ON t.id = a.to_id ORDER BY s.token, t.name, a.item"
    ).fetchall()


def _deliver_in_order(survey, share: Path, *subs) -> list[Path]:
    """Deliver each submission in turn; return the inbox files."""
    return [deliver(sub, survey, share).path for sub in subs]


def _archived_names(paths: list[Path]) -> list[str]:
    """The names HR's archive copies of these inbox files get (a digest of the content)."""
    return sorted(content_name(path.read_bytes()) for path in paths)


def test_round_trip_stores_exactly_what_was_answered(workspace: Path, tmp_path: Path) -> None:
    share = tmp_path / "share"
    survey = publish(workspace, share)
    first = submission(
        {"IT": {"timely": 2, "overall": 1}, "Operations": {"frequent": 5}},
        {"IT": "Three weeks for a report change, again."},
        token="1" * 64,
    )
    second = submission({"Sales": {"accurate": 4}}, department="Marketing", token="2" * 64)
    paths = _deliver_in_order(survey, share, first, second)
    archived = _archived_names(paths)
    progress: list[float] = []

    report = ingest(workspace, share, PASSPHRASE, lambda f, m: progress.append(f))

    assert (report.stored, report.replaced, report.duplicates, report.quarantined) == (2, 0, 0, [])
    assert progress == [1.0]
    assert _answers(workspace) == [
        ("1" * 64, "Sales", "IT", "overall", 1),
        ("1" * 64, "Sales", "IT", "timely", 2),
        ("1" * 64, "Sales", "Operations", "frequent", 5),
        ("2" * 64, "Marketing", "Sales", "accurate", 4),
    ]
    db = open_workspace(workspace)
    assert db.execute("SELECT from_id, to_id, text FROM comments").fetchall() == [
        (1, 2, "Three weeks for a report change, again.")
    ]
    assert db.execute("SELECT id, day, source FROM submissions ORDER BY token").fetchall() == [
        (first.id, "2026-10-05", "share"),
        (second.id, "2026-10-05", "share"),
    ]
    assert list((share / "inbox").iterdir()) == []
    assert members(share / "archive") == archived
    assert len(list((share / "archive").iterdir())) == 1  # one tar file per batch


def test_same_token_newest_wins_and_rerun_after_crash_changes_nothing(workspace, tmp_path):
    share = tmp_path / "share"
    survey = publish(workspace, share)
    token = "7" * 64
    # The answer counter (this machine's order of answering) decides, not arrival.
    older = replace(submission({"IT": {"timely": 1}}, token=token, day="2026-10-03"), counter=2)
    newer = replace(submission({"IT": {"timely": 4}}, token=token, day="2026-10-03"), counter=3)
    stale = replace(submission({"IT": {"timely": 2}}, token=token, day="2026-10-01"), counter=1)
    _deliver_in_order(survey, share, older, newer, stale)  # the stale one arrives last

    report = ingest(workspace, share, PASSPHRASE)
    # Files are taken in name order (random names): which older one counts as replaced and
    # which as superseded depends on it; the answer that stays does not.
    assert report.stored == 1 and report.replaced + report.superseded == 2
    assert _answers(workspace) == [(token, "Sales", "IT", "timely", 4)]

    # A crash after the commit but before the moves leaves every file in the inbox: as
    # extracting the archive into the inbox does.
    [tar] = (share / "archive").iterdir()
    with tarfile.open(tar) as archived:
        archived.extractall(share / "inbox", filter="data")
    again = ingest(workspace, share, PASSPHRASE)
    assert (again.stored, again.replaced, again.duplicates, again.superseded) == (0, 0, 3, 0)
    assert _answers(workspace) == [(token, "Sales", "IT", "timely", 4)]


def test_bad_files_are_quarantined_with_a_reason(workspace: Path, tmp_path: Path) -> None:
    share = tmp_path / "share"
    survey = publish(workspace, share)
    good = deliver(submission({"IT": {"timely": 3}}), survey, share).path
    archived = _archived_names([good])
    tampered = deliver(submission({"IT": {"timely": 3}}, {"IT": "secret words"}), survey, share)
    blob = bytearray(tampered.path.read_bytes())
    blob[-20] ^= 0xFF
    tampered.path.write_bytes(bytes(blob))
    foreign_key = X25519PrivateKey.generate().public_key().public_bytes_raw()
    foreign = share / "inbox" / "foreign.rapport"
    foreign.write_bytes(
        seal(json.dumps(submission({"IT": {"timely": 3}}).to_dict()).encode(), foreign_key)
    )
    (share / "inbox" / "notes.txt").write_text("not a submission")
    unknown = deliver(
        submission({"IT": {"timely": 3}}, wave="1999-01"), _as_wave(survey, "1999-01"), share
    )
    self_rating = deliver(
        submission({"Sales": {"timely": 5}}, {"Sales": "We are great"}), survey, share
    )
    out_of_range = deliver(submission({"IT": {"timely": 6}}), survey, share)

    report = ingest(workspace, share, PASSPHRASE)

    assert report.stored == 1
    reasons = {item.name: item.reason for item in report.quarantined}
    assert set(reasons) == {
        tampered.path.name,
        "foreign.rapport",
        "notes.txt",
        unknown.path.name,
        self_rating.path.name,
        out_of_range.path.name,
    }
    assert "changed after it was written" in reasons[tampered.path.name]
    assert "another workspace" in reasons["foreign.rapport"]
    assert "not a Rapport sealed file" in reasons["notes.txt"]
    assert "a wave that this workspace does not know" in reasons[unknown.path.name]
    assert "cannot rate itself" in reasons[self_rating.path.name]
    assert "out of range" in reasons[out_of_range.path.name]
    quarantine = share / "quarantine"
    for name in reasons:
        assert (quarantine / name).exists()
        text = (quarantine / f"{name}.reason.txt").read_text()
        assert reasons[name] in text and "move it back into inbox/" in text
        assert "Sales" not in text and "secret words" not in text and "We are great" not in text
        assert "1999-01" not in text
    assert members(share / "archive") == archived
    assert list((share / "inbox").iterdir()) == []


def _as_wave(survey, wave: str):
    return replace(survey, wave=wave)


def test_wrong_passphrase_changes_nothing(workspace: Path, tmp_path: Path) -> None:
    share = tmp_path / "share"
    survey = publish(workspace, share)
    path = deliver(submission({"IT": {"timely": 3}}), survey, share).path
    with pytest.raises(WorkspaceKeyError, match="Wrong passphrase"):
        ingest(workspace, share, "a wrong passphrase")
    assert path.exists()
    assert _answers(workspace) == []


def test_unfinished_temp_files_are_left_alone_and_missing_inbox_is_explained(workspace, tmp_path):
    share = tmp_path / "share"
    publish(workspace, share)
    temp = share / "inbox" / ".abc.rapport.1234.tmp"
    temp.write_bytes(b"half a file")
    report = ingest(workspace, share, PASSPHRASE)
    assert report.files == 0 and temp.exists()
    with pytest.raises(IngestError, match="no inbox"):
        ingest(workspace, tmp_path / "elsewhere", PASSPHRASE)


def test_store_submission_for_single_machine_mode(workspace: Path, tmp_path: Path) -> None:
    publish(workspace, tmp_path / "share")
    db = open_workspace(workspace)
    sub = submission({"IT": {"timely": 2}}, {"IT": "Better handovers, please."}, token="3" * 64)
    assert store_submission(db, sub) == "stored"
    assert store_submission(db, sub) == "duplicate"
    newer = submission({"Marketing": {"overall": 5}}, token="3" * 64, day="2026-10-06")
    assert store_submission(db, newer) == "replaced"
    assert _answers(workspace) == [("3" * 64, "Sales", "Marketing", "overall", 5)]
    assert db.execute("SELECT count(*) FROM comments").fetchone() == (0,)
    with pytest.raises(SubmissionError, match="answer 2: an item is answered twice"):
        twice = submission({"IT": {"timely": 2}})
        store_submission(db, replace(twice, answers=twice.answers * 2))
    with pytest.raises(SubmissionError, match="department is not in this workspace"):
        store_submission(db, submission({"IT": {"timely": 2}}, department="Finance"))
    assert db.execute("SELECT count(*) FROM submissions").fetchone() == (1,)


def test_a_wave_with_targets_refuses_answers_about_other_departments(workspace, tmp_path):
    share = tmp_path / "share"
    survey = publish(workspace, share, targets=["IT"])
    assert survey.departments_to_rate("Sales") == ["IT"]
    ok = deliver(submission({"IT": {"timely": 3}}), survey, share).path
    off = deliver(submission({"IT": {"timely": 3}, "Marketing": {"timely": 3}}), survey, share)
    archived = _archived_names([ok])
    report = ingest(workspace, share, PASSPHRASE)
    assert report.stored == 1 and members(share / "archive") == archived
    (refused,) = report.quarantined
    assert refused.name == off.path.name
    assert refused.reason == "answer 2: this wave does not ask about that department"


def test_transport_offers_the_role_modules_public_names() -> None:
    import surveys.transport as transport

    assert transport.deliver is deliver and transport.ingest is ingest
    assert transport.store_submission is store_submission
    with pytest.raises(AttributeError):
        transport.no_such_name  # noqa: B018
