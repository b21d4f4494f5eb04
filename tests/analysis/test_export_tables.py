"""The XLSX workbook and the CSV files, read back with openpyxl and csv."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from analysis.export import TABLE_NAMES, ExportError, write_csv, write_xlsx
from analysis.export.comment_rows import SharedComment
from analysis.export.tables import matrix_table
from tests.analysis.export_fixtures import HYPERLINK, INDEX, WAVES, analysis_result

#: Comments as :func:`analysis.export.comment_rows.shown_comments` gives them.
COMMENTS = [
    SharedComment("2026-09", "Sales", "IT", "negative", ("Responsiveness",), "Slow again."),
    SharedComment("2026-09", "Sales", "IT", None, (), "=1+1 is what they answer"),
]


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("xlsx") / "findings.xlsx"
    write_xlsx(analysis_result(), path, day=dt.date(2026, 9, 30), comments=COMMENTS)
    return load_workbook(path)


@pytest.fixture(scope="module")
def csv_rows(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, str]]]:
    folder = tmp_path_factory.mktemp("csv") / "out"
    written = write_csv(analysis_result(), folder, comments=COMMENTS)
    assert [p.name for p in written] == [f"{name}.csv" for name in TABLE_NAMES]
    tables = {}
    for path in written:
        with path.open(encoding="utf-8-sig", newline="") as f:
            tables[path.stem] = list(csv.DictReader(f))
    return tables


def _records(sheet) -> list[dict]:
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_sheets_have_styled_frozen_headers(workbook) -> None:
    assert workbook.sheetnames == list(TABLE_NAMES)
    for sheet in workbook.worksheets:
        header = sheet["A1"]
        assert header.font.bold and header.fill.fgColor.rgb.endswith("1F3A5F")
        assert sheet.freeze_panes in {"B2", "D2"}
        assert sheet.column_dimensions["A"].width >= 6


def test_sheets_read_well_in_a_spreadsheet_program(workbook) -> None:
    for sheet in workbook.worksheets:
        header = sheet["A1"]
        # a bold font without a name showed in a serif typeface beside Calibri cells
        assert header.font.name == "Calibri"
        last = sheet.cell(1, sheet.max_column).column_letter
        assert sheet.auto_filter.ref == f"A1:{last}{max(2, sheet.max_row)}"
        for cell in sheet[1]:  # no header word breaks in two ("Suppress / ed")
            longest = max(len(word) for word in str(cell.value).split())
            assert sheet.column_dimensions[cell.column_letter].width >= longest + 3
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == "$1:$1"


def test_long_text_wraps_in_rows_as_tall_as_it_needs(workbook) -> None:
    sheet = workbook["hotspots"]
    headers = [c.value for c in sheet[1]]
    reasons = sheet.cell(2, headers.index("Reasons") + 1)
    assert reasons.alignment.wrap_text and reasons.alignment.vertical == "top"
    assert sheet.cell(2, 1).alignment.vertical == "top"  # the rank beside it too
    width = sheet.column_dimensions[reasons.column_letter].width
    lines = len(reasons.value) / (width * 1.3)  # generous: Calibri is narrower than "0"
    assert sheet.row_dimensions[2].height >= 15 * lines
    assert not workbook["matrix"]["A2"].alignment.wrap_text  # short rows stay one line


def test_matrix_holds_numbers_with_formats(workbook) -> None:
    rows = {(r["From"], r["To"]): r for r in _records(workbook["matrix"])}
    assert len(rows) == 12
    sales_it = rows[("Sales", "IT")]
    assert sales_it["Index"] == 2.7  # as shown everywhere: one decimal (2.71 stored)
    assert INDEX[("Sales", "IT")][0] == 2.71
    assert sales_it["n"] == 31 and sales_it["Band"] == "weak"
    assert sales_it["Sentiment"] == pytest.approx(-0.4)  # a negative number stays a number
    sheet = workbook["matrix"]
    index_cell = sheet.cell(row=2, column=6)
    assert index_cell.data_type == "n" and index_cell.number_format == "0.0"


def test_suppressed_pair_row_has_no_size_and_no_scores(workbook) -> None:
    row = next(
        r
        for r in _records(workbook["matrix"])
        if (r["From"], r["To"]) == ("Marketing", "Operations")
    )
    assert row["Suppressed"] == "yes"
    assert all(row[key] is None for key in row if key not in {"Wave", "From", "To", "Suppressed"})


def test_hotspots_sheet_is_ranked_without_the_suppressed_pair(workbook) -> None:
    rows = _records(workbook["hotspots"])
    assert [(r["Rank"], r["From"], r["To"]) for r in rows] == [
        (1, "Sales", "IT"),
        (2, "Operations", "Sales"),
        (3, "Marketing", "IT"),
        (4, "Sales", "Marketing"),
    ]
    assert rows[0]["Score"] == pytest.approx(0.91) and rows[0]["Kind"] == "one-sided"
    assert "Timeliness is the weakest dimension at 2.2" in rows[0]["Reasons"]


def test_formula_comments_are_neutralised_in_xlsx(workbook) -> None:
    themes = {r["Theme"]: r for r in _records(workbook["themes"])}
    example = themes["Priorities and budget"]["Example (redacted)"]
    assert example.startswith("'=HYPERLINK(")
    quotes = _records(workbook["hotspots"])[2]["Quotes (redacted)"]
    assert quotes.startswith("'=HYPERLINK(")
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row)


def test_themes_sheet_names_and_kinds_them_as_the_app_does(workbook) -> None:
    rows = _records(workbook["themes"])
    # "theme" and a capital, as the Themes section shows them (it read "taxonomy",
    # "priorities and budget"); discovered topics stay "topic"
    assert {r["Kind"] for r in rows} <= {"theme", "topic"}
    assert "theme" in {r["Kind"] for r in rows}
    assert all(not r["Theme"][:1].islower() for r in rows)
    assert "Priorities and budget" in {r["Theme"] for r in rows}


def test_participation_sheet(workbook) -> None:
    rows = _records(workbook["participation"])
    assert rows[0] == {"Department": "Sales", "Headcount": 40, "Submitted": 34, "Rate": 0.85}
    assert workbook["participation"]["D2"].number_format == "0%"


def test_xlsx_properties_carry_only_the_day(workbook) -> None:
    assert workbook.properties.created == dt.datetime(2026, 9, 30)
    assert workbook.properties.creator == "Rapport"


def test_csv_holds_the_same_tables(csv_rows) -> None:
    matrix = {(r["From"], r["To"]): r for r in csv_rows["matrix"]}
    assert matrix[("Sales", "IT")]["Index"] == "2.7"
    assert matrix[("Sales", "IT")]["Sentiment"] == "-0.4"  # not neutralised: a number
    assert matrix[("Marketing", "Operations")]["Index"] == ""
    assert matrix[("Marketing", "Operations")]["n"] == ""
    assert [r["Rank"] for r in csv_rows["hotspots"]] == ["1", "2", "3", "4"]
    assert csv_rows["participation"][3]["Rate"] == "0.683"


def test_formula_comments_are_neutralised_in_csv(csv_rows) -> None:
    themes = {r["Theme"]: r for r in csv_rows["themes"]}
    assert themes["Priorities and budget"]["Example (redacted)"].startswith("'=HYPERLINK(")
    assert csv_rows["hotspots"][2]["Quotes (redacted)"].startswith("'=HYPERLINK(")
    cells = [v for rows in csv_rows.values() for r in rows for v in r.values()]
    assert not [v for v in cells if v[:1] in {"=", "+", "@", "\t", "\r"}]
    assert HYPERLINK not in cells


def test_bad_targets_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"must end in \.xlsx"):
        write_xlsx(analysis_result(), tmp_path / "out.csv")
    (tmp_path / "taken").write_text("x")
    with pytest.raises(ExportError, match="is a file"):
        write_csv(analysis_result(), tmp_path / "taken")


def test_hidden_comment_figures_are_empty_not_zero() -> None:
    result = analysis_result()
    hidden = next(p for p in result.pairs if not p.suppressed)
    hidden.comment_count, hidden.sentiment = 0, None  # fewer than min_comment_group commented
    hidden.negative_share = hidden.conflict_rate = None
    table = matrix_table(result)
    names = [c.header for c in table.columns]
    rows = {(r[1], r[2]): dict(zip(names, r, strict=True)) for r in table.rows}
    row = rows[(hidden.from_dept, hidden.to_dept)]
    assert row["n"] == hidden.n and row["Index"] == 2.7 == round(hidden.index, 1)  # scores stay
    assert [row[k] for k in ("Comments", "Sentiment", "Negative share")] == [None, None, None]
    shown = next(r for r in rows.values() if r["Suppressed"] == "no" and r["Comments"])
    assert shown["Comments"] >= result.min_comment_group


def test_bands_follow_the_shown_index_in_the_app_palette(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from surveys.bands import BAND_PALETTE

    result = analysis_result()
    result.pair("IT", "Operations").index = 4.04  # shown 4.0: moderate, not strong
    path = write_xlsx(result, tmp_path / "bands.xlsx")
    sheet = load_workbook(path)["matrix"]
    headers = [c.value for c in sheet[1]]
    rows = {(r[1].value, r[2].value): r for r in sheet.iter_rows(min_row=2)}
    it_ops = rows[("IT", "Operations")]
    band, index = it_ops[headers.index("Band")], it_ops[headers.index("Index")]
    assert (index.value, band.value) == (4.0, "moderate")
    assert band.fill.fgColor.rgb.endswith(BAND_PALETTE["moderate"].fill[1:].upper())
    strong = rows[("Operations", "IT")]  # 4.12
    assert strong[headers.index("Band")].value == "strong"
    cell = strong[headers.index("Index")]
    assert cell.fill.fgColor.rgb.endswith(BAND_PALETTE["strong"].fill[1:].upper())
    assert cell.font.color.rgb.endswith(BAND_PALETTE["strong"].text[1:].upper())


def test_trends_sheet_has_every_wave_per_pair_through_the_gate(tmp_path: Path) -> None:
    from analysis.results import trend_key

    result = analysis_result()
    slip = result.trends[trend_key("Marketing", "IT")][2]
    slip.n, slip.index = 3, 3.1  # a small group that still carries a value: must not show
    path = write_xlsx(result, tmp_path / "trends.xlsx")
    rows = _records(load_workbook(path)["trends"])
    sales_it = [r for r in rows if (r["From"], r["To"]) == ("Sales", "IT")]
    assert [r["Wave"] for r in sales_it] == WAVES
    assert sales_it[-1]["Index"] == 2.7 and sales_it[-1]["Band"] == "weak"
    hidden = sales_it[1]  # n = 4 in the fixture
    assert (hidden["Suppressed"], hidden["n"], hidden["Index"]) == ("yes", None, None)
    slipped = next(
        r for r in rows if (r["From"], r["To"], r["Wave"]) == ("Marketing", "IT", WAVES[2])
    )
    assert (slipped["Suppressed"], slipped["n"], slipped["Index"]) == ("yes", None, None)
    assert len(rows) == len(WAVES) * len(result.trends)


def test_comments_sheet_holds_only_what_it_is_given_neutralised(workbook, csv_rows) -> None:
    rows = _records(workbook["comments"])
    assert [r["Comment (redacted)"] for r in rows] == ["Slow again.", "'=1+1 is what they answer"]
    assert list(rows[0]) == ["Wave", "From", "To", "Label", "Themes", "Comment (redacted)"]
    assert csv_rows["comments"][1]["Comment (redacted)"] == "'=1+1 is what they answer"


def test_without_comments_there_is_no_comments_sheet(tmp_path: Path) -> None:
    path = write_xlsx(analysis_result(), tmp_path / "none.xlsx")
    assert load_workbook(path).sheetnames == [n for n in TABLE_NAMES if n != "comments"]


def test_no_csv_piece_starts_a_formula_in_a_semicolon_region(tmp_path: Path) -> None:
    from tests.desktop_app.test_labels_command import INNER_FORMULAS, spreadsheet_cells

    comments = [SharedComment("2026-09", "Sales", "IT", None, (), t) for t in INNER_FORMULAS]
    written = write_csv(analysis_result(), tmp_path / "out", comments=comments)
    raw = "".join(path.read_text(encoding="utf-8-sig") for path in written)
    assert "calc" in raw
    starts = [c for c in spreadsheet_cells(raw) if c.startswith(("=", "+", "@"))]
    assert starts == []
    # Negative numbers stay numbers: only text gets a quote.
    assert [c for c in spreadsheet_cells(raw) if c.startswith("-")] == [
        c for c in spreadsheet_cells(raw) if c.startswith("-") and _is_number(c)
    ]


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_a_long_table_only_wraps_its_text(tmp_path: Path, monkeypatch) -> None:
    # Sizing and top-aligning 100,000 comments doubled the time a workbook took; a long
    # table wraps its text columns and leaves the row heights to the spreadsheet program.
    from analysis.export import tables

    monkeypatch.setattr(tables, "SMALL_TABLE_ROWS", 1)
    long_comment = SharedComment("2026-09", "Sales", "IT", "negative", (), "Slow. " * 60)
    path = tmp_path / "long.xlsx"
    write_xlsx(analysis_result(), path, comments=[long_comment, *COMMENTS])
    sheet = load_workbook(path)["comments"]
    assert [sheet.cell(r, 6).alignment.wrap_text for r in (2, 3, 4)] == [True] * 3
    assert sheet.cell(2, 1).alignment.vertical is None
    assert sheet.row_dimensions[2].height is None
