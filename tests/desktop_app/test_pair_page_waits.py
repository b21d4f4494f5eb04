"""Opening a pair's page never holds the window for the pair's read.

On a 200,000-answer workspace the page's read (its actions, comments and bands) takes
0.3–0.6 s under load. The GUI thread waited for it up to 0.3 s when the page was asked
for, and up to 0.3 s more when it was shown: the window froze 0.25–0.34 s at each opening
(``bench/pair_page_bench.py``). It now waits the list's moment
(``bounded_read.LIST_WAIT_SECONDS``) and the page says that it reads in place of the
figures, which come with the answer. The waits are counted, not timed.
"""

from __future__ import annotations

import threading

from desktop_app import bounded_read
from tests.desktop_app.slow_reads import (  # noqa: F401 (product_waits: autouse fixture)
    hanging,
    product_waits,
    shown_window,
)


class _CountedEvent(threading.Event):
    """An Event that notes every time the GUI thread waits on it, and for how long."""

    waits: list[float | None] = []

    def wait(self, timeout: float | None = None) -> bool:
        if threading.current_thread() is threading.main_thread():
            self.waits.append(timeout)
        return super().wait(timeout)


def test_the_pair_page_waits_a_moment_for_its_read_and_says_it_reads(
    qtbot, demo_workspace, monkeypatch, gate
) -> None:
    from desktop_app.panels import pair_page

    window = shown_window(qtbot)
    assert window.open_workspace(str(demo_workspace))
    qtbot.waitUntil(lambda: window.context.result is not None, timeout=30000)
    window.context.request_pair("Sales", "IT")
    page = window.pair_page
    qtbot.waitUntil(lambda: bool(page.comment_cards), timeout=10_000)  # a working disk
    monkeypatch.setattr(pair_page, "read_pair", hanging(pair_page.read_pair, gate))
    waits = _CountedEvent.waits = []
    monkeypatch.setattr(bounded_read.threading, "Event", _CountedEvent)
    window.context.request_pair("IT", "Sales")
    assert waits and max(waits) <= bounded_read.LIST_WAIT_SECONDS  # asked for, then shown
    assert page.isVisible() and page.heading.text() == "IT → Sales"
    assert not page.columns.isVisible()  # Sales → IT's figures are not shown under it
    assert page.waiting.isVisible()
    assert page.waiting.text() == "Reading this pair's figures and comments…"
    gate.set()
    qtbot.waitUntil(lambda: page.columns.isVisible(), timeout=10_000)
    assert not page.waiting.isVisible()
    assert page.summary.text().startswith("How IT rates Sales")


def test_another_waves_figures_are_not_shown_while_the_pair_is_read_again(
    qtbot, demo_workspace, monkeypatch, gate
) -> None:
    """With a pair's page shown, another wave's result read the pair again; while that
    read waited, the page went on showing the previous wave's figures and comments
    ("How Sales rates IT in wave 2026-09.") with no word that it reads, as only another
    pair counted as another page."""
    from desktop_app.panels import pair_page

    window = shown_window(qtbot)
    assert window.open_workspace(str(demo_workspace))
    qtbot.waitUntil(lambda: window.context.result is not None, timeout=30000)
    first = window.context.result.wave
    window.context.request_pair("Sales", "IT")
    page = window.pair_page
    qtbot.waitUntil(lambda: bool(page.comment_cards), timeout=10_000)  # a working disk
    assert f"in wave {first}." in page.summary.text()
    monkeypatch.setattr(pair_page, "read_pair", hanging(pair_page.read_pair, gate))
    combo = window.panel("overview").wave_picker.combo
    other = next(combo.itemText(i) for i in range(combo.count()) if combo.itemText(i) != first)
    with qtbot.waitSignal(window.context.analysis_finished, timeout=60_000):
        combo.activated.emit(combo.findText(other))
    assert page.isVisible() and window.context.result.wave == other
    qtbot.waitUntil(lambda: page.waiting.isVisible(), timeout=10_000)
    assert not page.columns.isVisible() and not page.summary.isVisible()
    gate.set()
    qtbot.waitUntil(lambda: page.columns.isVisible(), timeout=10_000)
    assert f"in wave {other}." in page.summary.text()
