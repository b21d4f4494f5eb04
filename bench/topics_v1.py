"""Rapport's topic discovery before topics-2 (TF-IDF + NMF, k by NPMI coherence), for comparison.

A frozen copy of ``analysis/topics.py`` as it was at version ``topics-1`` (progress
reporting removed), so that ``bench/topics_nmi.py`` can measure today's method and the one
it replaced in the same run. Not used by the app.

The original docstring follows.

Discovering themes nobody put in the taxonomy: TF-IDF + NMF, with k chosen by coherence.

Comments are tokenised and stemmed with :mod:`analysis.text` (stop words removed), weighted
with TF-IDF and factorised with non-negative matrix factorisation (scikit-learn's ``NMF``,
or ``MiniBatchNMF`` above :data:`MINIBATCH_ABOVE` comments). Unless the caller fixes it, the
number of topics is the candidate with the best NPMI coherence of its top terms over
document co-occurrence, measured on a sample of at most :data:`SAMPLE_SIZE` comments.
Everything is seeded, so the same texts and seed give the same topics.

Runs on a worker thread in the app; touches no Qt.
"""

from __future__ import annotations

import math
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from analysis.text import BOUNDARY, is_content_word
from bench.topics_v2_terms import analysed  # all in lower case, as before topics-11

TOPICS_VERSION = "topics-1"  # frozen
MINIBATCH_ABOVE = 20_000
SAMPLE_SIZE = 5_000
MAX_TOPICS = 12
LABEL_TERMS = 3
TOP_TERMS = 8
COHERENCE_TERMS = 10


@dataclass
class Topic:
    """One discovered topic, numbered from 1 by size (largest first)."""

    number: int
    label: str
    terms: list[str]
    size: int
    representative_index: int | None


@dataclass
class TopicModel:
    """The topics of a corpus and the topic of each text.

    ``assignments[i]`` is the topic *number* of text ``i``, or ``None`` when the text has
    no word the model knows (empty, stop words only, junk). ``coherence`` maps each
    candidate number of topics to its mean NPMI (higher is more coherent).
    """

    topics: list[Topic] = field(default_factory=list)
    assignments: list[int | None] = field(default_factory=list)
    coherence: dict[int, float] = field(default_factory=dict)
    version: str = TOPICS_VERSION

    def topic(self, number: int | None) -> Topic | None:
        """The topic with ``number`` (``None`` for ``None`` or an unknown number)."""
        for t in self.topics:
            if t.number == number:
                return t
        return None


