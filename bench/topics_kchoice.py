"""How many topics, and which to merge: rules against ``topics-12``, NMI by corpus.

For every ``*.csv`` with ``text`` and ``label`` columns in ``--data`` (real comments coded by
people, read at run time and never stored), each seed, and each corpus again with e-mail
boilerplate (as ``bench/topics_nmi.py`` adds it), this scores the NMI against the labels of
``topics-12`` (the app's terms, space, choice of k and clustering, rebuilt from its parts:
the same figures as :func:`analysis.topics.discover_topics`, printed as ``app``) and of
variants that keep its terms, space, choice sample and k-means, and change only how the
number of topics is chosen or which topics are merged:

* ``Davies-Bouldin``: the candidate (half the ceiling to the ceiling, as the app's) whose
  clustering of the choice sample has the lowest Davies-Bouldin index under cosine
  distance: the mean over topics of the worst ratio ``(spread_i + spread_j) / distance of
  the centres``, which is high when one theme is split over two close topics; ``from
  2``: candidates from 2 topics.
* ``merge while it rises``: from the app's topics on the choice sample, the two topics
  whose merging raises the topic silhouette most are merged, again and again while it
  rises (never below ``floor`` topics: the app's floor, or 2); the merged topics'
  centres then settle as the app's chosen centres do. Two topics a theme was split over
  are not separable, so their union scores better than the pair.
* ``merge from the ceiling``: the ceiling's clustering merged the same way down to the
  floor (a hierarchical tree of topics), the level with the best topic silhouette kept
  and settled.
* ``Ward from the ceiling``: the same tree built by Ward's rule (the merge that adds least
  to the spread), its level chosen by the topic silhouette.

A comment with no counted term gets no topic, as in the app. At the end, leaving each
corpus out in turn, the variant with the best mean on the other three (whole corpora, no
boilerplate) and its score on the one left out. ``--sizes 300 1000 2000`` also scores
``--samples`` seeded random samples of each size, as ``bench/topics_nmi.py`` draws them
(sample ``i`` discovered with seed ``i``).

    .venv/bin/python bench/topics_kchoice.py --data DIR [--seeds 0 1 2] [--variants ...]
        [--only CORPUS ...] [--no-boilerplate] [--sizes 300 1000 2000 [--samples 6]]
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.topic_variants import variant_main  # noqa: E402
from bench.topics_clauses import _count, _nmi  # noqa: E402
from bench.topics_nmi import nmi  # noqa: E402

BASE = "topics-12"
#: Each topic's nearest topics (by centre) considered for a merge.
NEIGHBOURS = 4


class Choice:
    """The app's choice sample and its k-means clustering for each k (cached); the
    candidates of ``topics-12``, from half the ceiling to the ceiling."""

    def __init__(self, fit_coords: np.ndarray, seed: int):
        from analysis.topics import CHOICE_SAMPLE, candidate_counts

        self.seed = seed
        top = candidate_counts(len(fit_coords))[-1]  # the ceiling (1: too few to split)
        self.candidates = list(range(max(2, top // 2), top + 1)) if top >= 2 else [1]
        coords = fit_coords
        if len(coords) > CHOICE_SAMPLE:
            rng = np.random.default_rng(seed)
            coords = coords[np.sort(rng.choice(len(coords), CHOICE_SAMPLE, replace=False))]
        self.sample = coords
        self._found: dict[int, object] = {}

    def at(self, k: int):
        """The app's choice clustering of the sample with ``k`` topics."""
        from analysis.topic_clusters import spherical_kmeans
        from analysis.topics import CHOICE_STEPS, _starts

        if k not in self._found:
            self._found[k] = spherical_kmeans(
                self.sample, k, self.seed, _starts(len(self.sample)), CHOICE_STEPS
            )
        return self._found[k]


def _unit(matrix: np.ndarray) -> np.ndarray:
    return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)


def _compact(labels: np.ndarray) -> np.ndarray:
    return np.unique(labels, return_inverse=True)[1]


def _centres(rows: np.ndarray, labels: np.ndarray) -> np.ndarray:
    sums = np.zeros((labels.max() + 1, rows.shape[1]))
    np.add.at(sums, labels, rows)
    return _unit(sums)


def _score(rows: np.ndarray, labels: np.ndarray) -> float:
    from analysis.topic_clusters import topic_silhouette

    return round(topic_silhouette(rows, labels), 4) if labels.max() > 0 else -1.0


