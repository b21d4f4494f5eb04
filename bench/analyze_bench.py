"""Benchmark `rapport analyze` against the notebook pipeline an analyst would write.

Builds a workspace of about 2 million answers and 160,000 comments (at ``--scale 1``;
``--scale 0.1`` is 200,000 answers and 16,000 comments) through the CSV import, then in the
same run times the steps below. Every comment is different (``bench/distinct_comments.py``
combines sentences of Rapport's own labelled sets), as real comments are: repeated texts
would flatter every per-text cache.

1. ``rapport analyze WS --json OUT`` (a fresh process, cold cache: every comment analysed),
2. the notebook pipeline on the same data: pandas group-by for the matrix, a loop over
   NLTK's VADER for every comment, scikit-learn ``LatentDirichletAllocation`` (10 topics),
3. ``rapport analyze WS --wave W`` again after 1,000 more comments (warm cache), three
   times: each round opens a new wave ``W`` (``2026-11``, ``2026-12``, ``2027-01``),
   imports the comments into it and closes it, as HR closes a wave and then analyses it
   (an open wave's comments are analysed only once it is released). Every analysis
   analyses the new comments and computes the whole result for the new wave (matrix,
   hotspots, trends, themes, topics).

``--rounds N`` repeats steps 1 and 2 on fresh copies of the workspace, alternating, and
prints the median ratio (the machine is shared: one round can be unlucky).

``rapport analyze`` uses worker processes (sentiment and topic discovery run beside the
rest), so its peak memory is measured as the largest sum of the resident sets of the
process and its workers, sampled every 50 ms; the largest single process is printed too.
The import (``import_csv`` of the generated CSV, with the worker beside it that analyses the
comments of closed waves, as ``rapport import-csv`` runs it: ``analysis.import_ahead``) is
timed on its own, and against pandas' ``read_csv`` of the same file, the notebook's import.

Rapport's own modules are byte-compiled first (``compileall``), as an installed copy is
(pip and the frozen bundle ship bytecode): with ``PYTHONDONTWRITEBYTECODE`` set, every
``rapport analyze`` and each of its workers would otherwise compile them again.

pandas is needed for the notebook baseline only and is not a dependency of Rapport. It is
kept out of Rapport's environment, in ``bench/.notebook-deps`` (installed there on the first
run), because importing NLTK and sqlite-utils also imports pandas whenever it is installed,
which would add its import time to every ``rapport analyze`` timed here and is not what a
user's install does.

    .venv/bin/python bench/analyze_bench.py            # full size
    .venv/bin/python bench/analyze_bench.py --scale 0.1 --rounds 3
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DEPARTMENTS = ("Sales", "IT", "Marketing", "Operations", "Finance", "Quality")
WAVES = ("2026-07", "2026-08", "2026-09", "2026-10")
ITEMS = (
    "frequent", "timely", "accurate", "problem_solving", "shared_goals", "shared_knowledge",
    "respect", "overall",
)  # fmt: skip
#: Where the notebook baseline's pandas is installed, outside Rapport's environment.
NOTEBOOK_DEPS = Path(__file__).resolve().parent / ".notebook-deps"
#: Rapport's packages, byte-compiled before the runs as an installed copy is.
PACKAGES = ("analysis", "surveys", "desktop_app")
#: The waves the re-analysis rounds open, fill with 1,000 comments and close, one per round.
NEW_WAVES = ("2026-11", "2026-12", "2027-01")
FULL_ANSWERS = 2_000_000
FULL_COMMENTS = 160_000


def write_csv(
    path: Path, answers: int, comments: int, seed: int, prefix: str, texts, waves=WAVES
) -> int:
    """A tidy response CSV with about ``answers`` ratings and ``comments`` comments.

    ``texts`` is a stream of comments (:func:`bench.distinct_comments.iter_distinct_comments`),
    so that no two comments of the whole benchmark are equal.
    """
    rng = random.Random(seed)
    rows_per_target = len(ITEMS)
    targets = answers // rows_per_target
    comment_p = min(1.0, comments / max(1, targets))
    level = {(a, b): rng.uniform(2.0, 4.5) for a in DEPARTMENTS for b in DEPARTMENTS}
    written = sub = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(
            ["submission_id", "wave", "respondent_department", "target_department", "item",
             "value"]
        )  # fmt: skip
        while written < targets:
            sub += 1
            wave = waves[min(len(waves) - 1, written * len(waves) // targets)]
            source = rng.choice(DEPARTMENTS)
            others = [d for d in DEPARTMENTS if d != source]
            for target in rng.sample(others, rng.randint(1, 3)):
                base = level[(source, target)] - 0.1 * waves.index(wave)
                for item in ITEMS:
                    value = min(5, max(1, round(rng.gauss(base, 0.8))))
                    out.writerow([f"{prefix}{sub}", wave, source, target, item, value])
                if rng.random() < comment_p:
                    out.writerow([f"{prefix}{sub}", wave, source, target, "comment", next(texts)])
                written += 1
    return sub


def load() -> str:
    """The load average, printed with every figure (the machine is shared)."""
    return "load " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def distinct_texts(ws: Path) -> int:
    import sqlite3

    with sqlite3.connect(ws / "rapport.db") as conn:
        return conn.execute("SELECT COUNT(DISTINCT text) FROM comments").fetchone()[0]


#: CPU seconds (user + system) of the last `rapport analyze`, which a busy machine inflates
#: far less than wall-clock seconds.
LAST_CPU = [0.0]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


#: Largest sum of resident sets (MB) of the last `rapport analyze` and its workers.
LAST_PEAK = [0.0]


def _tree_rss_mb(root: int) -> float:
    """Resident set of ``root`` and all its descendants, in MB (Linux ``/proc``)."""
    total, frontier = 0, [root]
    while frontier:
        pid = frontier.pop()
        try:
            with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
                total += int(handle.read().split()[1])
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as handle:
                    frontier.extend(int(child) for child in handle.read().split())
        except (OSError, ValueError):  # the process ended meanwhile
            continue
    return total * os.sysconf("SC_PAGE_SIZE") / 2**20


def run_analyze(workspace: Path, out: Path, wave: str | None = None) -> float:
    start, cpu = time.perf_counter(), _children_cpu()
    chosen = ["--wave", wave] if wave else []
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop_app.cli", "analyze", str(workspace), *chosen, "--json",
         str(out), "--quiet"],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    peak = [0.0]

    def sample() -> None:
        while process.poll() is None:
            peak[0] = max(peak[0], _tree_rss_mb(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    if process.wait() != 0:
        raise SystemExit(f"rapport analyze failed with status {process.returncode}")
    elapsed = time.perf_counter() - start
    sampler.join()
    LAST_CPU[0], LAST_PEAK[0] = _children_cpu() - cpu, peak[0]
    return elapsed


def pandas_for_notebook():
    """pandas from :data:`NOTEBOOK_DEPS`, installed there first if it is missing."""
    if not (NOTEBOOK_DEPS / "pandas").is_dir():
        print(f"installing pandas for the notebook baseline into {NOTEBOOK_DEPS} (once)")
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--target", str(NOTEBOOK_DEPS),
             "pandas>=2.0"],
            check=True,
        )  # fmt: skip
    sys.path.append(str(NOTEBOOK_DEPS))  # after site-packages: Rapport's numpy stays in use
    import pandas

    return pandas


def notebook_read_csv(path: Path) -> float:
    """The notebook's import: pandas reading the response CSV (seconds)."""
    pd = pandas_for_notebook()
    start = time.perf_counter()
    frame = pd.read_csv(path, dtype={"value": str})
    assert len(frame)
    return time.perf_counter() - start


