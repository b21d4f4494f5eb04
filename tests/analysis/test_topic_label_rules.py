"""What a topic's label may say (topics-8): one idea once, no word that fits any topic,
and not a word that already names a larger topic. Made-up comments only."""

from __future__ import annotations

import numpy as np
import pytest

import analysis.topic_naming as topic_naming
import analysis.topics as topics
from analysis.text import stem
from analysis.topic_labels import fresh_first, pick_terms, same_idea
from analysis.topic_terms import ignored_words, is_topic_word, topic_terms, unnamed_words

ROTA = [
    "Rota out late, no time",
    "Time wasted on the rota",
    "The rota again, time lost",
    "Rota swaps take time",
    "Time and the rota",
    "Our rota costs time",
]
FOOD = [
    "Canteen food is cold",
    "Cold food in the canteen",
    "The canteen food again",
    "Canteen queue, cold food",
    "Food at the canteen",
    "The canteen food menu",
]


@pytest.mark.parametrize(
    ("a", "b"),
    [("pay", "payment"), ("bag", "baggage"), ("staff", "staffing"), ("phone", "telephone"),
     ("flt", "flight"), ("mkt", "market"), ("cover", "coverage"), ("deliver", "delivery"),
     ("therapy", "therapist"), ("site", "website"), ("noise", "noisy")],
)  # fmt: skip
def test_a_word_in_another_form_is_one_idea(a: str, b: str) -> None:
    assert same_idea(stem(a), stem(b)) and same_idea(stem(b), stem(a))


@pytest.mark.parametrize(
    ("a", "b"), [("car", "oil"), ("delay", "delayed"), ("hold", "wait"), ("pin", "pending")]
)
def test_different_words_and_one_stem_are_not_two_forms(a: str, b: str) -> None:
    assert not same_idea(stem(a), stem(b))  # "delay"/"delayed" are one term already


@pytest.mark.parametrize(
    ("a", "b"),
    [("car", "career"), ("art", "start"), ("ward", "reward"), ("sale", "wholesale"),
     ("form", "platform"), ("pro", "process"), ("tax", "taxi"), ("line", "deadline"),
     ("back", "feedback"), ("work", "network"), ("plan", "planet"), ("log", "logistics"),
     ("rep", "report"), ("rep", "reply"), ("sign", "design"), ("team", "steam"),
     ("day", "holiday"), ("check", "checkbook"), ("car", "carer"), ("lab", "label"),
     ("hr", "hours"), ("hr", "hire"), ("dr", "daughter"), ("st", "staff"), ("cs", "customer"),
     ("app", "web"), ("goal", "smart"), ("sms", "cell")],
)  # fmt: skip
def test_a_word_inside_another_word_is_not_its_other_form(a: str, b: str) -> None:
    # only an ending ("payment") or "tele"/"web" ("telephone") make another form, and an
    # abbreviation needs three letters: "HR" is the department as often as hours
    assert not same_idea(stem(a), stem(b)) and not same_idea(stem(b), stem(a))


def test_hr_beside_hours_and_a_reward_beside_a_ward_stay_in_a_label() -> None:
    names = ["hour", "hr", "ward", "reward", "rota"]
    assert pick_terms(range(5), names, np.array([9, 8, 7, 6, 5]), 5) == [0, 1, 2, 3, 4]


def test_a_label_says_one_idea_once() -> None:
    names = ["phone", "telephon", "assess", "exercis"]
    assert pick_terms([0, 1, 2, 3], names, np.array([9, 8, 5, 4]), 3) == [0, 2, 3]
    assert pick_terms([1, 0, 2], names, np.array([9, 8, 5, 4]), 3) == [1, 2]


def test_a_key_phrase_stands_for_the_word_it_holds_in_another_form() -> None:
    names = ["bill", "pay", "minimum", "minimum payment", "tax"]
    index = {n: i for i, n in enumerate(names)}
    freq = np.array([10, 8, 6, 5, 4])
    # "minimum payment" carries "minimum" and says "pay" again: it replaces both
    assert pick_terms([0, 1, 2, 3, 4], names, freq, 5, index) == [0, 3, 4]
    # not a key phrase, so left out; "minimum" then only echoes it
    freq = np.array([10, 8, 6, 4, 4])
    assert pick_terms([0, 1, 3, 2, 4], names, freq, 5, index) == [0, 1, 4]


def test_words_that_fit_any_topic_never_name_one_but_still_group_comments(monkeypatch) -> None:
    model = topics.discover_topics(ROTA + FOOD, seed=0)
    rota = model.topics[model.assignments[0] - 1]
    assert "rota" in rota.terms and "time" not in rota.terms
    assert "time" in unnamed_words() and "time" not in ignored_words() and is_topic_word("time")
    assert "time" in topic_terms("No time for the rota")  # read like any word
    monkeypatch.setattr(topic_naming, "unnamed_words", frozenset)
    unfiltered = topics.discover_topics(ROTA + FOOD, seed=0)
    assert unfiltered.assignments == model.assignments  # the same topics, named better
    assert "time" in unfiltered.topics[unfiltered.assignments[0] - 1].terms


