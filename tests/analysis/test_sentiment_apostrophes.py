"""Typographic apostrophes score as ``'`` in every path (Word, Outlook, Teams and phones type ’)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from analysis import sentiment
from analysis.sentiment import features, model, scoring
from analysis.sentiment.background import ScoringSession
from analysis.sentiment.fast import fold_apostrophes
from analysis.sentiment.fillers import without_fillers
from analysis.sentiment.labels import APOSTROPHES, is_non_answer
from analysis.sentiment.resolved import without_resolved_blame
from desktop_app.cli import main

#: (typed, the same words with ASCII apostrophes)
PAIRS = [
    ("The service isn’t good.", "The service isn't good."),
    ("I don’t like the new portal.", "I don't like the new portal."),
    ("They didn‘t help at all.", "They didn't help at all."),
    ("It hasnʼt gone downhill since the move.", "It hasn't gone downhill since the move."),
    ("The portal isn′t what it used to be.", "The portal isn't what it used to be."),
    ("Marked resolved and it doesn‛t work.", "Marked resolved and it doesn't work."),
    # a European keyboard's accent and backtick, full-width and Armenian apostrophes
    (
        "The service isn´t good and they don´t reply.",
        "The service isn't good and they don't reply.",
    ),
    ("The portal isn`t good.", "The portal isn't good."),
    ("They don＇t answer tickets.", "They don't answer tickets."),
    ("The service isn՚t good.", "The service isn't good."),
]
TYPED = [typed for typed, _ in PAIRS]
PLAIN = [plain for _, plain in PAIRS]


@pytest.fixture(autouse=True)
def _empty_cache():
    sentiment.clear_cache()
    yield
    sentiment.clear_cache()


def test_fold_turns_every_apostrophe_into_ascii_and_leaves_other_text_alone() -> None:
    assert [fold_apostrophes(t) for t in TYPED] == PLAIN
    assert fold_apostrophes("“Quoted” – fine") == "“Quoted” – fine"
    assert fold_apostrophes("plain ascii") == "plain ascii"


def test_the_lexicon_paths_and_the_rules_read_them_alike() -> None:
    fast, stock = scoring.rapport_scorer(), scoring.stock_scorer()
    reference, stock_reference = scoring.rapport_analyzer(), scoring.stock_analyzer()
    for typed, plain in PAIRS:
        assert fast.polarity_scores(typed) == fast.polarity_scores(plain), typed
        assert stock.compound(typed) == stock.compound(plain), typed
        assert reference.polarity_scores(typed) == reference.polarity_scores(plain), typed
        assert stock_reference.polarity_scores(typed) == stock_reference.polarity_scores(plain)
        assert fast.matched_rules(typed) == fast.matched_rules(plain), typed
    assert fast.compound("The service isn’t good.") < 0
    assert "getting_worse" in fast.matched_rules("The portal isn′t what it used to be.")


def test_the_model_features_read_them_alike() -> None:
    scorer = scoring.rapport_scorer()
    for typed, plain in PAIRS:
        assert features.lexicon_row(scorer, typed) == features.lexicon_row(scorer, plain)
        for block in features.BLOCKS:
            assert features.block_terms(block, typed) == features.block_terms(block, plain)
    assert "good" in features.block_terms("negated", "The service isn’t good.")


def test_score_texts_and_the_workers_score_with_give_the_same_scores() -> None:
    expected = sentiment.score_texts(PLAIN)
    assert sentiment.score_texts(TYPED) == expected
    assert expected[0] < 0 and expected[1] < 0
    model.init_worker(scoring.rapport_scorer())
    assert model.score_chunk(TYPED) == model.score_chunk(PLAIN) == expected


def test_the_analysing_process_worker_scores_them_alike(monkeypatch) -> None:
    monkeypatch.setattr(scoring, "CHUNK", 2)
    expected = sentiment.score_texts(PLAIN)
    sentiment.clear_cache()
    with ScoringSession([TYPED, PLAIN], background=True) as session:
        assert session.in_background
        got = [session.scores(i, lambda f, m: None) for i in range(2)]
    assert got == [expected, expected]


def test_rapport_sentiment_writes_the_same_scores(tmp_path: Path) -> None:
    source = tmp_path / "typed.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text"])
        writer.writerows([t] for pair in PAIRS for t in pair)
    assert main(["sentiment", str(source), "--out", str(tmp_path / "out.csv")]) == 0
    with (tmp_path / "out.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    scores = [(row["sentiment"], row["label"]) for row in rows]
    assert scores[0::2] == scores[1::2]
    assert scores[0][1] == "negative"


#: Fillers and stopped blame typed with every apostrophe the fold reads as ``'``.
SAID_FINE = [
    "Can‘t think of anything that could have been done better",
    "Nothing theyʼre great to work with",
    "Brilliant service, couldn′t be better!",
    "There‛s nothing to improve. IT are quick.",
    "Very responsive. Keep doing what you’re doing.",
    "Meetings are about fixing things now, not who′s to blame.",
    "Meetings are about fixing things now, not whoʼs to blame.",
]


@pytest.mark.parametrize("typed", SAID_FINE)
def test_fillers_and_stopped_blame_are_taken_off_whatever_the_apostrophe(typed: str) -> None:
    plain = fold_apostrophes(typed)
    assert plain != typed
    rest = without_resolved_blame(without_fillers(typed))
    assert rest != typed  # something was taken off
    assert fold_apostrophes(rest) == without_resolved_blame(without_fillers(plain))
    assert set(rest) <= set(typed)  # what is left is the comment's own characters


def test_the_worker_scores_them_as_the_same_words_typed_with_ascii() -> None:
    model.init_worker(scoring.rapport_scorer())
    plain = [fold_apostrophes(typed) for typed in SAID_FINE]
    assert model.score_chunk(SAID_FINE) == model.score_chunk(plain)


def test_a_non_answer_is_one_whatever_the_apostrophe() -> None:
    # the pair page leaves non-answers out of the comments it lists (is_non_answer)
    for mark in "\u2019\u2018\u02bc\u2032\u201b\u00b4`\uff07\u055a":
        assert is_non_answer(f"I don{mark}t know."), mark
        assert is_non_answer(f"Don{mark}t think so"), mark
        assert not is_non_answer(f"I don{mark}t know why they never reply."), mark


def test_the_scorers_read_as_apostrophes_what_the_name_fold_does() -> None:
    """One list: what ``surveys.text_fold`` reads as ``'`` for names, sentiment does too."""
    import unicodedata

    from surveys.text_fold import fold

    marks = (m for m in map(chr, range(0x2FFFF)) if unicodedata.normalize("NFKC", m) == m)
    plain = {mark for mark in marks if fold(f"a{mark}b") == "a'b"}  # not NFKC's "｀" -> "`"
    assert plain - {"'"} <= set(APOSTROPHES)
    assert fold_apostrophes("isn´t, don`t") == "isn't, don't"
    # a backtick that opens a quotation is not an apostrophe (VADER's ground truth has one)
    assert fold_apostrophes("in `Warm Water' again") == "in `Warm Water' again"
    assert len(fold_apostrophes("Don´t 👍 know")) == len("Don´t 👍 know")  # one for one
