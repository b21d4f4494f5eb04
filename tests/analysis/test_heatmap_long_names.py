"""The deck's heatmap with long department names, read back with python-pptx: every
column and row title is whole (or a short code its row title names), fits its cell at
12 pt or more, and the table stays on the slide; and the participation chart's labels."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu

from analysis.export import write_deck
from analysis.export.measure import LINE_HEIGHT, line_count
from analysis.export.pptx_pairs import short_codes
from analysis.export.pptx_shapes import CELL_INSET_X, CELL_INSET_Y, CONTENT_BOTTOM
from analysis.results import AnalysisResult, Participation
from tests.analysis.test_deck_render import rated_pairs

NAMES = [
    "Customer Success",
    "Sales Operations",
    "Research and Development",
    "Information Technology",
    "Human Resources",
    "Quality Assurance",
    "Marketing Communications",
    "Facilities Management",
]
TITLE = "How departments rate working with each other"


def _result(names: list[str]) -> AnalysisResult:
    pairs = rated_pairs(names)
    return AnalysisResult(
        organisation="Contoso",
        wave="2026-10",
        waves=["2026-10"],
        departments=names,
        min_group=5,
        min_comment_group=5,
        pairs=pairs,
        organisation_index=3.5,
        participation=[Participation(d, 120, 80, 80 / 120) for d in names],
        suppressed_pairs=sum(p.suppressed for p in pairs),
    )


def _heatmap(tmp_path: Path, count: int):
    path = tmp_path / f"deck{count}.pptx"
    write_deck(_result(NAMES[:count]), path, day=dt.date(2026, 11, 2))
    slide = next(s for s in Presentation(str(path)).slides if s.shapes.title.text == TITLE)
    return next(shape for shape in slide.shapes if shape.has_table)


def _needed(cell, width_pt: float) -> tuple[float, int]:
    """Height (points) the cell's paragraphs take in the widest face, and their lines;
    fails if a word is wider than the cell."""
    height, lines = 0.0, 0
    for paragraph in cell.text_frame.paragraphs:
        run = paragraph.runs[0]
        size = run.font.size.pt
        assert size >= 12, f"{paragraph.text!r} at {size} pt"
        count = line_count([paragraph.text], width_pt, size, bold=bool(run.font.bold))
        assert count is not None, f"{paragraph.text!r} cannot fit {width_pt:.0f} pt"
        height += count * size * LINE_HEIGHT
        lines += count
    return height, lines


@pytest.mark.parametrize("count", [2, 4, 6, 8])
def test_titles_are_whole_and_fit_their_cells(tmp_path: Path, count: int) -> None:
    shape = _heatmap(tmp_path, count)
    table = shape.table
    names = NAMES[:count]
    codes = short_codes(names)
    for j, name in enumerate(names, start=1):
        column, row = table.cell(0, j).text, table.cell(j, 0).text
        assert "…" not in column + row
        assert column == name or (column == codes[name] and row == f"{name} ({column})")
        assert row in (name, f"{name} ({codes[name]})")
    _assert_on_the_slide(shape)


def _assert_on_the_slide(shape) -> None:
    """Every title and cell of the heatmap fits its cell, and the table its slide."""
    table = shape.table
    for i, row in enumerate(table.rows):
        for j, col in enumerate(table.columns):
            cell = table.cell(i, j)
            if not cell.text:
                continue
            inner_w = Emu(col.width).pt - 2 * CELL_INSET_X * 72
            height, lines = _needed(cell, inner_w)
            assert height <= Emu(row.height).pt - 2 * CELL_INSET_Y * 72 + 0.5, cell.text
            if i == 0 and j:
                assert lines <= 3, cell.text
    end = Emu(shape.top + sum(r.height for r in table.rows)).inches
    assert end <= CONTENT_BOTTOM + 1e-3


def test_four_long_names_keep_their_whole_column_titles(tmp_path: Path) -> None:
    table = _heatmap(tmp_path, 4).table
    assert [table.cell(0, j).text for j in range(1, 5)] == NAMES[:4]
    assert [table.cell(j, 0).text for j in range(1, 5)] == NAMES[:4]


def test_short_codes_are_distinct_and_readable() -> None:
    codes = short_codes(["Research and Development", "Risk and Dispute", "Manufacturing", "IT"])
    assert codes["Research and Development"] == "RD"
    assert codes["Risk and Dispute"] == "RD2"
    assert codes["Manufacturing"] == "Man"
    assert codes["IT"] == "IT"


def test_only_the_names_that_cannot_fit_become_codes(tmp_path: Path) -> None:
    # Five columns: "Development" is the one word too wide at 12 pt in the fallback font;
    # the others fit at 12 pt, so a smaller size with one code beats 14 pt with four.
    table = _heatmap(tmp_path, 5).table
    assert [table.cell(0, j).text for j in range(1, 6)] == [
        "Customer Success",
        "Sales Operations",
        "RD",
        "Information Technology",
        "Human Resources",
    ]
    assert table.cell(3, 0).text == "Research and Development (RD)"
    assert table.cell(2, 0).text == "Sales Operations"


def _deck(tmp_path: Path, names: list[str]):
    path = tmp_path / "deck.pptx"
    write_deck(_result(names), path, day=dt.date(2026, 11, 2))
    return next(s for s in Presentation(str(path)).slides if s.shapes.title.text == TITLE)


def test_codes_are_explained_on_the_slide_and_in_the_notes(tmp_path: Path) -> None:
    slide = _deck(tmp_path, NAMES)
    texts = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    assert "Codes: see the row titles." in texts
    notes = slide.notes_slide.notes_text_frame.text
    assert "RD is Research and Development" in notes
    assert "MC is Marketing Communications" in notes
    plain = _deck(tmp_path, NAMES[:4])
    assert "code" not in plain.notes_slide.notes_text_frame.text
    assert "code" not in " ".join(s.text_frame.text for s in plain.shapes if s.has_text_frame)


def test_one_very_long_word_is_shortened_only_in_its_row_and_the_rest_stay_whole(
    tmp_path: Path,
) -> None:
    names = ["Qualitätssicherungsabteilung", "Vertrieb", "Einkauf", "Produktion"]
    slide = _deck(tmp_path, names)
    table = next(shape for shape in slide.shapes if shape.has_table).table
    assert [table.cell(0, j).text for j in range(1, 5)] == ["Qua", *names[1:]]
    assert table.cell(1, 0).text.endswith("… (Qua)")
    assert [table.cell(j, 0).text for j in range(2, 5)] == names[1:]
    assert "Qua is Qualitätssicherungsabteilung" in slide.notes_slide.notes_text_frame.text


def test_a_hidden_cell_keeps_its_number_with_than(tmp_path: Path) -> None:
    # Seven columns are too narrow for "fewer than 5" on one line; LibreOffice left the
    # "5" alone on the second line until "than 5" was held together.
    table = _heatmap(tmp_path, 7).table
    hidden = {cell.text for row in table.rows for cell in row.cells if "fewer" in cell.text}
    assert hidden == {"fewer than\u00a05"}


def test_codes_are_made_of_letters_and_digits_only() -> None:
    # "(" and quotes made codes such as "S(" and "“P"; an emoji took a code's first place.
    codes = short_codes(["Sales (EMEA)", "Sales (APAC)", "\u201cSpecial\u201d Projects"])
    assert codes == {
        "Sales (EMEA)": "SE",
        "Sales (APAC)": "SA",
        "\u201cSpecial\u201d Projects": "SP",
    }
    assert short_codes(["\U0001f680 Launch Team"]) == {"\U0001f680 Launch Team": "LT"}
    assert short_codes(["R&D"]) == {"R&D": "R&D"}


def test_a_code_never_reads_as_another_department_in_any_case() -> None:
    # "IT" beside a department called "It" (or "Fo" beside "FO") reads as that department.
    codes = short_codes(["Information Technology", "It", "Field Ops", "Fo"])
    assert codes["Information Technology"] == "IT2"
    assert codes["Field Ops"] == "FO2"
    assert short_codes(["Man", "MAN Trucks", "Manufacturing"])["Manufacturing"] == "Man2"


LONG = (
    "Logistics, Warehousing, Procurement, Supplier Relations and International Freight Forwarding"
)
ODD = [
    "\U0001f680 Launch Team",
    "\u0645\u0631\u0643\u0632 \u062e\u062f\u0645\u0629 \u0627\u0644\u0639\u0645\u0644\u0627\u0621",
    "\u7814\u7a76\u958b\u767a\u90e8\u9580\u54c1\u8cea\u4fdd\u8a3c\u30b0\u30eb\u30fc\u30d7",
    "\u05de\u05d7\u05dc\u05e7\u05ea \u05de\u05e9\u05d0\u05d1\u05d9 \u05d0\u05e0\u05d5\u05e9",
    LONG,
    "Ops\u2026",
    "Finance (Group)",
    "Customer Experience and Service Excellence",
]


def test_a_hundred_character_name_keeps_the_table_on_the_slide(tmp_path: Path) -> None:
    # Its code was nine initials ("LWPSRIFFO"), wider than any column, and its row title
    # took nine lines: the table ran 1.5 inches off the slide.
    slide = _deck(tmp_path, ODD)
    shape = next(shape for shape in slide.shapes if shape.has_table)
    _assert_on_the_slide(shape)
    codes = [shape.table.cell(0, j).text for j in range(1, 9)]
    assert all(len(code) <= len(name) for code, name in zip(codes, ODD, strict=True))
    assert max(len(code) for code in codes if code not in ODD) <= 4
    row = shape.table.cell(5, 0).text
    assert row.startswith("Logistics") and "\u2026 (" in row
    assert f"is {LONG}" in slide.notes_slide.notes_text_frame.text


def test_a_hundred_character_name_is_cut_under_its_participation_bar(tmp_path: Path) -> None:
    # Turned aslant under its bar, the whole name took three quarters of the chart's
    # height; the table beside the chart gives it whole.
    path = tmp_path / "deck.pptx"
    write_deck(_result(ODD), path, day=dt.date(2026, 11, 2))
    slide = next(
        s for s in Presentation(str(path)).slides if s.shapes.title.text.startswith("Participation")
    )
    chart = next(shape.chart for shape in slide.shapes if shape.has_chart)
    labels = list(chart.plots[0].categories)
    assert max(map(len, labels)) <= 34
    assert labels[4].startswith("Logistics, Warehousing") and labels[4].endswith("\u2026")
    assert labels[:4] == ODD[:4]
    table = next(shape for shape in slide.shapes if shape.has_table).table
    assert LONG in [cell.text for row in table.rows for cell in row.cells]
