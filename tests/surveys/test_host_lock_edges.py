"""The host lock's edges (surveys/host_lock.py): a beat and a release on two threads, a
lock left by a process of this computer that is gone, the gap after the lock's maker ends,
and two computers with one name. Real files in a temporary folder throughout."""

from __future__ import annotations

import socket
import threading

import pytest

from surveys import host_lock
from surveys.host_lock import LOCK_NAME, claim, read_holder


@pytest.fixture(autouse=True)
def this_computer(monkeypatch):
    monkeypatch.setattr(socket, "gethostname", lambda: "HR-DESK-7")


def test_a_beat_under_way_when_the_workspace_is_closed_does_not_make_the_lock_again(workspace):
    """The window's beat runs on a thread of its own: it read the lock (its own), then the
    share stalled; meanwhile the workspace was closed and the lock removed. The beat then
    wrote its heartbeat back, a lock nobody would remove."""
    lock = claim(workspace)
    read, go_on = threading.Event(), threading.Event()
    real = host_lock.read_holder

    def slow_read(folder):
        holder = real(folder)
        if threading.current_thread().name == "beat":
            read.set()
            go_on.wait(5)
        return holder

    host_lock.read_holder = slow_read
    try:
        beat = threading.Thread(target=lock.refresh, name="beat")
        beat.start()
        assert read.wait(5)
        closing = threading.Thread(target=lock.release)
        closing.start()
        closing.join(0.2)
        go_on.set()
        beat.join(5)
        closing.join(5)
    finally:
        host_lock.read_holder = real
    assert not (workspace / LOCK_NAME).exists()
    assert read_holder(workspace) is None


def _as_machine(monkeypatch, machine: str | None) -> None:
    """This process runs on the computer whose id (surveys.host_identity) is ``machine``."""
    from surveys import host_identity, host_lock_file

    for module in (host_identity, host_lock_file, host_lock):
        monkeypatch.setattr(module, "this_machine", lambda: machine)


def _dead_pid() -> int:
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()  # reaped: its number names no process any more
    return child.pid


def _plant_here(folder, pid: int, machine: str | None) -> None:
    import json
    import time

    record = {"host": "HR-DESK-7", "machine": machine, "pid": pid, "since": time.time(),
              "heartbeat": time.time(), "claim": "0123456789abcdef"}  # fmt: skip
    (folder / LOCK_NAME).write_text(json.dumps(record))


def test_two_computers_with_one_name_are_two_computers(workspace, monkeypatch):
    """A re-imaged PC beside the old one, or two networks' DESKTOP-1: by its name alone the
    second computer shared the workspace with the first, which can damage it."""
    from surveys.host_lock import WorkspaceInUseError
    from surveys.store import open_workspace

    _as_machine(monkeypatch, "a1a1a1a1a1a1a1a1")
    lock = claim(workspace)
    monkeypatch.setattr(host_lock, "_held", {})  # now as the other computer's process
    _as_machine(monkeypatch, "b2b2b2b2b2b2b2b2")
    with pytest.raises(WorkspaceInUseError) as caught:
        claim(workspace)
    assert "“HR-DESK-7” (another computer with the same name as this one)" in str(caught.value)
    with pytest.raises(WorkspaceInUseError):
        open_workspace(workspace)
    _as_machine(monkeypatch, "a1a1a1a1a1a1a1a1")  # the first computer: still its own
    open_workspace(workspace).close()
    lock.release()
    assert not (workspace / LOCK_NAME).exists()


def test_a_lock_without_a_computer_id_is_judged_by_its_name_as_before(workspace, monkeypatch):
    """A lock of an earlier Rapport (or of a system that gives no id) has no ``machine``."""
    _as_machine(monkeypatch, "a1a1a1a1a1a1a1a1")
    _plant_here(workspace, 4242, None)
    assert not claim(workspace).owner  # shared with this computer's other process


