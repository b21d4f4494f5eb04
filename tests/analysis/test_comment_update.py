"""The comment cache updated in steps: sentiment ahead in a worker, topics in between."""

from __future__ import annotations

import csv
import json
import random
import shutil
import time
from dataclasses import replace
from pathlib import Path

import pytest

from analysis import comment_analysis, comment_update, pipeline, sentiment, worker_task
from analysis.comment_analysis import default_engine
from analysis.comment_update import CommentUpdate
from analysis.pipeline import analyse_workspace
from analysis.sentiment import background, scoring
from analysis.topic_update import update_topics
from surveys.progress import Cancelled
from surveys.store import open_workspace
from tests.analysis.core_helpers import Calls, Filler, fake_engine

DATA = Path(__file__).resolve().parents[2] / "analysis" / "data"
COLUMNS = (
    "id, redacted, sentiment, label, confidence, conflict, orientation, markers, themes, "
    "analysed_with"
)


def _rows(folder) -> list[tuple]:
    db = open_workspace(folder)
    rows = db.execute(f"SELECT {COLUMNS} FROM comments ORDER BY id").fetchall()
    db.close()
    return rows


def _real_texts(n: int) -> list[str]:
    with (DATA / "workplace_labelled.csv").open(encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)][:n]
    texts[0] += " Mail anna@corp.example or call +44 20 7946 0958."  # something to redact
    return texts


def _fill(folder, texts: list[str]) -> None:
    filler = Filler(folder)
    pairs = [("Sales", "IT"), ("IT", "Sales"), ("Marketing", "Operations"), ("IT", "Marketing")]
    per_pair = len(texts) // len(pairs)
    for k, (source, target) in enumerate(pairs):
        part = texts[k * per_pair : (k + 1) * per_pair]
        filler.group("2026-10", source, target, len(part), 2 + k % 3, random.Random(k), part, 1)
    filler.close()


def _topics(folder) -> list[tuple]:
    db = open_workspace(folder)
    rows = db.execute(
        "SELECT t.number, t.label, t.terms, t.size, t.representative_id, a.comment_id, a.weight "
        "FROM topics t JOIN topic_assignments a ON a.topic_id = t.id ORDER BY a.comment_id"
    ).fetchall()
    db.close()
    return rows


def test_workers_write_what_one_process_writes(workspace, monkeypatch) -> None:
    _fill(workspace, _real_texts(480))
    serial_copy = workspace.parent / "serial" / workspace.name  # the same folder name
    shutil.copytree(workspace, serial_copy)
    monkeypatch.setattr(comment_update, "BATCH", 150)  # four batches
    monkeypatch.setattr(scoring, "CHUNK", 40)
    monkeypatch.setattr(background, "BACKGROUND_FROM", 1)
    monkeypatch.setattr(comment_analysis, "DISCOVER_AHEAD_FROM", 1)
    monkeypatch.setattr(comment_analysis, "DISCOVER_AHEAD_CORES", 1)
    used: list[bool] = []

    class Spy(background.ScoringSession):
        def _start(self) -> None:
            super()._start()
            used.append(self.in_background)

    monkeypatch.setattr(background, "ScoringSession", Spy)
    tasks: list[str] = []

    class TaskSpy(worker_task.WorkerTask):
        def __init__(self, function, *args) -> None:
            super().__init__(function, *args)
            tasks.append(function.__name__)

    monkeypatch.setattr(worker_task, "WorkerTask", TaskSpy)
    sentiment.clear_cache()
    ahead = analyse_workspace(workspace)
    assert used == [True] and tasks == ["discover_topics"]
    sentiment.clear_cache()
    here = replace(default_engine(), score_ahead=None, discover_ahead=None)
    serial = analyse_workspace(serial_copy, engine=here)
    rows = _rows(workspace)
    assert rows == _rows(serial_copy)
    assert _topics(workspace) == _topics(serial_copy) and len(_topics(workspace)) > 400
    assert all(r[2] is not None and r[9] for r in rows) and len(rows) == 480
    assert "[email]" in rows[0][1] and "[phone]" in rows[0][1]
    assert ahead.to_json() == serial.to_json()


class _NeverReady:
    """A scoring session whose scores arrive only when asked for (after topics)."""

    def __init__(self, engine, batches) -> None:
        self.engine, self.batches, self.asked = engine, batches, []

    def ready(self, index: int) -> bool:
        return False

    def scores(self, index: int, progress=None) -> list[float]:
        self.asked.append(index)
        return self.engine.score_texts(self.batches[index], progress or (lambda f, m: None))

    def close(self) -> None:
        pass


def _waiting_engine(calls: Calls, sessions: list):
    engine = fake_engine(calls=calls)

    def start(batches):
        sessions.append(_NeverReady(engine, batches))
        return sessions[-1]

    return replace(engine, score_ahead=start)


def _groups(folder) -> set[tuple[int, int, int]]:
    db = open_workspace(folder)
    groups = set(db.execute("SELECT DISTINCT wave_id, from_id, to_id FROM comments").fetchall())
    db.close()
    return groups


TEXTS = ["slow to answer, mail bob@corp.com", "great and quick", "they blame us", "fine work"]


