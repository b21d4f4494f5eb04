"""The closing slides: trends with action markers, themes, participation, method."""

from __future__ import annotations

from pptx.enum.text import PP_ALIGN
from pptx.util import Inches

from analysis.export import style
from analysis.export.pptx_charts import share_bar_chart, trend_chart
from analysis.export.pptx_shapes import (
    CONTENT_BOTTOM,
    CONTENT_TOP,
    MARGIN,
    SLIDE_W,
    add_card,
    add_heading,
    add_text,
    bottom,
    cell_height,
    cell_width,
    fitting_name,
    set_cell,
    set_notes,
)
from analysis.export.pptx_slides import Deck, pair_name, sentence
from analysis.results import RecordedAction, ThemeSummary, TrendPoint, trend_key
from analysis.text import capitalised
from surveys.bands import format_percent, format_share, shown_percent

MAX_THEMES = 10
#: Height of the theme chart per bar and for its axis (inches): a few themes get short
#: bars instead of stretching over the whole slide (ten themes fill it).
THEME_BAR_IN = 0.5
THEME_AXIS_IN = 0.6
MAX_TOPICS = 5
#: Width of the theme chart and of the quotes under it (inches).
THEME_W = 7.6
#: Room the quotes need under a short theme chart (inches): a heading and a row of cards.
QUOTE_ROOM_IN = 2.2
MAX_THEME_QUOTES = 3
THEME_CHART_HEADING = "Share of comments that mention each theme"


def trend_lines(deck: Deck) -> tuple[dict[str, list[TrendPoint]], dict[str, list]]:
    """Trend points and recorded actions of the top hotspot pairs, keyed by pair name."""
    r = deck.result
    lines: dict[str, list[TrendPoint]] = {}
    actions: dict[str, list[RecordedAction]] = {}
    for h in deck.top or deck.ranked[:3]:
        points = r.trends.get(trend_key(h.from_dept, h.to_dept)) or h.trend
        if not any(p.index is not None for p in points):
            continue
        name = pair_name(h)
        lines[name] = points
        recorded = h.recorded_actions or [
            a for a in r.actions if (a.from_dept, a.to_dept) == (h.from_dept, h.to_dept)
        ]
        actions[name] = recorded
    return lines, actions


def action_markers(
    actions: dict[str, list[RecordedAction]], waves: list[str]
) -> tuple[list[str], dict[str, dict[str, str]]]:
    """The numbered list of recorded actions, and each pair's point labels by wave
    ("▲ 1", "▲ 2, 3"): numbers on the chart, words in the list beside it."""
    listed: list[str] = []
    markers: dict[str, dict[str, str]] = {}
    for name, recorded in actions.items():
        for action in recorded:
            number = len(listed) + 1
            listed.append(
                f"▲ {number}  {name}: {action.title} ({action.wave or 'no wave'}, {action.status})"
            )
            if action.wave in waves:
                by_wave = markers.setdefault(name, {})
                known = by_wave.get(action.wave)
                by_wave[action.wave] = f"{known}, {number}" if known else f"▲ {number}"
    return listed, markers


def has_trends(deck: Deck) -> bool:
    """Whether a hotspot pair has a trend to draw."""
    return bool(trend_lines(deck)[0])


def trends_slide(deck: Deck) -> None:
    lines, actions = trend_lines(deck)
    slide = deck.slide("Hotspot pairs over time")
    waves = list(deck.result.waves)
    listed, markers = action_markers(actions, waves)
    trend_chart(
        slide, (MARGIN, CONTENT_TOP, 8.7, 5.55), waves, lines, markers, deck.bands.weak_below
    )
    x, w = 9.6, SLIDE_W - MARGIN - 9.6
    heading = add_heading(slide, x, CONTENT_TOP, w, "Actions recorded")
    add_text(
        slide,
        x,
        bottom(heading),
        w,
        CONTENT_BOTTOM - bottom(heading),
        listed or ["No joint action recorded yet for these pairs."],
        sizes=(14, 13, 12),
        gap_pt=6,
    )
    set_notes(
        slide,
        (
            "Each line is the relationship index of a hotspot pair in every pulse; gaps are "
            f"pulses where fewer than {deck.k} people answered. The dashed line is the weak "
            "band's limit. Numbered triangles mark the pulse in which a joint action was recorded "
            "(the list on the right names them), so you "
            "can see whether the relationship moved afterwards. Change takes more than one "
            "pulse: ask what helped where a line rose, and what got in the way where it did not."
        ),
    )


