"""Learning from HR's label corrections: the shipped model, adapted to one organisation.

The corrections do not replace the shipped model (:mod:`analysis.sentiment.model`); they
**adjust** it. For each comment the shipped model gives how likely each label is (its
calibration table: among held-out comments with this score, the share of each label).
The adapted model starts from exactly those probabilities and learns, from the corrected
comments, how this organisation differs: a multinomial logistic regression whose logits are

    scale * log(shipped probabilities) + bias + sentences @ sentence_weights + words @ weights

where ``words`` are the TF-IDF word unigrams and bigrams of the organisation's corrected
comments and ``sentences`` the mean, lowest and highest log-odds of positive (as
``2p - 1``) that the shipped model gives the comment's sentences
(:func:`~analysis.sentiment.features.sentences`): how a long review that praises and
complains balances out, which the one score of the whole text hides. An L2 prior pulls
``weights``, ``sentence_weights`` and ``bias`` towards 0 and ``scale`` towards 1
(:data:`PRIOR`, :data:`PRIOR_SENTENCES`, :data:`PRIOR_SCALE_BIAS`): with few corrections
it stays close to the shipped model, and every correction moves it further only as far as
the evidence goes. ``scale`` never goes below :data:`MIN_SCALE`: corrections all from the
shipped model's neutral band cannot teach it to read the shipped model backwards.
(A separate small model stacked on the shipped one's outputs, the earlier design, was
pulled towards *no* opinion by its regularisation; with 50 corrections it sometimes lost
0.07 of macro-F1 on an organisation's other comments.)

From :data:`~analysis.sentiment.labels.MIN_CORRECTIONS` corrections on, the adapted model
is cross-validated on the corrected comments (stratified folds, fixed seed) and compared
with the shipped model's macro-F1 on the same comments; it is used only when it is better
(:attr:`LearnedModel.use_model`). Its label is the most probable one, its confidence that
probability, and its score ``P(positive) - P(negative)`` (-1..1) moved to the label's side
of the neutral band where needed (:func:`adapted_labels`).
Builds on :mod:`analysis.sentiment.scoring`; scoring never imports this module. Runs on a
worker thread; never touches Qt.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from analysis.sentiment.comment_labels import corrected_score
from analysis.sentiment.evaluation import evaluate
from analysis.sentiment.features import TOKEN_PATTERN, lexicon_features, sentences
from analysis.sentiment.labels import LABELS, MIN_CORRECTIONS, label_of
from analysis.sentiment.model import SentimentModel, load_model
from analysis.sentiment.scoring import normalise, rapport_scorer
from surveys.progress import Progress, no_progress

FOLDS = 5
SEED = 0
#: Strength of the L2 prior on the word weights (larger: trust the shipped model more).
PRIOR = 0.3
#: Strength of the L2 prior on the weights of the sentence polarities (mean, lowest, highest).
PRIOR_SENTENCES = 1.0
#: Strength of the prior that keeps the scale at 1 and the label biases at 0.
PRIOR_SCALE_BIAS = 1.0
#: Lowest scale of the shipped log-probabilities: the adapted model may trust the shipped
#: one less, never read it backwards (corrections all from the neutral band taught -0.86).
MIN_SCALE = 0.5
#: Smallest shipped probability whose log is used (a label the table never saw).
FLOOR = 1e-4
#: Texts whose shipped-model outputs are kept in the process (about 250 bytes a text).
FEATURE_CACHE_LIMIT = 50_000
#: Columns of :func:`base_outputs`: the whole text's, then its sentences' polarity.
OUTPUTS = (
    "polarity",
    "neutral",
    "compound",
    "score",
    "sentence_mean",
    "sentence_min",
    "sentence_max",
)
#: The columns of :func:`base_outputs` the adapter weighs besides the shipped probabilities.
SENTENCE_COLUMNS = slice(4, 7)

_base_cache: dict[str, tuple[float, ...]] = {}
_cache_owner: list[SentimentModel | None] = [None]  # the model the cached rows came from


def base_outputs(texts: Sequence[str], base: SentimentModel | None = None) -> np.ndarray:
    """Return the base model's outputs per text, in the order of :data:`OUTPUTS`.

    Parameters
    ----------
    texts : sequence of str
        The texts (whitespace is collapsed first, as :func:`score_texts` does).
    base : SentimentModel, optional
        The model to adapt; the shipped one by default (another in benchmarks).

    Returns
    -------
    numpy.ndarray
        Shape ``(len(texts), 7)``: the polarity ``2p - 1``, ``q``, the lexicon's compound
        and the score of the whole text, then the mean, lowest and highest ``2p - 1`` of its
        sentences (those of a one-sentence text are its own). Rows of texts seen before
        (cross-validation folds, the final fit, later predictions in the same process) come
        from a per-process cache.
    """
    model = base or load_model()
    if _cache_owner[0] is not model:
        _base_cache.clear()
        _cache_owner[0] = model
    keys = [normalise(str(t)) for t in texts]
    todo = list(dict.fromkeys(k for k in keys if k not in _base_cache))
    fresh = dict(zip(todo, _outputs(model, todo), strict=True)) if todo else {}
    found = [fresh[k] if k in fresh else _base_cache[k] for k in keys]
    if len(_base_cache) + len(fresh) > FEATURE_CACHE_LIMIT:
        _base_cache.clear()
    if len(fresh) <= FEATURE_CACHE_LIMIT:
        _base_cache.update(fresh)
    return np.asarray(found, dtype=float).reshape(len(keys), len(OUTPUTS))


def _outputs(model: SentimentModel, texts: list[str]) -> list[tuple[float, ...]]:
    """:func:`base_outputs` of distinct texts; the sentences of all are scored in one go.

    A sentence's polarity is its log-odds of positive; their mean, lowest and highest are
    given as ``2p - 1`` of those log-odds (``tanh(z / 2)``), in -1..1 like the whole text's.
    """
    pieces = [sentences(text) for text in texts]
    extra = list(dict.fromkeys(s for parts in pieces if len(parts) > 1 for s in parts))
    everything = texts + extra
    lexicon = lexicon_features(rapport_scorer(), everything)
    p, q = model.heads(everything, lexicon)
    n = len(texts)
    final = model.combine(p[:n], q[:n], lexicon[:n, 0])
    p = np.clip(p, 1e-12, 1 - 1e-12)
    log_odds = np.log(p) - np.log1p(-p)
    of_sentence = dict(zip(extra, log_odds[n:].tolist(), strict=True))
    rows = []
    for i, parts in enumerate(pieces):
        values = [of_sentence[s] for s in parts] if len(parts) > 1 else [float(log_odds[i])]
        mean_min_max = np.tanh(np.array([np.mean(values), min(values), max(values)]) / 2)
        rows.append(
            (float(2 * p[i] - 1), float(q[i]), float(lexicon[i, 0]), float(final[i]))
            + tuple(mean_min_max.tolist())
        )
    return rows


def clear_feature_cache() -> None:
    """Forget cached shipped-model outputs (for benchmarks)."""
    _base_cache.clear()


def shipped_log_probabilities(texts: Sequence[str], base: SentimentModel | None = None):
    """Log of the shipped model's calibrated label probabilities, ``(len(texts), 3)``."""
    model = base or load_model()
    return _shipped_inputs(texts, model)[0]


