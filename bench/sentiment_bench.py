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
(cold cache each time; the compared functions interleaved so both see the same load); the
machine's load average is printed with the figures.
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

    from analysis.sentiment.lexicon import vader_lexicon_text

    analyzer = SentimentIntensityAnalyzer.__new__(SentimentIntensityAnalyzer)
    analyzer.lexicon_file = vader_lexicon_text()
    analyzer.lexicon = analyzer.make_lex_dict()
    analyzer.constants = VaderConstants()
    return analyzer


def timed(label: str, funcs: dict, texts: list[str], repeats: int) -> dict[str, tuple]:
    """Time each function ``repeats`` times, interleaved (A B A B ...) so that both see the
    same load on a shared machine; print and return the median seconds and a result."""
    from analysis import sentiment

    runs: dict[str, list[float]] = {name: [] for name in funcs}
    results = {}
    for _ in range(repeats):
        for name, func in funcs.items():
            sentiment.clear_cache()
            start = time.perf_counter()
            results[name] = func(texts)
            runs[name].append(time.perf_counter() - start)
    out = {}
    for name, times in runs.items():
        seconds = statistics.median(times)
        spread = f"{min(times):.2f}-{max(times):.2f}"
        rate = len(texts) / seconds
        print(f"  {label} {name:34} {seconds:7.2f} s  {rate:9.0f} texts/s  ({spread} s)")
        out[name] = (seconds, results[name])
    return out


def score_with_pool(texts: list[str], pool: bool) -> list[float]:
    from analysis.sentiment import scoring

    threshold = scoring.POOL_THRESHOLD
    scoring.POOL_THRESHOLD = 0 if pool else 10**12
    try:
        return scoring.score_texts(texts)
    finally:
        scoring.POOL_THRESHOLD = threshold


def compare(name: str, texts: list[str], repeats: int) -> None:
    from analysis import sentiment

    print(f"\n{name}: {len(texts)} texts, {len(set(texts))} distinct; load {load()}")
    baseline = nltk_vader()
    timing = timed(
        "",
        {
            "plain loop, NLTK polarity_scores": lambda ts: [
                baseline.polarity_scores(t) for t in ts
            ],
            "Rapport score_texts (default)": sentiment.score_texts,
        },
        texts,
        repeats,
    )
    (base_s, _), (ours_s, ours) = timing.values()
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
        timing = timed(
            f"{size} distinct,",
            {
                "one process": lambda t: score_with_pool(t, False),
                "pool": lambda t: score_with_pool(t, True),
            },
            texts,
            repeats,
        )
        (one_s, one), (two_s, two) = timing.values()
        print(f"  pool / one process: {one_s / two_s:.2f}x; same scores: {one == two}")


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def check_tokeniser(texts: list[str]) -> None:
    from analysis import sentiment

    reference = nltk_vader()
    nltk_scores = [reference.polarity_scores(t) for t in texts]
    ours = [sentiment.stock_analyzer().polarity_scores(t) for t in texts]
    same = sum(a == b for a, b in zip(nltk_scores, ours, strict=True))
    print(
        f"\nFast tokeniser, no additions vs NLTK: {same}/{len(texts)} score dictionaries identical"
    )
    fast = [sentiment.stock_analyzer().compound(t) for t in texts]
    same = sum(a["compound"] == b for a, b in zip(nltk_scores, fast, strict=True))
    print(f"Fast compound path, no additions vs NLTK: {same}/{len(texts)} compounds identical")


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
