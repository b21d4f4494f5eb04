"""Training Rapport's sentiment model with scikit-learn (used by ``scripts/train_sentiment.py``).

Two kinds of labelled text go in:

- **real** texts labelled ``positive`` / ``negative`` (employee reviews' pros and cons),
  each with the name of its source so that validation can leave whole sources out;
- **own** texts labelled ``negative`` / ``neutral`` / ``positive`` (Rapport's labelled
  workplace comments), the only ones with a neutral class.

:func:`fit_model` fits the two heads of :class:`~analysis.sentiment.model.SentimentModel`:
the polarity head on the real texts and the own polar ones (weighted
:attr:`TrainingConfig.own_weight` each), the neutral head on the own texts against the real
ones (weighted :attr:`TrainingConfig.real_neutral_weight` each, so that real pros and cons
are not called neutral). Both are ``LogisticRegression(solver="liblinear",
random_state=0)`` over the three blocks of TF-IDF terms (one vectorizer per block, fitted
on all training texts, each block's vectors scaled by :attr:`TrainingConfig.block_scales`)
and the lexicon features: the same data give the same weights. :func:`calibration_table`
turns held-out scores and labels into the table behind the label confidence.

Runs without Qt; imports scikit-learn when called.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from analysis.sentiment.features import BLOCKS, LEXICON_FEATURES, block_terms
from analysis.sentiment.labels import LABELS, POSITIVE_THRESHOLD
from analysis.sentiment.model import Head, SentimentModel, TermBlock

#: Score bin edges of the confidence table: tenths, and the neutral band's edges.
CALIBRATION_EDGES = np.unique(
    np.round(
        np.concatenate([np.linspace(-1.0, 1.0, 21), [-POSITIVE_THRESHOLD, POSITIVE_THRESHOLD]]), 6
    )
)


@dataclass(frozen=True)
class TrainingConfig:
    """Settings of :func:`fit_model` (the defaults are what the shipped model uses)."""

    min_df: int = 2
    #: A term is kept only if it occurs in at least this many real sources or in Rapport's
    #: own comments (1: no cut). A term of one source is that source's style or subject.
    min_sources: int = 1
    #: Scale of each term block's TF-IDF vectors, in the order of ``BLOCKS``.
    block_scales: tuple[float, ...] = (1.0, 0.5, 0.5)
    polarity_c: float = 8.0
    neutral_c: float = 1.0
    own_weight: float = 5.0
    real_neutral_weight: float = 0.3
    blend: float = 0.7
    shrink: float = 2.0  # the training script chooses it on out-of-fold figures


@dataclass
class LabelledTexts:
    """Texts, their labels and lexicon features (one row per text)."""

    texts: list[str]
    labels: np.ndarray
    lexicon: np.ndarray
    #: The source of each text (real texts; ``None`` for Rapport's own comments).
    sources: np.ndarray | None = None

    def subset(self, mask: np.ndarray) -> LabelledTexts:
        """The rows where ``mask`` is true."""
        return LabelledTexts(
            [t for t, keep in zip(self.texts, mask, strict=True) if keep],
            self.labels[mask],
            self.lexicon[mask],
            None if self.sources is None else self.sources[mask],
        )

    def __len__(self) -> int:
        return len(self.texts)


def shared_terms(present, groups: np.ndarray, min_sources: int) -> np.ndarray:
    """Which columns of a document-term matrix to keep: those that occur in at least
    ``min_sources`` groups other than ``None`` (the real sources) or in the ``None`` group
    (Rapport's own comments, which are always kept)."""
    from scipy import sparse

    names = sorted({g for g in groups if g is not None})
    rows = np.array([names.index(g) if g is not None else len(names) for g in groups])
    member = sparse.csr_matrix((np.ones(len(rows)), (rows, np.arange(len(rows)))))
    counts = (member @ (present != 0).astype(np.float64)).toarray() > 0
    real = counts[: len(names)].sum(axis=0)
    own = counts[len(names)] if len(counts) > len(names) else np.zeros(len(real), bool)
    return (real >= min_sources) | own


def _vectorizer(name: str, texts: list[str], config: TrainingConfig, groups):
    """One block's TF-IDF vectorizer, its vocabulary cut to terms shared by sources."""
    from functools import partial

    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(
        analyzer=partial(block_terms, name), sublinear_tf=True, min_df=config.min_df
    )
    if config.min_sources <= 1 or groups is None:
        return vectorizer.fit(texts)
    keep = shared_terms(vectorizer.fit_transform(texts), groups, config.min_sources)
    terms = [str(t) for t in vectorizer.get_feature_names_out()[keep]]
    cut = TfidfVectorizer(analyzer=vectorizer.analyzer, sublinear_tf=True, vocabulary=terms)
    cut.idf_ = vectorizer.idf_[keep]  # the idf of all the training texts, as before the cut
    return cut


class _Terms:
    """One fitted vectorizer per term block (``block_terms`` as the analyzer)."""

    def __init__(self, texts: list[str], config: TrainingConfig, groups=None) -> None:
        self.scales = config.block_scales
        self.vectorizers = [_vectorizer(name, texts, config, groups) for name in BLOCKS]

    def matrix(self, texts: list[str], lexicon: np.ndarray):
        """The feature matrix: each block's scaled TF-IDF vectors, then the lexicon."""
        from scipy import sparse

        parts = [v.transform(texts) * s for v, s in zip(self.vectorizers, self.scales, strict=True)]
        parts.append(sparse.csr_matrix(lexicon.astype(np.float64)))
        return sparse.hstack(parts).tocsr()

    def blocks(self, polarity, neutral) -> list[TermBlock]:
        """The fitted blocks with both heads' term weights."""
        blocks, start = [], 0
        for name, vectorizer, scale in zip(BLOCKS, self.vectorizers, self.scales, strict=True):
            size = len(vectorizer.vocabulary_)
            weights = np.column_stack(
                [polarity.coef_[0, start : start + size], neutral.coef_[0, start : start + size]]
            )
            blocks.append(
                TermBlock(
                    name,
                    [str(t) for t in vectorizer.get_feature_names_out()],
                    vectorizer.idf_.astype(np.float64),
                    weights,
                    scale,
                )
            )
            start += size
        return blocks


def _head(classifier) -> Head:
    return Head(
        classifier.coef_[0, -len(LEXICON_FEATURES) :].copy(), float(classifier.intercept_[0])
    )


def fit_model(
    real: LabelledTexts, own: LabelledTexts, config: TrainingConfig = TrainingConfig()
) -> SentimentModel:
    """Fit both heads; the calibration table is flat until :func:`calibration_table` fills it.

    Parameters
    ----------
    real : LabelledTexts
        Real texts labelled ``positive`` / ``negative``.
    own : LabelledTexts
        Rapport's labelled comments (three labels).
    config : TrainingConfig
        Regularisation, weights and the score's blend and shrink.

    Returns
    -------
    SentimentModel
    """
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression

    groups = None
    if real.sources is not None:
        groups = np.array(list(real.sources) + [None] * len(own), dtype=object)
    terms = _Terms(real.texts + own.texts, config, groups)
    x_real = terms.matrix(real.texts, real.lexicon)
    x_own = terms.matrix(own.texts, own.lexicon)
    polar = own.labels != "neutral"
    x = sparse.vstack([x_real, x_own[polar]]).tocsr()
    y = np.concatenate([real.labels == "positive", own.labels[polar] == "positive"])
    weights = np.concatenate([np.ones(len(real)), np.full(int(polar.sum()), config.own_weight)])
    polarity = LogisticRegression(C=config.polarity_c, solver="liblinear", random_state=0)
    polarity.fit(x, y, sample_weight=weights)
    x = sparse.vstack([x_own, x_real]).tocsr()
    y = np.concatenate([own.labels == "neutral", np.zeros(len(real), bool)])
    weights = np.concatenate([np.ones(len(own)), np.full(len(real), config.real_neutral_weight)])
    neutral = LogisticRegression(
        C=config.neutral_c, solver="liblinear", class_weight="balanced", random_state=0
    )
    neutral.fit(x, y, sample_weight=weights)
    return SentimentModel(
        blocks=terms.blocks(polarity, neutral),
        polarity=_head(polarity),
        neutral=_head(neutral),
        blend=config.blend,
        shrink=config.shrink,
        calibration_edges=np.array([-1.0, 1.0]),
        calibration=np.full((1, 3), 1 / 3),
    )


def calibration_table(
    scores: Sequence[float],
    labels: Sequence[str],
    weights: Sequence[float] | None = None,
    edges: np.ndarray = CALIBRATION_EDGES,
) -> np.ndarray:
    """Return per score bin the (weighted) share of each label, smoothed.

    Parameters
    ----------
    scores : sequence of float
        Held-out scores.
    labels : sequence of str
        Their true labels.
    weights : sequence of float, optional
        Weight of each text (to balance data sets of different sizes).
    edges : numpy.ndarray
        Bin edges from -1 to 1.

    Returns
    -------
    numpy.ndarray
        Shape ``(len(edges) - 1, 3)``, columns in the order of :data:`LABELS`; each bin
        gets one pseudo-count spread over its neighbours' shares (or the overall shares when
        they are empty too), so an empty bin borrows from the bins beside it.
    """
    scores = np.asarray(scores, float)
    labels = np.asarray(labels)
    weights = np.ones(len(scores)) if weights is None else np.asarray(weights, float)
    bins = np.clip(np.searchsorted(edges, scores, "right") - 1, 0, len(edges) - 2)
    counts = np.zeros((len(edges) - 1, 3))
    for column, label in enumerate(LABELS):
        chosen = labels == label
        counts[:, column] = np.bincount(bins[chosen], weights[chosen], minlength=len(counts))
    overall = (counts.sum(axis=0) + 1.0) / (counts.sum() + 3.0)
    padded = np.vstack([counts[:1], counts, counts[-1:]])
    around = padded[:-2] + padded[1:-1] + padded[2:]
    totals = around.sum(axis=1, keepdims=True)
    prior = np.where(totals > 0, around / np.maximum(totals, 1e-12), overall)
    smoothed = counts + prior
    return smoothed / smoothed.sum(axis=1, keepdims=True)
