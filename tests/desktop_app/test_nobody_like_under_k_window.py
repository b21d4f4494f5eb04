"""The HR window shows a pair nobody rated exactly like a pair of fewer than k people.

Before, the heatmap read "not rated" ("Nobody in Marketing rated IT in this wave") where a
group of one to k-1 read "fewer than 5", and the pair page said "Nobody in this group rated
the pair.": side by side they told a small group's existence. The workspace is the one of
``tests/analysis/test_nobody_like_under_k.py`` (real SQLite, the real window).
"""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt

from analysis.results import PairResult
from desktop_app.models.heatmap_model import BandRole, CountRole, HeatmapModel
from tests.analysis.test_nobody_like_under_k import FEW, NEVER, NOBODY, _fill
from tests.desktop_app.hr_helpers import open_window


@pytest.fixture
def window(qtbot, workspace):
    _fill(workspace)
    return open_window(qtbot, workspace)


def _cell(model, pair) -> tuple:
    index = model.cell_of(*pair)
    tip = index.data(Qt.ToolTipRole).replace(pair[0], "A").replace(pair[1], "B")
    return index.data(Qt.DisplayRole), index.data(BandRole), index.data(CountRole), tip


def test_heatmap_cells_of_nobody_and_under_k_are_alike(qtbot, window) -> None:
    window.show_section("relationships")
    panel = window.panel("relationships")
    cells = {pair: _cell(panel.model, pair) for pair in (NOBODY, FEW, NEVER)}
    assert cells[NOBODY] == cells[FEW] == cells[NEVER]
    assert cells[FEW][:3] == ("fewer than 5", "suppressed", None)
    legend = dict(panel.legend_labels)["suppressed"].text()
    assert legend == "fewer than 5 people, or none: hidden"


def test_pair_page_of_nobody_reads_like_under_k(qtbot, window) -> None:
    texts = {}
    for pair in (NOBODY, FEW):
        page = window.open_pair(*pair)
        texts[pair] = page.summary.text().replace(pair[0], "A").replace(pair[1], "B")
        assert not page.dimensions.isVisibleTo(page) and page.comment_cards == []
    assert texts[NOBODY] == texts[FEW]
    assert "Fewer than 5 people answered" in texts[NOBODY]


def test_a_result_without_a_pair_still_shows_it_as_under_k(qtbot, window) -> None:
    # A result kept from an earlier version listed only the pairs with answers.
    result = window.context.result
    model = HeatmapModel()
    kept = [p for p in result.pairs if (p.from_dept, p.to_dept) != NOBODY]
    # A copy by its fields: vars() also holds AnalysisResult.pair's index of the pairs.
    model.set_result(dataclasses.replace(result, pairs=kept))
    assert _cell(model, NOBODY) == _cell(model, FEW)
    assert isinstance(model.cell_of(*NOBODY).data(Qt.UserRole + 1), PairResult)
