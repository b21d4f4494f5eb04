"""Benchmark learning from HR's corrections: training time and re-analysis with learning.

Builds a workspace with ``bench/analyze_bench.py``'s generator (about 40,000 comments at
``--scale 0.25``) and, in the same run:

1. times :func:`analysis.sentiment.train_from_corrections` on 50, 200 and 500 corrected
   comments of the workspace (5-fold cross-validation and the final fit), in this process;
   then adapting to 500 corrections and labelling every distinct comment text, cold, and
   again with the base model's outputs cached (what a second analysis in the same GUI
   process does);
2. times ``rapport analyze`` in fresh processes: without corrections (the baseline), after
   HR corrected 500 comments (train + label every uncorrected comment), again with nothing
   changed (the stored comparison is reused, nothing to label), after importing 1,000 more
   comments (train again in the new process + label those), and after one more correction
   (train again + label every uncorrected comment again).

The comments are all distinct (``bench/distinct_comments.py``); HR's label is that of the
labelled comment their first sentence comes from, so the corrections are consistent.
Each process start costs ~2 s of imports on this machine.

    .venv/bin/python bench/learned_labels_bench.py               # 40k comments
    .venv/bin/python bench/learned_labels_bench.py --scale 1     # 160k comments
    .venv/bin/python bench/learned_labels_bench.py --scale 1 --learner-only
    .venv/bin/python bench/learned_labels_bench.py --scale 1 --before /tmp/before --repeats 3

``--simulate CORPUS.csv`` measures quality instead of time: HR corrects 20 to 200 of an
organisation's real comments (a corpus source the base model never saw) and the labels of
the other comments are compared with the truth, before and after
(``bench/corrections_simulation.py``)::

    .venv/bin/python bench/learned_labels_bench.py --simulate workplace_train.csv
    .venv/bin/python bench/learned_labels_bench.py --simulate workplace_train.csv \
        --organisations blind_harshcasper glassdoor_mihir1493 --counts 200
    .venv/bin/python bench/learned_labels_bench.py --simulate workplace_train.csv \
        --counts 200 --base-cache /tmp/rapport-bases   # base models kept between runs

``--before DIR`` times each change (corrections, import) with the code at ``DIR`` too (e.g.
``git archive <commit> analysis surveys desktop_app | tar -x -C DIR``), interleaved with
this code on copies of the same workspace, so both see the same load.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from functools import lru_cache
from pathlib import Path

from analyze_bench import FULL_ANSWERS, FULL_COMMENTS, ITEMS, NEW_WAVES, write_csv
from distinct_comments import _SENTENCE_END, ROOT, iter_distinct_comments


@lru_cache(maxsize=1)
def sentence_labels() -> dict[str, str]:
    """The label of the labelled comment each sentence of Rapport's own sets comes from."""
    labels: dict[str, str] = {}
    for path in sorted((ROOT / "analysis" / "data").glob("workplace_*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for sentence in _SENTENCE_END.split(row["text"].strip()):
                    labels.setdefault(sentence.strip(), row["label"])
    return labels


def hr_label(text: str) -> str:
    """HR's label: that of the labelled comment the first sentence comes from (a demo
    fragment: neutral), so the corrections are consistent with what a person would say."""
    first = _SENTENCE_END.split(text.strip())[0].strip()
    return sentence_labels().get(first, "neutral")


def correct(ws: Path, count: int, seed: int) -> int:
    """Correct ``count`` uncorrected comments the way the Comments panel does."""
    from analysis.sentiment.comment_labels import correct_label
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


def time_learner(ws: Path) -> None:
    """Adapt to 500 corrections, then label every distinct text, cold and with cached outputs."""
    from analysis.sentiment import learning, scoring
    from surveys.store import open_workspace

    db = open_workspace(ws)
    texts = [r[0] for r in db.execute("SELECT DISTINCT redacted FROM comments ORDER BY id")]
    db.close()
    sample = random.Random(500).sample(texts, 500)
    scoring.clear_cache()
    learning.clear_feature_cache()
    start = time.perf_counter()
    model = learning.train_from_corrections(sample, [hr_label(t) for t in sample])
    trained = time.perf_counter()
    model.predict_scored(texts)
    predicted = time.perf_counter()
    model.predict_scored(texts)
    again = time.perf_counter()
    print(
        f"adapted model on 500 corrections, {len(texts):,} distinct texts: train (CV + fit) "
        f"{trained - start:.2f} s, label all {predicted - trained:.2f} s, again with the base "
        f"outputs cached {again - predicted:.2f} s"
    )


def run_analyze_with(code: Path | None, ws: Path, out: Path) -> float:
    """Time ``rapport analyze`` in a fresh process, with the package at ``code`` if given."""
    env, cwd = dict(os.environ), None
    if code is not None:  # e.g. `git archive <commit> analysis surveys desktop_app | tar -x`
        env["PYTHONPATH"], cwd = str(code), code
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "desktop_app.cli", "analyze", str(ws), "--json", str(out),
         "--quiet"],
        check=True, stdout=subprocess.DEVNULL, env=env, cwd=cwd,
    )  # fmt: skip
    return time.perf_counter() - start


