"""Why a recent workspace cannot be opened now, asked of the file system only."""

from __future__ import annotations

import os

import pytest

from surveys.store import create_workspace
from surveys.workspace_checks import recent_workspace_problem


def test_a_workspace_that_is_there_has_no_problem(tmp_path) -> None:
    create_workspace(tmp_path / "ws", headcounts={"Sales": 4, "IT": 3}).close()
    assert recent_workspace_problem(tmp_path / "ws") is None


def test_a_folder_that_is_gone_may_be_on_a_share_not_connected(tmp_path) -> None:
    reason, advice = recent_workspace_problem(tmp_path / "share" / "ws")
    assert reason == "not found"
    assert "connect the network drive or shared folder" in advice


def test_a_folder_without_its_database(tmp_path) -> None:
    reason, advice = recent_workspace_problem(tmp_path)
    assert reason == "no workspace in this folder" and "rapport.db" in advice


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_folder(tmp_path) -> None:
    folder = tmp_path / "ws"
    create_workspace(folder, headcounts={"Sales": 4, "IT": 3}).close()
    folder.chmod(0o555)
    try:
        reason, advice = recent_workspace_problem(folder)
    finally:
        folder.chmod(0o755)
    assert reason == "read-only" and "write access" in advice


def test_a_workspace_open_on_another_computer_says_which(workspace, monkeypatch) -> None:
    import socket

    from surveys.host_lock import STALE_SECONDS
    from tests.surveys.test_host_lock import plant

    monkeypatch.setattr(socket, "gethostname", lambda: "HR-DESK")
    plant(workspace, "HR-LAPTOP\x1b[2J")
    reason, advice = recent_workspace_problem(workspace)
    assert reason == "open on HR-LAPTOP[2J" and "Close it there, or wait" in advice
    plant(workspace, "HR-LAPTOP", age=STALE_SECONDS + 60)
    reason, advice = recent_workspace_problem(workspace)
    assert reason == "left open on HR-LAPTOP" and "Open anyway" in advice
    plant(workspace, "hr-desk")  # this computer's own window or command: fine
    assert recent_workspace_problem(workspace) is None
