"""Benchmark learning from HR's corrections: training time and re-analysis with learning.

Builds a workspace with ``bench/analyze_bench.py``'s generator (about 40,000 comments at
``--scale 0.25``) and, in the same run:

1. times :func:`analysis.sentiment.train_from_corrections` on 50, 200 and 500 corrected
   comments of the workspace (5-fold cross-validation and the final fit), in this process;
2. times ``rapport analyze`` in fresh processes: without corrections (the baseline), after
   HR corrected 500 comments (train + label every uncorrected comment), again with nothing
   changed (the stored comparison is reused, nothing to label), after importing 1,000 more
   comments (train again in the new process + label those), and after one more correction
   (train again + label every uncorrected comment again).

HR's labels follow the comment's opening phrase (what a person would say it means), so the
corrections are consistent. Each process start costs ~2 s of imports on this machine.

    .venv/bin/python bench/learned_labels_bench.py               # 40k comments
    .venv/bin/python bench/learned_labels_bench.py --scale 1     # 160k comments
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

from analyze_bench import FULL_ANSWERS, FULL_COMMENTS, ITEMS, OPENINGS, run_analyze, write_csv

#: HR's label of a comment, by its opening phrase (OPENINGS order).
OPENING_LABELS = [
    "negative", "positive", "negative", "negative", "positive", "negative", "positive",
    "negative", "negative", "positive", "negative", "negative", "positive", "negative",
    "positive", "negative", "positive", "negative", "neutral", "positive",
]  # fmt: skip


def hr_label(text: str) -> str:
    for opening, label in zip(OPENINGS, OPENING_LABELS, strict=True):
        if text.startswith(opening):
            return label
    return "neutral"


def correct(ws: Path, count: int, seed: int) -> int:
    """Correct ``count`` uncorrected comments the way the Comments panel does."""
    from desktop_app.models.comment_query import correct_label
    from surveys.store import open_workspace

    db = open_workspace(ws)
    rows = db.execute("SELECT id, text FROM comments WHERE label_corrected IS NULL").fetchall()
    for comment_id, text in random.Random(seed).sample(rows, count):
        correct_label(db, comment_id, hr_label(text))
    total = db.execute("SELECT COUNT(*) FROM comments WHERE label_corrected IS NOT NULL")
    total = total.fetchone()[0]
    db.close()
    return total


def time_training(ws: Path) -> None:
    from analysis import sentiment
    from surveys.store import open_workspace

    db = open_workspace(ws)
    texts = [r[0] for r in db.execute("SELECT redacted FROM comments ORDER BY id LIMIT 20000")]
    db.close()
    sentiment.score_texts(texts[:10])  # load the lexicon outside the timings
    for n in (50, 200, 500):
        sample = random.Random(n).sample(texts, n)
        start = time.perf_counter()
        model = sentiment.train_from_corrections(sample, [hr_label(t) for t in sample])
        seconds = time.perf_counter() - start
        print(f"train_from_corrections on {n} corrections: {seconds:.2f} s   ({model.summary()})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.25, help="1.0 = 160k comments")
    args = parser.parse_args(argv)
    from surveys.csv_import import import_csv
    from surveys.store import create_workspace

    base = Path(tempfile.mkdtemp(prefix="rapport-learn-bench-"))
    ws = base / "ws"
    answers, comments = int(FULL_ANSWERS * args.scale), int(FULL_COMMENTS * args.scale)
    write_csv(base / "responses.csv", answers, comments, seed=1, prefix="b")
    create_workspace(ws, ("Sales", "IT", "Marketing", "Operations", "Finance", "Quality")).close()
    report = import_csv(ws, base / "responses.csv")
    print(f"built: {report.answers:,} answers, {report.comments:,} comments")
    cold = run_analyze(ws, base / "a0.json")
    print(f"rapport analyze, cold cache, no corrections: {cold:.1f} s")
    time_training(ws)
    steps = []
    steps.append(("no corrections, nothing changed (baseline)", None))
    steps.append(("after HR corrected 500 comments", lambda: correct(ws, 500, 1)))
    steps.append(("500 corrections, nothing changed", None))
    more = base / "more.csv"
    steps.append(
        (
            "after importing 1,000 more comments",
            lambda: (write_csv(more, 1000 * len(ITEMS), 1000, 2, "m"), import_csv(ws, more)),
        )
    )
    steps.append(("after one more correction", lambda: correct(ws, 1, 2)))
    for i, (name, change) in enumerate(steps, 1):
        if change is not None:
            change()
        out = base / f"a{i}.json"
        print(f"rapport analyze, {name}: {run_analyze(ws, out):.1f} s")
        learning = json.loads(out.read_text(encoding="utf-8"))["method"].get("sentiment_learning")
        print(f"    method: {learning}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
