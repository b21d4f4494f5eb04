"""A workspace on a disk or share that fills up, turns read-only, goes away or fails:
every command says what, where and what to do (never to restore a backup of a file that
is fine), loses nothing, and works again once the disk or share is back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import surveys.store
from desktop_app.cli import main
from surveys.errors import WorkspaceError
from surveys.store import describe_database_error, open_workspace

HEADER = "submission_id,wave,respondent_department,target_department,item,value\n"


def _csv(path: Path, count: int) -> Path:
    rows = [HEADER]
    for n in range(count):
        rows.append(f"s{n},2026-04,Sales,IT,overall,{1 + n % 5}\n")
        rows.append(f"s{n},2026-04,Sales,IT,comment,Answer {n}: the handover took weeks.\n")
    path.write_text("".join(rows), encoding="utf-8")
    return path


def _submissions(workspace: Path) -> int:
    con = sqlite3.connect(workspace / "rapport.db")
    try:
        return con.execute("SELECT COUNT(*) FROM submissions").fetchone()[0]
    finally:
        con.close()


def _with_pragma(monkeypatch: pytest.MonkeyPatch, pragma) -> None:  # noqa: ANN001
    """Every workspace connection gets ``pragma(conn)`` run on it (the disk's new state)."""
    real = surveys.store._configure

    def configured(conn: sqlite3.Connection):  # noqa: ANN202
        db = real(conn)
        conn.execute(pragma(conn))
        return db

    monkeypatch.setattr(surveys.store, "_configure", configured)


@pytest.mark.parametrize(
    ("pragma", "said"),
    [
        (  # SQLite cannot grow the file: SQLITE_FULL, as on a full disk or quota
            lambda conn: (
                "PRAGMA max_page_count = " + str(conn.execute("PRAGMA page_count").fetchone()[0])
            ),
            "is full. Free some space there",
        ),
        (  # SQLITE_READONLY, as when the share's permissions flip to read-only
            lambda conn: "PRAGMA query_only = 1",
            "it became read-only",
        ),
    ],
    ids=["disk-full", "read-only"],
)
def test_an_import_on_a_full_or_read_only_disk_says_so_and_recovers(
    workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, pragma, said
) -> None:
    """Before: "The workspace database in ws reported an error (database or disk is full).
    If it happens again, restore rapport.db from a backup." A backup would lose work."""
    file = _csv(tmp_path / "in.csv", 400)
    with monkeypatch.context() as patched:
        _with_pragma(patched, pragma)
        assert main(["import-csv", str(workspace), str(file)]) == 2
    err = capsys.readouterr().err
    assert said in err and str(workspace) in err and "not saved" in err
    assert "backup" not in err and "Traceback" not in err
    assert _submissions(workspace) == 0  # all or nothing

    assert main(["import-csv", str(workspace), str(file)]) == 0  # the disk is back
    assert _submissions(workspace) == 400


def test_a_lost_or_failing_share_is_named_as_such() -> None:
    try:  # a real "unable to open database file"
        sqlite3.connect("file:/nonexistent-rapport-share/rapport.db?mode=rw", uri=True)
    except sqlite3.OperationalError as exc:
        cannot_open = exc
    for error, said in (
        (cannot_open, "cannot reach the workspace database in W any more"),
        (sqlite3.OperationalError("disk I/O error"), "the network drive may have disconnected"),
    ):
        text = describe_database_error(error, "W")
        assert said in text and "backup" not in text and text.endswith("was not saved.")


def test_a_busy_workspace_may_be_busy_on_another_computer() -> None:
    text = describe_database_error(sqlite3.OperationalError("database is locked"), "W")
    assert "another one that uses the same workspace folder" in text


def test_a_workspace_folder_that_went_away_is_not_called_missing(workspace: Path) -> None:
    """Before: "No Rapport workspace in …: rapport.db is missing. Create one with `rapport
    init`": a new workspace where the share's was would split HR's data in two."""
    workspace.rename(workspace.with_name("moved"))
    with pytest.raises(WorkspaceError) as caught:
        open_workspace(workspace)
    assert "does not exist or cannot be reached" in str(caught.value)
    assert "rapport init" not in str(caught.value)


def test_a_share_that_fills_up_during_ingest_loses_nothing_and_counts_each_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """The answers are stored, but their archive copy cannot be written: they stay in the
    inbox and the next ingest only archives them. Before: "Ingested 6 files …: 3 stored"
    for 3 files, each reason ending "[Errno 28] No space left on device: '…'"."""
    import errno
    import os

    from surveys.outbox import deliver
    from surveys.store import create_workspace
    from tests.surveys.transport_helpers import PASSPHRASE, publish, submission

    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    workspace, share = tmp_path / "ws", tmp_path / "share"
    create_workspace(workspace, ["Sales", "IT", "Marketing"]).close()
    published = publish(workspace, share)
    for person in range(3):
        sub = submission({"IT": {"overall": 1 + person}}, department="Sales")
        assert deliver(sub, published, share).status == "delivered"
    real = os.replace

    def full(src, dst, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if Path(dst).parent.name == "archive":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))
        return real(src, dst, *args, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(os, "replace", full)
        assert main(["ingest", str(workspace), "--share", str(share)]) == 3
    out = capsys.readouterr().out
    assert "Ingested 3 files" in out and "3 stored" in out
    assert out.count("stored, but not archived: could not use") == 3
    assert "The disk is full" in out and "Errno" not in out
    assert len(list((share / "inbox").iterdir())) == 3 and _submissions(workspace) == 3

    assert main(["ingest", str(workspace), "--share", str(share)]) == 0  # space again
    assert "3 already taken" in capsys.readouterr().out
    assert list((share / "inbox").iterdir()) == [] and _submissions(workspace) == 3
