"""What the HR-window benches share: a ticking timer whose gaps show how long the window
stopped answering, a window opened on a private settings folder, and whether its analysis
is shown (``bench/open_workspace_bench.py``, ``bench/pair_page_bench.py``).

On a loaded machine (load 15 on two cores) every process waits its turn for the CPU, and a
gap of the wall clock is mostly that wait: 200–300 ms gaps came a whole second after a
page opened, with nothing to do. :attr:`Gaps.widest_cpu` is the CPU time the GUI thread
spent between two ticks (``time.thread_time``): what the window itself did while it did
not answer, the same at any load.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path


class Gaps:
    """The gaps between the ticks of a 10 ms timer, from :meth:`reset` on: the widest, and
    each over 30 ms with when it began."""

    def __init__(self) -> None:
        from PySide6.QtCore import QElapsedTimer, QTimer

        self.clock = QElapsedTimer()
        self.clock.start()
        self.timer = QTimer(interval=10, timeout=self._tick)
        self.reset()
        self.timer.start()

    def reset(self) -> None:
        self.start = self.last = self.clock.elapsed()
        self.last_cpu = time.thread_time()
        self.widest = 0
        self.widest_cpu = 0.0  # ms of the GUI thread's CPU between two ticks
        self.gaps: list[tuple[int, int]] = []  # (gap ms, began ms after reset)

    def _tick(self) -> None:
        now, cpu = self.clock.elapsed(), time.thread_time()
        self.widest = max(self.widest, now - self.last)
        self.widest_cpu = max(self.widest_cpu, (cpu - self.last_cpu) * 1000)
        self.last_cpu = cpu
        if now - self.last > 30:
            self.gaps.append((now - self.last, self.last - self.start))
        self.last = now

    def longest(self, count: int = 3) -> list[tuple[int, int]]:
        return sorted(self.gaps, reverse=True)[:count]


def shown_window(prefix: str):
    """The application and a shown 1440×900 HR window whose settings live in a new
    temporary folder (the user's own are left alone)."""
    home = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["RAPPORT_HOME"], os.environ["XDG_CONFIG_HOME"] = str(home), str(home / "config")
    from desktop_app.app import make_application
    from desktop_app.main_window import MainWindow

    app = make_application()
    window = MainWindow()
    window.resize(1440, 900)
    window.show()
    return app, window


def analysed(window) -> bool:
    """Whether ``window`` shows an analysis and runs none."""
    context = window.context
    return context.result is not None and not context.runner.running()
