"""Scrolling to the end of the Comments table of a big workspace: growing pages against
fixed pages of 200 rows (the way before), in the same run.

Every page is one query that sorts the whole selection again in SQLite, on the GUI
thread. The script loads every row of an analysed workspace through the real model
(:class:`desktop_app.models.comments_model.CommentsModel`, no window), once with pages of
a fixed :data:`~desktop_app.models.comments_model.PAGE` rows (``MAX_PAGE`` set to it) and
once as shipped (each page as long as the rows loaded, up to ``MAX_PAGE``), alternating,
and prints queries, CPU seconds (less sensitive to a busy machine than wall time) and the
longest single page. ``--baseline-pages N`` stops the fixed-page walk after N pages and
compares the time both ways took to reach the same row (800 fixed pages of 160,000
comments take minutes).

Build a workspace with ``bench/analyze_bench.py --scale 0.1 --skip-notebook --keep DIR``
(``DIR/ws``: about 19,000 comments; ``--scale 1``: about 163,000), then:

    .venv/bin/python bench/comments_scroll_bench.py DIR/ws --rounds 3
    .venv/bin/python bench/comments_scroll_bench.py DIR/ws --baseline-pages 150
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


class _Context:
    """What the model needs of the window's context: a path and short connections."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def connect(self):  # noqa: ANN201
        from surveys.store import open_workspace

        return open_workspace(self.path)


def walk(path: Path, fixed: bool, max_pages: int, upto: int | None = None) -> dict:
    """Load rows page by page as a scrolling view does; figures of the walk."""
    from desktop_app.models import comments_model

    saved = comments_model.MAX_PAGE
    if fixed:
        comments_model.MAX_PAGE = comments_model.PAGE
    try:
        model = comments_model.CommentsModel(_Context(path))
        model.reload()
        pages, worst, cpu = 0, 0.0, time.process_time()
        while model.canFetchMore() and (not max_pages or pages < max_pages):
            if upto is not None and len(model.rows) >= upto:
                break
            start = time.process_time()
            model.fetchMore()
            worst = max(worst, time.process_time() - start)
            pages += 1
        return {
            "rows": len(model.rows),
            "total": model.selection.total,
            "queries": pages + 1,
            "cpu": time.process_time() - cpu,
            "worst": worst,
        }
    finally:
        comments_model.MAX_PAGE = saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workspace", type=Path, help="an analysed workspace")
    parser.add_argument("--rounds", type=int, default=1, help="alternations of the two ways")
    parser.add_argument("--baseline-pages", type=int, default=0, help="0: to the end")
    args = parser.parse_args(argv)
    from PySide6.QtCore import QCoreApplication

    from desktop_app import bounded_read

    app = QCoreApplication.instance() or QCoreApplication([])  # noqa: F841 (signals)
    # Each page is waited for: this script counts the queries' CPU, not the window's wait
    # (bench/comments_filter_bench.py measures that).
    bounded_read.LIST_WAIT_SECONDS = 600.0
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    old_cpu, new_cpu = [], []
    for round_ in range(max(1, args.rounds)):
        old = walk(args.workspace, True, args.baseline_pages)
        new = walk(args.workspace, False, 0, None if not args.baseline_pages else old["rows"])
        old_cpu.append(old["cpu"])
        new_cpu.append(new["cpu"])
        for name, fig in (("fixed pages (before)", old), ("growing pages", new)):
            print(f"round {round_ + 1} {name:21s}: {fig['rows']:,} of {fig['total']:,} rows in "
                  f"{fig['queries']} queries, {fig['cpu']:.2f} s CPU, longest page "
                  f"{fig['worst'] * 1000:.0f} ms CPU")  # fmt: skip
    old_m, new_m = statistics.median(old_cpu), statistics.median(new_cpu)
    print(f"median CPU to reach row {old['rows']:,}: {old_m:.2f} s before, {new_m:.2f} s now: "
          f"{old_m / max(new_m, 1e-9):.1f}x less")  # fmt: skip
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
