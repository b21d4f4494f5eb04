"""Benchmark: redacting comments with a small and a large list of names.

Comments are all distinct and realistic: the demo's comment writer (openers, remarks by
topic and tone, typos, and a sentence with a listed name, an e-mail address or a phone
number in a few per cent; one in twenty thanks someone on no list), each with a serial
number so none repeats. Two name lists: the
demo's six people, and 2,000 generated employees plus those six (what `rapport names
import` brings from an HR system). The workspace's departments are passed where the
redaction takes them (the built-in given names never redact a department's name).

The baseline, timed in the same run on the same comments, is the redaction of another
revision of the repository (default ``main``): its ``analysis`` and ``surveys`` packages
are exported from git into a temporary folder and timed in a separate process, so none
of this tree's modules (the name finder, the word lists) leak into it. Without git it
is skipped.

Usage::

    .venv/bin/python bench/redaction_bench.py [--n 20000] [--baseline REV]

Prints microseconds per comment for each name list and implementation, and how many
comments each changed.
"""

from __future__ import annotations

import argparse
import inspect
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GIVEN = ["Anna", "José", "Siobhán", "Li", "Zoë", "Jean-Luc", "Priya", "Tomasz", "Grace", "Wei"]
FAMILY = ["Schmidt", "García", "O’Brien", "Wu", "Müller", "van der Berg", "Okafor", "Novak"]
TARGETS = ["IT", "Sales", "Marketing", "Operations"]
#: People on no list, named in one comment of twenty (found only by the built-in names).
UNLISTED = ["Kavita", "Tomasz", "Chinedu", "Sigrid", "Dr Adeyemi", "Mr. Lindqvist", "Søren"]


def comments(count: int, seed: int = 7) -> list[str]:
    from surveys.demo_text import CommentWriter, phrases

    rng = random.Random(seed)
    writer = CommentWriter(rng)
    topics = list(phrases()["topics"])
    out = []
    for serial in range(count):
        tone = rng.choice(["negative", "mixed", "positive"])
        text = writer.write(rng.choice(TARGETS), rng.choice(topics), tone)
        if rng.random() < 0.05:
            text += f" Thanks to {rng.choice(UNLISTED)} in {rng.choice(TARGETS)}."
        out.append(f"{text} (ref {serial})")
    return out


def big_list(size: int = 2000) -> list[str]:
    from surveys.demo_text import redaction_names

    rng = random.Random(11)
    names = {f"{rng.choice(GIVEN)}{i} {rng.choice(FAMILY)}{i}" for i in range(size)}
    return sorted(names) + redaction_names()


def export_revision(revision: str, folder: Path) -> bool:
    """Write ``revision``'s ``analysis`` and ``surveys`` into ``folder`` (False without git)."""
    try:
        archive = subprocess.run(
            ["git", "archive", revision, "analysis", "surveys"],
            cwd=ROOT, capture_output=True, check=True,
        ).stdout  # fmt: skip
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    except (OSError, subprocess.CalledProcessError):
        return False
    return True


def timed(redact, texts: list[str]) -> tuple[float, int]:
    redact(texts[0])  # builds and caches what the name list needs
    start = time.perf_counter()
    changed = sum(redact(text) != text for text in texts)
    return (time.perf_counter() - start) / len(texts) * 1e6, changed


def measure(code: Path, work: Path) -> list[tuple[float, int]]:
    """Time the ``Redactor`` of the tree at ``code`` on the lists and texts in ``work``."""
    sys.path.insert(0, str(code))
    from analysis.privacy import Redactor

    data = json.loads(work.read_text("utf-8"))
    takes_departments = "departments" in inspect.signature(Redactor).parameters
    out = []
    for names in data["lists"]:
        if takes_departments:
            redactor = Redactor(tuple(names), tuple(data["departments"]))
        else:
            redactor = Redactor(tuple(names))
        out.append(timed(redactor, data["texts"]))
    return out


def _measured_apart(code: Path, work: Path) -> list[tuple[float, int]]:
    """:func:`measure` in a process of its own (one tree's modules each)."""
    command = [sys.executable, __file__, "--measure", str(code), str(work)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--baseline", default="main")
    parser.add_argument("--measure", nargs=2, metavar=("CODE", "WORK"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.measure[0]), Path(args.measure[1]))))
        return
    sys.path.insert(0, str(ROOT))
    from surveys.demo_text import redaction_names

    labels = ["demo list (6 names)", "2,006 names"]
    lists = [redaction_names(), big_list()]
    texts = comments(args.n)
    print(f"{len(texts):,} distinct comments")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "work.json"
        work.write_text(json.dumps({"texts": texts, "lists": lists, "departments": TARGETS}))
        runs = []
        old = Path(tmp) / "baseline"
        old.mkdir()
        if export_revision(args.baseline, old):
            runs.append((args.baseline, old))
        runs.append(("this tree", ROOT))
        results = {impl: _measured_apart(code, work) for impl, code in runs}
    for row, label in enumerate(labels):
        for impl, figures in results.items():
            micros, changed = figures[row]
            print(f"{label:22} {impl:10} {micros:8.1f} us/comment  {changed:6,} changed")


if __name__ == "__main__":
    main()
