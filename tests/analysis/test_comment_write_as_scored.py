"""The analysing process writes a batch's rows while the sentiment worker scores its last
chunks: one transaction, the same rows and search index, and Cancel heard while it waits."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from concurrent.futures import wait
from dataclasses import replace
from pathlib import Path

import pytest

from analysis import comment_update, comment_write, sentiment
from analysis.comment_analysis import default_engine
from analysis.comment_update import CommentUpdate, update_comment_cache
from analysis.comment_write import BatchRows
from analysis.sentiment import background, scoring
from surveys.progress import Cancelled
from surveys.store import open_workspace
from surveys.workspace_files import DB_NAME
from tests.analysis.test_comment_update import _fill, _real_texts, _rows
from tests.analysis.test_sentiment_background import _stopped

#: A word only the last comments hold: the worker holds the chunk with them (:func:`held`).
MARK = "zebra"
#: The file whose creation lets :func:`held` go on (named by the environment, which the
#: spawned worker inherits).
GATE = "RAPPORT_TEST_LAST_CHUNK_GATE"
ANALYSED = "SELECT COUNT(*) FROM comments WHERE analysed_with IS NOT NULL"


def held(texts: list[str]) -> list[float]:
    """In the worker: score a chunk, holding the one with :data:`MARK` until the gate file
    exists (at most 30 s, so that a failing test does not hang for good)."""
    gate = os.environ.get(GATE)
    if gate and any(MARK in text.lower() for text in texts):
        deadline = time.monotonic() + 30
        while not Path(gate).exists() and time.monotonic() < deadline:
            time.sleep(0.02)
    return background._score_in_worker(texts)


@pytest.fixture()
def last_chunk_held(workspace, monkeypatch) -> Path:
    """1,200 comments in six chunks of 200; the worker holds the last until the gate."""
    base = _real_texts(599)
    _fill(workspace, base + [f"{t} Still late." for t in base] + [f"The {MARK} sign again."] * 2)
    gate = workspace.parent / "release-the-last-chunk"
    monkeypatch.setenv(GATE, str(gate))
    monkeypatch.setattr(background, "BACKGROUND_FROM", 1)
    monkeypatch.setattr(scoring, "CHUNK", 200)
    monkeypatch.setattr(background, "_score_in_worker", held)
    sentiment.clear_cache()
    yield gate
    sentiment.clear_cache()


def _analyse(workspace, report_for, workers: list, held_chunk: int = -1) -> None:
    """Analyse the comments through :class:`CommentUpdate`, asking for the scores once the
    worker has the held chunk, with the progress ``report_for(db)`` (``db``: the analysis'
    own connection); the sentiment workers are added to ``workers``."""
    db = open_workspace(workspace)
    try:
        with CommentUpdate(db, default_engine(), []) as update:
            update.analyse()
            session = update._scores
            last = session._futures[0][held_chunk]
            deadline = time.monotonic() + 60
            while not last.running() and time.monotonic() < deadline:  # not to be taken here
                time.sleep(0.02)
            workers.extend(session._pool._processes.values())
            update.finish(report_for(db))
    finally:
        db.close()


def _serially(workspace) -> Path:
    """A copy of ``workspace`` (the same folder name) analysed in this process alone."""
    serial = workspace.parent / "serial" / workspace.name
    shutil.copytree(workspace, serial)
    return serial


def _analyse_serially(serial: Path) -> None:
    sentiment.clear_cache()
    db = open_workspace(serial)
    try:
        update_comment_cache(db, replace(default_engine(), score_ahead=None), [])
    finally:
        db.close()


def test_the_rows_are_written_while_the_worker_scores_the_last_chunk(
    workspace, last_chunk_held
) -> None:
    serial = _serially(workspace)
    seen: list[tuple[int, int]] = []
    path = workspace / DB_NAME

    def report_for(db):
        def report(fraction: float, message: str) -> None:
            if message == "Scoring sentiment" and not seen:
                mine = db.execute(ANALYSED).fetchone()[0]  # this transaction's rows
                with sqlite3.connect(path) as other:  # another connection: none committed
                    theirs = other.execute(ANALYSED).fetchone()[0]
                if mine:
                    seen.append((mine, theirs))
                    last_chunk_held.touch()

        return report

    _analyse(workspace, report_for, [])
    assert seen and 0 < seen[0][0] < 1_200 and seen[0][1] == 0  # five chunks' rows, unseen
    _analyse_serially(serial)
    assert _rows(workspace) == _rows(serial) and all(r[9] for r in _rows(workspace))
    index = "SELECT * FROM comments_fts_data ORDER BY id"
    trigger = "SELECT sql FROM sqlite_master WHERE name = 'comments_fts_update'"
    found = "SELECT rowid FROM comments_fts WHERE comments_fts MATCH 'late OR zebra' ORDER BY 1"
    with sqlite3.connect(path) as db, sqlite3.connect(serial / DB_NAME) as other:
        assert db.execute(index).fetchall() == other.execute(index).fetchall()
        assert db.execute(trigger).fetchone() == other.execute(trigger).fetchone() is not None
        assert len(db.execute(found).fetchall()) > 600  # "Still late." and the mark


def test_cancel_while_the_last_chunk_is_scored_writes_nothing(workspace, last_chunk_held) -> None:
    path = workspace / DB_NAME
    written: list[tuple[int, int]] = []

    def report_for(db):
        def report(fraction: float, message: str) -> None:
            mine = db.execute(ANALYSED).fetchone()[0]
            if message == "Scoring sentiment" and mine:  # rows written, the last chunk held
                with sqlite3.connect(path) as other:
                    written.append((mine, other.execute(ANALYSED).fetchone()[0]))
                raise Cancelled  # HR presses Cancel

        return report

    workers: list = []
    with pytest.raises(Cancelled):
        _analyse(workspace, report_for, workers)
    assert written and written[0][0] > 0 and written[0][1] == 0
    assert [r for r in _rows(workspace) if r[9] is not None] == []  # rolled back
    with sqlite3.connect(path) as db:
        trigger = "SELECT 1 FROM sqlite_master WHERE name = 'comments_fts_update'"
        assert db.execute(trigger).fetchone() == (1,)
        searched = "SELECT COUNT(*) FROM comments_fts WHERE comments_fts MATCH 'late OR zebra'"
        assert db.execute(searched).fetchone() == (0,)  # nothing indexed either
    last_chunk_held.touch()  # the worker, its chunk done, exits: it writes nothing
    assert workers and _stopped(workers)
    assert [r for r in _rows(workspace) if r[9] is not None] == []


def test_the_workspace_is_not_held_while_chunks_are_scored_here(workspace, monkeypatch) -> None:
    """The worker holds the first chunk: this process scores the four it has not started,
    and only then begins the batch's transaction; meanwhile another writer gets in."""
    base = _real_texts(599)
    _fill(workspace, [f"The {MARK} sign again."] * 2 + base + [f"{t} Still late." for t in base])
    serial = _serially(workspace)
    gate = workspace.parent / "release-the-first-chunk"
    monkeypatch.setenv(GATE, str(gate))
    monkeypatch.setattr(background, "BACKGROUND_FROM", 1)
    monkeypatch.setattr(scoring, "CHUNK", 200)
    monkeypatch.setattr(background, "_score_in_worker", held)
    path = workspace / DB_NAME
    others: list[bool] = []
    real_chunk = scoring.score_chunk

    def here(texts):  # a chunk scored in this process: can another writer write now?
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
            others.append(True)
        except sqlite3.OperationalError:  # database is locked
            others.append(False)
        finally:
            other.close()
        return real_chunk(texts)

    monkeypatch.setattr(scoring, "score_chunk", here)

    def report_for(db):
        def report(fraction: float, message: str) -> None:
            if message == "Scoring sentiment" and db.conn.in_transaction:
                gate.touch()  # the transaction began: let the worker finish

        return report

    sentiment.clear_cache()
    try:
        _analyse(workspace, report_for, [], held_chunk=0)
    finally:
        gate.touch()
    assert others == [True] * 4  # the four chunks not started, each while not holding it
    _analyse_serially(serial)
    assert _rows(workspace) == _rows(serial)
    sentiment.clear_cache()


