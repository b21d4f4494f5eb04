"""Nothing names the writer: no minute in the inbox, no owner or time in HR's copies.

Before, each sealed file kept its writer's owner and nanosecond modification time in
``inbox/`` and, after ingest, in ``archive/`` for ever; HR holds the key, so owner and time
could be joined to the answers. Ingest also followed symbolic links in the inbox.
"""

from __future__ import annotations

import json
import os
import tarfile
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path

import pytest

from surveys.ingest import ingest
from surveys.keys import seal
from surveys.outbox import deliver, flush_outbox
from surveys.store import open_workspace, set_setting
from tests.surveys.transport_helpers import PASSPHRASE, publish, submission


def _midnight() -> float:
    """The start of today, asked when a test checks (a run may cross midnight)."""
    return datetime.combine(date.today(), time()).timestamp()


OTHER_USER = 54321


def _count(workspace: Path) -> int:
    db = open_workspace(workspace)
    try:
        return db.execute("SELECT count(*) FROM submissions").fetchone()[0]
    finally:
        db.close()


def test_inbox_files_show_midnight_not_the_minute_they_were_written(workspace, tmp_path):
    share = tmp_path / "share"
    survey = publish(workspace, share)
    direct = deliver(submission({"IT": {"timely": 3}}), survey, share).path
    queued = deliver(submission({"IT": {"timely": 4}}), survey, None).path
    assert flush_outbox(share) == 1
    flushed = share / "inbox" / queued.name

    for path in (direct, flushed):
        info = path.stat()
        assert (info.st_mtime, info.st_atime) == (_midnight(), _midnight())


def _set_archive_days(workspace: Path, days) -> None:
    db = open_workspace(workspace)
    set_setting(db, "archive_days", days)
    db.close()


@pytest.mark.skipif(not hasattr(os, "chown") or os.geteuid() != 0, reason="needs chown")
def test_hrs_copies_carry_neither_the_writers_owner_nor_their_time(workspace, tmp_path):
    share = tmp_path / "share"
    survey = publish(workspace, share)
    good = deliver(submission({"IT": {"timely": 3}}), survey, share).path
    bad = deliver(
        submission({"IT": {"timely": 3}}, wave="1999-01"), replace(survey, wave="1999-01"), share
    ).path
    for path in (good, bad):
        os.chown(path, OTHER_USER, OTHER_USER)  # as a colleague's file on the share
        os.utime(path, (1_790_000_123.456, 1_790_000_123.456))

    report = ingest(workspace, share, PASSPHRASE)

    assert report.stored == 1 and len(report.quarantined) == 1
    [tar] = (share / "archive").iterdir()
    for copy in (tar, share / "quarantine" / bad.name):
        info = copy.stat()
        assert (info.st_uid, info.st_mtime, info.st_atime) == (
            os.getuid(),
            _midnight(),
            _midnight(),
        )
    with tarfile.open(tar) as archived:
        [member] = archived.getmembers()
    assert member.name != good.name and member.name.endswith(".rapport")  # the content's digest
    assert (member.uid, member.gid, member.uname, member.gname) == (0, 0, "", "")
    assert (member.mtime, member.mode) == (int(_midnight()), 0o600)
    assert list((share / "inbox").iterdir()) == []


def test_archive_retention_zero_keeps_no_copy(workspace, tmp_path) -> None:
    share = tmp_path / "share"
    survey = publish(workspace, share)
    _set_archive_days(workspace, 0)
    deliver(submission({"IT": {"timely": 3}}), survey, share)

    report = ingest(workspace, share, PASSPHRASE)

    assert report.stored == 1 and _count(workspace) == 1
    assert list((share / "archive").iterdir()) == []
    assert list((share / "inbox").iterdir()) == []


def test_old_archive_copies_expire_and_old_style_copies_are_rewritten(workspace, tmp_path):
    share = tmp_path / "share"
    survey = publish(workspace, share)
    _set_archive_days(workspace, 30)
    archive = share / "archive"
    archive.mkdir(exist_ok=True)
    expired = archive / "2026-01-02-0badc0de.tar"
    expired.write_bytes(b"an old batch")
    os.utime(expired, (_midnight() - 40 * 86400, _midnight() - 40 * 86400))
    kept = archive / "2026-01-02-5a5a5a5a.tar"
    kept.write_bytes(b"a recent batch")
    os.utime(kept, (_midnight() - 20 * 86400, _midnight() - 20 * 86400))
    moved = archive / "moved-by-an-older-rapport.rapport"  # with its writer's time
    moved.write_bytes(seal(b"{}", survey.public_key))
    os.utime(moved, (_midnight() - 3 * 86400 + 754.25, _midnight() - 3 * 86400 + 754.25))

    ingest(workspace, share, PASSPHRASE)

    names = sorted(os.listdir(archive))
    assert expired.name not in names and moved.name not in names and kept.name in names
    [packed] = [archive / name for name in names if name != kept.name]
    assert packed.stat().st_mtime == _midnight()
    with tarfile.open(packed) as tar:
        assert len(tar.getnames()) == 1  # the loose copy, packed like a batch


def test_symbolic_links_in_the_inbox_are_never_followed(workspace, tmp_path) -> None:
    share = tmp_path / "share"
    survey = publish(workspace, share)
    elsewhere = tmp_path / "elsewhere.rapport"
    sub = submission({"IT": {"timely": 3}}).to_dict()
    sub["counter"] = 1
    elsewhere.write_bytes(seal(json.dumps(sub).encode(), survey.public_key))
    link = share / "inbox" / "link.rapport"
    link.symlink_to(elsewhere)
    before = elsewhere.read_bytes()

    report = ingest(workspace, share, PASSPHRASE)

    assert report.stored == 0 and _count(workspace) == 0
    [item] = report.quarantined
    assert item.reason == "it is a symbolic link; Rapport never follows links"
    assert (share / "quarantine" / "link.rapport").is_symlink()
    assert elsewhere.read_bytes() == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_named_pipe_in_the_inbox_does_not_block_ingest(workspace, tmp_path) -> None:
    share = tmp_path / "share"
    survey = publish(workspace, share)
    os.mkfifo(share / "inbox" / "pipe.rapport")
    deliver(submission({"IT": {"timely": 3}}), survey, share)

    report = ingest(workspace, share, PASSPHRASE)

    assert report.stored == 1
    assert [(q.name, q.reason) for q in report.quarantined] == [
        ("pipe.rapport", "it is not a regular file")
    ]