def test_a_lock_left_by_a_crashed_rapport_of_this_computer_is_taken_over_at_once(
    workspace, monkeypatch
):
    """The window was killed (a crash, kill -9): reopened on the same computer, it shared
    the dead process's lock for up to 3 minutes, with nobody refreshing it, and the lock
    then went stale under a running window (another computer could take it over)."""
    _as_machine(monkeypatch, "a1a1a1a1a1a1a1a1")
    _plant_here(workspace, _dead_pid(), "a1a1a1a1a1a1a1a1")
    lock = claim(workspace)
    assert lock.owner and read_holder(workspace).claim_id == lock.claim_id
    lock.release()
    assert not (workspace / LOCK_NAME).exists()


def test_a_process_that_ends_while_sharing_is_replaced_at_the_next_beat(workspace, monkeypatch):
    import subprocess
    import sys

    _as_machine(monkeypatch, "a1a1a1a1a1a1a1a1")
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        _plant_here(workspace, other.pid, "a1a1a1a1a1a1a1a1")
        lock = claim(workspace)
        assert not lock.owner  # it runs: shared
        other.kill()
        other.wait()
        assert lock.refresh() is None
        assert lock.owner and read_holder(workspace).claim_id == lock.claim_id
    finally:
        other.kill()
        other.wait()
    lock.release()


def test_another_computers_process_number_is_never_asked_about(workspace, monkeypatch):
    """A lock with this computer's name but another computer's id names a process of that
    computer: its number means nothing here."""
    _as_machine(monkeypatch, "a1a1a1a1a1a1a1a1")
    _plant_here(workspace, _dead_pid(), "b2b2b2b2b2b2b2b2")
    with pytest.raises(host_lock.WorkspaceInUseError):
        claim(workspace, take_over=True)  # fresh: never taken over


def test_an_owner_that_ends_hands_the_lock_to_a_process_still_using_it(workspace, monkeypatch):
    """A `rapport ingest` made the lock, the window opened beside it and shared it; when
    the ingest ended it removed the lock, and for up to a minute (until the window's next
    beat) the workspace looked free to every other computer."""
    _as_machine(monkeypatch, "a1a1a1a1a1a1a1a1")
    ingest = claim(workspace)
    monkeypatch.setattr(host_lock, "_held", {})  # the window: another process
    window = claim(workspace)
    assert ingest.owner and not window.owner
    ingest.release()
    holder = read_holder(workspace)  # never absent
    assert holder is not None and holder.claim_id == window.claim_id and not holder.stale
    assert holder.sharers == ()
    assert window.refresh() is None and window.owner  # its beat: it carries on as owner
    assert read_holder(workspace).claim_id == window.claim_id
    window.release()
    assert not (workspace / LOCK_NAME).exists()


def test_a_sharer_that_is_gone_is_not_handed_the_lock(workspace, monkeypatch):
    from surveys import host_lock_share

    _as_machine(monkeypatch, "a1a1a1a1a1a1a1a1")
    lock = claim(workspace)
    listed = host_lock_share.record(read_holder(workspace), sharers=[(_dead_pid(), "ab" * 8)])
    (workspace / LOCK_NAME).write_bytes(listed)
    assert lock.refresh() is None
    assert read_holder(workspace).sharers == ()  # the owner's beat drops it
    (workspace / LOCK_NAME).write_bytes(listed)
    lock.release()
    assert not (workspace / LOCK_NAME).exists()


@pytest.mark.parametrize("pid", [2**70, -5, 0])
def test_a_planted_process_number_is_no_process_and_time_decides(workspace, monkeypatch, pid):
    """A lock naming this computer with a number no process can have (os.kill raised
    OverflowError for 2**70) is shared like a running one, and goes stale with time."""
    _as_machine(monkeypatch, "a1a1a1a1a1a1a1a1")
    _plant_here(workspace, pid, "a1a1a1a1a1a1a1a1")
    assert not claim(workspace).owner


