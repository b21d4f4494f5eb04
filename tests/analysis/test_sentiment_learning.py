"""The learner's lexicon features: the fast path gives exactly the reference features (NLTK's
valence code), so the same model; each text's features are computed once per process."""

from __future__ import annotations

import csv
from importlib import resources

import numpy as np
import pytest

from analysis import sentiment
from analysis.sentiment import learning
from analysis.sentiment.fast_totals import polarity
from tests.analysis.test_sentiment_fast import generated_texts


def reference_features(texts) -> np.ndarray:
    """The features as first written: NLTK's valence code through ``polarity_scores``."""
    analyzer = sentiment.rapport_analyzer()
    rows = []
    for text in texts:
        scores = analyzer.polarity_scores(str(text))
        rows.append([3 * scores["compound"], scores["neg"], scores["neu"], scores["pos"]])
    return np.asarray(rows, dtype=float).reshape(len(rows), 4)


def rows(name: str) -> list[dict[str, str]]:
    path = resources.files("analysis") / "data" / name
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(autouse=True)
def _cold_features():
    learning.clear_feature_cache()
    yield
    learning.clear_feature_cache()


def test_features_equal_the_reference_path_exactly() -> None:
    texts = [r["text"] for r in rows("workplace_labelled.csv") + rows("workplace_validation.csv")]
    texts += generated_texts(1500, seed=11) + ["", "!!", "Great!!! but SLOW??"]
    expected = reference_features(texts)
    fast = learning.lexicon_features(texts)
    assert fast.shape == (len(texts), 4) and fast.dtype == expected.dtype
    assert np.array_equal(fast, expected)
    assert np.array_equal(learning.lexicon_features(texts), expected)  # cached
    assert (expected[:, 1] > 0).sum() > 300 and (expected[:, 3] > 0).sum() > 300
    assert learning.lexicon_features([]).shape == (0, 4)


def test_same_model_as_with_the_reference_features(monkeypatch) -> None:
    train = [r for r in rows("workplace_labelled.csv") if r["split"] == "train"]
    texts, labels = [r["text"] for r in train], [r["label"] for r in train]
    others = [r["text"] for r in rows("workplace_validation.csv")]
    fast = sentiment.train_from_corrections(texts, labels)
    monkeypatch.setattr(learning, "lexicon_features", reference_features)
    slow = sentiment.train_from_corrections(texts, labels)
    assert fast is not None and slow is not None
    assert (fast.cv_macro_f1, fast.cv_accuracy) == (slow.cv_macro_f1, slow.cv_accuracy)
    assert fast.lexicon_macro_f1 == slow.lexicon_macro_f1
    fast_lr = fast.pipeline.named_steps["classifier"]
    slow_lr = slow.pipeline.named_steps["classifier"]
    assert np.array_equal(fast_lr.coef_, slow_lr.coef_)
    assert fast.predict(others) == slow.predict(others)


def test_training_computes_each_texts_features_once(monkeypatch) -> None:
    scored: list[str] = []

    def counting(sentiments: list[float], text: str) -> tuple[float, float, float, float]:
        scored.append(text)
        return polarity(sentiments, text)

    monkeypatch.setattr(learning, "polarity", counting)
    train = [r for r in rows("workplace_labelled.csv") if r["split"] == "train"]
    texts, labels = [r["text"] for r in train], [r["label"] for r in train]
    model = sentiment.train_from_corrections(texts, labels)  # 5 folds + final fit
    assert model is not None
    assert sorted(scored) == sorted(set(texts))
    model.predict(texts[:10] + ["A text the model has not seen."])
    assert scored[-1] == "A text the model has not seen." and len(scored) == len(set(texts)) + 1


def test_the_feature_cache_is_bounded(monkeypatch) -> None:
    monkeypatch.setattr(learning, "FEATURE_CACHE_LIMIT", 10)
    texts = generated_texts(25, seed=3)
    assert np.array_equal(learning.lexicon_features(texts), reference_features(texts))
    assert 0 < len(learning._feature_cache) <= 10


def test_cached_features_follow_the_scorer(monkeypatch) -> None:
    text = "Still waiting for the report."
    rapport = learning.lexicon_features([text])
    monkeypatch.setattr(learning, "rapport_analyzer", sentiment.stock_analyzer)
    stock = learning.lexicon_features([text])
    expected = sentiment.stock_analyzer().polarity_scores(text)
    assert stock.tolist() == [[3 * expected["compound"], expected["neg"], expected["neu"],
                               expected["pos"]]]  # fmt: skip
    assert not np.array_equal(stock, rapport)
