"""Discovering themes nobody put in the taxonomy: word vectors + spherical k-means.

1. Each comment's terms (:mod:`analysis.topic_terms`: content-word stems and pairs of
   neighbouring content words, without greetings, sign-offs, fillers, words of praise and
   blame, links and @handles) are counted. The vocabulary is learned from a seeded sample
   of at most :data:`FIT_SAMPLE` comments; rare and very common terms are left out.
2. The comments are placed by :mod:`analysis.topic_space`: TF-IDF weights of their terms
   times word vectors learned from which terms the corpus uses together (positive PMI and
   a randomized SVD), scaled to unit length. Comments about the same subject land close
   even when they share no word ("delayed" and "late").
3. Unless the caller fixes it, the number of topics is the candidate whose k-means
   starts on a seeded sample of at most :data:`CHOICE_SAMPLE` comments have the best
   median topic silhouette (cosine): the mean over a clustering's topics of each topic's
   mean silhouette, so a loose catch-all topic counts as much as a tight one, whatever
   its size; the median over the starts, so one lucky start does not decide (``topics-13``).
   The candidates run from a third of a ceiling to the ceiling, which grows slowly with
   the corpus (:func:`candidate_counts`, at most :data:`MAX_TOPICS`), so a corpus without
   clear groups is never split in two. Each k-means start takes at most
   :data:`CHOICE_STEPS` Lloyd steps: enough to rank the candidates.
4. Spherical k-means (:mod:`analysis.topic_clusters`) finds the topics: from the chosen
   candidate's centres (or new starts when the caller fixed the number) it runs on at most
   :data:`CLUSTER_SAMPLE` comments, then a few steps settle the centres on the whole
   fitting sample; every comment then joins the nearest centre.
5. Each topic is named by its terms that are most distinctive of it, closest to its
   centre and most often used as things (:mod:`analysis.topic_labels`), never a word that
   fits any topic (unless the topic has no other), one idea twice, or a word that already
   names a larger topic.

Plain numpy and SciPy: no scikit-learn, whose import alone cost a second of every
analysis. Matrix products run with one BLAS thread: they are small, and on a busy two-core
machine threads contending over them made discovery ten times slower. Everything is
seeded, so the same texts and seed give the same topics. Runs on a worker thread in the
app; touches no Qt.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from analysis.sparse_import import sparse
from analysis.topic_clusters import (
    MAX_ITER,
    kmeans_starts,
    refine,
    spherical_kmeans,
    tightest,
    topic_silhouette,
)
from analysis.topic_labels import (  # noqa: F401 (topics.*_LABEL, as documented)
    SWEARING_LABEL,
    UNNAMED_LABEL,
    distinctive_scores,
)
from analysis.topic_naming import LABEL_TERMS, TOP_TERMS, TopicNamer  # noqa: F401
from analysis.topic_space import (
    Space,
    count_matrix,
    learn_space,
    learn_vocabulary,
    unit_rows,
)
from analysis.topic_terms import TOPICS_VERSION, learn_edge_phrases
from surveys.progress import Progress, no_progress, sub_progress

# TOPICS_VERSION lives with the reading of comments (analysis.topic_terms), which an
# import's worker does without importing this module.
#: Topics are learned from at most this many comments (a seeded sample); all are assigned.
FIT_SAMPLE = 20_000
#: The number of topics is chosen on at most this many comments.
CHOICE_SAMPLE = 2_000
#: Lloyd steps at most per k-means start when choosing the number of topics (``topics-9``):
#: enough to rank the candidates; the chosen one's centres then settle fully on the
#: cluster sample.
CHOICE_STEPS = 10
#: k-means starts run on at most this many comments; a few steps on all of them follow.
CLUSTER_SAMPLE = 8_000
MAX_TOPICS = 20
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
    maps each candidate number of topics to its topic silhouette (the mean of its topics'
    mean silhouettes, the median over its k-means starts; higher is better separated); it
    is empty when the caller fixed the number.
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
    3 for 10 comments, 9 for 100, 14 for 1,000, 20 from 8,104, and below 2 (one
    topic) under 7. The floor is a third of the ceiling, at least 2 (half of it until
    ``topics-13``): 2..3, 3..9, 5..14, 7..20.

    Parameters
    ----------
    n_docs : int
        Comments with at least one known term.

    Returns
    -------
    list of int
        ``[floor, ..., ceiling]``, or ``[1]`` when the corpus is too small to split.
    """
    if n_docs < 4:
        return [1]
    ceiling = round(min(math.sqrt(n_docs), 2.5 * math.log(n_docs) - 3))
    ceiling = min(MAX_TOPICS, ceiling, n_docs - 1)
    floor = max(2, round(ceiling / 3))
    return list(range(floor, ceiling + 1)) if ceiling >= 2 else [1]


