"""The kiosk writes its waiting answers again after each delivery (`surveys.kiosk.mix_inbox`):
an ingest running at the same moment must neither lose nor double an answer."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pytest

from desktop_app.cli import main
from surveys.kiosk import mix_inbox
from surveys.outbox import deliver
from surveys.store import create_workspace
from tests.surveys.transport_helpers import PASSPHRASE, publish, submission


def test_mixing_while_ingest_runs_loses_and_doubles_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    workspace, folder = tmp_path / "ws", tmp_path / "kiosk"
    create_workspace(workspace, ["Sales", "IT", "Marketing"]).close()
    published = publish(workspace, folder)
    for person in range(40):
        sub = submission({"IT": {"overall": 1 + person % 5}}, department="Sales")
        assert deliver(sub, published, folder).status == "delivered"
    stop = threading.Event()
    rounds = []

    def mixer() -> None:
        while not stop.is_set():
            rounds.append(mix_inbox(folder))

    thread = threading.Thread(target=mixer)
    thread.start()
    try:
        assert main(["ingest", str(workspace), "--share", str(folder)]) == 0
    finally:
        stop.set()
        thread.join()
    assert len(rounds) > 1  # the mixer really ran during the ingest
    assert main(["ingest", str(workspace), "--share", str(folder)]) == 0  # what it rewrote
    assert list((folder / "inbox").iterdir()) == []
    assert list((folder / "quarantine").iterdir()) == []
    con = sqlite3.connect(workspace / "rapport.db")
    try:
        assert con.execute("SELECT COUNT(*) FROM submissions").fetchone()[0] == 40
    finally:
        con.close()


def _sealed(tmp_path, count: int):
    workspace, folder = tmp_path / "ws", tmp_path / "kiosk"
    create_workspace(workspace, ["Sales", "IT", "Marketing"]).close()
    published = publish(workspace, folder)
    for _ in range(count):
        deliver(submission({"IT": {"overall": 3}}, department="Sales"), published, folder)
    return folder / "inbox"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_another_accounts_file_is_left_alone_not_copied_again(tmp_path):
    # Two kiosks under different accounts sharing one folder (sticky bit: neither may
    # remove the other's files). Copying a file that cannot be removed would double it at
    # every delivery.
    inbox = _sealed(tmp_path, 2)
    other = sorted(inbox.iterdir())[0]
    os.chown(other, 65534, -1)
    for _ in range(3):
        mix_inbox(inbox.parent)
    assert len(list(inbox.iterdir())) == 2
    assert other.exists()


def test_a_file_that_cannot_be_removed_is_never_doubled(tmp_path, monkeypatch):
    inbox = _sealed(tmp_path, 3)
    stuck = sorted(inbox.iterdir())[0]
    unlink = Path.unlink

    def refuse(self, *args, **kwargs):
        if self == stuck:
            raise PermissionError(1, "Operation not permitted", str(self))
        return unlink(self, *args, **kwargs)

    monkeypatch.setattr(Path, "unlink", refuse)
    for _ in range(3):
        mix_inbox(inbox.parent)
    assert len(list(inbox.iterdir())) == 3 and stuck.exists()
