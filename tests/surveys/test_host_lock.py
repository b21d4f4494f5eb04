"""One computer at a time: the workspace's lock file (surveys/host_lock.py).

"Another computer" is a lock file naming another host, or `socket.gethostname` patched
for the claimer. Real files in a temporary folder throughout.
"""

from __future__ import annotations

import errno
import json
import os
import socket
import stat
import time
from pathlib import Path

import pytest

from surveys import host_lock
from surveys.errors import WorkspaceError
from surveys.host_lock import LOCK_NAME, WorkspaceInUseError, claim, read_holder
from surveys.store import open_workspace


def _as_host(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setattr(socket, "gethostname", lambda: name)


def plant(folder: Path, host: str, *, age: float = 0.0, since: float | None = None) -> Path:
    """A lock as another computer's Rapport writes it, its heartbeat ``age`` seconds old."""
    beat = time.time() - age
    record = {"host": host, "pid": 4242, "since": since or beat - 3600, "heartbeat": beat,
              "claim": "0123456789abcdef"}  # fmt: skip
    path = folder / LOCK_NAME
    path.write_text(json.dumps(record))
    return path


def test_a_claim_names_this_computer_only_and_is_removed_on_release(workspace, monkeypatch):
    _as_host(monkeypatch, "HR-DESK-7")
    lock = claim(workspace)
    path = workspace / LOCK_NAME
    record = json.loads(path.read_text())
    assert record["host"] == "HR-DESK-7" and record["pid"] == os.getpid()
    assert abs(record["heartbeat"] - time.time()) < 5
    keys = {"host", "machine", "boot", "pid", "since", "heartbeat", "claim", "sharers", "note"}
    assert set(record) == keys and record["sharers"] == []
    assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0  # like rapport.db: 0600
    assert not [p for p in workspace.iterdir() if p.name.endswith(".tmp")]
    lock.release()
    assert not path.exists()


def test_an_hr_group_may_read_who_has_it_when_it_may_read_the_database(workspace):
    """A colleague's account in HR's group must be able to read the name, not only see
    that a lock it cannot read is there."""
    os.chmod(workspace / "rapport.db", 0o640)
    lock = claim(workspace)
    assert stat.S_IMODE((workspace / LOCK_NAME).stat().st_mode) == 0o640
    lock.release()


def test_another_computer_cannot_open_what_this_one_claimed(workspace, monkeypatch):
    _as_host(monkeypatch, "HR-DESK-7")
    lock = claim(workspace)
    _as_host(monkeypatch, "REPORT-SERVER")
    monkeypatch.setattr(host_lock, "_held", {})  # as another computer's process would be
    with pytest.raises(WorkspaceInUseError) as caught:
        open_workspace(workspace)
    message = str(caught.value)
    assert "“HR-DESK-7”" in message and "since" in message and "Close Rapport" in message
    with pytest.raises(WorkspaceInUseError):
        claim(workspace, take_over=True)  # fresh: never taken over
    _as_host(monkeypatch, "hr-desk-7")  # the same computer, another process (names: any case)
    open_workspace(workspace).close()
    monkeypatch.undo()
    lock.release()


def test_a_process_of_this_computer_shares_the_claim_and_leaves_its_file(workspace, monkeypatch):
    _as_host(monkeypatch, "HR-DESK-7")
    plant(workspace, "HR-DESK-7")  # the HR window, say
    before = read_holder(workspace)
    lock = claim(workspace)  # a `rapport ingest` on the same computer
    assert not lock.owner
    assert read_holder(workspace).sharers == ((os.getpid(), lock.claim_id),)  # listed
    open_workspace(workspace).close()
    lock.release()
    after = read_holder(workspace)  # the window's claim, as it was; the sharer unlisted
    assert (after.host, after.pid, after.claim_id) == (before.host, before.pid, before.claim_id)
    assert after.heartbeat == before.heartbeat and after.sharers == ()


def test_a_stale_claim_is_taken_over_only_when_asked(workspace, monkeypatch):
    _as_host(monkeypatch, "HR-LAPTOP")
    plant(workspace, "CRASHED-PC", age=host_lock.STALE_SECONDS + 60)
    with pytest.raises(WorkspaceInUseError) as caught:
        claim(workspace, hint="run it again with --take-over")
    assert caught.value.holder.stale
    assert "run it again with --take-over" in str(caught.value)
    lock = claim(workspace, take_over=True)
    assert read_holder(workspace).host == "HR-LAPTOP"
    open_workspace(workspace).close()
    lock.release()
    assert not (workspace / LOCK_NAME).exists()
    assert not list(workspace.glob(".rapport.lock.*"))


def test_the_heartbeat_keeps_a_long_run_from_looking_stale(workspace, monkeypatch):
    _as_host(monkeypatch, "HR-DESK-7")
    lock = claim(workspace)
    path = workspace / LOCK_NAME
    record = json.loads(path.read_text())
    record["heartbeat"] -= host_lock.STALE_SECONDS + 60  # as if it had not beaten for minutes
    path.write_text(json.dumps(record))
    assert read_holder(workspace).stale
    assert lock.refresh() is None
    assert not read_holder(workspace).stale
    lock.release()


def test_a_claim_taken_over_elsewhere_is_noticed_and_not_overwritten(workspace, monkeypatch):
    _as_host(monkeypatch, "HR-LAPTOP")
    lock = claim(workspace)
    path = plant(workspace, "HR-DESK-7")  # this laptop slept; the desk took it over
    taken = lock.refresh()
    assert taken is not None and taken.host == "HR-DESK-7" and lock.lost == taken
    lock.release()
    assert json.loads(path.read_text())["host"] == "HR-DESK-7"


def test_a_forged_future_heartbeat_does_not_lock_hr_out_for_good(workspace, monkeypatch):
    _as_host(monkeypatch, "HR-LAPTOP")
    path = plant(workspace, "MALLORY", age=-10 * 365 * 86400)
    assert read_holder(workspace).stale
    claim(workspace, take_over=True).release()
    assert not path.exists()


@pytest.mark.parametrize("forged", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_a_heartbeat_that_is_no_time_does_not_lock_hr_out_for_good(workspace, monkeypatch, forged):
    """Python's JSON reads NaN: ``abs(now - nan) > 180`` is false, so a lock whose times
    are NaN was never stale and not even ``--take-over`` could open the workspace (sixth
    hostile round)."""
    _as_host(monkeypatch, "HR-LAPTOP")
    path = workspace / LOCK_NAME
    path.write_text(
        f'{{"host": "MALLORY", "pid": 1, "since": {forged}, "heartbeat": {forged}, "claim": "abc"}}'
    )
    holder = read_holder(workspace)
    assert holder.stale and holder.host is None  # never a lock Rapport wrote
    with pytest.raises(WorkspaceInUseError, match="take it over"):
        claim(workspace).release()
    claim(workspace, take_over=True).release()
    assert not path.exists()


def _garbage(folder: Path) -> None:
    (folder / LOCK_NAME).write_bytes(b"\x00\xff not json {" * 10)
    old = time.time() - host_lock.STALE_SECONDS - 60
    os.utime(folder / LOCK_NAME, (old, old))


def _huge(folder: Path) -> None:
    with open(folder / LOCK_NAME, "wb") as handle:
        handle.truncate(1 << 40)  # sparse: a terabyte that must not be read


def _folder(folder: Path) -> None:
    (folder / LOCK_NAME).mkdir()
    (folder / LOCK_NAME / "inside.txt").write_text("x")


def _link(folder: Path) -> None:
    target = folder.parent / "elsewhere.json"
    target.write_text(json.dumps({"host": "FOLLOWED", "pid": 1, "since": time.time(),
                                  "heartbeat": time.time(), "claim": "x"}))  # fmt: skip
    (folder / LOCK_NAME).symlink_to(target)


def _pipe(folder: Path) -> None:
    os.mkfifo(folder / LOCK_NAME)  # reading it would wait for ever


@pytest.mark.parametrize("forge", [_garbage, _huge, _folder, _link, _pipe])
def test_a_forged_lock_is_never_followed_nor_read_and_can_be_taken_over(
    workspace, monkeypatch, forge
):
    _as_host(monkeypatch, "HR-LAPTOP")
    forge(workspace)
    with pytest.raises(WorkspaceInUseError) as caught:
        open_workspace(workspace)
    holder = caught.value.holder
    assert holder.host is None and holder.stale
    assert "cannot name" in str(caught.value) and "FOLLOWED" not in str(caught.value)
    lock = claim(workspace, take_over=True)
    assert read_holder(workspace).host == "HR-LAPTOP"
    open_workspace(workspace).close()
    lock.release()
    assert not os.path.lexists(workspace / LOCK_NAME)
    if forge is _link:
        assert "FOLLOWED" in (workspace.parent / "elsewhere.json").read_text()  # untouched


def test_recent_garbage_waits_like_a_fresh_lock(workspace, monkeypatch):
    """A lock being written this instant (no hard links on the share) is not taken over."""
    _as_host(monkeypatch, "HR-LAPTOP")
    (workspace / LOCK_NAME).write_bytes(b"")
    with pytest.raises(WorkspaceInUseError) as caught:
        claim(workspace, take_over=True)
    assert not caught.value.holder.stale


def test_a_computer_name_cannot_write_into_a_message(workspace, monkeypatch):
    _as_host(monkeypatch, "HR-LAPTOP")
    evil = "PC\x1b]0;owned\x07\u202e<b>gnp.exe</b>\r\n" + "Z" * 300
    plant(workspace, evil)
    with pytest.raises(WorkspaceInUseError) as caught:
        open_workspace(workspace)
    shown = host_lock.shown_host(caught.value.holder.host)
    assert len(shown) <= host_lock.MAX_HOST_CHARS
    assert all(ch.isprintable() for ch in shown) and "\u202e" not in shown
    assert shown in str(caught.value) and "\x1b" not in str(caught.value)


def test_a_read_only_folder_is_said_so(workspace, monkeypatch):
    def refuse(self):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(host_lock.HostLock, "_write_temp", refuse)
    with pytest.raises(WorkspaceError) as caught:
        claim(workspace)
    assert "the folder is read-only" in str(caught.value)
    assert "copy the whole folder" in str(caught.value)


def test_a_folder_without_a_workspace_is_not_claimed(tmp_path):
    claim(tmp_path).release()
    assert list(tmp_path.iterdir()) == []


def test_a_forked_child_leaves_its_parents_lock_at_exit(workspace, monkeypatch):
    lock = claim(workspace)
    parent = os.getpid()
    monkeypatch.setattr(os, "getpid", lambda: parent + 1)  # as in a forked child
    host_lock._release_all()
    assert (workspace / LOCK_NAME).exists()
    monkeypatch.undo()
    lock._count, lock.owner = 1, True
    lock.release()
    assert not (workspace / LOCK_NAME).exists()


def test_a_command_beats_while_it_runs(workspace, monkeypatch):
    monkeypatch.setattr(host_lock, "HEARTBEAT_SECONDS", 0.05)
    with host_lock.hold(workspace) as lock:
        first = read_holder(workspace).heartbeat
        deadline = time.time() + 10
        while read_holder(workspace).heartbeat == first and time.time() < deadline:
            time.sleep(0.02)
        assert read_holder(workspace).heartbeat > first
        assert lock.owner
    assert not (workspace / LOCK_NAME).exists()


def test_temporary_lock_files_a_killed_process_left_are_removed_once_stale(workspace):
    old = time.time() - host_lock.STALE_SECONDS - 60
    left = [workspace / f".{LOCK_NAME}.a1b2c3.tmp", workspace / f".{LOCK_NAME}.d4e5f6.old"]
    for path in left:
        path.write_text("{}")
        os.utime(path, (old, old))
    young = workspace / f".{LOCK_NAME}.0a0b0c.tmp"  # another process is writing it now
    young.write_text("{}")
    other = workspace / ".notes.tmp"
    other.write_text("HR's")
    os.utime(other, (old, old))
    claim(workspace).release()
    assert [p.exists() for p in left] == [False, False]
    assert young.exists() and other.exists()


def test_a_share_without_hard_links_still_gets_one_lock(workspace, monkeypatch):
    def no_links(src, dst):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    lock = claim(workspace)
    assert read_holder(workspace).claim_id == lock.claim_id
    monkeypatch.setattr(host_lock, "_held", {})  # as another process would be
    other = claim(workspace)
    assert not other.owner  # the file exists: shared, not an error
    other.release()
    lock.release()
    assert not (workspace / LOCK_NAME).exists()


def test_when_this_computers_owner_ends_a_sharing_process_claims_it_again(workspace, monkeypatch):
    _as_host(monkeypatch, "HR-DESK-7")
    window = plant(workspace, "HR-DESK-7")
    lock = claim(workspace)  # a command beside the window
    window.unlink()  # the window closed the workspace
    assert lock.refresh() is None
    assert read_holder(workspace).claim_id == lock.claim_id
    lock.release()
    assert not (workspace / LOCK_NAME).exists()


def test_a_stale_lock_of_this_computer_is_taken_over_without_asking(workspace, monkeypatch):
    _as_host(monkeypatch, "HR-DESK-7")
    plant(workspace, "HR-DESK-7", age=STALE_SECONDS_PLUS)  # this computer's crashed window
    lock = claim(workspace)
    assert lock.owner and read_holder(workspace).claim_id == lock.claim_id
    lock.release()


STALE_SECONDS_PLUS = host_lock.STALE_SECONDS + 60


def test_two_computers_taking_over_at_once_do_not_both_win(workspace, monkeypatch):
    """Between judging the lock stale and moving it aside, another computer took it over:
    its fresh lock is put back and this one is refused."""
    _as_host(monkeypatch, "HR-LAPTOP")
    path = plant(workspace, "CRASHED-PC", age=STALE_SECONDS_PLUS)
    real_rename = os.rename
    raced = []

    def racing(src, dst):
        if Path(src).name == LOCK_NAME and not raced:
            raced.append(True)
            record = {"host": "HR-DESK-9", "pid": 7, "since": time.time(),
                      "heartbeat": time.time(), "claim": "fedcba9876543210"}  # fmt: skip
            path.write_text(json.dumps(record))
        real_rename(src, dst)

    monkeypatch.setattr(os, "rename", racing)
    with pytest.raises(WorkspaceInUseError) as caught:
        claim(workspace, take_over=True)
    assert caught.value.holder.host == "HR-DESK-9"
    assert read_holder(workspace).host == "HR-DESK-9"


def test_a_computer_renamed_while_it_holds_the_workspace_keeps_it(workspace, monkeypatch):
    """macOS and DHCP-named Linux laptops change gethostname() with the network: the lock
    still carries the old name. It is this process's own claim (its claim id), not another
    computer's: the heartbeat must not report it taken over (the window would close the
    workspace naming this computer), and this process's connections must still open."""
    _as_host(monkeypatch, "hr-laptop.office.lan")
    lock = claim(workspace)
    _as_host(monkeypatch, "hr-laptop.home")
    open_workspace(workspace).close()  # a job's connection in this process
    assert lock.refresh() is None and lock.lost is None
    assert read_holder(workspace).host == "hr-laptop.home"  # the beat writes the new name
    lock.release()
    assert not (workspace / LOCK_NAME).exists()
