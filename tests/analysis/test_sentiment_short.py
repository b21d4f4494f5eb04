"""Short pulse comments (8 words or fewer) the model used to misread.

``tests/fixtures/short_pulse_comments.csv`` is a test set written for this check and
committed before the model was run on it: thanks, improvement noticed, praise without an
emotive word, mild complaints, and wishes for improvement (the negative counterpart of a
report of improvement). It is never trained on; ``analysis/data/workplace_dev3.csv`` holds
the short comments the model is trained on.
"""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

import pytest

from analysis import sentiment
from analysis.sentiment.evaluation import evaluate

FIXTURE = Path(__file__).parents[1] / "fixtures" / "short_pulse_comments.csv"
#: Every labelled set the training script trains on (scripts/train_sentiment.py, own_sets).
TRAINED_ON = ("workplace_labelled.csv", "workplace_dev.csv", "workplace_dev2.csv",
              "workplace_dev3.csv")  # fmt: skip


def _rows(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _key(text: str) -> str:
    return " ".join(text.lower().strip(" .!").split())


def test_the_short_test_set_is_never_trained_on() -> None:
    test = {_key(row["text"]) for row in _rows(FIXTURE)}
    assert len(test) == 110 and all(len(text.split()) <= 8 for text in test)
    for name in TRAINED_ON:
        trained = {_key(row["text"]) for row in _rows(resources.files("analysis") / "data" / name)}
        assert not test & trained, name


def test_the_short_test_set_is_read_well() -> None:
    rows = _rows(FIXTURE)
    scores = sentiment.score_texts([row["text"] for row in rows])
    result = evaluate([row["label"] for row in rows], [sentiment.label_of(s) for s in scores])
    # Before the third development set and the short-comment rules: 0.774 (78 of 110
    # right); after: 0.843 (86 of 110).
    assert result.macro_f1 >= 0.83


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Far fewer escalations these days.", "positive"),
        ("No chasing needed.", "positive"),
        # the wishes that taught the model "better" and "improvement" as complaints
        ("Needs improvement.", "negative"),
        ("Could be much better.", "negative"),
        ("Room for improvement on response times.", "negative"),
    ],
)
def test_less_trouble_reads_as_praise_and_wishes_as_complaints(text, label) -> None:
    assert sentiment.label_of(sentiment.score_texts([text])[0]) == label


@pytest.mark.parametrize(
    "text",
    [
        # wishes and negations the short round's rules used to read as less trouble
        "We need fewer escalations from Sales.",
        "I wish there were fewer missed deadlines.",
        "There should be less back and forth with Finance.",
        "Hardly fewer escalations than before.",
        "Please make sure nothing slips through the cracks this time.",
        "Less concern for safety on the night shift lately.",
    ],
)
def test_a_wish_for_less_trouble_is_no_praise(text) -> None:
    assert sentiment.label_of(sentiment.score_texts([text])[0]) != "positive"
