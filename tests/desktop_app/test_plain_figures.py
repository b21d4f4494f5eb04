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


def test_a_heatmap_cell_and_a_network_label_say_range_and_people_in_words(
    qtbot, demo_workspace
) -> None:
    window = open_window(qtbot, demo_workspace)
    panel = window.panel("relationships")
    pair = window.context.result.pair("Sales", "IT")
    tip = panel.model.cell_of("Sales", "IT").data(Qt.ToolTipRole)
    assert "most likely between 2.4 and 2.7 (95 % confidence)" in tip
    assert f"from {pair.n} people" in tip
    label = panel.network.describe_edge("Sales", "IT")
    for said in (tip, label):
        assert "CI" not in said and "n =" not in said


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


def test_every_table_prints_a_percentage_as_the_overview_does(qtbot, demo_workspace) -> None:
    import re

    window = open_window(qtbot, demo_workspace)
    percent = re.compile(r"^\d{1,3}\u00a0%$")  # "58 %", the sign never on a line of its own
    window.show_section("comments")
    comments = window.panel("comments")
    qtbot.waitUntil(lambda: comments.model.rowCount() > 0)
    confidence = comments.model.data(comments.model.index(0, 5))
    assert percent.match(confidence), confidence  # it read "93%"
    window.show_section("themes")
    themes = window.panel("themes").themes
    qtbot.waitUntil(lambda: themes.rowCount() > 0)
    for row in range(themes.rowCount()):
        for column in (3, 4):  # share, negative
            text = themes.item(row, column).text()
            assert text == "" or percent.match(text), text
    assert re.search(r"\(57\s%\)", window.participation_label.text())  # the same spacing
