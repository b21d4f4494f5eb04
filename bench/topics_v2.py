"""Rapport's topic discovery at version ``topics-2`` (LSA + spherical k-means), for comparison.

A frozen copy of ``analysis/topics.py`` as it was at ``topics-2`` (with its term reader,
``bench/topics_v2_terms.py``, and k-means, ``bench/topics_v2_clusters.py``), so that
``bench/topics_nmi.py`` and ``bench/topics_speed.py`` can measure today's method and the
one it replaced in the same run. Not used by the app; it needs scikit-learn.

The original docstring follows.

Discovering themes nobody put in the taxonomy: LSA + k-means over TF-IDF terms.

1. Each comment's terms (:mod:`analysis.topic_terms`: content-word stems and pairs of
   neighbouring content words, without greetings, sign-offs, fillers or words of praise
   and blame) are weighted with sublinear TF-IDF. The vocabulary is learned from a seeded
   sample of at most :data:`FIT_SAMPLE` comments; rare and very common terms are left out
   (``min_df`` grows with the corpus, ``max_df`` 0.5).
2. Latent semantic analysis (a truncated SVD to at most :data:`LSA_DIMS` dimensions,
   rows scaled to unit length) puts comments that use related words close together.
3. Unless the caller fixes it, the number of topics is the candidate with the best mean
   silhouette (cosine) of a k-means clustering of a seeded sample of at most
   :data:`CHOICE_SAMPLE` comments. The candidates run from 2 to a ceiling that grows
   slowly with the corpus (:func:`candidate_counts`, at most :data:`MAX_TOPICS`).
4. Spherical k-means (:mod:`analysis.topic_clusters`) finds the topics: its starts run on
   at most :data:`CLUSTER_SAMPLE` comments, then a few steps settle the centres on the
   whole fitting sample; every comment then joins the nearest centre.
5. Each topic is named by its most distinctive terms (:mod:`analysis.topic_terms`).

Matrix products run with one BLAS thread: they are small, and on a busy two-core machine
threads contending over them made discovery ten times slower. Everything is seeded, so the
same texts and seed give the same topics. Runs on a worker thread in the app; touches no
Qt.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from bench.topics_v2_clusters import refine, spherical_kmeans
from bench.topics_v2_terms import (
    TermReader,
    distinctive_scores,
    learn_edge_phrases,
    pick_terms,
    surface_forms,
)
from surveys.progress import Progress, no_progress, sub_progress

TOPICS_VERSION = "topics-2"
#: Topics are learned from at most this many comments (a seeded sample); all are assigned.
FIT_SAMPLE = 20_000
#: The number of topics is chosen on at most this many comments.
CHOICE_SAMPLE = 2_000
#: k-means starts run on at most this many comments; a few steps on all of them follow.
CLUSTER_SAMPLE = 8_000
MAX_TOPICS = 20
LSA_DIMS = 100
LABEL_TERMS = 3
TOP_TERMS = 8
#: Comments transformed and assigned at a time (bounds memory on large corpora).
CHUNK = 20_000


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
    no term the model knows (empty, stop words only, greetings only, junk). ``selection``
    maps each candidate number of topics to its mean silhouette (higher is better
    separated); it is empty when the caller fixed the number.
    """

    topics: list[Topic] = field(default_factory=list)
    assignments: list[int | None] = field(default_factory=list)
    selection: dict[int, float] = field(default_factory=dict)
    version: str = TOPICS_VERSION

    def topic(self, number: int | None) -> Topic | None:
        """The topic with ``number`` (``None`` for ``None`` or an unknown number)."""
        for t in self.topics:
            if t.number == number:
                return t
        return None


def candidate_counts(n_docs: int) -> list[int]:
    """Numbers of topics worth trying for ``n_docs`` comments.

    The ceiling is ``min(sqrt(n), 2.5 ln(n) - 3)``, rounded, at most :data:`MAX_TOPICS`:
    3 for 10 comments, 9 for 100, 14 for 1,000, 20 from about 15,000.

    Parameters
    ----------
    n_docs : int
        Comments with at least one known term.

    Returns
    -------
    list of int
        ``[2, ..., ceiling]``, or ``[1]`` when the corpus is too small to split.
    """
    if n_docs < 4:
        return [1]
    ceiling = round(min(math.sqrt(n_docs), 2.5 * math.log(n_docs) - 3))
    ceiling = min(MAX_TOPICS, ceiling, n_docs - 1)
    return list(range(2, ceiling + 1)) if ceiling >= 2 else [1]