def compare_step(ws: Path, out: Path, before: Path, repeats: int) -> tuple[float, float]:
    """Median times of the code at ``before`` and this code, interleaved, on copies of the
    same workspace state; ``ws`` ends as this code left it."""
    snapshot = ws.with_name("snapshot")
    shutil.copytree(ws, snapshot)
    times: dict[str, list[float]] = {"before": [], "now": []}
    for _ in range(repeats):
        for label, code in (("before", before), ("now", None)):
            shutil.rmtree(ws)
            shutil.copytree(snapshot, ws)
            times[label].append(run_analyze_with(code, ws, out))
    shutil.rmtree(snapshot)
    return statistics.median(times["before"]), statistics.median(times["now"])


def import_more(ws: Path, base: Path, texts) -> None:
    """Import 1,000 more comments into a new wave, opened and closed as in
    ``bench/analyze_bench.py`` (a closed wave whose figures were released takes no more)."""
    from surveys.csv_import import import_csv
    from surveys.store import open_workspace
    from surveys.templates import builtin_templates
    from surveys.waves import open_wave, save_survey, set_wave_status

    wave = NEW_WAVES[0]
    db = open_workspace(ws)
    with db.conn:
        open_wave(db, wave, save_survey(db, builtin_templates()["full-pulse"]), f"{wave}-02",
                  f"{wave}-16")  # fmt: skip
    db.close()
    more = base / "more.csv"
    write_csv(more, 1000 * len(ITEMS), 1000, 2, "m", texts, (wave,))
    import_csv(ws, more)
    db = open_workspace(ws)
    with db.conn:
        set_wave_status(db, wave, "closed")
    db.close()


def analyze_steps(ws: Path, base: Path, before: Path | None, repeats: int, texts) -> None:
    """Time ``rapport analyze`` after each change HR makes (see the module docstring)."""
    steps = []
    steps.append(("no corrections, nothing changed (baseline)", None))
    steps.append(("after HR corrected 500 comments", lambda: correct(ws, 500, 1)))
    steps.append(("500 corrections, nothing changed", None))
    steps.append(("after importing 1,000 more comments", lambda: import_more(ws, base, texts)))
    steps.append(("after one more correction", lambda: correct(ws, 1, 2)))
    for i, (name, change) in enumerate(steps, 1):
        out = base / f"a{i}.json"
        if change is None:
            print(f"rapport analyze, {name}: {run_analyze_with(None, ws, out):.1f} s")
        elif before is None:
            change()
            print(f"rapport analyze, {name}: {run_analyze_with(None, ws, out):.1f} s")
        else:
            change()
            old, now = compare_step(ws, out, before, repeats)
            print(
                f"rapport analyze, {name}: {now:.1f} s (code at {before}: {old:.1f} s; "
                f"medians of {repeats}, interleaved)"
            )
        learning = json.loads(out.read_text(encoding="utf-8"))["method"].get("sentiment_learning")
        print(f"    method: {learning}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.25, help="1.0 = 160k comments")
    parser.add_argument("--repeats", type=int, default=2, help="runs per compared timing")
    parser.add_argument(
        "--learner-only", action="store_true", help="skip the rapport analyze steps"
    )
    parser.add_argument(
        "--before", type=Path, help="a checkout of older code to time each change against"
    )
    parser.add_argument(
        "--simulate",
        type=Path,
        metavar="CORPUS.csv",
        help="instead: simulate HR correcting an organisation's real comments (the training "
        "corpus of scripts/train_sentiment.py; see bench/corrections_simulation.py)",
    )
    parser.add_argument("--organisations", nargs="+", help="corpus sources to simulate")
    parser.add_argument(
        "--base-cache",
        type=Path,
        metavar="DIR",
        help="keep each organisation's base model in DIR and reuse it in later runs",
    )
    parser.add_argument(
        "--counts",
        nargs="+",
        type=int,
        default=[20, 50, 100, 200],
        help="numbers of corrections to simulate (the review rows use the last)",
    )
    args = parser.parse_args(argv)
    if args.simulate:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
        from corrections_simulation import DEFAULT_ORGANISATIONS, simulate

        organisations = args.organisations or DEFAULT_ORGANISATIONS
        simulate(args.simulate, organisations, tuple(args.counts), args.base_cache)
        return 0
    from surveys.csv_import import import_csv
    from surveys.store import create_workspace

    base = Path(tempfile.mkdtemp(prefix="rapport-learn-bench-"))
    try:
        ws = base / "ws"
        answers, comments = int(FULL_ANSWERS * args.scale), int(FULL_COMMENTS * args.scale)
        texts = iter_distinct_comments(seed=1)
        write_csv(base / "responses.csv", answers, comments, 1, "b", texts)
        names = ("Sales", "IT", "Marketing", "Operations", "Finance", "Quality")
        create_workspace(ws, names).close()
        report = import_csv(ws, base / "responses.csv")
        print(f"built: {report.answers:,} answers, {report.comments:,} comments")
        cold = run_analyze_with(None, ws, base / "a0.json")
        print(f"rapport analyze, cold cache, no corrections: {cold:.1f} s")
        time_training(ws)
        time_learner(ws)
        if not args.learner_only:
            analyze_steps(ws, base, args.before and args.before.resolve(), args.repeats, texts)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
