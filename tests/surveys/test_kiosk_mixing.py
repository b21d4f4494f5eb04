"""The kiosk writes its waiting answers again after each delivery (`surveys.kiosk.mix_inbox`):
an ingest running at the same moment must neither lose nor double an answer."""

from __future__ import annotations

import sqlite3
import threading

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
