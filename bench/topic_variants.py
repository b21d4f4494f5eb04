"""The command line and table shared by the topic-variant benches.

`bench/topics_shorttext.py`, `bench/topics_clauses.py` and `bench/topics_noise.py` each
score their own variants of topic discovery against human categories; this module reads
their common options (`--data`, `--seeds`, `--variants`, `--no-boilerplate`, `--only`,
`--sizes`, `--samples`, `--no-whole`), runs every corpus (whole, with e-mail boilerplate,
and seeded samples) and prints one Markdown row per run, then the leave-one-corpus-out
picks. See docs/themes-tried.md and docs/themes.md for what each bench tried.
"""

from __future__ import annotations

import argparse
import os
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

#: ``score_seed(texts, labels, seed, variants)`` -> variant -> (NMI, topics, seconds).
ScoreSeed = Callable[[list[str], list[str], int, list[str]], dict[str, tuple[float, int, float]]]


def variant_main(
    doc: str,
    variants: Iterable[str],
    score_seed: ScoreSeed,
    baseline: str,
    argv: list[str] | None = None,
    note: str = "",
    unpicked: tuple[str, ...] = (),
) -> int:
    """Parse the shared options, score every corpus of ``--data``, print the table, then
    the leave-one-corpus-out picks against the variant ``baseline`` (never picking those of
    ``unpicked``)."""
    from bench.topics_nmi import load, samples, with_boilerplate

    args = _parser(doc, list(variants)).parse_args(argv)
    files = [f for f in sorted(args.data.glob("*.csv")) if not args.only or f.stem in args.only]
    if not files:
        print(f"No CSV files in {args.data}.")
        return 1
    print(f"load average before: {_load()}")
    if note:
        print(note)
    print("| corpus | variant | seed | NMI | topics | s |")
    print("|---|---|---:|---:|---:|---:|")
    table: dict[str, dict[str, float]] = {}
    for path in files:
        base, labels = load(path)
        for boiler in [] if args.no_whole else [False] if args.no_boilerplate else [False, True]:
            texts = with_boilerplate(base) if boiler else base
            name = path.stem + (" + boilerplate" if boiler else "")
            per: dict[str, list[float]] = defaultdict(list)
            for seed in args.seeds:
                for variant, score in _rows(
                    name, seed, score_seed(texts, labels, seed, args.variants)
                ):
                    per[variant].append(score)
            if not boiler:
                table[path.stem] = {v: statistics.mean(s) for v, s in per.items()}
        for size in (n for n in args.sizes if n < len(base)):
            for i, (texts, sample_labels) in enumerate(samples(base, labels, size, args.samples)):
                name = f"{path.stem}, samples of {size:,}"
                list(_rows(name, i, score_seed(texts, sample_labels, i, args.variants)))
    print(f"load average after: {_load()}")
    if len(table) > 1:
        leave_one_out(table, baseline, unpicked)
    return 0


def leave_one_out(
    table: dict[str, dict[str, float]], base: str, unpicked: tuple[str, ...] = ()
) -> None:
    """The variant with the best mean on the other corpora, scored on the one left out
    (``table``: corpus -> variant -> mean NMI over seeds, whole corpora)."""
    corpora = sorted(table)
    names = [
        v for v in table[corpora[0]] if v not in unpicked and all(v in table[c] for c in corpora)
    ]
    print("\nLeaving one corpus out (whole corpora, mean over seeds):")
    for out in corpora:
        rest = [c for c in corpora if c != out]
        pick = max(names, key=lambda v: statistics.mean(table[c][v] for c in rest))
        print(
            f"- {out}: pick {pick!r} -> {table[out][pick]:.3f} "
            f"({base} {table[out][base]:.3f}, best of all {max(table[out].values()):.3f})"
        )


def _rows(name: str, seed: int, scores: dict[str, tuple[float, int, float]]):
    for variant, (score, k, secs) in scores.items():
        print(f"| {name} | {variant} | {seed} | {score:.3f} | {k} | {secs:.1f} |", flush=True)
        yield variant, score


def _parser(doc: str, variants: list[str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--data", required=True, type=Path, help="folder of labelled CSVs")
    parser.add_argument("--seeds", nargs="+", type=int, default=[0, 1, 2])
    parser.add_argument("--variants", nargs="+", choices=variants, default=variants)
    parser.add_argument("--no-boilerplate", action="store_true")
    parser.add_argument("--only", nargs="+", default=[], help="corpus file stems to run")
    parser.add_argument("--sizes", nargs="+", type=int, default=[], help="also samples this big")
    parser.add_argument("--samples", type=int, default=6, help="samples of each size")
    parser.add_argument("--no-whole", action="store_true", help="only the samples")
    return parser


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())