def _themes(deck: Deck) -> tuple[list, list]:
    r = deck.result
    taxonomy = sorted(
        (t for t in r.themes if t.kind == "taxonomy" and t.count), key=lambda t: -t.count
    )[:MAX_THEMES]
    topics = [t for t in r.themes if t.kind == "topic" and t.count][:MAX_TOPICS]
    return taxonomy, topics


def has_themes(deck: Deck) -> bool:
    """Whether there is a theme or topic to show."""
    return any(_themes(deck))


def themes_slide(deck: Deck) -> None:
    taxonomy, topics = _themes(deck)
    slide = deck.slide("What the comments are about")
    quoted = 0
    if taxonomy:
        # The chart has one series, so no legend says what its percentages are.
        heading = add_heading(slide, MARGIN, CONTENT_TOP, THEME_W, THEME_CHART_HEADING)
        top = bottom(heading)
        chart_h = min(CONTENT_BOTTOM - top, THEME_AXIS_IN + THEME_BAR_IN * len(taxonomy))
        share_bar_chart(
            slide,
            (MARGIN, top, THEME_W, chart_h),
            [style.shorten(capitalised(t.name), 34) for t in taxonomy],  # as the app names it
            "Share of comments",
            [t.share for t in taxonomy],
        )
        quoted = _theme_quotes(slide, taxonomy, top + chart_h + 0.25)
    x, w = 8.6, SLIDE_W - MARGIN - 8.6
    heading = add_heading(slide, x, CONTENT_TOP, w, "Other topics found in the text")
    found = [f"{capitalised(t.name)} ({t.count}\u00a0comments)" for t in topics]
    add_text(
        slide,
        x,
        bottom(heading),
        w,
        CONTENT_BOTTOM - bottom(heading),
        found or ["No further topic found."],
        bullet="• " if found else "",
        sizes=(14, 13, 12),
    )
    top_names = ", ".join(t.name for t in taxonomy[:3])
    set_notes(
        slide,
        (
            "The bars show the share of comments that mention each friction theme (a comment "
            "can mention several). The list on the right holds topics found in the text itself, "
            "each named by two or three words or a phrase typical of it. "
            + (f"The most frequent themes are {top_names}. " if top_names else "")
            + (
                "Under the chart, one anonymised comment of each leading theme shows what it "
                "means here, with the share of that theme's comments that read negative. "
                if quoted
                else ""
            )
            + "Themes describe how work is organised between groups (handovers, priorities, "
            "tools), which makes them easier to act on than personalities."
        ),
    )


def _theme_quotes(slide, themes: list[ThemeSummary], top: float) -> int:
    """Cards under a short theme chart, each a leading theme's example comment; returns
    how many were placed (none when the chart leaves too little room).

    Every card's caption and quote share one size, and the cards are as high as the
    longest quote needs."""
    quoted = [t for t in themes if t.example][:MAX_THEME_QUOTES]
    if not quoted or CONTENT_BOTTOM - top < QUOTE_ROOM_IN:
        return 0
    heading = add_heading(slide, MARGIN, top, THEME_W, "In their words")
    y, gap, pad = bottom(heading) + 0.05, 0.15, 0.08
    w = (THEME_W - gap * (len(quoted) - 1)) / len(quoted)
    inner, room = w - 0.2, CONTENT_BOTTOM - y - 2 * pad
    captions = [[_quote_caption(t)] for t in quoted]
    quotes = [[style.quoted(t.example or "")] for t in quoted]
    caption_size = style.common_size(captions, inner, 0.7, (13, 12), bold=True)
    caption_h = max(style.fit(c, inner, 0.7, (caption_size,), bold=True).height for c in captions)
    quote_size = style.common_size(quotes, inner, room - caption_h, (14, 13, 12))
    quote_h = max(style.fit(q, inner, room - caption_h, (quote_size,)).height for q in quotes)
    for i, (caption, quote) in enumerate(zip(captions, quotes, strict=True)):
        qx = MARGIN + i * (w + gap)
        add_card(slide, qx, y, w, caption_h + quote_h + 2 * pad)
        add_text(
            slide, qx + 0.1, y + pad, inner, caption_h, caption,
            sizes=(caption_size,), bold=True, colour=style.NAVY,
        )  # fmt: skip
        add_text(
            slide, qx + 0.1, y + pad + caption_h, inner, quote_h, quote,
            sizes=(quote_size,), italic=True,
        )  # fmt: skip
    return len(quoted)


def _quote_caption(theme: ThemeSummary) -> str:
    if theme.negative_share is None:
        return theme.name
    return f"{theme.name} \u00b7 {format_share(theme.negative_share)} negative"


def has_participation(deck: Deck) -> bool:
    """Whether any department's participation is known."""
    return bool(deck.result.participation)


