"""Anonymity: thresholds, redaction, the differencing guard and "no group under k" properties."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from types import SimpleNamespace

import numpy as np
import pytest

from analysis.pipeline import analyse_workspace
from analysis.privacy import (
    FLOOR,
    PrivacyError,
    check_filter,
    day_only,
    guard_filter,
    is_redacted,
    make_thresholds,
    may_show_comments,
    may_show_pair_comments,
    may_show_scores,
    may_show_theme_counts,
    may_show_topic_terms,
    may_show_trend_point,
    redact,
    redacted_with_sql,
    redaction_stamp,
    result_thresholds,
    shuffled_quotes,
)
from analysis.results import PairResult
from surveys.store import open_workspace, set_setting
from tests.analysis.core_helpers import Filler, fake_engine

NAMES = ["Jane Doe", "Raj Patel"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mail jane.doe@acme-health.com today", "Mail [email] today"),
        ("Call +44 20 7946 0958 or (555) 123-4567.", "Call [phone] or [phone]."),
        ("Ring 555.123.4567 please", "Ring [phone] please"),
        ("See https://intranet.acme.com/tickets?id=4.", "See [link]."),
        ("Docs at www.acme.org", "Docs at [link]"),
        ("Ask JANE, not Janeway", "Ask [name], not Janeway"),
        ("jane doe and raj said no", "[name] and [name] said no"),
        ("Patel's team is slow", "[name]'s team is slow"),
        # numbers split by slashes and very long digit runs are caught too
        ("Fax 020/7946/0958 now", "Fax [phone] now"),
        ("card 1234 5678 9012 3456 7890", "card [phone]"),
    ],
)
def test_redact_replaces_identifying_text(text: str, expected: str) -> None:
    assert redact(text, NAMES) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Three weeks for a report change, again.",
        "Since 2026-10-01 we waited 14 days for 1,000 records",
        "Rajasthan office and the Doelen team",  # names only on word boundaries
    ],
)
def test_redact_leaves_ordinary_text_alone(text: str) -> None:
    assert redact(text, NAMES) == text
    assert is_redacted(text, NAMES)


def test_is_redacted_flags_what_redaction_would_remove() -> None:
    assert not is_redacted("write to ops@example.com")
    assert not is_redacted("ask Raj", NAMES)
    assert is_redacted("ask [name] at [email]", NAMES)
    assert is_redacted(None) and is_redacted("")


def test_thresholds_default_and_clamp_with_a_note() -> None:
    assert make_thresholds() == make_thresholds(5, 5)
    low = make_thresholds(2, 1)
    assert (low.min_group, low.min_comment_group) == (FLOOR, FLOOR)
    assert any("below the minimum of 3" in note for note in low.notes)
    assert make_thresholds(8).min_comment_group == 8  # defaults to min_group
    assert make_thresholds("seven").min_group == 5
    assert "not a whole number" in make_thresholds("seven").notes[0]


@pytest.mark.parametrize(
    ("group", "selected", "allowed"),
    [
        (20, 20, True),
        (20, 10, True),
        (20, 3, False),
        (20, 17, False),
        (20, 15, True),
        (4, 4, False),
    ],
)
def test_check_filter_refuses_small_selections_and_small_complements(group, selected, allowed):
    decision = check_filter(group, selected, 5, what="Negative comments of Sales → IT")
    assert decision.allowed is allowed
    if not allowed:
        assert "fewer than 5" in decision.message
        with pytest.raises(PrivacyError):
            guard_filter(group, selected, 5)


def test_check_filter_property_nothing_under_k_is_ever_revealed() -> None:
    rng = random.Random(7)
    for _ in range(2000):
        k = rng.randint(3, 10)
        group = rng.randint(0, 40)
        selected = rng.randint(0, group)
        if check_filter(group, selected, k).allowed and 0 < selected < group:
            assert selected >= k and group - selected >= k and group >= k


def test_shuffled_quotes_are_distinct_and_not_in_input_order() -> None:
    texts = [f"comment {i} from [email]" for i in range(10)] + ["comment 0 from [email] "]
    quotes = shuffled_quotes(texts, seed=1, limit=len(texts))
    assert len(quotes) == 10 and len(set(quotes)) == 10
    assert set(quotes) == {t.strip() for t in texts}  # stored redactions, taken as they are
    assert quotes != texts[:10]
    assert shuffled_quotes(texts, seed=1, limit=3) == quotes[:3]


def test_identical_quotes_are_not_merged_into_a_tell() -> None:
    """Four identical comments (forged or copied) and one person's own: merging repeats
    before drawing would show that person's comment every time, as the odd one out."""
    texts = ["Forged words."] * 4 + ["Only the victim wrote this."]
    shown = sum(
        "Only the victim wrote this." in shuffled_quotes(texts, seed, 2) for seed in range(1000)
    )
    assert 300 < shown < 500  # drawn per submission: 2 of 5, about 40 %
    for seed in range(50):
        quotes = shuffled_quotes(texts, seed, 2)
        assert len(quotes) == len(set(quotes))  # a repeat drawn twice is shown once


def test_day_only_drops_the_time() -> None:
    assert day_only("2026-10-03T14:22:01") == "2026-10-03"
    assert day_only(None) is None
    with pytest.raises(ValueError, match="not a date"):
        day_only("last week")


def _random_workspace(folder, rng: random.Random) -> None:
    filler = Filler(folder)
    depts = list(filler.ids)
    for wave in ("2026-01", "2026-02"):
        for source in depts:
            for target in depts:
                if source == target or rng.random() < 0.2:
                    continue
                n = rng.randint(1, 9)
                comments = [
                    f"{rng.choice(['slow', 'great', 'blame'])} reply, call 555-123-{4000 + i}"
                    for i in range(rng.randint(0, n))
                ]
                texts = comments + [None] * (n - len(comments))
                for text in texts:
                    ratings = {"timely": rng.randint(1, 5), "respect": rng.randint(1, 5)}
                    filler.respondent(wave, source, target, ratings, text)
    filler.close()


