"""Learning from HR's label corrections: TF-IDF + lexicon features, cross-validated.

With at least :data:`MIN_CORRECTIONS` corrected comments, a logistic regression over
TF-IDF word n-grams and Rapport's lexicon scores is cross-validated (stratified k-fold,
fixed seed). Its cross-validated macro-F1 is compared with the lexicon's macro-F1 on the
same texts; the model is used only when it is better (:attr:`LearnedModel.use_model`).
Builds on :mod:`analysis.sentiment.scoring` (the lexicon's scores are features and the
baseline); scoring never imports this module. Runs on a worker thread; never touches Qt.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from analysis.sentiment.evaluation import evaluate
from analysis.sentiment.fast_totals import polarity
from analysis.sentiment.labels import LABELS, MIN_CORRECTIONS, label_of
from analysis.sentiment.scoring import rapport_analyzer, score_texts
from surveys.progress import Progress, no_progress

FOLDS = 5
SEED = 0
#: Texts whose lexicon features are kept in the process (about 300 bytes a text).
FEATURE_CACHE_LIMIT = 50_000

_feature_cache: dict[str, tuple[float, float, float, float]] = {}
_feature_scorer: list[Any] = [None]  # the scorer the cached features came from


@dataclass
class LearnedModel:
    """A model trained on corrected labels and how it compares with the lexicon.

    ``cv_macro_f1`` is the model's cross-validated macro-F1; ``lexicon_macro_f1`` is the
    lexicon's on the same texts; ``use_model`` is true only when the model is better.
    """

    n: int
    labels: tuple[str, ...]
    cv_macro_f1: float
    cv_accuracy: float
    lexicon_macro_f1: float
    lexicon_accuracy: float
    use_model: bool
    pipeline: Any = field(repr=False, default=None)

    def predict(self, texts: Sequence[str]) -> list[str]:
        """Return the model's label for each text.

        Parameters
        ----------
        texts : sequence of str
            Comments to label.

        Returns
        -------
        list of str
            One of ``negative`` / ``neutral`` / ``positive`` per text.
        """
        if not texts:
            return []
        return [str(label) for label in self.pipeline.predict(list(texts))]

    def summary(self) -> str:
        """Return the comparison in words, as shown next to the lexicon's figures."""
        verdict = "uses the learned model" if self.use_model else "keeps the lexicon"
        return (
            f"Learned from {self.n} corrections: cross-validated macro-F1 "
            f"{self.cv_macro_f1:.2f} vs lexicon {self.lexicon_macro_f1:.2f}; Rapport {verdict}."
        )


def lexicon_features(texts: Sequence[str]) -> np.ndarray:
    """Return Rapport's lexicon features per text: 3 × compound, neg, neu, pos.

    Parameters
    ----------
    texts : sequence of str
        The texts (a trained pipeline calls this on what it is given to predict).

    Returns
    -------
    numpy.ndarray
        Shape ``(len(texts), 4)``: exactly the values of
        ``rapport_analyzer().polarity_scores(text)`` (NLTK's code), computed by the fast
        scorer; rows of texts seen before (cross-validation folds, the final fit) come from
        a per-process cache. Module-level so that a trained pipeline can be pickled.
    """
    scorer = rapport_analyzer().scorer
    cache = _feature_cache
    if _feature_scorer[0] is not scorer:  # another lexicon or rule set: features differ
        cache.clear()
        _feature_scorer[0] = scorer
    rows = []
    for text in texts:
        text = str(text)
        row = cache.get(text)
        if row is None:
            neg, neu, pos, comp = polarity(scorer.sentiments(text), text)
            row = (3 * comp, neg, neu, pos)
            if len(cache) >= FEATURE_CACHE_LIMIT:
                cache.clear()
            cache[text] = row
        rows.append(row)
    return np.asarray(rows, dtype=float).reshape(len(rows), 4)


def clear_feature_cache() -> None:
    """Forget cached lexicon features (for benchmarks; they follow the scorer in use)."""
    _feature_cache.clear()


def _pipeline() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline
    from sklearn.preprocessing import FunctionTransformer

    features = FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)),
            ("lexicon", FunctionTransformer(lexicon_features)),
        ]
    )
    classifier = LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced")
    return Pipeline([("features", features), ("classifier", classifier)])


def train_from_corrections(
    texts: Sequence[str], labels: Sequence[str], progress: Progress | None = None
) -> LearnedModel | None:
    """Train and cross-validate a model on HR's corrected labels.

    Parameters
    ----------
    texts : sequence of str
        The corrected comments (redacted text).
    labels : sequence of str
        Their corrected labels, each one of ``negative`` / ``neutral`` / ``positive``.
    progress : Progress, optional
        Called with the fraction done; may raise ``Cancelled``.

    Returns
    -------
    LearnedModel or None
        ``None`` with fewer than 50 corrections, or when fewer than two labels have at
        least two corrections each (nothing to learn a boundary from).
    """
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    report = progress or no_progress
    bad = sorted({label for label in labels if label not in LABELS})
    if bad or len(texts) != len(labels):
        raise ValueError(f"labels must be one of {LABELS} and match texts; got {bad}")
    counts = Counter(labels)
    usable = [label for label, count in counts.items() if count >= 2]
    if len(texts) < MIN_CORRECTIONS or len(usable) < 2:
        return None
    keep = [i for i, label in enumerate(labels) if label in usable]
    x = [str(texts[i]) for i in keep]
    y = [labels[i] for i in keep]
    report(0.05, "Scoring corrected comments with the lexicon")
    lexicon = evaluate(y, [label_of(s) for s in score_texts(x)])
    report(0.2, "Cross-validating the learned model")
    folds = StratifiedKFold(min(FOLDS, min(Counter(y).values())), shuffle=True, random_state=SEED)
    cv = evaluate(y, list(cross_val_predict(_pipeline(), x, y, cv=folds)))
    report(0.8, "Training the learned model")
    pipeline = _pipeline().fit(x, y)
    report(1.0, "Learned model ready")
    return LearnedModel(
        n=len(x),
        labels=tuple(label for label in LABELS if label in usable),
        cv_macro_f1=cv.macro_f1,
        cv_accuracy=cv.accuracy,
        lexicon_macro_f1=lexicon.macro_f1,
        lexicon_accuracy=lexicon.accuracy,
        use_model=cv.macro_f1 > lexicon.macro_f1,
        pipeline=pipeline,
    )
