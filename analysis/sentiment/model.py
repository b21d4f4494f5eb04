"""Rapport's learned sentiment model: loading its weights and scoring with numpy.

The model (trained by ``scripts/train_sentiment.py`` through
:mod:`analysis.sentiment.training`) has two logistic-regression heads over the same
features (:mod:`analysis.sentiment.features`: three blocks of TF-IDF terms, each a
:class:`TermBlock` — the word unigrams and bigrams, those of the first sentence, and the
words a negation governs — and the workplace lexicon's scores):

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

The weights are package data (``analysis/data/sentiment_model.npz``), written and read by
:mod:`analysis.sentiment.model_file` with ``numpy.load(..., allow_pickle=False)``: loading
runs no code. Plain numpy, no
scikit-learn and no Qt; safe on any thread and in worker processes.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import chain, repeat
from typing import TYPE_CHECKING, Any

import numpy as np

from analysis.sentiment.features import (
    BLOCKS,
    block_unigrams,
    lexicon_features,
)
from analysis.sentiment.labels import is_non_answer

if TYPE_CHECKING:
    from analysis.sentiment.fast import FastScorer

#: The weights file in ``analysis/data``.
MODEL_FILE = "sentiment_model.npz"
#: Version of the file layout; :func:`load_model` refuses others.
FORMAT = 3  # 3: three term blocks


@dataclass
class Head:
    """One logistic-regression head's weights of the lexicon features, and its bias.

    Its weights of the term features are a column of each :class:`TermBlock`.
    """

    lexicon: np.ndarray
    bias: float


@dataclass
class TermBlock:
    """One block of term features (:data:`~analysis.sentiment.features.BLOCKS`).

    Attributes
    ----------
    name : str
        ``words``, ``first`` or ``negated`` (what :func:`features.block_terms` gives).
    terms : list of str
        The block's vocabulary (unigrams, then or among them bigrams), in column order.
    idf : numpy.ndarray
        Inverse document frequency of each term.
    weights : numpy.ndarray
        Shape ``(len(terms), 2)``: the polarity and the neutral head's weight of each term.
    scale : float
        The block's TF-IDF vector is multiplied by this before the weights (its share
        against the other blocks, fixed in training).
    bigrams : tuple of numpy.ndarray, optional
        The bigram index (:func:`bigram_index`); computed from ``terms`` when not given.
    """

    name: str
    terms: list[str]
    idf: np.ndarray
    weights: np.ndarray
    scale: float = 1.0
    bigrams: tuple[np.ndarray, np.ndarray] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.bigrams is None:
            self.bigrams = bigram_index(self.terms)
        # Every term that is not an indexed bigram is a unigram (a bigram the vectorizer
        # kept has both its words kept, so every bigram is indexed).
        unigram = np.ones(len(self.terms), dtype=bool)
        unigram[self.bigrams[1]] = False
        columns = np.flatnonzero(unigram).tolist()
        self.unigrams = dict(zip([self.terms[i] for i in columns], columns, strict=True))
        self.weights = np.asarray(self.weights, dtype=np.float64).reshape(len(self.terms), 2)
        self.idf = np.asarray(self.idf, dtype=np.float64)

    def columns(self, tokens: Sequence[list[str]]) -> tuple[np.ndarray, np.ndarray]:
        """Row and column of every known term in this block (repeats kept).

        Parameters
        ----------
        tokens : sequence of list of str
            Per text, this block's unigrams (:func:`features.block_unigrams`); bigrams are
            looked up as pairs of neighbouring unigrams, except in the ``negated`` block.
        """
        flat = list(chain.from_iterable(tokens))
        found_ids = np.fromiter(
            map(self.unigrams.get, flat, repeat(-1, len(flat))), dtype=np.int64, count=len(flat)
        )
        lengths = np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens))
        rows = np.repeat(np.arange(len(tokens), dtype=np.int64), lengths)
        known = found_ids >= 0
        keys_all, columns_all = self.bigrams
        if self.name == "negated" or not len(keys_all):  # unigrams only
            return rows[known], found_ids[known]
        pair = known[:-1] & known[1:] & (rows[:-1] == rows[1:])
        keys = found_ids[:-1][pair] * len(self.terms) + found_ids[1:][pair]
        at = np.minimum(np.searchsorted(keys_all, keys), len(keys_all) - 1)
        hit = keys_all[at] == keys
        return (
            np.concatenate([rows[known], rows[:-1][pair][hit]]),
            np.concatenate([found_ids[known], columns_all[at[hit]]]),
        )

    def vectors(self, tokens: Sequence[list[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The block's scaled TF-IDF vectors as sparse (row, column, value).

        ``tokens`` holds, per text, this block's unigrams (:func:`features.block_unigrams`).

        The vector is scikit-learn's ``TfidfVectorizer(sublinear_tf=True)``: for each
        known term, ``(1 + log(count)) * idf``, divided by the vector's Euclidean length;
        then multiplied by :attr:`scale`. Rows are sorted, columns sorted within a row.
        """
        rows, columns = self.columns(tokens)
        n, size = len(tokens), len(self.terms)
        if not len(columns):
            return rows, columns, np.zeros(0)
        keys, counts = np.unique(rows * size + columns, return_counts=True)
        row, col = keys // size, keys % size
        value = (1.0 + np.log(counts)) * self.idf[col]
        norm = np.sqrt(np.bincount(row, value * value, minlength=n))
        return row, col, value * (self.scale / norm[row])


