"""Sentiment scoring speed: Rapport's score_texts vs a plain loop over NLTK's VADER.

Usage: .venv/bin/python bench/sentiment_bench.py [--shared ../shared] [--repeated N]

Prints texts/s for a plain loop over ``nltk``'s ``SentimentIntensityAnalyzer.polarity_scores``
(stock VADER lexicon) and for ``analysis.sentiment.score_texts`` (Rapport: workplace lexicon
and rules, cold cache) on the same texts, in the same run, and the speed-up. Two inputs:
all-distinct texts (the VADER ground-truth sets) and workspace-like text that repeats (N
comments drawn from the workplace labelled set). It also verifies that no score changed:
Rapport's tokeniser without additions gives exactly NLTK's dictionaries, and score_texts
gives exactly a per-text loop over Rapport's analyzer.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

from nltk.sentiment.vader import SentimentIntensityAnalyzer, VaderConstants

from analysis import sentiment
from analysis.sentiment_lexicon import vader_lexicon_text

sys.path.insert(0, str(Path(__file__).parent))
from vader_gt_eval import GT_FILES, read_ground_truth, workplace_rows  # noqa: E402


def nltk_vader() -> SentimentIntensityAnalyzer:
    """NLTK's own analyzer with VADER's lexicon (bypassing nltk.data, which is not installed)."""
    analyzer = SentimentIntensityAnalyzer.__new__(SentimentIntensityAnalyzer)
    analyzer.lexicon_file = vader_lexicon_text()
    analyzer.lexicon = analyzer.make_lex_dict()
    analyzer.constants = VaderConstants()
    return analyzer


def timed(label: str, func, texts: list[str]) -> tuple[float, list]:
    start = time.perf_counter()
    result = func(texts)
    seconds = time.perf_counter() - start
    print(f"  {label:44} {seconds:7.2f} s  {len(texts) / seconds:9.0f} texts/s")
    return seconds, result


def compare(name: str, texts: list[str], pool: bool) -> None:
    print(f"\n{name}: {len(texts)} texts, {len(set(texts))} distinct")
    baseline = nltk_vader()
    base_s, _ = timed(
        "plain loop, NLTK polarity_scores",
        lambda ts: [baseline.polarity_scores(t) for t in ts],
        texts,
    )
    sentiment.clear_cache()
    threshold = sentiment.POOL_THRESHOLD
    sentiment.POOL_THRESHOLD = threshold if pool else 10**12
    try:
        ours_s, ours = timed(
            f"Rapport score_texts ({'pool allowed' if pool else 'one process'})",
            sentiment.score_texts,
            texts,
        )
    finally:
        sentiment.POOL_THRESHOLD = threshold
    print(f"  speed-up: {base_s / ours_s:.2f}x")
    analyzer = sentiment.rapport_analyzer()
    reference = [analyzer.polarity_scores(t)["compound"] for t in texts]
    print(
        f"  score_texts identical to a per-text loop over Rapport's analyzer: {ours == reference}"
    )


def check_tokeniser(texts: list[str]) -> None:
    nltk_scores = [nltk_vader().polarity_scores(t) for t in texts]
    ours = [sentiment.stock_analyzer().polarity_scores(t) for t in texts]
    same = sum(a == b for a, b in zip(nltk_scores, ours, strict=True))
    print(
        f"\nFast tokeniser, no additions vs NLTK: {same}/{len(texts)} score dictionaries identical"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared"
    )
    parser.add_argument("--repeated", type=int, default=100_000)
    args = parser.parse_args()
    distinct: list[str] = []
    for filename, _, _ in GT_FILES.values():
        distinct += read_ground_truth(args.shared / "data" / "vader_gt" / filename)[0]
    distinct = list(dict.fromkeys(distinct))
    check_tokeniser(distinct)
    compare("All-distinct texts (VADER ground truth)", distinct, pool=False)
    templates = [row["text"] for row in workplace_rows("all")]
    repeated = random.Random(1).choices(templates, k=args.repeated)
    compare("Workspace-like repeated comments", repeated, pool=True)


if __name__ == "__main__":
    main()
