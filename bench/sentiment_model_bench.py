"""What the learned sentiment model's term blocks cost: loading the weights and scoring.

The shipped model reads three blocks of terms (``docs/sentiment.md``): the words, the
first sentence's words and the words a negation governs. In the same run this times

1. loading the weights in fresh processes (median of 5; numpy imported first, and again
   including every import), and the file's size;
2. the model's part of scoring ``--count`` all-distinct comments
   (``bench/distinct_comments.py``; the lexicon features computed once, beforehand, and
   timed on their own), in chunks of ``scoring.CHUNK`` texts as ``score_texts`` scores
   them: the shipped model, and its words block alone tokenised as the earlier model was
   (what the two extra blocks add), interleaved, median of ``--repeats``.

    .venv/bin/python bench/sentiment_model_bench.py
    .venv/bin/python bench/sentiment_model_bench.py --count 160000 --repeats 3

Prints the load average (``os.getloadavg``) beside the figures: other work on the machine
slows every figure.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

ROOT = Path(__file__).resolve().parents[1]


def load() -> str:
    return "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())


def load_times() -> None:
    """Median of 5 fresh processes: read the weights, with numpy imported / with nothing."""
    from analysis.sentiment.model import MODEL_FILE

    warm = (
        "import time, numpy; t = time.perf_counter(); "
        "from analysis.sentiment.model import load_model; m = load_model(); "
        "print(time.perf_counter() - t, m.term_count)"
    )
    cold = (
        "import time; t = time.perf_counter(); "
        "from analysis.sentiment.model import load_model; load_model(); "
        "print(time.perf_counter() - t)"
    )

    def run(code: str) -> list[str]:
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
        )
        return done.stdout.split()

    warm_runs = [run(warm) for _ in range(5)]
    cold_runs = [run(cold) for _ in range(5)]
    size = (ROOT / "analysis" / "data" / MODEL_FILE).stat().st_size
    print(
        f"weights: {size / 1e6:.2f} MB, {int(warm_runs[0][1]):,} terms; load in a fresh "
        f"process (median of 5): {statistics.median(float(w[0]) for w in warm_runs):.3f} s "
        f"with numpy imported, {statistics.median(float(c[0]) for c in cold_runs):.3f} s "
        f"including the imports ({load()})"
    )


def words_only_scores(model, texts, lexicon):
    """Scores from the shipped weights' words block alone, tokenised as the earlier model
    did (one findall per text): what scoring cost before the two extra blocks."""
    import numpy as np

    from analysis.sentiment.features import TOKEN

    row, col, value = model.block("words").vectors([TOKEN.findall(t.lower()) for t in texts])
    sums = np.zeros((len(texts), 2))
    for head in range(2):
        sums[:, head] = np.bincount(
            row, value * model.block("words").weights[col, head], minlength=len(texts)
        )
    z = sums + lexicon @ np.column_stack([model.polarity.lexicon, model.neutral.lexicon])
    p, q = (1 / (1 + np.exp(-(z + [model.polarity.bias, model.neutral.bias])))).T
    return model.combine(p, q, lexicon[:, 0])


def scoring_times(count: int, repeats: int) -> None:
    """The model's part of scoring ``count`` distinct comments, both structures interleaved."""
    from distinct_comments import distinct_comments

    from analysis.sentiment import rapport_scorer
    from analysis.sentiment.features import lexicon_features
    from analysis.sentiment.model import load_model
    from analysis.sentiment.scoring import CHUNK

    texts = distinct_comments(count, seed=7)
    words = sum(len(t.split()) for t in texts) / len(texts)
    start = time.perf_counter()
    lexicon = lexicon_features(rapport_scorer(), texts)
    print(
        f"{count:,} distinct comments ({words:.0f} words on average); their lexicon "
        f"features (VADER with the rules): {time.perf_counter() - start:.2f} s ({load()})"
    )
    shipped = load_model()
    chunks = [slice(start, start + CHUNK) for start in range(0, len(texts), CHUNK)]
    runs = {
        "three blocks (shipped)": lambda: [shipped.scores(texts[c], lexicon[c]) for c in chunks],
        "words block alone (the earlier structure)": lambda: [
            words_only_scores(shipped, texts[c], lexicon[c]) for c in chunks
        ],
    }
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeats):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    for name, found in times.items():
        print(
            f"  model part, {name}: {statistics.median(found):.2f} s "
            f"(median of {repeats}: {', '.join(f'{t:.2f}' for t in found)})"
        )
    print(f"  ({load()})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=16_000, help="distinct comments")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    load_times()
    scoring_times(args.count, args.repeats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
