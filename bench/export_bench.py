"""Time the exports of a demo-sized analysis: deck (target <= 5 s) against the XLSX writer.

Builds the demo workspace once, analyses it once, then times each writer several times on
the same AnalysisResult and prints the best and median of each. The XLSX writer is the
baseline measured in the same run, so figures taken on a busy machine stay comparable.
``--departments N`` times them on the large sparse organisation of ``bench/large_org.py``
instead (N departments, most pairs rated by nobody), with the CPU time of each writer.

    .venv/bin/python bench/export_bench.py [--repeat 5]
    .venv/bin/python bench/export_bench.py --departments 40
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
TARGET_S = 5.0


def _time(write, repeat: int, cpu: list[float]) -> list[float]:
    times = []
    for _ in range(repeat):
        start, started = time.perf_counter(), time.process_time()
        write()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--departments", type=int, help="the large organisation, not the demo")
    args = parser.parse_args()

    from analysis.export import write_csv, write_deck, write_xlsx
    from analysis.pipeline import analyse_workspace
    from surveys.demo import build_demo

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "demo"
        if args.departments:
            from bench.large_org import build

            build(folder, args.departments)
        else:
            build_demo(folder)
        start = time.perf_counter()
        result = analyse_workspace(folder)
        analysis_s = time.perf_counter() - start
        print(
            f"{'large organisation' if args.departments else 'demo'}: {len(result.pairs)} pairs, "
            f"{len(result.hotspots)} hotspots, "
            f"{len(result.waves)} waves; analysis {analysis_s:.2f} s (not part of the exports)"
        )
        runs = {
            "xlsx (baseline)": lambda: write_xlsx(result, Path(tmp) / "t.xlsx"),
            "csv": lambda: write_csv(result, Path(tmp) / "csv"),
            "deck, 3 hotspots": lambda: write_deck(result, Path(tmp) / "d.pptx"),
            "deck, 5 hotspots": lambda: write_deck(result, Path(tmp) / "d5.pptx", hotspots=5),
        }
        cpus: dict[str, list[float]] = {name: [] for name in runs}
        figures = {name: _time(write, args.repeat, cpus[name]) for name, write in runs.items()}
    base = statistics.median(figures["xlsx (baseline)"])
    print(f"{'writer':<18} {'best s':>8} {'median s':>9} {'x baseline':>11} {'CPU s':>7}")
    for name, times in figures.items():
        median, cpu = statistics.median(times), statistics.median(cpus[name])
        print(f"{name:<18} {min(times):>8.3f} {median:>9.3f} {median / base:>11.1f} {cpu:>7.3f}")
    print(f"load {os.getloadavg()[0]:.1f}")
    deck = statistics.median(figures["deck, 5 hotspots"])
    verdict = "within" if deck <= TARGET_S else "OVER"
    print(f"deck with 5 hotspots: {deck:.2f} s, {verdict} the {TARGET_S:.0f} s target")


if __name__ == "__main__":
    main()
