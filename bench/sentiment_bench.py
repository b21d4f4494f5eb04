"""Sentiment scoring speed: Rapport's score_texts (the learned model) vs VADER loops.

Usage: .venv/bin/python bench/sentiment_bench.py [--shared ../shared] [--repeated N]
       [--repeats R] [--distinct N] [--pool-sizes N ...]

Prints, in the same run and on the same texts: a plain loop over ``nltk``'s
``SentimentIntensityAnalyzer.polarity_scores`` (stock VADER), a loop over Rapport's fast
lexicon path (VADER with the workplace lexicon and rules; what ``score_texts`` was before
the learned model, and the model's lexicon features) and ``analysis.sentiment.score_texts``
(the learned model, cold cache). Inputs: all-distinct texts (the VADER ground-truth sets),
workspace-like text that repeats (N comments drawn from the workplace labelled sets) and
``--distinct N`` all-distinct workplace comments (two comments of Rapport's labelled sets
joined, 19 words on average; 160,000 by default: the 2,000,000-answer workspace),
scored in one process and with the process pool. It checks that Rapport's tokeniser
without additions gives exactly NLTK's dictionaries and that score_texts gives each text
its own score, and times loading the model's weights in a fresh process. Each timing is
the median of R runs (cold cache each time; the compared functions interleaved so all see
the same load); the machine's load average is printed with the figures.
``--pool-sizes`` times score_texts in one process and with the process pool on that many
distinct texts, to choose ``POOL_THRESHOLD``.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
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


def lexicon_loop(texts: list[str]) -> list[float]:
    """Rapport's fast lexicon path, one text at a time (score_texts before the model)."""
    from analysis import sentiment

    analyzer = sentiment.rapport_analyzer()
    return [analyzer.compound(t) if t else 0.0 for t in texts]


def compare(name: str, texts: list[str], repeats: int, with_nltk: bool = True) -> None:
    from analysis import sentiment
    from analysis.sentiment import model, scoring

    print(f"\n{name}: {len(texts)} texts, {len(set(texts))} distinct; load {load()}")
    baseline = nltk_vader()
    funcs = {}
    if with_nltk:
        funcs["plain loop, NLTK polarity_scores"] = lambda ts: [
            baseline.polarity_scores(t) for t in ts
        ]
    funcs["loop, Rapport lexicon (fast VADER)"] = lexicon_loop
    funcs["Rapport score_texts (learned model)"] = sentiment.score_texts
    timing = timed("", funcs, texts, repeats)
    seconds = {name: value[0] for name, value in timing.items()}
    ours_s, ours = timing["Rapport score_texts (learned model)"]
    for name, value in seconds.items():
        if name != "Rapport score_texts (learned model)":
            print(f"  score_texts vs {name}: {value / ours_s:.2f}x")
    check = list(dict.fromkeys(texts))[:3000]
    scorer, shipped = sentiment.rapport_scorer(), model.load_model()
    alone = [model.score_with(scorer, shipped, [scoring.normalise(t)])[0] for t in check]
    print(f"  score_texts gives each text its own score: {sentiment.score_texts(check) == alone}")


def distinct_comments(count: int) -> list[str]:
    """``count`` distinct comments, each two comments of Rapport's labelled sets joined."""
    from vader_gt_eval import workplace_rows

    sentences = [row["text"] for split in ("all", "validation", "dev", "dev2")
                 for row in workplace_rows(split)]  # fmt: skip
    sentences = list(dict.fromkeys(s.strip() for s in sentences))
    rng = random.Random(160)
    out: dict[str, None] = {}
    while len(out) < count:
        a, b = rng.sample(sentences, 2)
        out[f"{a} {b}"] = None
    return list(out)


def model_load_time() -> None:
    """Load the weights in a fresh process (numpy imported first; then everything)."""
    code = (
        "import time, numpy; t = time.perf_counter(); "
        "from analysis.sentiment.model import load_model; m = load_model(); "
        "print(f'{time.perf_counter() - t:.3f} {len(m.terms)}')"
    )
    cold = (
        "import time; t = time.perf_counter(); "
        "from analysis.sentiment.model import load_model; load_model(); "
        "print(f'{time.perf_counter() - t:.3f}')"
    )
    from analysis.sentiment.model import MODEL_FILE

    root = Path(__file__).resolve().parents[1]
    size = (root / "analysis" / "data" / MODEL_FILE).stat().st_size
    warm = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, cwd=root).stdout.split() for _ in range(5)]  # fmt: skip
    full = [subprocess.run([sys.executable, "-c", cold], capture_output=True, text=True,
                           check=True, cwd=root).stdout for _ in range(5)]  # fmt: skip
    print(
        f"\nModel weights: {size / 1e6:.2f} MB, {int(warm[0][1]):,} terms; load in a fresh "
        f"process (median of 5): {statistics.median(float(w[0]) for w in warm):.3f} s with "
        f"numpy imported, {statistics.median(float(f) for f in full):.3f} s including the "
        f"imports; load {load()}"
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
    parser.add_argument("--distinct", type=int, default=160_000)
    args = parser.parse_args()
    from vader_gt_eval import GT_FILES, read_ground_truth, workplace_rows

    distinct: list[str] = []
    for filename, _, _ in GT_FILES.values():
        distinct += read_ground_truth(args.shared / "data" / "vader_gt" / filename)[0]
    distinct = list(dict.fromkeys(distinct))
    model_load_time()
    check_tokeniser(distinct)
    compare("All-distinct texts (VADER ground truth)", distinct, args.repeats)
    templates = [row["text"] for row in workplace_rows("all")]
    repeated = random.Random(1).choices(templates, k=args.repeated)
    compare("Workspace-like repeated comments", repeated, args.repeats)
    if args.distinct:
        many = distinct_comments(args.distinct)
        compare("All-distinct workplace comments", many, args.repeats, with_nltk=False)
        timed(f"{len(many)} distinct,", {"score_texts, one process": lambda t:
              score_with_pool(t, False), "score_texts, pool": lambda t: score_with_pool(t, True)},
              many, args.repeats)  # fmt: skip
    if args.pool_sizes:
        pool_sizes(distinct, args.pool_sizes, args.repeats)


if __name__ == "__main__":
    main()
