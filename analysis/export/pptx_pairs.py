"""Slides about pairs of departments: the heatmap and one slide per top hotspot."""

from __future__ import annotations

from dataclasses import dataclass, field

from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches, Pt

from analysis.export import style
from analysis.export.measure import LINE_HEIGHT, line_count
from analysis.export.pptx_charts import dimension_chart
from analysis.export.pptx_shapes import (
    CELL_INSET_X,
    CELL_INSET_Y,
    CONTENT_BOTTOM,
    CONTENT_TOP,
    MARGIN,
    SLIDE_W,
    Para,
    add_card,
    add_heading,
    add_paras,
    add_text,
    bottom,
    cell_height,
    cell_width,
    fitting_name,
    paras_height,
    set_cell,
    set_notes,
)
from analysis.export.pptx_slides import Deck, pair_name, sentence
from analysis.results import Hotspot
from surveys.bands import format_index
from surveys.model import DIMENSION_LABELS, DIMENSIONS

TABLE_W = 8.6
TABLE_TOP = CONTENT_TOP + 0.1
#: The heatmap's rows are this high when there is room (inches).
ROW_H = 0.9


@dataclass(frozen=True)
class HeatLayout:
    """Sizes of the heatmap table: font sizes (names; a cell's index), the column and row
    titles shown, the first column's and the other columns' width, the header row's and
    the other rows' height, and the short codes shown for names too wide for a column."""

    size: int
    value_size: int
    columns: list[str]
    rows: list[str]
    head_w: float
    cell_w: float
    header_h: float
    row_h: float
    codes: dict[str, str] = field(default_factory=dict)


#: (font size, how much larger a cell's index is) from roomiest to most compact.
HEAT_SIZES = ((14, 2), (13, 2), (12, 2), (12, 0))
#: A column title wraps over at most this many lines.
HEADER_LINES = 3
_ROOM = CONTENT_BOTTOM - TABLE_TOP
#: A code takes the initials of at most this many words: nine ("LWPSRIFFO") fit no column.
CODE_INITIALS = 4
_MINOR_WORDS = {"and", "of", "the", "for", "&", "und", "et", "y", "de"}


def _heat_layout(deck: Deck) -> HeatLayout:
    """The largest sizes at which every title and cell fits the slide whole: column titles
    wrapped at spaces; failing that, the fewest columns showing a short code instead (named
    in their row titles), at the largest size. Measured on the cells' real texts."""
    depts = deck.result.departments
    n = max(len(depts), 1)
    cells = [_cell_lines(deck, a, b) for a in depts for b in depts if a != b]
    found = None
    for coded, capped in ((False, False), (True, False), (True, True)):
        tried = [
            _try_layout(depts, cells, (size, bump), coded, capped) for size, bump in HEAT_SIZES
        ]
        tried = [layout for layout in tried if layout is not None]
        found = tried[-1] if tried else found  # the most compact, should none fit
        fitting = [t for t in tried if t.header_h + n * t.row_h <= _ROOM + 1e-6]
        if fitting:  # min keeps the first (largest) of equals
            return min(fitting, key=_coded_columns)
    codes = short_codes(depts)
    rows = [f"{d} ({codes[d]})" for d in depts]
    w = (TABLE_W - 1.3) / n
    columns = [codes[d] for d in depts]
    return found or HeatLayout(12, 12, columns, rows, 1.3, w, ROW_H, ROW_H, codes)


def _coded_columns(layout: HeatLayout) -> int:
    return len(layout.codes)


def _try_layout(depts, cells, sizes, coded: bool, capped: bool) -> HeatLayout | None:
    """The layout at ``sizes`` (names; how much larger an index is), or ``None`` if a title
    or a cell cannot be shown whole. ``capped``: a row title longer than a row's share of
    the slide is shortened with "…" (a name of a hundred characters ran the table off the
    slide); its column shows the whole name or a code the notes spell out."""
    size, bump = sizes
    n = max(len(depts), 1)
    room = _ROOM
    head_w = min(2.4, max(1.3, cell_width(depts, size, bold=True)))
    cell_w = (TABLE_W - head_w) / n
    codes = {}
    if coded:
        every = short_codes(depts)
        codes = {d: every[d] for d in depts if _level_height([d], size, cell_w) is None}
    columns = [codes.get(d, d) for d in depts]
    cap = _row_lines(n, size) if capped else None
    rows = [_row_title(d, codes.get(d), head_w, size, cap) for d in depts]
    header = _level_height(columns, size, cell_w)
    body = [cell_height(_sized(lines, size + bump), cell_w) for lines in cells]
    heads = [cell_height([(r, size, True)], head_w) for r in rows]
    if header is None or any(h is None for h in [*body, *heads]):
        return None
    header = max(header, min(ROW_H, room / (n + 1)))
    row_h = max(min(ROW_H, (room - header) / n), *body, *heads)
    return HeatLayout(size, size + bump, columns, rows, head_w, cell_w, header, row_h, codes)


