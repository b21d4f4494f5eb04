"""All-distinct, realistic comments for benchmarks, from Rapport's own labelled text.

Real comments are all different from one another, so a benchmark with a few hundred
repeated texts flatters every per-text cache. This builds comments of one to three
sentences drawn from the project's own labelled workplace comments
(``analysis/data/workplace_*.csv``) and from the demo's comment fragments
(``surveys/data/demo_comments.yaml``, placeholders filled in), and never returns the same
comment twice. Seeded: the same ``n`` and seed give the same comments.

    from bench.distinct_comments import distinct_comments
    texts = distinct_comments(160_000, seed=1)
"""

from __future__ import annotations

import csv
import random
import re
from functools import lru_cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@lru_cache(maxsize=1)
def sentence_pool() -> tuple[str, ...]:
    """Every distinct sentence of the labelled sets and the demo fragments."""
    sentences: list[str] = []
    for path in sorted((ROOT / "analysis" / "data").glob("workplace_*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                sentences.extend(_SENTENCE_END.split(row["text"].strip()))
    sentences.extend(_demo_fragments(random.Random(0)))
    return tuple(dict.fromkeys(s.strip() for s in sentences if len(s.strip()) > 3))


def _demo_fragments(rng: random.Random) -> list[str]:
    data = yaml.safe_load((ROOT / "surveys" / "data" / "demo_comments.yaml").read_text("utf-8"))
    fill = {key: list(values) for key, values in data["fill"].items()}
    fill["them"] = fill["us"] = [name for names in data["them"].values() for name in names]
    out = []
    for topic in data["topics"].values():
        for part in ("specifics", "consequences", "suggestions"):
            for text in topic.get(part, []):
                for _ in range(3):  # three fillings of each placeholder
                    filled = _PLACEHOLDER.sub(lambda m: rng.choice(fill.get(m[1], [m[1]])), text)
                    out.append(filled[0].upper() + filled[1:])
    return out


def iter_distinct_comments(seed: int = 0):
    """An endless stream of different comments (see :func:`distinct_comments`)."""
    pool = sentence_pool()
    rng = random.Random(seed)
    seen: set[str] = set()
    while True:
        count = rng.choices((1, 2, 3), weights=(2, 5, 3))[0]
        text = " ".join(rng.choice(pool) for _ in range(count))
        if text not in seen:
            seen.add(text)
            yield text


def distinct_comments(n: int, seed: int = 0) -> list[str]:
    """``n`` different comments of one to three sentences (most have one or two).

    Parameters
    ----------
    n : int
        How many comments.
    seed : int
        Seeds the choice of sentences.

    Returns
    -------
    list of str
        No two equal.
    """
    stream = iter_distinct_comments(seed)
    return [next(stream) for _ in range(n)]


if __name__ == "__main__":
    pool = sentence_pool()
    sample = distinct_comments(5, seed=1)
    print(f"{len(pool):,} sentences; e.g.:", *sample, sep="\n  ")
