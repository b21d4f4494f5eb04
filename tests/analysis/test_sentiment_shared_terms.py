"""The vocabulary cut by sources (``TrainingConfig.min_sources``): a term that only one real
source uses is dropped, one that Rapport's own comments use is kept, and the cut model's
numpy inference still equals scikit-learn's vectors."""

from __future__ import annotations

import numpy as np

from analysis import sentiment
from analysis.sentiment import features, training

REAL = [
    ("Great team and great pay at Walmart", "positive", "walmart"),
    ("Great pay, flexible hours at Walmart", "positive", "walmart"),
    ("Slow promotions and long hours", "negative", "walmart"),
    ("Great team, friendly manager", "positive", "blind"),
    ("Long hours, slow promotions, rude manager", "negative", "blind"),
    ("Rude manager and long hours", "negative", "blind"),
    ("Friendly team and great pay", "positive", "indeed"),
    ("Slow promotions, rude manager", "negative", "indeed"),
    ("Managers do not listen", "negative", "walmart"),
    ("Managers do not listen at all", "negative", "indeed"),
]
OWN = [
    ("Handovers with Finance are smooth", "positive"),
    ("Handovers with Finance are late", "negative"),
    ("The rota is published on Fridays", "neutral"),
    ("The rota is published on Mondays", "neutral"),
]


def labelled(rows, sources: bool) -> training.LabelledTexts:
    texts = [r[0] for r in rows]
    lexicon = features.lexicon_features(sentiment.rapport_analyzer().scorer, texts)
    groups = np.array([r[2] for r in rows]) if sources else None
    return training.LabelledTexts(texts, np.array([r[1] for r in rows]), lexicon, groups)


def words(model, block: str = "words") -> set[str]:
    return set(model.block(block).terms)


def test_a_term_of_one_source_is_dropped_and_own_terms_are_kept() -> None:
    real, own = labelled(REAL, True), labelled(OWN, False)
    plain = training.fit_model(real, own, training.TrainingConfig(min_df=1))
    cut = training.fit_model(real, own, training.TrainingConfig(min_df=1, min_sources=2))
    assert {"walmart", "flexible", "at walmart"} <= words(plain)
    assert not {"walmart", "flexible", "at walmart"} & words(cut)  # one source's words
    assert {"great", "rude manager", "slow promotions"} <= words(cut)  # shared by sources
    assert {"handovers", "rota", "finance"} <= words(cut)  # Rapport's own comments
    # min_sources 1, or texts without sources, keep every term as before
    same = training.fit_model(
        labelled(REAL, False), own, training.TrainingConfig(min_df=1, min_sources=2)
    )
    assert words(same) == words(plain)


def test_the_cut_model_scores_as_scikit_learn(tmp_path) -> None:
    real, own = labelled(REAL, True), labelled(OWN, False)
    config = training.TrainingConfig(min_df=1, min_sources=2)
    model = training.fit_model(real, own, config)
    groups = np.array(list(real.sources) + [None] * len(own), dtype=object)
    terms = training._Terms(real.texts + own.texts, config, groups)
    for block, vectorizer in zip(model.blocks, terms.vectorizers, strict=True):
        assert list(vectorizer.get_feature_names_out()) == block.terms
        assert np.array_equal(vectorizer.idf_, block.idf)
    check = labelled([(t, "positive", "x") for t in ("Great pay at Walmart", "Rude rota")], True)
    x = terms.matrix(check.texts, check.lexicon)
    weights = [b.weights[:, 0] for b in model.blocks] + [model.polarity.lexicon]
    expected = 1 / (1 + np.exp(-(x @ np.concatenate(weights) + model.polarity.bias)))
    assert np.allclose(model.heads(check.texts, check.lexicon)[0], expected, atol=1e-9)


def test_shared_terms_counts_sources_not_texts() -> None:
    from scipy import sparse

    present = sparse.csr_matrix(np.array([[1, 1, 0, 0], [1, 0, 1, 0], [1, 0, 0, 1], [0, 0, 0, 1]]))
    groups = np.array(["a", "a", "b", None], dtype=object)
    assert training.shared_terms(present, groups, 2).tolist() == [True, False, False, True]
