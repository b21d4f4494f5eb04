"""Learning from HR's label corrections: the shipped model, adapted to one organisation.

The corrections do not replace the shipped model (:mod:`analysis.sentiment.model`); a
small model is **stacked** on its output. For each comment the stacker reads the shipped
model's ingredients (its polarity ``2p - 1``, its neutral probability ``q``, the lexicon's
compound and the final score, weighted :data:`BASE_WEIGHT`) and the TF-IDF word unigrams
and bigrams of the organisation's corrected comments, so it keeps what the shipped model
knows and learns what this organisation's words mean. It is a logistic regression over
the labels HR used (``class_weight="balanced"``).

From :data:`~analysis.sentiment.labels.MIN_CORRECTIONS` corrections on, the stacker is
cross-validated on the corrected comments (stratified folds, fixed seed) and compared
with the shipped model's macro-F1 on the same comments; it is used only when it is better
(:attr:`LearnedModel.use_model`). Its score is ``P(positive) - P(negative)`` (-1..1), its
label is that score's label, and its confidence the probability of that label.
Builds on :mod:`analysis.sentiment.scoring`; scoring never imports this module. Runs on a
worker thread; never touches Qt.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from analysis.sentiment.evaluation import evaluate
from analysis.sentiment.features import TOKEN_PATTERN, lexicon_features
from analysis.sentiment.labels import LABELS, MIN_CORRECTIONS, label_of
from analysis.sentiment.model import SentimentModel, load_model
from analysis.sentiment.scoring import normalise, rapport_scorer
from surveys.progress import Progress, no_progress

FOLDS = 5
SEED = 0
#: Weight of the shipped model's outputs against the words (larger: trust the base more).
BASE_WEIGHT = 3.0
#: Regularisation of the stacker (scikit-learn's ``C``).
STACK_C = 1.0
#: Texts whose shipped-model outputs are kept in the process (about 200 bytes a text).
FEATURE_CACHE_LIMIT = 50_000

_base_cache: dict[str, tuple[float, float, float, float]] = {}
_cache_owner: list[SentimentModel | None] = [None]  # the model the cached rows came from


def base_outputs(texts: Sequence[str], base: SentimentModel | None = None) -> np.ndarray:
    """Return the base model's outputs per text: ``2p - 1``, ``q``, compound, score.

    Parameters
    ----------
    texts : sequence of str
        The texts (whitespace is collapsed first, as :func:`score_texts` does).
    base : SentimentModel, optional
        The model to adapt; the shipped one by default (another in benchmarks).

    Returns
    -------
    numpy.ndarray
        Shape ``(len(texts), 4)``. Rows of texts seen before (cross-validation folds, the
        final fit, later predictions in the same process) come from a per-process cache.
    """
    model = base or load_model()
    if _cache_owner[0] is not model:
        _base_cache.clear()
        _cache_owner[0] = model
    keys = [normalise(str(t)) for t in texts]
    todo = list(dict.fromkeys(k for k in keys if k not in _base_cache))
    fresh: dict[str, tuple[float, ...]] = {}
    if todo:
        lexicon = lexicon_features(rapport_scorer(), todo)
        p, q = model.heads(todo, lexicon)
        final = model.combine(p, q, lexicon[:, 0])
        rows = np.column_stack([2 * p - 1, q, lexicon[:, 0], final]).tolist()
        fresh = dict(zip(todo, map(tuple, rows), strict=True))
    found = [fresh[k] if k in fresh else _base_cache[k] for k in keys]
    if len(_base_cache) + len(fresh) > FEATURE_CACHE_LIMIT:
        _base_cache.clear()
    if len(fresh) <= FEATURE_CACHE_LIMIT:
        _base_cache.update(fresh)
    return np.asarray(found, dtype=float).reshape(len(keys), 4)


def clear_feature_cache() -> None:
    """Forget cached shipped-model outputs (for benchmarks)."""
    _base_cache.clear()


@dataclass
class Stacker:
    """The fitted stacker: a TF-IDF vectorizer and a logistic regression (in memory)."""

    vectorizer: Any
    classifier: Any
    base: SentimentModel | None = None

    @classmethod
    def fit(
        cls, texts: list[str], labels: list[str], base: SentimentModel | None = None
    ) -> Stacker:
        """Fit on corrected comments (``base``: the model adapted, the shipped one by default)."""
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        vectorizer = TfidfVectorizer(
            ngram_range=(1, 2), sublinear_tf=True, token_pattern=TOKEN_PATTERN
        ).fit(texts)
        classifier = LogisticRegression(
            C=STACK_C, max_iter=2000, class_weight="balanced", random_state=SEED
        )
        stacker = cls(vectorizer, classifier, base)
        classifier.fit(stacker.features(texts), labels)
        return stacker

    def features(self, texts: Sequence[str]) -> Any:
        from scipy import sparse

        base = sparse.csr_matrix(base_outputs(texts, self.base) * BASE_WEIGHT)
        return sparse.hstack([base, self.vectorizer.transform(list(texts))]).tocsr()

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """``(len(texts), 3)`` probabilities in the order of :data:`LABELS` (0 if unseen)."""
        out = np.zeros((len(texts), len(LABELS)))
        if len(texts):
            found = self.classifier.predict_proba(self.features(texts))
            for column, label in enumerate(self.classifier.classes_):
                out[:, LABELS.index(str(label))] = found[:, column]
        return out


def stacked_scores(probabilities: np.ndarray) -> np.ndarray:
    """``P(positive) - P(negative)`` of each row of :meth:`Stacker.probabilities`."""
    return probabilities[:, LABELS.index("positive")] - probabilities[:, LABELS.index("negative")]


@dataclass
class LearnedModel:
    """The adapted model and how it compares with the shipped model on HR's corrections.

    ``cv_macro_f1`` is the adapted model's cross-validated macro-F1 on the corrected
    comments; ``base_macro_f1`` is the shipped model's on the same comments; ``use_model``
    is true only when the adapted model is better.
    """

    n: int
    labels: tuple[str, ...]
    cv_macro_f1: float
    cv_accuracy: float
    base_macro_f1: float
    base_accuracy: float
    use_model: bool
    stacker: Stacker | None = field(repr=False, default=None)

    def predict_scored(self, texts: Sequence[str]) -> list[tuple[str, float, float]]:
        """Return ``(label, score, confidence)`` per text from the adapted model.

        Parameters
        ----------
        texts : sequence of str
            Comments (redacted text).

        Returns
        -------
        list of (str, float, float)
            The label of the score, the score (-1..1, four decimals) and the adapted
            model's probability of that label.
        """
        if not texts:
            return []
        probabilities = self.stacker.probabilities(texts)
        out = []
        for row, value in zip(probabilities, stacked_scores(probabilities), strict=True):
            label = label_of(float(value))
            out.append((label, round(float(value), 4), float(row[LABELS.index(label)])))
        return out

    def predict(self, texts: Sequence[str]) -> list[str]:
        """Return the adapted model's label of each text."""
        return [label for label, _, _ in self.predict_scored(texts)]

    def summary(self) -> str:
        """Return the comparison in words, as shown next to the corrections."""
        verdict = "uses the adapted model" if self.use_model else "keeps the shipped model"
        return (
            f"Learned from {self.n} corrections: cross-validated macro-F1 "
            f"{self.cv_macro_f1:.2f} vs the shipped model's {self.base_macro_f1:.2f}; "
            f"Rapport {verdict}."
        )


