"""A department's name says which pair a comment is about, not what it says: it takes a
place in a topic's label only when the topic is about that department (topics-12).
Made-up comments only."""

from __future__ import annotations

import random
from dataclasses import replace

import numpy as np
import pytest

import analysis.topics as topics
from analysis.pipeline import analyse_workspace
from analysis.topic_naming import department_terms, departments_last, split_names
from tests.analysis.core_helpers import Filler, fake_engine

ROTA = ["IT: the rota is late.", "IT again. Rota swaps.", "Rota of IT, late."]
SPECS = [
    "Research and Development sends the specs late",
    "specs from Research and Development keep changing",
    "Research and Development never shares the specs early",
    "the specs from Research and Development arrive late again",
]
INVOICES = [
    "the invoices are slow to be approved",
    "approvals for invoices take weeks",
    "invoices wait for approval",
    "slow invoice approvals from Finance",
    "Research and Development invoices wait for approval",
]
HANDOVER = [
    "the handover meetings are messy",
    "handover meetings run long",
    "messy handover every week",
    "handover notes are missing in meetings",
]


def test_department_names_are_read_as_terms() -> None:
    found = department_terms(["IT", "Sales", "Customer Success"])
    assert found == {"IT", "sale", "custom success"}


def test_every_word_of_a_name_joined_by_and_is_the_departments() -> None:
    # No comment has the pair "research develop" (a pair never spans "and"): until this
    # was fixed only "research" was the department's, and "development" named topics.
    # (and the pair of comments that write "Research & Development")
    found = department_terms(["Research and Development"])
    assert found == {"research", "develop", "research develop"}
    rng = random.Random(0)
    ends = ["", ".", " again.", " this quarter."]
    texts = [rng.choice(SPECS + INVOICES + HANDOVER) + rng.choice(ends) for _ in range(120)]
    named = topics.discover_topics(texts, seed=0, departments=["Research and Development"])
    plain = topics.discover_topics(texts, seed=0)
    assert named.assignments == plain.assignments
    assert "specs, research, development" in [t.label for t in plain.topics]
    # The topic is not about the department (most comments naming it are elsewhere):
    # "specs, development, changing" until "development" was read as the name's.
    assert "specs, changing, never shares" in [t.label for t in named.topics]


def test_a_name_joined_by_and_is_shown_whole_where_the_topic_is_about_it() -> None:
    # "design reviews, research, development sends" until the name was shown whole:
    # "research" read as the activity, and "development sends" is a piece of the name.
    rng = random.Random(0)
    things = ["specs", "prototypes", "test rigs", "lab samples", "design reviews"]
    money = ["invoices", "purchase orders", "expense claims", "budget codes", "payment runs"]
    about = [
        "Research and Development sends the {a} late, and the {b} too",
        "the {a} from Research and Development keep changing, {b} as well",
        "Research and Development never shares {a} or {b} early",
    ]
    other = [
        "the {a} wait weeks, so do the {b}",
        "{a} and {b} take forever to approve",
        "approval of {a} and {b} is slow",
    ]
    texts = []
    for _ in range(40):
        a, b = rng.sample(things, 2)
        texts.append(rng.choice(about).format(a=a, b=b))
        a, b = rng.sample(money, 2)
        texts.append(rng.choice(other).format(a=a, b=b))
    departments = ["Research and Development", "Finance"]
    plain = topics.discover_topics(texts, seed=0)
    named = topics.discover_topics(texts, seed=0, departments=departments)
    assert named.assignments == plain.assignments
    labels = [t.label for t in named.topics]
    assert "design reviews, research, development sends" in [t.label for t in plain.topics]
    assert "design reviews, Research and Development, test rigs" in labels
    assert not any("research" in t or "development" in t for t in labels)


