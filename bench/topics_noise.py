"""A noise topic and SIF weights against ``topics-6``: NMI by corpus.

For every ``*.csv`` with ``text`` and ``label`` columns in ``--data`` (real comments coded by
people, read at run time and never stored), each seed, and each corpus again with e-mail
boilerplate (as ``bench/topics_nmi.py`` adds it), this scores the NMI against the labels of
``topics-6`` (the app's terms, space, number of topics and clustering, rebuilt from its
parts: the same figures as :func:`analysis.topics.discover_topics`, printed as ``app``) and
of variants that keep its terms, space and number of topics:

* ``noise q``: after the app's clustering, ten k-means steps in which the share ``q`` of
  the fitting comments farthest from their centre (the lowest cosine over all of them)
  counts in no centre: a noise topic for comments without a clear subject, so that they
  do not pull the centres together; every comment still joins its nearest centre.
* ``noise per topic q``: the same, the share ``q`` taken within each topic.
* ``soft noise k, q``: soft spherical k-means (a mixture of von Mises-Fisher
  distributions with one shared concentration ``k``) with a noise component of constant
  density, set at the cosine below which the share ``q`` of the comments lie after the
  app's clustering; ten steps; each comment then joins its nearest centre.
* ``things weighted up, w = w``: each term's idf times ``w`` plus the share of its uses
  after an article, a possessive or a preposition (the labels' cue, counted on the fitting
  comments), so "luggage" outweighs "waiting"; ``topics-5``'s round tried it with k by the
  mean silhouette, this runs it with ``topics-6``'s choice of k (``square root``: the
  share's square root). The app's k is chosen again.
* ``thing contexts s``: word vectors whose contexts are only the share ``s`` of the
  vector terms most often used as things (the same cue): the PPMI matrix keeps only their
  rows, and a term's vector comes from the right singular vectors of what remains (as in
  the app), so each term is placed by its PMI with the things rather than with every word
  ("all": every row, the app's vectors). The app's k is chosen again.
* ``idf x SIF a``: each term's idf times ``a / (a + p)``, ``p`` its share of all term
  uses (Arora et al.'s smooth inverse frequency on top of the app's weight, where
  ``topics-4`` tried it instead of the idf); the app's k is chosen again.

A comment with no counted term gets no topic, as in the app. At the end, leaving each
corpus out in turn, the variant with the best mean on the other three (whole corpora, no
boilerplate) and its score on the one left out. ``--sizes 300 1000 2000`` also scores
``--samples`` seeded random samples of each size, as ``bench/topics_nmi.py`` draws them
(sample ``i`` discovered with seed ``i``).

    .venv/bin/python bench/topics_noise.py --data DIR [--seeds 0 1 2] [--variants ...]
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
from bench.topics_clauses import _count, _nmi, app_clusters, balanced_chooser  # noqa: E402
from bench.topics_nmi import nmi  # noqa: E402

STEPS = 10
BASE = "topics-6"


def _unit(matrix: np.ndarray) -> np.ndarray:
    return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)


def _assign(coords: np.ndarray, centres: np.ndarray) -> np.ndarray:
    out = (coords @ centres.T.astype(coords.dtype)).argmax(axis=1)
    out[~coords.any(axis=1)] = -1
    return out


def trimmed(fit: np.ndarray, centres: np.ndarray, share: float, per_topic: bool) -> np.ndarray:
    """Centres after :data:`STEPS` steps that leave the farthest ``share`` out of the sums."""
    k = len(centres)
    for _ in range(STEPS):
        sims = fit @ centres.T
        labels = sims.argmax(axis=1)
        close = sims[np.arange(len(fit)), labels]
        keep = np.ones(len(fit), dtype=bool)
        if per_topic:
            for c in range(k):
                members = labels == c
                if members.sum() > 1:
                    keep[members] = close[members] >= np.quantile(close[members], share)
        else:
            keep = close >= np.quantile(close, share)
        sums = np.zeros_like(centres)
        np.add.at(sums, labels[keep], fit[keep])
        empty = ~sums.any(axis=1)
        sums[empty] = centres[empty]
        centres = _unit(sums).astype(fit.dtype)
    return centres


def soft_noise(fit: np.ndarray, centres: np.ndarray, kappa: float, share: float) -> np.ndarray:
    """Centres of a shared-concentration vMF mixture with a constant-density noise part."""
    floor = float(np.quantile((fit @ centres.T).max(axis=1), share))
    for _ in range(STEPS):
        logits = kappa * (fit @ centres.T - 1.0)
        noise = np.full((len(fit), 1), kappa * (floor - 1.0), dtype=logits.dtype)
        both = np.hstack([logits, noise])
        both = np.exp(both - both.max(axis=1, keepdims=True))
        resp = both[:, :-1] / both.sum(axis=1, keepdims=True)
        sums = resp.T @ fit
        empty = ~sums.any(axis=1)
        sums[empty] = centres[empty]
        centres = _unit(sums).astype(fit.dtype)
    return centres


Variant = Callable[[dict], np.ndarray]


def v_trimmed(share: float, per_topic: bool) -> Variant:
    def run(ctx):
        return _assign(ctx["coords"], trimmed(ctx["fit"], ctx["centres"], share, per_topic))

    return run


def v_soft(kappa: float, share: float) -> Variant:
    def run(ctx):
        return _assign(ctx["coords"], soft_noise(ctx["fit"], ctx["centres"], kappa, share))

    return run


def v_sif(a: float) -> Variant:
    def run(ctx):
        from analysis.topic_space import Space

        space = ctx["space"]
        old = space.space
        uses = np.asarray(space.counts.sum(axis=0)).ravel().astype(np.float64)
        p = uses / max(uses.sum(), 1.0)
        new = Space(old.names, old.idf * (a / (a + p)), old.vectors)
        coords = new.embed(space.counts)
        chooser = balanced_chooser("macro")
        out, _ = app_clusters(coords[space.fit], coords, ctx["seed"], chooser)
        return out

    return run


def v_things(floor: float, power: float = 1.0) -> Variant:
    def run(ctx):
        from analysis.topic_space import Space

        space = ctx["space"]
        old = space.space
        share = _fit_shares(ctx)
        new = Space(old.names, old.idf * (floor + share**power), old.vectors)
        coords = new.embed(space.counts)
        chooser = balanced_chooser("macro")
        out, _ = app_clusters(coords[space.fit], coords, ctx["seed"], chooser)
        return out

    return run


def _fit_shares(ctx) -> np.ndarray:
    """The labels' thing share of every term, counted on the fitting comments."""
    from analysis.topic_labels import thing_shares

    space = ctx["space"]
    if "shares" not in ctx:
        texts = [ctx["texts"][i] for i in space.rows[space.fit].tolist()]
        shares = thing_shares(texts, set(space.space.names))
        ctx["shares"] = np.array([shares.get(name, 0.0) for name in space.space.names])
    return ctx["shares"]


