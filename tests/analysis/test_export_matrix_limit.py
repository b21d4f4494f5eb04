"""One limit for the window and the deck: up to eight departments the whole matrix, beyond
that the large organisation's layout (``surveys.model.MATRIX_UP_TO``).

The window drew nine departments' hidden pairs compactly while the deck kept its matrix up
to ten, and a deck's matrix of nine or ten long-named departments ran off the bottom of the
slide (its last rows were not on the page). Real workspaces (``bench/large_org.py``), real
decks read back with python-pptx.
"""

from __future__ import annotations

import pytest
from pptx import Presentation

from analysis.export import write_deck
from analysis.pipeline import analyse_workspace
from surveys.model import MATRIX_UP_TO

TITLE = "How departments rate working with each other"


def _deck(tmp_path, departments: int):
    from bench.large_org import build

    result = analyse_workspace(build(tmp_path / "org", departments, seed=3))
    return result, Presentation(str(write_deck(result, tmp_path / "deck.pptx")))


def _ratings(deck) -> list:
    titled = [s for s in deck.slides if s.shapes.title is not None]
    return [s for s in titled if s.shapes.title.text.startswith(TITLE)]


def test_eight_departments_get_a_matrix_that_stays_on_the_slide(tmp_path) -> None:
    result, deck = _deck(tmp_path, MATRIX_UP_TO)
    (slide,) = _ratings(deck)
    (shape,) = [s for s in slide.shapes if s.has_table]
    assert len(shape.table.rows) == MATRIX_UP_TO + 1  # every department rates, a title row
    bottom = shape.top + sum(row.height for row in shape.table.rows)
    assert bottom <= deck.slide_height, (bottom, deck.slide_height)


@pytest.mark.parametrize("departments", [MATRIX_UP_TO + 1, 10])
def test_beyond_eight_the_deck_lists_the_shown_pairs_as_the_window_does(
    tmp_path, departments: int
) -> None:
    from desktop_app.widgets.network_layout import drawn_pairs

    result, deck = _deck(tmp_path, departments)
    pages = _ratings(deck)
    assert pages
    for slide in pages:
        (shape,) = [s for s in slide.shapes if s.has_table]
        assert len(shape.table.columns) == 4  # rates, rated, index, n: the list
    # The window's network draws the same pairs the deck lists: the shown ones.
    assert all(not p.suppressed for p in drawn_pairs(result))


def test_the_list_shares_its_pairs_evenly_between_its_slides(tmp_path) -> None:
    """Nine departments with 13 shown pairs: 12 on the first slide and the thirteenth alone
    on the second; now 7 and 6, weakest first across both."""
    result, deck = _deck(tmp_path, MATRIX_UP_TO + 1)
    shown = [p for p in result.pairs if p.wave == result.wave and not p.suppressed]
    assert len(shown) == 13  # bench/large_org.py, seed 3
    rows = []
    for slide in _ratings(deck):
        (shape,) = [s for s in slide.shapes if s.has_table]
        rows.append([[c.text for c in r.cells] for r in list(shape.table.rows)[1:]])
    assert [len(r) for r in rows] == [7, 6]
    indexes = [float(r[2]) for page in rows for r in page]
    assert indexes == sorted(indexes) and len(indexes) == 13
