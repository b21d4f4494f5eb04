"""Benchmark importing a comment export (one comment per row: Culture Amp, Peakon...).

Writes a Culture Amp-like comments CSV of ``--rows`` rows (four questions, one about each
default department; writers from the other three departments; dates over three months)
into a temporary folder, imports it into a new workspace through
:func:`surveys.importing.import_file` (the path `rapport import` takes), then imports it
again (every comment already there), and prints the wall time of each and the counts.
Each comment is checked against the workspace's comments (same text, pair and wave) so
that one imported with the survey's responses export before is not added twice; the
second import is all such look-ups.

Usage::

    .venv/bin/python bench/comment_export_bench.py               # 20,000 rows
    .venv/bin/python bench/comment_export_bench.py --rows 100000
"""

from __future__ import annotations

import argparse
import csv
import random
import tempfile
import time
from pathlib import Path

from surveys.importing import import_file
from surveys.store import create_workspace

DEPARTMENTS = ["Sales", "IT", "Marketing", "Operations"]
WORDS = [
    "the",
    "report",
    "arrives",
    "late",
    "again",
    "and",
    "we",
    "wait",
    "for",
    "answers",
    "from",
    "them",
    "every",
    "week",
]


def write(path: Path, rows: int) -> None:
    rng = random.Random(7)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["Question", "Comment", "Rating", "Sentiment", "Department", "Submitted"])
        for number in range(rows):
            target = DEPARTMENTS[number % 4]
            writer = rng.choice([d for d in DEPARTMENTS if d != target])
            words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 30)))
            out.writerow(
                [
                    f"What one thing would make working with {target} better?",
                    f"{words} ({number})",
                    rng.randint(1, 5),
                    "Neutral",
                    writer,
                    f"2025-{rng.randint(9, 11):02d}-{rng.randint(1, 28):02d}",
                ]
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "comments.csv"
        write(path, args.rows)
        workspace = Path(folder) / "ws"
        create_workspace(workspace, DEPARTMENTS).close()
        size = path.stat().st_size / 1e6
        for label in ("first import", "again (all known)"):
            start = time.perf_counter()
            report = import_file(workspace, path)
            took = time.perf_counter() - start
            print(
                f"{label}: {args.rows:,} rows ({size:.1f} MB) in {took:.2f} s: "
                f"{report.comments:,} new, {report.submissions_skipped:,} already imported"
            )


if __name__ == "__main__":
    main()
