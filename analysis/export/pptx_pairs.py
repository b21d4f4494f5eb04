"""Slides about pairs of departments: the heatmap and one slide per top hotspot."""

from __future__ import annotations

from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches

from analysis.export import style
from analysis.export.pptx_charts import dimension_chart
from analysis.export.pptx_shapes import (
    CONTENT_TOP,
    MARGIN,
    SLIDE_W,
    add_card,
    add_heading,
    add_text,
    new_slide,
    set_cell,
    set_notes,
)
from analysis.export.pptx_slides import Deck, pair_name, sentence
from analysis.results import Hotspot
from surveys.model import DIMENSION_LABELS, DIMENSIONS

TABLE_W = 8.6
TABLE_H = 5.0


def heatmap_slide(deck: Deck) -> None:
    r = deck.result
    slide = new_slide(deck.prs, "How departments rate working with each other", deck.footer)
    depts = r.departments
    n = len(depts)
    row_h = min(0.9, TABLE_H / (n + 1))
    head_w = 1.9
    cell_w = (TABLE_W - head_w) / max(n, 1)
    shape = slide.shapes.add_table(
        n + 1,
        n + 1,
        Inches(MARGIN),
        Inches(CONTENT_TOP + 0.1),
        Inches(TABLE_W),
        Inches(row_h * (n + 1)),
    )
    table = shape.table
    table.first_row = table.horz_banding = False
    table.columns[0].width = Inches(head_w)
    for j in range(1, n + 1):
        table.columns[j].width = Inches(cell_w)
    for i in range(n + 1):
        table.rows[i].height = Inches(row_h)
    size = 14 if n <= 6 else 12
    set_cell(
        table.cell(0, 0), "rates →", size=12, fill=style.PAPER, colour=style.MUTED, italic=True
    )
    for j, name in enumerate(depts, start=1):
        set_cell(table.cell(0, j), name, size=size, bold=True, fill=style.NAVY, colour=style.PAPER)
        set_cell(
            table.cell(j, 0),
            name,
            size=size,
            bold=True,
            fill=style.NAVY,
            colour=style.PAPER,
            align=PP_ALIGN.LEFT,
        )
    for i, src in enumerate(depts, start=1):
        for j, dst in enumerate(depts, start=1):
            _heat_cell(table.cell(i, j), deck, src, dst, size)
    _heat_legend(slide, deck)
    shown = sum(1 for p in r.pairs if p.wave == r.wave and not p.suppressed)
    set_notes(
        slide,
        (
            "Each row is the department giving the rating, each column the department being "
            "rated. The number is the relationship index (the mean of seven coordination "
            "dimensions on a 1 to 5 scale) and n is the number of respondents. Colours show the "
            f"band; grey cells had fewer than {deck.k} respondents and are not shown. "
            f"{shown} pairs are shown and {r.suppressed_pairs} suppressed. Compare a cell with "
            "its mirror across the diagonal: a large gap means the two groups experience the "
            "relationship differently, which is a starting point for a conversation, not a verdict."
        ),
    )


def _heat_cell(cell, deck: Deck, src: str, dst: str, size: int) -> None:
    if src == dst:
        set_cell(cell, "", fill=style.PAPER)
        return
    pair = deck.result.pair(src, dst)
    if pair is None:
        set_cell(cell, "not rated", size=12, fill=style.PAPER, colour=style.MUTED, italic=True)
    elif pair.suppressed or pair.index is None:
        set_cell(
            cell, f"fewer than {deck.k}", size=12, fill=style.GREY, colour=style.MUTED, italic=True
        )
    else:
        fill = style.BAND_FILLS.get(pair.band or "", style.PAPER)
        set_cell(cell, f"{pair.index:.1f}\nn = {pair.n}", size=size + 2, bold=True, fill=fill)
        for paragraph in cell.text_frame.paragraphs[1:]:
            for run in paragraph.runs:
                run.font.size = Inches(12 / 72)


def _heat_legend(slide, deck: Deck) -> None:
    b = deck.bands
    x = MARGIN + TABLE_W + 0.5
    w = SLIDE_W - MARGIN - x
    add_heading(slide, x, CONTENT_TOP + 0.1, w, "Bands")
    rows = [
        (style.BAND_FILLS["strong"], f"Strong: above {b.strong_above:.1f}"),
        (style.BAND_FILLS["moderate"], f"Moderate: {b.weak_below:.1f} to {b.strong_above:.1f}"),
        (style.BAND_FILLS["weak"], f"Weak: below {b.weak_below:.1f}"),
        (style.GREY, f"Fewer than {deck.k} respondents: not shown"),
    ]
    for i, (fill, label) in enumerate(rows):
        y = CONTENT_TOP + 0.6 + i * 0.6
        add_card(slide, x, y + 0.05, 0.45, 0.4, fill=fill, line=style.RULE)
        add_text(
            slide,
            x + 0.55,
            y,
            w - 0.55,
            0.6,
            [label],
            sizes=(14, 13, 12),
            anchor=MSO_ANCHOR.MIDDLE,
            gap_pt=0,
        )
    org = deck.result.organisation_index
    lines = ["Read across: how each row's department rates working with the column's."]
    if org is not None:
        lines.append(f"Organisation index: {org:.1f} (1–5).")
    add_text(slide, x, CONTENT_TOP + 3.2, w, 2.0, lines, sizes=(14, 13, 12), colour=style.MUTED)


