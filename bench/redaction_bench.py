"""Benchmark: redacting comments with a small and a large list of names.

Comments are all distinct and realistic: the demo's comment writer (openers, remarks by
topic and tone, typos, and a sentence with a listed name, an e-mail address or a phone
number in a few per cent), each with a serial number so none repeats. Two name lists: the
demo's six people, and 2,000 generated employees plus those six (what `rapport names
import` brings from an HR system).

The baseline, timed in the same run on the same comments, is the redaction of another
revision of the repository (default ``main``), loaded from git; without git it is skipped.

Usage::

    .venv/bin/python bench/redaction_bench.py [--n 20000] [--baseline REV]

Prints microseconds per comment for each name list and implementation, and how many
comments each changed.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.privacy import Redactor  # noqa: E402
from surveys.demo_text import CommentWriter, phrases, redaction_names  # noqa: E402

GIVEN = ["Anna", "José", "Siobhán", "Li", "Zoë", "Jean-Luc", "Priya", "Tomasz", "Grace", "Wei"]
FAMILY = ["Schmidt", "García", "O’Brien", "Wu", "Müller", "van der Berg", "Okafor", "Novak"]


def comments(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    writer = CommentWriter(rng)
    topics = list(phrases()["topics"])
    targets = ["IT", "Sales", "Marketing", "Operations"]
    out = []
    for serial in range(count):
        tone = rng.choice(["negative", "mixed", "positive"])
        text = writer.write(rng.choice(targets), rng.choice(topics), tone)
        out.append(f"{text} (ref {serial})")
    return out


def big_list(size: int = 2000) -> list[str]:
    rng = random.Random(11)
    names = {f"{rng.choice(GIVEN)}{i} {rng.choice(FAMILY)}{i}" for i in range(size)}
    return sorted(names) + redaction_names()


def baseline(revision: str):
    """``redact`` of ``revision``'s ``analysis/privacy.py``, or None without git."""
    try:
        source = subprocess.run(
            ["git", "show", f"{revision}:analysis/privacy.py"],
            cwd=ROOT, capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return None
    module = types.ModuleType("baseline_privacy")
    sys.modules[module.__name__] = module
    exec(compile(source, f"{revision}:analysis/privacy.py", "exec"), module.__dict__)  # noqa: S102
    return module.redact


def timed(redact, texts: list[str]) -> tuple[float, int]:
    redact(texts[0])  # builds and caches what the name list needs
    start = time.perf_counter()
    changed = sum(redact(text) != text for text in texts)
    return (time.perf_counter() - start) / len(texts) * 1e6, changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--baseline", default="main")
    args = parser.parse_args()
    texts = comments(args.n)
    old = baseline(args.baseline)
    print(f"{len(texts):,} distinct comments")
    for label, names in (("demo list (6 names)", redaction_names()), ("2,006 names", big_list())):
        rows = [("this tree", Redactor(tuple(names)))]
        if old is not None:
            rows.insert(0, (args.baseline, lambda text, names=tuple(names): old(text, names)))
        for impl, redact in rows:
            micros, changed = timed(redact, texts)
            print(f"{label:22} {impl:10} {micros:8.1f} us/comment  {changed:6,} changed")


if __name__ == "__main__":
    main()
