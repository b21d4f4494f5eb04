"""Probes for bench/dashboard_bench.py: notice when the HR window's heatmap is painted.

"Shown" means: the Relationships section is current, its heatmap model holds an analysis
result of the wanted wave with at least one rated pair, and the heatmap's viewport has
received a paint event after that (the cells are drawn with the data). The time stamp is
taken on the next event-loop turn, once that paint has finished.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer


class HeatmapPainted(QObject):
    """Calls ``on_painted()`` once the heatmap was painted with a result (of ``wave``)."""

    def __init__(self, window, on_painted: Callable[[], None], wave: str | None = None):
        super().__init__(window)
        self.panel = window.panel("relationships")
        self.on_painted = on_painted
        self.wave = wave
        self.fired = False
        self.panel.heatmap.viewport().installEventFilter(self)

    def ready(self) -> bool:
        result = self.panel.model._result
        if result is None or not result.pairs or self.panel.model.rowCount() == 0:
            return False
        return self.wave is None or result.wave == self.wave

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if not self.fired and event.type() == QEvent.Paint and self.ready():
            self.fired = True
            QTimer.singleShot(0, self.on_painted)
        return False

    def remove(self) -> None:
        self.panel.heatmap.viewport().removeEventFilter(self)


def wait_painted(app, window, wave: str | None, timeout_s: float = 120.0) -> float:
    """Run the event loop until the heatmap shows ``wave``; the time stamp then."""
    loop = QEventLoop()
    stamp: list[float] = []
    probe = HeatmapPainted(window, lambda: (stamp.append(time.perf_counter()), loop.quit()), wave)
    window.panel("relationships").heatmap.viewport().update()
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()
    probe.remove()
    if not stamp:
        raise RuntimeError(f"the heatmap of wave {wave!r} was not shown in {timeout_s:.0f} s")
    return stamp[0]


def switch_waves(app, window, folder: str, switches: int) -> list[float]:
    """Open ``folder``, then choose other waves in the wave picker; seconds per switch."""
    window.open_workspace(folder)
    window.show_section("relationships")
    wait_painted(app, window, None)
    combo = window.panel("relationships").wave_picker.combo
    waves = [combo.itemText(i) for i in range(combo.count())]
    seconds = []
    for i in range(switches):
        current = window.context.result.wave
        wave = [w for w in waves if w != current][i % (len(waves) - 1)]
        row = combo.findText(wave)
        start = time.perf_counter()
        combo.setCurrentIndex(row)
        combo.activated.emit(row)
        seconds.append(wait_painted(app, window, wave) - start)
    return seconds
