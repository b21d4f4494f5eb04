"""Time the exports of a demo-sized analysis: deck (target <= 5 s) against the XLSX writer.

Builds the demo workspace once, analyses it once, then times each writer several times on
the same AnalysisResult and prints the best and median of each. The XLSX writer is the
baseline measured in the same run, so figures taken on a busy machine stay comparable.

    .venv/bin/python bench/export_bench.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

TARGET_S = 5.0


def _time(write, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        write()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from analysis.export import write_csv, write_deck, write_xlsx
    from analysis.pipeline import analyse_workspace
    from surveys.demo import build_demo

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "demo"
        build_demo(folder)
        start = time.perf_counter()
        result = analyse_workspace(folder)
        analysis_s = time.perf_counter() - start
        print(
            f"demo: {len(result.pairs)} pairs, {len(result.hotspots)} hotspots, "
            f"{len(result.waves)} waves; analysis {analysis_s:.2f} s (not part of the exports)"
        )
        runs = {
            "xlsx (baseline)": lambda: write_xlsx(result, Path(tmp) / "t.xlsx"),
            "csv": lambda: write_csv(result, Path(tmp) / "csv"),
            "deck, 3 hotspots": lambda: write_deck(result, Path(tmp) / "d.pptx"),
            "deck, 5 hotspots": lambda: write_deck(result, Path(tmp) / "d5.pptx", hotspots=5),
        }
        figures = {name: _time(write, args.repeat) for name, write in runs.items()}
    base = statistics.median(figures["xlsx (baseline)"])
    print(f"{'writer':<18} {'best s':>8} {'median s':>9} {'x baseline':>11}")
    for name, times in figures.items():
        median = statistics.median(times)
        print(f"{name:<18} {min(times):>8.3f} {median:>9.3f} {median / base:>11.1f}")
    deck = statistics.median(figures["deck, 5 hotspots"])
    verdict = "within" if deck <= TARGET_S else "OVER"
    print(f"deck with 5 hotspots: {deck:.2f} s, {verdict} the {TARGET_S:.0f} s target")


if __name__ == "__main__":
    main()
