"""The deck, read back with python-pptx: slides, titles, charts, tables, notes, sizes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from analysis.export import ExportError, write_deck
from analysis.export.pptx_shapes import Para, paras_height
from surveys.model import DIMENSION_LABELS, DIMENSIONS
from surveys.progress import Cancelled
from tests.analysis.export_fixtures import INDEX, WAVES, analysis_result

DAY = dt.date(2026, 9, 30)
TITLES = [
    "Working together: Northwind Health",
    "Executive summary",
    "How departments rate working with each other",
    "Hotspot 1: Sales → IT",
    "Hotspot 2: Operations → Sales",
    "Hotspot 3: Marketing → IT",
    "Hotspot 4: Sales → Marketing",  # four by default, as the Overview shows
    "Hotspot pairs over time",
    "What the comments are about",
    "Participation by department",
    "Method and privacy",
]


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> Presentation:
    path = tmp_path_factory.mktemp("deck") / "findings.pptx"
    write_deck(analysis_result(), path, day=DAY)
    return Presentation(str(path))


def _slide(deck: Presentation, title: str):
    return next(s for s in deck.slides if s.shapes.title.text == title)


def _charts(slide) -> list:
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def _table(slide):
    return next(shape.table for shape in slide.shapes if shape.has_table)


def test_deck_is_16_9_with_the_expected_slides(deck: Presentation) -> None:
    assert (deck.slide_width, deck.slide_height) == (Inches(13.333), Inches(7.5))
    assert [s.shapes.title.text for s in deck.slides] == TITLES


def test_every_slide_has_speaker_notes(deck: Presentation) -> None:
    for slide in deck.slides:
        notes = slide.notes_slide.notes_text_frame.text
        assert notes.count(". ") >= 2, slide.shapes.title.text


def test_hotspot_chart_compares_the_pair_with_the_organisation(deck: Presentation) -> None:
    (chart,) = _charts(_slide(deck, "Hotspot 1: Sales → IT"))
    plot = chart.plots[0]
    categories = list(plot.categories)
    assert sorted(categories) == sorted(DIMENSION_LABELS[d] for d in DIMENSIONS)
    values = {s.name: dict(zip(categories, s.values, strict=True)) for s in plot.series}
    expected = analysis_result().pair("Sales", "IT").dimensions
    assert values["Sales → IT"] == {DIMENSION_LABELS[d]: v for d, v in expected.items()}
    assert values["Organisation"][DIMENSION_LABELS["timely"]] == pytest.approx(3.65)


def test_trend_chart_has_gaps_for_small_groups_and_action_markers(deck: Presentation) -> None:
    (chart,) = _charts(_slide(deck, "Hotspot pairs over time"))
    assert list(chart.plots[0].categories) == WAVES
    series = {s.name: s for s in chart.plots[0].series}
    assert set(series) == {"Sales → IT", "Operations → Sales", "Marketing → IT", "Weak below 3.5"}
    sales_it = series["Sales → IT"]
    assert sales_it.values[1] is None  # n = 4 in that wave: under k, no point
    assert sales_it.values[-1] == pytest.approx(2.71)
    marker = sales_it.points[WAVES.index("2026-05")].data_label
    assert marker.has_text_frame and marker.text_frame.text == "▲ 1"
    listed = " ".join(
        s.text_frame.text
        for s in _slide(deck, "Hotspot pairs over time").shapes
        if s.has_text_frame
    )
    assert "▲ 1  Sales → IT: Joint planning (2026-05, done)" in listed


def test_heatmap_table_holds_index_n_and_suppressed_cells(deck: Presentation) -> None:
    table = _table(_slide(deck, "How departments rate working with each other"))
    assert [table.cell(0, j).text for j in range(1, 5)] == [
        "Sales",
        "IT",
        "Marketing",
        "Operations",
    ]
    index, n = INDEX[("Sales", "IT")]
    assert table.cell(1, 2).text == f"{index:.1f}\nn = {n}"
    assert table.cell(1, 1).text == ""  # the diagonal stays blank
    assert table.cell(3, 4).text == "fewer than\u00a05"  # Marketing → Operations, n = 3
    assert "2.1" not in table.cell(3, 4).text


def test_themes_and_participation_charts_and_table(deck: Presentation) -> None:
    (themes,) = _charts(_slide(deck, "What the comments are about"))
    shares = dict(zip(themes.plots[0].categories, themes.plots[0].series[0].values, strict=True))
    # named as the app's Themes section names them (it read "responsiveness")
    assert shares["Responsiveness"] == pytest.approx(0.27)
    assert len(shares) == 8
    slide = _slide(deck, "Participation by department")
    (rates,) = _charts(slide)
    assert list(rates.plots[0].series[0].values) == pytest.approx([0.85, 0.76, 0.8, 0.68])
    table = _table(slide)
    # "Answered", as the app heads it (the deck said "Responses", the app "Answered")
    assert [table.cell(0, j).text for j in range(4)] == [
        "Department",
        "Headcount",
        "Answered",
        "Rate",
    ]
    assert [table.cell(1, j).text for j in range(4)] == ["Sales", "40", "34", "85\u00a0%"]
    assert [table.cell(5, j).text for j in range(4)] == ["Total", "140", "106", "76\u00a0%"]


def test_summary_numbers_are_level_with_their_sentences(deck: Presentation) -> None:
    slide = _slide(deck, "Executive summary")
    boxes = [s for s in slide.shapes if s.has_text_frame]
    for number in ("1", "2", "3"):
        box = next(s for s in boxes if s.text_frame.text == number)
        sentence = next(s for s in boxes if s.top == box.top and s.left > box.left)
        assert box.height == sentence.height  # both centred in the same band of the card
        for shape in (box, sentence):
            anchor = shape.text_frame._txBody.bodyPr.get("anchor")
            assert anchor == "ctr"


def test_a_hotspots_quotes_share_one_size(deck: Presentation) -> None:
    for slide in deck.slides:
        if not slide.shapes.title.text.startswith("Hotspot "):
            continue
        sizes = {
            run.font.size
            for shape in slide.shapes
            if shape.has_text_frame and shape.text_frame.text.startswith("\u201c")
            for paragraph in shape.text_frame.paragraphs
            for run in paragraph.runs
        }
        assert len(sizes) <= 1, (slide.shapes.title.text, sizes)


def test_theme_chart_says_what_its_percentages_are(deck: Presentation) -> None:
    # One series, so no legend: a heading above the chart names what the bars measure.
    slide = _slide(deck, "What the comments are about")
    chart = next(shape for shape in slide.shapes if shape.has_chart)
    heading = next(
        s for s in slide.shapes if s.has_text_frame and s.text_frame.text.startswith("Share of")
    )
    assert heading.text_frame.text == "Share of comments that mention each theme"
    assert heading.left == chart.left and heading.top + heading.height <= chart.top


def test_topics_are_listed_by_their_labels(deck: Presentation) -> None:
    slide = _slide(deck, "What the comments are about")
    text = "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    # The label the app shows (two or three words or a key phrase), not the longer term list.
    # Capitalised as a line of its own, as the app shows it beside "Responsiveness".
    assert "Licence, spreadsheet (19\u00a0comments)" in text
    assert "Launch deadline, stock (14\u00a0comments)" in text
    assert "shared drive" not in text


def test_summary_names_top_three_hotspots_and_participation(deck: Presentation) -> None:
    text = " ".join(
        shape.text_frame.text
        for shape in _slide(deck, "Executive summary").shapes
        if shape.has_text_frame
    )
    assert "Sales → IT (one-sided): index 2.7 is 0.9 below" in text
    assert "Operations → Sales (feud)" in text and "Marketing → IT (disconnected)" in text
    assert "Sales → Marketing" not in text  # rank 4 is not in the top three
    assert "76\u00a0%" in text and "106 of 140 people answered" in text
    assert "IT → Operations rose from 3.9 to 4.2" in text


def test_method_slide_states_threshold_and_suppressed_count(deck: Presentation) -> None:
    slide = _slide(deck, "Method and privacy")
    text = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    assert "at least 5 respondents" in text
    assert "1 of 12 pairs" in text
    assert "VADER" in text and "k-means" in text


def _runs(deck: Presentation):
    for slide in deck.slides:
        for shape in slide.shapes:
            frames = []
            if shape.has_text_frame:
                frames.append((shape, shape.text_frame))
            if shape.has_table:
                frames += [(shape, c.text_frame) for row in shape.table.rows for c in row.cells]
            for owner, frame in frames:
                for paragraph in frame.paragraphs:
                    for run in paragraph.runs:
                        yield slide, owner, frame, run


def test_no_text_smaller_than_12_points(deck: Presentation) -> None:
    sizes = [run.font.size for _, _, _, run in _runs(deck) if run.text.strip()]
    assert sizes and all(size is not None and size >= Pt(12) for size in sizes)
    for slide in deck.slides:
        for chart in _charts(slide):
            assert chart.font.size >= Pt(12)


def _fits(shape) -> bool:
    """Whether the box's text, measured as the deck measures it (Calibri's metrics and the
    wider fallback), fits the box at its stored font scale."""
    frame = shape.text_frame
    autofit = frame._txBody.bodyPr.find(qn("a:normAutofit"))
    assert autofit is not None, f"{shape.name} does not shrink on overflow"
    scale = int(autofit.get("fontScale", "100000")) / 100000
    paras = [
        Para(
            p.text,
            max(r.font.size for r in p.runs) / Pt(1) * scale,
            bold=bool(p.runs[0].font.bold),
            space_before=(p.space_before or 0) / Pt(1),
        )
        for p in frame.paragraphs
        if p.runs
    ]
    if not paras:
        return True
    needed = paras_height(paras, Emu(shape.width).inches)
    return needed is not None and needed <= Emu(shape.height).inches + 0.01


def test_text_boxes_fit_even_with_very_long_reasons(tmp_path: Path) -> None:
    result = analysis_result()
    result.hotspots[0].reasons = [
        f"Reason {i}: " + "escalation goes over their heads " * 12 for i in range(6)
    ]
    result.hotspots[0].actions = ["Agree on a shared intake " * 10] * 3
    write_deck(result, tmp_path / "long.pptx", day=DAY)
    deck = Presentation(str(tmp_path / "long.pptx"))
    boxes = [
        s for slide in deck.slides for s in slide.shapes if s.shape_type == 17 and s.has_text_frame
    ]  # MSO_SHAPE_TYPE.TEXT_BOX
    assert boxes and all(_fits(box) for box in boxes)
    hotspot = _slide(deck, "Hotspot 1: Sales → IT")
    text = " ".join(s.text_frame.text for s in hotspot.shapes if s.has_text_frame)
    assert "…" in text  # the long reasons were shortened, not left to overflow


def test_file_properties_carry_only_the_day(deck: Presentation) -> None:
    props = deck.core_properties
    assert props.created == dt.datetime(2026, 9, 30) == props.modified
    assert props.author == "Rapport" and props.last_modified_by == "Rapport"


def test_progress_is_reported_and_cancel_leaves_no_file(tmp_path: Path) -> None:
    reports: list[float] = []
    write_deck(analysis_result(), tmp_path / "a.pptx", lambda f, m: reports.append(f), day=DAY)
    assert reports == sorted(reports) and reports[-1] == 1.0 and len(reports) >= 10

    def cancel(fraction: float, message: str) -> None:
        if fraction > 0.3:
            raise Cancelled

    with pytest.raises(Cancelled):
        write_deck(analysis_result(), tmp_path / "b.pptx", cancel, day=DAY)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pptx"]


def test_bad_paths_are_refused_with_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"must end in \.pptx"):
        write_deck(analysis_result(), tmp_path / "deck.ppt")
    with pytest.raises(ExportError, match="does not exist"):
        write_deck(analysis_result(), tmp_path / "missing" / "deck.pptx")


def test_hotspot_count_is_configurable_and_empty_results_still_build(tmp_path: Path) -> None:
    write_deck(analysis_result(), tmp_path / "five.pptx", hotspots=5, day=DAY)
    titles = [s.shapes.title.text for s in Presentation(str(tmp_path / "five.pptx")).slides]
    assert "Hotspot 4: Sales → Marketing" in titles
    assert not any("Marketing → Operations" in t for t in titles)  # suppressed pair
    empty = analysis_result()
    empty.hotspots, empty.themes, empty.trends, empty.improvements = [], [], {}, []
    write_deck(empty, tmp_path / "empty.pptx", day=DAY)
    titles = [s.shapes.title.text for s in Presentation(str(tmp_path / "empty.pptx")).slides]
    assert titles == [TITLES[0], TITLES[1], TITLES[2], TITLES[-2], TITLES[-1]]


def test_summary_keeps_department_spelling_and_method_names_sentiment(tmp_path: Path) -> None:
    result = analysis_result()
    result.hotspots[0].reasons = ["sales rates IT 2.6 on the relationship index"]
    result.hotspots[1].reasons = ["it rates Sales lower than last pulse"]
    result.method = {"index": "mean of the seven dimensions"}
    write_deck(result, tmp_path / "d.pptx", day=DAY)
    deck = Presentation(str(tmp_path / "d.pptx"))
    summary = " ".join(
        s.text_frame.text for s in _slide(deck, "Executive summary").shapes if s.has_text_frame
    )
    assert "Sales → IT (one-sided): Sales rates IT 2.6" in summary
    assert "Operations → Sales (feud): IT rates Sales lower" in summary
    method = " ".join(
        s.text_frame.text for s in _slide(deck, "Method and privacy").shapes if s.has_text_frame
    )
    assert "Index: mean of the seven dimensions." in method
    assert "Sentiment: each comment scored" in method and "k-means" in method


def _heat_fills(deck: Presentation) -> dict[str, set[str]]:
    """The fills of the heatmap's cells by the index they print."""
    from pptx.enum.dml import MSO_FILL

    table = _table(_slide(deck, TITLES[2]))
    fills: dict[str, set[str]] = {}
    for row in list(table.rows)[1:]:
        for cell in list(row.cells)[1:]:
            value = cell.text_frame.paragraphs[0].text
            if cell.fill.type == MSO_FILL.SOLID and value[:1].isdigit():
                fills.setdefault(value, set()).add(str(cell.fill.fore_color.rgb))
    return fills


