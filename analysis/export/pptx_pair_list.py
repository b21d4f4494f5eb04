"""The deck's ratings slide for a large organisation: the shown pairs as a list.

A matrix of 40 departments does not fit a slide: its 40 columns were 0.2 in wide, each name
and each "fewer than 5" broken one letter a line down the page, and one of nine or ten ran
off the bottom of the slide. Beyond :data:`HEATMAP_UP_TO` departments the deck lists
instead the pairs that may be shown (k or more people), weakest first, :data:`ROWS` to a
slide on up to :data:`PAGES` slides. The pairs of fewer than k people, or of none, are
counted, never named (``docs/privacy.md``): the count depends only on the shown pairs and
the departments. The workbook's matrix sheet lists every pair.
"""

from __future__ import annotations

import math

from pptx.enum.text import PP_ALIGN
from pptx.util import Inches

from analysis.export import style
from analysis.export.pptx_pairs import TABLE_TOP, TABLE_W, heat_legend
from analysis.export.pptx_shapes import MARGIN, cell_height, fitting_name, set_cell, set_notes
from analysis.export.pptx_slides import Deck
from analysis.results import PairResult
from surveys.bands import format_index
from surveys.model import MATRIX_UP_TO

#: Up to this many departments the deck shows the matrix; beyond, the list: the window's
#: limit too (a matrix of nine or ten departments ran off the bottom of the slide).
HEATMAP_UP_TO = MATRIX_UP_TO
#: Pairs on one slide, and the most slides the list takes.
ROWS = 12
PAGES = 3
#: The columns' widths (inches): rates, rated, index, n.
WIDTHS = (3.4, 3.4, 0.9, 0.9)
HEADER_H, ROW_H, SIZE = 0.45, 0.38, 13


def listed(deck: Deck) -> list[PairResult]:
    """The pairs of the wave that may be shown, weakest first."""
    r = deck.result
    shown = [p for p in r.pairs if p.wave == r.wave and not p.suppressed and p.index is not None]
    return sorted(shown, key=lambda p: (p.index, p.from_dept, p.to_dept))


def page_count(deck: Deck) -> int:
    """How many slides the list takes (one, saying there is nothing, when none is shown)."""
    return max(1, min(PAGES, math.ceil(len(listed(deck)) / ROWS)))


def pair_list_slide(deck: Deck, page: int = 0) -> None:
    """Slide ``page`` (from 0) of the list."""
    pairs, pages = listed(deck), page_count(deck)
    title = "How departments rate working with each other"
    slide = deck.slide(title + (f" ({page + 1} of {pages})" if pages > 1 else ""))
    # Shared evenly between the slides: 13 pairs were 12 and then one alone on a slide.
    per = math.ceil(min(len(pairs), PAGES * ROWS) / pages)
    rows = pairs[page * per : (page + 1) * per]
    if rows:
        _table(slide, deck, rows)
    left = len(pairs) - pages * per
    # Short enough for the legend's column with four lines (the last page's, longer, ran
    # out of room and its first line was cut: "how the first department rates…").
    reading = [
        f"Pairs of {deck.k} respondents or more, weakest first: how the first department "
        "rates the second.",
        f"{deck.result.suppressed_pairs:,} pairs had fewer than {deck.k} respondents, or none: "
        "not listed.",
    ]
    if not pairs:
        reading[0] = f"No pair had {deck.k} respondents or more in this wave."
    if left > 0 and page == pages - 1:
        more = f"{left:,} more pair is" if left == 1 else f"{left:,} more pairs are"
        reading.append(f"{more} shown in the workbook's matrix sheet.")
    heat_legend(slide, deck, reading)
    set_notes(
        slide,
        "The index is the mean of seven coordination dimensions on a 1 to 5 scale and n the "
        "number of respondents; the colour is its band. With this many departments a matrix "
        "would not fit the slide: the pairs that may be shown are listed, the weakest first, "
        "and every pair is in the workbook's matrix sheet.",
    )


def _table(slide, deck: Deck, rows: list[PairResult]) -> None:
    heights = [_row_height(p) for p in rows]
    shape = slide.shapes.add_table(
        len(rows) + 1,
        len(WIDTHS),
        Inches(MARGIN),
        Inches(TABLE_TOP),
        Inches(TABLE_W),
        Inches(HEADER_H + sum(heights)),
    )
    table = shape.table
    table.first_row = table.horz_banding = False
    for j, width in enumerate(WIDTHS):
        table.columns[j].width = Inches(width)
    table.rows[0].height = Inches(HEADER_H)
    for j, head in enumerate(("Rates", "Rated", "Index", "n")):
        align = PP_ALIGN.LEFT if j < 2 else PP_ALIGN.CENTER
        set_cell(table.cell(0, j), head, size=SIZE, bold=True, fill=style.NAVY,
                 colour=style.PAPER, align=align)  # fmt: skip
    for i, (pair, height) in enumerate(zip(rows, heights, strict=True), start=1):
        table.rows[i].height = Inches(height)
        for j, name in enumerate((pair.from_dept, pair.to_dept)):
            shown = fitting_name(name, WIDTHS[j], SIZE, bold=False)
            set_cell(table.cell(i, j), shown, size=SIZE, fill=style.PAPER, align=PP_ALIGN.LEFT)
        band = deck.bands.band(pair.index)
        set_cell(table.cell(i, 2), format_index(pair.index), size=SIZE, bold=True,
                 fill=style.band_fill(band), colour=style.band_text(band))  # fmt: skip
        set_cell(table.cell(i, 3), f"{pair.n:,}", size=SIZE, fill=style.PAPER)


def _row_height(pair: PairResult) -> float:
    names = [(pair.from_dept, WIDTHS[0]), (pair.to_dept, WIDTHS[1])]
    needed = [
        cell_height([(fitting_name(n, w, SIZE, bold=False), SIZE, False)], w) for n, w in names
    ]
    return max(ROW_H, *(h or ROW_H for h in needed))