def test_topics_read_the_redacted_text_of_batches_not_written_yet(workspace, monkeypatch):
    _fill(workspace, TEXTS * 6)
    monkeypatch.setattr(comment_update, "BATCH", 10)
    calls, sessions, seen = Calls(), [], []
    engine = _waiting_engine(calls, sessions)
    discover = engine.discover_topics
    engine = replace(engine, discover_topics=lambda t, p, **kw: seen.extend(t) or discover(t, p))
    db = open_workspace(workspace)
    unwritten = "SELECT COUNT(*) FROM comments WHERE redacted IS NULL"
    with CommentUpdate(db, engine, []) as update:
        update.analyse()
        assert calls.scored == [] and len(update.fresh) == 24
        assert db.execute(unwritten).fetchone() == (24,)
        found = update_topics(db, engine, [], _groups(workspace), fresh=update.fresh)
        assert found == "discovered"
        assert update.finish() == 24 and sessions[0].asked == [0, 1, 2]
    db.close()
    assert "slow to answer, mail [email]" in seen and not any("bob@" in t for t in seen)
    rows = _rows(workspace)
    assert all(r[2] is not None and r[9] for r in rows)


def test_cancelling_while_scores_are_collected_keeps_complete_batches(workspace, monkeypatch):
    _fill(workspace, TEXTS * 6)
    monkeypatch.setattr(comment_update, "BATCH", 10)
    messages: list[str] = []

    def progress(fraction: float, message: str) -> None:
        messages.append(message)
        if sum(m == "scoring" for m in messages) == 2:  # inside the second batch's scores
            raise Cancelled

    engine = _waiting_engine(Calls(), [])
    db = open_workspace(workspace)
    with pytest.raises(Cancelled), CommentUpdate(db, engine, []) as update:
        update.analyse()
        update.finish(progress)
    db.close()
    done = [r for r in _rows(workspace) if r[9] is not None]
    assert len(done) == 10 and all(r[1] is not None and r[2] is not None for r in done)
    result = analyse_workspace(workspace, engine=fake_engine())  # resumes and finishes
    assert all(r[9] is not None for r in _rows(workspace)) and result.pairs


def test_two_cores_discover_topics_in_the_analysing_process(monkeypatch) -> None:
    texts = ["the rota changes every week"] * comment_analysis.DISCOVER_AHEAD_FROM
    monkeypatch.setattr(comment_analysis.os, "cpu_count", lambda: 2)
    assert comment_analysis._discover_in_worker(texts) is None  # sentiment has the other core
    assert comment_analysis._discover_in_worker(texts[:10]) is None


def test_marker_and_theme_lists_are_written_as_json_dumps_writes_them() -> None:
    from analysis.comment_update import _json_list

    dumped: dict = {}
    lists = [(), ["blame"], ("blame",), ["a", "b"], ("a", "b"), ["é", '"q"'], (1,), (True,)]
    lists += [(1.0,), [None], ("b", "a")] * 2
    for values in lists:
        assert _json_list(values, dumped) == json.dumps(list(values)), values
    assert all(all(type(v) is str for v in key) for key in dumped)  # only strings remembered


def test_many_new_comments_start_the_scoring_worker_before_the_analysers_load(
    workspace, monkeypatch
) -> None:
    _fill(workspace, _real_texts(40))
    monkeypatch.setattr(background, "BACKGROUND_FROM", 40)
    events: list[str] = []
    real_start, real_engine = background.start_early, pipeline.default_engine
    monkeypatch.setattr(
        background, "start_early", lambda *a: events.append("early") or real_start(*a)
    )
    monkeypatch.setattr(
        pipeline, "default_engine", lambda *a: events.append("engine") or real_engine(*a)
    )
    taken: list[bool] = []

    class Spy(background.ScoringSession):
        def _start(self) -> None:
            early = background._early
            super()._start()
            taken.append(early is not None and self._pool is early)

    monkeypatch.setattr(background, "ScoringSession", Spy)
    sentiment.clear_cache()
    analyse_workspace(workspace)
    assert events == ["early", "engine"] and taken == [True]
    assert background._early is None
    assert all(r[9] for r in _rows(workspace))
    events.clear()
    _fill(workspace, _real_texts(60)[40:])  # 20 new comments
    analyse_workspace(workspace)
    assert events == ["engine"]  # too few new comments: the worker starts when needed


def test_a_worker_started_early_is_stopped_when_the_analysis_fails(workspace, monkeypatch) -> None:
    _fill(workspace, _real_texts(40))
    monkeypatch.setattr(background, "BACKGROUND_FROM", 40)
    started: list = []
    real_start = background.start_early

    def start(*args) -> None:
        real_start(*args)
        started.extend(background._early._processes.values())

    def broken(*args):
        raise RuntimeError("the analysers could not be loaded")

    monkeypatch.setattr(background, "start_early", start)
    monkeypatch.setattr(pipeline, "default_engine", broken)
    with pytest.raises(RuntimeError):
        analyse_workspace(workspace)
    assert started and background._early is None
    assert _wait_stopped(started)


def _wait_stopped(processes) -> bool:
    deadline = time.monotonic() + 30
    while any(p.is_alive() for p in processes) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not any(p.is_alive() for p in processes)
