"""The HR window's event loop while HR types a search, chooses filters and sorts the
Comments section of a big workspace.

The real Comments section (:class:`desktop_app.panels.comments_panel.CommentsPanel`, on a
real :class:`desktop_app.context.WorkspaceContext`) is shown on an analysed workspace; a
10 ms QTimer on the GUI thread records the largest gap between its ticks while the script

* **types** a search a key at a time (``--key-ms`` apart, a brisk typist), then waits for
  the rows of the whole word;
* **sorts** by each column title in turn, waiting for each column's rows;
* **filters** by a wave and a sentiment, waiting for each.

It prints the largest gap of each and the time until the last rows were shown. With
``--before`` the GUI thread waits for every query until it is done, as it did before the
queries moved off it (``bounded_read.LIST_WAIT_SECONDS`` set to 600 s): the same queries,
the old wait.

Build a workspace of 163,000 comments with
``bench/analyze_bench.py --scale 1 --skip-notebook --keep DIR``, then:

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/comments_filter_bench.py DIR/ws
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/comments_filter_bench.py DIR/ws --before
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.hung_share_bench import Gaps  # noqa: E402


def _spin(app, until, limit: float) -> float:
    """Process events until ``until()`` (at most ``limit`` s); the seconds it took."""
    start = time.monotonic()
    while not until() and time.monotonic() - start < limit:
        app.processEvents()
        time.sleep(0.002)
    return time.monotonic() - start


def _settled(panel) -> bool:
    """No read of the section is waited for (always, where the GUI thread waited for
    each: a checkout before the reads moved off it)."""
    reads = [getattr(panel.model, "reads", None), getattr(panel, "reads", None)]
    return not any(r is not None and r.pending() for r in reads)


def _type(app, panel, word: str, key_ms: int) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    panel.search.setFocus()
    for char in word:
        QTest.keyClick(panel.search, char)
        _spin(app, lambda: False, key_ms / 1000)
    QTest.keyClick(panel.search, Qt.Key_Return)


def _scenario(app, panel, gaps, name: str, act, settled) -> None:
    gaps.reset()
    start = time.monotonic()
    act()
    _spin(app, settled, 120)
    _spin(app, lambda: False, 0.05)  # the first tick after a call that blocked
    print(
        f"{name:8s}: largest GUI gap {gaps.largest * 1000:5.0f} ms; rows shown after "
        f"{time.monotonic() - start - 0.05:5.2f} s ({panel.model.selection.total:,} comments)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workspace", type=Path, help="an analysed workspace")
    parser.add_argument("--word", default="meeting deadline", help="what is typed")
    parser.add_argument("--key-ms", type=int, default=120, help="milliseconds between keys")
    parser.add_argument("--before", action="store_true", help="wait for every query")
    args = parser.parse_args(argv)
    os.environ.setdefault("RAPPORT_HOME", tempfile.mkdtemp(prefix="rapport-bench-home-"))
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from desktop_app import bounded_read
    from desktop_app.context import WorkspaceContext
    from desktop_app.models.comments_model import COLUMNS
    from desktop_app.panels.comments_panel import CommentsPanel

    if args.before:
        bounded_read.WAIT_SECONDS = bounded_read.LIST_WAIT_SECONDS = 600.0
    app = QApplication.instance() or QApplication([])
    context = WorkspaceContext()
    panel = CommentsPanel(context)
    panel.resize(1300, 800)
    panel.show()
    gaps = Gaps()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    _scenario(app, panel, gaps, "open", lambda: context.adopt(args.workspace, None),
              lambda: _settled(panel) and panel.model.rowCount() > 0)  # fmt: skip
    word = args.word
    _scenario(app, panel, gaps, "type", lambda: _type(app, panel, word, args.key_ms),
              lambda: _settled(panel) and panel.model.filter.search == word)  # fmt: skip
    panel.clear_filters()
    _spin(app, lambda: _settled(panel), 120)
    for column in ("sentiment", "text", "confidence", "from"):
        index = COLUMNS.index(column)
        _scenario(app, panel, gaps, f"sort {column}"[:8],
                  lambda i=index: panel.table.sortByColumn(i, Qt.AscendingOrder),
                  lambda: _settled(panel))  # fmt: skip
    for box in (panel.wave_box, panel.sentiment_box):
        _scenario(app, panel, gaps, box.objectName()[8:].lower()[:8],
                  lambda b=box: b.setCurrentIndex(1), lambda: _settled(panel))  # fmt: skip
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    panel.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