def _as_boot(monkeypatch, boot: str | None) -> None:
    """This process runs in the start of its system that :func:`this_boot` names ``boot``."""
    from surveys import host_identity, host_lock_file

    for module in (host_identity, host_lock_file, host_lock):
        monkeypatch.setattr(module, "this_boot", lambda: boot, raising=False)


def test_two_computers_copied_from_one_disk_image_are_two_computers(workspace, monkeypatch):
    """A clone carries the image's name and machine id: the second computer found the
    first's lock "of this computer", its process number running nowhere there, and took
    the lock over at once while the first window still wrote to the workspace."""
    from surveys.host_lock import WorkspaceInUseError

    _as_machine(monkeypatch, "a1a1a1a1a1a1a1a1")
    _as_boot(monkeypatch, "id:1111111111111111")
    _plant_here(workspace, _dead_pid(), "a1a1a1a1a1a1a1a1")  # no "boot": an earlier Rapport
    first = claim(workspace)
    assert first.owner
    monkeypatch.setattr(host_lock, "_held", {})  # now as the clone's process
    _as_boot(monkeypatch, "id:2222222222222222")
    with pytest.raises(WorkspaceInUseError) as caught:
        claim(workspace)
    assert "another computer copied from the same disk image" in str(caught.value)
    kept = read_holder(workspace)  # the first's lock, with the start it was made in
    assert kept.claim_id == first.claim_id and kept.boot == "id:1111111111111111"
    _as_boot(monkeypatch, "id:1111111111111111")  # the first computer: still its own
    assert first.refresh() is None and first.lost is None


def test_start_times_a_little_apart_are_one_start(monkeypatch):
    """Where the system gives no boot id, its start is worked out from the clock."""
    from surveys.host_identity import same_boot

    assert same_boot("t:1000", "t:1090") and not same_boot("t:1000", "t:1300")
    assert same_boot(None, "id:1") and same_boot("id:1", None)
    assert not same_boot("id:1", "id:2") and not same_boot("t:x", "t:1")


def test_a_lock_of_the_start_before_a_restart_says_when_to_take_it_over(workspace, monkeypatch):
    """Rapport was killed, the computer restarted and HR opened the workspace again within
    three minutes: the lock of the earlier start is refused (it might be a disk-image copy's),
    and "close Rapport there" alone left HR, who is "there", with nothing to do."""
    import json
    import os
    import time
    from datetime import datetime

    from surveys.host_lock import STALE_SECONDS, WorkspaceInUseError

    _as_machine(monkeypatch, "a1a1a1a1a1a1a1a1")
    _as_boot(monkeypatch, "id:2222222222222222")  # this start; the lock is of the one before
    beat = time.time() - 30
    record = {"host": "HR-DESK-7", "machine": "a1a1a1a1a1a1a1a1", "boot": "id:1111111111111111",
              "pid": _dead_pid(), "since": beat - 600, "heartbeat": beat,
              "claim": "0123456789abcdef"}  # fmt: skip
    (workspace / LOCK_NAME).write_text(json.dumps(record))
    with pytest.raises(WorkspaceInUseError) as caught:
        claim(workspace, hint="choose Open anyway")
    said = str(caught.value)
    after = datetime.fromtimestamp(beat + STALE_SECONDS + 60).strftime("%H:%M")
    assert "If this computer was restarted since, that Rapport no longer runs" in said
    assert f"try again after {after}, when it has not confirmed for 3 minutes" in said
    assert said.endswith("and choose Open anyway.")
    _as_boot(monkeypatch, "id:1111111111111111")  # the same start: its process really runs
    record["pid"] = os.getpid()
    (workspace / LOCK_NAME).write_text(json.dumps(record))
    monkeypatch.setattr(host_lock, "_held", {})
    _as_machine(monkeypatch, "b2b2b2b2b2b2b2b2")  # another computer of this name: no note
    with pytest.raises(WorkspaceInUseError) as caught:
        claim(workspace)
    assert "restarted" not in str(caught.value)
