"""Opening a big workspace in the HR window: how long the window stops answering.

Shows the HR window and, ``--rounds`` times, opens the workspace (closing it first), waits
for its analysis and then for the window to settle. A 10 ms timer ticks throughout; it
prints the longest gap between two ticks (the window frozen that long) from the opening
until the analysis is shown and the second after it, and the three longest gaps with when
they began. ``--section`` chooses the section shown while opening (the Overview by
default: the Pulses section is then hidden).

Build a workspace with ``bench/analyze_bench.py --scale 0.1 --skip-notebook --keep DIR``,
then (``QT_QPA_PLATFORM=offscreen`` without a display):

    .venv/bin/python bench/open_workspace_bench.py DIR/ws --rounds 3
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workspace", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--section", default="overview")
    args = parser.parse_args()
    from PySide6.QtTest import QTest

    from bench.window_gaps import Gaps, analysed, shown_window

    app, window = shown_window("rapport-open-bench-")
    gaps = Gaps()
    worst = []
    for round_ in range(args.rounds):
        window.close_workspace()
        QTest.qWait(500)
        gaps.reset()
        start = time.perf_counter()
        window.open_workspace(str(args.workspace))
        window.show_section(args.section)
        call = time.perf_counter() - start
        deadline = time.monotonic() + 120
        while not analysed(window) and time.monotonic() < deadline:
            QTest.qWait(20)
        shown_after = time.perf_counter() - start  # not ``analysed``: the function above
        QTest.qWait(1000)
        longest = gaps.longest()
        worst.append(longest[0][0] if longest else 0)
        said = ", ".join(f"{gap} ms at {at / 1000:.2f} s" for gap, at in longest)
        print(
            f"round {round_ + 1}: call {call * 1000:.0f} ms, analysed after {shown_after:.1f} s, "
            f"longest gaps {said or 'none over 30 ms'}",
            flush=True,
        )
    print(
        f"longest gap over {len(worst)} openings: {max(worst)} ms (load {os.getloadavg()[0]:.1f})"
    )
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
