"""The corrections simulation keeps each organisation's base model on disk between runs."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from analysis.sentiment.features import lexicon_features
from analysis.sentiment.model import read_shipped_model
from analysis.sentiment.scoring import rapport_scorer
from bench.corrections_simulation import base_cache_key, cached_base_model

TEXTS = ["Quick, friendly help from IT.", "Still waiting on the new laptops, third week."]


def _scores(model) -> np.ndarray:
    return model.scores(TEXTS, lexicon_features(rapport_scorer(), TEXTS))


def test_a_base_model_is_trained_once_and_read_back_after(tmp_path: Path) -> None:
    trained = []

    def train():
        trained.append(1)
        return read_shipped_model()

    first = cached_base_model(tmp_path / "bases", "org-abc.npz", train)
    again = cached_base_model(tmp_path / "bases", "org-abc.npz", train)

    assert len(trained) == 1
    assert sorted(p.name for p in (tmp_path / "bases").iterdir()) == ["org-abc.npz"]
    np.testing.assert_array_equal(_scores(first), _scores(again))
    np.testing.assert_allclose(_scores(first), _scores(read_shipped_model()), atol=1e-6)


def test_the_cache_name_changes_with_the_organisation_and_the_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.csv"
    corpus.write_text("text,label,source\nGood,positive,a\n", encoding="utf-8")
    key = base_cache_key(corpus, "org_a")

    assert key.startswith("org_a-") and key.endswith(".npz")
    assert base_cache_key(corpus, "org_a") == key
    assert base_cache_key(corpus, "org_b").startswith("org_b-")
    corpus.write_text("text,label,source\nGood,positive,a\nBad,negative,a\n", encoding="utf-8")
    os.utime(corpus, ns=(1, 1))
    assert base_cache_key(corpus, "org_a") != key
