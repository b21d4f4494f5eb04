"""How long ``analysis.text.tokenize`` takes over real comments, this checkout against another.

Every analysis tokenises each distinct comment once (sentiment aside), so a change to the
tokenizer is paid on every text. The texts are the ``text`` column of the CSV files given
(files or folders of them); each round times every text once, in a fresh process, with
``time.process_time`` around the loop. With ``--old DIR`` (for example a ``git archive``
copy of ``main``) the two checkouts alternate, round by round::

    mkdir /tmp/main-copy && git archive main | tar -x -C /tmp/main-copy
    nice -n 19 .venv/bin/python bench/tokenize_bench.py DATA_DIR --old /tmp/main-copy
"""

from __future__ import annotations

import argparse
import csv
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]


def texts(paths: list[str]) -> list[str]:
    """The ``text`` cells of the CSV files in ``paths`` (folders are read for ``*.csv``)."""
    files: list[Path] = []
    for path in map(Path, paths):
        files += sorted(path.glob("*.csv")) if path.is_dir() else [path]
    out = []
    for file in files:
        with file.open(newline="", encoding="utf-8") as handle:
            out += [row["text"] for row in csv.DictReader(handle) if row.get("text")]
    return out


def one_round(root: str, paths: list[str]) -> None:
    """Time ``tokenize`` of ``root``'s ``analysis`` package over the texts; print seconds."""
    sys.path.insert(0, root)
    from analysis.text import tokenize

    found = texts(paths)
    tokenize("warm up")
    start = time.process_time()
    for text in found:
        tokenize(text)
    print(f"{len(found)} {time.process_time() - start:.3f}")


def timed(root: Path, paths: list[str]) -> tuple[int, float]:
    """One round in a fresh process: (texts, seconds)."""
    command = [sys.executable, __file__, *paths, "--round-of", str(root)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    count, seconds = done.stdout.split()
    return int(count), float(seconds)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+", help="CSV files or folders with a text column")
    parser.add_argument("--old", type=Path, help="another checkout to alternate with")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--round-of", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.round_of:
        one_round(args.round_of, args.paths)
        return 0
    roots = {"this": HERE} if args.old is None else {"old": args.old.resolve(), "this": HERE}
    seconds: dict[str, list[float]] = {name: [] for name in roots}
    for _ in range(args.rounds):
        for name, root in roots.items():
            count, spent = timed(root, args.paths)
            seconds[name].append(spent)
    print(f"{count:,} texts, process time of tokenize over all, {args.rounds} rounds:")
    for name, values in seconds.items():
        shown = ", ".join(f"{v:.3f}" for v in values)
        print(f"  {name}: {shown} s (median {statistics.median(values):.3f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
