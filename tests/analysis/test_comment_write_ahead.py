"""The sentiment worker writes the comments it scored: the same rows, or none at all."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from concurrent.futures import wait
from dataclasses import replace

import pytest

from analysis import comment_update, comment_write, sentiment
from analysis.comment_analysis import default_engine
from analysis.comment_update import CommentUpdate
from analysis.comment_write import BatchRows
from analysis.pipeline import analyse_workspace
from analysis.sentiment import background
from surveys.store import open_workspace
from surveys.workspace_files import DB_NAME
from tests.analysis.test_comment_update import _fill, _real_texts, _rows
from tests.analysis.test_sentiment_background import _stopped

#: Written by :func:`die_mid_write` before the worker dies: no row may keep it.
HALF = "half-written"


def die_mid_write(path: str, rows: BatchRows, keys, known, busy_ms: int) -> bool:
    """In the worker: begin the batch's write, change every row, and die before COMMIT."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(
        "UPDATE comments SET redacted = ?, sentiment = 99, analysed_with = ? WHERE id = ?",
        [(HALF, rows.version, i) for i in rows.ids],
    )
    os._exit(3)  # killed mid-write (out of memory, the user's task manager)


def fail_to_write(path: str, rows: BatchRows, keys, known, busy_ms: int) -> bool:
    """In the worker: the write meets an error (a locked or full disk, say)."""
    raise sqlite3.OperationalError("disk I/O error")


def slow_write(*args) -> bool:
    """In the worker: the write, begun late (a slow share)."""
    time.sleep(3)
    return background._write_in_worker(*args)


#: Beside the workspace's database: :func:`gated_write` writes once the test creates it.
GATE = "release-the-write"


def gated_write(path: str, *args) -> bool:
    """In the worker: the write, begun only once the test releases it (a share that hangs
    until then; at most a minute, so a failing test does not hang for good)."""
    from pathlib import Path

    gate = Path(path).parent / GATE
    deadline = time.monotonic() + 60
    while not gate.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    return background._write_in_worker(path, *args)


@pytest.fixture()
def spied(monkeypatch) -> list[bool]:
    """Each batch's answer of ``written_ahead``; the session waits for the worker's chunks
    and write before collecting, as on an idle machine where the worker is done first."""
    monkeypatch.setattr(background, "BACKGROUND_FROM", 1)
    answers: list[bool] = []

    class Patient(background.ScoringSession):
        def scoring(self, index: int) -> bool:
            futures = [*self._futures[index], self._writes.get(index)]
            wait([f for f in futures if f is not None], timeout=120)
            return super().scoring(index)

        def written_ahead(self, index: int, progress=None) -> bool:
            answers.append(super().written_ahead(index, progress))
            return answers[-1]

    monkeypatch.setattr(background, "ScoringSession", Patient)
    return answers


def _analysed_both_ways(workspace):
    """Analyse ``workspace`` as configured, and a copy with everything in this process."""
    serial = workspace.parent / "serial" / workspace.name  # the same folder name
    shutil.copytree(workspace, serial)
    sentiment.clear_cache()
    result = analyse_workspace(workspace)
    sentiment.clear_cache()
    here = replace(default_engine(), score_ahead=None, discover_ahead=None)
    expected = analyse_workspace(serial, engine=here)
    sentiment.clear_cache()
    return result, expected, serial


def test_the_worker_writes_the_batch_it_scored(workspace, spied) -> None:
    texts = _real_texts(600)
    _fill(workspace, texts + [f"{t} Still late." for t in texts])  # from BULK_INDEX_FROM on
    result, expected, serial = _analysed_both_ways(workspace)
    assert spied == [True]  # the worker committed the batch; this process did not write it
    rows = _rows(workspace)
    assert rows == _rows(serial) and len(rows) == 1_200 and all(r[9] for r in rows)
    assert result.to_json() == expected.to_json()
    index = "SELECT * FROM comments_fts_data ORDER BY id"
    found = "SELECT rowid FROM comments_fts WHERE comments_fts MATCH 'email OR late' ORDER BY 1"
    with sqlite3.connect(workspace / DB_NAME) as db, sqlite3.connect(serial / DB_NAME) as other:
        assert db.execute(index).fetchall() == other.execute(index).fetchall()
        assert db.execute(found).fetchall() == other.execute(found).fetchall()
        assert len(db.execute(found).fetchall()) > 10
        trigger = "SELECT sql FROM sqlite_master WHERE name = 'comments_fts_update'"
        assert db.execute(trigger).fetchone() == other.execute(trigger).fetchone() is not None


@pytest.mark.parametrize("broken", [die_mid_write, fail_to_write], ids=["dies", "fails"])
def test_a_write_the_worker_did_not_commit_is_done_here(workspace, spied, monkeypatch, broken):
    _fill(workspace, _real_texts(400))
    monkeypatch.setattr(background, "_write_in_worker", broken)
    result, expected, serial = _analysed_both_ways(workspace)
    assert spied == [False]  # nothing committed: the analysing process wrote the batch
    rows = _rows(workspace)
    assert rows == _rows(serial) and not any(r[1] == HALF or r[2] == 99 for r in rows)
    assert result.to_json() == expected.to_json()


