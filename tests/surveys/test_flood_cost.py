"""Thirteenth hostile round: a flood of junk files cost HR's ingest minutes.

Every file ingest quarantines gets HR's own copy and a reason beside it, each flushed to
disk (``os.fsync``) before the writer's file is deleted: about 10 ms a file here, so 20,000
one-byte files took ingest 280 s. A file this workspace's key cannot open, or whose content
is no answer (not valid JSON, a value out of range), is no one's answer whatever HR does: it
is now copied without a flush of its own (the folders are synced once per batch). An answer
held for review, refused by the workspace (a wave it does not know) or written with a newer
schema (an update takes it) is flushed as before.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from surveys.ingest import ingest
from surveys.keys import seal
from surveys.outbox import deliver
from tests.surveys.transport_helpers import PASSPHRASE, publish, submission

JUNK = 40


def _plain(**changes) -> bytes:
    data = submission({"IT": {"timely": 3, "overall": 4}}, {"IT": "Fine."}).to_dict()
    data.update(counter=1, **changes)
    return json.dumps(data).encode()


def _flushes(monkeypatch) -> list[str]:
    """The names of the files flushed to disk from now on."""
    flushed: list[str] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        flushed.append(os.path.basename(os.readlink(f"/proc/self/fd/{fd}")))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    return flushed


def _watch(monkeypatch, share: Path) -> tuple[list[int], list[str]]:
    """The calls of ``os.sync`` from now on, and the inbox files deleted before a sync
    that followed their copy into quarantine."""
    on_disk: set[str] = set()
    syncs: list[int] = []
    premature: list[str] = []
    real_unlink = os.unlink

    def sync() -> None:
        syncs.append(1)
        on_disk.update(os.listdir(share / "quarantine"))

    def unlink(path, *args, **kwargs) -> None:
        if Path(path).parent.name == "inbox" and Path(path).name not in on_disk:
            premature.append(Path(path).name)
        real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "sync", sync)
    monkeypatch.setattr(os, "unlink", unlink)
    return syncs, premature


def test_junk_files_are_not_flushed_and_answers_leave_only_once_on_disk(
    workspace, tmp_path, monkeypatch
) -> None:
    """Files that are nobody's answer (not sealed, or no answer inside) are copied without
    a flush and go at once. Answers held for review, refused by the workspace or of a
    newer schema were flushed one by one, a flush a file: their copies are now flushed
    with one ``os.sync`` at the end of the ingest, before their files leave the inbox
    (review of the thirteenth round: a colleague's flood of copies sealed with the
    published key took 30.9 s for 5,000)."""
    share = tmp_path / "share"
    survey = publish(workspace, share)
    inbox = share / "inbox"
    junk = set()
    for number in range(JUNK):
        junk |= {f"{number:032d}.rapport", f"v{number:031d}.rapport"}
        (inbox / f"{number:032d}.rapport").write_bytes(b"x")  # not sealed
        (inbox / f"v{number:031d}.rapport").write_bytes(
            seal(_plain(answers=[["IT", "timely", 9]]), survey.public_key)  # out of range
        )
    (inbox / "newer.rapport").write_bytes(seal(_plain(schema=99), survey.public_key))
    (inbox / "unknown.rapport").write_bytes(seal(_plain(wave="2031-01"), survey.public_key))
    for _ in range(2):  # a pair of copies, held for review
        deliver(submission({"IT": {"overall": 2}}, {"IT": "Tickets sit."}), survey, share)
    flushed = _flushes(monkeypatch)
    syncs, premature = _watch(monkeypatch, share)

    report = ingest(workspace, share, PASSPHRASE)

    assert len(report.quarantined) == 2 * JUNK + 4
    assert set(premature) == junk and len(syncs) == 1
    held = [item.name for item in report.quarantined if item.reason.startswith("held")]
    assert len(held) == 2 and not (share / "inbox" / held[0]).exists()
    assert not [name for name in flushed if ".rapport" in name]  # no copy flushed alone
    assert len(flushed) < 10  # folders, the workspace


def test_the_copies_and_reasons_are_there_as_before(workspace, tmp_path) -> None:
    share = tmp_path / "share"
    publish(workspace, share)
    (share / "inbox" / "a.rapport").write_bytes(b"x")
    [kept] = ingest(workspace, share, PASSPHRASE).quarantined
    folder = Path(share / "quarantine")
    assert (folder / kept.name).read_bytes() == b"x"
    assert "its first bytes are wrong" in (folder / (kept.name + ".reason.txt")).read_text()


def test_a_name_dropped_at_every_ingest_is_quarantined_in_a_few_looks(
    workspace, tmp_path, monkeypatch
) -> None:
    """A quarantined file whose name was taken got ``a.1.rapport``, ``a.2.rapport``...,
    each found by looking at every earlier copy: a colleague who drops the same names at
    every ingest made each ingest look longer (here 300 earlier copies: 302 looks for one
    file). A taken name now gets a random tag."""
    share = tmp_path / "share"
    publish(workspace, share)
    folder = share / "quarantine"
    for number in range(300):
        name = "a.rapport" if number == 0 else f"a.{number}.rapport"
        (folder / name).write_bytes(b"x")
        (folder / (name + ".reason.txt")).write_text("junk")
    (share / "inbox" / "a.rapport").write_bytes(b"x")
    looks = []
    real = os.path.lexists
    monkeypatch.setattr(os.path, "lexists", lambda p: looks.append(p) or real(p))

    [kept] = ingest(workspace, share, PASSPHRASE).quarantined

    assert kept.name.startswith("a.") and kept.name.endswith(".rapport")
    assert len([p for p in looks if "quarantine" in str(p)]) <= 6
    assert len(list(folder.iterdir())) == 602


def test_a_flood_with_one_content_under_names_not_kept_is_linear(
    workspace, tmp_path, monkeypatch
) -> None:
    """Files whose names are not kept (a space in them) are quarantined under their
    content's digest, the same for the same content: 3,000 one-byte files named "j k0" to
    "j k2999" each counted up past every earlier copy, 93 s of ingest against 4.8 s now
    (here 200 files: some 20,000 looks before, a few hundred now)."""
    share = tmp_path / "share"
    publish(workspace, share)
    for number in range(200):
        (share / "inbox" / f"j k{number}.rapport").write_bytes(b"x")
    looks = []
    real = os.path.lexists
    monkeypatch.setattr(os.path, "lexists", lambda p: looks.append(p) or real(p))

    assert len(ingest(workspace, share, PASSPHRASE).quarantined) == 200
    assert len([p for p in looks if "quarantine" in str(p)]) < 1000


def test_no_answer_to_another_workspace_leaves_the_inbox_before_its_copy_is_on_disk(
    workspace, tmp_path, monkeypatch
) -> None:
    """Review of the thirteenth round: a file this workspace's key cannot open was copied
    without a flush and the writer's file deleted at once, so a power cut could keep the
    deletion and lose the copy; yet it may be an answer sealed to another of HR's
    workspaces (a respondent who still has its survey), which that one's key opens. Such
    copies are now flushed with one ``os.sync`` before any of those files leaves; a file
    that is not sealed at all is still deleted at once, without a flush."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    share = tmp_path / "share"
    publish(workspace, share)
    other = X25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    names = [f"{number:032d}.rapport" for number in range(JUNK)]
    for name in names:
        (share / "inbox" / name).write_bytes(seal(_plain(), other))
    (share / "inbox" / "junk.rapport").write_bytes(b"x")
    syncs, premature = _watch(monkeypatch, share)
    flushed = _flushes(monkeypatch)

    assert len(ingest(workspace, share, PASSPHRASE, batch_size=10).quarantined) == JUNK + 1

    assert premature == ["junk.rapport"]  # not sealed: nobody's answer, no flush
    assert len(syncs) == 1  # one flush for the ingest, not one a file or a batch
    assert not [name for name in flushed if "0000000" in name]
    assert sorted(p.name for p in (share / "quarantine").glob("0*.rapport")) == names


def test_a_stopped_ingest_still_takes_the_copied_files_out_of_the_inbox(
    workspace, tmp_path
) -> None:
    """Files sealed to another key leave the inbox at the end of the ingest, once their
    copies are on disk; an ingest stopped after a batch (its progress callback raises, as
    the window's Cancel does) still takes out those it copied, and only those."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    from surveys.progress import Cancelled

    share = tmp_path / "share"
    publish(workspace, share)
    other = X25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    for number in range(25):
        (share / "inbox" / f"{number:032d}.rapport").write_bytes(seal(_plain(), other))

    def stop(fraction: float, message: str) -> None:
        raise Cancelled

    with pytest.raises(Cancelled):
        ingest(workspace, share, PASSPHRASE, progress=stop, batch_size=10)

    assert len(list((share / "inbox").glob("*.rapport"))) == 15
    assert len(list((share / "quarantine").glob("*.rapport"))) == 10