@dataclass
class SentimentModel:
    """The learned model's weights and how its outputs become a score.

    Attributes
    ----------
    blocks : list of TermBlock
        The term features, in the order of :data:`analysis.sentiment.features.BLOCKS`.
    polarity, neutral : Head
        The two heads' lexicon weights and biases.
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
    """

    blocks: list[TermBlock]
    polarity: Head
    neutral: Head
    blend: float
    shrink: float
    calibration_edges: np.ndarray
    calibration: np.ndarray
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._lexicon_weights = np.column_stack(
            [self.polarity.lexicon, self.neutral.lexicon]
        ).astype(np.float64)
        self._biases = np.array([self.polarity.bias, self.neutral.bias], dtype=np.float64)

    @property
    def version(self) -> str:
        """A short digest of the weights (part of the sentiment model version)."""
        return str(self.meta.get("digest", "unsaved"))

    @property
    def term_count(self) -> int:
        """How many term features the model has, over all blocks."""
        return sum(len(block.terms) for block in self.blocks)

    @property
    def terms(self) -> list[str]:
        """Every block's terms, block after block (``len(model.terms)`` counts features)."""
        return [term for block in self.blocks for term in block.terms]

    def block(self, name: str) -> TermBlock:
        """The term block called ``name``."""
        return next(block for block in self.blocks if block.name == name)

    def word_sums(
        self, texts: Sequence[str], unigrams: Sequence[tuple[list[str], ...]] | None = None
    ) -> np.ndarray:
        """Return each head's weighted sum over the term features of each text.

        ``unigrams``, when given, holds each text's :func:`features.block_unigrams` (which
        the caller computed already).

        Returns
        -------
        numpy.ndarray
            Shape ``(len(texts), 2)``: polarity and neutral head.
        """
        n = len(texts)
        out = np.zeros((n, 2))
        if unigrams is None:
            unigrams = list(map(block_unigrams, texts))
        per_block = list(zip(*unigrams, strict=True)) if n else [()] * 3
        for block in self.blocks:
            row, col, value = block.vectors(per_block[BLOCKS.index(block.name)])
            for head in range(2):
                out[:, head] += np.bincount(row, value * block.weights[col, head], minlength=n)
        return out

    def heads(
        self,
        texts: Sequence[str],
        lexicon: np.ndarray,
        unigrams: Sequence[tuple[list[str], ...]] | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Return ``p`` (positive rather than negative) and ``q`` (neutral) per text.

        Parameters
        ----------
        texts : sequence of str
            The texts.
        lexicon : numpy.ndarray
            Their lexicon features (:func:`analysis.sentiment.features.lexicon_features`).
        unigrams : sequence, optional
            Their :func:`~analysis.sentiment.features.block_unigrams`, if computed already.
        """
        lexicon_sums = np.asarray(lexicon, np.float64) @ self._lexicon_weights
        z = self.word_sums(texts, unigrams) + lexicon_sums
        z += self._biases
        p, q = (1.0 / (1.0 + np.exp(-z))).T
        return p, q

    def combine(self, p: np.ndarray, q: np.ndarray, compound: np.ndarray) -> np.ndarray:
        """Return the score (-1..1) from the heads' outputs and the lexicon's compound."""
        return combine_score(p, q, compound, self.blend, self.shrink)

    def scores(
        self,
        texts: Sequence[str],
        lexicon: np.ndarray,
        unigrams: Sequence[tuple[list[str], ...]] | None = None,
    ) -> np.ndarray:
        """Return the score of each text, in -1..1 (see the module docstring).

        Parameters
        ----------
        texts : sequence of str
            The texts.
        lexicon : numpy.ndarray
            Their lexicon features, in the order of
            :data:`analysis.sentiment.features.LEXICON_FEATURES`.
        unigrams : sequence, optional
            Their :func:`~analysis.sentiment.features.block_unigrams`, if computed already.

        Returns
        -------
        numpy.ndarray
            One float per text.
        """
        p, q = self.heads(texts, lexicon, unigrams)
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
        return calibrated(self.calibration_edges, self.calibration, scores)


def calibrated(edges: np.ndarray, table: np.ndarray, scores: Sequence[float]) -> np.ndarray:
    """Rows of a calibration ``table`` for ``scores`` (see :meth:`SentimentModel.probabilities`).

    Parameters
    ----------
    edges : numpy.ndarray
        Score bin edges, ascending.
    table : numpy.ndarray
        Per bin, the share of negative, neutral and positive comments.
    scores : sequence of float
        Scores of the model.
    """
    index = np.clip(np.searchsorted(edges, np.asarray(scores, float), "right") - 1, 0, None)
    return table[np.minimum(index, len(table) - 1)]


def combine_score(p, q, compound, blend: float, shrink: float) -> np.ndarray:
    """``(blend * (2p - 1) + (1 - blend) * compound) * (1 - q) ** shrink`` (see the module).

    Parameters
    ----------
    p, q, compound : array-like
        The polarity and neutral heads' probabilities and the lexicon's compound score.
    blend, shrink : float
        The model's share against the lexicon, and how strongly ``q`` pulls towards 0.
    """
    polar = blend * (2.0 * np.asarray(p) - 1.0) + (1.0 - blend) * np.asarray(compound)
    return polar * (1.0 - np.asarray(q)) ** shrink


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


def read_shipped_model() -> SentimentModel:
    """Read the shipped weights (package data) from disk, every time it is called.

    Returns
    -------
    SentimentModel
        The model; :func:`load_model` keeps one per process.
    """
    from analysis.sentiment.model_file import read_model

    with (resources.files("analysis") / "data" / MODEL_FILE).open("rb") as handle:
        return read_model(io.BytesIO(handle.read()))


@lru_cache(maxsize=1)
def load_model() -> SentimentModel:
    """Return the shipped model (package data; read once per process)."""
    return read_shipped_model()


@lru_cache(maxsize=1)
def shipped_calibration() -> tuple[np.ndarray, np.ndarray]:
    """Return the shipped model's calibration edges and table, without its terms.

    The same arrays as ``load_model().calibration_edges`` and ``.calibration``; reading
    only them takes milliseconds where the whole model takes a tenth of a second, which the
    analysing process (it labels, the sentiment worker scores) need not spend.
    """
    with (resources.files("analysis") / "data" / MODEL_FILE).open("rb") as handle:
        content = handle.read()
    with np.load(io.BytesIO(content), allow_pickle=False) as data:
        return (
            data["calibration_edges"].astype(np.float64),
            data["calibration"].astype(np.float64),
        )


def model_digest() -> str:
    """Return the digest of the shipped weights without building the model."""
    with (resources.files("analysis") / "data" / MODEL_FILE).open("rb") as handle:
        content = handle.read()
    with np.load(io.BytesIO(content), allow_pickle=False) as data:
        return str(json.loads(bytes(data["meta"]).decode("utf-8"))["digest"])


def score_with(scorer: FastScorer, model: SentimentModel, texts: Sequence[str]) -> list[float]:
    """Return the model's score of each text, rounded to four decimals.

    Text that says nothing ("", "n/a", "-", :func:`~analysis.sentiment.labels.is_non_answer`)
    scores 0: the model learned such words from review sites, where they lean negative. For
    the same reason a filler that opens or closes a longer answer ("Nothing, all good", "…
    No improvement needed.") is not scored (:func:`~analysis.sentiment.fillers.without_fillers`),
    nor blame that has stopped ("We stopped blaming each other",
    :func:`~analysis.sentiment.resolved.without_resolved_blame`).

    Parameters
    ----------
    scorer : FastScorer
        Rapport's lexicon scorer (for the lexicon features).
    model : SentimentModel
        The model.
    texts : sequence of str
        The texts.
    """
    # Imported here: their patterns take about 8 ms to compile, which the analysing
    # process, reading only the calibration (comment_labels.confidences), never needs.
    from analysis.sentiment.fillers import without_fillers
    from analysis.sentiment.resolved import without_resolved_blame

    answers = [without_resolved_blame(without_fillers(text)) if text else "" for text in texts]
    present = [i for i, text in enumerate(answers) if text and not is_non_answer(text)]
    out = [0.0] * len(texts)
    if present:
        chosen = [answers[i] for i in present]
        # each text's words once, for the model's term blocks and the lexicon's counts
        unigrams = list(map(block_unigrams, chosen))
        lexicon = lexicon_features(scorer, chosen, [blocks[0] for blocks in unigrams])
        scores = model.scores(chosen, lexicon, unigrams)
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
