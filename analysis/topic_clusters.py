"""Spherical k-means: clusters of unit-length rows by cosine similarity, in plain numpy.

The rows may be dense (comments placed by word vectors, :mod:`analysis.topic_space`) or a
SciPy sparse matrix (TF-IDF rows). Starts are
k-means++ (seeded), so the same rows and seed always give the same clusters; no thread
pool is involved, which keeps small problems fast on a busy machine.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from analysis.sparse_import import sparse

#: Lloyd iterations at most per start.
MAX_ITER = 30
#: A start has converged when fewer than this share of rows change cluster in a step.
TOLERANCE = 0.002


@dataclass
class Clusters:
    """The result of :func:`spherical_kmeans`."""

    labels: np.ndarray  # cluster of each row
    centres: np.ndarray  # unit-length centre of each cluster, shape (k, d)
    closeness: np.ndarray  # cosine of each row to its centre
    cohesion: float  # sum of ``closeness`` (higher is tighter)


def _unit(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)


def _dense(rows) -> np.ndarray:
    return rows.toarray() if sparse.issparse(rows) else np.asarray(rows)


def _plus_plus(rows, k: int, rng: np.random.Generator) -> np.ndarray:
    """k-means++ starts under cosine distance (``1 - cosine``)."""
    n = rows.shape[0]
    chosen = [int(rng.integers(n))]
    best = np.full(n, np.inf)
    for _ in range(1, k):
        last = _dense(rows[chosen[-1]]).reshape(-1)
        distance = np.maximum(1.0 - np.asarray(rows @ last).reshape(-1), 0.0)
        best = np.minimum(best, distance)
        total = best.sum()
        if total <= 0:
            chosen.append(int(rng.integers(n)))
            continue
        chosen.append(int(rng.choice(n, p=best / total)))
    return _unit(_dense(rows[chosen]))


def _cluster_sums(rows, labels: np.ndarray, k: int) -> np.ndarray:
    """Sum of the rows of each cluster, shape (k, d)."""
    if sparse.issparse(rows):
        member = sparse.csr_matrix(
            (np.ones(len(labels), dtype=rows.dtype), (labels, np.arange(len(labels)))),
            shape=(k, len(labels)),
        )
        return (member @ rows).toarray()
    one_hot = (labels[None, :] == np.arange(k)[:, None]).astype(rows.dtype)
    return one_hot @ rows


def _lloyd(rows, centres: np.ndarray, max_iter: int = MAX_ITER) -> Clusters:
    k = centres.shape[0]
    labels = np.full(rows.shape[0], -1)
    for _ in range(max_iter):
        similarity = np.asarray(rows @ centres.T)
        new = similarity.argmax(axis=1)
        changed = np.count_nonzero(new != labels)
        labels = new
        if changed <= TOLERANCE * len(labels):
            break
        sums = _cluster_sums(rows, labels, k)
        empty = np.flatnonzero(np.bincount(labels, minlength=k) == 0)
        if len(empty):  # restart an empty cluster at the rows farthest from their centres
            far = np.argsort(similarity[np.arange(len(labels)), labels], kind="stable")
            sums[empty] = _dense(rows[far[: len(empty)]])
        centres = _unit(sums)
    similarity = np.asarray(rows @ centres.T)
    labels = similarity.argmax(axis=1)
    closeness = similarity[np.arange(len(labels)), labels]
    return Clusters(labels, centres, closeness, float(closeness.sum()))


def spherical_kmeans(
    rows, k: int, seed: int = 0, n_init: int = 3, max_iter: int = MAX_ITER
) -> Clusters:
    """Cluster unit-length ``rows`` into ``k`` groups by cosine similarity.

    Parameters
    ----------
    rows : ndarray or sparse matrix, shape (n, d)
        Rows of unit length (TF-IDF rows and normalised LSA coordinates are).
    k : int
        Number of clusters, at most ``n``.
    seed : int
        Seeds the k-means++ starts.
    n_init : int
        Starts tried; the tightest result (highest total cosine) is kept.
    max_iter : int
        Lloyd steps at most per start (fewer when rows stop changing cluster).

    Returns
    -------
    Clusters
        Labels, unit-length centres and each row's cosine to its centre.
    """
    return tightest(kmeans_starts(rows, k, seed, n_init, max_iter))


def kmeans_starts(
    rows, k: int, seed: int = 0, n_init: int = 3, max_iter: int = MAX_ITER
) -> list[Clusters]:
    """Every start of :func:`spherical_kmeans` (the same seeded k-means++ starts, in
    order), each run for at most ``max_iter`` Lloyd steps; :func:`tightest` picks the
    one :func:`spherical_kmeans` returns."""
    rng = np.random.default_rng(seed)
    return [_lloyd(rows, _plus_plus(rows, k, rng), max_iter) for _ in range(max(1, n_init))]


def tightest(starts: list[Clusters]) -> Clusters:
    """The start with the highest total cosine (the first of equals)."""
    best = starts[0]
    for found in starts[1:]:
        if found.cohesion > best.cohesion:
            best = found
    return best


def refine(rows, centres: np.ndarray, iterations: int = 5) -> Clusters:
    """A few Lloyd steps from given ``centres`` (for example those found on a sample).

    Parameters
    ----------
    rows : ndarray or sparse matrix, shape (n, d)
        Unit-length rows.
    centres : ndarray, shape (k, d)
        Starting centres (scaled to unit length here).
    iterations : int
        Lloyd steps at most.

    Returns
    -------
    Clusters
    """
    return _lloyd(rows, _unit(np.asarray(centres, dtype=rows.dtype)), iterations)


def silhouette(rows: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette of a clustering of unit-length ``rows`` under cosine distance.

    The same figure as scikit-learn's ``silhouette_score(rows, labels, metric="cosine")``
    (a row alone in its cluster scores 0), computed from cluster sums in ``O(n k d)``
    instead of an ``n x n`` distance matrix (:func:`silhouette_samples`).

    Parameters
    ----------
    rows : ndarray, shape (n, d)
        Unit-length rows.
    labels : ndarray of int, shape (n,)
        Cluster of each row, ``0 .. k-1``.

    Returns
    -------
    float
        In ``[-1, 1]``; 0.0 when fewer than two clusters are used.
    """
    scores = silhouette_samples(rows, labels)
    return float(scores.mean()) if len(scores) else 0.0


