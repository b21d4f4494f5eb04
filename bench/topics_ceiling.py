"""How close can k-means topics get to human categories? Ceilings in the topics' own space.

For every ``*.csv`` with ``text`` and ``label`` columns in ``--data`` (read at run time,
never stored), with :func:`analysis.topics.discover_topics`'s space and each seed:

* ``app``: the NMI of the topics the app finds (as ``bench/topics_nmi.py`` scores them);
* ``best merge``: each topic replaced by its most common category, roughly the best any
  merging of the app's topics can do;
* ``k-means from categories``: spherical k-means started at the categories' own centres
  (k = the number of categories, as good a start as exists), run to convergence;
* ``nearest category``: each comment given the category whose centre is nearest, which
  needs the categories (what the space itself can tell apart).

Texts without a topic count as one more group. A corpus whose ``k-means from categories``
stays under a bar cannot be brought over it by a rule for k, k-means starts or merging
alone; only a different space can.

    .venv/bin/python bench/topics_ceiling.py --data DIR [--seeds 0]
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.topics_nmi import load, nmi  # noqa: E402


def ceilings(texts: list[str], labels: list[str], seed: int) -> dict[str, float]:
    """The four figures of the module docs for one corpus and seed."""
    from analysis.topic_clusters import refine
    from analysis.topics import _space, discover_topics

    model = discover_topics(texts, seed=seed)
    groups: dict[int | None, Counter[str]] = {}
    for label, topic in zip(labels, model.assignments, strict=True):
        groups.setdefault(topic, Counter())[label] += 1
    common = {topic: counts.most_common(1)[0][0] for topic, counts in groups.items()}
    space = _space(texts, seed)
    assert space is not None
    coords = space.project(0, space.counts.shape[0])
    names = sorted(set(labels))
    of_row = np.array([names.index(labels[r]) for r in space.rows.tolist()])
    centres = np.stack([coords[of_row == c].sum(axis=0) for c in range(len(names))])
    centres /= np.maximum(np.linalg.norm(centres, axis=1, keepdims=True), 1e-12)

    def scored(found: np.ndarray) -> float:
        full: list[int | None] = [None] * len(texts)
        for row, group in zip(space.rows.tolist(), found.tolist(), strict=True):
            full[row] = group
        return nmi(labels, full)

    return {
        "app": nmi(labels, model.assignments),
        "best merge": nmi(labels, [common[t] for t in model.assignments]),
        "k-means from categories": scored(refine(coords, centres, iterations=30).labels),
        "nearest category": scored((coords @ centres.T).argmax(axis=1)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, type=Path, help="folder of labelled CSVs")
    parser.add_argument("--seeds", nargs="+", type=int, default=[0])
    args = parser.parse_args(argv)
    files = sorted(args.data.glob("*.csv"))
    if not files:
        print(f"No CSV files in {args.data}.")
        return 1
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("| corpus | seed | app | best merge | k-means from categories | nearest category |")
    print("|---|---:|---:|---:|---:|---:|")
    for path in files:
        texts, labels = load(path)
        for seed in args.seeds:
            found = ceilings(texts, labels, seed)
            cells = " | ".join(f"{value:.3f}" for value in found.values())
            print(f"| {path.stem} | {seed} | {cells} |", flush=True)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
