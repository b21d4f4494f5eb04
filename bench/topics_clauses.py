"""Clauses, topical terms and balanced k against ``topics-5``: NMI by corpus.

For every ``*.csv`` with ``text`` and ``label`` columns in ``--data`` (real comments coded by
people, read at run time and never stored), each seed, and each corpus again with e-mail
boilerplate (as ``bench/topics_nmi.py`` adds it), this scores the NMI against the labels of
``topics-5`` (the app's terms, space and clustering with the number of topics chosen by
the mean silhouette, as ``topics-5`` chose it), of the app as it is (``app (topics-6)``:
:func:`analysis.topics.discover_topics`) and of variants built in the app's own terms and
space (``analysis.topics._space``, the same seed):

* ``best clause``: a comment of several clauses (its terms split where the app's reader
  sees ``. ! ? ;``, and at "but") joins the topic whose centre is closest to *one* of its
  clauses, so "the staff were lovely but the wait was far too long" is decided by its most
  topical clause rather than by the blend. The centres are ``topics-5``'s (``+ whole``: the
  whole comment competes with its clauses; ``settled``: five k-means steps in which each
  comment is its best clause).
* ``clause k-means``: the clauses are the points: the number of topics is chosen on them
  and they are clustered as the app clusters comments; a comment then joins the topic of
  its clause closest to a centre.
* ``topical terms a``: each term's idf times ``(c / median c) ** a``, where ``c`` is the
  mean cosine of the term's vector with its 10 nearest term vectors: a term that sits in
  a tight group of words (a subject) weighs more than one whose neighbours are spread (a
  word used with anything). Then the app's choice of k and clustering.
* ``k by macro silhouette``: the app's candidates and clusterings, but the number of
  topics is the one whose *topics'* mean silhouettes average highest (each topic counts
  once, so one loose catch-all topic drags a k down however many comments it holds;
  ``topics-6`` adopted it, so it matches the app's row);
  ``k by silhouette x balance``: the mean silhouette times the normalised entropy of the
  topic sizes; ``floor 1/3`` and ``floor 2``: the topic silhouette with candidates from a
  third of the ceiling, or from 2, instead of half of it.
* ``two-level t``: coarse topics by the topic silhouette from 2 topics up, then each coarse
  topic of at least 20 fitting comments split into the 2 to 10 sub-topics whose topic
  silhouette (on its own comments) is best, when that exceeds ``t``; three k-means steps
  settle all the sub-topics' centres.
* ``consensus of 5``: ``topics-6``'s number of topics, clustered with five seeds; the
  clustering that agrees most with the other four (mean NMI) is kept.

A comment with no counted term gets no topic, as in the app; topic counts leave the
no-topic group out. At the end, leaving each corpus out in turn, the variant with the best
mean on the other three (whole corpora, no boilerplate) and its score on the one left out.
``--sizes 300 1000 2000`` also scores ``--samples`` seeded random samples of each size, as
``bench/topics_nmi.py`` draws them (sample ``i`` discovered with seed ``i``).

    .venv/bin/python bench/topics_clauses.py --data DIR [--seeds 0 1 2] [--variants ...]
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
from bench.topics_nmi import nmi  # noqa: E402

SPLIT_WORDS = frozenset({"but", "however", "although", "though", "except"})


# --- clauses -------------------------------------------------------------------------


def clause_terms(reader, text: str) -> list[list[str]]:
    """The terms of each clause of ``text``, read as ``reader`` reads the whole comment."""
    from analysis.text import BOUNDARY
    from analysis.topic_terms import is_topic_word, topic_tokens

    tokens, stems = topic_tokens(text)
    start, stop = reader.span(tokens)
    clauses: list[list[str]] = [[]]
    previous = None
    for token, stem_ in zip(tokens[start:stop], stems[start:stop], strict=True):
        if token == BOUNDARY or token in SPLIT_WORDS:
            if clauses[-1]:
                clauses.append([])
            previous = None
            continue
        if not is_topic_word(token):
            previous = None
            continue
        clauses[-1].append(stem_)
        if previous is not None:
            clauses[-1].append(f"{previous} {stem_}")
        previous = stem_
    return [c for c in clauses if c]


def app_reader(texts: list[str], seed: int):
    """The term reader ``analysis.topics._space`` learns for ``texts`` and ``seed``."""
    from analysis.topic_terms import learn_edge_phrases
    from analysis.topics import FIT_SAMPLE

    rng = np.random.default_rng(seed)
    candidates = np.flatnonzero([bool(t.strip()) for t in texts])
    fit_rows = candidates
    if len(candidates) > FIT_SAMPLE:
        fit_rows = np.sort(rng.choice(candidates, FIT_SAMPLE, replace=False))
    return learn_edge_phrases([texts[i] for i in fit_rows])


class Clauses:
    """Unit coordinates of every clause of the known comments and the comment of each."""

    def __init__(self, texts: list[str], space, seed: int) -> None:
        from analysis.topic_space import count_matrix

        reader = app_reader(texts, seed)
        owner, lists = [], []
        for pos, row in enumerate(space.rows.tolist()):
            for terms in clause_terms(reader, texts[row]) or [[]]:
                owner.append(pos)
                lists.append(terms)
        counts = count_matrix(lists, space.space.index)
        self.owner = np.array(owner)
        self.coords = space.space.embed(counts)
        self.placed = self.coords.any(axis=1)


def best_clause(clauses: Clauses, coords, centres, whole: bool) -> np.ndarray:
    """Each comment's topic: the centre closest to one of its clauses (or to itself)."""
    n = len(coords)
    best = np.full((n, len(centres)), -np.inf, dtype=np.float32)
    sims = clauses.coords @ centres.T
    sims[~clauses.placed] = -np.inf
    np.maximum.at(best, clauses.owner, sims)
    if whole:
        best = np.maximum(best, coords @ centres.T)
    found = best.argmax(axis=1)
    none = ~np.isfinite(best.max(axis=1))
    found[none] = (coords[none] @ centres.T).argmax(axis=1)
    found[~coords.any(axis=1)] = -1
    return found