def notebook_pipeline(workspace: Path) -> dict[str, float]:
    """What an analyst would write in a notebook, timed step by step."""
    import sqlite3

    pd = pandas_for_notebook()
    from nltk.sentiment.vader import SentimentIntensityAnalyzer, VaderConstants
    from sklearn.decomposition import LatentDirichletAllocation
    from sklearn.feature_extraction.text import CountVectorizer

    from analysis.sentiment.lexicon import vader_lexicon_text

    times = {}
    cpu_start = time.process_time()
    start = time.perf_counter()
    conn = sqlite3.connect(workspace / "rapport.db")
    answers = pd.read_sql("SELECT submission_id, wave_id, from_id, to_id, item, value "
                          "FROM answers", conn)  # fmt: skip
    wide = answers.pivot_table(
        index=["wave_id", "from_id", "to_id", "submission_id"], columns="item", values="value"
    )
    per_person = wide[list(ITEMS[:7])].mean(axis=1)
    matrix = wide.groupby(level=[0, 1, 2]).mean()
    matrix["index"] = matrix[list(ITEMS[:7])].mean(axis=1)
    grouped = per_person.groupby(level=[0, 1, 2])
    matrix["n"], matrix["sd"] = grouped.size(), grouped.std()
    times["matrix (pandas)"] = time.perf_counter() - start

    start = time.perf_counter()
    texts = pd.read_sql("SELECT id, text FROM comments", conn)["text"].tolist()
    # NLTK's analyzer with VADER's lexicon (nltk.data is not installed and refuses paths).
    sia = SentimentIntensityAnalyzer.__new__(SentimentIntensityAnalyzer)
    sia.lexicon_file = vader_lexicon_text()
    sia.lexicon = sia.make_lex_dict()
    sia.constants = VaderConstants()
    scores = [sia.polarity_scores(t)["compound"] for t in texts]
    times["sentiment (NLTK VADER loop)"] = time.perf_counter() - start
    assert len(scores) == len(texts)

    start = time.perf_counter()
    counts = CountVectorizer(stop_words="english", max_features=5000).fit_transform(texts)
    LatentDirichletAllocation(n_components=10, random_state=0).fit_transform(counts)
    times["topics (LDA, 10)"] = time.perf_counter() - start
    times["cpu"] = time.process_time() - cpu_start
    conn.close()
    return times