def test_a_write_not_begun_is_called_off_and_done_here(workspace, monkeypatch) -> None:
    _fill(workspace, _real_texts(400))
    monkeypatch.setattr(background, "BACKGROUND_FROM", 1)
    monkeypatch.setattr(comment_update, "BATCH", 100)  # four batches, asked for at once
    monkeypatch.setattr(background.ScoringSession, "scoring", lambda self, index: False)
    answers: list[bool] = []
    real = background.ScoringSession.written_ahead
    monkeypatch.setattr(
        background.ScoringSession,
        "written_ahead",
        lambda self, index, progress=None: (
            answers.append(real(self, index, progress)) or answers[-1]
        ),
    )
    result, expected, serial = _analysed_both_ways(workspace)
    assert len(answers) >= 1 and _rows(workspace) == _rows(serial)
    assert result.to_json() == expected.to_json()


def test_a_write_that_cannot_take_the_workspace_commits_nothing(workspace) -> None:
    _fill(workspace, _real_texts(40))
    path = str(workspace / DB_NAME)
    with sqlite3.connect(path) as db:
        ids = [r[0] for r in db.execute("SELECT id FROM comments ORDER BY id")]
    rows = BatchRows(ids, ["x"] * 40, [(0.0, None, "[]")] * 40, ["[]"] * 40, "v")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another job is writing
    try:
        with pytest.raises(sqlite3.OperationalError):
            comment_write.write_scored(path, rows, [0.5] * 40, busy_ms=50)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM comments WHERE redacted = 'x'").fetchone() == (0,)
    assert comment_write.write_scored(path, rows, [0.5] * 40, busy_ms=50) is True
    with sqlite3.connect(path) as db:
        written = db.execute("SELECT COUNT(*) FROM comments WHERE redacted = 'x'").fetchone()
    assert written == (40,)


def test_leaving_before_the_write_is_settled_ends_the_worker(workspace, monkeypatch) -> None:
    """The write was held back by a 3 s sleep: under load ``analyse`` took longer than that,
    the write was done before the session was left and the test failed (once, at stop
    31). It is now held until the test releases it, after leaving."""
    texts = _real_texts(600)
    _fill(workspace, texts + [f"{t} Still late." for t in texts])
    monkeypatch.setattr(background, "BACKGROUND_FROM", 1)
    monkeypatch.setattr(background, "_write_in_worker", gated_write)
    db = open_workspace(workspace)
    try:
        with CommentUpdate(db, default_engine(), []) as update:  # cancelled after analyse
            update.analyse()
            session = update._scores
            assert session._writes  # handed to the worker, not settled
            workers = list(session._pool._processes.values())
    finally:
        db.close()
    # Not join() then is_alive(): the pool's own thread joins its workers too; when it
    # reaps one first, join() returns at once and is_alive() says True until that thread
    # has stored the exit code (2 of 7 runs failed so).
    assert workers and _stopped(workers)
    (workspace / GATE).touch()  # a worker left running would write now
    time.sleep(3)
    assert [r for r in _rows(workspace) if r[9] is not None] == []  # nothing behind Cancel


def test_cancel_is_heard_while_the_worker_writes(workspace, monkeypatch) -> None:
    """The analysis waited for the worker's write without a progress report, so Cancel
    (the window's job, a report that raises) went unheard until the write was done, up to
    the workspace's busy timeout when another process was writing, or for ever on a share
    that stopped answering; the comments were written behind the Cancel."""
    from surveys.progress import Cancelled

    texts = _real_texts(600)
    _fill(workspace, texts + [f"{t} Still late." for t in texts])
    monkeypatch.setattr(background, "BACKGROUND_FROM", 1)
    monkeypatch.setattr(background, "_write_in_worker", slow_write)
    cancelled = []

    class Waiting(background.ScoringSession):
        def ready(self, index: int) -> bool:
            return False  # as when this process is first: the write is handed over

        def scoring(self, index: int) -> bool:
            return False  # and when it asks, the worker has scored the batch

        def scores(self, index, progress=None):
            found = super().scores(index, progress)
            write = self._writes[index]
            while not (write.running() or write.done()):  # the worker has begun the write
                time.sleep(0.05)
            cancelled.append(index)  # HR presses Cancel now
            return found

    def report(fraction: float, message: str) -> None:
        if cancelled:
            raise Cancelled

    monkeypatch.setattr(background, "ScoringSession", Waiting)
    db = open_workspace(workspace)
    try:
        with pytest.raises(Cancelled), CommentUpdate(db, default_engine(), []) as update:
            update.analyse()
            workers = list(update._scores._pool._processes.values())
            update.finish(report)
    finally:
        db.close()
    # _stopped, not join() then is_alive(): the pool's own thread may reap a worker
    # first, and is_alive() says True until it has stored the exit code (CI stop 34).
    assert cancelled and workers and _stopped(workers)
    time.sleep(4)  # when the write would have ended, had the worker been left to it
    assert [r for r in _rows(workspace) if r[9] is not None] == []  # nothing behind Cancel