def hotspot_slide(deck: Deck, h: Hotspot, number: int) -> None:
    slide = new_slide(deck.prs, f"Hotspot {number}: {pair_name(h)}", deck.footer)
    pair = deck.result.pair(h.from_dept, h.to_dept)
    dims = [d for d in DIMENSIONS if pair and pair.dimensions.get(d) is not None]
    org = deck.result.organisation_dimensions
    if dims:
        dimension_chart(
            slide,
            (MARGIN, CONTENT_TOP, 6.3, 3.85),
            [DIMENSION_LABELS[d] for d in dims],
            pair_name(h),
            [pair.dimensions[d] for d in dims],
            [org.get(d) for d in dims],
        )
    _quotes(slide, deck, h)
    _hotspot_text(slide, h)
    set_notes(slide, _hotspot_notes(deck, h))


RIGHT_X = 7.2
RIGHT_BOTTOM = 6.95
HEADING_H = 0.4


def _hotspot_text(slide, h: Hotspot) -> None:
    """Kind, reasons, themes and actions stacked in one column, all in one font size."""
    x, w = RIGHT_X, SLIDE_W - MARGIN - RIGHT_X
    blocks = [
        ("Why it stands out", [f"• {sentence(t)}" for t in h.reasons[:4]]),
        ("Themes in the comments", [" · ".join(h.themes[:5]) or "No theme stands out."]),
        ("Suggested actions", [f"→ {sentence(a)}" for a in h.actions[:3]]),
    ]
    blocks = [(heading, items) for heading, items in blocks if items]
    kind = style.KIND_LABELS.get(h.kind, h.kind)
    add_text(
        slide, x, CONTENT_TOP, w, 0.45, [kind], sizes=(18, 16, 14), bold=True, colour=style.ORANGE
    )
    top = CONTENT_TOP + 0.5
    size, heights = _stack_size(blocks, w, RIGHT_BOTTOM - top)
    y = top
    for (heading, items), height in zip(blocks, heights, strict=True):
        add_heading(slide, x, y, w, heading)
        add_text(slide, x, y + HEADING_H, w, height, items, sizes=(size,), gap_pt=4)
        y += HEADING_H + height + 0.1


def _stack_size(blocks, w: float, room: float) -> tuple[int, list[float]]:
    """The largest size at which every block fits the column, and each block's height."""
    fixed = len(blocks) * (HEADING_H + 0.1)
    for size in (16, 14, 13, 12):
        heights = [style.text_height(items, w - 0.2, size, 4) + 0.15 for _, items in blocks]
        if sum(heights) + fixed <= room:
            return size, heights
    share = (room - fixed) / max(1, len(blocks))  # too long even at 12 pt: shorten to fit
    return 12, [share] * len(blocks)


def _quotes(slide, deck: Deck, h: Hotspot) -> None:
    y, total_w = CONTENT_TOP + 4.0, 6.3
    quotes = h.quotes[:2]
    if not quotes:
        add_card(slide, MARGIN, y, total_w, 1.5)
        add_text(
            slide,
            MARGIN + 0.15,
            y + 0.1,
            total_w - 0.3,
            1.3,
            [
                f"No quotes: fewer than {deck.result.min_comment_group} people commented "
                "on this pair, so their words are not shown."
            ],
            sizes=(14, 13, 12),
            italic=True,
            colour=style.MUTED,
        )
        return
    w = (total_w - 0.15 * (len(quotes) - 1)) / len(quotes)
    for i, quote in enumerate(quotes):
        qx = MARGIN + i * (w + 0.15)
        add_card(slide, qx, y, w, 1.6)
        add_text(
            slide,
            qx + 0.1,
            y + 0.05,
            w - 0.2,
            1.5,
            [f"“{quote.strip()}”"],
            sizes=(14, 13, 12),
            italic=True,
            anchor=MSO_ANCHOR.MIDDLE,
        )


def _hotspot_notes(deck: Deck, h: Hotspot) -> str:
    reasons = " ".join(sentence(t) for t in h.reasons) or "It ranks high on the combined score."
    return (
        f"{pair_name(h)} is hotspot {h.rank} ({style.KIND_LABELS.get(h.kind, h.kind)}). "
        f"The chart compares how {h.from_dept} rates {h.to_dept} on each dimension with the "
        f"organisation as a whole. {reasons} The quotes are anonymised examples, not "
        "evidence against anyone. Discuss it with both departments in the room: ask each "
        "side what the other would need from them, agree one of the suggested actions with "
        "an owner from each side, and check it at the next pulse."
    )
