"""Short-text topic models against ``topics-5``: GSDMM, a comment graph, NMI by corpus.

For every ``*.csv`` with ``text`` and ``label`` columns in ``--data`` (real comments coded by
people, read at run time and never stored), each seed, and each corpus again with e-mail
boilerplate (as ``bench/topics_nmi.py`` adds it), this scores the NMI against the labels of:

* ``topics-5``: :func:`analysis.topics.discover_topics` as the app runs it (the rows keep
  the name under which docs/themes-tried.md reports them; since ``topics-6`` they run the app's
  current method, whose version the script prints first, and the "NB" rows refine it);
* ``gsdmm``: Yin and Wang's (2014) Dirichlet multinomial mixture by collapsed Gibbs
  sampling (one topic per comment, the number of non-empty clusters chosen by the sampler
  from an upper bound ``K``), on the app's counted terms of each comment;
* ``gsdmm words``: the same on word groups (the terms with a word vector grouped by
  spherical k-means on their vectors, so "late" and "delayed" are one token), the
  word-vector expansion of the terms Rapport already learns;
* ``gsdmm -> k-means``: GSDMM on a seeded sample of 2,000 comments (as cheap as choosing
  k in the app), its clusters of at least 1 % of the sample become the starts of the app's
  spherical k-means in the app's space (so GSDMM chooses k and the starts);
* ``graph``: a graph of each comment's nearest comments (cosine, in the app's space),
  communities by Louvain modularity (numpy/scipy and a Python loop), communities under 1 %
  of the comments joined to the nearest community centre;
* ``graph -> k-means``: those communities as k-means starts;
* ``topics-5 -> NB``: the app's topics refined by their words: a multinomial naive Bayes
  classifier trained on them and every comment classified again, for some rounds
  (``inliers 0.5``: trained on the half of each topic nearest its centre only).

The variants' settings are in their names (``K``: GSDMM's upper bound, ``K ceiling`` the
app's own; ``b``: its beta; ``15, r1``: neighbours and Louvain resolution). A comment with
no counted term gets no topic, as in the app; topic counts leave the no-topic group out.
Rows are printed as they are measured; at the end, leaving each corpus out in turn, the
variant with the best mean on the other three (whole corpora, no boilerplate) and its
score on the one left out.

``--sizes 300 1000 2000`` also scores ``--samples`` seeded random samples of each size, as
``bench/topics_nmi.py`` draws them (sample ``i`` discovered with seed ``i``).

    .venv/bin/python bench/topics_shorttext.py --data DIR [--seeds 0 1 2] [--variants ...]
        [--only CORPUS ...] [--no-boilerplate] [--sizes 300 1000 2000 [--samples 6]]
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.topic_variants import variant_main  # noqa: E402
from bench.topics_nmi import nmi  # noqa: E402

SAMPLE = 2_000
SMALL_SHARE = 0.01


# --- GSDMM ------------------------------------------------------------------------------


def _doc_tokens(counts) -> list[tuple[np.ndarray, np.ndarray]]:
    """Each row's tokens with repeats, and for each the number of earlier copies (0, 1...)."""
    out = []
    for i in range(counts.shape[0]):
        start, stop = counts.indptr[i], counts.indptr[i + 1]
        terms = counts.indices[start:stop]
        reps = np.rint(counts.data[start:stop]).astype(np.int64).clip(min=1)
        tokens = np.repeat(terms, reps)
        offsets = np.concatenate([np.arange(r) for r in reps]) if len(reps) else np.zeros(0)
        out.append((tokens, offsets.astype(np.float64)))
    return out


def gsdmm(counts, k_max: int, seed: int, alpha=0.1, beta=0.1, iterations=15) -> np.ndarray:
    """Cluster of each row of a term-count matrix by GSDMM (Yin and Wang 2014)."""
    rng = np.random.default_rng(seed)
    docs = _doc_tokens(counts.tocsr())
    n, v = counts.shape
    z = rng.integers(k_max, size=n)
    m = np.bincount(z, minlength=k_max).astype(np.float64)
    nzw = np.zeros((k_max, v))
    nz = np.zeros(k_max)
    for d, (tokens, _) in enumerate(docs):
        np.add.at(nzw[z[d]], tokens, 1.0)
        nz[z[d]] += len(tokens)
    vbeta = v * beta
    for _ in range(iterations):
        draws = rng.random(n)
        for d, (tokens, offsets) in enumerate(docs):
            old = z[d]
            m[old] -= 1
            np.add.at(nzw[old], tokens, -1.0)
            nz[old] -= len(tokens)
            logp = np.log(m + alpha)
            if len(tokens):
                logp += np.log(nzw[:, tokens] + beta + offsets).sum(axis=1)
                logp -= np.log(nz[:, None] + vbeta + np.arange(len(tokens))).sum(axis=1)
            p = np.exp(logp - logp.max()).cumsum()
            new = min(int(np.searchsorted(p, draws[d] * p[-1])), k_max - 1)
            z[d] = new
            m[new] += 1
            np.add.at(nzw[new], tokens, 1.0)
            nz[new] += len(tokens)
    return z


