"""Twelfth hostile round: every file quarantined for one reason is deleted at once.

A colleague's flood fills the quarantine; the Pulses section lists only its first 500
files by name, so HR needs to delete the junk for the rest to show (the window's test is
``tests/desktop_app/test_pulses_inbox.py``). Here: only that reason's files go, a file
that cannot be deleted is said and does not stop the others.
"""

from __future__ import annotations

from pathlib import Path

from surveys.inbox import REASON_SUFFIX, delete_quarantined_like, share_status

JUNK = "it is not a Rapport sealed file (its first bytes are wrong)"
HELD = "held for review: 2 submissions with the same ratings and comments arrived together"


def _quarantined(share: Path, name: str, reason: str, folder: bool = False) -> None:
    path = share / "quarantine" / name
    path.mkdir() if folder else path.write_bytes(b"x")
    (path.parent / (name + REASON_SUFFIX)).write_text(f"{name} could not be stored: {reason}.\n")


def test_only_the_reasons_files_are_deleted_and_a_failure_does_not_stop_it(tmp_path) -> None:
    share = tmp_path / "share"
    (share / "quarantine").mkdir(parents=True)
    (share / "inbox").mkdir()
    for number in range(30):
        _quarantined(share, f"{number:032x}.rapport", JUNK)
    _quarantined(share, "00.rapport", JUNK, folder=True)  # cannot be unlinked
    _quarantined(share, "ff.rapport", HELD)
    _quarantined(share, "fe.rapport", "")  # a reason file that says nothing readable
    (share / "quarantine" / "fe.rapport.reason.txt").write_text("garbage")

    deleted, problem = delete_quarantined_like(share, JUNK)

    assert deleted == 30
    assert problem.startswith("could not use ") and "00.rapport" in problem
    left = sorted(item.name for item in share_status(share).quarantined)
    assert left == ["00.rapport", "fe.rapport", "ff.rapport"]
    assert delete_quarantined_like(share, "no reason was recorded") == (1, "")
    assert delete_quarantined_like(tmp_path / "gone", JUNK)[0] == 0
