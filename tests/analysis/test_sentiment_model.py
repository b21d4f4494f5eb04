"""The learned sentiment model: features, numpy inference equal to scikit-learn, the weights
file (no pickle), reproducible training, the shipped model's behaviour."""

from __future__ import annotations

import csv
import io
import zipfile
from importlib import resources

import numpy as np
import pytest

from analysis import sentiment
from analysis.sentiment import features, lexicon, model, model_file, training
from analysis.sentiment.fast import fold_apostrophes
from tests.analysis.test_sentiment_fast import generated_texts


def rows(name: str) -> list[dict[str, str]]:
    path = resources.files("analysis") / "data" / name
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def own(split: str = "train") -> training.LabelledTexts:
    chosen = [r for r in rows("workplace_labelled.csv") if r["split"] == split]
    texts = [r["text"] for r in chosen]
    scorer = sentiment.rapport_analyzer().scorer
    return training.LabelledTexts(
        texts, np.array([r["label"] for r in chosen]), features.lexicon_features(scorer, texts)
    )


def real_like() -> training.LabelledTexts:
    """Stand-in "real" texts: the polar comments of the labelled test split."""
    data = own("test")
    return data.subset(data.labels != "neutral")


@pytest.fixture(scope="module")
def small_model() -> model.SentimentModel:
    return training.fit_model(real_like(), own(), training.TrainingConfig(min_df=1))


def test_lexicon_features_are_vaders_scores_and_counts() -> None:
    texts = [r["text"] for r in rows("workplace_validation.csv")] + generated_texts(300, seed=5)
    found = features.lexicon_features(sentiment.rapport_analyzer().scorer, texts)
    assert found.shape == (len(texts), len(features.LEXICON_FEATURES))
    for text, row in zip(texts[:200], found[:200], strict=True):
        scores = sentiment.rapport_analyzer().polarity_scores(text)  # NLTK's own code path
        expected = [scores["compound"], scores["neg"], scores["neu"], scores["pos"]]
        assert row[:4].tolist() == pytest.approx(expected, abs=1e-6)
        assert row[7] == (1.0 if scores["compound"] == 0 else 0.0)
    doubt = features.lexicon_row(sentiment.rapport_analyzer().scorer, "Isn't it late? Why?")
    assert doubt[4] == 0.2 and doubt[8] == pytest.approx(2 / 3)


def test_ngrams_are_the_terms_scikit_learn_builds() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    analyse = TfidfVectorizer(ngram_range=(1, 2), token_pattern=features.TOKEN_PATTERN)
    analyse = analyse.build_analyzer()
    for text in generated_texts(200, seed=8) + ["Don't   STOP—the team's work!", "", "a"]:
        assert sorted(features.ngrams(text)) == sorted(analyse(text))


def test_first_sentence_and_negated_words() -> None:
    assert features.first_sentence("Great team. Pay is low! Hours?") == "Great team"
    assert features.first_sentence("Pay is 3.5 an hour, e.g.") == "Pay is 3.5 an hour, e.g"
    assert features.negated_words("No real training, but nice people.") == ["real", "training"]
    assert features.negated_words("They don't listen; they never reply") == ["listen", "reply"]
    # a scope is at most NEGATION_SCOPE words and stops at a contrast word
    assert features.negated_words("not at all what we were told") == ["at", "all", "what"]
    assert features.negated_words("Not great but fine") == ["great"]
    assert features.negated_words("Lack of communication") == ["of", "communication"]
    assert features.negated_words("Everyone helps.") == []
    assert features.block_terms("first", "Good pay. Bad hours") == ["good", "pay", "good pay"]
    with pytest.raises(ValueError, match="unknown term block"):
        features.block_terms("chars", "text")


def test_sentences_split_a_review_where_its_sentences_end() -> None:
    assert features.sentences("Great team. Awful pay! Hours?") == [
        "Great team.",
        "Awful pay!",
        "Hours?",
    ]
    assert features.sentences("Pay is 3.5% more... ok") == ["Pay is 3.5% more...", "ok"]
    assert features.sentences("Good people; bad pay\nlong hours") == [
        "Good people",
        "bad pay",
        "long hours",
    ]
    assert features.sentences("one sentence, no end mark") == ["one sentence, no end mark"]
    assert features.sentences("Fine. ... !") == ["Fine."]  # pieces without a word are dropped
    assert features.sentences("...") == ["..."]


