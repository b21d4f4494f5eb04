"""Sentiment scored ahead in a worker process: the same scores as `score_texts`, always."""

from __future__ import annotations

import csv
import gc
import os
import time
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from analysis import sentiment
from analysis.sentiment import background, scoring
from analysis.sentiment.background import ScoringSession

DATA = Path(__file__).resolve().parents[2] / "analysis" / "data"


@pytest.fixture(scope="module")
def texts() -> list[str]:
    with (DATA / "workplace_labelled.csv").open(encoding="utf-8", newline="") as handle:
        rows = [row["text"] for row in csv.DictReader(handle)][:900]
    # repeats, whitespace variants (the same normalised text), empty and non-answers
    return rows + rows[:40] + ["  " + t + "\n" for t in rows[40:60]] + ["", "n/a", "-"]


@pytest.fixture(autouse=True)
def _empty_cache():
    sentiment.clear_cache()
    yield
    sentiment.clear_cache()


def _batches(texts: list[str]) -> list[list[str]]:
    # uneven batches, with texts of the first batch again in the last one
    return [texts[:400], texts[400:700], texts[700:] + texts[:50]]


def _one_batch_after_another(batches: list[list[str]]) -> list[list[float]]:
    scores = [sentiment.score_texts(batch) for batch in batches]
    sentiment.clear_cache()
    return scores


def test_a_worker_gives_the_scores_score_texts_gives(texts, monkeypatch) -> None:
    monkeypatch.setattr(scoring, "CHUNK", 60)  # many chunks: the worker and this process share
    batches = _batches(texts)
    expected = _one_batch_after_another(batches)
    seen: list[float] = []
    with ScoringSession(batches, background=True) as session:
        assert session.in_background
        got = [session.scores(i, lambda f, m: seen.append(f)) for i in range(len(batches))]
    assert got == expected
    assert seen[0] == 0.0 and seen[-1] == 1.0 and len(seen) > 5
    assert all(0.0 <= f <= 1.0 for f in seen)


def test_chunks_the_worker_has_not_started_are_scored_here(texts, monkeypatch) -> None:
    monkeypatch.setattr(scoring, "CHUNK", 20)
    local: list[int] = []
    real = scoring.score_chunk

    def counted(chunk):  # only this process's calls: the worker has its own module
        local.append(len(chunk))
        return real(chunk)

    monkeypatch.setattr(scoring, "score_chunk", counted)
    batches = [texts[:600]]
    expected = _one_batch_after_another(batches)
    local.clear()
    with ScoringSession(batches, background=True) as session:
        assert session.scores(0) == expected[0]
    # asked at once, before the worker has even started: chunks were scored here
    assert sum(local) > 0


def test_batches_can_be_asked_for_out_of_order(texts, monkeypatch) -> None:
    monkeypatch.setattr(scoring, "CHUNK", 100)
    batches = _batches(texts)
    expected = _one_batch_after_another(batches)
    with ScoringSession(batches, background=True) as session:
        assert session.scores(2) == expected[2]  # needs scores first found in batch 0
        assert session.scores(0) == expected[0] and session.scores(1) == expected[1]


def test_small_inputs_are_scored_here_when_asked(texts, monkeypatch) -> None:
    batches = [texts[:300]]
    expected = _one_batch_after_another(batches)
    monkeypatch.setattr(background, "BACKGROUND_FROM", 301)
    with ScoringSession(batches) as session:
        assert not session.in_background and session.ready(0)
        assert session.scores(0) == expected[0]


def test_scores_are_cached_like_score_texts_does(texts, monkeypatch) -> None:
    batches = [texts[:200], texts[200:400]]
    with ScoringSession(batches, background=False) as session:
        first = session.scores(0)
    assert sentiment.score_texts(texts[:200]) == first  # from the cache: nothing to score

    def refuse(chunk):
        raise AssertionError(f"{len(chunk)} texts scored again")

    monkeypatch.setattr(scoring, "score_chunk", refuse)
    with ScoringSession([texts[100:200]], background=True) as session:
        assert not session.in_background  # every text is known already: no worker
        assert session.scores(0) == first[100:200]