def _row_title(name: str, code: str | None, head_w: float, size: int, lines=None) -> str:
    """A row's title: the whole name (shortened if one word is wider than the column, or
    if it takes more than ``lines`` lines), then its column's code, if that column shows one."""
    shown = fitting_name(name, head_w, size)
    inner = (head_w - 2 * CELL_INSET_X) * 72
    while lines is not None and len(shown) > 2:
        title = shown if code is None else f"{shown} ({code})"
        count = line_count([title], inner, size, bold=True)
        if count is not None and count <= lines:
            break
        shown = style.shorten(shown, len(shown) - 1)
    return shown if code is None else f"{shown} ({code})"


def _row_lines(n: int, size: int) -> int:
    """How many lines a row title may take so that the header and ``n`` rows of that
    height fit the slide (at least one, at most :data:`HEADER_LINES`)."""
    share = _ROOM / (n + 1) - 2 * CELL_INSET_Y
    return max(1, min(HEADER_LINES, int(share * 72 / (size * LINE_HEIGHT))))


def _level_height(titles: list[str], size: int, cell_w: float) -> float | None:
    """Height of a header row of ``titles`` wrapped at spaces over at most
    :data:`HEADER_LINES` lines; ``None`` if a word or a title does not fit."""
    inner = (cell_w - 2 * CELL_INSET_X) * 72
    lines = [line_count([t], inner, size, bold=True) for t in titles]
    if any(count is None or count > HEADER_LINES for count in lines):
        return None
    return max(lines, default=1) * size * LINE_HEIGHT / 72 + 2 * CELL_INSET_Y


def short_codes(names: list[str]) -> dict[str, str]:
    """A short, distinct code per department: the initials of a name of several words
    ("Research and Development" → "RD"), the first three letters of a single word
    ("Manufacturing" → "Man"); a number added where two would be alike, or where a code
    reads as another department's name in any case ("It" beside "Information Technology").
    Only letters and digits make a code: "Sales (EMEA)" → "SE", never "S(" ."""
    codes: dict[str, str] = {}
    taken = {name.casefold() for name in names}
    for name in names:
        code = _code(name)
        base, number = code, 2
        while code.casefold() in taken and code != name:
            code, number = f"{base}{number}", number + 1
        codes[name] = code
        taken.add(code.casefold())
    return codes


def _code(name: str) -> str:
    """A name's code before any number: initials, or a single word's first three letters."""
    words = [_letters(w) for w in name.replace("-", " ").split() if w.lower() not in _MINOR_WORDS]
    words = [w for w in words if w] or [w for w in map(_letters, name.split()) if w]
    if not words:  # no letter or digit at all (an emoji): the name's first characters
        return name.strip()[:3] or name
    if len(words) == 1:
        return words[0][:3]
    return "".join(w[0] for w in words[:CODE_INITIALS]).upper()


def _letters(word: str) -> str:
    """``word`` without the punctuation or symbols around it ("(EMEA)" → "EMEA", "R&D"
    stays); empty if it has no letter or digit."""
    ends = [i for i, c in enumerate(word) if c.isalnum()]
    return word[ends[0] : ends[-1] + 1] if ends else ""


def hidden_text(k: int) -> str:
    """A hidden cell's text: "fewer than k", with "than k" held together (a no-break space)
    so that a narrow cell wraps it as "fewer / than 5", never leaving the number alone."""
    return f"fewer than\u00a0{k}"


def _cell_lines(deck: Deck, src: str, dst: str) -> list[tuple[str, bool, bool]]:
    """A heatmap cell's lines as (text, bold, uses the index size)."""
    pair = deck.result.pair(src, dst)
    if pair is None or pair.suppressed or pair.index is None:  # nobody looks like under k
        return [(hidden_text(deck.k), False, False)]
    return [(format_index(pair.index), True, True), (f"n = {pair.n}", False, False)]


