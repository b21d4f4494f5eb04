"""Python's cycle collector runs on the GUI thread only, from a timer.

CPython collects reference cycles in whichever thread happens to allocate when its counters
pass their thresholds, and Rapport's windows run Python on other threads too (the share and
ticket readers of the Pulses section, the job forwarder, the respondent's outbox). A cycle
that holds a Qt object (a closed dialog whose slot refers back to it, say) could then be
destroyed on one of those threads; Qt cannot unregister that object's timers from there,
and the next timer event is sent to freed memory, which crashes the window. The crash was
seen in the Pulses section's tests: a segmentation fault in
``QTimerInfoList::activateTimers``, in about one run in six of its test file.

So, as Qt applications in Python commonly do, :func:`collect_on_gui_thread` turns the
automatic collection off and runs the same generational collection from a timer on the GUI
thread. Objects without cycles are still freed at once by reference counting; only cycles
wait, for at most :data:`INTERVAL_MS`. See ``docs/architecture.md``.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

#: How often the GUI thread looks at the collector's counters (milliseconds).
INTERVAL_MS = 1000


class GuiThreadCollector(QObject):
    """Runs Python's generational cycle collection from a timer on this object's thread."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.collect_due)

    def start(self) -> None:
        """Stop the automatic collection and collect from the timer instead."""
        gc.disable()
        self.timer.start()

    def collect_due(self) -> int:
        """Collect the generations whose counters passed their thresholds, as CPython's
        automatic collection would; return how many unreachable objects were found."""
        first, second, third = self.thresholds
        young, middle, old = gc.get_count()
        if young <= first:
            return 0
        if middle <= second:
            return gc.collect(0)
        if old <= third:
            return gc.collect(1)
        return gc.collect(2)


def collect_on_gui_thread(app: QObject) -> GuiThreadCollector:
    """Collect cycles only on ``app``'s (the GUI) thread from now on; idempotent.

    Parameters
    ----------
    app : QObject
        The application object; the collector becomes its child and lives as long.

    Returns
    -------
    GuiThreadCollector
        The collector (the same one on a second call).
    """
    found = app.findChild(GuiThreadCollector)
    if found is None:
        found = GuiThreadCollector(app)
        found.start()
    return found