def word_groups(space, groups: int, seed: int):
    """Term -> group column map: terms with a vector grouped by spherical k-means."""
    from analysis.sparse_import import sparse
    from analysis.topic_clusters import spherical_kmeans
    from analysis.topic_space import unit_rows

    vectors = space.space.vectors
    n_terms = len(space.names)
    if vectors is None:
        return sparse.identity(n_terms, format="csr")
    has = np.flatnonzero(np.linalg.norm(vectors, axis=1) > 0)
    found = spherical_kmeans(unit_rows(vectors[has]), min(groups, len(has)), seed, n_init=1)
    column = np.arange(n_terms) + groups  # terms without a vector keep their own column
    column[has] = found.labels
    _, column = np.unique(column, return_inverse=True)
    ones = np.ones(n_terms, dtype=np.float32)
    return sparse.csr_matrix((ones, (np.arange(n_terms), column)))


# --- graph communities ------------------------------------------------------------------


_GRAPH: list = [None, 0, None]  # the coordinates, neighbours and graph last built


def knn_graph(coords: np.ndarray, neighbours: int):
    """Symmetric graph of each row's nearest rows by cosine (weights: the cosine, >= 0).

    The last graph is kept for the next variant on the same array (held here, so that no
    new array can take its ``id``).
    """
    if _GRAPH[0] is not coords or _GRAPH[1] != neighbours:
        _GRAPH[:] = [coords, neighbours, _knn_graph(coords, neighbours)]
    return _GRAPH[2]


def _knn_graph(coords: np.ndarray, neighbours: int):
    from analysis.sparse_import import sparse

    n = len(coords)
    rows, cols, vals = [], [], []
    for start in range(0, n, 2_000):
        sim = coords[start : start + 2_000] @ coords.T
        sim[np.arange(len(sim)), np.arange(start, start + len(sim))] = -np.inf
        best = np.argpartition(-sim, neighbours, axis=1)[:, :neighbours]
        rows.append(np.repeat(np.arange(start, start + len(sim)), neighbours))
        cols.append(best.ravel())
        vals.append(np.maximum(np.take_along_axis(sim, best, axis=1).ravel(), 0.0))
    graph = sparse.csr_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n)
    )
    return graph.maximum(graph.T).tocsr()


def _local_moving(graph, rng: np.random.Generator, resolution: float) -> np.ndarray:
    """One Louvain level: move nodes to the neighbouring community that gains most."""
    n = graph.shape[0]
    degree = np.asarray(graph.sum(axis=1)).ravel()
    total = degree.sum()
    community = np.arange(n)
    comm_degree = degree.copy()
    indptr, indices, data = graph.indptr, graph.indices, graph.data
    for _ in range(20):
        moved = 0
        for i in rng.permutation(n).tolist():
            nbrs, weights = indices[indptr[i] : indptr[i + 1]], data[indptr[i] : indptr[i + 1]]
            own = community[i]
            comm_degree[own] -= degree[i]
            links: dict[int, float] = defaultdict(float)
            for j, w in zip(nbrs.tolist(), weights.tolist(), strict=True):
                if j != i:
                    links[int(community[j])] += w
            pull = resolution * degree[i] / total
            best, gain = own, links.get(own, 0.0) - pull * comm_degree[own]
            for c, w in links.items():
                g = w - pull * comm_degree[c]
                if g > gain + 1e-12:
                    best, gain = c, g
            community[i] = best
            comm_degree[best] += degree[i]
            moved += best != own
        if moved == 0:
            break
    return np.unique(community, return_inverse=True)[1]


