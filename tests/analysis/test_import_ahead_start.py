"""The import's comment worker starts light: it reads the workspace with the standard library.

The worker (``analysis.import_ahead``) is started when an import begins and only helps once
it is ready, so every import it does not need delays its first batch. These tests run its
start (``_preparer``) in a new interpreter, as ``spawn`` does, on a real workspace.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis import import_ahead
from analysis.import_ahead import PIECE, ImportAhead
from analysis.privacy_settings import save_redaction_names
from analysis.taxonomy_setting import save_workspace_taxonomy
from surveys.errors import WorkspaceError
from surveys.store import create_workspace, database_path, open_workspace
from surveys.workspace_reads import departments, get_setting, set_setting

ROOT = Path(__file__).resolve().parents[2]
TAXONOMY = 'version: 1\nthemes:\n  - id: vendors\n    label: "Vendors"\n    keywords: ["vendor"]\n'
#: The worker's start in a new interpreter: what it found, and which heavy modules it loaded.
START = """
import json, sys
from analysis.import_ahead import _preparer
prepare = _preparer(sys.argv[1])
found = json.loads(prepare(["Ask Zorblax Quinterro about the vendor invoices."]))
heavy = sorted(m for m in ("sqlite_utils", "numpy", "click", "dateutil") if m in sys.modules)
print(json.dumps({"found": found, "heavy": heavy}))
"""


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    db = create_workspace(folder, ("Sales", "IT", "Marketing"))
    with db.conn:
        save_redaction_names(db, ["Zorblax Quinterro"])
    save_workspace_taxonomy(db, TAXONOMY)
    db.close()
    return folder


def _start(folder: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", START, str(folder)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return json.loads(done.stdout)


def test_the_worker_starts_without_sqlite_utils_or_numpy(workspace) -> None:
    started = _start(workspace)
    assert started["heavy"] == []


def test_the_worker_reads_the_name_list_and_taxonomy_through_a_plain_connection(
    workspace,
) -> None:
    (comment,) = _start(workspace)["found"]["comments"].values()
    redacted, themes = comment[0], json.loads(comment[4])
    assert "Zorblax" not in redacted and "Quinterro" not in redacted
    assert themes == ["vendors"]


def test_settings_and_departments_read_from_a_read_only_connection(workspace) -> None:
    uri = database_path(workspace).resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    try:
        assert [d.name for d in departments(conn)] == ["Sales", "IT", "Marketing"]
        assert get_setting(conn, "no such setting", "fallback") == "fallback"
        with pytest.raises(sqlite3.OperationalError):  # read-only: nothing is written
            set_setting(conn, "anything", 1)
    finally:
        conn.close()


def test_a_setting_that_is_not_json_is_refused_with_what_to_do(workspace) -> None:
    conn = sqlite3.connect(database_path(workspace))
    try:
        conn.execute("INSERT INTO settings (key, value) VALUES ('broken', '{not json')")
        with pytest.raises(WorkspaceError, match="Restore rapport.db from a backup"):
            get_setting(conn, "broken")
    finally:
        conn.close()


def _texts(n: int) -> list[str]:
    return [f"Comment {k}: the reports from IT arrive late and nobody says why." for k in range(n)]


def _stored(folder: Path, ahead: ImportAhead) -> list[int]:
    """Keep what the worker has sent, as the import does; the comments of each row kept."""
    db = open_workspace(folder)
    try:
        with db.conn:
            ahead.store(db.conn)
        found = db.execute("SELECT found FROM comments_ahead ORDER BY id").fetchall()
    finally:
        db.close()
    return [len(json.loads(row)["comments"]) for (row,) in found]


def _until(condition, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.001)
    return condition()


def test_a_batch_comes_back_in_pieces(workspace, monkeypatch) -> None:
    monkeypatch.setattr(import_ahead, "_core_to_spare", lambda: True)
    with ImportAhead(workspace) as ahead:
        ahead.add(_texts(2 * PIECE + 50))
        assert ahead.handed == 2 * PIECE + 50
        assert _until(lambda: ahead.received == ahead.handed)
        assert _stored(workspace, ahead) == [PIECE, PIECE, 50]
        assert ahead.stored == 2 * PIECE + 50


def test_what_the_worker_finished_of_a_batch_is_kept(workspace, monkeypatch) -> None:
    """The import keeps what has arrived when it ends: a worker halfway through a batch
    has sent its first pieces (before, a batch came back whole or not at all)."""
    monkeypatch.setattr(import_ahead, "_core_to_spare", lambda: True)
    with ImportAhead(workspace) as ahead:
        ahead.add(_texts(20 * PIECE))
        assert _until(lambda: ahead.received > 0)
        os.kill(ahead.pid, signal.SIGSTOP)  # the import ends while the worker is busy
        try:
            pieces = _stored(workspace, ahead)
        finally:
            os.kill(ahead.pid, signal.SIGCONT)
    assert pieces and set(pieces) == {PIECE} and ahead.stored == PIECE * len(pieces)
    assert ahead.stored < 20 * PIECE
