"""CPU seconds of the workplace rules on the distinct comments of a bench workspace.

Reads the distinct comments of ``DIR/responses.csv`` (a folder kept by
``bench/analyze_bench.py --keep DIR``), tokenises them as the lexicon path does, and times
``FastScorer.apply_rules`` over all of them (best of ``--repeats``, CPU seconds), and the
whole of ``score_with`` (the sentiment worker's scoring) likewise. It also counts the rules'
regular expressions run and hashes the scores, so two trees can be compared: ``--compare
TREE`` runs the same measurement on another source tree (e.g. main exported with ``git
archive``) in a fresh process, alternating, ``--rounds`` times each.

    .venv/bin/python bench/rules_bench.py --base /tmp/bench --compare /tmp/main --rounds 3
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure(base: Path, repeats: int) -> dict:
    """Time the rules and the scoring of ``base``'s distinct comments in this process."""
    from analysis.sentiment import scoring
    from analysis.sentiment.model import load_model, score_with

    with (base / "responses.csv").open(encoding="utf-8", newline="") as handle:
        texts = sorted({r["value"] for r in csv.DictReader(handle) if r["item"] == "comment"})
    texts = [text for text in texts if text]
    scorer, model = scoring.rapport_scorer(), load_model()
    lowered = [[word.lower() for word in scorer.tokenise(text)] for text in texts]
    rules, runs = float("inf"), 0
    for _ in range(repeats):
        started = time.process_time()
        for tokens in lowered:
            scorer.apply_rules(tokens, [0.0] * len(tokens))
        rules = min(rules, time.process_time() - started)
    for tokens in lowered:
        runs += len(scorer.candidate_rules(" ".join(tokens)))
    scored, scores = float("inf"), []
    for _ in range(repeats):
        started = time.process_time()
        scores = score_with(scorer, model, texts)
        scored = min(scored, time.process_time() - started)
    digest = hashlib.sha256(json.dumps(scores).encode()).hexdigest()[:16]
    return {"texts": len(texts), "rules": rules, "runs": runs, "score": scored, "hash": digest}


def _run(tree: Path, base: Path, repeats: int) -> dict:
    # this file's measure(), with the tree's own packages first on the path
    code = (
        f"import sys, json, runpy; sys.path.insert(0, {str(tree)!r})\n"
        f"measure = runpy.run_path({__file__!r})['measure']\n"
        f"print(json.dumps(measure(__import__('pathlib').Path({str(base)!r}), {repeats})))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, type=Path, help="folder of analyze_bench --keep")
    parser.add_argument("--compare", type=Path, help="another source tree, run alternately")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=5, help="best of this many, per run")
    args = parser.parse_args()
    trees = {"this tree": ROOT}
    if args.compare:
        trees = {"other": args.compare, "this tree": ROOT}
    found: dict[str, list[dict]] = {name: [] for name in trees}
    for number in range(1, args.rounds + 1):
        for name, tree in trees.items():
            result = _run(tree, args.base, args.repeats)
            found[name].append(result)
            print(
                f"round {number} {name}: apply_rules {result['rules']:.3f} s CPU, "
                f"{result['runs']} expressions run; score_with {result['score']:.3f} s CPU "
                f"({result['texts']} texts, scores {result['hash']})",
                flush=True,
            )
    for name, results in found.items():
        print(
            f"median {name}: apply_rules {statistics.median(r['rules'] for r in results):.3f} s, "
            f"score_with {statistics.median(r['score'] for r in results):.3f} s"
        )


if __name__ == "__main__":
    main()
