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
