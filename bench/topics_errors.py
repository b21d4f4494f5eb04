"""Where discovered topics and human categories disagree: contingency tables and NMI by k.

For every ``*.csv`` with ``text`` and ``label`` columns in ``--data`` (real comments coded by
people, read at run time and never stored), and each seed, this prints:

* the app's choice: its candidates' topic silhouettes (the numbers of topics it weighs)
  and the k it picks (:func:`analysis.topics.discover_topics`);
* for every k of ``--ks`` (4 to 24 by default), the NMI of the app's clustering with that
  k (the same space, choice-sample starts, settling and assignment as the app, only k
  fixed) and the topic silhouette of its tightest start on the choice sample (what
  ``topics-12`` chose by; ``topics-13`` takes the median over the starts), so the NMI
  curve can be read beside what the silhouette sees;
* with ``--table`` (seed 0 only), the contingency table of the app's topics x the human
  categories: for each category its size, how many topics hold 80 % of it and its largest
  topic's share; for each topic its size, purity and its two largest categories; and the
  comments with no topic.

    .venv/bin/python bench/topics_errors.py --data DIR [--only CORPUS ...] [--seeds 0 1 2]
        [--ks 4 5 ... 24] [--table]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def clustering_at(space, fit_coords, k: int, seed: int) -> tuple[np.ndarray, float]:
    """The app's topics of every known comment with ``k`` fixed, and their topic silhouette
    on the choice sample (the starts are the choice's: :data:`~analysis.topics.CHOICE_STEPS`
    Lloyd steps of the app's k-means++ starts there)."""
    from analysis.topic_clusters import spherical_kmeans, topic_silhouette
    from analysis.topics import CHOICE_SAMPLE, CHOICE_STEPS, _cluster, _starts
    from surveys.progress import no_progress

    coords = fit_coords
    if len(coords) > CHOICE_SAMPLE:
        rng = np.random.default_rng(seed)
        coords = coords[np.sort(rng.choice(len(coords), CHOICE_SAMPLE, replace=False))]
    found = spherical_kmeans(coords, k, seed, _starts(len(coords)), CHOICE_STEPS)
    score = topic_silhouette(coords, found.labels) if len(set(found.labels.tolist())) > 1 else -1
    labels, _, _ = _cluster(space, fit_coords, k, seed, no_progress, found.centres)
    return labels, float(score)


def full_assignments(space, labels: np.ndarray, n: int) -> list[int | None]:
    """Topic of each text (``None``: no topic) from the labels of the known comments."""
    out: list[int | None] = [None] * n
    for row, label in zip(space.rows.tolist(), labels.tolist(), strict=True):
        out[row] = None if label < 0 else label
    return out


def contingency(topics: list[int | None], labels: list[str]) -> None:
    """Print the topics x categories summary described in the module docstring."""
    cats = Counter(labels)
    by_cat: dict[str, Counter] = {c: Counter() for c in cats}
    by_topic: dict[int | None, Counter] = {}
    for t, c in zip(topics, labels, strict=True):
        by_cat[c][t] += 1
        by_topic.setdefault(t, Counter())[c] += 1
    n = len(labels)
    print(
        "\n| category | comments | share | topics holding 80 % | largest topic's share | no topic |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for c, size in cats.most_common():
        spread = sorted((v for t, v in by_cat[c].items() if t is not None), reverse=True)
        held, need = 0, 0
        for v in spread:
            if held >= 0.8 * size:
                break
            held, need = held + v, need + 1
        top = spread[0] / size if spread else 0.0
        print(f"| {c} | {size} | {size / n:.1%} | {need} | {top:.0%} | {by_cat[c][None]} |")
    print("\n| topic | comments | purity | largest categories |")
    print("|---:|---:|---:|---|")
    order = sorted((t for t in by_topic if t is not None), key=lambda t: -sum(by_topic[t].values()))
    for t in order + ([None] if None in by_topic else []):
        count = by_topic[t]
        size = sum(count.values())
        top = ", ".join(f"{c} {v / size:.0%}" for c, v in count.most_common(3))
        name = "none" if t is None else str(t)
        print(f"| {name} | {size} | {count.most_common(1)[0][1] / size:.0%} | {top} |")


def run_corpus(path: Path, seeds: list[int], ks: list[int], table: bool) -> None:
    """Print the choice, the NMI curve and (seed 0, ``table``) the contingency table."""
    from threadpoolctl import threadpool_limits

    from analysis.topics import _fit_coords, _space, discover_topics
    from bench.topics_nmi import load, nmi

    texts, labels = load(path)
    print(f"\n## {path.stem} ({len(texts):,} texts, {len(set(labels))} categories)")
    curves: dict[int, list[tuple[float, float]]] = {k: [] for k in ks}
    for seed in seeds:
        with threadpool_limits(limits=1):
            model = discover_topics(texts, seed=seed)
            picked = max(model.selection, key=lambda c: (model.selection[c], -c))
            scores = " ".join(f"{k}:{s:.3f}" for k, s in sorted(model.selection.items()))
            print(f"seed {seed}: app picks {picked} (NMI {nmi(labels, model.assignments):.3f});")
            print(f"  topic silhouette of its candidates: {scores}")
            if table and seed == seeds[0]:
                contingency(model.assignments, labels)
            space = _space(texts, seed)
            fit_coords = _fit_coords(space)
            for k in ks:
                found, score = clustering_at(space, fit_coords, k, seed)
                curves[k].append((nmi(labels, full_assignments(space, found, len(texts))), score))
    print("\n| k | NMI " + " | ".join(f"s{s}" for s in seeds) + " | mean | topic silhouette |")
    print("|---:|" + "---:|" * (len(seeds) + 2))
    for k in ks:
        values = [v for v, _ in curves[k]]
        sil = np.mean([s for _, s in curves[k]])
        cells = " | ".join(f"{v:.3f}" for v in values)
        print(f"| {k} | {cells} | {np.mean(values):.3f} | {sil:.3f} |", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, type=Path, help="folder of labelled CSVs")
    parser.add_argument("--only", nargs="+", default=[], help="corpus file stems to run")
    parser.add_argument("--seeds", nargs="+", type=int, default=[0, 1, 2])
    parser.add_argument("--ks", nargs="+", type=int, default=list(range(4, 25)))
    parser.add_argument("--table", action="store_true", help="the contingency table (seed 0)")
    args = parser.parse_args(argv)
    files = [f for f in sorted(args.data.glob("*.csv")) if not args.only or f.stem in args.only]
    if not files:
        print(f"No CSV files in {args.data}.")
        return 1
    for path in files:
        run_corpus(path, args.seeds, args.ks, args.table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