class _Analyzer:
    """Stems the content words of a text once per distinct text; remembers surface forms."""

    def __init__(self) -> None:
        self.cache: dict[str, list[str]] = {}
        self.surface: dict[str, Counter[str]] = {}

    def __call__(self, text: str) -> list[str]:
        found = self.cache.get(text)
        if found is None:
            found = []
            for token, s in zip(*analysed(text), strict=True):
                if token == BOUNDARY or not is_content_word(token):
                    continue
                found.append(s)
                self.surface.setdefault(s, Counter())[token] += 1
            self.cache[text] = found
        return found

    def display(self, stem_: str) -> str:
        """The most frequent surface word of a stem (ties: alphabetical)."""
        counts = self.surface.get(stem_)
        if not counts:
            return stem_
        return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def _vectorise(texts: Sequence[str], analyzer: _Analyzer):
    from sklearn.feature_extraction.text import TfidfVectorizer

    n = len(texts)
    min_df = 1 if n < 50 else max(2, min(20, n // 2000))
    max_df = 1.0 if n < 30 else 0.5
    vectorizer = TfidfVectorizer(
        analyzer=analyzer,
        min_df=min_df,
        max_df=max_df,
        max_features=5000,
        sublinear_tf=True,
        dtype=np.float32,
    )
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # empty vocabulary: nothing but stop words, numbers or junk
        return None, []
    return matrix.tocsr(), list(vectorizer.get_feature_names_out())


def _fit(matrix: sparse.csr_matrix, k: int, seed: int, init=None):
    """Fit NMF (mini-batch for large corpora); returns (W, H).

    ``init`` is an optional ``(W, H)`` start (see :func:`_nndsvda`); by default NNDSVDa.
    """
    from sklearn.decomposition import NMF, MiniBatchNMF

    how = "custom" if init is not None else "nndsvda"
    if matrix.shape[0] > MINIBATCH_ABOVE:
        model = MiniBatchNMF(
            n_components=k, init=how, batch_size=4096, max_iter=30, random_state=seed
        )
    else:
        model = NMF(n_components=k, init=how, max_iter=300, random_state=seed)
    w0, h0 = init if init is not None else (None, None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a capped iteration count is a deliberate choice
        w = model.fit_transform(matrix, W=w0, H=h0)
    return w, model.components_


def _nndsvda(u: np.ndarray, s: np.ndarray, vt: np.ndarray, fill: float, dtype):
    """NNDSVDa start for NMF from the leading singular triplets (Boutsidis & Gallopoulos).

    The same start scikit-learn computes for ``init="nndsvda"``, but from one SVD shared
    by every candidate number of topics instead of one SVD per candidate.
    """
    k = len(s)
    w = np.zeros((u.shape[0], k))
    h = np.zeros((k, vt.shape[1]))
    w[:, 0] = np.sqrt(s[0]) * np.abs(u[:, 0])
    h[0] = np.sqrt(s[0]) * np.abs(vt[0])
    for j in range(1, k):
        x, y = u[:, j], vt[j]
        xp, yp, xn, yn = np.maximum(x, 0), np.maximum(y, 0), -np.minimum(x, 0), -np.minimum(y, 0)
        pos = np.linalg.norm(xp) * np.linalg.norm(yp)
        neg = np.linalg.norm(xn) * np.linalg.norm(yn)
        a, b, sigma = (xp, yp, pos) if pos > neg else (xn, yn, neg)
        if sigma <= 0:
            continue
        scale = np.sqrt(s[j] * sigma)
        w[:, j] = scale * a / np.linalg.norm(a)
        h[j] = scale * b / np.linalg.norm(b)
    eps = 1e-6
    w[w < eps] = fill
    h[h < eps] = fill
    return w.astype(dtype), h.astype(dtype)


def npmi_coherence(h: np.ndarray, binary: sparse.csr_matrix, top: int = COHERENCE_TERMS) -> float:
    """Mean NPMI of each topic's top-term pairs over document co-occurrence.

    Parameters
    ----------
    h : ndarray, shape (k, n_terms)
        Topic-term weights.
    binary : sparse matrix, shape (n_docs, n_terms)
        1 where a document contains a term.
    top : int
        How many top terms of each topic to pair up.

    Returns
    -------
    float
        In ``[-1, 1]``; pairs that never co-occur count -1.
    """
    n_docs = max(1, binary.shape[0])
    values: list[float] = []
    for row in h:
        terms = [int(t) for t in np.argsort(-row, kind="stable")[:top] if row[t] > 0]
        if len(terms) < 2:
            continue
        sub = binary[:, terms]
        co = (sub.T @ sub).toarray().astype(float)
        for i in range(len(terms)):
            for j in range(i + 1, len(terms)):
                values.append(_npmi(co[i, j], co[i, i], co[j, j], n_docs))
    return float(np.mean(values)) if values else -1.0


def _npmi(joint: float, a: float, b: float, n_docs: int) -> float:
    if joint <= 0 or a <= 0 or b <= 0:
        return -1.0
    p_ab = joint / n_docs
    if p_ab >= 1.0:
        return 1.0
    return math.log(p_ab / ((a / n_docs) * (b / n_docs))) / -math.log(p_ab)


def candidate_counts(n_docs: int, n_terms: int) -> list[int]:
    """Numbers of topics worth trying for a corpus of this size.

    Parameters
    ----------
    n_docs, n_terms : int
        Documents with at least one known term, and the vocabulary size.

    Returns
    -------
    list of int
        From 2 up to about the square root of ``n_docs`` (at most :data:`MAX_TOPICS`), or
        ``[1]`` when the corpus is too small to split.
    """
    top = min(MAX_TOPICS, int(math.sqrt(n_docs)), n_terms - 1, n_docs - 1)
    if top < 2:
        return [1]
    return list(range(2, top + 1))


def choose_topic_count(matrix: sparse.csr_matrix, seed: int = 0) -> dict[int, float]:
    """NPMI coherence of each candidate number of topics, on a seeded sample.

    Parameters
    ----------
    matrix : sparse matrix
        TF-IDF rows of documents with at least one term.
    seed : int
        Seeds the sample and the factorisations.

    Returns
    -------
    dict of int to float
        Candidate k -> coherence; a single candidate 1 maps to 0.0.
    """
    candidates = candidate_counts(matrix.shape[0], matrix.shape[1])
    if candidates == [1]:
        return {1: 0.0}
    if matrix.shape[0] > SAMPLE_SIZE:
        rng = np.random.default_rng(seed)
        rows = np.sort(rng.choice(matrix.shape[0], SAMPLE_SIZE, replace=False))
        matrix = matrix[rows]
    from sklearn.utils.extmath import randomized_svd

    binary = (matrix > 0).astype(np.float32).tocsc()
    u, s, vt = randomized_svd(matrix, max(candidates), random_state=seed)
    fill = float(matrix.sum()) / (matrix.shape[0] * matrix.shape[1])
    scores: dict[int, float] = {}
    for k in candidates:
        start = _nndsvda(u[:, :k], s[:k], vt[:k], fill, matrix.dtype)
        _, h = _fit(matrix, k, seed, init=start)
        scores[k] = round(npmi_coherence(h, binary), 4)
    return scores


def discover_topics(
    texts: Sequence[str | None],
    n_topics: int | None = None,
    seed: int = 0,
) -> TopicModel:
    """Find the topics of a corpus and assign each text to one.

    Parameters
    ----------
    texts : Sequence of str or None
        Comments; empty or junk texts are allowed (they get no topic).
    n_topics : int, optional
        Fix the number of topics (capped by what the corpus can support); by default it is
        chosen by coherence among :func:`candidate_counts`.
    seed : int
        Seeds every random choice: same texts and seed give the same model.

    Returns
    -------
    TopicModel
        Works from a handful of comments (one or two topics) to 200,000.
    """
    texts = [t or "" for t in texts]
    analyzer = _Analyzer()
    matrix, terms = _vectorise(texts, analyzer)
    if matrix is None:
        return TopicModel(assignments=[None] * len(texts))
    rows = np.flatnonzero(matrix.getnnz(axis=1) > 0)
    known = matrix[rows]
    if n_topics is None:
        coherence = choose_topic_count(known, seed)
        k = max(coherence, key=lambda c: (coherence[c], -c))
    else:
        coherence = {}
        k = max(1, min(int(n_topics), known.shape[0], known.shape[1]))
    w, h = _fit(known, k, seed)
    model = _build_model(w, h, rows, len(texts), terms, analyzer)
    model.coherence = coherence
    return model


def _build_model(w, h, rows, n_texts: int, terms: list[str], analyzer: _Analyzer) -> TopicModel:
    best = np.argmax(w, axis=1)
    has_weight = w.max(axis=1) > 0
    sizes = np.bincount(best[has_weight], minlength=h.shape[0])
    order = [c for c in sorted(range(h.shape[0]), key=lambda c: (-sizes[c], c)) if sizes[c]]
    number = {c: i + 1 for i, c in enumerate(order)}
    assignments: list[int | None] = [None] * n_texts
    for pos, doc in enumerate(rows):
        if has_weight[pos]:
            assignments[int(doc)] = number[int(best[pos])]
    topics = []
    for c in order:
        top = [t for t in np.argsort(-h[c], kind="stable")[:TOP_TERMS] if h[c, t] > 0]
        words = list(dict.fromkeys(analyzer.display(terms[t]) for t in top))
        members = np.flatnonzero((best == c) & has_weight)
        representative = int(rows[members[np.argmax(w[members, c])]])
        topics.append(
            Topic(
                number=number[c],
                label=", ".join(words[:LABEL_TERMS]),
                terms=words,
                size=int(sizes[c]),
                representative_index=representative,
            )
        )
    return TopicModel(topics=topics, assignments=assignments)