@dataclass
class Adapter:
    """The shipped model adjusted to corrected comments (see the module docstring)."""

    vectorizer: Any
    scale: float
    bias: np.ndarray
    weights: np.ndarray
    base: SentimentModel | None = None
    #: ``(3, 3)``: per sentence polarity (mean, lowest, highest) and label; zeros if None.
    sentence_weights: np.ndarray | None = None

    @classmethod
    def fit(
        cls, texts: list[str], labels: list[str], base: SentimentModel | None = None
    ) -> Adapter:
        """Fit on corrected comments (``base``: the model adapted, the shipped one by default)."""
        from scipy.optimize import minimize  # loads SciPy's BLAS before the limit below
        from sklearn.feature_extraction.text import TfidfVectorizer
        from threadpoolctl import threadpool_limits

        vectorizer = TfidfVectorizer(
            ngram_range=(1, 2), sublinear_tf=True, token_pattern=TOKEN_PATTERN
        ).fit(texts)
        words = vectorizer.transform(texts)
        offsets, polar = _shipped_inputs(texts, base)
        truth = np.zeros((len(texts), len(LABELS)))
        truth[np.arange(len(texts)), [LABELS.index(label) for label in labels]] = 1.0
        k, size = polar.shape[1] * len(LABELS), words.shape[1] * len(LABELS)
        loss = _objective(offsets, polar, words, truth)
        start = np.concatenate([[1.0], np.zeros(len(LABELS) + k + size)])
        with threadpool_limits(limits=1):  # tiny vector operations: BLAS threads only contend
            bounds = [(MIN_SCALE, None)] + [(None, None)] * (len(start) - 1)
            theta = minimize(loss, start, jac=True, method="L-BFGS-B", bounds=bounds).x
        mixed = theta[4 : 4 + k].reshape(-1, len(LABELS))
        weights = theta[4 + k :].reshape(-1, len(LABELS))
        return cls(vectorizer, float(theta[0]), theta[1:4].copy(), weights, base, mixed)

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """``(len(texts), 3)`` probabilities in the order of :data:`LABELS`."""
        if not len(texts):
            return np.zeros((0, len(LABELS)))
        offsets, polar = _shipped_inputs(texts, self.base)
        logits = self.scale * offsets + self.bias
        if self.sentence_weights is not None:
            logits = logits + polar @ self.sentence_weights
        logits = logits + self.vectorizer.transform(list(texts)) @ self.weights
        return np.exp(logits - _logsumexp(logits))