def _sized(lines: list[tuple[str, bool, bool]], value_size: int) -> list[tuple[str, float, bool]]:
    return [(text, value_size if big else style.SMALL_PT, bold) for text, bold, big in lines]


def heatmap_slide(deck: Deck) -> None:
    r = deck.result
    slide = deck.slide("How departments rate working with each other")
    depts = r.departments
    n = len(depts)
    fit = _heat_layout(deck)
    shape = slide.shapes.add_table(
        n + 1,
        n + 1,
        Inches(MARGIN),
        Inches(TABLE_TOP),
        Inches(fit.head_w + n * fit.cell_w),
        Inches(fit.header_h + n * fit.row_h),
    )
    table = shape.table
    table.first_row = table.horz_banding = False
    table.columns[0].width = Inches(fit.head_w)
    for j in range(1, n + 1):
        table.columns[j].width = Inches(fit.cell_w)
    table.rows[0].height = Inches(fit.header_h)
    for i in range(1, n + 1):
        table.rows[i].height = Inches(fit.row_h)
    set_cell(
        table.cell(0, 0), "rates →", size=12, fill=style.PAPER, colour=style.MUTED, italic=True
    )
    for j, (column, row) in enumerate(zip(fit.columns, fit.rows, strict=True), start=1):
        set_cell(
            table.cell(0, j), column, size=fit.size, bold=True, fill=style.NAVY, colour=style.PAPER
        )
        set_cell(
            table.cell(j, 0),
            row,
            size=fit.size,
            bold=True,
            fill=style.NAVY,
            colour=style.PAPER,
            align=PP_ALIGN.LEFT,
        )
    for i, src in enumerate(depts, start=1):
        for j, dst in enumerate(depts, start=1):
            _heat_cell(table.cell(i, j), deck, src, dst, fit.value_size)
    heat_legend(slide, deck, [*HEAT_READING, CODES_READING] if fit.codes else None)
    shown = sum(1 for p in r.pairs if p.wave == r.wave and not p.suppressed)
    set_notes(
        slide,
        (
            "Each row is the department giving the rating, each column the department being "
            "rated. The number is the relationship index (the mean of seven coordination "
            "dimensions on a 1 to 5 scale) and n is the number of respondents. Colours show the "
            f"band; grey cells had fewer than {deck.k} respondents, or none, and are not "
            "shown. "
            f"{shown} pairs are shown and {r.suppressed_pairs} suppressed. Compare a cell with "
            "its mirror across the diagonal: a large gap means the two groups experience the "
            "relationship differently, which is a starting point for a conversation, not a verdict."
            + _codes_note(fit.codes)
        ),
    )


def _codes_note(codes: dict[str, str]) -> str:
    """The notes' key to the columns that show a code (empty if none do)."""
    if not codes:
        return ""
    key = "; ".join(f"{code} is {name}" for name, code in codes.items())
    return f" Columns too narrow for a department's name show a short code: {key}."


def _heat_cell(cell, deck: Deck, src: str, dst: str, size: int) -> None:
    if src == dst:
        set_cell(cell, "", fill=style.PAPER)
        return
    pair = deck.result.pair(src, dst)
    if pair is None or pair.suppressed or pair.index is None:
        # Nobody and fewer than k look alike: "not rated" would tell them apart.
        set_cell(
            cell,
            hidden_text(deck.k),
            size=12,
            fill=style.band_fill("suppressed"),
            colour=style.band_text("suppressed"),
            italic=True,
        )
    else:
        band = deck.bands.band(pair.index)
        set_cell(
            cell,
            f"{format_index(pair.index)}\nn = {pair.n}",
            size=size,
            bold=True,
            fill=style.band_fill(band),
            colour=style.band_text(band),
        )
        for paragraph in cell.text_frame.paragraphs[1:]:
            for run in paragraph.runs:
                run.font.size = Pt(style.SMALL_PT)


#: How to read the heatmap, under its legend.
HEAT_READING = (
    "Read across: how each row's department rates working with the column's.",
    "A band is the band of the index as shown, to one decimal.",
)
#: Under the legend when some columns show a short code.
CODES_READING = "Codes: see the row titles."


