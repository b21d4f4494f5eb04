"""The deck of a large, sparse organisation: 40 departments, most pairs rated by nobody.

Before, the heatmap slide was a 41 × 41 table whose columns were 0.2 in wide (every name
and every "fewer than 5" broken a letter a line, far past the slide's foot), and the
participation slide's 40 rows ran off the slide. Real workspace (``bench/large_org.py``),
real deck read back with python-pptx; the rendering is checked in ``test_deck_render.py``.
"""

from __future__ import annotations

import pytest
from pptx import Presentation
from pptx.util import Emu

from analysis.export import write_deck
from analysis.export.pptx_pair_list import ROWS
from analysis.pipeline import analyse_workspace
from analysis.results import AnalysisResult

TITLE = "How departments rate working with each other"


@pytest.fixture(scope="module")
def forty(tmp_path_factory) -> tuple[AnalysisResult, Presentation]:
    from bench.large_org import build

    tmp = tmp_path_factory.mktemp("forty")
    result = analyse_workspace(build(tmp / "org", 40))
    return result, Presentation(str(write_deck(result, tmp / "deck.pptx")))


def _tables(slide) -> list:
    return [shape.table for shape in slide.shapes if shape.has_table]


def _title(slide) -> str:
    return slide.shapes.title.text if slide.shapes.title is not None else ""


def test_the_ratings_are_a_list_of_shown_pairs_weakest_first(forty) -> None:
    result, deck = forty
    pages = [s for s in deck.slides if _title(s).startswith(TITLE)]
    shown = sorted(
        (p for p in result.pairs if not p.suppressed), key=lambda p: (p.index, p.from_dept)
    )
    assert len(pages) == min(3, -(-len(shown) // ROWS)) and len(pages) > 1
    assert _title(pages[0]) == f"{TITLE} (1 of {len(pages)})"
    listed = []
    for slide in pages:
        (table,) = _tables(slide)
        assert len(table.columns) == 4 and len(table.rows) <= ROWS + 1
        listed += [tuple(c.text for c in row.cells) for row in list(table.rows)[1:]]
    assert listed[0][:2] == (shown[0].from_dept, shown[0].to_dept)
    assert [(a, b) for a, b, *_ in listed] == [(p.from_dept, p.to_dept) for p in shown][
        : len(listed)
    ]
    # Pairs under k (or of nobody) are counted, never named.
    texts = " ".join(s.text_frame.text for s in pages[0].shapes if s.has_text_frame)
    assert f"{result.suppressed_pairs:,} pairs had fewer than 5 respondents, or none" in texts
    assert not any("fewer than" in c for row in listed for c in row)


def test_participation_lists_the_lowest_rates_and_fits_the_slide(forty) -> None:
    result, deck = forty
    (slide,) = [s for s in deck.slides if _title(s).startswith("Participation")]
    assert _title(slide) == "Participation: the 11 lowest response rates of 40 departments"
    (table,) = _tables(slide)
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert len(rows) == 1 + 11 + 1 and rows[-1][0] == "Total"
    answered = sum(p.submitted for p in result.participation)
    assert rows[-1][2] == f"{answered:,}"  # the total is of every department
    shape = next(s for s in slide.shapes if s.has_table)
    assert Emu(shape.top + shape.height).inches <= 7.0


def test_the_lists_reading_is_whole_on_every_page(forty) -> None:
    """The last page's four lines ran out of the legend's room and the first was cut
    ("how the first department rates…")."""
    result, deck = forty
    pages = [s for s in deck.slides if _title(s).startswith(TITLE)]
    for slide in pages:
        texts = [p.text for s in slide.shapes if s.has_text_frame for p in s.text_frame.paragraphs]
        assert not [t for t in texts if t.endswith("…")], _title(slide)
        assert "weakest first: how the first department rates the second." in " ".join(texts)
    shown = sum(1 for p in result.pairs if not p.suppressed)
    last = " ".join(s.text_frame.text for s in pages[-1].shapes if s.has_text_frame)
    if shown > len(pages) * ROWS:
        left = shown - len(pages) * ROWS
        assert f"{left:,} more pair" in last and "shown in the workbook's matrix sheet." in last


def test_participation_without_headcounts_lists_the_fewest_answers(tmp_path) -> None:
    """With no headcount entered (they are optional) the slide said "the 0 lowest response
    rates of 12 departments" over a table holding only the total."""
    import sqlite3

    from bench.large_org import build

    folder = build(tmp_path / "org", 12)
    db = sqlite3.connect(folder / "rapport.db")
    with db:
        db.execute("UPDATE departments SET headcount = NULL")
    db.close()
    result = analyse_workspace(folder)
    deck = Presentation(str(write_deck(result, tmp_path / "deck.pptx")))
    (slide,) = [s for s in deck.slides if _title(s).startswith("Participation")]
    assert _title(slide) == "Participation: the 11 departments of 12 with the fewest answers"
    (table,) = _tables(slide)
    rows = [[c.text for c in row.cells] for row in list(table.rows)[1:-1]]
    fewest = sorted(result.participation, key=lambda p: (p.submitted, p.department))[:11]
    assert [r[0] for r in rows] == [p.department for p in fewest]
    assert [r[2] for r in rows] == [str(p.submitted) for p in fewest]
