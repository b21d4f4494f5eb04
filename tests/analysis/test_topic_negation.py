"""A term a topic's comments mostly deny is named with its denial ("no ... issues"), never
as if asserted (topics-12). Made-up comments only."""

from __future__ import annotations

import json

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


def test_not_only_and_not_just_add_rather_than_deny() -> None:
    # "Not only slow but rude" says it is slow: the label must not read "not only slow".
    texts = ["Not only slow but rude.", "Not just slow service.", "Not only slow service."]
    found = negated_prefixes(texts, _terms(texts))
    assert "slow" not in found and "slow servic" not in found
    assert negated_prefixes(["Not slow.", "Not slow at all."], {"slow"}) == {"slow": "not"}


def test_a_new_comment_joins_a_denied_topic_by_its_terms_not_by_its_denial(workspace) -> None:
    # A topic's terms keep their denial ("no real issues"); a comment added later joins
    # the topic whose terms it shares, and "no" (or "not a") is no term of it: a comment
    # that says nothing the topics say stays without a topic.
    from dataclasses import replace

    from analysis.topic_update import update_topics
    from surveys.store import open_workspace
    from tests.analysis.core_helpers import Filler, fake_engine

    filler = Filler(workspace)
    filler.group("2026-10", "Sales", "IT", 24, 3, comments=CALM + FOOD)
    filler.close()

    def discover(texts, progress, departments=()):
        return topics.discover_topics(texts, seed=0, departments=departments)

    engine = replace(fake_engine(), discover_topics=discover, discover_ahead=None)
    db = open_workspace(workspace)
    groups = set(db.execute("SELECT DISTINCT wave_id, from_id, to_id FROM comments"))
    db.execute("UPDATE comments SET redacted = text")
    assert update_topics(db, engine, [], groups) == "discovered"
    terms = [t for (row,) in db.execute("SELECT terms FROM topics") for t in json.loads(row)]
    assert "no real issues" in terms
    db.close()
    filler = Filler(workspace)
    added = [
        filler.respondent("2026-10", "Sales", "IT", {}, text)
        for text in ("No idea who to ask.", "Cold canteen food.")
    ]
    filler.close()
    db = open_workspace(workspace)
    db.execute("UPDATE comments SET redacted = text")
    ids = {sid: cid for cid, sid in db.execute("SELECT id, submission_id FROM comments")}
    added = [ids[sid] for sid in added]
    assert update_topics(db, engine, [], groups) == "assigned"
    found = dict(db.execute("SELECT comment_id, topic_id FROM topic_assignments"))
    food = {r[0] for r in db.execute("SELECT id FROM topics WHERE terms LIKE '%canteen%'")}
    db.close()
    assert added[0] not in found  # "no" alone said nothing a topic says
    assert found[added[1]] in food
