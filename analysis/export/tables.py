"""The analysis as spreadsheets: one XLSX workbook or a folder of CSV files.

Both hold the same tables: matrix, hotspots, themes, participation, trends (every wave per
pair) and comments (the redacted comments that may be shown, when the caller read them).
Every string that could start a formula is neutralised; numbers stay numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from analysis.export.comment_rows import SharedComment
from analysis.export.files import atomic_file, check_folder_target, check_target, make_folder
from analysis.export.history_tables import comments_table, trends_table
from analysis.export.safety import exportable, neutralise, neutralise_csv
from analysis.export.style import HEADER_FILL, band_fill, band_text
from analysis.export.table_model import Column, Table
from analysis.privacy import may_show_pair_comments, result_thresholds
from analysis.results import AnalysisResult
from analysis.text import capitalised
from surveys.bands import shown_index
from surveys.model import DIMENSION_LABELS, DIMENSIONS

#: Text columns at least this wide (reasons, quotes, comments) wrap inside their width
#: instead of running over the columns beside them.
WRAP_WIDTH = 30

#: Tables up to this many rows top-align every cell of their rows and set the height of
#: the rows their wrapped text makes tall; longer ones only wrap (see ``_style_body``).
SMALL_TABLE_ROWS = 5_000

#: The workbook's font: openpyxl's default cells use it, and a font without a name (as a
#: bare ``Font(bold=True)`` is) shows in another typeface in some spreadsheet programs.
SHEET_FONT = "Calibri"

#: A row's height per line of 11-point text, and the tallest a row may be (points).
ROW_HEIGHT = 15
MAX_ROW_HEIGHT = 409

#: The bands a matrix cell can have.
BANDS = ("strong", "moderate", "weak")

#: The tables in the order of the workbook's sheets (and the CSV file names); "comments"
#: only when the caller read the comments that may be shown (as ``export_workspace`` does).
TABLE_NAMES: tuple[str, ...] = (
    "matrix",
    "hotspots",
    "themes",
    "participation",
    "trends",
    "comments",
)


def _join(items: list[str]) -> str:
    return "; ".join(items)


def matrix_table(result: AnalysisResult) -> Table:
    """One row per directed pair; suppressed pairs carry no size and no scores.

    Scores are written as shown everywhere else, to one decimal
    (:func:`surveys.bands.shown_index`), and the band is the band of that value.
    """
    score = "0.0"
    columns = [
        Column("Wave", 10),
        Column("From", 16),
        Column("To", 16),
        Column("Suppressed", 11),
        Column("n", 6, "0"),
        Column("Index", 8, score),
        Column("CI low", 8, score),
        Column("CI high", 8, score),
        Column("Band", 10),
        *[Column(DIMENSION_LABELS[d], 12, score) for d in DIMENSIONS],
        Column("Overall", 9, score),
        Column("Comments", 10, "0"),
        Column("Sentiment", 10, "0.00"),
        Column("Negative share", 10, "0%"),
        Column("Conflict rate", 10, "0%"),
        Column("Themes", 40),
    ]
    rows = []
    rules = result_thresholds(result)
    for p in result.pairs:
        # Comment figures of a pair with fewer commenters than the threshold are hidden
        # (left empty), not shown as 0 comments.
        commented = may_show_pair_comments(p, rules)
        if p.suppressed:
            rows.append([p.wave, p.from_dept, p.to_dept, "yes"] + [None] * (len(columns) - 4))
            continue
        rows.append(
            [p.wave, p.from_dept, p.to_dept, "no", p.n]
            + [shown_index(v) for v in (p.index, p.ci_low, p.ci_high)]
            + [result.bands.band(p.index)]
            + [shown_index(p.dimensions.get(d)) for d in DIMENSIONS]
            + [shown_index(p.overall), p.comment_count if commented else None, p.sentiment]
            + [p.negative_share, p.conflict_rate]
            + [_join(p.themes)]
        )
    return Table("matrix", columns, rows)


def hotspots_table(result: AnalysisResult) -> Table:
    """One row per hotspot, best-ranked first, with reasons, themes, quotes and actions."""
    columns = [
        Column("Rank", 6, "0"),
        Column("From", 16),
        Column("To", 16),
        Column("Kind", 14),
        Column("Score", 8, "0.00"),
        Column("Reasons", 60),
        Column("Themes", 36),
        Column("Quotes (redacted)", 60),
        Column("Suggested actions", 50),
    ]
    rows = [
        [h.rank, h.from_dept, h.to_dept, h.kind, h.score, _join(h.reasons), _join(h.themes)]
        + [" | ".join(h.quotes), _join(h.actions)]
        for h in sorted(result.hotspots, key=lambda h: h.rank)
    ]
    return Table("hotspots", columns, rows)


def themes_table(result: AnalysisResult) -> Table:
    """Taxonomy themes and discovered topics with their share of comments."""
    columns = [
        Column("Theme", 30),
        Column("Kind", 10),
        Column("Comments", 10, "0"),
        Column("Share", 8, "0%"),
        Column("Negative share", 10, "0%"),
        Column("Terms", 36),
        Column("Example (redacted)", 70),
    ]
    # Named and kinded as the Themes section shows them ("Priorities and budget", "theme"):
    # the workbook said "taxonomy", a word of the analysis (the JSON result keeps it).
    rows = [
        [capitalised(t.name), theme_kind(t.kind), t.count, t.share, t.negative_share]
        + [", ".join(t.terms), t.example]
        for t in result.themes
    ]
    return Table("themes", columns, rows)


def theme_kind(kind: str) -> str:
    """A theme's kind in the words of the Themes section: ``theme`` (from the taxonomy)
    or ``topic`` (discovered in the comments)."""
    return "theme" if kind == "taxonomy" else kind


def participation_table(result: AnalysisResult) -> Table:
    """Submissions per department against headcount."""
    columns = [
        Column("Department", 18),
        Column("Headcount", 11, "0"),
        Column("Submitted", 11, "0"),
        Column("Rate", 8, "0%"),
    ]
    rows = [[p.department, p.headcount, p.submitted, p.rate] for p in result.participation]
    return Table("participation", columns, rows)


def build_tables(
    result: AnalysisResult, comments: list[SharedComment] | None = None
) -> list[Table]:
    """The export tables of ``result`` after the anonymity rules were applied.

    Parameters
    ----------
    result : AnalysisResult
        The analysis.
    comments : list of SharedComment, optional
        The comments that may be shown (:func:`analysis.export.comment_rows.shown_comments`);
        without them there is no comments table.
    """
    safe = exportable(result)
    tables = [
        matrix_table(safe),
        hotspots_table(safe),
        themes_table(safe),
        participation_table(safe),
        trends_table(safe),
    ]
    if comments is not None:
        tables.append(comments_table(comments))
    return tables


def write_xlsx(
    result: AnalysisResult,
    path: str | Path,
    *,
    day: dt.date | None = None,
    comments: list[SharedComment] | None = None,
) -> Path:
    """Write the tables of :data:`TABLE_NAMES` as sheets of one workbook.

    Parameters
    ----------
    result : AnalysisResult
        The analysis to export (anonymity rules are applied again here).
    path : path
        The ``.xlsx`` file to write; an existing file is replaced only once the new one
        is complete.
    day : datetime.date, optional
        The day stamped into the file's properties (default: today; never a finer time).
    comments : list of SharedComment, optional
        The redacted comments that may be shown, for the comments sheet (none without).

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    ExportError
        If the path cannot be written (wrong suffix, missing folder, file open elsewhere).
    """
    from openpyxl import Workbook

    target = check_target(path, ".xlsx")
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in build_tables(result, comments):
        _fill_sheet(workbook.create_sheet(table.name), table)
    stamp = dt.datetime.combine(day or dt.date.today(), dt.time())
    workbook.properties.creator = "Rapport"
    workbook.properties.lastModifiedBy = "Rapport"
    workbook.properties.title = f"{result.organisation}: relationship pulse {result.wave}"
    workbook.properties.created = workbook.properties.modified = stamp
    with atomic_file(target) as temp:
        _save_keeping_day(workbook, temp, stamp.date())
    return target


def _save_keeping_day(workbook, path: Path, day: dt.date) -> None:
    """Save like ``Workbook.save`` but without stamping the current time into the file:
    not in its properties, nor in its zip members (:class:`DayZipFile`)."""
    from zipfile import ZIP_DEFLATED

    from openpyxl.writer.excel import ExcelWriter

    from analysis.export.zip_day import DayZipFile

    archive = DayZipFile(path, "w", day, compression=ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(workbook, archive).save()


def _fill_sheet(sheet, table: Table) -> None:
    from openpyxl.utils import get_column_letter

    _header_row(sheet, table)
    for row in table.rows:  # an empty cell is left out: a pair nobody rated is mostly empty
        sheet.append({i: neutralise(v) for i, v in enumerate(row, start=1) if v is not None})
    for index, column in enumerate(table.columns, start=1):
        width = max(column.width, header_width(column.header))
        sheet.column_dimensions[get_column_letter(index)].width = width
    _style_body(sheet, table)
    if table.name == "matrix":
        _colour_bands(sheet, table)
    sheet.freeze_panes = "D2" if table.name == "matrix" else "B2"
    last = get_column_letter(len(table.columns))
    sheet.auto_filter.ref = f"A1:{last}{max(2, len(table.rows) + 1)}"
    _print_setup(sheet)


def _header_row(sheet, table: Table) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    header_fill = PatternFill("solid", fgColor=HEADER_FILL)
    sheet.append([c.header for c in table.columns])
    for cell in sheet[1]:
        cell.font = Font(name=SHEET_FONT, size=11, bold=True, color="FFFFFF")
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    sheet.row_dimensions[1].height = 30


def _style_body(sheet, table: Table) -> None:
    """Number formats, and the wide text columns wrapped inside their width with the
    rows they make tall top-aligned and as high as their text needs (not every
    spreadsheet program measures wrapped text when it opens a file).

    Each column's style is made once and given to its cells, as openpyxl's own sheet
    copy does; only the cells that hold a value are styled (an empty cell with a style is
    still written, and most cells of a large sparse organisation are empty: 57,000 of
    91,000 at 40 departments). Styled cells and row heights still cost time when the file
    is written, so a table longer than :data:`SMALL_TABLE_ROWS` (the comments of a large
    workspace) only wraps its text columns, and the spreadsheet program sizes the rows:
    top-aligning and sizing 100,000 comments doubled the time the workbook took."""
    from copy import copy

    wide = [i for i, c in enumerate(table.columns) if c.width >= WRAP_WIDTH and not c.number_format]
    small = len(table.rows) <= SMALL_TABLE_ROWS
    styles = _column_styles(sheet, table, wide, small)
    for (row, column), cell in sheet._cells.items():
        style = styles[column - 1] if row > 1 else None
        if style is not None:
            cell._style = copy(style)
    if wide and small:
        _row_heights(sheet, table, [(i, table.columns[i].width) for i in wide])


def _column_styles(sheet, table: Table, wide: list[int], small: bool) -> list:
    """The style of each column's body cells (None: the default), made on a scratch cell."""
    from openpyxl.cell import Cell
    from openpyxl.styles import Alignment

    top, wrap = Alignment(vertical="top"), Alignment(vertical="top", wrap_text=True)
    styles = []
    for i, column in enumerate(table.columns):
        cell = Cell(sheet)
        if column.number_format:
            cell.number_format = column.number_format
        if i in wide:
            cell.alignment = wrap
        elif wide and small:
            cell.alignment = top
        styles.append(cell._style if cell.has_style else None)
    return styles