def _unit_means(points: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    from analysis.topic_space import unit_rows

    sums = np.zeros((k, points.shape[1]), dtype=np.float64)
    ok = labels >= 0
    np.add.at(sums, labels[ok], points[ok])
    return unit_rows(sums).astype(np.float32)


Variant = Callable[[dict], np.ndarray]


def v_best_clause(whole: bool, settle: int) -> Variant:
    def run(ctx):
        coords, clauses = ctx["coords"], ctx["clauses"]()
        labels = ctx["base"]
        k = int(labels.max()) + 1
        centres = _unit_means(coords, labels, k)
        found = best_clause(clauses, coords, centres, whole)
        for _ in range(settle):
            sims = clauses.coords @ centres.T
            own = sims[np.arange(len(sims)), found[clauses.owner]]
            own[~clauses.placed] = -np.inf
            pick = np.full(len(coords), -1)
            top = np.full(len(coords), -np.inf)
            for i in np.argsort(own, kind="stable"):  # each comment's best clause last
                o = clauses.owner[i]
                if own[i] >= top[o]:
                    top[o], pick[o] = own[i], i
            points = np.where((pick >= 0)[:, None], clauses.coords[np.maximum(pick, 0)], coords)
            centres = _unit_means(points, found, k)
            found = best_clause(clauses, coords, centres, whole)
        return found

    return run


def app_clusters(fit_coords, all_coords, seed: int, chooser=None) -> np.ndarray:
    """``topics-5``'s choice of k (or ``chooser``'s) and the app's clustering of
    ``fit_coords``; the nearest centre of every row of ``all_coords`` (-1: no place)."""
    from analysis.topic_clusters import refine, spherical_kmeans
    from analysis.topics import CLUSTER_SAMPLE, _starts

    fit_coords = fit_coords[fit_coords.any(axis=1)]
    k = (chooser or balanced_chooser("mean"))(fit_coords, seed)
    start = fit_coords
    if len(fit_coords) > CLUSTER_SAMPLE:
        rng = np.random.default_rng(seed)
        start = fit_coords[np.sort(rng.choice(len(fit_coords), CLUSTER_SAMPLE, replace=False))]
    found = spherical_kmeans(start, k, seed, n_init=_starts(len(start)))
    if len(start) < len(fit_coords):
        found = refine(fit_coords, found.centres, iterations=3)
    centres = found.centres.astype(np.float32)
    out = (all_coords @ centres.T).argmax(axis=1)
    out[~all_coords.any(axis=1)] = -1
    return out, centres


def v_clause_kmeans(whole: bool) -> Variant:
    def run(ctx):
        space, coords, clauses = ctx["space"], ctx["coords"], ctx["clauses"]()
        fit = np.isin(clauses.owner, space.fit)
        _, centres = app_clusters(clauses.coords[fit], clauses.coords, ctx["seed"])
        return best_clause(clauses, coords, centres, whole)

    return run


# --- topical terms -------------------------------------------------------------------


def concentration(vectors: np.ndarray, neighbours: int = 10) -> np.ndarray:
    """Mean cosine of each term vector with its ``neighbours`` nearest (0 without a vector)."""
    from analysis.topic_space import unit_rows

    has = np.flatnonzero(np.linalg.norm(vectors, axis=1) > 0)
    unit = unit_rows(vectors[has]).astype(np.float32)
    out = np.zeros(len(vectors))
    for start in range(0, len(has), 2_000):
        sim = unit[start : start + 2_000] @ unit.T
        sim[np.arange(len(sim)), np.arange(start, start + len(sim))] = -np.inf
        top = -np.partition(-sim, neighbours, axis=1)[:, :neighbours]
        out[has[start : start + len(sim)]] = top.mean(axis=1)
    return out


def v_topical(power: float) -> Variant:
    def run(ctx):
        from analysis.topic_space import Space

        space = ctx["space"]
        old = space.space
        if old.vectors is None:
            return ctx["base"]
        c = concentration(old.vectors)
        med = np.median(c[c > 0])
        factor = np.where(c > 0, np.clip(c / med, 1e-3, None) ** power, 1.0)
        new = Space(old.names, old.idf * factor, old.vectors)
        coords = new.embed(space.counts)
        out, _ = app_clusters(coords[space.fit], coords, ctx["seed"])
        return out

    return run


# --- balanced k ----------------------------------------------------------------------


def balanced_chooser(kind: str, floor: float = 0.5):
    """The number of topics by ``kind`` ("mean", "macro" or "balance") among the app's
    candidates, whose floor is ``floor`` times the ceiling (at least 2) instead of half."""

    def choose(coords, seed):
        from analysis.topic_clusters import silhouette_samples, spherical_kmeans
        from analysis.topics import CHOICE_SAMPLE, _starts, candidate_counts

        candidates = candidate_counts(len(coords))
        if candidates == [1]:
            return 1
        low = max(2, candidates[-1] // 2 if floor == 0.5 else round(floor * candidates[-1]))
        candidates = list(range(low, candidates[-1] + 1))  # the app's floor until topics-13
        if len(coords) > CHOICE_SAMPLE:
            rng = np.random.default_rng(seed)
            coords = coords[np.sort(rng.choice(len(coords), CHOICE_SAMPLE, replace=False))]
        scores = {}
        for k in candidates:
            labels = spherical_kmeans(coords, k, seed, n_init=_starts(len(coords))).labels
            s = silhouette_samples(coords, labels)
            used = np.unique(labels)
            if kind == "mean":
                scores[k] = float(s.mean())
            elif kind == "macro":
                scores[k] = float(np.mean([s[labels == c].mean() for c in used]))
            else:
                p = np.bincount(labels)[used] / len(labels)
                balance = -(p * np.log(p)).sum() / np.log(k)
                scores[k] = float(s.mean() * balance)
        return max(scores, key=lambda c: (round(scores[c], 4), -c))

    return choose


def v_balanced(kind: str, floor: float = 0.5) -> Variant:
    def run(ctx):
        space, coords = ctx["space"], ctx["coords"]
        chooser = balanced_chooser(kind, floor)
        out, _ = app_clusters(coords[space.fit], coords, ctx["seed"], chooser)
        return out

    return run


def v_two_level(threshold: float) -> Variant:
    """Coarse topics by the topic silhouette from 2 topics up; each then split by the
    topic silhouette of its own comments when that exceeds ``threshold``."""

    def run(ctx):
        from analysis.topic_clusters import refine, spherical_kmeans, topic_silhouette
        from analysis.topics import CHOICE_SAMPLE, _starts

        space, coords, seed = ctx["space"], ctx["coords"], ctx["seed"]
        fit = coords[space.fit]
        fit = fit[fit.any(axis=1)]
        coarse, centres = app_clusters(fit, fit, seed, balanced_chooser("macro", 0.0))
        parts = []
        for c in range(len(centres)):
            members = fit[coarse == c]
            if len(members) < 20:
                parts.append(centres[c : c + 1])
                continue
            sample = members
            if len(members) > CHOICE_SAMPLE:
                rng = np.random.default_rng(seed)
                sample = members[np.sort(rng.choice(len(members), CHOICE_SAMPLE, replace=False))]
            best_k, best = 1, threshold
            for k in range(2, 11):
                labels = spherical_kmeans(sample, k, seed, n_init=_starts(len(sample))).labels
                score = topic_silhouette(sample, labels)
                if score > best:
                    best_k, best = k, score
            if best_k == 1:
                parts.append(centres[c : c + 1])
            else:
                found = spherical_kmeans(members, best_k, seed, n_init=_starts(len(members)))
                parts.append(found.centres)
        settled = refine(fit, np.vstack(parts).astype(fit.dtype), iterations=3)
        out = (coords @ settled.centres.T.astype(np.float32)).argmax(axis=1)
        out[~coords.any(axis=1)] = -1
        return out

    return run


def v_consensus(runs: int) -> Variant:
    """``topics-6``'s k; of ``runs`` clusterings (seeds ``seed`` on), the one that agrees
    most (mean NMI on the fitting comments) with the others: the medoid partition."""

    def run(ctx):
        space, coords, seed = ctx["space"], ctx["coords"], ctx["seed"]
        fit = coords[space.fit]
        k = balanced_chooser("macro")(fit[fit.any(axis=1)], seed)
        fixed = lambda *_: k  # noqa: E731
        found = [app_clusters(fit, coords, seed + r, fixed)[0] for r in range(runs)]
        on_fit = [f[space.fit].tolist() for f in found]
        agree = [
            np.mean([nmi(on_fit[i], on_fit[j]) for j in range(runs) if j != i]) for i in range(runs)
        ]
        return found[int(np.argmax(agree))]

    return run


VARIANTS: dict[str, Variant] = {
    "best clause": v_best_clause(whole=False, settle=0),
    "best clause + whole": v_best_clause(whole=True, settle=0),
    "best clause, settled": v_best_clause(whole=False, settle=5),
    "clause k-means": v_clause_kmeans(whole=False),
    "topical terms 1": v_topical(1.0),
    "topical terms 2": v_topical(2.0),
    "k by macro silhouette": v_balanced("macro"),
    "k by silhouette x balance": v_balanced("balance"),
    "k by macro silhouette, floor 1/3": v_balanced("macro", 1 / 3),
    "k by macro silhouette, floor 2": v_balanced("macro", 0.0),
    "two-level 0.3": v_two_level(0.3),
    "two-level 0.2": v_two_level(0.2),
    "consensus of 5": v_consensus(5),
}


def score_seed(texts: list[str], labels: list[str], seed: int, variants: list[str]):
    """NMI, topic count and seconds of ``topics-5``, the app and each variant for one seed."""
    from threadpoolctl import threadpool_limits

    from analysis.topic_terms import TOPICS_VERSION
    from analysis.topics import _space, discover_topics

    out = {}
    with threadpool_limits(limits=1):
        start = time.perf_counter()
        model = discover_topics(texts, seed=seed)
        seconds = time.perf_counter() - start
        app = f"app ({TOPICS_VERSION})"
        space = _space(texts, seed)
        assert space is not None
        coords = space.project(0, space.counts.shape[0])
        base, _ = app_clusters(coords[space.fit], coords, seed, balanced_chooser("mean"))
        out["topics-5"] = (_nmi(labels, space, base, len(texts)), _count(base), seconds)
        out[app] = (nmi(labels, model.assignments), len(model.topics), seconds)
        cache: list = []

        def clauses():
            if not cache:
                cache.append(Clauses(texts, space, seed))
            return cache[0]

        ctx = {"space": space, "coords": coords, "seed": seed, "base": base}
        ctx["clauses"] = clauses
        for name in variants:
            start = time.perf_counter()
            found = VARIANTS[name](ctx)
            seconds = time.perf_counter() - start
            out[name] = (_nmi(labels, space, found, len(texts)), _count(found), seconds)
    return out


def _nmi(labels: list[str], space, found: np.ndarray, n: int) -> float:
    """NMI of the topics ``found`` for the known comments (-1: none) against ``labels``."""
    full: list[int | None] = [None] * n
    for row, group in zip(space.rows.tolist(), found.tolist(), strict=True):
        full[row] = None if group < 0 else group
    return nmi(labels, full)


def _count(found: np.ndarray) -> int:
    return len(np.unique(found[found >= 0]))


def main(argv: list[str] | None = None) -> int:
    note = ""
    return variant_main(__doc__, VARIANTS, score_seed, "topics-5", argv, note)


if __name__ == "__main__":
    sys.exit(main())
