"""Hotspots: kinds, ranking, reasons, quotes and playbook — on crafted data and the demo."""

from __future__ import annotations

import json
import random
import re

import pytest

from analysis.pipeline import analyse_workspace
from analysis.playbook import PlaybookError, load_playbook, parse_playbook
from surveys.model import DIMENSIONS
from surveys.store import open_workspace, set_setting
from tests.analysis.core_helpers import Filler, fake_engine

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PHONE = re.compile(r"\d{3}[-. ]\d{3}[-. ]\d{4}")


def _crafted(folder) -> None:
    rng = random.Random(3)
    f = Filler(folder)
    blame = ["They blame us, call Jane on 555-201-3344", "slow again", "slow and late"]
    f.group("2026-10", "Marketing", "IT", 8, 2, rng, comments=blame)  # feud
    f.group("2026-10", "IT", "Marketing", 8, 2, rng, comments=["they never listen"])
    f.group("2026-10", "Operations", "Sales", 8, 2, rng)  # one-sided
    f.group("2026-10", "Sales", "Operations", 8, 5, rng)
    for _ in range(8):  # disconnected: rarely talk, know little, otherwise fine
        ratings = {d: 5 for d in DIMENSIONS} | {"frequent": 1, "shared_knowledge": 2}
        f.respondent("2026-10", "Operations", "IT", ratings)
    f.group("2026-10", "IT", "Operations", 8, 4, rng)
    f.group("2026-10", "Sales", "IT", 3, 1, rng)  # awful but under k: never a hotspot
    f.close()


def test_kinds_ranking_and_reasons_on_crafted_pairs(workspace) -> None:
    _crafted(workspace)
    db = open_workspace(workspace)
    set_setting(db, "redaction_names", ["Jane Doe"])
    db.close()
    result = analyse_workspace(workspace, engine=fake_engine())
    kinds = {(h.from_dept, h.to_dept): h.kind for h in result.hotspots}
    assert kinds == {
        ("Marketing", "IT"): "feud",
        ("IT", "Marketing"): "feud",
        ("Operations", "Sales"): "one-sided",
        ("Operations", "IT"): "disconnected",
    }
    assert [h.rank for h in result.hotspots] == [1, 2, 3, 4]
    assert [h.score for h in result.hotspots] == sorted(
        (h.score for h in result.hotspots), reverse=True
    )
    top = next(h for h in result.hotspots if h.from_dept == "Marketing")
    assert any("Marketing rates IT 2.0" in r for r in top.reasons)
    assert any("IT rates Marketing" in r and "(weak)" in r for r in top.reasons)
    assert any(r.endswith("% of comments negative") for r in top.reasons)
    assert 2 <= len(top.quotes) <= 3
    assert any("[name]" in q and "[phone]" in q for q in top.quotes)
    assert top.actions and "bi-weekly" in top.actions[0]
    disconnected = next(h for h in result.hotspots if h.kind == "disconnected")
    assert any("rare contact: communication frequency 1.0" in r for r in disconnected.reasons)
    # What makes each its kind comes right after the index: the app and the deck show four.
    second = {h.kind: h.reasons[1] for h in result.hotspots}
    assert second["feud"].startswith(("IT rates Marketing", "Marketing rates IT"))
    assert second["feud"].endswith("(weak)")
    assert second["one-sided"].startswith("Sales rates Operations")
    assert second["disconnected"].startswith("rare contact")
    assert disconnected.quotes == []  # no comments at all


def test_pairs_with_too_few_comments_get_no_quotes_or_themes(workspace) -> None:
    _crafted(workspace)
    db = open_workspace(workspace)
    set_setting(db, "min_comment_group", 9)
    db.close()
    result = analyse_workspace(workspace, engine=fake_engine())
    assert all(h.quotes == [] and h.themes == [] for h in result.hotspots)
    assert not any("comments negative" in r for h in result.hotspots for r in h.reasons)


def test_playbook_is_valid_and_errors_name_the_problem() -> None:
    book = load_playbook()
    assert set(book.kinds) == {"feud", "one-sided", "deteriorating", "disconnected"}
    suggestions = book.suggest("one-sided", ["responsiveness"])
    assert any("response times" in s for s in suggestions) and len(set(suggestions)) == len(
        suggestions
    )
    with pytest.raises(PlaybookError, match="unknown hotspot kind"):
        parse_playbook("kinds:\n  grudge: [talk]\n")
    with pytest.raises(PlaybookError, match="kinds.feud must be a list"):
        parse_playbook("kinds:\n  feud: talk\n")


@pytest.mark.slow
def test_demo_planted_stories_are_the_top_hotspots(tmp_path) -> None:
    from surveys.demo import build_demo

    build_demo(tmp_path / "demo", seed=0)
    result = analyse_workspace(tmp_path / "demo")
    top = {(h.from_dept, h.to_dept): h for h in result.hotspots[:4]}
    assert top[("Sales", "IT")].kind == "deteriorating"
    assert top[("Sales", "IT")].rank == 1
    assert any("timeliness" in r for r in top[("Sales", "IT")].reasons)
    assert any(
        r.startswith("down ") and "unlikely to be chance: p\u00a0" in r
        for r in top[("Sales", "IT")].reasons
    )
    assert top[("Marketing", "IT")].kind == top[("IT", "Marketing")].kind == "feud"
    assert top[("Operations", "Sales")].kind == "one-sided"
    assert any(s.startswith("Sales → Marketing improved") for s in result.improvements)
    suppressed = {(p.from_dept, p.to_dept, p.wave) for p in result.pairs if p.suppressed}
    assert not any((h.from_dept, h.to_dept, h.wave) in suppressed for h in result.hotspots)
    dumped = json.dumps(result.to_json(), ensure_ascii=False)
    assert not EMAIL.search(dumped) and not PHONE.search(dumped)
    for wave in result.waves[:-1]:  # earlier waves hold the demo's small Marketing cells
        earlier = analyse_workspace(tmp_path / "demo", wave=wave)
        shown = {(p.from_dept, p.to_dept) for p in earlier.pairs if not p.suppressed}
        assert all((h.from_dept, h.to_dept) in shown for h in earlier.hotspots)
        text = json.dumps(earlier.to_json(), ensure_ascii=False)
        assert not EMAIL.search(text) and not PHONE.search(text)