def v_thing_contexts(keep: float) -> Variant:
    """Word vectors whose contexts are only the share ``keep`` of the vector terms most
    often used as things: each term is placed by the things it is used with."""

    def run(ctx):
        from analysis.topic_space import DIMENSIONS, PPMI_TERMS, Space, ppmi, randomized_svd

        space, seed = ctx["space"], ctx["seed"]
        old = space.space
        if old.vectors is None:
            return _assign(ctx["coords"], ctx["centres"])
        counts = space.counts[space.fit]
        df = np.bincount(counts.indices, minlength=counts.shape[1]).astype(np.float64)
        top = np.sort(np.argsort(-df, kind="stable")[:PPMI_TERMS])
        binary = counts[:, top].tocsr()
        binary.data[:] = 1.0
        share = _fit_shares(ctx)[top]
        contexts = share >= np.quantile(share, 1.0 - keep) if keep < 1 else share >= 0
        sub = ppmi(binary)[np.flatnonzero(contexts)].tocsr()  # things' rows, every column
        values, right = randomized_svd(sub, min(DIMENSIONS, int(contexts.sum()) - 1), seed)
        vectors = np.zeros((counts.shape[1], len(values)), dtype=np.float32)
        vectors[top] = (right.T * np.sqrt(values)).astype(np.float32)
        coords = Space(old.names, old.idf, vectors).embed(space.counts)
        out, _ = app_clusters(coords[space.fit], coords, seed, balanced_chooser("macro"))
        return out

    return run


VARIANTS: dict[str, Variant] = {
    "noise 0.2": v_trimmed(0.2, per_topic=False),
    "noise 0.4": v_trimmed(0.4, per_topic=False),
    "noise per topic 0.3": v_trimmed(0.3, per_topic=True),
    "soft noise 10, 0.2": v_soft(10.0, 0.2),
    "soft noise 20, 0.3": v_soft(20.0, 0.3),
    "idf x SIF 1e-3": v_sif(1e-3),
    "idf x SIF 1e-4": v_sif(1e-4),
    "thing contexts, all": v_thing_contexts(1.0),
    "thing contexts 1/2": v_thing_contexts(0.5),
    "thing contexts 1/3": v_thing_contexts(1 / 3),
    "things weighted up, w = 1": v_things(1.0),
    "things weighted up, w = 2": v_things(2.0),
    "things, square root, w = 1": v_things(1.0, 0.5),
}


def score_seed(texts: list[str], labels: list[str], seed: int, variants: list[str]):
    """NMI, topic count and seconds of the app, ``topics-6`` rebuilt and each variant."""
    from threadpoolctl import threadpool_limits

    from analysis.topics import _space, discover_topics

    out = {}
    with threadpool_limits(limits=1):
        start = time.perf_counter()
        model = discover_topics(texts, seed=seed)
        out["app"] = (nmi(labels, model.assignments), len(model.topics), 0.0)
        out["app"] = out["app"][:2] + (time.perf_counter() - start,)
        space = _space(texts, seed)
        assert space is not None
        coords = space.project(0, space.counts.shape[0])
        start = time.perf_counter()
        base, centres = app_clusters(coords[space.fit], coords, seed, balanced_chooser("macro"))
        out[BASE] = (_nmi(labels, space, base, len(texts)), _count(base), 0.0)
        fit = coords[space.fit]
        ctx = {"space": space, "coords": coords, "seed": seed, "centres": centres, "texts": texts}
        ctx["fit"] = fit[fit.any(axis=1)]
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
