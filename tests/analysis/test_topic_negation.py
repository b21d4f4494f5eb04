"""A term a topic's comments mostly deny is named with its denial ("no ... issues"), never
as if asserted (topics-12). Made-up comments only."""

from __future__ import annotations

import analysis.topics as topics
from analysis.topic_negation import negated_prefixes
from analysis.topic_terms import topic_terms

CALM = [
    "No real issues with the rota.",
    "No real issues, the rota works.",
    "Honestly no real issues on the rota side.",
    "No real issues this month with the rota.",
    "We don't have real issues with the rota.",
    "The rota: no real issues.",
]
FOOD = [
    "Canteen food is cold",
    "Cold food in the canteen",
    "The canteen food again",
    "Canteen queue, cold food",
    "Food at the canteen",
    "The canteen food menu",
]


def _terms(texts: list[str]) -> set[str]:
    found: set[str] = set()
    for text in texts:
        found.update(topic_terms(text))
    return found


def test_a_topic_whose_comments_deny_a_phrase_is_named_with_the_denial() -> None:
    model = topics.discover_topics(CALM + FOOD, seed=0)
    calm = model.topics[model.assignments[0] - 1]
    assert model.assignments[:6] == [calm.number] * 6
    phrase = next(term for term in calm.terms if "real issues" in term)
    assert phrase == "no real issues"  # as the comments say it, not "real issues"
    assert "real issues" not in calm.label.replace("no real issues", "")


def test_a_term_is_denied_when_more_than_half_of_its_uses_are() -> None:
    texts = ["Not a big deal.", "Never late.", "Sometimes late.", "Nothing major here."]
    found = negated_prefixes(texts, _terms(texts))
    assert found["big deal"] == "not a"  # the words from the denial to the term
    assert found["major"] == "nothing"
    assert "late" not in found  # one use of two: not mostly denied


def test_a_denial_reaches_only_its_own_word_in_its_own_clause() -> None:
    texts = ["No issues with IT.", "No issues with IT at all.", "Nothing. IT again."]
    found = negated_prefixes(texts, _terms(texts))
    assert "IT" not in found  # "issues" is what is denied, and "." ends a clause
    assert found["issu"] == "no"


def test_the_commonest_way_of_denying_is_shown() -> None:
    texts = ["We don't have real issues.", "No real issues.", "No real issues here."]
    assert negated_prefixes(texts, {"real issu"}) == {"real issu": "no"}


def test_no_that_answers_a_question_denies_nothing() -> None:
    texts = ["No, the handover is late.", "No, our handover is late.", "No real issues."]
    found = negated_prefixes(texts, _terms(texts))
    assert "handov" not in found and "late" not in found  # "No," answered a question
    assert found["real issu"] == "no"
