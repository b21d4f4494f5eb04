"""Workplace sentiment: scores, rules, data loading, caching and learning from corrections."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from analysis import sentiment
from analysis.sentiment.evaluation import evaluate
from analysis.sentiment.labels import LABELS
from analysis.sentiment.lexicon import parse_rules, parse_workplace_lexicon
from surveys.errors import RapportError
from surveys.progress import Cancelled
from tests.analysis.nltk_reference import nltk_stock

ISSUE_EXAMPLES = [
    "Long hours, low pay",
    "Micromanagement",
    "No work-life balance",
    "Three weeks for a report change",
    "Too many meetings",
    "They never answer",
]


def labelled_rows(split: str) -> list[dict[str, str]]:
    path = resources.files("analysis") / "data" / "workplace_labelled.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["split"] == split]


@pytest.mark.parametrize("text", ISSUE_EXAMPLES)
def test_issue_examples_are_negative(text):
    assert sentiment.label_of(sentiment.score_texts([text])[0]) == "negative"


@pytest.mark.parametrize(
    "text",
    [
        "The movie was great and the acting superb!",
        "I hate rainy Mondays.",
        "The report is on the table.",
        "She was not happy with the service :(",
        "What a wonderful, kind gesture.",
    ],
)
def test_ordinary_english_keeps_stock_vader_scores(text):
    ours = sentiment.rapport_analyzer().polarity_scores(text)
    assert ours == nltk_stock().polarity_scores(text)
    assert sentiment.rapport_analyzer().matched_rules(text) == []


def test_fast_tokeniser_without_additions_equals_nltk_exactly():
    texts = [
        "Wow!!! This is SO good :) but, the ending... meh?!",
        "“Quoted” -- text; with: odd, punctuation!? and 'single' quotes.",
        "no, NOT bad at all, kind of okay",
        "",
        "a b c",
    ]
    for text in texts:
        assert sentiment.stock_analyzer().polarity_scores(text) == nltk_stock().polarity_scores(
            text
        )


def test_workplace_positive_phrases_score_positive():
    texts = ["IT delivered the upgrade ahead of schedule.", "They kept us in the loop."]
    assert [sentiment.label_of(s) for s in sentiment.score_texts(texts)] == ["positive"] * 2


def test_rules_name_what_matched():
    analyzer = sentiment.rapport_analyzer()
    assert analyzer.matched_rules("No support from management") == ["absent_need"]
    assert "excess" in analyzer.matched_rules("Way too many meetings")


def test_score_texts_keeps_order_duplicates_and_empties_and_reports_progress():
    seen = []
    texts = [
        "Too many meetings",
        "",
        "Great  teamwork",
        "Great teamwork",
        None,
        "Too many meetings",
    ]
    scores = sentiment.score_texts(texts, progress=lambda f, m: seen.append(f))
    assert scores[0] == scores[5] < 0
    assert scores[1] == scores[4] == 0.0
    assert scores[2] == scores[3] > 0
    assert seen[0] == 0.0 and seen[-1] == 1.0


def test_score_texts_can_be_cancelled():
    def cancel(fraction, message):
        if fraction > 0:
            raise Cancelled

    sentiment.clear_cache()
    with pytest.raises(Cancelled):
        sentiment.score_texts([f"comment number {i} is fine" for i in range(5000)], cancel)


def test_label_thresholds_are_vaders():
    assert [sentiment.label_of(s) for s in (0.05, 0.0499, -0.0499, -0.05)] == [
        "positive",
        "neutral",
        "neutral",
        "negative",
    ]


def test_lexicon_version_is_a_hash_of_the_data():
    from analysis.sentiment.lexicon import lexicon_version

    assert lexicon_version().startswith("rapport-vader-")
    assert len(lexicon_version().rsplit("-", 1)[1]) == 12


def test_bad_lexicon_line_names_the_file_and_line():
    with pytest.raises(RapportError, match=r"lex.tsv, line 2: .*token<TAB>valence"):
        parse_workplace_lexicon("good\t1.0\nbroken line\n", "lex.tsv")
    with pytest.raises(RapportError, match="outside -4..4"):
        parse_workplace_lexicon("great\t9\n", "lex.tsv")


def test_rule_with_unknown_class_is_reported():
    with pytest.raises(RapportError, match="rule 'x' refers to 'nope'"):
        parse_rules("patterns:\n  - {name: x, regex: '{nope}', valence: -1}\n", "r.yaml")


def test_workplace_set_is_balanced_with_a_fixed_split():
    train, test = labelled_rows("train"), labelled_rows("test")
    assert len(train) + len(test) >= 600
    for rows in (train, test):
        counts = {label: sum(r["label"] == label for r in rows) for label in sentiment.LABELS}
        assert max(counts.values()) - min(counts.values()) <= 5


def test_stock_vader_misses_most_issue_examples():
    missed = [t for t in ISSUE_EXAMPLES if nltk_stock().polarity_scores(t)["compound"] > -0.05]
    assert len(missed) >= 4


def two_class_gain(rows: list[dict[str, str]]) -> float:
    rows = [r for r in rows if r["label"] != "neutral"]
    given = [r["label"] for r in rows]
    texts = [r["text"] for r in rows]
    stock = evaluate(
        given, [sentiment.label_of(nltk_stock().polarity_scores(t)["compound"]) for t in texts]
    )
    ours = evaluate(given, [sentiment.label_of(s) for s in sentiment.score_texts(texts)])
    return ours.macro_f1 - stock.macro_f1


def test_rapport_beats_stock_vader_on_the_held_out_workplace_split():
    # The issue's aim: a gain of at least 0.15 on 2 classes. Measured on the never-tuned
    # test split: 0.093, 0.128, 0.145 and 0.162 after rounds 1-4 (see docs/sentiment.md).
    assert two_class_gain(labelled_rows("test")) >= 0.15


def test_rapport_beats_stock_vader_on_the_independent_validation_set():
    # workplace_validation.csv was written before the rules were broadened and never
    # tuned on; measured gain 0.266 on 2 classes in round 2, 0.350 in round 3, 0.360 in
    # round 4.
    path = resources.files("analysis") / "data" / "workplace_validation.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 200
    assert two_class_gain(rows) >= 0.35


def separate_set_rows(name: str) -> list[dict[str, str]]:
    path = resources.files("analysis") / "data" / name
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_development_set_is_balanced_and_read_far_better_than_stock_vader():
    # workplace_dev.csv was written (and committed) before the third round's rules, which
    # were then developed on its errors: a regression guard, not a held-out figure
    # (measured gain 0.466 on 2 classes in round 3, 0.479 in round 4).
    rows = separate_set_rows("workplace_dev.csv")
    assert len(rows) >= 300
    assert {label: sum(r["label"] == label for r in rows) for label in LABELS} == {
        label: len(rows) // 3 for label in LABELS
    }
    assert two_class_gain(rows) >= 0.44


def test_the_second_development_set_is_balanced_and_read_better_than_stock_vader():
    # workplace_dev2.csv was written (and committed) before the fourth round's rules:
    # 2-class gain 0.173 with the third round's rules (held out then); the fourth round's
    # rules were developed on its errors (gain 0.335), so it is now a regression guard.
    rows = separate_set_rows("workplace_dev2.csv")
    assert len(rows) == 360
    assert len({r["id"] for r in rows}) == 360
    assert all(r["id"].startswith("d2-") for r in rows)
    assert {label: sum(r["label"] == label for r in rows) for label in LABELS} == {
        label: 120 for label in LABELS
    }
    assert two_class_gain(rows) >= 0.31


def test_learning_from_corrections_is_cross_validated_against_the_shipped_model():
    rows = labelled_rows("train")
    texts, labels = [r["text"] for r in rows], [r["label"] for r in rows]
    model = sentiment.train_from_corrections(texts, labels)
    assert model is not None and model.n == len(rows)
    assert 0.4 < model.cv_macro_f1 <= 1 and 0.4 < model.base_macro_f1 <= 1
    assert model.use_model == (model.cv_macro_f1 > model.base_macro_f1)
    assert model.predict(["Too many meetings and no support.", "Thank you, brilliant work!"]) == [
        "negative",
        "positive",
    ]
    assert "cross-validated macro-F1" in model.summary()