@pytest.mark.parametrize("name", ["Research & Development", "Research and Development"])
def test_a_name_written_with_an_ampersand_is_read_as_with_and(name: str) -> None:
    # "Research & Development" was only the pair "research develop", which no comment
    # writing "Research and Development" has: "development" named topics again, and the
    # name was never shown whole; "Research and Development" missed the pair of comments
    # writing "&" ("research development, design reviews, prototypes").
    assert {"research", "develop", "research develop"} <= department_terms([name])
    rng = random.Random(0)
    things = ["specs", "prototypes", "test rigs", "lab samples", "design reviews"]
    money = ["invoices", "purchase orders", "expense claims", "budget codes", "payment runs"]
    about = [
        "Research and Development sends the {a} late, and the {b} too",
        "the {a} from Research & Development keep changing, {b} as well",
        "Research and Development never shares {a} or {b} early",
    ]
    other = ["the {a} wait weeks, so do the {b}", "{a} and {b} take forever to approve"]
    texts = []
    for _ in range(40):
        a, b = rng.sample(things, 2)
        texts.append(rng.choice(about).format(a=a, b=b))
        a, b = rng.sample(money, 2)
        texts.append(rng.choice(other).format(a=a, b=b))
    named = topics.discover_topics(texts, seed=0, departments=[name])
    labels = [t.label for t in named.topics]
    assert f"{name}, design reviews, prototypes" in labels
    assert not any("research" in t or "development" in t for t in labels), labels


def test_an_ampersand_inside_a_word_stays_part_of_it() -> None:
    # "Q&A" is one word: read as "Q and A" it vanished (stop words), and "Q&A and Support"
    # was no longer a name shown whole.
    # (with the pair of comments that write "Q&A & Support")
    assert split_names(["Q&A and Support"]) == {
        "Q&A and Support": ["q&a", "support", "q&a support"]
    }
    assert department_terms(["R&D", "Q&A and Support"]) == {"r&d", "q&a", "support", "q&a support"}


def test_a_department_named_by_most_of_its_comments_elsewhere_goes_last() -> None:
    ranked = [0, 1, 2]  # 0 is a department's name, best first
    total = np.array([8.0, 3.0, 3.0])
    spread = departments_last(ranked, {0}, np.array([3.0, 3.0, 1.0]), total)
    assert spread == [1, 2, 0]  # 3 of its 8 comments: says which pair, not what
    about = departments_last(ranked, {0}, np.array([6.0, 3.0, 1.0]), total)
    assert about == [0, 1, 2]  # 6 of 8: the topic is about that department


def test_a_lone_topic_is_not_named_by_a_department() -> None:
    plain = topics.discover_topics(ROTA, seed=0)
    assert plain.topics[0].terms[0] == "IT"
    named = topics.discover_topics(ROTA, seed=0, departments=["IT", "Sales"])
    assert named.topics[0].terms[0] == "rota"
    assert named.assignments == plain.assignments  # the same topics, named better
    assert topics.discover_topics(ROTA, seed=0, departments=[]).topics == plain.topics


def test_the_analysis_gives_discovery_the_workspaces_departments(workspace) -> None:
    filler = Filler(workspace)
    texts = ["slow replies from the team", "late tickets again", "slow handover"]
    filler.group("2026-10", "Sales", "IT", 10, 2, random.Random(1), comments=texts, spread=1)
    filler.close()
    engine = fake_engine()
    given: list[list[str]] = []

    def discover(texts, progress, departments=()):
        given.append(list(departments))
        return engine.discover_topics(texts, progress)

    analyse_workspace(workspace, engine=replace(engine, discover_topics=discover))
    assert given and sorted(given[0]) == ["IT", "Marketing", "Operations", "Sales"]


def test_a_renamed_department_names_the_topics_again(workspace) -> None:
    from surveys.departments import rename_department
    from surveys.store import open_workspace
    from tests.analysis.core_helpers import Calls

    filler = Filler(workspace)
    texts = ["slow replies from the team", "late tickets again", "slow handover"]
    filler.group("2026-10", "Sales", "IT", 10, 2, random.Random(1), comments=texts, spread=1)
    filler.close()
    calls = Calls()
    analyse_workspace(workspace, engine=fake_engine(calls=calls))
    analyse_workspace(workspace, engine=fake_engine(calls=calls))
    assert calls.discoveries == 1  # nothing changed: the topics are kept
    db = open_workspace(workspace)
    rename_department(db, "IT", "Technology")
    db.close()
    analyse_workspace(workspace, engine=fake_engine(calls=calls))
    assert calls.discoveries == 2  # "IT" may have been kept out of a label: named again