def test_a_worker_that_died_is_replaced_by_scoring_here(texts) -> None:
    dead: Future = Future()
    dead.set_exception(BrokenProcessPool("the worker was killed"))
    expected = _one_batch_after_another([texts[:30]])[0]
    with ScoringSession([texts[:30]], background=False) as session:
        session._futures = [[dead]]  # as if the worker had taken the chunk, then died
        assert session.scores(0) == expected


def test_leaving_the_session_stops_the_worker(texts, monkeypatch) -> None:
    monkeypatch.setattr(scoring, "CHUNK", 20)
    with ScoringSession([texts], background=True) as session:
        processes = list(session._pool._processes.values())
        assert processes
    deadline = time.monotonic() + 30
    while any(p.is_alive() for p in processes) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(p.is_alive() for p in processes)


def _stopped(processes, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while any(p.is_alive() for p in processes) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not any(p.is_alive() for p in processes)


def test_a_worker_started_early_is_taken_by_the_next_session(texts, monkeypatch) -> None:
    expected = _one_batch_after_another([texts[:30]])[0]
    monkeypatch.setattr(background, "BACKGROUND_FROM", 4_000)  # 30 texts: here, usually
    background.start_early()
    try:
        early = background._early
        assert early is not None
        with ScoringSession([texts[:30]]) as session:
            assert session.in_background and session._pool is early
            assert background._early is None  # taken: a second session starts its own
            assert session.scores(0) == expected
    finally:
        background.stop_early()


def test_a_worker_started_early_that_no_session_took_is_stopped() -> None:
    background.start_early()
    early = background._early
    assert early is not None
    background.start_early()  # one waiting worker at most
    assert background._early is early
    processes = list(early._processes.values())
    assert processes  # spawned at once, before any text is known
    background.stop_early()
    assert background._early is None
    assert _stopped(processes)


def test_the_worker_starts_numpy_without_blas_threads(monkeypatch) -> None:
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    pool = background._new_pool()
    try:
        assert pool.submit(os.getenv, "OPENBLAS_NUM_THREADS").result(timeout=120) == "1"
        assert pool.submit(_numpy_loaded).result(timeout=120)  # the initializer loaded it
    finally:
        pool.shutdown(cancel_futures=True)
    assert "OPENBLAS_NUM_THREADS" not in os.environ  # this process is left as it was


def _numpy_loaded() -> bool:
    import sys

    return "numpy" in sys.modules


def test_the_worker_scores_with_the_collector_paused(monkeypatch) -> None:
    # scoring makes no reference cycles, and the collector's passes cost the worker about
    # 3 % of its CPU: it is off while a chunk is scored, and on again afterwards
    enabled: list[bool] = []

    def score_chunk(texts: list[str]) -> list[float]:
        enabled.append(gc.isenabled())
        return [0.5] * len(texts)

    monkeypatch.setattr(scoring, "score_chunk", score_chunk)
    monkeypatch.setattr(background, "_scored", {})
    monkeypatch.setattr(background, "_ahead", None)
    monkeypatch.setattr(background, "first_chunk", lambda database: ["ahead"])
    assert gc.isenabled()
    assert background._score_first_in_worker("unused.db") == 1
    assert background._score_in_worker(["a", "b"]) == [0.5, 0.5]
    assert enabled == [False, False]
    assert gc.isenabled()


def test_the_worker_loads_and_writes_with_the_collector_paused(monkeypatch) -> None:
    # what the worker loads lives as long as it does: loaded without collections, then
    # frozen, so that no later collection walks the model's terms again; its writes of the
    # comments run without collections too
    from analysis import comment_write

    enabled: list[bool] = []
    monkeypatch.setattr(scoring, "rapport_scorer", lambda: enabled.append(gc.isenabled()))
    monkeypatch.setattr(scoring.learned, "load_model", lambda: enabled.append(gc.isenabled()))
    monkeypatch.setattr(
        comment_write, "write_scored", lambda *args: enabled.append(gc.isenabled()) or True
    )
    monkeypatch.setattr(background, "_scored", {"a": 0.5})
    monkeypatch.setattr(background, "exit_with_parent", lambda parent: None)
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "1")
    gc.unfreeze()
    try:
        background._init_worker(os.getpid())
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert background._write_in_worker("unused.db", None, ["a"], {}, 100) is True
    assert enabled == [False, False, False]
    assert gc.isenabled()