def test_block_unigrams_in_one_pass_are_each_blocks_own() -> None:
    """Scoring reads all three blocks in one pass, skipping the negation search where no
    negator can be; it must give what each block's own definition gives."""
    edge = [
        "o'no good",  # an apostrophe lets the negation pattern find "no" inside a token
        "Nothing works. NOT GOOD at all!",
        "don’t like it",  # a curly apostrophe is read as ' (fast.fold_apostrophes)
        "I can't say. Won't say",
        "a.b. c! d? e",
        "",
        "Never again... No.",
    ]
    texts = edge + generated_texts(400, seed=13) + [r["text"] for r in rows("workplace_dev.csv")]
    for text in texts:
        words, first, negated = features.block_unigrams(text)
        folded = fold_apostrophes(text)
        assert words == features.TOKEN.findall(folded.lower())
        assert first == features.TOKEN.findall(features.first_sentence(folded.lower()))
        assert negated == features.negated_words(folded)
    assert features.block_unigrams("don’t like it")[2] == ["like", "it"]
    assert sum(bool(features.block_unigrams(t)[2]) for t in texts) > 50  # the search ran


def test_negations_and_contrasts_count_the_patterns_matches() -> None:
    """The lexicon features count negations and contrast words from the runs of word
    characters; that must be the number of matches of the two patterns."""
    edge = [
        "n't", "don't", "can't won't", "no_one no-one", "not's", "NOT nothing", "n'tx",
        "won't've", "n't n't n't n'", "butter but but_", "yet-another", "tho though",
        "'n't'", "nän't", "no\u0301", "ñot", "not\u00a0no", "no. no, no", "nobody's",
        "never,never;never", "x2no no2", "ÑO", "Although; HOWEVER: while-yet",
        "''not''", "don''t but", "rock'n'roll yet", "'but'", "o'not'no", "but'", "_not_",
    ]  # fmt: skip
    texts = edge + generated_texts(400, seed=17) + [r["text"] for r in rows("workplace_dev.csv")]
    for text in texts:
        low = text.lower()
        expected = (len(features._NEGATION.findall(low)), len(features._CONTRAST.findall(low)))
        assert features._negations_and_contrasts(low) == expected, text
        # counted from the block's words (the token pattern's matches) as scoring does
        words = features.TOKEN.findall(low)
        assert features._negations_and_contrasts(low, words) == expected, text
    assert sum(features._negations_and_contrasts(t.lower())[0] > 0 for t in texts) > 50


def test_features_from_the_word_blocks_score_the_same() -> None:
    # score_with splits each text into its words once, for the term blocks and the lexicon's
    # counts of negations and contrast words: the same features and scores, bit for bit
    scorer = sentiment.rapport_analyzer().scorer
    texts = ["Don’t know, but OK.", "''not'' great", "It isn't bad. But slow!", "no"]
    texts += generated_texts(300, seed=5) + [r["text"] for r in rows("workplace_dev.csv")]
    unigrams = [features.block_unigrams(text) for text in texts]
    lexicon = features.lexicon_features(scorer, texts)
    shared = features.lexicon_features(scorer, texts, [blocks[0] for blocks in unigrams])
    assert shared.tobytes() == lexicon.tobytes()
    shipped = model.load_model()
    assert (
        shipped.scores(texts, lexicon, unigrams).tobytes()
        == shipped.scores(texts, lexicon).tobytes()
    )


def test_numpy_inference_equals_scikit_learn(small_model) -> None:
    data, check = own(), own("test")
    config = training.TrainingConfig(min_df=1)
    terms = training._Terms(real_like().texts + data.texts, config)  # scikit-learn's vectors
    assert [b.name for b in small_model.blocks] == list(features.BLOCKS)
    for block, vectorizer in zip(small_model.blocks, terms.vectorizers, strict=True):
        assert list(vectorizer.get_feature_names_out()) == block.terms
    assert len(small_model.block("negated").terms) > 20  # the block is not empty
    x = terms.matrix(check.texts, check.lexicon)
    for head, column in ((small_model.polarity, 0), (small_model.neutral, 1)):
        weights = [b.weights[:, column] for b in small_model.blocks] + [head.lexicon]
        expected = 1 / (1 + np.exp(-(x @ np.concatenate(weights) + head.bias)))
        found = small_model.heads(check.texts, check.lexicon)[column]
        assert np.allclose(found, expected, atol=1e-9)


def test_training_is_reproducible(small_model) -> None:
    again = training.fit_model(real_like(), own(), training.TrainingConfig(min_df=1))
    for block, same in zip(again.blocks, small_model.blocks, strict=True):
        assert block.terms == same.terms and np.array_equal(block.weights, same.weights)
    assert np.array_equal(again.neutral.lexicon, small_model.neutral.lexicon)


