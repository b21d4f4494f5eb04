"""Sentiment quality: VADER ground truth (regression guard) and the workplace set.

Usage: .venv/bin/python bench/vader_gt_eval.py [--shared ../shared]
       [--split train|validation|dev|dev2|dev3|test|all ...]

Prints, for stock NLTK VADER and for Rapport: Pearson r with the human means on the four
VADER ground-truth sets, and accuracy / macro-F1 (3-class and 2-class) on the workplace
labelled set's chosen splits. ``validation`` is the separate set
``analysis/data/workplace_validation.csv`` (written after the labelled set, never tuned on);
``dev`` is the separate development set ``analysis/data/workplace_dev.csv`` (third round,
written before that round's rules and tuned on); ``dev2`` is the fourth round's development
set ``analysis/data/workplace_dev2.csv`` (written before that round's rules and tuned on);
``dev3`` holds short pulse comments the learned model is trained on
(``analysis/data/workplace_dev3.csv``); ``test`` is the labelled set's held-out
split (never tuned on).
"""

from __future__ import annotations

import argparse
import csv
import math
from importlib import resources
from pathlib import Path

from analysis.sentiment import label_of, rapport_analyzer, stock_analyzer
from analysis.sentiment.evaluation import evaluate

GT_FILES = {
    "tweets": ("tweets_GroundTruth.txt", 0.878, 0.881),
    "movie": ("movieReviewSnippets_GroundTruth.txt", 0.422, 0.451),
    "amazon": ("amazonReviewSnippets_GroundTruth.txt", 0.571, 0.565),
    "nyt": ("nytEditorialSnippets_GroundTruth.txt", 0.490, 0.492),
}


def read_ground_truth(path: Path) -> tuple[list[str], list[float]]:
    """Read ``id TAB mean(-4..4) TAB text`` lines; return texts and means scaled to -1..1."""
    texts, means = [], []
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        for line in handle:
            fields = line.rstrip("\r\n").split("\t")
            if len(fields) >= 3:
                means.append(float(fields[1]) / 4)
                texts.append(fields[2])
    return texts, means


def pearson(xs: list[float], ys: list[float]) -> float:
    """Pearson correlation of two equal-length lists."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy)


def ground_truth_r(folder: Path) -> dict[str, tuple[float, float]]:
    """Return ``{set: (stock r, rapport r)}`` for the four ground-truth sets."""
    out = {}
    for name, (filename, _, _) in GT_FILES.items():
        texts, means = read_ground_truth(folder / filename)
        stock = [stock_analyzer().polarity_scores(t)["compound"] for t in texts]
        ours = [rapport_analyzer().polarity_scores(t)["compound"] for t in texts]
        out[name] = (pearson(stock, means), pearson(ours, means))
    return out


SEPARATE_SETS = {
    "validation": "workplace_validation.csv",
    "dev": "workplace_dev.csv",
    "dev2": "workplace_dev2.csv",
    "dev3": "workplace_dev3.csv",
}


def workplace_rows(split: str) -> list[dict[str, str]]:
    """Return the rows of ``split``: ``train``/``test``/``all`` of the labelled set, or the
    separate ``validation``, ``dev``, ``dev2`` or ``dev3`` set (every row)."""
    name = SEPARATE_SETS.get(split, "workplace_labelled.csv")
    path = resources.files("analysis") / "data" / name
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [r for r in rows if split == "all" or split in SEPARATE_SETS or r["split"] == split]


def workplace_figures(split: str) -> dict[str, dict[str, tuple[float, float]]]:
    """Return ``{model: {"3-class"|"2-class": (accuracy, macro-F1)}}`` on ``split``."""
    rows = workplace_rows(split)
    out = {}
    for model, analyzer in (("stock VADER", stock_analyzer()), ("Rapport", rapport_analyzer())):
        predicted = [label_of(analyzer.polarity_scores(r["text"])["compound"]) for r in rows]
        given = [r["label"] for r in rows]
        three = evaluate(given, predicted)
        polar = [(g, p) for g, p in zip(given, predicted, strict=True) if g != "neutral"]
        two = evaluate([g for g, _ in polar], [p for _, p in polar])
        out[model] = {
            "3-class": (three.accuracy, three.macro_f1),
            "2-class": (two.accuracy, two.macro_f1),
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parents[2] / "shared"
    parser.add_argument("--shared", type=Path, default=default)
    parser.add_argument(
        "--split",
        nargs="+",
        default=["train", "validation", "test"],
        choices=["train", "validation", "dev", "dev2", "dev3", "test", "all"],
    )
    parser.add_argument("--no-gt", action="store_true", help="skip the VADER ground truth")
    args = parser.parse_args()
    if not args.no_gt:
        print("VADER ground truth, Pearson r with the human mean")
        print(f"{'set':8} {'stock':>7} {'Rapport':>8} {'diff':>7} {'paper':>6}")
        for name, (stock, ours) in ground_truth_r(args.shared / "data" / "vader_gt").items():
            paper = GT_FILES[name][2]
            print(f"{name:8} {stock:7.3f} {ours:8.3f} {ours - stock:+7.3f} {paper:6.3f}")
    for split in args.split:
        print(f"\nWorkplace comments, split={split} (accuracy / macro-F1)")
        for model, figures in workplace_figures(split).items():
            cells = "  ".join(f"{k}: {a:.3f} / {f:.3f}" for k, (a, f) in figures.items())
            print(f"{model:12} {cells}")


if __name__ == "__main__":
    main()