def louvain(graph, seed: int, resolution: float = 1.0) -> np.ndarray:
    """Community of each node by Louvain modularity (levels until nothing moves)."""
    from analysis.sparse_import import sparse

    rng = np.random.default_rng(seed)
    n = graph.shape[0]
    node_community = np.arange(n)
    current = graph
    while True:
        found = _local_moving(current, rng, resolution)
        if found.max() + 1 == current.shape[0]:
            return node_community
        node_community = found[node_community]
        member = sparse.csr_matrix(
            (np.ones(len(found)), (found, np.arange(len(found)))),
            shape=(found.max() + 1, len(found)),
        )
        current = (member @ current @ member.T).tocsr()


# --- variants on the app's space ----------------------------------------------------------


def _centres(coords: np.ndarray, labels: np.ndarray, minimum: int) -> np.ndarray:
    from analysis.topic_space import unit_rows

    keep = [c for c in np.unique(labels) if np.count_nonzero(labels == c) >= minimum]
    return unit_rows(np.stack([coords[labels == c].sum(axis=0) for c in keep]))


def _nearest(coords: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """The nearest centre of each row; -1 (no topic) for a row with no place."""
    found = (coords @ centres.T).argmax(axis=1)
    found[~coords.any(axis=1)] = -1
    return found


def _settle(coords: np.ndarray, fit: np.ndarray, centres: np.ndarray) -> np.ndarray:
    from analysis.topic_clusters import refine

    found = refine(coords[fit], centres, iterations=10)
    return _nearest(coords, found.centres)


def _sample(n: int, seed: int) -> np.ndarray:
    if n <= SAMPLE:
        return np.arange(n)
    return np.sort(np.random.default_rng(seed).choice(n, SAMPLE, replace=False))


Variant = Callable[[object, np.ndarray, int], np.ndarray]


def v_gsdmm(k_max: int, beta: float, groups: int = 0) -> Variant:
    def run(space, coords, seed):
        counts = space.counts
        if groups:
            counts = (counts @ word_groups(space, groups, seed)).tocsr()
        return gsdmm(counts, k_max, seed, beta=beta)

    return run


def v_gsdmm_kmeans(k_max: int, beta: float, groups: int = 0) -> Variant:
    """GSDMM on a sample seeds k-means; ``k_max`` 0: the app's ceiling for the corpus."""

    def run(space, coords, seed):
        from analysis.topics import candidate_counts

        fit = _sample(len(coords), seed)
        bound = k_max or max(candidate_counts(len(coords)))
        counts = space.counts[fit]
        if groups:
            counts = (counts @ word_groups(space, groups, seed)).tocsr()
        labels = gsdmm(counts, bound, seed, beta=beta)
        minimum = max(2, int(SMALL_SHARE * len(fit)))
        return _settle(coords, np.arange(len(coords)), _centres(coords[fit], labels, minimum))

    return run


_PLACED: list = [None, None]  # the coordinates last seen and their rows with a place


def _placed_coords(coords: np.ndarray) -> np.ndarray:
    """The rows with a place: one array per ``coords``, so the graph is built once."""
    if _PLACED[0] is not coords:
        _PLACED[:] = [coords, coords[coords.any(axis=1)]]
    return _PLACED[1]


def v_graph(neighbours: int, resolution: float, settle: bool) -> Variant:
    def run(space, coords, seed):
        placed = np.flatnonzero(coords.any(axis=1))
        found = louvain(knn_graph(_placed_coords(coords), neighbours), seed, resolution)
        minimum = max(2, int(SMALL_SHARE * len(placed)))
        centres = _centres(coords[placed], found, minimum)
        if settle:
            return _settle(coords, placed, centres)
        out = _nearest(coords, centres)
        big = {c for c in np.unique(found) if np.count_nonzero(found == c) >= minimum}
        keep = np.array([c in big for c in found.tolist()])
        order = {c: i for i, c in enumerate(sorted(big))}
        out[placed[keep]] = [order[c] for c in found[keep].tolist()]
        return out

    return run


def nb_refine(counts, labels: np.ndarray, rounds: int, inliers, beta: float = 0.1):
    """Multinomial naive Bayes trained on the clustered rows, every row re-classified.

    ``inliers(labels)`` says which rows train the classifier in each round. The classifier
    reads the comments' terms (a bag of words), not the word-vector space the labels came
    from: the "iterative classification" of short-text clustering with the Dirichlet
    multinomial mixture's own model as the classifier.
    """
    from analysis.sparse_import import sparse

    binary = counts.tocsr(copy=True)
    binary.data[:] = 1.0
    has = binary.getnnz(axis=1) > 0
    k = int(labels.max()) + 1
    for _ in range(rounds):
        train = np.flatnonzero((labels >= 0) & inliers(labels))
        member = sparse.csr_matrix(
            (np.ones(len(train)), (labels[train], train)), shape=(k, binary.shape[0])
        )
        nzw = np.asarray((member @ binary).todense())
        logphi = np.log(nzw + beta) - np.log(nzw.sum(axis=1, keepdims=True) + beta * nzw.shape[1])
        prior = np.log(np.bincount(labels[train], minlength=k) + 1.0)
        scores = np.asarray(binary @ logphi.T) + prior
        new = np.where(has, scores.argmax(axis=1), -1)
        if np.array_equal(new, labels):
            break
        labels = new
    return labels


def _app_labels(space, assignments) -> np.ndarray:
    """topics-5's topic (0-based) of each known comment, -1 for none."""
    return np.array([-1 if assignments[r] is None else assignments[r] - 1 for r in space.rows])


def v_nb(rounds: int, inlier_share: float) -> Variant:
    def run(space, coords, seed):
        labels = _app_labels(space, _APP[0])
        centres = _centres(coords, np.where(labels >= 0, labels, labels.max() + 1), 1)
        closeness = np.einsum("ij,ij->i", coords, centres[np.maximum(labels, 0)])

        def inliers(current):
            if inlier_share >= 1:
                return np.ones(len(current), dtype=bool)
            keep = np.zeros(len(current), dtype=bool)
            for c in np.unique(current[current >= 0]):
                rows = np.flatnonzero(current == c)
                cut = np.quantile(closeness[rows], 1 - inlier_share)
                keep[rows[closeness[rows] >= cut]] = True
            return keep

        return nb_refine(space.counts, labels, rounds, inliers)

    return run


_APP: list = [None]  # topics-5's assignments of the corpus and seed being scored


VARIANTS: dict[str, Variant] = {
    "topics-5 -> NB x1": v_nb(1, 1.0),
    "topics-5 -> NB x3": v_nb(3, 1.0),
    "topics-5 -> NB x3, inliers 0.5": v_nb(3, 0.5),
    "gsdmm K40 b0.1": v_gsdmm(40, 0.1),
    "gsdmm K20 b0.1": v_gsdmm(20, 0.1),
    "gsdmm words 500, K40": v_gsdmm(40, 0.1, groups=500),
    "gsdmm K40 -> k-means": v_gsdmm_kmeans(40, 0.1),
    "gsdmm K20 -> k-means": v_gsdmm_kmeans(20, 0.1),
    "gsdmm K ceiling -> k-means": v_gsdmm_kmeans(0, 0.1),
    "gsdmm words 500, K40 -> k-means": v_gsdmm_kmeans(40, 0.1, groups=500),
    "graph 15, r1": v_graph(15, 1.0, settle=False),
    "graph 15, r0.5": v_graph(15, 0.5, settle=False),
    "graph 30, r1": v_graph(30, 1.0, settle=False),
    "graph 15, r1 -> k-means": v_graph(15, 1.0, settle=True),
}


def score_seed(texts: list[str], labels: list[str], seed: int, variants: list[str]):
    """NMI, topic count and seconds of ``topics-5`` and each variant for one seed."""
    from threadpoolctl import threadpool_limits

    from analysis.topics import _space, discover_topics

    out = {}
    with threadpool_limits(limits=1):
        start = time.perf_counter()
        model = discover_topics(texts, seed=seed)
        seconds = time.perf_counter() - start
        out["topics-5"] = (nmi(labels, model.assignments), len(model.topics), seconds)
        _APP[0] = model.assignments
        space = _space(texts, seed)
        assert space is not None
        coords = space.project(0, space.counts.shape[0])
        for name in variants:
            start = time.perf_counter()
            found = VARIANTS[name](space, coords, seed)
            seconds = time.perf_counter() - start
            full: list[int | None] = [None] * len(texts)
            for row, group in zip(space.rows.tolist(), found.tolist(), strict=True):
                full[row] = group
            out[name] = (nmi(labels, full), len(np.unique(found[found >= 0])), seconds)
    return out


def main(argv: list[str] | None = None) -> int:
    from analysis.topic_terms import TOPICS_VERSION

    note = f"The rows named topics-5 run the app's method: {TOPICS_VERSION}."
    return variant_main(__doc__, VARIANTS, score_seed, "topics-5", argv, note)


if __name__ == "__main__":
    sys.exit(main())
