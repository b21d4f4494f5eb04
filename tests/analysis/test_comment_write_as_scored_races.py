"""The batch the analysing process writes as the worker's last chunks are scored
(:meth:`analysis.comment_update.CommentUpdate._write_as_scored`), against the other jobs
and processes that write the same workspace: a job holding the write lock, a comment
removed meanwhile, a worker killed in the middle of a chunk, another analysis that
wrote part of the batch."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from analysis import comment_update, comment_write, sentiment
from analysis.comment_analysis import default_engine
from analysis.comment_update import CommentUpdate, cache_version
from analysis.comment_write import BatchRows
from analysis.sentiment import background, scoring
from surveys.progress import Cancelled, no_progress
from surveys.store import open_workspace
from surveys.workspace_files import DB_NAME
from tests.analysis.test_comment_update import _fill, _real_texts, _rows
from tests.analysis.test_comment_write_as_scored import (  # noqa: F401 - the fixture
    ANALYSED,
    GATE,
    MARK,
    _analyse,
    _analyse_serially,
    _serially,
    held,
    last_chunk_held,
)
from tests.analysis.test_sentiment_background import _stopped

WAITING = comment_update.WAITING


class _StillScoring:
    """A scoring session whose worker is still scoring each batch when it is asked for:
    the batch is written as its scores come in, here all in one piece."""

    def __init__(self, batches: list[list[str]]) -> None:
        self._batches = batches

    def ready(self, index: int) -> bool:
        return False

    def scoring(self, index: int) -> bool:
        return True

    def chunks_left(self, index: int) -> int:
        return 0

    def scores_as_scored(self, index: int, progress=None):
        (progress or no_progress)(0.5, "Scoring sentiment")
        count = len(self._batches[index])
        yield list(range(count)), [0.25 - k / (4 * count) for k in range(count)]

    def close(self) -> None:
        pass


def _finish(folder, busy_ms: int, before_finish, report) -> int:
    """Analyse ``folder`` with :class:`_StillScoring`; ``before_finish(db)`` runs after
    :meth:`CommentUpdate.analyse`, then :meth:`CommentUpdate.finish` reports to ``report``."""
    db = open_workspace(folder)
    try:
        db.execute(f"PRAGMA busy_timeout = {busy_ms}")
        with CommentUpdate(db, replace(default_engine(), score_ahead=_StillScoring), []) as update:
            update.analyse()
            before_finish(db)
            count = update.finish(report)
        assert db.execute("PRAGMA busy_timeout").fetchone() == (busy_ms,)  # as it was
        assert not db.conn.in_transaction
        return count
    finally:
        db.close()


@pytest.fixture()
def other(workspace):
    """Another job's connection to the workspace (it takes the write lock when told)."""
    _fill(workspace, _real_texts(40))
    conn = sqlite3.connect(workspace / DB_NAME, isolation_level=None, timeout=0)
    yield conn
    if conn.in_transaction:
        conn.execute("ROLLBACK")
    conn.close()


def test_cancel_is_heard_while_another_job_holds_the_workspace(workspace, other) -> None:
    """Before, ``BEGIN IMMEDIATE`` waited the whole busy timeout (10 s) without a report:
    Cancel was not heard, and the analysis then failed with "database is locked"."""
    heard: list[bool] = []

    def report(fraction: float, message: str) -> None:
        if message.startswith(WAITING):
            heard.append(other.in_transaction)
            raise Cancelled  # HR presses Cancel while the other job writes

    with pytest.raises(Cancelled):
        _finish(workspace, 5_000, lambda db: other.execute("BEGIN IMMEDIATE"), report)
    assert heard == [True]
    other.execute("ROLLBACK")
    assert other.execute(ANALYSED).fetchone() == (0,)


def test_the_batch_is_written_once_the_other_job_commits(workspace, other) -> None:
    serial = _serially(workspace)
    waits: list[float] = []

    def report(fraction: float, message: str) -> None:
        if message.startswith(WAITING):
            waits.append(fraction)
            if len(waits) == 2:
                other.execute("COMMIT")  # the other job is done

    assert _finish(workspace, 5_000, lambda db: other.execute("BEGIN IMMEDIATE"), report) == 40
    assert len(waits) == 2  # reported while it waited, then it went on
    assert _finish(serial, 5_000, lambda db: None, no_progress) == 40
    assert _rows(workspace) == _rows(serial) and all(r[9] for r in _rows(workspace))


def test_a_workspace_busy_past_the_timeout_fails_as_before(workspace, other) -> None:
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        _finish(workspace, 300, lambda db: other.execute("BEGIN IMMEDIATE"), no_progress)
    other.execute("ROLLBACK")
    assert other.execute(ANALYSED).fetchone() == (0,)


