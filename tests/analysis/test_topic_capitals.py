"""Acronyms in discovered topics (topics-11): "IT" and "PM" written in capitals are words
of their own, and a label shows a short word as most people wrote it ("CRM").
Made-up comments only."""

from __future__ import annotations

from analysis.topic_terms import learn_edge_phrases, topic_terms
from analysis.topics import discover_topics

FOOD = [
    "Canteen food is cold",
    "Cold food in the canteen",
    "The canteen food again",
    "Canteen queue, cold food",
    "Food at the canteen",
    "The canteen food menu",
]
IT_ACCESS = [
    "IT access requests take weeks",
    "Still no IT access for the new starter",
    "IT access for contractors is a mess",
    "Getting IT access approved is slow",
    "Nobody owns IT access requests",
    "IT access again, weeks of waiting",
]


def _label(model, i: int) -> str:
    return model.topics[model.assignments[i] - 1].label


def test_it_written_in_capitals_names_its_topic_and_the_pronoun_does_not() -> None:
    model = discover_topics(IT_ACCESS + FOOD, seed=0)
    assert "IT access" in _label(model, 0).split(", ")
    assert topic_terms("It took ages, fix it") == ["age", "fix", "age fix"]


def test_a_pm_is_a_word_and_the_time_of_an_email_header_is_not() -> None:
    assert "PM" in topic_terms("Our PM never shares the roadmap")
    assert "PM" not in topic_terms("Sent: Monday 3:04 PM")
    headers = [f"Sent: Monday {h}:04 PM\n{text}" for h, text in enumerate(FOOD, 1)]
    reader = learn_edge_phrases(headers)  # the header is peeled off, "PM" with it
    assert reader(headers[0]) == topic_terms(FOOD[0])


def test_a_short_word_most_people_write_in_capitals_is_shown_in_capitals() -> None:
    crm = [
        "The CRM loses our notes",
        "CRM fields missing again",
        "Nobody trains us on the CRM",
        "CRM reports are wrong",
        "The crm export is broken",
        "CRM duplicates every contact",
    ]
    model = discover_topics(crm + FOOD, seed=0)
    assert "CRM" in _label(model, 0).split(", ")
    assert "CRM" in model.topics[model.assignments[0] - 1].terms


def test_a_department_written_with_an_ampersand_names_its_topic() -> None:
    rnd = [
        "R&D never shares the roadmap",
        "The R&D roadmap changes weekly",
        "R&D builds what nobody asked for",
        "Ask R&D, they never know",
        "R&D demos slip again",
        "Nobody in R&D answers",
    ]
    model = discover_topics(rnd + FOOD, seed=0)
    assert "R&D" in _label(model, 0).split(", ")
