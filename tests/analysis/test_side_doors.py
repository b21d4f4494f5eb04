"""Small groups must not leak through side doors (per dimension, themes, totals, topics)."""

from __future__ import annotations

import numpy as np

from analysis.comment_analysis import TextEngine
from analysis.pipeline import analyse_workspace
from analysis.topics import discover_topics
from surveys.model import DIMENSIONS
from surveys.store import open_workspace
from tests.analysis.core_helpers import Filler, fake_engine

ROTATED = [d for d in DIMENSIONS if d != "respect"]


def _rotated_pair(folder) -> None:
    """Sales rates IT: five people, one of whom was asked (and answered) ``respect``."""
    filler = Filler(folder)
    for i in range(5):
        ratings = {d: 4 for d in ROTATED} | {"overall": 4}
        if i == 0:
            ratings["respect"] = 1
        filler.respondent("2026-10", "Sales", "IT", ratings)
    for value in (5, 4, 5, 4, 5, 4):  # IT rates Sales: six people, everyone answered respect
        filler.respondent("2026-10", "IT", "Sales", {d: value for d in DIMENSIONS})
    filler.close()


def test_a_dimension_needs_k_answers_of_its_own(workspace) -> None:
    _rotated_pair(workspace)
    result = analyse_workspace(workspace, engine=fake_engine())
    pair = result.pair("Sales", "IT")
    assert pair.n == 5 and not pair.suppressed
    assert pair.dimensions["respect"] is None  # one answer: that person's own
    assert pair.index == 4.0  # from the six dimensions that may be shown
    assert pair.ci_low == pair.ci_high == 4.0  # respondents' indices without respect
    data = next(p for p in result.to_json()["pairs"] if p["from"] == "Sales")
    assert data["dimensions"]["respect"] is None


def test_the_organisation_cannot_be_differenced_to_reveal_a_hidden_dimension(workspace) -> None:
    _rotated_pair(workspace)
    result = analyse_workspace(workspace, engine=fake_engine())
    other = result.pair("IT", "Sales")
    assert other.dimensions["respect"] == 4.5
    # With the lone answer included the organisation's respect would be 28/7 = 4.0, and
    # 7 × 4.0 − 6 × 4.5 = 1 would be that person's rating.
    assert result.organisation_dimensions["respect"] == 4.5
    assert result.organisation_dimensions["timely"] == round((5 * 4 + 27) / 11, 2)


def _themed(folder) -> None:
    """A shown pair with five comments and a suppressed pair of three with two of its own."""
    filler = Filler(folder)
    for _ in range(5):
        filler.respondent("2026-10", "Sales", "IT", {"timely": 2}, "slow reply again")
    for text in ("the tool is awful", "the tool is awful, never works", None):
        filler.respondent("2026-10", "Marketing", "Operations", {"timely": 1}, text)
    filler.close()


def test_themes_count_only_comments_that_may_be_shown(workspace) -> None:
    _themed(workspace)
    result = analyse_workspace(workspace, engine=fake_engine())
    themes = {t.name: t for t in result.themes if t.kind == "taxonomy"}
    # The suppressed pair's two "tool" comments would be "Tools shadow it: 2, 100 % negative".
    assert set(themes) == {"Responsiveness"}
    speed = themes["Responsiveness"]
    assert (speed.count, speed.share, speed.negative_share) == (5, 1.0, 1.0)


def test_a_theme_under_k_is_not_shown(workspace) -> None:
    filler = Filler(workspace)
    texts = ["slow reply", "slow again", "slow", "the tool broke", "the tool is fine", "ok"]
    for text in texts:
        filler.respondent("2026-10", "Sales", "IT", {"timely": 3}, text)
    filler.close()
    result = analyse_workspace(workspace, engine=fake_engine())
    assert result.pair("Sales", "IT").comment_count == 6
    assert [t.name for t in result.themes if t.kind == "taxonomy"] == []  # 3 and 2 comments


def test_totals_are_made_of_shown_groups_only(workspace) -> None:
    _themed(workspace)
    filler = Filler(workspace)
    for _ in range(6):
        filler.respondent("2026-10", "IT", "Sales", {"timely": 4}, "quick and helpful")
    filler.close()
    result = analyse_workspace(workspace, engine=fake_engine())
    shown = sum(p.comment_count for p in result.pairs if not p.suppressed)
    assert shown == 11
    for theme in result.themes:
        # count / share is the total the shares are taken of: subtracting the shown pairs'
        # comments from it must leave nothing.
        assert round(theme.count / theme.share) == shown


def _topic_engine() -> TextEngine:
    """The fake engine with the real topic discovery (terms come from the texts)."""
    fake = fake_engine()
    return TextEngine(
        version=fake.version,
        score_texts=fake.score_texts,
        label_of=fake.label_of,
        analyse_conflicts=fake.analyse_conflicts,
        match_themes=fake.match_themes,
        discover_topics=lambda texts, progress, **kw: discover_topics(
            texts, seed=0, progress=progress, **kw
        ),
        theme_label=fake.theme_label,
        themes_version="real-topics",
    )


def test_topic_terms_never_come_from_a_group_under_k(workspace) -> None:
    rng = np.random.default_rng(3)
    words = ["invoice", "approval", "budget", "meeting", "release", "deadline", "handover"]
    filler = Filler(workspace)
    for source, target in (("Sales", "IT"), ("IT", "Sales"), ("Operations", "Sales")):
        for _ in range(8):
            picked = rng.choice(words, 3, replace=False)
            filler.respondent("2026-10", source, target, {"timely": 3}, " ".join(picked))
    for _ in range(3):  # a group of three with words nobody else uses
        filler.respondent("2026-10", "Marketing", "IT", {"timely": 1}, "zebrafish aquarium pump")
    filler.close()
    result = analyse_workspace(workspace, engine=_topic_engine())
    assert result.pair("Marketing", "IT").suppressed
    shown = [t for t in result.themes if t.kind == "topic"]
    assert shown  # topics were found and are shown
    db = open_workspace(workspace)
    stored = " ".join(
        label + terms for label, terms in db.execute("SELECT label, terms FROM topics")
    )
    db.close()
    for secret in ("zebrafish", "aquarium", "pump"):
        assert secret not in stored
        assert all(secret not in t.name and secret not in " ".join(t.terms) for t in shown)


def test_the_explorer_offers_no_theme_only_a_hidden_group_mentions(workspace) -> None:
    from analysis.comment_choices import filter_choices

    _themed(workspace)
    analyse_workspace(workspace, engine=fake_engine())
    db = open_workspace(workspace)
    themes = filter_choices(db)["themes"]
    db.close()
    assert themes == ["responsiveness"]  # not tools_shadow_it, from the suppressed pair