def davies_bouldin(rows: np.ndarray, labels: np.ndarray) -> float:
    """Davies-Bouldin index of a clustering of unit rows under cosine distance (lower is
    better separated)."""
    labels = _compact(labels)
    centres = _centres(rows, labels)
    k = len(centres)
    if k < 2:
        return np.inf
    spread = np.bincount(labels, weights=1.0 - (rows * centres[labels]).sum(axis=1)) / np.bincount(
        labels
    )
    distance = np.maximum(1.0 - centres @ centres.T, 1e-9)
    ratio = (spread[:, None] + spread[None, :]) / distance
    np.fill_diagonal(ratio, -np.inf)
    return float(ratio.max(axis=1).mean())


def _merged(labels: np.ndarray, a: int, b: int) -> np.ndarray:
    out = np.where(labels == b, a, labels)
    return np.where(out > b, out - 1, out)


def silhouette_merges(rows: np.ndarray, labels: np.ndarray, floor: int, greedy_stop: bool):
    """Levels ``k -> labels`` from greedy merges that raise the topic silhouette most (each
    topic with its :data:`NEIGHBOURS` nearest); ``greedy_stop``: stop when none raises it."""
    labels = _compact(labels)
    levels = {int(labels.max()) + 1: (labels, _score(rows, labels))}
    while (k := int(labels.max()) + 1) > floor:
        centres = _centres(rows, labels)
        near = np.argsort(-(centres @ centres.T), axis=1)[:, 1 : NEIGHBOURS + 1]
        pairs = {(min(a, b), max(a, b)) for a in range(k) for b in near[a].tolist()}
        best = max(
            ((_score(rows, _merged(labels, a, b)), a, b) for a, b in sorted(pairs)),
            key=lambda t: t[0],
        )
        if greedy_stop and best[0] <= levels[k][1]:
            break
        labels = _merged(labels, best[1], best[2])
        levels[k - 1] = (labels, best[0])
    return levels


def ward_merges(rows: np.ndarray, labels: np.ndarray, floor: int):
    """Levels ``k -> labels`` from Ward merges of the topics (least added spread first)."""
    labels = _compact(labels)
    levels = {int(labels.max()) + 1: (labels, _score(rows, labels))}
    while (k := int(labels.max()) + 1) > floor:
        sums = np.zeros((k, rows.shape[1]))
        np.add.at(sums, labels, rows)
        sizes = np.bincount(labels, minlength=k).astype(float)
        means = sums / sizes[:, None]
        gap = ((means[:, None, :] - means[None, :, :]) ** 2).sum(axis=2)
        cost = sizes[:, None] * sizes[None, :] / (sizes[:, None] + sizes[None, :]) * gap
        np.fill_diagonal(cost, np.inf)
        a, b = sorted(np.unravel_index(int(np.argmin(cost)), cost.shape))
        labels = _merged(labels, int(a), int(b))
        levels[k - 1] = (labels, _score(rows, labels))
    return levels


def _best_level(levels) -> int:
    return max(levels, key=lambda k: (levels[k][1], -k))


def _settle(ctx, centres: np.ndarray) -> np.ndarray:
    from analysis.topics import _cluster
    from surveys.progress import no_progress

    space, fit, seed = ctx["space"], ctx["fit_coords"], ctx["seed"]
    labels, _, _ = _cluster(space, fit, len(centres), seed, no_progress, centres)
    return labels


def _app_k(choice: Choice) -> int:
    scores = {k: _score(choice.sample, choice.at(k).labels) for k in choice.candidates}
    return max(scores, key=lambda c: (scores[c], -c))


Variant = Callable[[dict], np.ndarray]


def v_davies_bouldin(from_two: bool) -> Variant:
    def run(ctx):
        choice = ctx["choice"]
        top = choice.candidates[-1]
        ks = list(range(2, top + 1)) if from_two else choice.candidates
        if ks == [1]:
            return _settle(ctx, choice.at(1).centres)
        db = {k: davies_bouldin(choice.sample, choice.at(k).labels) for k in ks}
        k = min(db, key=lambda c: (round(db[c], 4), c))
        return _settle(ctx, choice.at(k).centres)

    return run