def _cross_validated_labels(x: list[str], y: list[str], base) -> list[str]:
    from sklearn.model_selection import StratifiedKFold

    folds = StratifiedKFold(min(FOLDS, min(Counter(y).values())), shuffle=True, random_state=SEED)
    predicted = [""] * len(x)
    for train, test in folds.split(x, y):
        stacker = Stacker.fit([x[i] for i in train], [y[i] for i in train], base)
        scores = stacked_scores(stacker.probabilities([x[i] for i in test]))
        for i, value in zip(test, scores, strict=True):
            predicted[i] = label_of(float(value))
    return predicted


def train_from_corrections(
    texts: Sequence[str],
    labels: Sequence[str],
    progress: Progress | None = None,
    base: SentimentModel | None = None,
) -> LearnedModel | None:
    """Adapt the shipped model to HR's corrected labels and cross-validate it.

    Parameters
    ----------
    texts : sequence of str
        The corrected comments (redacted text).
    labels : sequence of str
        Their corrected labels, each one of ``negative`` / ``neutral`` / ``positive``.
    progress : Progress, optional
        Called with the fraction done; may raise ``Cancelled``.
    base : SentimentModel, optional
        The model to adapt (the shipped one by default).

    Returns
    -------
    LearnedModel or None
        ``None`` with fewer than :data:`MIN_CORRECTIONS` corrections, or when fewer than
        two labels have at least two corrections each (nothing to learn a boundary from).
    """
    report = progress or no_progress
    bad = sorted({label for label in labels if label not in LABELS})
    if bad or len(texts) != len(labels):
        raise ValueError(f"labels must be one of {LABELS} and match texts; got {bad}")
    usable = [label for label, count in Counter(labels).items() if count >= 2]
    if len(texts) < MIN_CORRECTIONS or len(usable) < 2:
        return None
    keep = [i for i, label in enumerate(labels) if label in usable]
    x = [str(texts[i]) for i in keep]
    y = [labels[i] for i in keep]
    report(0.05, "Scoring corrected comments with the shipped model")
    shipped = evaluate(y, [label_of(float(s)) for s in base_outputs(x, base)[:, 3]])
    report(0.2, "Cross-validating the adapted model")
    cv = evaluate(y, _cross_validated_labels(x, y, base))
    report(0.8, "Training the adapted model")
    stacker = Stacker.fit(x, y, base)
    report(1.0, "Adapted model ready")
    return LearnedModel(
        n=len(x),
        labels=tuple(label for label in LABELS if label in usable),
        cv_macro_f1=cv.macro_f1,
        cv_accuracy=cv.accuracy,
        base_macro_f1=shipped.macro_f1,
        base_accuracy=shipped.accuracy,
        use_model=cv.macro_f1 > shipped.macro_f1,
        stacker=stacker,
    )
