"""The pipeline: comment cache, topics, cancellation, and `rapport analyze`."""

from __future__ import annotations

import gc
import json
import random
from dataclasses import replace

import pytest

from analysis import comment_update, comment_write, pipeline
from analysis import relationships as rel
from analysis.pipeline import analyse_workspace
from desktop_app.cli import main
from surveys.progress import Cancelled
from surveys.store import open_workspace, set_setting
from tests.analysis.core_helpers import Calls, Filler, fake_engine, use_fake_engine

TEXTS = ["slow to answer, mail bob@corp.com", "great and quick", "they blame us", "fine work"]


def _fill(folder, n: int = 10, wave: str = "2026-10") -> None:
    filler = Filler(folder)
    filler.group(wave, "Sales", "IT", n, 2, random.Random(n), comments=TEXTS, spread=1)
    filler.group(wave, "IT", "Sales", n, 4, random.Random(n + 1), comments=TEXTS[1:], spread=1)
    filler.close()


def _cached(folder) -> list[tuple]:
    db = open_workspace(folder)
    rows = db.execute(
        "SELECT text, redacted, sentiment, label, conflict, orientation, themes, analysed_with "
        "FROM comments ORDER BY id"
    ).fetchall()
    db.close()
    return rows


def test_cache_is_filled_and_only_new_comments_are_analysed_again(workspace) -> None:
    _fill(workspace)
    calls = Calls()
    analyse_workspace(workspace, engine=fake_engine(calls=calls))
    assert len(calls.scored) == 20
    row = next(r for r in _cached(workspace) if r[0].startswith("slow"))
    assert row[1] == "slow to answer, mail [email]"
    assert (row[3], row[6]) == ("negative", '["responsiveness"]')
    blame = next(r for r in _cached(workspace) if r[0] == "they blame us")
    assert (blame[4], blame[5]) == (0.8, "blame")
    calls.scored.clear()
    analyse_workspace(workspace, engine=fake_engine(calls=calls))
    assert calls.scored == []
    _fill(workspace, n=3, wave="2026-11")
    analyse_workspace(workspace, engine=fake_engine(calls=calls))
    assert len(calls.scored) == 6


def test_new_model_version_or_name_list_reanalyses_everything(workspace) -> None:
    _fill(workspace)
    analyse_workspace(workspace, engine=fake_engine())
    calls = Calls()
    analyse_workspace(workspace, engine=fake_engine("fake-2", calls))
    assert len(calls.scored) == 20
    db = open_workspace(workspace)
    set_setting(db, "redaction_names", ["Bob"])
    db.close()
    calls.scored.clear()
    analyse_workspace(workspace, engine=fake_engine("fake-2", calls))
    assert len(calls.scored) == 20


def test_hr_label_correction_wins_over_the_model(workspace) -> None:
    _fill(workspace)
    db = open_workspace(workspace)
    db.execute("UPDATE comments SET label_corrected = 'positive' WHERE text LIKE 'slow%'")
    db.close()
    analyse_workspace(workspace, engine=fake_engine())
    labels = {r[3] for r in _cached(workspace) if r[0].startswith("slow")}
    assert labels == {"positive"}


def test_cancel_keeps_only_complete_batches(workspace, monkeypatch) -> None:
    _fill(workspace)
    monkeypatch.setattr(comment_update, "BATCH", 6)
    messages = []

    def progress(fraction: float, message: str) -> None:
        messages.append(message)
        if sum(m == "scoring" for m in messages) == 2:  # cancel inside the second batch
            raise Cancelled

    with pytest.raises(Cancelled):
        analyse_workspace(workspace, progress=progress, engine=fake_engine())
    done = [r for r in _cached(workspace) if r[7] is not None]
    assert len(done) == 6
    assert all(r[1] is not None and r[2] is not None and r[6] is not None for r in done)
    result = analyse_workspace(workspace, engine=fake_engine())  # resumes and finishes
    assert all(r[7] is not None for r in _cached(workspace)) and result.pairs


def _unassigned_slow(workspace, wave: str) -> int:
    db = open_workspace(workspace)
    count = db.execute(
        "SELECT COUNT(*) FROM comments c JOIN waves w ON w.id = c.wave_id "
        "WHERE w.name = ? AND redacted LIKE 'slow%' AND NOT EXISTS "
        "(SELECT 1 FROM topic_assignments a WHERE a.comment_id = c.id)",
        [wave],
    ).fetchone()[0]
    db.close()
    return count