def test_a_batch_the_worker_wrote_first_is_kept(workspace, monkeypatch) -> None:
    """The worker began its write (:meth:`ScoringSession.write_ahead`) before this process
    took the batch over: it waits for that commit and keeps it, writing nothing itself."""
    texts = _real_texts(600)
    _fill(workspace, texts + [f"{t} Still late." for t in texts])
    serial = _serially(workspace)
    monkeypatch.setattr(background, "BACKGROUND_FROM", 1)

    class Late(background.ScoringSession):
        def scoring(self, index: int) -> bool:  # asked as the worker's write commits
            futures = [*self._futures[index], self._writes.get(index)]
            wait([f for f in futures if f is not None], timeout=120)
            return True

    calls: list[int] = []
    real_write = comment_update.write_as_scored
    monkeypatch.setattr(background, "ScoringSession", Late)
    monkeypatch.setattr(
        comment_update,
        "write_as_scored",
        lambda conn, batch, *rest: calls.append(len(batch.ids)) or real_write(conn, batch, *rest),
    )
    sentiment.clear_cache()
    db = open_workspace(workspace)
    try:
        with CommentUpdate(db, default_engine(), []) as update:
            update.analyse()
            assert update._scores._writes  # handed over
            assert update.finish() == 1_200
    finally:
        db.close()
    assert calls == []
    _analyse_serially(serial)
    assert _rows(workspace) == _rows(serial)


def test_the_worker_does_not_write_a_batch_written_first(workspace) -> None:
    """The analysing process took the batch over and committed it while the worker's write
    waited for the workspace: the worker's write then changes nothing."""
    _fill(workspace, _real_texts(40))
    path = str(workspace / DB_NAME)
    with sqlite3.connect(path) as db:
        ids = [r[0] for r in db.execute("SELECT id FROM comments ORDER BY id")]
    rows = BatchRows(ids, ["first"] * 40, [(0.0, None, "[]")] * 40, ["[]"] * 40, "v")
    assert comment_write.write_scored(path, rows, [0.5] * 40, busy_ms=50) is True
    again = replace(rows, redacted=["second"] * 40)
    assert comment_write.write_scored(path, again, [-0.5] * 40, busy_ms=50) is False
    with sqlite3.connect(path) as db:
        kept = db.execute("SELECT DISTINCT redacted, sentiment FROM comments").fetchall()
    assert kept == [("first", 0.5)]


def test_a_comment_without_a_score_leaves_the_batch_unwritten(workspace) -> None:
    _fill(workspace, _real_texts(40))
    db = open_workspace(workspace)
    try:
        ids = [r[0] for r in db.execute("SELECT id FROM comments ORDER BY id")]
        rows = BatchRows(ids, ["x"] * 40, [(0.0, None, "[]")] * 40, ["[]"] * 40, "v")
        pieces = [(list(range(39)), [0.1] * 39)]  # the last comment's score never came
        with pytest.raises(LookupError), db.atomic():
            comment_write.write_as_scored(db.conn, rows, pieces, str, None)
        assert db.execute(ANALYSED).fetchone() == (0,)
    finally:
        db.close()