#: The most departments the participation slide lists; beyond, those with the lowest
#: response rates (40 rows ran 4 in past the slide's foot, and 40 bars' labels overlapped).
PARTICIPATION_ROWS = 11


def _lowest_rates(rows: list) -> list:
    """The :data:`PARTICIPATION_ROWS` departments of lowest response rate, lowest first;
    when fewer have a headcount, those without one follow, fewest answers first (with no
    headcount anywhere the slide said "the 0 lowest response rates" over a bare total)."""
    known = sorted(
        (p for p in rows if p.headcount), key=lambda p: (p.submitted / p.headcount, p.department)
    )
    unknown = sorted(
        (p for p in rows if not p.headcount), key=lambda p: (p.submitted, p.department)
    )
    return (known + unknown)[:PARTICIPATION_ROWS]


def _participation_title(rows: list, every: list) -> str:
    if rows is every:
        return "Participation by department"
    if all(p.headcount for p in rows):
        return f"Participation: the {len(rows)} lowest response rates of {len(every)} departments"
    if any(p.headcount for p in rows):
        return f"Participation: {len(rows)} of {len(every)} departments, lowest rates first"
    return f"Participation: the {len(rows)} departments of {len(every)} with the fewest answers"


#: A department's name under its bar is cut at a word to this many characters: a name
#: of a hundred, turned aslant, took three quarters of the chart's height.
CHART_NAME = 34


def participation_slide(deck: Deck) -> None:
    every = deck.result.participation
    rows = every if len(every) <= PARTICIPATION_ROWS else _lowest_rates(every)
    slide = deck.slide(_participation_title(rows, every))
    rated = [p for p in rows if p.headcount]
    if rated:
        share_bar_chart(
            slide,
            (MARGIN, CONTENT_TOP, 6.9, 5.55),
            [style.shorten(p.department, CHART_NAME) for p in rated],  # the table: whole
            "Response rate",
            [shown_percent(p.submitted, p.headcount) / 100 for p in rated],  # as the table
            horizontal=False,
        )
    _participation_table(slide, rows, every)
    set_notes(
        slide,
        (
            (
                ""
                if rows is every
                else "The departments with the lowest response rates (then those without a "
                "headcount, fewest answers first); the total is of every department, and the "
                "workbook's participation sheet lists them all. "
            )
            + "Participation per department against the headcount HR entered. Results from a "
            "department with low participation speak for fewer people; say so when you discuss "
            "them. A low rate is a reason to ask whether people had time and trust to answer, "
            "not a judgement on the department."
        ),
    )


PARTICIPATION_X = 7.9
#: "Answered" as the app's Pulses table heads it (the workbook's "Submitted" is its
#: documented column name, docs/formats.md).
PARTICIPATION_HEADERS = ("Department", "Headcount", "Answered", "Rate")


def _participation_rows(rows, every=None) -> list[tuple[str, ...]]:
    """The table's texts: ``rows``, then the total of ``every`` department (``rows``'s)."""
    heads = sum(p.headcount or 0 for p in every or rows)
    submitted = sum(p.submitted for p in every or rows)
    body = [(p.department, p.headcount, p.submitted) for p in rows]
    body.append(("Total", heads or None, submitted))
    return [
        (
            name,
            "–" if not head else f"{head:,}",  # grouped as the app shows counts
            f"{sub:,}",
            "–" if not head else format_percent(sub, head),
        )
        for name, head, sub in body
    ]


def _participation_layout(texts, w: float, room: float):
    """Font size, column widths, row heights and texts at which the table fits ``w`` ×
    ``room``; at the smallest size a name with a word wider than its column is shortened
    (a roster decides the names: "Qualitätssicherungsabteilung" is one word)."""
    for size in (14, 13, 12):
        widths = _participation_widths(texts, w, size)
        heights = _participation_heights(texts, widths, size)
        if widths[0] <= 0 or heights is None:
            if size > 12:
                continue
            widths[0] = max(widths[0], 0.5)
            texts = [(fitting_name(row[0], widths[0], size), *row[1:]) for row in texts]
            heights = _participation_heights(texts, widths, size)
        if sum(heights) <= room or size == 12:
            return size, widths, heights, texts
    raise AssertionError("unreachable")  # pragma: no cover


def _participation_widths(texts, w: float, size: int) -> list[float]:
    """The columns' widths: the figures as wide as they need, the names the rest."""
    widths = [
        max(
            cell_width([PARTICIPATION_HEADERS[j]], size, bold=True),
            cell_width([row[j] for row in texts], size, bold=True),
        )
        for j in range(1, 4)
    ]
    return [w - sum(widths), *widths]