def _row_heights(sheet, table: Table, wide: list[tuple[int, int]]) -> None:
    for number, row in enumerate(table.rows, start=2):
        lines = max(wrapped_lines(str(neutralise(row[i]) or ""), width) for i, width in wide)
        if lines > 1:
            sheet.row_dimensions[number].height = min(ROW_HEIGHT * lines, MAX_ROW_HEIGHT)


def wrapped_lines(text: str, width: float) -> int:
    """About how many lines ``text`` takes wrapped in a column ``width`` characters wide
    (a little more rather than less, so that no line is cut off)."""
    per_line = max(1, int(width * 1.15))
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def _print_setup(sheet) -> None:
    """Print landscape, all columns on one page wide, the header row on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"


def header_width(header: str) -> float:
    """Width (in characters) a column needs so that no word of its bold header breaks,
    with room for the filter button beside it."""
    longest = max((len(word) for word in header.split()), default=0)
    return round(longest * 1.15 + 3.5, 1)


def _colour_bands(sheet, table: Table) -> None:
    """Colour the band and index cells of the matrix in the band palette of the app."""
    from openpyxl.styles import Font, PatternFill

    headers = [c.header for c in table.columns]
    band_col, index_col = headers.index("Band") + 1, headers.index("Index") + 1
    for number, row in enumerate(table.rows, start=2):
        band = row[band_col - 1]
        if band not in BANDS:
            continue
        for column in (index_col, band_col):
            cell = sheet.cell(number, column)
            cell.fill = PatternFill("solid", fgColor=band_fill(band))
            cell.font = Font(name=SHEET_FONT, size=11, color=band_text(band))


def write_csv(
    result: AnalysisResult,
    folder: str | Path,
    *,
    comments: list[SharedComment] | None = None,
) -> list[Path]:
    """Write the tables of :data:`TABLE_NAMES` as ``matrix.csv``, ``hotspots.csv``, ...
    (UTF-8 with a byte-order mark, so spreadsheet programs read the arrows and accents
    right).

    Parameters
    ----------
    result : AnalysisResult
        The analysis to export (anonymity rules are applied again here).
    folder : path
        The folder to write into (created if its parent exists).
    comments : list of SharedComment, optional
        The redacted comments that may be shown, for ``comments.csv`` (none without).

    Returns
    -------
    list of pathlib.Path
        The files written, in :data:`TABLE_NAMES` order.
    """
    folder = make_folder(check_folder_target(folder))
    written = []
    for table in build_tables(result, comments):
        target = folder / f"{table.name}.csv"
        with atomic_file(target) as temp, temp.open("w", newline="", encoding="utf-8-sig") as f:
            writer = csv.writer(f)
            writer.writerow([c.header for c in table.columns])
            writer.writerows([_csv_value(v) for v in row] for row in table.rows)
        written.append(target)
    return written


def _csv_value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, float):
        return round(value, 4)
    return neutralise_csv(value)