def _objective(offsets: np.ndarray, polar: np.ndarray, words, truth: np.ndarray):
    """The adapter's penalised cross-entropy and its gradient, as a function of the
    parameters ``[scale, bias (3), sentence weights (3 per column of polar), word weights]``.
    """
    k = polar.shape[1] * len(LABELS)

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        scale, bias = theta[0], theta[1:4]
        mixed = theta[4 : 4 + k].reshape(-1, len(LABELS))
        weights = theta[4 + k :].reshape(-1, len(LABELS))
        logits = scale * offsets + bias + polar @ mixed + words @ weights
        log_p = logits - _logsumexp(logits)
        error = np.exp(log_p) - truth  # gradient of the cross-entropy by the logits
        penalty = (
            PRIOR * (weights * weights).sum()
            + PRIOR_SENTENCES * (mixed * mixed).sum()
            + PRIOR_SCALE_BIAS * ((scale - 1.0) ** 2 + bias @ bias)
        )
        gradient = np.concatenate(
            [
                [(error * offsets).sum() + PRIOR_SCALE_BIAS * (scale - 1.0)],
                error.sum(axis=0) + PRIOR_SCALE_BIAS * bias,
                (polar.T @ error + PRIOR_SENTENCES * mixed).ravel(),
                np.asarray(words.T @ error + PRIOR * weights).ravel(),
            ]
        )
        return float(-(truth * log_p).sum() + penalty / 2), gradient

    return loss


def _shipped_inputs(texts: Sequence[str], base: SentimentModel | None):
    """The log of the shipped probabilities and the sentence polarities, per text."""
    model = base or load_model()
    outputs = base_outputs(texts, model)
    found = model.probabilities(outputs[:, OUTPUTS.index("score")])
    return np.log(np.clip(found, FLOOR, 1.0)), outputs[:, SENTENCE_COLUMNS]


def _logsumexp(logits: np.ndarray) -> np.ndarray:
    top = logits.max(axis=1, keepdims=True)
    return top + np.log(np.exp(logits - top).sum(axis=1, keepdims=True))


def adapted_labels(probabilities: np.ndarray) -> list[tuple[str, float, float]]:
    """``(label, score, confidence)`` of each row of :meth:`Adapter.probabilities`.

    The label is the most probable one, its confidence that probability, and the score
    ``P(positive) - P(negative)`` on the label's side of the neutral band (as a corrected
    comment's: :func:`~analysis.sentiment.comment_labels.corrected_score`), so a score
    always reads as its label.
    """
    out = []
    for row in probabilities:
        label = LABELS[int(np.argmax(row))]
        value = float(row[LABELS.index("positive")] - row[LABELS.index("negative")])
        out.append((label, round(float(corrected_score(value, label)), 4), float(row.max())))
    return out


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
    adapter: Adapter | None = field(repr=False, default=None)

    def predict_scored(self, texts: Sequence[str]) -> list[tuple[str, float, float]]:
        """Return ``(label, score, confidence)`` per text from the adapted model.

        Parameters
        ----------
        texts : sequence of str
            Comments (redacted text).

        Returns
        -------
        list of (str, float, float)
            The adapted model's most probable label, its score (-1..1, four decimals, on
            the label's side of the neutral band) and the probability of that label.
        """
        if not texts:
            return []
        return adapted_labels(self.adapter.probabilities(texts))

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
        adapter = Adapter.fit([x[i] for i in train], [y[i] for i in train], base)
        found = adapted_labels(adapter.probabilities([x[i] for i in test]))
        for i, (label, _score, _sure) in zip(test, found, strict=True):
            predicted[i] = label
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
    adapter = Adapter.fit(x, y, base)
    report(1.0, "Adapted model ready")
    return LearnedModel(
        n=len(x),
        labels=tuple(label for label in LABELS if label in usable),
        cv_macro_f1=cv.macro_f1,
        cv_accuracy=cv.accuracy,
        base_macro_f1=shipped.macro_f1,
        base_accuracy=shipped.accuracy,
        use_model=cv.macro_f1 > shipped.macro_f1,
        adapter=adapter,
    )
