"""How Rapport labels real text that is not a pulse comment, beside stock VADER.

The learned model was trained on review pros and cons and on Rapport's own comments. HR may
also import text of other kinds (requests to a service desk, complaints, patient-style
feedback), so this prints, for every ``*.csv`` with a ``text`` column in ``--data`` (real
texts read at run time, never stored in the repository), the share of texts each scorer
labels negative, neutral and positive, and a few texts the model calls negative. There are
no sentiment labels: it shows how the labels are spread, not whether each one is right.
What to expect of each corpus is for the reader (a set of complaints should read
negative; requests to an assistant are mostly neither).

    .venv/bin/python bench/sentiment_other_text.py --data DIR [--examples 8]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

LABELS = ("negative", "neutral", "positive")


def shares(labels: list[str]) -> str:
    counts = Counter(labels)
    return "  ".join(f"{label[:3]} {counts[label] / max(1, len(labels)):5.1%}" for label in LABELS)


def vader_labels(texts: list[str]) -> list[str]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from analysis.sentiment import label_of

    stock = SentimentIntensityAnalyzer()
    return [label_of(stock.polarity_scores(text)["compound"]) for text in texts]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, type=Path, help="folder of CSVs with `text`")
    parser.add_argument("--examples", type=int, default=8, help="negatives shown per corpus")
    args = parser.parse_args(argv)
    from analysis.sentiment import label_of, score_texts

    for path in sorted(args.data.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            texts = [row["text"] for row in csv.DictReader(handle)]
        ours = [label_of(score) for score in score_texts(texts)]
        print(f"{path.name} ({len(texts):,} texts)")
        print(f"  rapport      {shares(ours)}")
        print(f"  stock VADER  {shares(vader_labels(texts))}")
        negative = [text for text, label in zip(texts, ours, strict=True) if label == "negative"]
        for text in random.Random(1).sample(negative, min(args.examples, len(negative))):
            print(f"    negative: {text[:100]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
