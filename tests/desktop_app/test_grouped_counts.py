"""Counts in the window carry a thousands separator, as the command line prints them."""

from __future__ import annotations

import shutil

from PySide6.QtCore import Qt

from desktop_app.widgets.figures import grouped, grouped_count
from surveys.departments import set_headcount
from surveys.store import open_workspace
from tests.desktop_app.hr_helpers import open_window


def test_grouped_counts() -> None:
    assert [grouped(n) for n in (7, 999, 1000, 160106)] == ["7", "999", "1,000", "160,106"]
    assert grouped_count("%1 of 12100 people answered", 12100) == "%1 of 12,100 people answered"


def test_a_large_organisation_s_figures_are_grouped_by_thousands(qtbot, demo_workspace, tmp_path):
    """The window said "80 of 12100 people answered" where the command line says 12,100."""
    folder = tmp_path / "large"
    shutil.copytree(demo_workspace, folder)
    db = open_workspace(folder)
    try:
        set_headcount(db, "Sales", 12_000)
    finally:
        db.close()
    window = open_window(qtbot, folder)
    overview = window.panel("overview")
    assert "80 of 12,100 people answered (1 %)." in overview.headline.text()
    assert window.participation_label.text() == "80 of 12,100 answered (1 %)"
    qtbot.keyClick(window, Qt.Key_6, Qt.ControlModifier)  # Pulses
    pulses = window.panel("pulses")
    model = pulses.participation_model
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    cells = {model.index(r, 0).data(): model.index(r, 2).data() for r in range(model.rowCount())}
    assert cells["Sales"] == "12,000"
