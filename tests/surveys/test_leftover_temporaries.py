"""Temporary files a crash left in the inbox and the outbox are cleaned up, losing nothing.

A respondent's app killed between writing a sealed file and renaming it leaves
``.<name>.<random>.tmp``: complete when the kill came after the last byte, partial before.
Before, both stayed forever: readers skip temporary files.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from surveys.archive import members
from surveys.ingest import ingest
from surveys.outbox import _sealed_bytes, flush_outbox, outbox_dir, pending_count
from surveys.store import open_workspace
from tests.surveys.transport_helpers import PASSPHRASE, publish, submission


def _sealed(survey, value: int) -> bytes:
    sub = submission({"IT": {"timely": value}}, token=f"{value}" * 64)
    return _sealed_bytes(replace(sub, counter=1), survey.public_key)


def _values(workspace: Path) -> list[int]:
    db = open_workspace(workspace)
    try:
        return [row[0] for row in db.execute("SELECT value FROM answers ORDER BY value")]
    finally:
        db.close()


def test_stale_inbox_temporaries_are_taken_if_whole_and_removed_if_partial(workspace, tmp_path):
    share = tmp_path / "share"
    survey = publish(workspace, share)
    inbox = share / "inbox"
    whole = inbox / ".aa.rapport.1234abcd.tmp"
    whole.write_bytes(_sealed(survey, 2))
    partial = inbox / ".bb.rapport.5678abcd.tmp"
    partial.write_bytes(_sealed(survey, 3)[:700])
    fresh = inbox / ".cc.rapport.9999abcd.tmp"

    report = ingest(workspace, share, PASSPHRASE, stale_after=0)
    fresh.write_bytes(b"a respondent is writing this right now")
    again = ingest(workspace, share, PASSPHRASE)  # default: fresh temporaries are left alone

    assert (report.stored, report.partial_removed, report.quarantined) == (1, 1, [])
    assert _values(workspace) == [2]
    assert sorted(p.name for p in inbox.iterdir()) == [fresh.name]
    assert again.files == 0
    assert len(members(share / "archive")) == 1


def test_stale_outbox_temporaries_are_delivered_if_whole(workspace, tmp_path, monkeypatch):
    import surveys.outbox as outbox

    monkeypatch.setattr(outbox, "STALE_SECONDS", 0)
    share = tmp_path / "share"
    survey = publish(workspace, share)
    folder = outbox_dir()
    (folder / ".dd.rapport.0001abcd.tmp").write_bytes(_sealed(survey, 4))
    (folder / ".ee.rapport.0002abcd.tmp").write_bytes(_sealed(survey, 5)[:-300])

    assert flush_outbox(share) == 1

    assert os.listdir(folder) == []
    assert pending_count() == 0
    ingest(workspace, share, PASSPHRASE)
    assert _values(workspace) == [4]
