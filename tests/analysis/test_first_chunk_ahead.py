"""The early sentiment worker scores its first chunk while it waits for the session.

`rapport analyze` starts the worker before the analysers load; once ready, the worker reads
from the workspace the first chunk the session will hand it and scores it
(``background._score_first_in_worker``). The session's first chunk is answered with those
scores only when it is the very same list of texts: whatever happened to the workspace in
between, no comment is scored with another text's score, and none is left unscored.
"""

from __future__ import annotations

import csv
import dataclasses
import random
import sqlite3
from pathlib import Path

import pytest

from analysis import comment_update, sentiment
from analysis.comment_analysis import default_engine
from analysis.comment_update import CommentUpdate
from analysis.sentiment import background, scoring
from analysis.sentiment.background import ScoringSession
from desktop_app.cli import main
from surveys.store import open_workspace
from surveys.workspace_reads import database_path
from tests.analysis.core_helpers import Filler

DATA = Path(__file__).resolve().parents[2] / "analysis" / "data"


def _texts(n: int) -> list[str]:
    with (DATA / "workplace_labelled.csv").open(encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)][:n]
    # repeats and whitespace variants (one normalised text), empty text
    return texts + texts[:5] + ["  " + t + "\n" for t in texts[5:10]] + [""]


def _fill(folder: Path, texts: list[str], wave: str = "2026-10") -> None:
    filler = Filler(folder)
    pairs = [("Sales", "IT"), ("IT", "Sales"), ("Marketing", "Operations"), ("IT", "Marketing")]
    per_pair = len(texts) // len(pairs) + 1
    for k, (source, target) in enumerate(pairs):
        part = texts[k * per_pair : (k + 1) * per_pair]
        filler.group(wave, source, target, len(part), 2 + k % 3, random.Random(k), part, 1)
    filler.close()


@pytest.fixture(autouse=True)
def _fresh(monkeypatch):
    sentiment.clear_cache()
    monkeypatch.setattr(background, "_ahead", None)
    monkeypatch.setattr(background, "_scored", {})
    yield
    background.stop_early()
    sentiment.clear_cache()


def _session_chunks(folder: Path) -> list[list[str]]:
    """The chunks of the first batch the analysis' own session makes."""
    made: list[ScoringSession] = []

    def capture(batches):
        made.append(ScoringSession(batches, background=False))
        return made[-1]

    engine = dataclasses.replace(default_engine(), score_ahead=capture)
    db = open_workspace(folder)
    try:
        with CommentUpdate(db, engine, [], ["Sales", "IT", "Marketing", "Operations"]):
            pass
    finally:
        db.close()
    return made[0]._chunks[0]


def test_the_first_batch_is_the_comment_caches(monkeypatch) -> None:
    assert background.FIRST_BATCH == comment_update.BATCH


def test_the_chunk_read_ahead_is_the_sessions_first_chunk(workspace, monkeypatch) -> None:
    monkeypatch.setattr(scoring, "CHUNK", 25)
    _fill(workspace, _texts(60))
    _fill(workspace, _texts(80)[60:], wave="2026-11")
    db = open_workspace(workspace)
    db.execute("UPDATE waves SET status = 'open' WHERE name = '2026-11'")  # not analysed
    db.execute("UPDATE comments SET analysed_with = 'x' WHERE id IN (SELECT MIN(id) FROM comments)")
    db.conn.commit()
    db.close()
    chunks = _session_chunks(workspace)
    assert len(chunks) > 1
    assert background.first_chunk(database_path(workspace)) != chunks[0]  # analysed before
    db = open_workspace(workspace)
    db.execute("UPDATE comments SET analysed_with = NULL")
    db.conn.commit()
    db.close()
    chunks = _session_chunks(workspace)
    assert background.first_chunk(database_path(workspace)) == chunks[0]
    monkeypatch.setattr(scoring, "CHUNK", 2_000)  # fewer distinct texts than a chunk
    assert background.first_chunk(database_path(workspace)) == _session_chunks(workspace)[0]


def _counting(monkeypatch) -> list[list[str]]:
    scored: list[list[str]] = []
    real = scoring.score_chunk

    def score_chunk(texts: list[str]) -> list[float]:
        scored.append(list(texts))
        return real(texts)

    monkeypatch.setattr(scoring, "score_chunk", score_chunk)
    return scored


def test_the_sessions_first_chunk_is_answered_with_the_scores_ahead(workspace, monkeypatch) -> None:
    _fill(workspace, _texts(60))
    chunk = _session_chunks(workspace)[0]
    expected = scoring.score_chunk(chunk)
    scored = _counting(monkeypatch)
    assert background._score_first_in_worker(str(database_path(workspace))) == len(chunk)
    assert scored == [chunk]
    assert background._score_in_worker(chunk) == expected
    assert scored == [chunk]  # not scored a second time
    assert background._ahead is None
    assert background._score_in_worker(chunk) == expected  # only the first chunk is taken
    assert scored == [chunk, chunk]


def test_a_workspace_changed_after_the_read_is_scored_as_it_is(workspace, monkeypatch) -> None:
    _fill(workspace, _texts(60))
    background._score_first_in_worker(str(database_path(workspace)))
    db = open_workspace(workspace)
    first = db.execute("SELECT MIN(id) FROM comments").fetchone()[0]
    db.execute("UPDATE comments SET text = 'They never answer our tickets.' WHERE id = ?", [first])
    db.conn.commit()
    db.close()
    chunk = _session_chunks(workspace)[0]
    assert chunk[0] == "They never answer our tickets."
    scored = _counting(monkeypatch)
    assert background._score_in_worker(chunk) == scoring.score_chunk(chunk)
    assert scored == [chunk, chunk]  # scored here, not answered with the chunk read before
    assert background._scored == dict(zip(chunk, scoring.score_chunk(chunk), strict=True))


