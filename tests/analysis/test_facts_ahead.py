"""Conflict language and themes found ahead on the sentiment worker: the same facts as
finding them here, wherever each chunk was found."""

from __future__ import annotations

import csv
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from analysis import conflict, facts_ahead, sentiment, themes
from analysis.facts_ahead import FactsAhead, find_facts
from analysis.sentiment import scoring
from analysis.sentiment.background import ScoringSession

DATA = Path(__file__).resolve().parents[2] / "analysis" / "data"


@pytest.fixture(scope="module")
def texts() -> list[str]:
    with (DATA / "workplace_labelled.csv").open(encoding="utf-8", newline="") as handle:
        return [row["text"] for row in csv.DictReader(handle)][:600] + ["", "n/a"]


@pytest.fixture(autouse=True)
def _small_chunks(monkeypatch):
    monkeypatch.setattr(facts_ahead, "CHUNK", 50)
    monkeypatch.setattr(scoring, "CHUNK", 100)
    sentiment.clear_cache()
    yield
    sentiment.clear_cache()


class _Counting(FactsAhead):
    """Counts the chunks found in this process."""

    here = 0

    def _find_here(self, chunk):
        type(self).here += 1
        return super()._find_here(chunk)


def _expected(batch: list[str], taxonomy) -> tuple[list, list]:
    return conflict.analyse_conflicts(batch), themes.match_themes(batch, taxonomy)


def test_the_worker_finds_what_this_process_would(texts) -> None:
    taxonomy = themes.load_taxonomy()
    batches = [texts[:350], texts[350:]]
    _Counting.here = 0
    with ScoringSession(batches, background=True) as session:
        ahead = _Counting(session, batches, taxonomy)
        assert ahead.in_background
        session.scores(1)  # the facts are queued behind the scores
        got = [ahead.facts(i) for i in range(len(batches))]
    assert got == [_expected(b, taxonomy) for b in batches]
    assert got[0][0][0].score == conflict.analyse_conflict(texts[0]).score
    assert _Counting.here < len(batches[0]) // 50 + len(batches[1]) // 50 + 1


def test_without_a_worker_every_chunk_is_found_here(texts) -> None:
    taxonomy = themes.load_taxonomy()
    _Counting.here = 0
    with ScoringSession([texts[:120]], background=False) as session:
        ahead = _Counting(session, [texts[:120]], taxonomy)
        assert not ahead.in_background and ahead.ready(0) is False
        assert ahead.facts(0) == _expected(texts[:120], taxonomy)
    assert _Counting.here == 3  # 50 + 50 + 20 texts


def test_chunks_the_worker_has_not_started_are_found_here(texts) -> None:
    taxonomy = themes.load_taxonomy()
    _Counting.here = 0
    with ScoringSession([texts], background=True) as session:
        ahead = _Counting(session, [texts], taxonomy)
        got = ahead.facts(0)  # at once: the worker is still scoring
    assert got == _expected(texts, taxonomy)
    assert _Counting.here >= 1


def test_a_worker_that_died_is_replaced_by_finding_here(texts) -> None:
    taxonomy = themes.load_taxonomy()
    dead: Future = Future()
    dead.set_exception(BrokenProcessPool("the worker was killed"))
    ahead = FactsAhead(None, [texts[:30]], taxonomy)
    ahead._futures = [[dead]]  # as if the worker had taken the chunk, then died
    assert ahead.facts(0) == find_facts(texts[:30], taxonomy)
