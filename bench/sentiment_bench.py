"""Sentiment scoring speed: Rapport's score_texts vs a plain loop over NLTK's VADER.

Usage: .venv/bin/python bench/sentiment_bench.py [--shared ../shared] [--repeated N]
       [--repeats R] [--pool-sizes N ...]

Prints texts/s for a plain loop over ``nltk``'s ``SentimentIntensityAnalyzer.polarity_scores``
(stock VADER lexicon) and for ``analysis.sentiment.score_texts`` (Rapport: workplace lexicon
and rules, cold cache) on the same texts, in the same run, and the speed-up. Two inputs:
all-distinct texts (the VADER ground-truth sets) and workspace-like text that repeats (N
comments drawn from the workplace labelled set). It also verifies that no score changed:
Rapport's tokeniser without additions gives exactly NLTK's dictionaries, and score_texts
gives exactly a per-text loop over Rapport's analyzer. Each timing is the median of R runs
(cold cache each time); the machine's load average is printed with the figures.
``--pool-sizes`` times score_texts in one process and with the process pool on that many
distinct texts, to choose ``POOL_THRESHOLD``.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

# Heavy imports (NLTK, the analysis engine) happen inside the functions: the process pool
# starts its workers with "spawn", which re-imports this script in every worker.
sys.path.insert(0, str(Path(__file__).parent))


def nltk_vader():
    """NLTK's own analyzer with VADER's lexicon (bypassing nltk.data, which is not installed)."""
    from nltk.sentiment.vader import SentimentIntensityAnalyzer, VaderConstants

    from analysis.sentiment_lexicon import vader_lexicon_text

    analyzer = SentimentIntensityAnalyzer.__new__(SentimentIntensityAnalyzer)
    analyzer.lexicon_file = vader_lexicon_text()
    analyzer.lexicon = analyzer.make_lex_dict()
    analyzer.constants = VaderConstants()
    return analyzer


def timed(label: str, func, texts: list[str], repeats: int) -> tuple[float, list]:
    from analysis import sentiment

    runs = []
    for _ in range(repeats):
        sentiment.clear_cache()
        start = time.perf_counter()
        result = func(texts)
        runs.append(time.perf_counter() - start)
    seconds = statistics.median(runs)
    spread = f"{min(runs):.2f}-{max(runs):.2f}"
    print(f"  {label:44} {seconds:7.2f} s  {len(texts) / seconds:9.0f} texts/s  ({spread} s)")
    return seconds, result


def score_with_pool(texts: list[str], pool: bool) -> list[float]:
    from analysis import sentiment

    threshold = sentiment.POOL_THRESHOLD
    sentiment.POOL_THRESHOLD = 0 if pool else 10**12
    try:
        return sentiment.score_texts(texts)
    finally:
        sentiment.POOL_THRESHOLD = threshold


def compare(name: str, texts: list[str], repeats: int) -> None:
    from analysis import sentiment

    print(f"\n{name}: {len(texts)} texts, {len(set(texts))} distinct; load {load()}")
    baseline = nltk_vader()
    base_s, _ = timed(
        "plain loop, NLTK polarity_scores",
        lambda ts: [baseline.polarity_scores(t) for t in ts],
        texts,
        repeats,
    )
    ours_s, ours = timed("Rapport score_texts (default)", sentiment.score_texts, texts, repeats)
    print(f"  speed-up: {base_s / ours_s:.2f}x")
    analyzer = sentiment.rapport_analyzer()
    reference = [analyzer.polarity_scores(t)["compound"] for t in texts]
    print(
        f"  score_texts identical to a per-text loop over Rapport's analyzer: {ours == reference}"
    )


def pool_sizes(distinct: list[str], sizes: list[int], repeats: int) -> None:

    print(f"\nProcess pool vs one process ({os.cpu_count()} CPUs; load {load()})")
    for size in sizes:
        texts = [f"{distinct[k % len(distinct)]} {k}" for k in range(size)]
        one_s, one = timed(
            f"{size} distinct, one process", lambda t: score_with_pool(t, False), texts, repeats
        )
        two_s, two = timed(
            f"{size} distinct, pool", lambda t: score_with_pool(t, True), texts, repeats
        )
        print(f"  pool / one process: {one_s / two_s:.2f}x; same scores: {one == two}")


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def check_tokeniser(texts: list[str]) -> None:
    from analysis import sentiment

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
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--pool-sizes", type=int, nargs="*", default=[])
    args = parser.parse_args()
    from vader_gt_eval import GT_FILES, read_ground_truth, workplace_rows

    distinct: list[str] = []
    for filename, _, _ in GT_FILES.values():
        distinct += read_ground_truth(args.shared / "data" / "vader_gt" / filename)[0]
    distinct = list(dict.fromkeys(distinct))
    check_tokeniser(distinct)
    compare("All-distinct texts (VADER ground truth)", distinct, args.repeats)
    templates = [row["text"] for row in workplace_rows("all")]
    repeated = random.Random(1).choices(templates, k=args.repeated)
    compare("Workspace-like repeated comments", repeated, args.repeats)
    if args.pool_sizes:
        pool_sizes(distinct, args.pool_sizes, args.repeats)


if __name__ == "__main__":
    main()
