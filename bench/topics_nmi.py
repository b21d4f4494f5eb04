"""How well discovered topics match human categories: NMI on labelled corpora, same run.

For every ``*.csv`` with ``text`` and ``label`` columns in ``--data`` (real comments coded by
people; they are read at run time and never stored in the repository), this runs:

* ``rapport``: :func:`analysis.topics.discover_topics` as the app runs it (number of topics
  chosen automatically), seeds 0, 1 and 2 (mean and standard deviation);
* ``rapport topics-1``: the discovery Rapport shipped before (``bench/topics_v1.py``);
* three notebook baselines: ``LDA(10)`` on word counts, ``NMF(10)`` and
  ``LSA + k-means(20)`` (100 dimensions) on sublinear TF-IDF, scikit-learn's English stop
  words and defaults, seed 0.

Each corpus is also run with e-mail boilerplate added (a greeting, a sign-off and sometimes a
"Sent: ... PM" line around each text, seeded), as short tickets are often written. The score
is scikit-learn's normalised mutual information between the topic of each text and its
label; texts without a topic count as one more group. Also printed: the number of topics,
seconds per run and the load average.

``--sizes 300 1000 2000`` also scores ``--samples`` seeded random samples of each size (a
set of complaints to analyse may be small): sample ``i`` is drawn with seed ``100 + i`` and
discovered with seed ``i``; mean and standard deviation over the samples.

    .venv/bin/python bench/topics_nmi.py --data DIR [--only rapport] [--seeds 0 1 2]
        [--sizes 300 1000 2000] [--samples 6]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

GREETINGS = ["Hi,", "Hello,", "Hi team,", "Hello team,", "Dear support,", "Hi all,", "Hey,", ""]
SIGN_OFFS = [
    "Thanks", "Thank you", "Regards", "Kind regards", "Best regards", "Many thanks",
    "Thanks in advance", "Please advise. Thanks", "Cheers", "",
]  # fmt: skip
HEADERS = ["Sent: Monday 3:04 PM", "Sent: Tuesday, March 12, 10:15 AM", "Subject: RE: FW: request"]


def load(path: Path) -> tuple[list[str], list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [r["text"] for r in rows], [r["label"] for r in rows]


def with_boilerplate(texts: list[str], seed: int = 0) -> list[str]:
    """Each text between a greeting and a sign-off, some with an e-mail header line."""
    rng = random.Random(seed)
    out = []
    for text in texts:
        header = rng.choice(HEADERS) + "\n" if rng.random() < 0.3 else ""
        parts = [header + rng.choice(GREETINGS), text, rng.choice(SIGN_OFFS)]
        out.append(" ".join(p for p in parts if p))
    return out


def nmi(labels: list[str], topics) -> float:
    from sklearn.metrics import normalized_mutual_info_score

    return float(normalized_mutual_info_score(labels, [-1 if t is None else t for t in topics]))


def rapport(texts: list[str], seed: int):
    from analysis.topics import discover_topics

    model = discover_topics(texts, seed=seed)
    return model.assignments, len(model.topics)


def rapport_v2(texts: list[str], seed: int):
    from bench.topics_v2 import discover_topics

    model = discover_topics(texts, seed=seed)
    return model.assignments, len(model.topics)


def rapport_v1(texts: list[str], seed: int):
    from bench.topics_v1 import discover_topics

    model = discover_topics(texts, seed=seed)
    return model.assignments, len(model.topics)


def _tfidf(texts: list[str]):
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(stop_words="english", min_df=2, sublinear_tf=True).fit_transform(texts)


def lda10(texts: list[str], seed: int):
    from sklearn.decomposition import LatentDirichletAllocation
    from sklearn.feature_extraction.text import CountVectorizer

    counts = CountVectorizer(stop_words="english", min_df=2).fit_transform(texts)
    weights = LatentDirichletAllocation(n_components=10, random_state=seed).fit_transform(counts)
    return _argmax(weights), 10


def nmf10(texts: list[str], seed: int):
    import warnings

    from sklearn.decomposition import NMF

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        weights = NMF(n_components=10, random_state=seed).fit_transform(_tfidf(texts))
    return _argmax(weights), 10


def lsa_kmeans20(texts: list[str], seed: int):
    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    coords = normalize(TruncatedSVD(100, random_state=seed).fit_transform(_tfidf(texts)))
    return KMeans(n_clusters=20, random_state=seed).fit_predict(coords).tolist(), 20


def _argmax(weights: np.ndarray) -> list[int | None]:
    best = weights.argmax(axis=1)
    return [int(b) if weights[i, b] > 0 else None for i, b in enumerate(best)]


METHODS = {
    "rapport": rapport,
    "rapport topics-2": rapport_v2,
    "rapport topics-1": rapport_v1,
    "LDA(10)": lda10,
    "NMF(10)": nmf10,
    "LSA + k-means(20)": lsa_kmeans20,
}


def measure(method, runs, seeds) -> tuple[list[float], list[int], float]:
    """NMI and topic count of every run: each (texts, labels) with each seed, or its own."""
    scores, counts, start = [], [], time.perf_counter()
    for i, (texts, labels) in enumerate(runs):
        for seed in seeds if len(runs) == 1 else [i]:  # a sample: seeded by its number
            topics, k = method(texts, seed)
            scores.append(nmi(labels, topics))
            counts.append(k)
    return scores, counts, (time.perf_counter() - start) / len(scores)


def samples(texts: list[str], labels: list[str], size: int, count: int):
    """``count`` seeded random samples of ``size`` texts (with their labels)."""
    out = []
    for i in range(count):
        rng = np.random.default_rng(100 + i)
        chosen = np.sort(rng.choice(len(texts), size, replace=False)).tolist()
        out.append(([texts[j] for j in chosen], [labels[j] for j in chosen]))
    return out


def show(scores: list[float]) -> str:
    if len(scores) == 1:
        return f"{scores[0]:.3f}"
    return f"{statistics.mean(scores):.3f} ± {statistics.stdev(scores):.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, type=Path, help="folder of labelled CSVs")
    default = [m for m in METHODS if m != "rapport topics-1"]
    parser.add_argument("--only", nargs="+", choices=list(METHODS), default=default)
    parser.add_argument("--seeds", nargs="+", type=int, default=[0, 1, 2])
    parser.add_argument("--no-boilerplate", action="store_true")
    parser.add_argument(
        "--sizes", nargs="+", type=int, default=[], help="also score random samples this big"
    )
    parser.add_argument("--samples", type=int, default=6, help="samples of each size")
    args = parser.parse_args(argv)
    files = sorted(args.data.glob("*.csv"))
    if not files:
        print(f"No CSV files in {args.data}.")
        return 1
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("| corpus | texts | labels | method | NMI | topics | s per run |")
    print("|---|---:|---:|---|---:|---:|---:|")
    variants = [False] if args.no_boilerplate else [False, True]
    for path in files:
        base_texts, labels = load(path)
        jobs = [(path.stem + (" + boilerplate" if b else ""), b, None) for b in variants]
        jobs += [(f"{path.stem}, samples of {n:,}", False, n) for n in args.sizes]
        for name, boiler, size in jobs:
            texts = with_boilerplate(base_texts) if boiler else base_texts
            if size is not None and size >= len(texts):
                continue
            runs = [(texts, labels)] if size is None else samples(texts, labels, size, args.samples)
            for method in args.only:
                seeds = args.seeds if method.startswith("rapport") else [0]
                scores, counts, seconds = measure(METHODS[method], runs, seeds)
                k = "/".join(str(c) for c in sorted(set(counts)))
                print(
                    f"| {name} | {len(runs[0][0]):,} | {len(set(labels))} | {method} | "
                    f"{show(scores)} | {k} | {seconds:.1f} |",
                    flush=True,
                )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