def _fit_space(term_lists: list[list[str]], seed: int):
    """Vocabulary and space of the fitting comments; ``None`` when they have no term."""
    for strict in (True, False):  # relaxed when the limits leave no term (tiny corpora)
        names = learn_vocabulary(term_lists, strict)
        if names:
            break
    else:
        return None
    index = {name: i for i, name in enumerate(names)}
    counts = count_matrix(term_lists, index)
    known = counts.getnnz(axis=1) > 0
    return names, index, counts, known, learn_space(counts[known], names, seed)


@dataclass
class _Space:
    """Term counts of the known comments (those with a counted term) and their space."""

    rows: np.ndarray  # index into texts of each known comment
    counts: sparse.csr_matrix  # term counts, one row per known comment
    fit: np.ndarray  # positions (in rows) of the fitting sample
    space: Space

    @property
    def names(self) -> list[str]:
        """The term of each column."""
        return self.space.names

    def project(self, start: int, stop: int) -> np.ndarray:
        """Unit-length coordinates of known comments ``start:stop``."""
        return self.space.embed(self.counts[start:stop])


def _space(texts: Sequence[str], seed: int, progress: Progress = no_progress) -> _Space | None:
    """Vocabulary, counts and space of the comments that have terms; ``None`` if none do."""
    rng = np.random.default_rng(seed)
    candidates = np.flatnonzero([bool(t.strip()) for t in texts])
    if len(candidates) == 0:
        return None
    fit_rows = candidates
    if len(candidates) > FIT_SAMPLE:
        fit_rows = np.sort(rng.choice(candidates, FIT_SAMPLE, replace=False))
    sample = [texts[i] for i in fit_rows]
    reader = learn_edge_phrases(sample)
    fitted = _fit_space([reader(t) for t in sample], seed)
    if fitted is None:
        return None
    names, index, counts, _, space = fitted
    progress(0.3, "Reading the comments")
    if len(fit_rows) < len(candidates):
        parts = []
        for start in range(0, len(candidates), CHUNK):
            progress(0.3 + 0.15 * start / len(candidates), "Reading the comments")
            chunk = candidates[start : start + CHUNK]
            parts.append(count_matrix((reader(texts[i]) for i in chunk), index))
        counts = sparse.vstack(parts).tocsr()
    has_terms = counts.getnnz(axis=1) > 0
    rows, counts = candidates[has_terms], counts[has_terms]
    fit = np.flatnonzero(np.isin(rows, fit_rows))
    return _Space(rows, counts, fit, space)


