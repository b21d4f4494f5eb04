"""Twelfth hostile round: every file quarantined for one reason is deleted at once.

A colleague's flood fills the quarantine; the Pulses section lists only its first 500
files by name, so HR needs to delete the junk for the rest to show (the window's test is
``tests/desktop_app/test_pulses_inbox.py``). Here: only the files like the reason go, those
HR was asked about and no other, a file that cannot be deleted is said and does not stop the
others, and a stop stops.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from surveys.inbox import (
    REASON_SUFFIX,
    delete_quarantined_like,
    quarantined_like,
    share_status,
)

JUNK = "it is not a Rapport sealed file (its first bytes are wrong)"
HELD = (
    "held for review: 2 submissions with the same ratings and comments arrived together "
    "(set 0123abcd)"
)


def _quarantined(share: Path, name: str, reason: str, folder: bool = False) -> None:
    path = share / "quarantine" / name
    path.mkdir() if folder else path.write_bytes(b"x")
    (path.parent / (name + REASON_SUFFIX)).write_text(f"{name} could not be stored: {reason}.\n")


def _share(tmp_path: Path) -> Path:
    share = tmp_path / "share"
    (share / "quarantine").mkdir(parents=True)
    (share / "inbox").mkdir()
    return share


def test_only_the_reasons_files_are_deleted_and_a_failure_does_not_stop_it(tmp_path) -> None:
    share = _share(tmp_path)
    for number in range(30):
        _quarantined(share, f"{number:032x}.rapport", JUNK)
    _quarantined(share, "00.rapport", JUNK, folder=True)  # cannot be unlinked
    _quarantined(share, "ff.rapport", HELD)
    _quarantined(share, "fe.rapport", "")  # a reason file that says nothing readable
    (share / "quarantine" / "fe.rapport.reason.txt").write_text("garbage")

    names = quarantined_like(share, JUNK)
    deleted, problem = delete_quarantined_like(share, names)

    assert len(names) == 31 and deleted == 30
    assert problem.startswith("could not use ") and "00.rapport" in problem
    left = sorted(item.name for item in share_status(share).quarantined)
    assert left == ["00.rapport", "fe.rapport", "ff.rapport"]
    assert quarantined_like(share, "no reason was recorded") == ["fe.rapport"]


def test_numbered_reasons_are_alike_but_held_answers_only_for_the_same_reason(tmp_path) -> None:
    """Sealed junk is refused "answer 1: …" to "answer 2000: …": one reason each, so the
    flood took one question per file; an answer held for review is someone's, and another
    burst's (another number) is not like it."""
    share = _share(tmp_path)
    for number in range(1, 41):
        _quarantined(share, f"{number:04}.rapport", f"answer {number}: the value is not 1 to 5")
    _quarantined(share, "h2.rapport", HELD)
    _quarantined(share, "h3.rapport", HELD.replace("2 submissions", "3 submissions"))

    assert len(quarantined_like(share, "answer 7: the value is not 1 to 5")) == 40
    assert quarantined_like(share, HELD) == ["h2.rapport"]


def test_a_file_quarantined_after_the_question_is_kept_and_a_stop_stops(tmp_path) -> None:
    share = _share(tmp_path)
    for number in range(10):
        _quarantined(share, f"{number:02}.rapport", JUNK)
    asked = quarantined_like(share, JUNK)
    _quarantined(share, "99.rapport", JUNK)  # an ingest quarantines it while HR reads

    calls = []
    deleted, _ = delete_quarantined_like(share, asked, lambda: calls.append(1) or len(calls) > 4)

    assert deleted == 4
    left = {item.name for item in share_status(share).quarantined}
    assert "99.rapport" in left and len(left) == 7
    assert delete_quarantined_like(share, asked) == (6, "")
    assert [item.name for item in share_status(share).quarantined] == ["99.rapport"]


def test_a_name_with_path_parts_is_never_deleted(tmp_path) -> None:
    share = _share(tmp_path)
    (share / "inbox" / "keep.rapport").write_bytes(b"x")
    deleted, problem = delete_quarantined_like(share, ["../inbox/keep.rapport"])
    assert deleted == 0 and "not a quarantined file" in problem
    assert (share / "inbox" / "keep.rapport").exists()


def test_a_quarantine_that_is_a_link_is_not_deleted_through(tmp_path) -> None:
    """Whoever may change where a linked ``quarantine/`` points would choose what goes:
    every file there without a reason file reads "no reason was recorded"."""
    share = _share(tmp_path)
    (share / "quarantine").rmdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "answers.db").write_bytes(b"x")
    (share / "quarantine").symlink_to(elsewhere)
    with pytest.raises(OSError, match="symbolic link"):
        quarantined_like(share, "no reason was recorded")
    assert (elsewhere / "answers.db").exists()