def topic_silhouette(rows: np.ndarray, labels: np.ndarray) -> float:
    """Mean over the used clusters of each cluster's mean silhouette (cosine).

    Each cluster counts once, whatever its size, so one loose catch-all cluster lowers the
    figure as much as a loose small one, where the plain mean (:func:`silhouette`) lets a
    large loose cluster hide among many well-placed rows.

    Parameters
    ----------
    rows : ndarray, shape (n, d)
        Unit-length rows.
    labels : ndarray of int, shape (n,)
        Cluster of each row, ``0 .. k-1``.

    Returns
    -------
    float
        In ``[-1, 1]``; 0.0 when fewer than two clusters are used.
    """
    scores = silhouette_samples(rows, labels)
    if not len(scores):
        return 0.0
    sizes = np.bincount(labels)
    used = sizes > 0
    sums = np.bincount(labels, weights=scores, minlength=len(sizes))
    return float((sums[used] / sizes[used]).mean())


def silhouette_samples(rows: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Each row's silhouette under cosine distance (all 0.0 with fewer than two clusters).

    The mean distance from row ``i`` to cluster ``c`` is ``1 - rows[i] . sum(c) / |c|``,
    so the figures come from cluster sums in ``O(n k d)``; a row alone in its cluster
    scores 0, as in scikit-learn's ``silhouette_samples(..., metric="cosine")``.

    Parameters
    ----------
    rows : ndarray, shape (n, d)
        Unit-length rows.
    labels : ndarray of int, shape (n,)
        Cluster of each row, ``0 .. k-1``.

    Returns
    -------
    ndarray of float, shape (n,)
        Each in ``[-1, 1]``.
    """
    k = int(labels.max()) + 1 if len(labels) else 0
    sizes = np.bincount(labels, minlength=k).astype(np.float64)
    if np.count_nonzero(sizes) < 2:
        return np.zeros(len(labels))
    dots = np.asarray(rows, dtype=np.float64) @ _cluster_sums(rows, labels, k).T.astype(np.float64)
    own = dots[np.arange(len(labels)), labels]
    own_size = sizes[labels]
    inside = (own_size - own) / np.maximum(own_size - 1, 1)  # self excluded (distance 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        between = 1.0 - dots / sizes[None, :]
    between[np.arange(len(labels)), labels] = np.inf
    between[:, sizes == 0] = np.inf
    nearest = between.min(axis=1)
    width = np.maximum(inside, nearest)
    scores = np.where(width > 0, (nearest - inside) / np.where(width > 0, width, 1.0), 0.0)
    scores[own_size == 1] = 0.0
    return scores
