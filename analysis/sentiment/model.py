"""Rapport's learned sentiment model: loading its weights and scoring with numpy.

The model (trained by ``scripts/train_sentiment.py`` through
:mod:`analysis.sentiment.training`) has two logistic-regression heads over the same
features (:mod:`analysis.sentiment.features`: TF-IDF word unigrams and bigrams, and the
workplace lexicon's scores):

- the **polarity** head gives ``p``, the probability that a comment is positive rather
  than negative (learned from real employee reviews' pros and cons and Rapport's own
  labelled comments);
- the **neutral** head gives ``q``, the probability that a comment is neutral (learned
  from Rapport's labelled neutral comments against polar ones).

The score is ``(blend * (2p - 1) + (1 - blend) * compound) * (1 - q) ** shrink``, where
``compound`` is the lexicon's VADER score: in -1..1, 0 when the model cannot tell positive
from negative, and pulled towards 0 when the comment reads as neutral. The lexicon's share
(``1 - blend``) keeps general English (emoticons, slang) scored as VADER does. A score
inside the neutral band (:data:`analysis.sentiment.labels.POSITIVE_THRESHOLD`) is
``neutral``. :meth:`SentimentModel.probabilities` turns a score into how often comments
with that score carried each label in data the model was not trained on (the label's
confidence).

The weights are package data (``analysis/data/sentiment_model.npz``), read with
``numpy.load(..., allow_pickle=False)``: loading runs no code. Plain numpy, no
scikit-learn and no Qt; safe on any thread and in worker processes.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np

from analysis.sentiment.features import LEXICON_FEATURES, TOKEN_PATTERN, lexicon_features
from analysis.sentiment.labels import is_non_answer

if TYPE_CHECKING:
    from analysis.sentiment.fast import FastScorer

#: The weights file in ``analysis/data``.
MODEL_FILE = "sentiment_model.npz"
#: Version of the file layout; :func:`load_model` refuses others.
FORMAT = 2

_TOKEN = re.compile(TOKEN_PATTERN)


@dataclass
class Head:
    """One logistic-regression head: weights of the word terms and of the lexicon features."""

    words: np.ndarray
    lexicon: np.ndarray
    bias: float


@dataclass
class SentimentModel:
    """The learned model's weights and how its outputs become a score.

    Attributes
    ----------
    terms : list of str
        The vocabulary (word unigrams and bigrams), in column order.
    idf : numpy.ndarray
        Inverse document frequency of each term.
    polarity, neutral : Head
        The two heads.
    blend : float
        Weight of the learned polarity against the lexicon's compound score.
    shrink : float
        Exponent of ``1 - q`` (how strongly a neutral reading pulls the score to 0).
    calibration_edges : numpy.ndarray
        Score bin edges, ascending, from -1 to 1.
    calibration : numpy.ndarray
        Per bin, the share of negative, neutral and positive comments in held-out data.
    meta : dict
        Training facts: what it was trained on, the lexicon version, figures.
    bigrams : tuple of numpy.ndarray, optional
        The bigram index (:func:`bigram_index`); computed from ``terms`` when not given.
    """

    terms: list[str]
    idf: np.ndarray
    polarity: Head
    neutral: Head
    blend: float
    shrink: float
    calibration_edges: np.ndarray
    calibration: np.ndarray
    meta: dict[str, Any] = field(default_factory=dict)
    bigrams: tuple[np.ndarray, np.ndarray] | None = field(default=None, repr=False)
    vocabulary: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.vocabulary = dict(zip(self.terms, range(len(self.terms)), strict=True))
        self._unigrams = {t: i for t, i in self.vocabulary.items() if " " not in t}
        if self.bigrams is None:
            self.bigrams = bigram_index(self.terms)
        self._pair_keys, self._pair_columns = self.bigrams
        self._word_weights = np.column_stack([self.polarity.words, self.neutral.words]).astype(
            np.float64
        )
        self._lexicon_weights = np.column_stack(
            [self.polarity.lexicon, self.neutral.lexicon]
        ).astype(np.float64)
        self._biases = np.array([self.polarity.bias, self.neutral.bias], dtype=np.float64)

    @property
    def version(self) -> str:
        """A short digest of the weights (part of the sentiment model version)."""
        return str(self.meta.get("digest", "unsaved"))

    def word_sums(self, texts: Sequence[str]) -> np.ndarray:
        """Return each head's weighted sum over the TF-IDF word vector of each text.

        The vector is scikit-learn's ``TfidfVectorizer(sublinear_tf=True)``: for each
        known term, ``(1 + log(count)) * idf``, divided by the vector's Euclidean length.

        Returns
        -------
        numpy.ndarray
            Shape ``(len(texts), 2)``: polarity and neutral head.
        """
        rows, columns = self._term_columns(texts)
        n = len(texts)
        out = np.zeros((n, 2))
        if not len(columns):
            return out
        size = len(self.terms)
        keys, counts = np.unique(rows * size + columns, return_counts=True)
        row, col = keys // size, keys % size
        value = (1.0 + np.log(counts)) * self.idf[col]
        norm = np.sqrt(np.bincount(row, value * value, minlength=n))
        for head in range(2):
            out[:, head] = np.bincount(row, value * self._word_weights[col, head], minlength=n)
        return out / np.where(norm > 0, norm, 1.0)[:, None]

    def _term_columns(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Row and column of every known unigram and bigram of ``texts`` (repeats kept)."""
        get = self._unigrams.get
        ids: list[int] = []
        lengths: list[int] = []
        for text in texts:
            found = [get(token, -1) for token in _TOKEN.findall(text.lower())]
            ids.extend(found)
            lengths.append(len(found))
        tokens = np.asarray(ids, dtype=np.int64)
        rows = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
        known = tokens >= 0
        pair = known[:-1] & known[1:] & (rows[:-1] == rows[1:])
        keys = tokens[:-1][pair] * len(self.terms) + tokens[1:][pair]
        at = np.minimum(np.searchsorted(self._pair_keys, keys), max(len(self._pair_keys) - 1, 0))
        hit = self._pair_keys[at] == keys if len(self._pair_keys) else np.zeros(len(keys), bool)
        return (
            np.concatenate([rows[known], rows[:-1][pair][hit]]),
            np.concatenate([tokens[known], self._pair_columns[at[hit]]]),
        )

    def heads(self, texts: Sequence[str], lexicon: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Return ``p`` (positive rather than negative) and ``q`` (neutral) per text.

        Parameters
        ----------
        texts : sequence of str
            The texts.
        lexicon : numpy.ndarray
            Their lexicon features (:func:`analysis.sentiment.features.lexicon_features`).
        """
        z = self.word_sums(texts) + np.asarray(lexicon, np.float64) @ self._lexicon_weights
        z += self._biases
        p, q = (1.0 / (1.0 + np.exp(-z))).T
        return p, q

    def combine(self, p: np.ndarray, q: np.ndarray, compound: np.ndarray) -> np.ndarray:
        """Return the score (-1..1) from the heads' outputs and the lexicon's compound."""
        polar = self.blend * (2.0 * p - 1.0) + (1.0 - self.blend) * np.asarray(compound)
        return polar * (1.0 - q) ** self.shrink

    def scores(self, texts: Sequence[str], lexicon: np.ndarray) -> np.ndarray:
        """Return the score of each text, in -1..1 (see the module docstring).

        Parameters
        ----------
        texts : sequence of str
            The texts.
        lexicon : numpy.ndarray
            Their lexicon features, in the order of
            :data:`analysis.sentiment.features.LEXICON_FEATURES`.

        Returns
        -------
        numpy.ndarray
            One float per text.
        """
        p, q = self.heads(texts, lexicon)
        return self.combine(p, q, np.asarray(lexicon)[:, 0])

    def probabilities(self, scores: Sequence[float]) -> np.ndarray:
        """Return how often held-out comments with each score were negative/neutral/positive.

        Parameters
        ----------
        scores : sequence of float
            Scores of this model.

        Returns
        -------
        numpy.ndarray
            Shape ``(len(scores), 3)``, rows summing to 1, columns in the order of
            :data:`analysis.sentiment.labels.LABELS`.
        """
        edges = self.calibration_edges
        index = np.clip(np.searchsorted(edges, np.asarray(scores, float), "right") - 1, 0, None)
        return self.calibration[np.minimum(index, len(self.calibration) - 1)]


def bigram_index(terms: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Return the bigrams of ``terms`` as sorted pair keys and their columns.

    A bigram ``"a b"`` has the key ``column(a) * len(terms) + column(b)``: every word of a
    bigram the vectorizer kept is a kept unigram too, so scoring looks bigrams up as pairs
    of unigram columns and never joins strings.
    """
    unigrams = {t: i for i, t in enumerate(terms) if " " not in t}
    pairs = sorted(
        (unigrams[a] * len(terms) + unigrams[b], column)
        for column, term in enumerate(terms)
        if " " in term
        for a, b in [term.split(" ", 1)]
        if a in unigrams and b in unigrams
    )
    return (
        np.array([k for k, _ in pairs], dtype=np.int64),
        np.array([c for _, c in pairs], dtype=np.int64),
    )


def save_model(model: SentimentModel, path) -> str:
    """Write ``model`` as a compressed NPZ file (no pickled objects) and return its digest.

    Parameters
    ----------
    model : SentimentModel
        The model; its ``meta`` is written with the digest of the weights added.
    path : str or Path
        The file to write.

    Returns
    -------
    str
        The first 12 hex digits of the SHA-256 of the weights (terms and numbers).
    """
    arrays = {
        "terms": np.frombuffer("\n".join(model.terms).encode("utf-8"), dtype=np.uint8),
        "idf": model.idf.astype(np.float32),
        "calibration_edges": model.calibration_edges.astype(np.float32),
        "calibration": model.calibration.astype(np.float32),
        "bigram_keys": model.bigrams[0].astype(np.int64),
        "bigram_columns": model.bigrams[1].astype(np.int32),
    }
    for name in ("polarity", "neutral"):
        head: Head = getattr(model, name)
        arrays[f"{name}_words"] = head.words.astype(np.float32)
        arrays[f"{name}_lexicon"] = head.lexicon.astype(np.float32)
        arrays[f"{name}_bias"] = np.array([head.bias], dtype=np.float64)
    arrays["combine"] = np.array([model.blend, model.shrink], dtype=np.float64)
    digest = hashlib.sha256()
    for name in sorted(arrays):
        digest.update(name.encode())
        digest.update(arrays[name].tobytes())
    meta = {**model.meta, "format": FORMAT, "digest": digest.hexdigest()[:12]}
    arrays["meta"] = np.frombuffer(json.dumps(meta, sort_keys=True).encode("utf-8"), np.uint8)
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    with open(path, "wb") as handle:
        handle.write(buffer.getvalue())
    model.meta = meta
    return meta["digest"]


def read_model(source) -> SentimentModel:
    """Read a model written by :func:`save_model` (never unpickles anything).

    Parameters
    ----------
    source : str, Path or binary file
        The NPZ file.

    Returns
    -------
    SentimentModel

    Raises
    ------
    ValueError
        If the file is not a sentiment model of this format.
    """
    with np.load(source, allow_pickle=False) as data:
        meta = json.loads(bytes(data["meta"]).decode("utf-8"))
        if meta.get("format") != FORMAT:
            raise ValueError(f"sentiment model format {meta.get('format')!r}, expected {FORMAT}")
        heads = {
            name: Head(
                data[f"{name}_words"],
                data[f"{name}_lexicon"],
                float(data[f"{name}_bias"][0]),
            )
            for name in ("polarity", "neutral")
        }
        blend, shrink = (float(x) for x in data["combine"])
        terms = bytes(data["terms"]).decode("utf-8").split("\n")
        model = SentimentModel(
            terms=terms,
            idf=data["idf"].astype(np.float64),
            polarity=heads["polarity"],
            neutral=heads["neutral"],
            blend=blend,
            shrink=shrink,
            calibration_edges=data["calibration_edges"].astype(np.float64),
            calibration=data["calibration"].astype(np.float64),
            meta=meta,
            bigrams=(data["bigram_keys"], data["bigram_columns"].astype(np.int64)),
        )
    if len(model.polarity.lexicon) != len(LEXICON_FEATURES):
        raise ValueError("sentiment model was trained on other lexicon features")
    return model


def read_shipped_model() -> SentimentModel:
    """Read the shipped weights (package data) from disk, every time it is called.

    Returns
    -------
    SentimentModel
        The model; :func:`load_model` keeps one per process.
    """
    with (resources.files("analysis") / "data" / MODEL_FILE).open("rb") as handle:
        return read_model(io.BytesIO(handle.read()))


@lru_cache(maxsize=1)
def load_model() -> SentimentModel:
    """Return the shipped model (package data; read once per process)."""
    return read_shipped_model()


def model_digest() -> str:
    """Return the digest of the shipped weights without building the model."""
    with (resources.files("analysis") / "data" / MODEL_FILE).open("rb") as handle:
        content = handle.read()
    with np.load(io.BytesIO(content), allow_pickle=False) as data:
        return str(json.loads(bytes(data["meta"]).decode("utf-8"))["digest"])


def score_with(scorer: FastScorer, model: SentimentModel, texts: Sequence[str]) -> list[float]:
    """Return the model's score of each text, rounded to four decimals.

    Text that says nothing ("", "n/a", "-", :func:`~analysis.sentiment.labels.is_non_answer`)
    scores 0: the model learned such words from review sites, where they lean negative.

    Parameters
    ----------
    scorer : FastScorer
        Rapport's lexicon scorer (for the lexicon features).
    model : SentimentModel
        The model.
    texts : sequence of str
        The texts.
    """
    present = [i for i, text in enumerate(texts) if text and not is_non_answer(text)]
    out = [0.0] * len(texts)
    if present:
        chosen = [texts[i] for i in present]
        scores = model.scores(chosen, lexicon_features(scorer, chosen))
        for i, value in zip(present, np.round(scores, 4).tolist(), strict=True):
            out[i] = value
    return out


# Process-pool workers: each receives the parent's lexicon scorer once (pickled) and reads
# the weights from package data, so a worker starts without importing NLTK.
_worker_scorer: FastScorer | None = None


def init_worker(scorer: FastScorer) -> None:
    """Process-pool initializer: keep ``scorer`` for :func:`score_chunk`."""
    global _worker_scorer
    _worker_scorer = scorer


def score_chunk(texts: list[str]) -> list[float]:
    """Score ``texts`` in a worker (see :func:`score_with`)."""
    assert _worker_scorer is not None, "init_worker was not called"
    return score_with(_worker_scorer, load_model(), texts)
