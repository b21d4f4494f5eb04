"""Benchmark: conflict language, taxonomy themes and topic discovery on 200,000 comments.

Generates realistic comments by combining fragments (seeded), then runs, each in its own
process so that peak memory is measured per pipeline:

* ``rapport``  - analysis.conflict.analyse_conflicts + analysis.themes.match_themes +
  analysis.topics.discover_topics (k chosen automatically), the code the app runs;
* ``baseline`` - what a notebook would do: NLTK Treebank tokenizer + uncached Porter
  stemmer inside scikit-learn's TfidfVectorizer, then full-batch NMF with 10 topics.

Usage::

    .venv/bin/python bench/themes_bench.py [--n 200000] [--no-baseline]

Prints wall time and peak resident memory (ru_maxrss) of each stage and pipeline.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time

DEPTS = ["IT", "Sales", "Marketing", "Operations", "the service desk", "Finance", "their team"]
OPENERS = ["Honestly,", "Again,", "This quarter", "As usual,", "Lately", "", "", "", "To be fair,"]
FRAGMENTS = {
    "responsiveness": [
        "{d} took three weeks to answer a simple ticket",
        "our requests sit in the {d} queue for days",
        "nobody at {d} gets back to us when something is urgent",
        "we are still waiting on {d} for the report change",
        "{d} responds within a day and that makes a difference",
    ],
    "budget": [
        "{d} gets all the budget and we fight for every penny",
        "our priorities always lose to the {d} roadmap",
        "budget cuts hit us first while {d} keeps its headcount",
        "we compete with {d} for stage time at every event",
    ],
    "privacy": [
        "{d} wants to share patient data without consent",
        "the privacy review was skipped for the {d} campaign",
        "consent forms are missing from the customer database",
        "security keeps blocking our analytics on customer data",
    ],
    "process": [
        "every change request needs three sign-offs from {d}",
        "the approval process at {d} is pure red tape",
        "we have to raise a ticket for the smallest thing",
    ],
    "liaison": [
        "nobody knows who our {d} liaison is",
        "the liaison meeting with {d} only happens quarterly",
        "{d} is too busy to meet with us",
    ],
    "conflict": [
        "it's always their fault according to {d}",
        "{d} is the department of no",
        "we had to get my manager involved to move {d}",
        "we bought our own tool because {d} takes months",
        "we keep a spreadsheet on the side since the {d} system is useless",
        "{d} went over our heads to the VP",
    ],
    "solving": [
        "we sat down together with {d} and worked it out",
        "thanks to {d} we launched on time",
        "joint planning with {d} before the big event helped",
        "{d} helped us fix the integration in a day",
    ],
    "respect": [
        "{d} looks down on the work we do",
        "people in {d} are dismissive in meetings",
        "{d} has no idea what our work involves",
    ],
}
TAILS = [
    "",
    "",
    ".",
    " and it hurts patients.",
    " again.",
    ", which delays our clients.",
    " - please fix this.",
    " every single time.",
]


def make_comments(n: int, seed: int = 0) -> list[str]:
    """``n`` comments built from one or two fragments with openers and tails."""
    rng = random.Random(seed)
    kinds = list(FRAGMENTS)
    out = []
    for _ in range(n):
        parts = []
        for kind in rng.sample(kinds, rng.choice((1, 1, 2))):
            parts.append(rng.choice(FRAGMENTS[kind]).format(d=rng.choice(DEPTS)))
        text = " and ".join(parts)
        opener = rng.choice(OPENERS)
        text = f"{opener} {text}".strip() + rng.choice(TAILS)
        out.append(text[0].upper() + text[1:])
    return out


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(figures: dict, name: str, fn):
    start = time.perf_counter()
    result = fn()
    figures[name] = round(time.perf_counter() - start, 2)
    return result


def run_rapport(texts: list[str]) -> dict:
    from analysis.conflict import analyse_conflicts
    from analysis.themes import match_themes
    from analysis.topics import discover_topics

    figures: dict = {}
    conflicts = timed(figures, "conflict_s", lambda: analyse_conflicts(texts))
    themes = timed(figures, "themes_s", lambda: match_themes(texts))
    model = timed(figures, "topics_s", lambda: discover_topics(texts, seed=0))
    figures["total_s"] = round(figures["conflict_s"] + figures["themes_s"] + figures["topics_s"], 2)
    figures["blame_share"] = round(sum(c.is_conflict for c in conflicts) / len(texts), 3)
    figures["with_theme"] = round(sum(bool(t) for t in themes) / len(texts), 3)
    figures["selection"] = model.selection
    figures["topics"] = [f"{t.number}. {t.label} ({t.size})" for t in model.topics]
    figures["peak_mb"] = round(peak_mb())
    return figures


def run_baseline(texts: list[str]) -> dict:
    from nltk.stem import PorterStemmer
    from nltk.tokenize import TreebankWordTokenizer
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    tokenizer, stemmer = TreebankWordTokenizer(), PorterStemmer()

    def analyse(text: str) -> list[str]:
        return [stemmer.stem(w) for w in tokenizer.tokenize(text.lower()) if w.isalpha()]

    figures: dict = {}
    vectorizer = TfidfVectorizer(tokenizer=analyse, token_pattern=None, stop_words=None)
    matrix = timed(figures, "tfidf_s", lambda: vectorizer.fit_transform(texts))
    nmf = NMF(n_components=10, init="nndsvda", random_state=0, max_iter=200)
    timed(figures, "nmf_s", lambda: nmf.fit_transform(matrix))
    figures["total_s"] = round(figures["tfidf_s"] + figures["nmf_s"], 2)
    figures["peak_mb"] = round(peak_mb())
    return figures


def child(stage: str, n: int) -> None:
    texts = make_comments(n)
    result = run_rapport(texts) if stage == "rapport" else run_baseline(texts)
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--stage", choices=["rapport", "baseline"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        child(args.stage, args.n)
        return
    sample = make_comments(5, seed=1)
    print(f"{args.n:,} generated comments, e.g.:", *(f"  {s}" for s in sample), sep="\n")
    stages = ["rapport"] if args.no_baseline else ["rapport", "baseline"]
    results = {}
    for stage in stages:
        cmd = [sys.executable, __file__, "--stage", stage, "--n", str(args.n)]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        results[stage] = json.loads(out.strip().splitlines()[-1])
        print(f"\n{stage}:")
        for key, value in results[stage].items():
            if key == "topics":
                print("  topics:", *(f"    {t}" for t in value), sep="\n")
            else:
                print(f"  {key}: {value}")
    if "baseline" in results:
        ours, base = results["rapport"]["topics_s"], results["baseline"]["total_s"]
        print(
            f"\ntopic discovery (incl. choosing k) vs baseline TF-IDF+NMF(10): "
            f"{ours} s vs {base} s ({base / ours:.1f}x)"
        )


if __name__ == "__main__":
    main()