def test_property_no_output_shows_a_group_under_k(workspace) -> None:
    rng = random.Random(2026)
    _random_workspace(workspace, rng)
    db = open_workspace(workspace)
    true_n = {
        (f, t): n
        for f, t, n in db.execute(
            "SELECT df.name, dt.name, COUNT(DISTINCT submission_id) FROM answers a "
            "JOIN departments df ON df.id = a.from_id JOIN departments dt ON dt.id = a.to_id "
            "WHERE wave_id = (SELECT MAX(id) FROM waves) GROUP BY a.from_id, a.to_id"
        )
    }
    true_comments = dict(
        ((f, t), n)
        for f, t, n in db.execute(
            "SELECT df.name, dt.name, COUNT(*) FROM comments c "
            "JOIN departments df ON df.id = c.from_id JOIN departments dt ON dt.id = c.to_id "
            "WHERE wave_id = (SELECT MAX(id) FROM waves) GROUP BY c.from_id, c.to_id"
        )
    )
    for k in (3, 4, 5, 6):
        set_setting(db, "min_group", k)
        result = analyse_workspace(workspace, engine=fake_engine())
        data = result.to_json()
        for pair in data["pairs"]:
            n = true_n.get((pair["from"], pair["to"]), 0)  # every pair is listed
            if n < k:
                assert pair["suppressed"] and pair["n"] is None and pair["index"] is None
                assert pair["dimensions"] is None and pair["sentiment"] is None
                assert pair["themes"] == []
            else:
                assert not pair["suppressed"] and pair["n"] == n and pair["index"] is not None
            if true_comments.get((pair["from"], pair["to"]), 0) < k:
                assert pair["sentiment"] is None and pair["comment_count"] in (0, None)
        for hotspot in data["hotspots"]:
            assert true_n[(hotspot["from"], hotspot["to"])] >= k
            if true_comments.get((hotspot["from"], hotspot["to"]), 0) < k:
                assert hotspot["quotes"] == []
        for point in [p for points in data["trends"].values() for p in points]:
            assert point["index"] is None or point["n"] >= k
        dumped = json.dumps(data)
        assert "555-123" not in dumped and "sub-" not in dumped  # no phone, no submission id
    db.close()


RULES = make_thresholds(5, 7)


@pytest.mark.parametrize(("n", "shown"), [(4, False), (5, True), (40, True)])
def test_may_show_scores_and_trend_points_follow_min_group(n: int, shown: bool) -> None:
    assert may_show_scores(n, RULES) is shown
    assert may_show_trend_point(n, RULES) is shown


def test_may_show_scores_answers_per_element_of_an_array() -> None:
    assert may_show_scores(np.array([2, 5, 9]), RULES).tolist() == [False, True, True]


@pytest.mark.parametrize(
    ("n", "comments", "shown"),
    [(20, 7, True), (20, 6, False), (4, 7, False), (4, 4, False), (7, 7, True)],
)
def test_may_show_comments_needs_both_thresholds(n: int, comments: int, shown: bool) -> None:
    assert may_show_comments(n, comments, RULES) is shown


def test_may_show_pair_comments_refuses_missing_and_suppressed_pairs() -> None:
    shown = PairResult("w", "A", "B", 20, False, comment_count=9)
    assert may_show_pair_comments(shown, RULES)
    assert not may_show_pair_comments(None, RULES)
    assert not may_show_pair_comments(replace(shown, suppressed=True), RULES)
    assert not may_show_pair_comments(replace(shown, comment_count=6), RULES)
    assert not may_show_pair_comments(replace(shown, n=4), RULES)


@pytest.mark.parametrize(("comments", "shown"), [(6, False), (7, True)])
def test_theme_counts_and_topic_terms_follow_the_comment_threshold(comments, shown) -> None:
    assert may_show_theme_counts(comments, RULES) is shown
    assert may_show_topic_terms(comments, RULES) is shown


def test_result_thresholds_are_clamped_to_the_floor() -> None:
    result = SimpleNamespace(min_group=2, min_comment_group=6)
    rules = result_thresholds(result)
    assert (rules.min_group, rules.min_comment_group) == (FLOOR, 6)
    assert not may_show_scores(FLOOR - 1, rules)


def test_a_stored_redaction_is_current_only_with_the_same_names() -> None:
    assert redaction_stamp(["Ann Lee"]) == redaction_stamp([" ann lee"])
    assert redaction_stamp(["Ann Lee"]) != redaction_stamp(["Ann Lee", "Raj Patel"])
    condition, value = redacted_with_sql("c.analysed_with", ["Ann Lee"])
    assert condition == "c.analysed_with LIKE ?"
    assert value == "%+" + redaction_stamp(["Ann Lee"])


def test_a_name_typed_backwards_behind_a_direction_override_is_not_shown_as_the_name() -> None:
    # U+202E (right-to-left override) makes "senoJ yrraB" display as "Barry Jones" in the
    # HR window, the deck and spreadsheets, where no redaction rule could see the name.
    names = ["Barry Jones"]
    shown = redact("\u202esenoJ yrraB\u202c is rude to us", names)
    assert shown == "senoJ yrraB is rude to us"
    assert redact("Ask \u2067Barry\u2069 \u202aJones\u202c", names) == "Ask [name]"
    assert not any(0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in shown)
    assert not is_redacted("\u202esenoJ yrraB\u202c is rude to us", names)
    assert redact("مرحبا بكم", names) == "مرحبا بكم"  # right-to-left text itself is kept
