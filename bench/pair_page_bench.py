"""Opening a pair's page on a big workspace: how long the window stops answering.

Opens the HR window on an analysed workspace and, ``--rounds`` times, opens the workspace
again (its analysis leaves a re-read for the hidden pair's page) and then the page of
each of the Overview's first ``--pairs`` hotspots, as the *Open pair* button does. For
each opening it prints how often the page was filled, the wall time of the call and the
longest gap between two ticks of a 10 ms timer over the next second (the window frozen
that long), and the most CPU time the GUI thread spent between two ticks
(``bench/window_gaps.py``: on a loaded machine the wall gap is mostly the wait for a CPU).
``--before`` puts back the re-read held back while the page was hidden, which ran as well
on showing (every comment card built twice), to compare in the same run.

Build a workspace with ``bench/analyze_bench.py --scale 0.1 --skip-notebook --keep DIR``,
then (``QT_QPA_PLATFORM=offscreen`` without a display):

    .venv/bin/python bench/pair_page_bench.py DIR/ws --rounds 3
    .venv/bin/python bench/pair_page_bench.py DIR/ws --rounds 3 --before
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _old_refresh(page_class) -> None:
    """The page as it was: the held-back re-read survives a refresh and runs on showing."""
    refresh = page_class.refresh

    def both(self) -> None:
        held = self._deferred.get("refresh")
        refresh(self)
        if held is not None:
            self._deferred["refresh"] = held

    page_class.refresh = both


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workspace", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--before", action="store_true", help="fill the page twice, as before")
    args = parser.parse_args()
    from PySide6.QtTest import QTest

    from bench.window_gaps import Gaps, analysed, shown_window
    from desktop_app.panels.pair_page import PairPage

    if args.before:
        _old_refresh(PairPage)
    fills = []
    fill = PairPage._fill
    PairPage._fill = lambda self, *a: fills.append(1) or fill(self, *a)
    app, window = shown_window("rapport-pair-bench-")
    gaps = Gaps()
    worst, worst_cpu = [], []
    for round_ in range(args.rounds):
        window.close_workspace()  # opened again: its analysis runs again
        window.open_workspace(str(args.workspace))
        deadline = time.monotonic() + 120
        while not analysed(window) and time.monotonic() < deadline:
            QTest.qWait(50)
        QTest.qWait(500)
        for hotspot in window.context.result.hotspots[: args.pairs]:
            window.show_section("overview")
            QTest.qWait(300)
            fills.clear()
            gaps.reset()
            start = time.perf_counter()
            window.open_pair(hotspot.from_dept, hotspot.to_dept)
            call = time.perf_counter() - start
            QTest.qWait(1000)
            worst.append(gaps.widest)
            worst_cpu.append(gaps.widest_cpu)
            print(
                f"round {round_ + 1} {hotspot.from_dept} → {hotspot.to_dept}: filled "
                f"{len(fills)}×, call {call * 1000:.0f} ms, longest gap {gaps.widest} ms "
                f"(GUI thread's CPU between two ticks: {gaps.widest_cpu:.0f} ms)",
                flush=True,
            )
    print(
        f"longest gap over {len(worst)} openings: {max(worst)} ms; the GUI thread's CPU "
        f"between two ticks {max(worst_cpu):.0f} ms (load {os.getloadavg()[0]:.1f})"
    )
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