def reanalysis(ws: Path, base: Path, texts, rounds: int = 3) -> None:
    """Import 1,000 more comments and re-analyse, ``rounds`` times; print each and the median.

    Each round is a new wave (``2026-11``, ``2026-12``, ...): it is opened, takes the 1,000
    comments, and is closed (released), as HR closes a wave and then analyses it. Comments
    of a wave still open are analysed only once it is released (their count would tell
    HR what each new answer held), so the round analyses the wave it closed.
    """
    from surveys.csv_import import import_csv
    from surveys.store import open_workspace
    from surveys.templates import builtin_templates
    from surveys.waves import open_wave, save_survey, set_wave_status

    times = []
    for round_ in range(rounds):
        wave = NEW_WAVES[round_ % len(NEW_WAVES)]
        db = open_workspace(ws)
        with db.conn:  # the wave being collected, published as the demo's are
            survey = save_survey(db, builtin_templates()["full-pulse"])
            open_wave(db, wave, survey, f"{wave}-02", f"{wave}-16")
        db.close()
        more_csv = base / f"more{round_}.csv"
        write_csv(more_csv, 1000 * len(ITEMS), 1000, 2 + round_, f"m{round_}_", texts, (wave,))
        more = import_csv(ws, more_csv)
        db = open_workspace(ws)
        with db.conn:
            set_wave_status(db, wave, "closed")
        db.close()
        times.append(run_analyze(ws, base / f"analysis-again{round_}.json", wave))
        print(f"re-analysis after importing {more.comments:,} more comments (wave {wave}, "
              f"closed): {times[-1]:.2f} s ({load()})")  # fmt: skip
    print(f"re-analysis, median of {rounds}: {statistics.median(times):.2f} s   target <= 3 s "
          "(includes process start and imports)")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 2M answers, 160k comments")
    parser.add_argument("--keep", help="build the workspace in this folder and keep it")
    parser.add_argument("--skip-notebook", action="store_true")
    parser.add_argument("--rounds", type=int, default=1, help="cold analyses (and notebooks)")
    args = parser.parse_args(argv)
    from analysis.import_ahead import ImportAhead
    from bench.distinct_comments import iter_distinct_comments
    from surveys.csv_import import import_csv
    from surveys.store import create_workspace

    if importlib.util.find_spec("pandas") is not None:  # before the notebook adds its own
        print("note: pandas is installed in Rapport's environment, so every `rapport analyze` "
              "below also imports it (a user's install has no pandas)")  # fmt: skip
    root = Path(__file__).resolve().parent.parent
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", *(str(root / p) for p in PACKAGES)], check=True
    )
    texts = iter_distinct_comments(seed=1)
    base = Path(args.keep or tempfile.mkdtemp(prefix="rapport-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    pristine = base / "pristine"
    answers, comments = int(FULL_ANSWERS * args.scale), int(FULL_COMMENTS * args.scale)
    write_csv(base / "responses.csv", answers, comments, 1, "b", texts)
    create_workspace(pristine, DEPARTMENTS).close()
    start, cpu, beside = time.perf_counter(), time.process_time(), _children_cpu()
    with ImportAhead(pristine, base / "responses.csv") as ahead:  # as `rapport import-csv`
        report = import_csv(pristine, base / "responses.csv", ahead=ahead)
    imported = time.perf_counter() - start
    print(f"built: {report.answers:,} answers, {report.comments:,} comments, "
          f"{report.submissions_new:,} submissions")  # fmt: skip
    print(f"import_csv: {imported:.1f} s ({load()}); CPU {time.process_time() - cpu:.2f} s, "
          f"its worker {_children_cpu() - beside:.2f} s, which analysed {ahead.stored:,} "
          "comments beside it")  # fmt: skip
    print(f"distinct comment texts: {distinct_texts(pristine):,}")

    fulls, cpus, ratios, cpu_ratios, notebooks = [], [], [], [], []
    for round_ in range(max(1, args.rounds)):
        ws = base / "ws"
        shutil.rmtree(ws, ignore_errors=True)
        shutil.copytree(pristine, ws)
        full = run_analyze(ws, base / "analysis.json")
        fulls.append(full)
        cpus.append(LAST_CPU[0])
        single = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"round {round_ + 1}: rapport analyze (cold cache): {full:.1f} s   target <= 60 s "
              f"({load()}); CPU {LAST_CPU[0]:.1f} s (with its workers)")  # fmt: skip
        print(f"  peak memory of rapport analyze and its workers together: {LAST_PEAK[0]:,.0f} MB"
              f"   target <= 1536 MB (largest single process so far {single:,.0f} MB)")  # fmt: skip
        if args.skip_notebook:
            continue
        times = notebook_pipeline(ws)
        cpu = times.pop("cpu")
        total = sum(times.values())
        notebooks.append(total)
        ratios.append(total / full)
        cpu_ratios.append(cpu / LAST_CPU[0])
        for step, seconds in times.items():
            print(f"  notebook {step}: {seconds:.1f} s")
        print(f"  notebook pipeline total: {total:.1f} s; rapport analyze is "
              f"{total / full:.1f}x faster   target >= 5x ({load()})")  # fmt: skip
        print(f"  CPU seconds: notebook {cpu:.1f} s, rapport analyze {LAST_CPU[0]:.1f} s: "
              f"{cpu / LAST_CPU[0]:.1f}x (less sensitive to the load)")  # fmt: skip
    if len(fulls) > 1:
        print(f"rapport analyze, median of {len(fulls)}: {statistics.median(fulls):.1f} s "
              f"(CPU {statistics.median(cpus):.1f} s)")  # fmt: skip
    if ratios:
        read = notebook_read_csv(base / "responses.csv")
        print(f"median ratio of {len(ratios)}: {statistics.median(ratios):.1f}x faster than the "
              f"notebook (CPU {statistics.median(cpu_ratios):.1f}x)   target >= 5x")  # fmt: skip
        ours = imported + statistics.median(fulls)
        theirs = read + statistics.median(notebooks)
        print(f"import plus analyze: {imported:.1f} + {statistics.median(fulls):.1f} s against "
              f"pandas read_csv {read:.1f} s + notebook {statistics.median(notebooks):.1f} s: "
              f"{theirs / ours:.2f}x")  # fmt: skip
    reanalysis(base / "ws", base, texts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
