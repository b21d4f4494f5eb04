"""Benchmark: topic discovery's time and memory, today's method against ``topics-2``.

Runs :func:`analysis.topics.discover_topics` (the app's method) and the frozen ``topics-2``
(``bench/topics_v2.py``: scikit-learn TF-IDF, LSA and silhouette) on all-distinct realistic
comments (``bench/distinct_comments.py``), each method and size in its own process, so
that imports and peak memory are measured per run. Prints, per run: seconds to import the
module (``topics-2`` imports scikit-learn on first use, so that is counted in its
discovery), seconds to discover with the comments' words not yet read ("cold", as
``rapport themes`` runs it) and again after the tokens were read by an untimed pass
("warm", as in ``rapport analyze``, where sentiment, conflict and themes have read every
comment before topics), the number of topics, and peak resident memory. The load average
is printed before and after: compare methods within one run only.

    .venv/bin/python bench/topics_speed.py [--sizes 16000 160000] [--methods topics-6 topics-2]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MODULES = {"topics-6": "analysis.topics", "topics-2": "bench.topics_v2"}


def child(method: str, n: int, warm: bool) -> dict:
    """One run in this process: import, (warm the tokens,) discover; figures as a dict."""
    from bench.distinct_comments import distinct_comments

    texts = distinct_comments(n, seed=1)
    start = time.perf_counter()
    module = __import__(MODULES[method], fromlist=["discover_topics"])
    imported = time.perf_counter() - start
    if warm:
        from analysis.text import analysed

        for text in texts:
            analysed(text)
    start = time.perf_counter()
    model = module.discover_topics(texts, seed=0)
    seconds = time.perf_counter() - start
    return {
        "import_s": round(imported, 2),
        "discover_s": round(seconds, 2),
        "topics": len(model.topics),
        "unassigned": sum(a is None for a in model.assignments),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def run(method: str, n: int, warm: bool) -> dict:
    command = [sys.executable, __file__, "--child", method, str(n), "warm" if warm else "cold"]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[16_000, 160_000])
    parser.add_argument("--methods", nargs="+", choices=list(MODULES), default=list(MODULES))
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        method, n, warm = args.child
        print(json.dumps(child(method, int(n), warm == "warm")))
        return 0
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("| comments | method | tokens | import s | discover s | topics | no topic | peak MB |")
    print("|---:|---|---|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        for warm in (False, True):
            for method in args.methods:
                f = run(method, n, warm)
                print(
                    f"| {n:,} | {method} | {'warm' if warm else 'cold'} | {f['import_s']} | "
                    f"{f['discover_s']} | {f['topics']} | {f['unassigned']} | {f['peak_mb']} |",
                    flush=True,
                )
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
