"""Share permissions: a new share's folders keep colleagues away from each other's files."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest

from desktop_app.cli import main
from surveys.inbox import share_status
from surveys.share_access import access_problems
from surveys.transport import SHARE_FOLDERS, prepare_share
from tests.surveys.transport_helpers import PASSPHRASE, publish

posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX modes")


@posix_only
def test_a_new_share_gets_drop_boxes_and_hr_only_folders(tmp_path: Path) -> None:
    share = prepare_share(tmp_path / "share")
    modes = {name: stat.S_IMODE((share / name).stat().st_mode) for name in SHARE_FOLDERS}
    assert modes == {
        "published": 0o755,
        "inbox": 0o1733,
        "archive": 0o700,
        "quarantine": 0o700,
        "requests": 0o1733,
        "tickets": 0o755,
    }
    assert access_problems(share) == [] and share_status(share).access_problems == []


@posix_only
def test_folders_an_administrator_made_are_left_alone_and_their_risks_named(
    tmp_path: Path,
) -> None:
    share = tmp_path / "share"
    for name in SHARE_FOLDERS:
        (share / name).mkdir(parents=True)
        os.chmod(share / name, 0o777)
    prepare_share(share)
    assert stat.S_IMODE((share / "inbox").stat().st_mode) == 0o777
    problems = access_problems(share)
    assert len(problems) == 6
    assert problems[0] == (
        "Anyone who can write to inbox/ can also delete or replace other people's files "
        f"there. On the file server, run: chmod 1733 {share / 'inbox'}"
    )
    assert any(f"chmod 755 {share / 'published'}" in p for p in problems)
    os.chmod(share / "inbox", 0o1777)  # the sticky bit alone protects other people's files
    assert not any("inbox/" in p for p in access_problems(share))


@posix_only
def test_a_receipts_folder_others_may_write_to_is_named(tmp_path: Path) -> None:
    share = prepare_share(tmp_path / "share")
    (share / "receipts").mkdir()
    os.chmod(share / "receipts", 0o777)
    assert access_problems(share) == [
        "Anyone can change what HR wrote in receipts/. On the file server, run: "
        f"chmod 755 {share / 'receipts'}"
    ]


@posix_only
def test_ingest_warns_about_an_unsafe_share_and_exits_3(workspace, tmp_path, monkeypatch, capsys):
    share = tmp_path / "share"
    publish(workspace, share)
    os.chmod(share / "inbox", 0o777)
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    assert main(["ingest", str(workspace), "--share", str(share)]) == 3
    err = capsys.readouterr().err
    assert "Warning: Anyone who can write to inbox/ can also delete" in err
    os.chmod(share / "inbox", 0o1733)
    assert main(["ingest", str(workspace)]) == 0
    assert "Warning" not in capsys.readouterr().err


#: What a colleague (another account) tries in the inbox: add an answer, list, delete another's.
_COLLEAGUE = (
    'printf sealed > "$1/mine.rapport" || exit 9; '
    'ls "$1" > /dev/null 2>&1 && echo allowed || echo refused; '
    'rm -f "$1/theirs.rapport" 2> /dev/null && echo allowed || echo refused'
)


@posix_only
@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("runuser") is None,
    reason="needs root to act as another account",
)
def test_a_colleague_can_add_an_answer_but_not_list_or_delete_others() -> None:
    top = Path(tempfile.mkdtemp(prefix="rapport-share-"))
    try:
        os.chmod(top, 0o755)
        share = prepare_share(top / "share")
        os.chmod(share, 0o755)
        (share / "inbox" / "theirs.rapport").write_bytes(b"a colleague's sealed answer")
        run = subprocess.run(
            ["runuser", "-u", "nobody", "--", "sh", "-c", _COLLEAGUE, "sh", str(share / "inbox")],
            capture_output=True,
            text=True,
            check=True,
        )
        assert run.stdout.split() == ["refused", "refused"]
        assert (share / "inbox" / "mine.rapport").read_bytes() == b"sealed"
        assert (share / "inbox" / "theirs.rapport").exists()
    finally:
        shutil.rmtree(top)
