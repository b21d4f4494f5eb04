"""Which way of placing comments finds human categories best, judged corpus by corpus.

The choices behind ``analysis/topic_space.py`` (weighting, LSA or word vectors, context
smoothing, dimensions, word pairs, dropping the first component...), each run on every
labelled CSV in ``--data`` with the number of topics fixed at 10, 20 and 30 and seeds 0,
1, 2 (the number of topics is left out, so the placing alone is compared). Term reading
(``analysis.topic_terms``) and spherical k-means (``analysis.topic_clusters``) are the
app's; the variants are written here. Prints the mean NMI of each variant on each corpus
(over the three numbers of topics and seeds), then a leave-one-corpus-out check: for each
corpus, the variant with the best mean on the *other* corpora, and its score on the one
left out, beside the best possible and today's LSA.

    .venv/bin/python bench/topics_ablation.py --data DIR [--only NAME ...]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np
from scipy import sparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.topic_clusters import spherical_kmeans  # noqa: E402
from analysis.topic_space import (  # noqa: E402
    count_matrix,
    learn_vocabulary,
    randomized_svd,
    unit_rows,
)
from analysis.topic_terms import learn_edge_phrases  # noqa: E402
from bench.topics_nmi import load, nmi  # noqa: E402

BASE = {"space": "lsa", "weight": "sublinear", "dims": 100, "pairs": True}
VARIANTS = {
    "LSA, sublinear TF-IDF (topics-2)": {},
    "LSA, first component dropped": {"drop": 1},
    "LSA, binary TF-IDF": {"weight": "binary"},
    "LSA, BM25": {"weight": "bm25"},
    "LSA, no word pairs": {"pairs": False},
    "LSA, 50 dimensions": {"dims": 50},
    "LSA, 200 dimensions": {"dims": 200},
    "k-means on BM25 rows": {"space": "rows", "weight": "bm25"},
    "PPMI, no context smoothing, BM25": {"space": "ppmi", "weight": "bm25", "smoothing": 1.0},
    "PPMI 0.75, BM25": {"space": "ppmi", "weight": "bm25"},
    "PPMI, smoothing 0.5": {"space": "ppmi", "weight": "bm25", "smoothing": 0.5},
    "PPMI 0.75, sublinear TF-IDF (topics-3)": {"space": "ppmi"},
    "PPMI 0.75, no word pairs": {"space": "ppmi", "weight": "bm25", "pairs": False},
    "PPMI 0.75, 50 dimensions": {"space": "ppmi", "weight": "bm25", "dims": 50},
    "PPMI 0.75, 200 dimensions": {"space": "ppmi", "weight": "bm25", "dims": 200},
    "PPMI 0.75, common component removed": {"space": "ppmi", "weight": "bm25", "drop": 1},
    "PPMI 0.75 + LSA side by side": {"space": "both", "weight": "bm25"},
}
TOPICS = (10, 20, 30)
SEEDS = (0, 1, 2)


def weigh(counts: sparse.csr_matrix, how: str) -> sparse.csr_matrix:
    """Term weights of a count matrix: sublinear or binary TF-IDF, or BM25."""
    n = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1]).astype(float)
    weights = counts.astype(np.float64)
    if how == "bm25":
        length = np.repeat(np.asarray(counts.sum(axis=1)).ravel(), np.diff(counts.indptr))
        tf = weights.data
        weights.data = tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * length / length.mean()))
        idf = np.log1p((n - df + 0.5) / (df + 0.5))
    else:
        weights.data = 1 + np.log(weights.data) if how == "sublinear" else weights.data * 0 + 1
        idf = np.log((1 + n) / (1 + df)) + 1
    weights = (weights @ sparse.diags(idf)).tocsr()
    norms = np.sqrt(np.asarray(weights.multiply(weights).sum(axis=1)).ravel())
    return (sparse.diags(1 / np.maximum(norms, 1e-12)) @ weights).tocsr()


def ppmi_vectors(counts: sparse.csr_matrix, dims: int, seed: int, smoothing: float):
    binary = counts.copy()
    binary.data[:] = 1.0
    pairs = (binary.T @ binary).tocoo()
    df = np.asarray(binary.sum(axis=0)).ravel()
    context = df**smoothing
    context *= df.sum() / context.sum()
    pmi = np.log(pairs.data * counts.shape[0] / (df[pairs.row] * context[pairs.col]))
    keep = (pmi > 0) & (pairs.row != pairs.col)
    matrix = sparse.csr_matrix((pmi[keep], (pairs.row[keep], pairs.col[keep])), pairs.shape)
    values, right = randomized_svd(matrix, dims, seed)
    return right.T * np.sqrt(values)


def place(counts: sparse.csr_matrix, v: dict, seed: int) -> np.ndarray:
    """Unit-length coordinates of the comments under variant ``v``."""
    weights = weigh(counts, v["weight"])
    drop = v.get("drop", 0)
    if v["space"] == "rows":
        return weights.toarray()
    parts = []
    if v["space"] in ("lsa", "both"):
        _, right = randomized_svd(weights, v["dims"] + drop, seed)
        parts.append(unit_rows(np.asarray(weights @ right.T)[:, drop:]))
    if v["space"] in ("ppmi", "both"):
        coords = unit_rows(
            np.asarray(weights @ ppmi_vectors(counts, v["dims"], seed, v.get("smoothing", 0.75)))
        )
        if drop:  # the common direction of all comments (as in SIF sentence vectors)
            _, first = randomized_svd(sparse.csr_matrix(coords), 1, 0)
            coords = coords - (coords @ first.T) @ first
        parts.append(unit_rows(coords))
    return unit_rows(np.hstack(parts)).astype(np.float32)


def term_lists(texts: list[str], pairs: bool) -> list[list[str]]:
    reader = learn_edge_phrases(texts)
    docs = [reader(t) for t in texts]
    return docs if pairs else [[t for t in d if " " not in t] for d in docs]


def score(texts: list[str], labels: list[str], v: dict) -> float:
    docs = term_lists(texts, v["pairs"])
    names = learn_vocabulary(docs)
    counts = count_matrix(docs, {t: i for i, t in enumerate(names)})
    known = counts.getnnz(axis=1) > 0
    out = []
    for seed in SEEDS:
        coords = place(counts[known], v, seed)
        for k in TOPICS:
            topics = np.full(len(texts), -1)
            topics[known] = spherical_kmeans(coords, k, seed, n_init=3).labels
            out.append(nmi(labels, topics.tolist()))
    return float(np.mean(out))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, type=Path)
    parser.add_argument("--only", nargs="+", choices=list(VARIANTS), default=list(VARIANTS))
    args = parser.parse_args(argv)
    from threadpoolctl import threadpool_limits

    corpora = {p.stem: load(p) for p in sorted(args.data.glob("*.csv"))}
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("| variant | " + " | ".join(corpora) + " | mean |")
    print("|---|" + "---:|" * (len(corpora) + 1))
    table: dict[str, np.ndarray] = {}
    with threadpool_limits(limits=1):
        for name in args.only:
            v = {**BASE, **VARIANTS[name]}
            table[name] = np.array([score(t, lab, v) for t, lab in corpora.values()])
            cells = " | ".join(f"{x:.3f}" for x in table[name])
            print(f"| {name} | {cells} | {table[name].mean():.3f} |", flush=True)
    print("\nLeave one corpus out (variant chosen on the other corpora):\n")
    today = table.get("LSA, sublinear TF-IDF (topics-2)")
    for i, corpus in enumerate(corpora):
        others = [j for j in range(len(corpora)) if j != i]
        chosen = max(table, key=lambda n: table[n][others].mean())
        line = f"- {corpus}: {chosen} -> {table[chosen][i]:.3f} (best of all "
        line += f"{max(r[i] for r in table.values()):.3f}"
        print(line + (f", topics-2 {today[i]:.3f})" if today is not None else ")"))
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