def test_cells_printed_alike_share_the_band_colour_of_the_app(tmp_path: Path) -> None:
    from surveys.bands import BAND_PALETTE

    result = analysis_result()
    result.pair("IT", "Operations").index = 4.04  # was strong, shows "4.0"
    result.pair("Operations", "Marketing").index = 4.0
    result.pair("Operations", "IT").index = 4.31
    write_deck(result, tmp_path / "bands.pptx", day=DAY)
    fills = _heat_fills(Presentation(str(tmp_path / "bands.pptx")))
    assert fills["4.0"] == {BAND_PALETTE["moderate"].fill.lstrip("#").upper()}
    assert fills["4.3"] == {BAND_PALETTE["strong"].fill.lstrip("#").upper()}  # dark blue
    assert all(len(colours) == 1 for colours in fills.values())


def test_first_wave_says_so_and_progress_counts_the_real_slides(tmp_path: Path) -> None:
    result = analysis_result()
    result.waves = [result.wave]
    result.trends, result.improvements, result.themes = {}, [], []
    for hotspot in result.hotspots:
        hotspot.trend, hotspot.recorded_actions = [], []
    result.actions = []
    messages: list[str] = []
    path = tmp_path / "first.pptx"
    write_deck(result, path, lambda f, m: messages.append(m), day=DAY, hotspots=0)
    deck = Presentation(str(path))
    slides = len(deck.slides)
    assert slides == 5  # title, summary, heatmap, participation, method
    written = [m for m in messages if m.startswith("Writing slide")]
    assert written == [f"Writing slide {i} of {slides}" for i in range(1, slides + 1)]
    summary = _slide(deck, "Executive summary")
    text = " ".join(s.text_frame.text for s in summary.shapes if s.has_text_frame)
    assert "first pulse" in text and "since the last pulse" not in text
    assert "Sales → IT" in text  # no hotspot slides, yet the summary names the top three
    assert "first pulse" in summary.notes_slide.notes_text_frame.text


