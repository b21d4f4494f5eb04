"""The ``ticket_complaints`` rule: having to chase or ask again and again, and "fed up".

It must not read a frequency, a measure, an ask that someone else made, repetition that was
answered well, or "fed up" denied or asked as a complaint. Each case is checked on the rule
itself and on the final score (:func:`analysis.sentiment.score_texts`, the learned model).
The sentences are written for this test (not taken from any set).
"""

from __future__ import annotations

import pytest

from analysis import sentiment

RULE = "ticket_complaints"

#: Repetition answered well: praise, and the final score says so.
PRAISE = [
    "I've called the help desk many times and every time they were brilliant.",
    "We raised it several times and it was fixed each time within the hour.",
    "We emailed Legal three times last quarter and got a clear answer each time.",
    "I rang the help desk twice and both times it was fixed while I waited.",
]

#: Neither praise nor complaint once the rule keeps out.
NOT_A_COMPLAINT = [
    "Fed up? Not at all…",
    "Nobody is fed up with the new booking system.",
    "I have never been fed up with Payroll.",
    "I've phoned Payroll several times and they have sorted it each time.",
    "Facilities called us twice a week during the move to check the desks.",
    "The service desk emails a status update three times a day.",
    "I've been asked three times by other teams how we set this up.",
    "We raised twice as much for the charity drive this year.",
    "We asked for twice the budget and got it.",
]

#: The rule keeps out; what the rest of the comment says decides the score.
RULE_KEEPS_OUT = [
    "IT reported the outage twice a day so we always knew where things stood.",
    "Fed up? Not at all, the new rota works.",
    "I'm not fed up with Facilities at all, they are quick.",
    "IT reported progress twice per week on the migration.",
    "They never had to be asked twice.",
    "I never had to chase twice.",
    "Since the new portal we have reported faults three times faster than before.",
]

#: Real complaints: the rule still fires and the comment reads negative.
COMPLAINTS = [
    "I have chased Procurement four times and still nothing.",
    "I emailed Payroll three times about the same payslip.",
    "I rang Facilities twice about the heating.",
    "Raised it with IT three times now and still no fix.",
    "Absolutely fed up with chasing the same delivery every week.",
    "I'm fed up, nobody answers the phone.",
    "I called twice, the line was dead both times.",
    "It has been raised many times and nothing changes.",
    "We keep being called three times about the same invoice.",
    "I've had to chase Procurement three times for one order.",
    "I had to ask twice before anyone replied.",
    "We keep chasing Legal, four times this month.",
    "Called the help desk five times and every time they closed the ticket without fixing it.",
]


@pytest.fixture(scope="module")
def analyzer():
    return sentiment.rapport_analyzer()


def _final(texts: list[str]) -> dict[str, str]:
    scores = sentiment.score_texts(texts)
    return {text: sentiment.label_of(score) for text, score in zip(texts, scores, strict=True)}


@pytest.mark.parametrize("text", PRAISE + NOT_A_COMPLAINT + RULE_KEEPS_OUT)
def test_the_rule_keeps_out(analyzer, text):
    assert RULE not in analyzer.matched_rules(text)


def test_repetition_answered_well_reads_positive():
    assert _final(PRAISE) == dict.fromkeys(PRAISE, "positive")


def test_frequency_denial_and_asks_of_others_read_no_complaint():
    assert "negative" not in _final(NOT_A_COMPLAINT).values()


@pytest.mark.parametrize("text", COMPLAINTS)
def test_a_real_complaint_still_fires(analyzer, text):
    assert RULE in analyzer.matched_rules(text)


def test_real_complaints_read_negative():
    assert _final(COMPLAINTS) == dict.fromkeys(COMPLAINTS, "negative")


def test_a_frequency_complaint_reads_negative_through_the_other_rules():
    text = "I chased the invoice twice a week for a month and still no payment."
    assert _final([text]) == {text: "negative"}
