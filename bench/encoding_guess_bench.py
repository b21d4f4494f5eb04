"""Benchmark telling a CSV's encoding from its bytes (``surveys.text_encoding.guess_encoding``).

A file without a byte-order mark is looked at whole before it is read: UTF-8, or the code
page Excel's plain "CSV" was saved in (Windows-1252, -1250 or -1251, told apart by the
words of ``surveys.code_pages``). This writes one file per encoding into a temporary
folder, the same rows in each (``--mb`` megabytes of comments in Western, Central European
or Cyrillic words, every fifth one accented), and prints the best of three wall times of
the guess and what it guessed.

Usage::

    .venv/bin/python bench/encoding_guess_bench.py            # about 58 MB per file
    .venv/bin/python bench/encoding_guess_bench.py --mb 10
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from surveys.text_encoding import guess_encoding

WORDS = {
    "cp1252": [
        "très",
        "lent",
        "réponse",
        "équipe",
        "où",
        "être",
        "déjà",
        "bientôt",
        "plus",
        "vite",
        "merci",
    ],
    "cp1250": [
        "bardzo",
        "późno",
        "współpraca",
        "dział",
        "źle",
        "łatwo",
        "oddělení",
        "příliš",
        "věcí",
    ],
    "cp1251": ["очень", "медленно", "отдел", "продажи", "сотрудничество", "відділ", "їхні"],
    "utf-8": ["très", "lent", "bardzo", "późno", "очень", "медленно", "équipe", "współpraca"],
}


def write(folder: Path, codec: str, megabytes: int) -> Path:
    rng = random.Random(7)
    path = folder / f"{codec}.csv"
    plain = ["the", "report", "arrives", "late", "again", "and", "we", "wait", "for", "answers"]
    with path.open("w", encoding=codec, newline="") as handle:
        handle.write("Team,Submitted,Comment\r\n")
        while handle.tell() < megabytes * 1_000_000:
            words = [rng.choice(plain) for _ in range(12)]
            if rng.random() < 0.2:
                words[rng.randrange(12)] = rng.choice(WORDS[codec])
            handle.write(f"Sales,2025-12-01,{' '.join(words)}\r\n")
    return path


def best_of_three(path: Path) -> tuple[float, str]:
    times = []
    with path.open("rb") as handle:
        for _ in range(3):
            start = time.perf_counter()
            guess = guess_encoding(handle)
            times.append(time.perf_counter() - start)
    return min(times), guess.encoding


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=int, default=58, help="size of each file in MB")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for codec in WORDS:
            path = write(Path(folder), codec, args.mb)
            seconds, encoding = best_of_three(path)
            size = path.stat().st_size / 1e6
            print(f"{codec:7} {size:6.1f} MB  guessed {encoding:13} {seconds:6.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