def test_topics_discovered_once_then_new_comments_join_them(workspace) -> None:
    _fill(workspace, n=50)
    calls = Calls()
    result = analyse_workspace(workspace, engine=fake_engine(calls=calls))
    assert calls.discoveries == 1
    topics = [t for t in result.themes if t.kind == "topic"]
    assert {t.name for t in topics} == {"slow / late", "other / work"}
    assert next(t for t in topics if t.name == "slow / late").terms == ["slow", "late"]
    analyse_workspace(workspace, engine=fake_engine(calls=calls))
    assert calls.discoveries == 1
    _fill(workspace, n=5, wave="2026-11")  # 10 new comments: under 10 % of 110
    analyse_workspace(workspace, engine=fake_engine(calls=calls))
    assert calls.discoveries == 1
    assert _unassigned_slow(workspace, "2026-11") == 0
    _fill(workspace, n=3, wave="2026-12")  # groups of 3: too small to show, so no topic
    analyse_workspace(workspace, engine=fake_engine(calls=calls))
    assert calls.discoveries == 1
    assert _unassigned_slow(workspace, "2026-12") > 0
    _fill(workspace, n=20, wave="2027-01")  # many new comments: discover again
    analyse_workspace(workspace, engine=fake_engine(calls=calls))
    assert calls.discoveries == 2


def test_discovery_reads_only_comments_that_may_be_shown(workspace) -> None:
    _fill(workspace, n=10)
    filler = Filler(workspace)
    secret = ["a very particular secret remark"] * 3
    filler.group("2026-10", "Sales", "Marketing", 3, 2, random.Random(3), comments=secret)
    filler.close()
    seen: list[str] = []
    engine = fake_engine()
    real = engine.discover_topics

    def discover(texts, progress, departments=()):
        seen.extend(texts)
        return real(texts, progress)

    analyse_workspace(workspace, engine=replace(engine, discover_topics=discover))
    assert seen and not any("secret" in text for text in seen)
    assert any(text.startswith("slow") for text in seen)


def test_a_changed_threshold_discovers_topics_again(workspace) -> None:
    _fill(workspace, n=40)
    filler = Filler(workspace)
    filler.group("2026-10", "Sales", "Marketing", 4, 2, random.Random(4), comments=TEXTS)
    filler.close()
    calls = Calls()
    analyse_workspace(workspace, engine=fake_engine(calls=calls))
    assert calls.discoveries == 1
    db = open_workspace(workspace)
    (run,) = {r[0] for r in db.execute("SELECT run FROM topics")}
    assert run.endswith("+k5-5")
    set_setting(db, "min_group", 4)  # the group of four may now be shown
    set_setting(db, "min_comment_group", 4)
    db.close()
    analyse_workspace(workspace, engine=fake_engine(calls=calls))
    assert calls.discoveries == 2  # 4 new comments of 84 are under 10 %: the rules changed
    db = open_workspace(workspace)
    runs = {r[0] for r in db.execute("SELECT run FROM topics")}
    used = db.execute("SELECT COUNT(*) FROM topic_inputs").fetchone()[0]
    db.close()
    assert runs == {run.replace("+k5-5", "+k4-4")} and used == 84


def test_progress_is_reported_in_order_and_ends_at_one(workspace) -> None:
    _fill(workspace)
    seen = []
    analyse_workspace(workspace, progress=lambda f, m: seen.append(f), engine=fake_engine())
    assert seen[0] == 0.0 and seen[-1] == 1.0 and len(seen) > 5
    assert all(0.0 <= f <= 1.0 for f in seen)


def test_cli_analyze_writes_the_json_contract(workspace, tmp_path, capsys, monkeypatch) -> None:
    _fill(workspace)
    Filler(workspace).group("2026-10", "Marketing", "IT", 2, 1)  # a suppressed pair
    use_fake_engine(monkeypatch)
    out = tmp_path / "analysis.json"
    assert main(["analyze", str(workspace), "--json", str(out), "--quiet"]) == 0
    printed = capsys.readouterr().out
    # Marketing → IT and the nine pairs nobody rated, alike (every directed pair is listed)
    assert (
        "Sales → IT" in printed and "10 suppressed (fewer than 5 respondents, or none)" in printed
    )
    data = json.loads(out.read_text("utf-8"))
    pair_keys = {"from", "to", "wave", "n", "index", "band", "suppressed", "sentiment", "themes"}
    assert all(pair_keys <= set(p) for p in data["pairs"])
    hot_keys = {"from", "to", "rank", "kind", "score", "reasons", "themes", "quotes", "actions"}
    assert data["hotspots"] and all(hot_keys <= set(h) for h in data["hotspots"])
    hidden = [p for p in data["pairs"] if p["suppressed"]]
    assert len(hidden) == 10 and len(data["pairs"]) == 12
    assert all(p["index"] is None and p["n"] is None and p["band"] is None for p in hidden)
    assert "bob@corp.com" not in out.read_text("utf-8")