def test_a_larger_topics_label_words_come_last() -> None:
    names = ["staff", "ward", "client benefit", "benefit direct", "direct", "call back", "bed"]
    index = {n: i for i, n in enumerate(names)}
    freq = np.array([9, 8, 7, 6, 6, 5, 4])
    named = {"staff", "client benefit", "call"}
    order = fresh_first(range(7), names, named, freq, index)
    # "staff" names a larger topic, "benefit directly" continues its "clients benefit",
    # and "directly" mostly stands in that pair; "call back" says something of its own
    assert order == [1, 5, 6, 0, 2, 3, 4]
    freq[4] = 20  # "directly" mostly stands elsewhere: it keeps its place
    assert fresh_first(range(7), names, named, freq, index) == [1, 4, 5, 6, 0, 2, 3]
    assert fresh_first(range(7), names, set(), freq, index) == list(range(7))


def test_words_that_fit_any_topic_are_matched_as_written() -> None:
    hiring = [
        "Open positions stay empty",
        "Positions unfilled for months",
        "Fill the open positions",
        "Two positions vacant",
        "Vacant positions, no hiring",
        "Positions frozen",
    ]
    model = topics.discover_topics(hiring + FOOD, seed=0)
    assert stem("positions") == stem("positive") and "positive" in unnamed_words()
    assert "positions" in model.topics[model.assignments[0] - 1].terms


def test_changes_people_name_can_name_their_topic() -> None:
    # asked what would make working with a department better, people name its changes
    changes = [
        "Marketing changes the brief after sign-off",
        "Constant changes to the launch brief",
        "Too many changes from sales, no notice",
        "Changes arrive without notice",
        "Sales makes changes after sign-off",
        "Scope changes keep coming, no notice",
    ]
    model = topics.discover_topics(changes + FOOD, seed=0)
    assert "changes" in model.topics[model.assignments[0] - 1].label.split(", ")


def test_a_topic_of_nothing_but_words_that_fit_any_topic_still_has_a_name() -> None:
    vague = ["Time.", "Days.", "Weeks!", "Time.", "Weeks.", "Days."]
    model = topics.discover_topics(FOOD + vague, seed=0)
    assert len(model.topics) > 1 and all(topic.label for topic in model.topics)
    assert {model.topics[model.assignments[i] - 1].label for i in (6, 8)} == {"days, time", "weeks"}


def test_a_pair_that_only_shares_a_word_with_a_larger_topics_phrase_keeps_its_place() -> None:
    names = ["credit score", "credit", "score", "sales pipeline", "rate", "weekly sales"]
    index = {n: i for i, n in enumerate(names)}
    freq = np.array([8, 9, 8, 7, 5, 4])
    named = {"credit limit", "sales team"}
    # "credit score" is not "credit limit" again, nor "sales pipeline" "sales team"; "weekly
    # sales" reads on to "weekly sales team", and "credit" stands in "credit limit"
    order = fresh_first(range(6), names, named, freq, index)
    assert order == [0, 2, 3, 4, 1, 5]


def test_a_budget_people_call_spend_can_name_its_topic() -> None:
    spend = [
        "Marketing never shares the spend",
        "No visibility on spend until the invoice",
        "Spend approvals take weeks",
        "Who approves the spend?",
        "The spend report arrives late",
        "We overshoot the spend every quarter",
    ]
    model = topics.discover_topics(spend + FOOD, seed=0)
    assert "spend" in model.topics[model.assignments[0] - 1].label.split(", ")


def test_a_topic_of_nothing_but_swearing_is_called_strong_language() -> None:
    swearing = ["Crap.", "Shit!", "Crap.", "Shit.", "Crap!", "Shit"]
    model = topics.discover_topics(FOOD + swearing, seed=0)
    labels = {model.topics[model.assignments[i] - 1].label for i in range(6, 12)}
    assert labels == {topics.SWEARING_LABEL}
    assert all(topic.label for topic in model.topics)


def test_a_topic_of_swearing_with_a_word_or_two_is_not_named_by_them() -> None:
    """Four "Crap." and one "Crap, the meeting." are not a topic about meetings; a topic
    whose every comment names the meeting, swearing or not, is still called so."""
    swearing = ["Crap.", "Shit!", "Crap.", "Shit.", "Crap!", "Shit", "Crap!!", "Shit."]
    model = topics.discover_topics(FOOD + swearing + ["Crap, the meeting."], seed=0)
    first = len(FOOD)
    labels = {model.topics[model.assignments[i] - 1].label for i in range(first, first + 9)}
    assert labels == {topics.SWEARING_LABEL}
    meetings = [f"The damn {day} meeting runs late again" for day in ("Monday", "Friday")] * 3
    model = topics.discover_topics(FOOD + meetings, seed=0)
    assert "meeting" in model.topics[model.assignments[first] - 1].label