def test_shares_round_halves_up_as_the_app_does(tmp_path: Path) -> None:
    from analysis.results import Participation

    result = analysis_result()
    result.participation = [Participation("Sales", 40, 23, 0.575), Participation("IT", 8, 1, 0.125)]
    write_deck(result, tmp_path / "p.pptx", day=DAY)
    deck = Presentation(str(tmp_path / "p.pptx"))
    slide = _slide(deck, "Participation by department")
    table = _table(slide)
    assert [table.cell(i, 3).text for i in (1, 2, 3)] == [
        "58\u00a0%",
        "13\u00a0%",
        "50\u00a0%",
    ]  # 24 of 48
    (chart,) = _charts(slide)
    assert list(chart.plots[0].series[0].values) == [0.58, 0.13]
    summary = " ".join(
        s.text_frame.text for s in _slide(deck, "Executive summary").shapes if s.has_text_frame
    )
    assert "50\u00a0%" in summary and "24 of 48 people answered" in summary


def test_counts_of_thousands_are_grouped_as_the_app_groups_them(tmp_path: Path) -> None:
    """The Overview says "1,234 of 2,000 people answered"; the deck said "1234 of 2000"."""
    from analysis.results import Participation

    result = analysis_result()
    result.participation = [
        Participation("Sales", 1200, 834, 0.695),
        Participation("IT", 800, 400, 0.5),
    ]
    write_deck(result, tmp_path / "p.pptx", day=DAY)
    deck = Presentation(str(tmp_path / "p.pptx"))
    table = _table(_slide(deck, "Participation by department"))
    assert [table.cell(3, c).text for c in (1, 2)] == ["2,000", "1,234"]  # the Total row
    summary = " ".join(
        s.text_frame.text for s in _slide(deck, "Executive summary").shapes if s.has_text_frame
    )
    assert "1,234 of 2,000 people answered" in summary


