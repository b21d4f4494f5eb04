"""Tickets and requests: a plain request is no complaint, a complaint in a ticket still is.

``analysis/data/workplace_requests.csv`` holds 120 ticket and request comments written for
Rapport and committed before the model was run on them; its ``test`` split is never
trained on. The sentences below are written for this test (not taken from any set).
"""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from analysis import sentiment
from analysis.sentiment.evaluation import evaluate
from tests.analysis.test_sentiment_short import TRAINED_ON

DATA = resources.files("analysis") / "data"

#: A word VADER reads as a feeling, naming a thing or a task in a ticket.
TICKET_WORDS = [
    ("Please test the burglar alarm in the depot on Monday.", "ticket_things"),
    ("The fire doors on level 1 need new signs.", "ticket_things"),
    ("Who keeps the emergency contacts for the night shift?", "ticket_things"),
    ("Forward the error codes from the scanner to the supplier.", "ticket_things"),
    ("Can we add the site to the risk register?", "ticket_things"),
    ("Our spam filter needs the new supplier's domain.", "ticket_things"),
    ("Cancel the courier pick-up for Friday.", "ticket_requests"),
    ("How can I block pop-ups on the booking screen?", "ticket_requests"),
    ("How do I kill the stuck print job on my laptop?", "ticket_requests"),
    ("Where do I report a broken chair in the canteen?", "ticket_requests"),
]


@pytest.mark.parametrize(("text", "rule"), TICKET_WORDS)
def test_a_ticket_word_is_no_feeling(text, rule):
    analyzer = sentiment.rapport_analyzer()
    assert sentiment.stock_analyzer().compound(text) < 0  # VADER reads a feeling
    assert rule in analyzer.matched_rules(text)
    assert sentiment.label_of(analyzer.compound(text)) == "neutral"


@pytest.mark.parametrize(
    "text",
    [
        "The new targets are cause for alarm.",
        "Two of us raised the alarm about the stock levels months ago.",
        "Alarm bells should be ringing about overtime.",
        "They cancel our delivery slots at short notice.",
        "IT lost my laptop during the move.",
        "Constant fire drills because nobody plans ahead.",
        "Management would kill any idea that costs money.",
    ],
)
def test_the_feeling_senses_stay_negative(text):
    analyzer = sentiment.rapport_analyzer()
    assert not {"ticket_things", "ticket_requests"} & set(analyzer.matched_rules(text))
    assert sentiment.label_of(analyzer.compound(text)) == "negative"


@pytest.mark.parametrize(
    "text",
    [
        "Honestly fed up with the state of the stock room.",
        "I emailed Payroll three times about the same payslip.",
        "We raised it twice and heard nothing.",
    ],
)
def test_a_ticket_complaint_reads_negative(text):
    analyzer = sentiment.rapport_analyzer()
    assert "ticket_complaints" in analyzer.matched_rules(text)
    assert sentiment.label_of(analyzer.compound(text)) == "negative"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _split(name: str) -> list[dict[str, str]]:
    return [row for row in _rows("workplace_requests.csv") if row["split"] == name]


def _key(text: str) -> str:
    return " ".join(text.lower().strip(" .!?").split())


def test_the_request_set_is_new_text_and_its_test_split_is_never_trained_on() -> None:
    requests = [_key(row["text"]) for row in _split("train") + _split("test")]
    assert len(requests) == len(set(requests)) == 120
    for name in (*TRAINED_ON, "workplace_validation.csv"):
        assert not set(requests) & {_key(row["text"]) for row in _rows(name)}, name


def test_the_request_test_split_is_read_well() -> None:
    rows = _split("test")
    assert len(rows) == 48
    scores = sentiment.score_texts([row["text"] for row in rows])
    result = evaluate([row["label"] for row in rows], [sentiment.label_of(s) for s in scores])
    # Before the ticket rules: 3-class macro-F1 0.814 (38 of 48 right).
    assert result.macro_f1 >= 0.86
