"""`--encoding` and `--sheet`: HR says how a file is to be read when Rapport's guess is
wrong (a CSV in a code page its words do not give away, a workbook whose answers are on
the third sheet). Real files are written here and imported through the commands."""

from __future__ import annotations

import openpyxl

from desktop_app.cli import main
from tests.desktop_app.test_import_comment_exports import comments
from tests.surveys.importing.helpers import new_workspace

HUNGARIAN = "Őszintén: a jelentések késnek, és senki nem szól előre."
TIDY = (
    "submission_id,wave,respondent_department,target_department,item,value\n"
    f's-1,2025-11,Sales,IT,comment,"{HUNGARIAN}"\n'
)


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([*map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_encoding_reads_a_latin_2_csv_that_the_guess_reads_as_windows_1252(tmp_path, capsys):
    path = tmp_path / "latin2.csv"
    path.write_bytes(TIDY.encode("iso-8859-2"))
    guessed = new_workspace(tmp_path / "guessed")
    assert run(capsys, "import-csv", guessed, path)[0] == 0
    assert comments(guessed)[0][3] != HUNGARIAN  # Windows-1252 reads 'Õ' for 'Ő'
    for command in ("import-csv", "import"):
        workspace = new_workspace(tmp_path / command)
        code, out, err = run(capsys, command, workspace, path, "--encoding", "iso-8859-2")
        assert code == 0, err
        assert comments(workspace)[0][3] == HUNGARIAN
    assert "read as iso8859-2 (as chosen)" in err


def test_an_unknown_encoding_is_refused_with_names_that_work(tmp_path, capsys):
    path = tmp_path / "file.csv"
    path.write_bytes(TIDY.encode("utf-8"))
    workspace = new_workspace(tmp_path / "ws")
    code, _, err = run(capsys, "import", workspace, path, "--encoding", "latin-9000")
    assert code != 0
    assert "--encoding latin-9000: no such encoding. Give one such as utf-8, cp1252" in err
    assert comments(workspace) == []


def test_the_wrong_encoding_is_named_at_the_line_it_fails(tmp_path, capsys):
    path = tmp_path / "file.csv"
    path.write_bytes(TIDY.encode("utf-8"))
    workspace = new_workspace(tmp_path / "ws")
    code, _, err = run(capsys, "import", workspace, path, "--encoding", "ascii")
    assert code == 2
    assert "file.csv:2: encoding: byte 0xc5 at character" in err
    assert "is not ascii text: the file is in another encoding. Give another --encoding" in err


def _workbook(path):
    book = openpyxl.Workbook()
    first = book.active
    first.title = "Actions"
    first.append(["Owner", "Due"])
    first.append(["Facilities", "2025-12-01"])
    second = book.create_sheet("Old")
    second.append(["Owner", "Due"])
    second.sheet_state = "hidden"
    third = book.create_sheet("Raw comments")
    third.append(["Question", "Comment", "Department", "Date"])
    third.append(["What would make working with IT better?", "Fewer forms.", "Sales", "2025-11-03"])
    book.save(path)
    return path


def test_sheet_picks_the_worksheet_by_number_or_name(tmp_path, capsys):
    path = _workbook(tmp_path / "export.xlsx")
    workspace = new_workspace(tmp_path / "ws")
    code, _, err = run(capsys, "import", workspace, path)
    assert code == 2  # the first sheet is read, and holds no answers
    assert "worksheets: 'Actions' (1), 'Old' (2, hidden), 'Raw comments' (3)" in err
    assert "choose another with --sheet" in err
    code, out, err = run(capsys, "import", workspace, path, "--sheet", "3")
    assert code == 0, err
    assert "read from worksheet 'Raw comments', 3 of 3 (as chosen)" in err
    assert comments(workspace)[0][1:] == ("Sales", "IT", "Fewer forms.")
    code, out, _ = run(capsys, "import", workspace, path, "--sheet", "raw comments")
    assert code == 0 and "1 already imported" in out


def test_a_sheet_that_is_not_there_or_hidden_is_refused_with_the_sheets_found(tmp_path, capsys):
    path = _workbook(tmp_path / "export.xlsx")
    workspace = new_workspace(tmp_path / "ws")
    code, _, err = run(capsys, "import", workspace, path, "--sheet", "7")
    assert code != 0
    assert "has no worksheet '7'. Its worksheets are 'Actions' (1), 'Old' (2, hidden)" in err
    code, _, err = run(capsys, "import", workspace, path, "--sheet", "Old")
    assert code != 0
    assert "worksheet 'Old' is hidden, and a hidden sheet is never read" in err


def test_a_byte_that_cannot_be_read_points_to_encoding(tmp_path, capsys):
    """A byte that is not UTF-8 among UTF-8 letters: the file may be in another encoding,
    which HR may know."""
    path = tmp_path / "file.csv"
    path.write_bytes(TIDY.encode("utf-8").replace(b"\xc5\x90", b"\x81"))
    for command in ("import", "import-csv"):
        workspace = new_workspace(tmp_path / command)
        code, _, err = run(capsys, command, workspace, path)
        assert code == 2
        assert "If you know its encoding, name it: add --encoding NAME" in err
    assert "The file was read as" not in err  # import-csv does not say
    code, _, err = run(capsys, "import", new_workspace(tmp_path / "ws"), path)
    assert "The file was read as UTF-8. If you know its encoding" in err


def test_encoding_utf16_reads_a_utf16_file_through_both_commands(tmp_path, capsys):
    """utf-16 is among the names the help and the messages offer."""
    path = tmp_path / "tidy.csv"
    path.write_text(TIDY, encoding="utf-16")
    for command in ("import-csv", "import"):
        workspace = new_workspace(tmp_path / command)
        code, _, err = run(capsys, command, workspace, path, "--encoding", "utf-16")
        assert code == 0, err
        assert comments(workspace)[0][3] == HUNGARIAN


def test_encoding_utf8_leaves_a_byte_order_mark_out_of_the_first_cell(tmp_path):
    from surveys.importing.table import open_table
    from surveys.read_options import ReadOptions, reading_as

    path = tmp_path / "bom.csv"
    path.write_text("Question,Comment\nHow could IT help?,Faster.\n", encoding="utf-8-sig")
    with reading_as(ReadOptions("utf-8")), open_table(path) as table:
        assert next(table.rows()) == (1, ["Question", "Comment"])


def test_an_option_that_does_not_apply_to_the_file_is_said_not_used(tmp_path, capsys):
    csv_path = tmp_path / "tidy.csv"
    csv_path.write_text(TIDY, encoding="utf-8")
    code, _, err = run(capsys, "import", new_workspace(tmp_path / "a"), csv_path, "--sheet", "2")
    assert code == 0, err
    assert "--sheet not used: a CSV file has no worksheets." in err
    book = _workbook(tmp_path / "export.xlsx")
    workspace = new_workspace(tmp_path / "b")
    code, _, err = run(capsys, "import", workspace, book, "--sheet", "3", "--encoding", "cp1250")
    assert code == 0, err
    assert "--encoding not used: a workbook's text has no encoding to choose." in err


def test_codecs_that_are_not_file_encodings_are_refused_before_reading(tmp_path, capsys):
    """Python calls ``undefined``, ``punycode`` and ``idna`` text encodings: each ended
    in a traceback at the file's first line (``undefined encoding``, ``Invalid extended
    code point ','``), or, for ``idna``, at a comment of 64 letters without a dot."""
    path = tmp_path / "file.csv"
    path.write_bytes(TIDY.encode("utf-8"))
    workspace = new_workspace(tmp_path / "ws")
    for codec in ("undefined", "punycode", "idna", "cp500"):
        for command in ("import", "import-csv"):
            code, _, err = run(capsys, command, workspace, path, "--encoding", codec)
            assert code == 2, (codec, command, err)
            assert f"--encoding {codec}: not a text encoding. Give one such as utf-8" in err
            assert "Traceback" not in err
    assert comments(workspace) == []


def test_encoding_utf16_on_a_file_without_its_byte_order_mark_says_what_to_give(tmp_path, capsys):
    """Before: "UnicodeError: UTF-16 stream does not start with BOM", a traceback (and
    the same for utf-32)."""
    workspace = new_workspace(tmp_path / "ws")
    for name, data in (("utf8.csv", TIDY.encode("utf-8")), ("le.csv", TIDY.encode("utf-16-le"))):
        path = tmp_path / name
        path.write_bytes(data)
        for command in ("import", "import-csv"):
            code, _, err = run(capsys, command, workspace, path, "--encoding", "utf-16")
            assert code == 2, err
            assert "does not start with UTF-16's byte-order mark" in err
            assert "give utf-16-le or utf-16-be" in err and "Traceback" not in err
    path = tmp_path / "le32.csv"
    path.write_bytes(TIDY.encode("utf-32-le"))
    code, _, err = run(capsys, "import", workspace, path, "--encoding", "utf-32")
    assert code == 2 and "give utf-32-le or utf-32-be" in err
    code, _, err = run(capsys, "import", workspace, tmp_path / "le.csv", "--encoding", "utf-16-le")
    assert code == 0, err
    assert comments(workspace)[0][3] == HUNGARIAN
