"""Ctrl+F goes to the search of Comments from anywhere in the window, and Esc clears it.

Neither key did anything: a user of any other desktop list pressed Ctrl+F and waited, and
had to reach for the field's small clear button. With the field empty, Esc goes on to the
window as before (Analysis › Cancel running job while a job runs).
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.desktop_app.hr_helpers import open_window


def test_ctrl_f_focuses_the_comments_search_and_esc_clears_it(qtbot, qtlog, demo_workspace):
    window = open_window(qtbot, demo_workspace)
    window.show_section("relationships")
    qtbot.keyClick(window, Qt.Key_F, Qt.ControlModifier)
    panel = window.panel("comments")
    assert window.stack.currentWidget() is panel
    qtbot.waitUntil(panel.search.hasFocus, timeout=5000)
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=10_000)
    everything = panel.model.rowCount()
    qtbot.keyClicks(panel.search, "deadline")
    qtbot.waitUntil(lambda: panel.model.rowCount() < everything, timeout=10_000)
    window.show_section("overview")
    qtbot.keyClick(window, Qt.Key_F, Qt.ControlModifier)  # again: the search, selected
    qtbot.waitUntil(panel.search.hasFocus, timeout=5000)
    assert panel.search.selectedText() == "deadline"
    qtbot.keyClick(panel.search, Qt.Key_Escape)
    assert panel.search.text() == ""
    qtbot.waitUntil(lambda: panel.model.rowCount() == everything, timeout=10_000)
    qtbot.keyClick(panel.search, Qt.Key_Escape)  # empty: nothing happens, nothing breaks
    assert panel.search.hasFocus() and window.stack.currentWidget() is panel
    assert not [r.message for r in qtlog.records if "Ambiguous" in r.message]


def test_esc_clears_the_search_even_while_a_job_runs(qtbot, demo_workspace):
    """Esc is Analysis › Cancel running job while a job runs: the field with text in it
    takes Esc first, so typing a search never cancels an analysis."""
    window = open_window(qtbot, demo_workspace)
    window.find_comments()
    panel = window.panel("comments")
    panel.search.setText("deadline")
    window.cancel_action.setEnabled(True)  # as while a job runs
    cancelled = []
    window.cancel_action.triggered.connect(lambda: cancelled.append(1))
    qtbot.keyClick(panel.search, Qt.Key_Escape)
    assert panel.search.text() == "" and cancelled == []
    qtbot.keyClick(panel.search, Qt.Key_Escape)  # empty now: Esc is the window's again
    assert cancelled == [1]