def _vectoriser(n_fit: int, reader: TermReader, strict: bool = True):
    from sklearn.feature_extraction.text import TfidfVectorizer

    min_df = 1 if n_fit < 50 or not strict else max(2, min(10, n_fit // 2000))
    max_df = 0.5 if n_fit >= 30 and strict else 1.0
    return TfidfVectorizer(
        analyzer=reader,
        min_df=min_df,
        max_df=max_df,
        max_features=20_000,
        sublinear_tf=True,
        dtype=np.float32,
    )


def _fit_vocabulary(texts: Sequence[str], fit_rows: np.ndarray):
    """A TF-IDF vectoriser fitted on ``fit_rows`` and their rows; ``None`` without any term."""
    sample = [texts[i] for i in fit_rows]
    reader = learn_edge_phrases(sample)
    for strict in (True, False):
        vectoriser = _vectoriser(len(sample), reader, strict)
        try:
            return vectoriser, vectoriser.fit_transform(sample).tocsr()
        except ValueError:  # no terms left (only stop words or junk, or all pruned)
            continue
    return None, None


@dataclass
class _Space:
    """TF-IDF rows of the known comments and their LSA projection."""

    rows: np.ndarray  # index into texts of each known comment
    matrix: sparse.csr_matrix  # TF-IDF, one row per known comment
    fit: np.ndarray  # positions (in rows) of the fitting sample
    svd: object | None  # TruncatedSVD, or None for a tiny corpus (rows used as they are)
    names: list[str]  # the term of each TF-IDF column

    def project(self, start: int, stop: int) -> np.ndarray:
        """Unit-length LSA coordinates of known comments ``start:stop``."""
        from sklearn.preprocessing import normalize

        part = self.matrix[start:stop]
        coords = self.svd.transform(part) if self.svd is not None else part.toarray()
        return normalize(coords).astype(np.float32)


def _space(texts: Sequence[str], seed: int, progress: Progress = no_progress) -> _Space | None:
    """Vocabulary, TF-IDF and LSA of the comments that have terms; ``None`` if none do."""
    rng = np.random.default_rng(seed)
    candidates = np.flatnonzero([bool(t.strip()) for t in texts])
    if len(candidates) == 0:
        return None
    fit_rows = candidates
    if len(candidates) > FIT_SAMPLE:
        fit_rows = np.sort(rng.choice(candidates, FIT_SAMPLE, replace=False))
    vectoriser, fitted = _fit_vocabulary(texts, fit_rows)
    if vectoriser is None:
        return None
    if len(fit_rows) == len(candidates):
        matrix = fitted  # every comment is in the fitting sample
    else:
        parts = []
        for start in range(0, len(candidates), CHUNK):
            progress(0.15 + 0.25 * start / len(candidates), "Reading the comments")
            parts.append(vectoriser.transform(texts[i] for i in candidates[start : start + CHUNK]))
        matrix = sparse.vstack(parts).tocsr()
    has_terms = matrix.getnnz(axis=1) > 0
    rows, matrix = candidates[has_terms], matrix[has_terms]
    if len(rows) == 0:
        return None
    progress(0.4, "Weighing the words")
    fit = np.flatnonzero(np.isin(rows, fit_rows))
    dims = min(LSA_DIMS, matrix.shape[1] - 1, len(fit) - 1)
    svd = None
    if dims >= 2 and len(fit) > LSA_DIMS // 4:
        from sklearn.decomposition import TruncatedSVD

        svd = TruncatedSVD(dims, algorithm="randomized", n_iter=4, random_state=seed)
        svd.fit(matrix[fit])
    return _Space(rows, matrix, fit, svd, list(vectoriser.get_feature_names_out()))


def _starts(n: int) -> int:
    """k-means starts: many for a small corpus (cheap, and local optima matter), 3 for large."""
    return int(min(10, max(3, 4_000 // max(1, n))))


def choose_topic_count(
    coords: np.ndarray, seed: int = 0, progress: Progress | None = None
) -> dict[int, float]:
    """Mean silhouette of a k-means clustering for each candidate number of topics.

    Parameters
    ----------
    coords : ndarray, shape (n, d)
        Unit-length LSA coordinates of the comments (a sample is enough).
    seed : int
        Seeds the sample and the clusterings.
    progress : Progress, optional
        Called after each candidate.

    Returns
    -------
    dict of int to float
        Candidate k -> mean silhouette (cosine) in ``[-1, 1]``; a single candidate 1 maps
        to 0.0.
    """
    from sklearn.metrics import silhouette_score

    progress = progress or no_progress
    candidates = candidate_counts(len(coords))
    if candidates == [1]:
        return {1: 0.0}
    if len(coords) > CHOICE_SAMPLE:
        rng = np.random.default_rng(seed)
        coords = coords[np.sort(rng.choice(len(coords), CHOICE_SAMPLE, replace=False))]
    distances = np.clip(1.0 - coords @ coords.T, 0.0, 2.0)
    np.fill_diagonal(distances, 0.0)
    scores: dict[int, float] = {}
    for i, k in enumerate(candidates):
        progress(i / len(candidates), f"Trying {k} topics")
        labels = spherical_kmeans(coords, k, seed, n_init=_starts(len(coords))).labels
        if len(set(labels.tolist())) < 2:
            scores[k] = -1.0
            continue
        scores[k] = round(float(silhouette_score(distances, labels, metric="precomputed")), 4)
    progress(1.0, "Chose the number of topics")
    return scores


def discover_topics(
    texts: Sequence[str | None],
    n_topics: int | None = None,
    seed: int = 0,
    progress: Progress | None = None,
) -> TopicModel:
    """Find the topics of a corpus and assign each text to one.

    Parameters
    ----------
    texts : Sequence of str or None
        Comments; empty or junk texts are allowed (they get no topic).
    n_topics : int, optional
        Fix the number of topics (capped by what the corpus can support); by default it is
        chosen by silhouette among :func:`candidate_counts`.
    seed : int
        Seeds every random choice: same texts and seed give the same model.
    progress : Progress, optional
        Called with the fraction done; may raise :class:`~surveys.progress.Cancelled`.

    Returns
    -------
    TopicModel
        Works from a handful of comments (one or two topics) to 200,000.
    """
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):  # small matrix products: threads only contend
        return _discover([t or "" for t in texts], n_topics, seed, progress or no_progress)


def _discover(texts: list[str], n_topics: int | None, seed: int, progress: Progress):
    progress(0.0, "Reading the comments")
    space = _space(texts, seed, progress)
    if space is None:
        return TopicModel(assignments=[None] * len(texts))
    progress(0.45, "Weighing the words")
    fit_coords = _fit_coords(space)
    if n_topics is None:
        selection = choose_topic_count(fit_coords, seed, sub_progress(progress, 0.45, 0.7))
        k = max(selection, key=lambda c: (selection[c], -c))
    else:
        selection = {}
        k = max(1, min(int(n_topics), len(fit_coords)))
    progress(0.7, f"Finding {k} topics")
    labels, closeness = _cluster(space, fit_coords, k, seed, progress)
    progress(0.9, "Naming the topics")
    model = _build_model(texts, space, labels, closeness, k)
    model.selection = selection
    progress(1.0, "Topics found")
    return model


def _fit_coords(space: _Space) -> np.ndarray:
    from sklearn.preprocessing import normalize

    part = space.matrix[space.fit]
    coords = space.svd.transform(part) if space.svd is not None else part.toarray()
    return normalize(coords).astype(np.float32)


def _cluster(space: _Space, fit_coords: np.ndarray, k: int, seed: int, progress: Progress):
    """Topic index and closeness to its centre (cosine) of every known comment."""
    n = space.matrix.shape[0]
    if k == 1:
        return np.zeros(n, dtype=np.int64), np.ones(n, dtype=np.float32)
    start = fit_coords
    if len(fit_coords) > CLUSTER_SAMPLE:  # find the centres on a sample, then settle them
        rng = np.random.default_rng(seed)
        start = fit_coords[np.sort(rng.choice(len(fit_coords), CLUSTER_SAMPLE, replace=False))]
    found = spherical_kmeans(start, k, seed, n_init=_starts(len(start)))
    if len(start) < len(fit_coords):
        found = refine(fit_coords, found.centres, iterations=3)
    centres = found.centres.astype(np.float32)
    labels = np.empty(n, dtype=np.int64)
    closeness = np.empty(n, dtype=np.float32)
    for start in range(0, n, CHUNK):
        progress(0.7 + 0.2 * start / n, "Assigning comments to topics")
        coords = space.project(start, start + CHUNK)
        similarity = coords @ centres.T
        found = similarity.argmax(axis=1)
        labels[start : start + len(found)] = found
        closeness[start : start + len(found)] = similarity[np.arange(len(found)), found]
    return labels, closeness


def _build_model(texts, space: _Space, labels, closeness, k: int) -> TopicModel:
    sizes = np.bincount(labels, minlength=k)
    order = [c for c in sorted(range(k), key=lambda c: (-sizes[c], c)) if sizes[c]]
    number = {c: i + 1 for i, c in enumerate(order)}
    assignments: list[int | None] = [None] * len(texts)
    for row, label in zip(space.rows.tolist(), labels.tolist(), strict=True):
        assignments[row] = number[label]
    binary = space.matrix.copy()
    binary.data[:] = 1.0
    member = sparse.csr_matrix(
        (np.ones(len(labels), dtype=np.float32), (labels, np.arange(len(labels)))),
        shape=(k, len(labels)),
    )
    doc_freq = np.asarray((member @ binary).todense())
    scores = distinctive_scores(doc_freq, sizes.astype(float), doc_freq.sum(axis=0))
    names = space.names
    topics = []
    for c in order:
        members = np.flatnonzero(labels == c)
        ranked = [int(t) for t in np.argsort(-scores[c], kind="stable")[:60] if scores[c, t] > 0]
        chosen = pick_terms(ranked, names, doc_freq[c], TOP_TERMS)
        sample = [texts[space.rows[m]] for m in members[:: max(1, len(members) // 400)]]
        shown = surface_forms(sample, {names[t] for t in chosen})
        words = list(dict.fromkeys(shown.get(names[t], names[t]) for t in chosen))
        best = members[int(np.argmax(closeness[members]))]
        topics.append(
            Topic(
                number=number[c],
                label=", ".join(words[:LABEL_TERMS]),
                terms=words,
                size=int(sizes[c]),
                representative_index=int(space.rows[best]),
            )
        )
    return TopicModel(topics=topics, assignments=assignments)
