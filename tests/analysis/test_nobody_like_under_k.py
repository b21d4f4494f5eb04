"""A pair nobody rated in a wave looks exactly like a pair of fewer than k people.

Before, a pair with no answers had no row at all (analysis JSON, trends, the workbook's
matrix and trends, the CSV files) and read "not rated" on the deck's heatmap, while a pair
of one to k-1 people had a suppressed row: a missing row next to a suppressed one said
"between 1 and k-1 people of this department rated that one". Every directed pair is now
shown in every wave, suppressed alike (``docs/privacy.md``).

The workspace (real SQLite, k = 5): waves 2026-09 and 2026-10. Marketing rates IT with
four people in 2026-09 (under k) and nobody in 2026-10; IT rates Marketing with three in
2026-10; Sales and IT rate each other with five and six; Operations rates nobody.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from analysis.action_effects import action_change
from analysis.comments_query import CommentFilter, select_groups
from analysis.export import write_csv, write_deck, write_xlsx
from analysis.pipeline import analyse_workspace
from analysis.results import AnalysisResult
from surveys.model import DIMENSIONS
from surveys.store import open_workspace
from tests.analysis.core_helpers import Filler, fake_engine

NOBODY = ("Marketing", "IT")  # four people in 2026-09, nobody in 2026-10
FEW = ("IT", "Marketing")  # three people in 2026-10
NEVER = ("Operations", "Sales")  # nobody in either wave
WAVES = ("2026-09", "2026-10")


def _fill(folder: Path) -> None:
    filler = Filler(folder)
    rated = {d: 3 for d in DIMENSIONS} | {"overall": 3}
    for wave in WAVES:
        for i in range(5):
            filler.respondent(wave, "Sales", "IT", rated, f"They are slow and late ({i})")
        for i in range(6):
            filler.respondent(wave, "IT", "Sales", rated, f"great, thanks ({i})")
    for _ in range(4):
        filler.respondent("2026-09", *NOBODY, rated, "late again")
    for _ in range(3):
        filler.respondent("2026-10", *FEW, rated, "late again")
    filler.close()


@pytest.fixture
def result(workspace: Path) -> AnalysisResult:
    _fill(workspace)
    return analyse_workspace(workspace, engine=fake_engine())


def _without_names(row: dict) -> dict:
    return {k: v for k, v in row.items() if k not in ("from", "to")}


def test_analysis_json_lists_every_pair_and_nobody_reads_as_under_k(result) -> None:
    pairs = {(p["from"], p["to"]): p for p in result.to_json()["pairs"]}
    assert len(pairs) == 12  # every directed pair of four departments
    assert _without_names(pairs[NOBODY]) == _without_names(pairs[FEW])
    assert _without_names(pairs[NEVER]) == _without_names(pairs[FEW])
    assert pairs[NOBODY]["suppressed"] and pairs[NOBODY]["n"] is None
    assert result.suppressed_pairs == 10


def test_trends_give_every_pair_a_point_in_every_wave(result) -> None:
    data = result.to_json()["trends"]
    assert len(data) == 12
    assert all([p["wave"] for p in points] == list(WAVES) for points in data.values())
    hidden = {"index": None, "n": 0, "ci_low": None, "ci_high": None}
    for key in ("Marketing→IT", "IT→Marketing", "Operations→Sales"):
        assert [_without_wave(p) for p in data[key]] == [hidden, hidden]


def _without_wave(point: dict) -> dict:
    return {k: v for k, v in point.items() if k != "wave"}


def _rows(sheet) -> list[dict]:
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def test_workbook_matrix_and_trends_have_a_suppressed_row_for_nobody(result, tmp_path) -> None:
    book = load_workbook(write_xlsx(result, tmp_path / "out.xlsx"))
    matrix = {(r["From"], r["To"]): r for r in _rows(book["matrix"])}
    assert len(matrix) == 12
    plain = {k: v for k, v in matrix[FEW].items() if k not in ("From", "To")}
    assert {k: v for k, v in matrix[NOBODY].items() if k not in ("From", "To")} == plain
    assert plain["Suppressed"] == "yes" and plain["n"] is None
    trends = {(r["From"], r["To"], r["Wave"]): r for r in _rows(book["trends"])}
    assert len(trends) == 12 * 2
    for wave in WAVES:
        for pair in (NOBODY, FEW, NEVER):
            row = trends[(*pair, wave)]
            assert row["Suppressed"] == "yes" and row["n"] is None and row["Index"] is None


def test_workbook_writes_a_suppressed_rows_empty_cells_not_at_all(result, tmp_path) -> None:
    # Before, each empty cell of a suppressed row was written with its column's number
    # format: at 40 departments (1,560 pairs, most rated by nobody) 57,000 of the 91,000
    # cells, half the time the workbook took. Read back, an unwritten cell is an EmptyCell.
    from openpyxl.cell.read_only import EmptyCell

    book = load_workbook(write_xlsx(result, tmp_path / "out.xlsx"), read_only=True)
    for name in ("matrix", "trends"):
        rows = list(book[name].iter_rows(min_row=2))
        suppressed = [r for r in rows if any(c.value == "yes" for c in r)]
        assert len(suppressed) >= 10
        for row in suppressed:
            written = [c.value for c in row if not isinstance(c, EmptyCell)]
            assert None not in written and len(written) == 4  # pair (and wave), "yes"
    book.close()


def test_csv_trends_have_a_suppressed_row_for_nobody(result, tmp_path) -> None:
    write_csv(result, tmp_path / "csv")
    with (tmp_path / "csv" / "trends.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = {(r["From"], r["To"], r["Wave"]): r for r in csv.DictReader(handle)}
    assert len(rows) == 24
    assert rows[(*NOBODY, "2026-10")]["Suppressed"] == "yes"  # nobody: like 2026-09's four
    assert rows[(*NOBODY, "2026-09")]["Suppressed"] == "yes"
    assert rows[(*NOBODY, "2026-10")]["n"] == rows[(*NOBODY, "2026-09")]["n"] == ""


def _heat_cells(path: Path) -> dict[tuple[str, str], tuple[str, object]]:
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_table and shape.table.cell(0, 1).text == "Sales":
                table = shape.table
                heads = [table.cell(0, j).text for j in range(1, len(table.columns))]
                return {
                    (table.cell(i, 0).text, heads[j - 1]): (
                        table.cell(i, j).text,
                        table.cell(i, j).fill.fore_color.rgb,
                    )
                    for i in range(1, len(table.rows))
                    for j in range(1, len(table.columns))
                    if table.cell(i, 0).text != heads[j - 1]
                }
    raise AssertionError("no heatmap table in the deck")


def test_deck_heatmap_cells_of_nobody_and_under_k_are_alike(result, tmp_path) -> None:
    cells = _heat_cells(write_deck(result, tmp_path / "out.pptx"))
    assert cells[NOBODY] == cells[FEW] == cells[NEVER]
    assert cells[FEW][0] == "fewer than\u00a05"
    assert not any("not rated" in text for text, _ in cells.values())


def test_comment_hint_counts_a_pair_nobody_rated_like_one_under_k(result, workspace) -> None:
    db = open_workspace(workspace)
    try:
        hints = {
            pair: select_groups(db, CommentFilter(wave="2026-10", from_dept=pair[0],
                                                  to_dept=pair[1])).small_groups
            for pair in (NOBODY, FEW, NEVER)
        }  # fmt: skip
        everything = select_groups(db, CommentFilter(wave="2026-10")).small_groups
    finally:
        db.close()
    assert hints == {NOBODY: 1, FEW: 1, NEVER: 1}
    assert everything == 10  # twelve pairs, two of them shown


def test_an_action_on_a_pair_reads_alike_whether_nobody_or_few_answered(result) -> None:
    # Before: an action on IT → Marketing agreed in 2026-09 (nobody that wave) said nothing,
    # one on Marketing → IT (four people that wave, nobody the next) "the next pulse will
    # show", though 2026-10 was there; a pair of one to k-1 people said "cannot be shown".
    texts = {
        pair: action_change(result, *pair, "Meet", "2026-09", today=date(2026, 11, 1))
        for pair in (NOBODY, FEW, NEVER)
    }
    for pair, text in texts.items():
        assert text == (
            f"Since “Meet” was agreed in wave 2026-09, the change of {pair[0]} → {pair[1]} "
            "cannot be shown: fewer than 5 people answered in wave 2026-09."
        )


def test_comment_hint_in_a_wave_of_comments_alone_counts_nobody_like_few(workspace) -> None:
    # A wave whose responses are comments only (an import of a form's comment column): the
    # hint counted only the groups with a comment there, 1 for Sales → IT (two people) and
    # 0 for Sales → Marketing (nobody), telling the two apart.
    _fill(workspace)
    filler = Filler(workspace)
    for i in range(2):
        filler.respondent("2026-11", "Sales", "IT", {}, f"slow again ({i})")
    for i in range(6):
        filler.respondent("2026-11", "IT", "Sales", {}, f"great, thanks ({i})")
    filler.close()
    db = open_workspace(workspace)
    try:
        hints = {
            pair: select_groups(db, CommentFilter(wave="2026-11", from_dept=pair[0],
                                                  to_dept=pair[1])).small_groups
            for pair in (("Sales", "IT"), ("Sales", "Marketing"), ("IT", "Sales"))
        }  # fmt: skip
    finally:
        db.close()
    assert hints == {("Sales", "IT"): 1, ("Sales", "Marketing"): 1, ("IT", "Sales"): 0}
