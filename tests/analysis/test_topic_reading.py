"""A comment's topic reading handed over (analysis.topic_terms.reading, hand_over): the
same tokens and stems as reading it here, on real-looking text, and used when present."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from analysis import topic_terms
from analysis.text import analysed
from analysis.topic_terms import TermReader, clean, hand_over, reading, topic_tokens

DATA = Path(__file__).resolve().parents[2] / "analysis" / "data"
ODD = [
    "",
    "   ",
    "Thanks [name]! Mail [email] or see https://intranet.example/x",
    "#LostLuggage again @helpdesk; IT's tickets aren't closed.",
    "Café “quotes” — and  double  spaces.\nNew line. 2026-10-01 xxxx",
]


@pytest.fixture(autouse=True)
def _nothing_handed():
    topic_terms.forget_handed()
    yield
    topic_terms.forget_handed()


def _texts() -> list[str]:
    with (DATA / "workplace_labelled.csv").open(encoding="utf-8", newline="") as handle:
        return [row["text"] for row in csv.DictReader(handle)][:400] + ODD


def test_a_handed_over_reading_is_the_reading_made_here() -> None:
    texts = _texts()
    hand_over({t: reading(t) for t in texts})
    assert all(topic_tokens(t) == analysed(clean(t)) for t in texts)
    assert all(isinstance(topic_terms._handed[t], tuple) for t in texts if t)  # decoded once


def test_a_handed_over_reading_is_used_instead_of_tokenising() -> None:
    text, other = "The ticket queue is slow.", "Printer toner keeps running out."
    hand_over({text: reading(other)})
    assert TermReader()(text) == TermReader()(other) == ["printer", "toner", "printer toner", "run"]
    topic_terms.forget_handed()
    assert TermReader()(text) == ["ticket", "queue", "ticket queue", "slow"]


def test_only_readings_of_texts_that_are_text_are_handed_over() -> None:
    from analysis.comment_update import _hand_over_readings

    known = [[None] * 5 + ["x\nx"], [None] * 5 + [3], [None] * 5 + ["y\ny"], None, None]
    _hand_over_readings(["a b", "c", "", "d", None], known)
    assert topic_terms._handed == {"a b": "x\nx"}
    assert topic_tokens("c") == analysed(clean("c"))  # a damaged row is read here instead


def test_the_words_of_handed_over_readings_are_shared() -> None:
    hand_over({"a": reading("Slow tickets, again."), "b": reading("Slow replies, again.")})
    (first, _), (second, _) = topic_tokens("a"), topic_tokens("b")
    assert first[0] == "slow" and first[0] is second[0] and first[-1] is second[-1]