def test_the_weights_file_holds_no_pickle_and_reads_back(small_model, tmp_path) -> None:
    path = tmp_path / "m.npz"
    digest = model_file.save_model(small_model, path)
    with zipfile.ZipFile(path) as archive:  # plain arrays: bytes, numbers, no objects
        assert all(name.endswith(".npy") for name in archive.namelist())
    back = model_file.read_model(path)
    assert back.version == digest
    assert [b.terms for b in back.blocks] == [b.terms for b in small_model.blocks]
    assert [b.scale for b in back.blocks] == [b.scale for b in small_model.blocks]
    texts = [r["text"] for r in rows("workplace_validation.csv")]
    lex = features.lexicon_features(sentiment.rapport_analyzer().scorer, texts)
    assert np.allclose(back.scores(texts, lex), small_model.scores(texts, lex), atol=1e-5)
    with np.load(path, allow_pickle=False) as data:  # every array loads without pickle
        assert {data[k].dtype.kind for k in data.files} <= {"u", "i", "f"}
    assert model_file.save_model(small_model, tmp_path / "again.npz") == digest  # deterministic


def test_a_file_of_another_format_is_refused(small_model, tmp_path) -> None:
    buffer = io.BytesIO()
    np.savez(buffer, meta=np.frombuffer(b'{"format": 99}', np.uint8))
    buffer.seek(0)
    with pytest.raises(ValueError, match="format 99"):
        model_file.read_model(buffer)


def test_the_shipped_model_is_small_and_matches_the_lexicon() -> None:
    path = resources.files("analysis") / "data" / model.MODEL_FILE
    assert path.stat().st_size <= 5_000_000
    shipped = model.load_model()
    # Its lexicon features came from today's lexicon and rules: edit them, retrain.
    assert shipped.meta["lexicon_version"] == lexicon.lexicon_version()
    assert shipped.term_count > 50_000 and 0 < shipped.blend < 1
    assert [b.name for b in shipped.blocks] == list(features.BLOCKS)
    table = shipped.probabilities([-0.9, 0.0, 0.9])
    assert np.allclose(table.sum(axis=1), 1)
    assert table[0].argmax() == 0 and table[1].argmax() == 1 and table[2].argmax() == 2


def test_the_model_version_follows_the_weights_and_the_lexicon(monkeypatch) -> None:
    from analysis.sentiment import scoring

    assert scoring._model_version() == sentiment.MODEL_VERSION
    assert sentiment.MODEL_VERSION.startswith("rapport-learned-")
    monkeypatch.setattr(model, "model_digest", lambda: "other-weights")
    assert scoring._model_version() != sentiment.MODEL_VERSION
    monkeypatch.undo()
    monkeypatch.setattr(scoring, "lexicon_version", lambda: "other-rules")
    assert scoring._model_version() != sentiment.MODEL_VERSION


def test_scores_stay_in_range_and_empty_text_is_zero() -> None:
    texts = generated_texts(400, seed=21) + ["", "!!!", "GREAT!!! :)", "awful :( " * 50]
    scores = sentiment.score_texts(texts)
    assert all(-1 <= s <= 1 for s in scores)
    assert scores[texts.index("")] == 0.0


def test_calibration_table_counts_labels_per_bin() -> None:
    table = training.calibration_table(
        [-0.9, -0.8, 0.0, 0.01, 0.95, 0.9], ["negative"] * 2 + ["neutral"] * 2 + ["positive"] * 2
    )
    edges = training.CALIBRATION_EDGES
    assert table.shape == (len(edges) - 1, 3) and np.allclose(table.sum(axis=1), 1)
    assert -0.05 in edges.round(6) and 0.05 in edges.round(6)  # the band is a bin of its own
    at = np.searchsorted(edges, [-0.85, 0.005, 0.92], "right") - 1
    assert [table[i].argmax() for i in at] == [0, 1, 2]


def test_text_that_says_nothing_is_neutral() -> None:
    from analysis.sentiment.labels import is_non_answer

    fillers = ["n/a", "N/A.", "none", "-", "...", "No comment.", "Nothing to add", "nil"]
    assert all(is_non_answer(text) for text in fillers)
    assert sentiment.score_texts(fillers) == [0.0] * len(fillers)
    # a filler inside a real comment is no filler; the comment is scored as usual
    real = ["N/A - they never answer our tickets", "Nothing gets done unless we escalate"]
    assert not any(is_non_answer(text) for text in real)
    assert all(score < -0.05 for score in sentiment.score_texts(real))


def test_confidence_reads_the_shipped_models_own_calibration() -> None:
    """The analysing process reads only the calibration of the shipped model; it must be
    the whole model's, and give the same confidence for every score."""
    from analysis.sentiment.comment_labels import label_of, model_confidence
    from analysis.sentiment.labels import LABELS

    shipped = model.load_model()
    edges, table = model.shipped_calibration()
    assert np.array_equal(edges, shipped.calibration_edges)
    assert np.array_equal(table, shipped.calibration)
    scores = [-1.0, -0.9999, 1.0, 0.0, -0.0, *edges.tolist(), *np.linspace(-1, 1, 401).tolist()]
    whole = shipped.probabilities(scores)
    expected = [round(float(whole[i, LABELS.index(label_of(s))]), 4) for i, s in enumerate(scores)]
    assert model_confidence(scores) == expected