def heat_legend(slide, deck: Deck, reading: list[str] | None = None) -> None:
    """The bands, then ``reading`` (how to read the slide; the heatmap's by default)."""
    b = deck.bands
    x = MARGIN + TABLE_W + 0.5
    w = SLIDE_W - MARGIN - x
    heading = add_heading(slide, x, TABLE_TOP, w, "Bands")
    rows = [
        ("strong", f"Strong: above {format_index(b.strong_above)}"),
        ("moderate", f"Moderate: {format_index(b.weak_below)} to {format_index(b.strong_above)}"),
        ("weak", f"Weak: below {format_index(b.weak_below)}"),
        ("suppressed", f"Fewer than {deck.k} respondents, or none: not shown"),
    ]
    y = bottom(heading) + 0.05
    for band, label in rows:
        add_card(slide, x, y + 0.1, 0.45, 0.4, fill=style.band_fill(band), line=style.RULE)
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
        y += 0.65
    org = deck.result.organisation_index
    lines = list(reading or HEAT_READING)
    if org is not None:
        lines.append(f"Organisation index: {format_index(org)} (1 to 5).")
    add_text(
        slide,
        x,
        y + 0.1,
        w,
        CONTENT_BOTTOM - y - 0.1,
        lines,
        sizes=(14, 13, 12),
        colour=style.MUTED,
    )


def hotspot_slide(deck: Deck, h: Hotspot, number: int) -> None:
    slide = deck.slide(f"Hotspot {number}: {pair_name(h)}")
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
RIGHT_W = SLIDE_W - MARGIN - RIGHT_X


def _hotspot_text(slide, h: Hotspot) -> None:
    """Kind, reasons, themes and actions in one column (one text box, so that the blocks
    follow each other whatever the font), the body in one size."""
    blocks = [
        ("Why it stands out", [f"• {sentence(t)}" for t in h.reasons[:4]]),
        ("Themes in the comments", [" · ".join(h.themes[:5]) or "No theme stands out."]),
        ("Suggested actions", [f"→ {sentence(a)}" for a in h.actions[:3]]),
    ]
    blocks = [(heading, items) for heading, items in blocks if items]
    kind = style.KIND_LABELS.get(h.kind, h.kind)
    room = CONTENT_BOTTOM - CONTENT_TOP
    for size in (16, 14, 13, 12):
        paras = _column(kind, blocks, size)
        needed = paras_height(paras, RIGHT_W)
        if needed is not None and needed <= room:
            break
    else:
        blocks = _shortened_blocks(kind, blocks, room)
        paras = _column(kind, blocks, 12)
    add_paras(slide, RIGHT_X, CONTENT_TOP, RIGHT_W, paras)


def _column(kind: str, blocks, size: float) -> list[Para]:
    paras = [Para(kind, 18, bold=True, colour=style.ORANGE)]
    for heading, items in blocks:
        paras.append(Para(heading, 16, bold=True, colour=style.NAVY, space_before=12))
        paras += [Para(item, size, space_before=4) for item in items]
    return paras


def _shortened_blocks(kind: str, blocks, room: float):
    """Shorten the longest item (or drop a block's last short one) until all fit at 12 pt."""
    blocks = [(heading, list(items)) for heading, items in blocks]

    def fits() -> bool:
        needed = paras_height(_column(kind, blocks, 12), RIGHT_W)
        return needed is not None and needed <= room

    while not fits():
        items = max((items for _, items in blocks), key=lambda it: max(map(len, it)))
        longest = max(range(len(items)), key=lambda i: len(items[i]))
        if len(items) > 1 and len(items[longest]) <= 60:
            items.pop()
        elif len(items[longest]) > 12:
            items[longest] = style.shorten(items[longest], int(len(items[longest]) * 0.8))
        else:
            break
    return blocks


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
    texts = [[style.quoted(quote)] for quote in quotes]
    # One size for both cards: a short quote at 14 pt beside a long one at 12 pt looked
    # like two styles.
    size = style.common_size(texts, w - 0.2, 1.5, (14, 13, 12))
    for i, text in enumerate(texts):
        qx = MARGIN + i * (w + 0.15)
        add_card(slide, qx, y, w, 1.6)
        add_text(
            slide,
            qx + 0.1,
            y + 0.05,
            w - 0.2,
            1.5,
            text,
            sizes=(size,),
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