def v_merge(from_ceiling: bool, half_floor: bool, ward: bool = False) -> Variant:
    def run(ctx):
        choice = ctx["choice"]
        if choice.candidates == [1]:
            return _settle(ctx, choice.at(1).centres)
        floor = 2 if half_floor else choice.candidates[0]
        start = choice.candidates[-1] if from_ceiling else _app_k(choice)
        labels = choice.at(start).labels
        if ward:
            levels = ward_merges(choice.sample, labels, floor)
        else:
            levels = silhouette_merges(choice.sample, labels, floor, not from_ceiling)
        k = _best_level(levels) if from_ceiling else min(levels)
        return _settle(ctx, _centres(choice.sample, levels[k][0]).astype(np.float32))

    return run


def start_scores(sample: np.ndarray, k: int, seed: int) -> list[float]:
    """Topic silhouette of each of the app's k-means starts for ``k`` on the choice sample
    (the same starts, in the same order, as :func:`analysis.topic_clusters.spherical_kmeans`
    draws them; the app keeps the tightest)."""
    from analysis.topic_clusters import _lloyd, _plus_plus
    from analysis.topics import CHOICE_STEPS, _starts

    rng = np.random.default_rng(seed)
    out = []
    for _ in range(max(1, _starts(len(sample)))):
        found = _lloyd(sample, _plus_plus(sample, k, rng), CHOICE_STEPS)
        out.append(_score(sample, found.labels))
    return out


def v_steady(floor_share: float = 0.5, best_of: bool = False, median: bool = False) -> Variant:
    """k by the mean topic silhouette of the app's starts (``best_of``: of the best start
    and the mean; ``median``: their median), candidates from ``floor_share`` of the
    ceiling; the app's centres."""

    def run(ctx):
        choice = ctx["choice"]
        if choice.candidates == [1]:
            return _settle(ctx, choice.at(1).centres)
        top = choice.candidates[-1]
        low = top // 2 if floor_share == 0.5 else round(floor_share * top)
        ks = list(range(max(2, low), top + 1))
        scores = {}
        for k in ks:
            each = start_scores(choice.sample, k, ctx["seed"])
            scores[k] = round(float(np.median(each) if median else np.mean(each)), 4)
            if best_of:
                scores[k] = round((scores[k] + _score(choice.sample, choice.at(k).labels)) / 2, 4)
        k = max(scores, key=lambda c: (scores[c], -c))
        return _settle(ctx, choice.at(k).centres)

    return run


VARIANTS: dict[str, Variant] = {
    "steady silhouette": v_steady(),
    "steady silhouette, floor 1/3": v_steady(1 / 3),
    "median silhouette": v_steady(median=True),
    "median silhouette, floor 1/3": v_steady(1 / 3, median=True),
    "Davies-Bouldin": v_davies_bouldin(False),
    "Davies-Bouldin, from 2": v_davies_bouldin(True),
    "merge while it rises": v_merge(False, False),
    "merge while it rises, floor 2": v_merge(False, True),
    "merge from the ceiling": v_merge(True, False),
    "merge from the ceiling, floor 2": v_merge(True, True),
    "Ward from the ceiling": v_merge(True, False, ward=True),
}


def score_seed(texts: list[str], labels: list[str], seed: int, variants: list[str]):
    """NMI, topic count and seconds of the app, ``topics-12`` rebuilt and each variant."""
    from threadpoolctl import threadpool_limits

    from analysis.topics import _fit_coords, _space, discover_topics

    out = {}
    with threadpool_limits(limits=1):
        start = time.perf_counter()
        model = discover_topics(texts, seed=seed)
        seconds = time.perf_counter() - start
        out["app"] = (nmi(labels, model.assignments), len(model.topics), seconds)
        space = _space(texts, seed)
        assert space is not None
        fit_coords = _fit_coords(space)
        choice = Choice(fit_coords, seed)
        ctx = {"space": space, "fit_coords": fit_coords, "seed": seed, "choice": choice}
        start = time.perf_counter()
        base = _settle(ctx, choice.at(_app_k(choice)).centres)
        seconds = time.perf_counter() - start
        out[BASE] = (_nmi(labels, space, base, len(texts)), _count(base), seconds)
        for name in variants:
            start = time.perf_counter()
            found = VARIANTS[name](ctx)
            seconds = time.perf_counter() - start
            out[name] = (_nmi(labels, space, found, len(texts)), _count(found), seconds)
    return out


def main(argv: list[str] | None = None) -> int:
    from analysis.topic_terms import TOPICS_VERSION

    note = f"app: {TOPICS_VERSION}"
    return variant_main(__doc__, VARIANTS, score_seed, BASE, argv, note, unpicked=("app",))


if __name__ == "__main__":
    sys.exit(main())