def test_a_comment_removed_meanwhile_is_not_indexed(workspace, other, monkeypatch) -> None:
    """The batch's texts are indexed before its rows are written: one whose comment another
    job removed after the analysis read it must not be left in the search index (an entry
    for no comment: "database disk image is malformed" on the index's integrity check)."""
    monkeypatch.setattr(comment_write, "BULK_INDEX_FROM", 1)
    first = other.execute("SELECT MIN(id) FROM comments").fetchone()[0]

    def remove(db) -> None:
        other.execute("DELETE FROM comments WHERE id = ?", [first])

    assert _finish(workspace, 5_000, remove, no_progress) == 40
    with sqlite3.connect(workspace / DB_NAME) as db:
        db.execute("INSERT INTO comments_fts (comments_fts) VALUES ('integrity-check')")
        indexed = db.execute("SELECT COUNT(*) FROM comments_fts_docsize").fetchone()[0]
        assert indexed == db.execute(ANALYSED).fetchone()[0] == 39


@pytest.mark.usefixtures("last_chunk_held")
def test_a_worker_killed_in_the_last_chunk_leaves_it_to_this_process(workspace) -> None:
    """The worker dies (out of memory, killed) while the batch's transaction waits for its
    last chunk: the chunk is scored here and the batch written, as by one process."""
    serial = _serially(workspace)
    workers: list = []
    killed: list = []

    def report_for(db):
        def report(fraction: float, message: str) -> None:
            if message == "Scoring sentiment" and db.conn.in_transaction and not killed:
                for worker in workers:
                    worker.kill()
                    killed.append(worker)

        return report

    _analyse(workspace, report_for, workers)
    assert killed
    _analyse_serially(serial)
    assert _rows(workspace) == _rows(serial) and all(r[9] for r in _rows(workspace))


def test_a_batch_another_analysis_wrote_in_part_is_written_whole(workspace, other) -> None:
    """Another analysis of the workspace (the HR window's, beside `rapport analyze`) cut
    its batches elsewhere: one of its batches ended inside this one, so this batch's first
    comment is written with the same version and the rest are not. Before, the batch was
    taken for written whole (its first comment told) and the rest was never written."""
    version = cache_version(default_engine(), [])
    first = other.execute("SELECT MIN(id) FROM comments").fetchone()[0]

    def written_in_part(db) -> None:
        other.execute("UPDATE comments SET analysed_with = ? WHERE id = ?", [version, first])

    assert _finish(workspace, 5_000, written_in_part, no_progress) == 40
    rows = other.execute("SELECT analysed_with, sentiment FROM comments ORDER BY id").fetchall()
    assert all(row == (version, row[1]) and row[1] is not None for row in rows)


def test_the_worker_writes_a_batch_another_process_wrote_in_part(workspace, other) -> None:
    path = str(workspace / DB_NAME)
    ids = [r[0] for r in other.execute("SELECT id FROM comments ORDER BY id")]
    other.execute("UPDATE comments SET analysed_with = 'v' WHERE id = ?", [ids[0]])
    rows = BatchRows(ids, ["x"] * 40, [(0.0, None, "[]")] * 40, ["[]"] * 40, "v")
    assert comment_write.write_scored(path, rows, [0.5] * 40, busy_ms=50) is True
    written = other.execute("SELECT DISTINCT analysed_with, sentiment FROM comments")
    assert written.fetchall() == [("v", 0.5)]


def test_cancel_is_heard_while_a_ready_batch_waits_for_the_workspace(workspace, other) -> None:
    """The batch whose scores were all in (written at once by :meth:`CommentUpdate._write`)
    waited the busy timeout without a report too; Cancel now stops it, nothing written."""
    heard: list[str] = []

    def report(fraction: float, message: str) -> None:
        if message == WAITING:
            heard.append(message)
            raise Cancelled

    db = open_workspace(workspace)
    try:
        db.execute("PRAGMA busy_timeout = 5000")
        with CommentUpdate(db, replace(default_engine(), score_ahead=None), []) as update:
            other.execute("BEGIN IMMEDIATE")
            with pytest.raises(Cancelled):
                update.analyse(report)
            other.execute("ROLLBACK")
            assert len(heard) == 1 and update.finish() == 40  # the batch was kept: written now
        assert db.execute(ANALYSED).fetchone() == (40,)
    finally:
        db.close()


def test_cancel_before_the_transaction_writes_nothing(workspace, monkeypatch) -> None:
    """Cancel while this process scores the chunks the worker has not started (before the
    batch's transaction begins): nothing is written, the worker is ended, and its write
    of the batch, handed over and queued, never runs."""
    base = _real_texts(599)
    _fill(workspace, [f"The {MARK} sign again."] * 2 + base + [f"{t} Still late." for t in base])
    gate = workspace.parent / "release-the-first-chunk"
    monkeypatch.setenv(GATE, str(gate))
    monkeypatch.setattr(background, "BACKGROUND_FROM", 1)
    monkeypatch.setattr(scoring, "CHUNK", 200)
    monkeypatch.setattr(background, "_score_in_worker", held)
    workers: list = []
    seen: list[bool] = []

    def report_for(db):
        def report(fraction: float, message: str) -> None:
            if message == "Scoring sentiment" and fraction > 0:  # a chunk scored here
                seen.append(db.conn.in_transaction)
                raise Cancelled

        return report

    sentiment.clear_cache()
    try:
        with pytest.raises(Cancelled):
            _analyse(workspace, report_for, workers, held_chunk=0)
    finally:
        gate.touch()
        sentiment.clear_cache()
    assert seen == [False] and workers and _stopped(workers)
    assert [r for r in _rows(workspace) if r[9] is not None] == []