def test_theme_chart_is_as_tall_as_its_bars(tmp_path: Path) -> None:
    """Two themes that may be shown get two short bars, not bars stretched over the slide."""
    result = analysis_result()
    taxonomy = [t for t in result.themes if t.kind == "taxonomy"]
    result.themes = taxonomy[:2] + [t for t in result.themes if t.kind == "topic"]
    write_deck(result, tmp_path / "two.pptx", day=DAY)
    write_deck(analysis_result(), tmp_path / "all.pptx", day=DAY)
    heights = {}
    for name in ("two", "all"):
        slide = _slide(Presentation(str(tmp_path / f"{name}.pptx")), "What the comments are about")
        (frame,) = [shape for shape in slide.shapes if shape.has_chart]
        heights[name] = Emu(frame.height).inches
    assert heights["two"] < 2.0 < 4.0 < heights["all"]


def _shape_runs(shape) -> list:
    return [r for p in shape.text_frame.paragraphs for r in p.runs if r.text.strip()]


def test_a_short_theme_chart_has_each_themes_words_under_it(tmp_path: Path) -> None:
    """Under a chart of few themes, one example comment per theme with its negative share;
    every caption and every quote at one size; none under a chart that fills the slide."""
    result = analysis_result()
    taxonomy = [t for t in result.themes if t.kind == "taxonomy"][:3]
    taxonomy[0].example = "We wait two weeks for every answer from [department]."
    taxonomy[1].example = " ".join(["Budgets change after we have planned."] * 4)
    taxonomy[2].example = None  # a theme without an example that may be shown
    result.themes = taxonomy + [t for t in result.themes if t.kind == "topic"]
    write_deck(result, tmp_path / "few.pptx", day=DAY)
    slide = _slide(Presentation(str(tmp_path / "few.pptx")), "What the comments are about")
    texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
    assert "In their words" in texts
    captions = [s for s in slide.shapes if s.has_text_frame and "negative" in s.text_frame.text]
    assert [c.text_frame.text for c in captions] == [
        "responsiveness \u00b7 61\u00a0% negative",
        "priorities and budget \u00b7 52\u00a0% negative",
    ]
    quotes = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text[:1] == "\u201c"]
    assert (
        quotes[0].text_frame.text
        == "\u201cWe wait two weeks for every answer from [department].\u201d"
    )
    assert len(quotes) == 2 and all(r.font.italic for q in quotes for r in _shape_runs(q))
    assert len({r.font.size for c in captions for r in _shape_runs(c)}) == 1
    assert len({r.font.size for q in quotes for r in _shape_runs(q)}) == 1
    assert "one anonymised comment of each leading theme" in (
        slide.notes_slide.notes_text_frame.text
    )
    for shape in (*captions, *quotes):  # inside the slide's content area
        assert Emu(shape.top + shape.height).inches <= 6.95 + 1e-6


def test_a_full_theme_chart_leaves_no_room_for_words(deck: Presentation) -> None:
    slide = _slide(deck, "What the comments are about")
    texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
    assert "In their words" not in texts
    assert "one anonymised comment" not in slide.notes_slide.notes_text_frame.text
