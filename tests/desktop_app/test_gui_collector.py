"""Reference cycles holding Qt objects are freed on the GUI thread, never on a reader thread.

Before, CPython collected cycles in whichever thread allocated at the wrong moment; a Qt
object with a timer freed on a pool thread left that timer behind, and the Pulses section's
tests crashed in QTimerInfoList::activateTimers about once in six runs.
"""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject, QTimer

from desktop_app.gui_collector import GuiThreadCollector, collect_on_gui_thread


def _cycle_with_a_timer(freed_on: list[int]) -> None:
    """A Qt object with a running timer that only a reference cycle keeps alive."""
    holder = QObject()
    holder.timer = QTimer(holder, interval=60_000)
    holder.timer.start()
    holder.myself = holder  # the cycle
    holder.destroyed.connect(lambda *_: freed_on.append(threading.get_ident()))


def _allocate_on_a_thread() -> None:
    def churn() -> None:
        junk = [[index] for index in range(200_000)]  # many container objects: gen 0 fills
        del junk

    thread = threading.Thread(target=churn)
    thread.start()
    thread.join()


def test_a_cycle_is_freed_on_the_gui_thread_not_where_memory_was_allocated(qapp) -> None:
    collector = collect_on_gui_thread(qapp)
    assert collect_on_gui_thread(qapp) is collector  # one per application
    assert not gc.isenabled() and collector.timer.isActive()
    gc.collect()
    freed_on: list[int] = []
    _cycle_with_a_timer(freed_on)
    _allocate_on_a_thread()  # with automatic collection, the cycle would go here
    assert freed_on == []
    gc.collect()  # as the collector's timer does, on this thread
    assert freed_on == [threading.get_ident()]


def test_the_timer_collects_only_what_the_counters_call_for(qapp) -> None:
    collector = GuiThreadCollector(qapp)
    gc.collect()
    freed_on: list[int] = []
    _cycle_with_a_timer(freed_on)
    collector.thresholds = (10**9, 10, 10)  # gen 0 far from full: nothing to do yet
    assert collector.collect_due() == 0 and freed_on == []
    collector.thresholds = (0, 10**9, 10**9)  # gen 0 is due: the young cycle goes
    assert collector.collect_due() > 0
    assert freed_on == [threading.get_ident()]
    collector.deleteLater()