def _participation_heights(texts, widths: list[float], size: int) -> list[float] | None:
    """Each row's height (the header's first), or ``None`` if a word fits no cell."""
    header = [
        cell_height([(t, size, True)], widths[j]) for j, t in enumerate(PARTICIPATION_HEADERS)
    ]
    body = [
        [cell_height([(t, size, row[0] == "Total")], widths[j]) for j, t in enumerate(row)]
        for row in texts
    ]
    cells = [header, *body]
    if any(h is None for row in cells for h in row):
        return None
    return [max(0.4, *row) for row in cells]


def _participation_table(slide, rows, every=None) -> None:
    x = PARTICIPATION_X
    w = SLIDE_W - MARGIN - x
    texts = _participation_rows(rows, every)
    top = CONTENT_TOP + 0.2
    size, widths, heights, texts = _participation_layout(texts, w, CONTENT_BOTTOM - top)
    shape = slide.shapes.add_table(
        len(texts) + 1, 4, Inches(x), Inches(top), Inches(w), Inches(sum(heights))
    )
    table = shape.table
    for j, width in enumerate(widths):
        table.columns[j].width = Inches(width)
    for i, height in enumerate(heights):
        table.rows[i].height = Inches(height)
    for j, header in enumerate(PARTICIPATION_HEADERS):
        set_cell(
            table.cell(0, j), header, size=size, bold=True, fill=style.NAVY, colour=style.PAPER
        )
    for i, values in enumerate(texts, start=1):
        total = values[0] == "Total"
        fill = style.CARD if i % 2 == 0 or total else style.PAPER
        for j, text in enumerate(values):
            set_cell(
                table.cell(i, j),
                text,
                size=size,
                fill=fill,
                bold=total,
                align=PP_ALIGN.LEFT if j == 0 else PP_ALIGN.RIGHT,
            )


def method_slide(deck: Deck) -> None:
    r = deck.result
    slide = deck.slide("Method and privacy")
    half = (SLIDE_W - 2 * MARGIN - 0.5) / 2
    privacy = [
        f"Scores are shown only for groups of at least {r.min_group} respondents; comments "
        f"only where at least {r.min_comment_group} people commented.",
        f"{r.suppressed_pairs} of {_rated_pairs(deck)} pairs in this pulse had fewer "
        "respondents, or none, and are not shown.",
        "Comments are anonymised: e-mail addresses, phone numbers, links and names are "
        "removed before they are shown, and quotes are shuffled.",
        "No file contains a submission id, token or a time finer than the day.",
    ]
    method = [
        sentence(f"{key.replace('_', ' ').capitalize()}: {text}")
        for key, text in method_notes(r.method).items()
    ]
    columns = ((MARGIN, "Privacy", privacy), (MARGIN + half + 0.5, "Method", method))
    tops = [bottom(add_heading(slide, x, CONTENT_TOP, half, h)) for x, h, _ in columns]
    sizes = (16, 14, 13, 12)
    common = min(  # both columns in one size: the larger at which both fit
        style.fit([f"• {t}" for t in items], half, CONTENT_BOTTOM - top, sizes, 8).size
        for (_, _, items), top in zip(columns, tops, strict=True)
    )
    for (x, _, items), top in zip(columns, tops, strict=True):
        add_text(
            slide,
            x,
            top,
            half,
            CONTENT_BOTTOM - top,
            items,
            bullet="• ",
            sizes=tuple(s for s in sizes if s <= common),
            gap_pt=8,
        )
    set_notes(
        slide,
        (
            "Use this slide when someone asks how the numbers were made or whether answers can "
            "be traced. Nobody's answer can be singled out: small groups are hidden, comments are "
            "anonymised, and the analysis runs the same way for every department. Keep the "
            "discussion on the relationships, and do not speculate about who wrote a comment."
        ),
    )


#: What the appendix says when the analysis did not describe a step itself.
DEFAULT_METHOD: dict[str, str] = {
    "sentiment": "each comment scored from -1 to 1 by a model learned from real employee "
    "reviews and Rapport's workplace lexicon",
    "themes": "a taxonomy of friction themes matched on stemmed phrases; further topics "
    "found by grouping the comments with k-means on word vectors (words that occur "
    "together in comments), named by their most distinctive terms",
}


def method_notes(method: dict[str, str]) -> dict[str, str]:
    """The analysis' own method notes, with sentiment and themes always described."""
    notes = {k: v for k, v in method.items() if " " in v.strip()}  # no bare version ids
    for key, text in DEFAULT_METHOD.items():
        if not any(key.rstrip("s") in k.lower() for k in method):
            notes[key] = text
    return notes


def _rated_pairs(deck: Deck) -> int:
    """The pairs of the deck's wave: every directed pair, answered or not."""
    return sum(1 for p in deck.result.pairs if p.wave == deck.result.wave)
