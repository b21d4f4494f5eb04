"""Columns an Excel table heads "Column1" (formats8). Formatting a sheet as a table gives
every column without a header Excel's placeholder ("Column1", in German "Spalte1"...), so
next year's export, turned into a table before it was sent, was refused with last year's
mapping: 'column D "Column1": is not in the mapping', for columns that hold nothing."""

from __future__ import annotations

from tests.desktop_app.import_variant_helpers import run
from tests.surveys.importing.helpers import content, new_workspace

LAST_YEAR = "Team,Date,How timely is IT?\r\nSales,2025-11-21,Good\r\nMarketing,2025-11-22,Poor\r\n"
THIS_YEAR = (
    "Team,Date,How timely is IT?,Column1,Spalte2\r\n"
    "Sales,2026-11-21,Good,,\r\nMarketing,2026-11-22,Poor,,\r\n"
)


def _mapping(tmp_path, capsys):
    path = tmp_path / "last-year.csv"
    path.write_text(LAST_YEAR, encoding="utf-8")
    code, text, _ = run(capsys, "--suggest-mapping", path)
    assert code == 0
    mapping = tmp_path / "pulse.yaml"
    mapping.write_text(text, encoding="utf-8")
    return mapping


def test_empty_placeholder_columns_are_passed_over(tmp_path, capsys):
    mapping = _mapping(tmp_path, capsys)
    path = tmp_path / "this-year.csv"
    path.write_text(THIS_YEAR, encoding="utf-8-sig")
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, workspace, path, "--mapping", mapping)
    assert code == 0, err
    assert "2 new responses" in out
    assert len(content(workspace)) == 2


def test_a_placeholder_column_holding_a_value_is_refused_at_its_cell(tmp_path, capsys):
    mapping = _mapping(tmp_path, capsys)
    path = tmp_path / "this-year.csv"
    path.write_text(THIS_YEAR.replace("Poor,,", "Poor,,see notes"), encoding="utf-8")
    workspace = new_workspace(tmp_path / "ws")
    code, _, err = run(capsys, workspace, path, "--mapping", mapping)
    assert code == 2
    assert (
        f"{path}:3: column E \"Spalte2\": has no header (only Excel's 'Spalte2') but holds "
        "'see notes'. Give the column a header and map it"
    ) in err
    assert content(workspace) == []