def test_the_analysis_runs_with_the_collector_paused(workspace, monkeypatch) -> None:
    _fill(workspace)
    seen: list[bool] = []
    build = pipeline.build_result
    monkeypatch.setattr(
        pipeline, "build_result", lambda *a: seen.append(gc.isenabled()) or build(*a)
    )
    analyse_workspace(workspace, engine=fake_engine())
    assert seen == [False] and gc.isenabled()


def test_cli_analyze_loads_the_analysis_with_the_collector_paused(
    workspace, tmp_path, monkeypatch
) -> None:
    from analysis.sentiment import background

    _fill(workspace)
    use_fake_engine(monkeypatch)
    seen: list[bool] = []
    monkeypatch.setattr(background, "start_early_for", lambda folder: seen.append(gc.isenabled()))
    assert main(["analyze", str(workspace), "--json", str(tmp_path / "a.json"), "--quiet"]) == 0
    assert seen == [False] and gc.isenabled()


def test_cli_reports_a_missing_workspace_without_traceback(tmp_path, capsys) -> None:
    assert main(["analyze", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert "does not exist or cannot be reached" in err and "Traceback" not in err


def test_full_text_index_follows_a_bulk_analysis(workspace, monkeypatch) -> None:
    monkeypatch.setattr(comment_write, "BULK_INDEX_FROM", 5)
    _fill(workspace, n=10)
    analyse_workspace(workspace, engine=fake_engine())

    def found(db, word: str) -> int:
        sql = "SELECT COUNT(*) FROM comments_fts WHERE comments_fts MATCH ?"
        return db.execute(sql, [word]).fetchone()[0]

    db = open_workspace(workspace)
    expected = db.execute("SELECT COUNT(*) FROM comments WHERE redacted LIKE 'slow%'").fetchone()
    assert found(db, "slow") == expected[0] > 0 and found(db, "email") > 0  # "[email]"
    trigger = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'comments_fts_update'"
    assert db.execute(trigger).fetchone()[0] == 1
    set_setting(db, "redaction_names", ["slow"])
    db.close()
    analyse_workspace(workspace, engine=fake_engine())  # re-redacts every comment in bulk
    db = open_workspace(workspace)
    assert found(db, "slow") == 0 and found(db, "name") == expected[0]
    db.execute("UPDATE comments SET redacted = 'zebra crossing' WHERE id = 1")  # the trigger
    assert found(db, "zebra") == 1
    db.close()


def test_the_figures_of_the_ratings_alone_are_ready_before_the_scores(
    workspace, monkeypatch
) -> None:
    """While the sentiment worker scores its last chunks, the analysing process computes
    the pairs' rating figures and drivers; the result is the one computed afterwards."""
    _fill(workspace)
    _fill(workspace, n=12, wave="2026-11")
    events: list[str] = []
    real_pairs, real_drivers = rel.pair_data, pipeline._drivers
    monkeypatch.setattr(rel, "pair_data", lambda *a: events.append("pairs") or real_pairs(*a))
    monkeypatch.setattr(
        pipeline, "_drivers", lambda *a: events.append("drivers") or real_drivers(*a)
    )
    engine = fake_engine()
    scoring = engine.score_texts
    engine = replace(engine, score_texts=lambda t, p: events.append("scores") or scoring(t, p))
    engine = replace(engine, score_ahead=lambda batches: _ScoredWhenAsked(engine, batches))
    early = analyse_workspace(workspace, "2026-10", engine=engine)
    assert events == ["pairs", "drivers", "scores"]
    db = open_workspace(workspace)
    try:
        waves, current = pipeline.rel.load_waves(db, "2026-10")
        thresholds = pipeline.thresholds_from_settings(db)
        ratings = rel.load_shown_ratings(db, thresholds)
        inputs = pipeline._Inputs(workspace, waves, current, thresholds, ratings)
        later = pipeline.build_result(db, inputs, engine, lambda *a: None)
    finally:
        db.close()
    assert later.to_json() == early.to_json() and early.pairs


class _ScoredWhenAsked:
    """A scoring session like the worker's, whose scores are never ready before they are
    asked for (after topic discovery)."""

    def __init__(self, engine, batches) -> None:
        self.engine, self.batches = engine, batches

    def ready(self, index: int) -> bool:
        return False

    def scores(self, index: int, progress=None) -> list[float]:
        return self.engine.score_texts(self.batches[index], progress or (lambda f, m: None))

    def close(self) -> None:
        pass