def _starts(n: int) -> int:
    """k-means starts: many for a small corpus (cheap, and local optima matter), 3 for large."""
    return int(min(10, max(3, 4_000 // max(1, n))))


@dataclass
class TopicCountChoice:
    """What :func:`try_topic_counts` found for each candidate number of topics."""

    scores: dict[int, float]  # candidate k -> median topic silhouette of its starts
    centres: dict[int, np.ndarray] = field(default_factory=dict)  # k -> tightest start's


def choose_topic_count(
    coords: np.ndarray, seed: int = 0, progress: Progress | None = None
) -> dict[int, float]:
    """Median topic silhouette of the k-means starts for each candidate number of topics.

    The topic silhouette (:func:`analysis.topic_clusters.topic_silhouette`) is the mean over
    the topics of each one's mean silhouette (cosine): every topic counts once, so a k that
    leaves one large loose topic scores low however well its other comments are placed.
    Each start of k-means (:func:`analysis.topic_clusters.kmeans_starts`) is scored and
    the median kept (``topics-13``; before, the tightest start's alone): one start is a
    noisy draw, which chose 17 topics for a corpus whose other seeds chose 9 and 10, and
    the median passes over a start that landed in a poor clustering.

    Parameters
    ----------
    coords : ndarray, shape (n, d)
        Unit-length coordinates of the comments (a sample is enough).
    seed : int
        Seeds the sample and the clusterings.
    progress : Progress, optional
        Called after each candidate.

    Returns
    -------
    dict of int to float
        Candidate k -> topic silhouette in ``[-1, 1]``; a single candidate 1 maps to 0.0.
    """
    return try_topic_counts(coords, seed, progress).scores


def try_topic_counts(
    coords: np.ndarray, seed: int = 0, progress: Progress | None = None
) -> TopicCountChoice:
    """:func:`choose_topic_count`'s scores, with the centres of each candidate's clustering.

    Each k-means start takes at most :data:`CHOICE_STEPS` Lloyd steps. Since ``topics-9``
    the clustering of the chosen number continues from its centres here instead of from
    new k-means++ starts.

    Parameters
    ----------
    coords : ndarray, shape (n, d)
        Unit-length coordinates of the comments (a sample is enough).
    seed : int
        Seeds the sample and the clusterings.
    progress : Progress, optional
        Called after each candidate.

    Returns
    -------
    TopicCountChoice
        Scores as :func:`choose_topic_count`; no centres when the only candidate is 1.
    """
    progress = progress or no_progress
    candidates = candidate_counts(len(coords))
    if candidates == [1]:
        return TopicCountChoice({1: 0.0})
    if len(coords) > CHOICE_SAMPLE:
        rng = np.random.default_rng(seed)
        coords = coords[np.sort(rng.choice(len(coords), CHOICE_SAMPLE, replace=False))]
    choice = TopicCountChoice({})
    for i, k in enumerate(candidates):
        progress(i / len(candidates), f"Trying {_topics(k)}")
        starts = kmeans_starts(coords, k, seed, _starts(len(coords)), CHOICE_STEPS)
        choice.centres[k] = tightest(starts).centres
        choice.scores[k] = round(float(np.median([_start_score(coords, s) for s in starts])), 4)
    progress(1.0, "Chose the number of topics")
    return choice


def _start_score(coords: np.ndarray, start) -> float:
    """One k-means start's topic silhouette (-1 when it used fewer than two topics)."""
    if len(set(start.labels.tolist())) < 2:
        return -1.0
    return topic_silhouette(coords, start.labels)


def discover_topics(
    texts: Sequence[str | None],
    n_topics: int | None = None,
    seed: int = 0,
    progress: Progress | None = None,
    departments: Sequence[str] = (),
) -> TopicModel:
    """Find the topics of a corpus and assign each text to one.

    Parameters
    ----------
    texts : Sequence of str or None
        Comments; empty or junk texts are allowed (they get no topic).
    n_topics : int, optional
        Fix the number of topics (capped by what the corpus can support); by default it is
        chosen by topic silhouette among :func:`candidate_counts`.
    seed : int
        Seeds every random choice: same texts and seed give the same model.
    progress : Progress, optional
        Called with the fraction done; may raise :class:`~surveys.progress.Cancelled`.
    departments : sequence of str
        The workspace's department names: one names a topic only when the topic is about
        that department (:func:`analysis.topic_naming.departments_last`); the topics are
        the same.

    Returns
    -------
    TopicModel
        Works from a handful of comments (one or two topics) to 200,000.
    """
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):  # small matrix products: threads only contend
        texts = [t or "" for t in texts]
        return _discover(texts, n_topics, seed, progress or no_progress, departments)


def _discover(texts: list[str], n_topics, seed: int, progress: Progress, departments=()):
    progress(0.0, "Reading the comments")
    space = _space(texts, seed, progress)
    if space is None:
        return TopicModel(assignments=[None] * len(texts))
    progress(0.45, "Weighing the words")
    placed = space.space.embed(space.counts[space.fit])
    fit_coords = placed[np.linalg.norm(placed, axis=1) > 0]  # the fitting comments placed
    if len(fit_coords) == 0:  # no comment could be placed
        return TopicModel(assignments=[None] * len(texts))
    choice = TopicCountChoice({})
    if n_topics is None:
        choice = try_topic_counts(fit_coords, seed, sub_progress(progress, 0.45, 0.7))
        k = max(choice.scores, key=lambda c: (choice.scores[c], -c))
    else:
        k = max(1, min(int(n_topics), len(fit_coords)))
    progress(0.7, f"Finding {_topics(k)}")
    chosen = choice.centres.get(k)
    whole = placed if len(space.fit) == space.counts.shape[0] <= CHUNK else None
    found = _cluster(space, (fit_coords, whole), k, seed, progress, chosen)
    labels, closeness, centres = found
    progress(0.9, "Naming the topics")
    model = _build_model(texts, space, (labels, closeness, centres), departments)
    model.selection = choice.scores
    progress(1.0, "Topics found")
    return model


def _topics(k: int) -> str:
    """``"1 topic"``, ``"3 topics"``: the progress line's words."""
    return f"{k} topic" if k == 1 else f"{k} topics"


def _cluster(space: _Space, coords, k: int, seed: int, progress: Progress, chosen=None):
    """Topic index and closeness to its centre (cosine) of every known comment.

    ``coords``: the fitting comments that have a place (a non-zero vector), and the
    coordinates of every known comment when the fitting sample is all of them in one chunk
    (else ``None``: they are placed here, chunk by chunk). ``chosen``: the centres the
    choice of k found for ``k`` (its best of several k-means++ starts on the choice
    sample); k-means on the cluster sample runs from them, else from new starts (a number
    of topics fixed by the caller).
    """
    fit_coords, whole = coords
    n = space.counts.shape[0]
    start = fit_coords
    if len(fit_coords) > CLUSTER_SAMPLE:  # find the centres on a sample, then settle them
        rng = np.random.default_rng(seed)
        start = fit_coords[np.sort(rng.choice(len(fit_coords), CLUSTER_SAMPLE, replace=False))]
    if chosen is None:
        found = spherical_kmeans(start, k, seed, n_init=_starts(len(start)))
    else:
        found = refine(start, chosen, iterations=MAX_ITER)
    if len(start) < len(fit_coords):
        found = refine(fit_coords, found.centres, iterations=3)
    centres = found.centres.astype(np.float32)
    labels = np.empty(n, dtype=np.int64)
    closeness = np.empty(n, dtype=np.float32)
    for start in range(0, n, CHUNK):
        progress(0.7 + 0.2 * start / n, "Assigning comments to topics")
        coords = space.project(start, start + CHUNK) if whole is None else whole
        similarity = coords @ centres.T
        found = similarity.argmax(axis=1)
        found[~coords.any(axis=1)] = -1  # only words too rare to place: no topic
        labels[start : start + len(found)] = found
        closeness[start : start + len(found)] = similarity[np.arange(len(found)), found]
    return labels, closeness, centres


def _build_model(texts, space: _Space, found, departments) -> TopicModel:
    """Number the topics by size, name them and pick each one's representative comment."""
    labels, closeness, centres = found
    k = len(centres)
    placed = np.flatnonzero(labels >= 0)
    sizes = np.bincount(labels[placed], minlength=k)
    order = [c for c in sorted(range(k), key=lambda c: (-sizes[c], c)) if sizes[c]]
    number = {c: i + 1 for i, c in enumerate(order)}
    assignments: list[int | None] = [None] * len(texts)
    for row, label in zip(space.rows[placed].tolist(), labels[placed].tolist(), strict=True):
        assignments[row] = number[label]
    doc_freq, scores = _term_scores(space, labels, placed, centres)
    namer = TopicNamer(space.names, space.space.index, doc_freq.sum(axis=0), departments)
    topics = []
    for c in order:
        members = np.flatnonzero(labels == c)  # positions in space.rows
        sampled = space.rows[members[:: max(1, len(members) // 400)]].tolist()
        counts = space.counts[members]
        label, words, chosen = namer.name(
            scores[c], doc_freq[c], [texts[i] for i in sampled], counts
        )
        best = _representative(counts, members, closeness, chosen[:LABEL_TERMS])
        topics.append(
            Topic(
                number=number[c],
                label=label,
                terms=words,
                size=int(sizes[c]),
                representative_index=int(space.rows[best]),
            )
        )
    return TopicModel(topics=topics, assignments=assignments)


def _term_scores(space: _Space, labels, placed, centres):
    """Document frequency of each term in each topic, and how well it names the topic.

    A term names a topic well when it is distinctive (:func:`distinctive_scores`) and,
    with word vectors, close to the topic's centre (the score is multiplied by the cosine
    of the term's vector and the centre, 0 when negative): of two equally distinctive
    words, the one that says what the topic's comments share wins over a word that
    happens to be common among them.
    """
    k = len(centres)
    binary = space.counts[placed]  # a copy
    binary.data[:] = 1.0
    member = sparse.csr_matrix(
        (np.ones(len(placed), dtype=np.float32), (labels[placed], np.arange(len(placed)))),
        shape=(k, len(placed)),
    )
    doc_freq = np.asarray((member @ binary).todense())
    sizes = np.bincount(labels[placed], minlength=k).astype(float)
    used = sizes > 0  # empty clusters (identical comments) do not count as topics
    scores = np.zeros_like(doc_freq, dtype=float)
    scores[used] = distinctive_scores(doc_freq[used], sizes[used], doc_freq.sum(axis=0))
    if space.space.vectors is not None:
        scores *= np.maximum(centres @ unit_rows(space.space.vectors).T, 0.0)
    return doc_freq, scores


def _representative(counts, members, closeness, label_terms) -> int:
    """The member (``counts``: the members' term counts) using most of the label's terms,
    closest to the centre among those."""
    uses = np.asarray((counts[:, label_terms] > 0).sum(axis=1)).ravel()
    return int(members[np.lexsort((-closeness[members], -uses))[0]])
