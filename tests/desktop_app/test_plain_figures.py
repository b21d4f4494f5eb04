"""Figures in words an HR analyst reads without a statistics course: each number has its scale
or its unit, and no screen speaks of "CI", "n" or "k"."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.desktop_app.hr_helpers import open_window


def test_the_pair_summary_says_range_and_people_in_words(qtbot, demo_workspace) -> None:
    window = open_window(qtbot, demo_workspace)
    window.panel("relationships").open_pair("Sales", "IT")
    pair = window.context.result.pair("Sales", "IT")
    summary = window.pair_page.summary.text()
    assert "most likely between 2.4 and 2.7 (95 % confidence)" in summary
    assert f"from {pair.n} people" in summary
    assert "CI" not in summary and "n =" not in summary
    assert "from 1 (poor) to 5 (excellent)" in window.pair_page.summary.toolTip()


def test_a_hidden_network_edge_names_the_threshold(qtbot, demo_workspace) -> None:
    window = open_window(qtbot, demo_workspace)
    network = window.panel("relationships").network
    hidden = next(p for p in window.context.result.pairs if p.suppressed)
    assert network.edge_text(hidden.from_dept, hidden.to_dept) == "<5"  # as the legend says
    assert "fewer than 5 people" in network.accessibleDescription()
    assert "than k" not in network.accessibleDescription()


def test_the_comment_scores_say_their_scale(qtbot, demo_workspace) -> None:
    window = open_window(qtbot, demo_workspace)
    model = window.panel("comments").model
    tips = {
        model.headerData(c, Qt.Horizontal): model.headerData(c, Qt.Horizontal, Qt.ToolTipRole)
        for c in range(model.columnCount())
    }
    assert "from -1 (very negative)" in tips["Sentiment"] and "+1" in tips["Sentiment"]
    assert "from 0" in tips["Conflict"] and "to 1" in tips["Conflict"]