def test_a_workspace_that_cannot_be_read_gives_no_chunk(workspace, tmp_path) -> None:
    assert background._score_first_in_worker(str(tmp_path / "missing.db")) == 0
    (tmp_path / "odd.db").write_bytes(b"not a database")
    assert background.first_chunk(tmp_path / "odd.db") == []
    _fill(workspace, _texts(20))
    writer = sqlite3.connect(database_path(workspace), isolation_level=None)
    assert writer.execute("PRAGMA journal_mode = DELETE").fetchone() == ("delete",)
    writer.execute("BEGIN EXCLUSIVE")
    try:
        assert background._score_first_in_worker(str(database_path(workspace))) == 0
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert background._ahead is None


def _comments(folder: Path) -> list[tuple]:
    db = open_workspace(folder)
    try:
        return db.execute(
            "SELECT id, text, redacted, sentiment, label, conflict, themes, analysed_with "
            "FROM comments ORDER BY id"
        ).fetchall()
    finally:
        db.close()


def _worker_state() -> int | None:
    """In the worker: how many texts it scored ahead (``None``: none)."""
    from analysis.sentiment import background as worker

    return None if worker._ahead is None else len(worker._ahead[0])


def _analysed(folder: Path, early: bool, change=None) -> list[tuple]:
    """``rapport analyze`` of ``folder``, with the worker started early and its first
    chunk scored before the analysis (then ``change`` applied to the workspace), or with no
    worker at all."""
    if early:
        assert background.start_early_for(folder)
        first = background._first
        assert first is not None and first.result(timeout=120) > 0
        assert background._early.submit(_worker_state).result(timeout=60) == first.result()
    if change is not None:
        change(folder)
    assert main(["analyze", str(folder), "--quiet"]) == 0
    assert background._early is None and background._first is None
    return _comments(folder)


def _rename_first(folder: Path) -> None:
    db = open_workspace(folder)
    db.execute(
        "UPDATE comments SET text = 'IT keeps blaming us for their delays.' "
        "WHERE id = (SELECT MIN(id) FROM comments)"
    )
    db.conn.commit()
    db.close()


def _twin_workspaces(tmp_path) -> list[Path]:
    """Two workspaces, "early" and "plain", holding the same 60 comments."""
    from surveys.store import create_workspace

    folders = []
    for name in ("early", "plain"):
        folder = tmp_path / name
        create_workspace(
            folder, headcounts={"Sales": 40, "IT": 25, "Marketing": 15, "Operations": 60}
        ).close()
        _fill(folder, _texts(60))
        folders.append(folder)
    return folders


@pytest.mark.parametrize("change", [None, _rename_first], ids=["as-read", "changed"])
def test_rapport_analyze_writes_the_same_comments(tmp_path, monkeypatch, change) -> None:
    folders = _twin_workspaces(tmp_path)
    monkeypatch.setattr(background, "BACKGROUND_FROM", 40)
    early = _analysed(folders[0], True, change)
    monkeypatch.setattr(background, "BACKGROUND_FROM", 10**9)  # scored in this process
    sentiment.clear_cache()
    plain = _analysed(folders[1], False, change)
    assert early == plain
    assert all(row[7] for row in early)  # every comment analysed
    if change is not None:
        assert early[0][1] == "IT keeps blaming us for their delays."
        assert early[0][4] == "negative"


def test_an_early_worker_that_died_leaves_the_analysis_to_this_process(
    tmp_path, monkeypatch
) -> None:
    folders = _twin_workspaces(tmp_path)
    monkeypatch.setattr(background, "BACKGROUND_FROM", 40)

    def kill(folder: Path) -> None:
        for process in list(background._early._processes.values()):
            process.kill()
            process.join(30)

    early = _analysed(folders[0], True, kill)
    monkeypatch.setattr(background, "BACKGROUND_FROM", 10**9)
    sentiment.clear_cache()
    assert early == _analysed(folders[1], False)


def test_a_write_for_a_worker_that_died_is_left_to_this_process(tmp_path) -> None:
    from analysis.comment_write import BatchRows

    texts = _texts(60)
    expected = sentiment.score_texts(texts)
    sentiment.clear_cache()
    with ScoringSession([texts], background=True) as session:
        pool = session._pool
        for process in list(pool._processes.values()):
            process.kill()
            process.join(30)
        with pytest.raises(Exception):  # noqa: B017 - the pool knows it is broken
            pool.submit(_worker_state).result(timeout=60)
        rows = BatchRows([1], ["x"], [(0.0, None, "[]")], ["[]"], "v")
        session.write_ahead(0, str(tmp_path / "rapport.db"), rows, 1000)
        assert not session.written_ahead(0)
        assert session.scores(0) == expected


def test_an_early_worker_no_session_took_is_ended_on_its_first_chunk(workspace) -> None:
    # A failed analysis (an unknown wave) stops the worker; the process then exits without
    # waiting for its first chunk (concurrent.futures joins its workers at exit).
    _fill(workspace, _texts(60))
    background.start_early(database_path(workspace))
    processes = list(background._early._processes.values())
    assert processes and not background._first.done()
    background.stop_early()
    for process in processes:
        process.join(30)
        assert process.exitcode == -15  # ended, not left to finish
