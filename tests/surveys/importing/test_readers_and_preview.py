"""Files are read as the tools write them; the preview shows what the import will store."""

from __future__ import annotations

import datetime as dt

import pytest

from surveys.importing import TableError, detect_file, load_mapping
from surveys.importing.preview import DROPPED, IDENTITY, MAPPED, UNMAPPED, USED, preview
from surveys.importing.table import cell_text, column_letter, open_table, read_head
from tests.surveys.importing.helpers import DEPARTMENTS, fixture


def _rows(path):
    with open_table(path) as table:
        return list(table.rows()), table


def test_bom_and_semicolons_from_european_excel(tmp_path):
    path = tmp_path / "eu.csv"
    path.write_bytes('\ufeffTeam;Comment\r\nSales;"Late; again,\r\nsadly"\r\nIT;ok\r\n'.encode())
    rows, table = _rows(path)
    assert rows == [
        (1, ["Team", "Comment"]),
        (2, ["Sales", "Late; again,\r\nsadly"]),
        (4, ["IT", "ok"]),
    ]
    assert (table.separator, table.encoding) == (";", "UTF-8 with BOM")


def test_utf16_tab_separated_as_qualtrics_writes_it():
    _, head = read_head(fixture("qualtrics.tsv"))
    table_kind = open_table(fixture("qualtrics.tsv"))
    table_kind.close()
    assert table_kind.describe() == "TSV, tab-separated, UTF-16"
    assert head[0][1][:2] == ["StartDate", "EndDate"]
    assert head[1][1][17] == "Which department do you work in?"


def test_excels_sep_line_names_the_separator_and_is_no_row(tmp_path):
    # "sep=;" on line 1 makes Excel split on semicolons whatever the locale; Excel hides it
    path = tmp_path / "sep.csv"
    path.write_bytes(b"\xef\xbb\xbfsep=;\r\nTeam;Comment, long\r\nSales;ok, fine\r\n")
    rows, table = _rows(path)
    assert rows == [(2, ["Team", "Comment, long"]), (3, ["Sales", "ok, fine"])]
    assert table.describe() == "CSV, semicolon-separated, UTF-8 with BOM (line 1 says sep=;)"
    plain = tmp_path / "plain.csv"
    plain.write_bytes(b"sep;Comment\r\nSales;ok\r\n")  # a header that only starts so
    assert _rows(plain)[0] == [(1, ["sep", "Comment"]), (2, ["Sales", "ok"])]


def test_a_windows_1252_file_is_read_as_written(tmp_path):
    # Excel's "CSV (Comma delimited)" on Windows; Latin-1 letters are the same bytes
    path = tmp_path / "windows.csv"
    comment = "caf\u00e9 \u2019\u201cok\u201d\u2013 \u00a35 \u20ac5"
    path.write_bytes(f"Team,Comment\r\nSales,ok\r\nIT,{comment}\r\n".encode("cp1252"))
    rows, table = _rows(path)
    assert rows[2] == (3, ["IT", comment])
    assert (table.problems, table.describe()) == ([], "CSV, comma-separated, Windows-1252")


def test_lines_ended_by_a_bare_return_are_lines_and_such_a_file_is_mac_roman(tmp_path):
    # Excel for Mac's "CSV (Macintosh)"; a line break inside a cell stays in its cell
    path = tmp_path / "mac.csv"
    comment = "caf\u00e9 \u2019\u201cok\u201d\u2013"
    path.write_bytes(f'Team,Comment\rSales,"two\nlines"\rIT,{comment}\r'.encode("mac_roman"))
    rows, table = _rows(path)
    assert rows == [(1, ["Team", "Comment"]), (2, ["Sales", "two\nlines"]), (3, ["IT", comment])]
    assert (table.problems, table.encoding) == ([], "Mac Roman")
    utf8 = tmp_path / "utf8.csv"  # the same line ends in UTF-8 stay UTF-8
    utf8.write_bytes(f"Team,Comment\rIT,{comment}\r".encode())
    assert _rows(utf8)[0] == [(1, ["Team", "Comment"]), (2, ["IT", comment])]
    assert _rows(utf8)[1].encoding == "UTF-8"
    utf8.write_bytes(f"\ufeffTeam,Comment\rIT,{comment}\r".encode())  # with a byte-order mark
    assert _rows(utf8)[0] == [(1, ["Team", "Comment"]), (2, ["IT", comment])]


def test_a_file_that_mixes_utf8_and_windows_1252_is_reported_on_the_bad_line(tmp_path):
    path = tmp_path / "mixed.csv"
    utf8, windows = "Team,Comment\nSales,caf\u00e9\n", "IT,d\u00e9j\u00e0\n"
    path.write_bytes(utf8.encode() + windows.encode("cp1252"))
    rows, table = _rows(path)
    assert len(rows) == 3 and rows[1] == (2, ["Sales", "caf\u00e9"])
    assert [(p.line, p.column) for p in table.problems] == [(3, "encoding")]
    assert "byte 0xe9 at character 5 is not UTF-8 text" in table.problems[0].message
    assert "mixes two encodings" in table.problems[0].message


def test_a_byte_windows_1252_leaves_unassigned_is_reported_on_its_line(tmp_path):
    path = tmp_path / "other.csv"
    path.write_bytes(b"Team,Comment\nSales,caf\xe9\nIT,\x81ber\n")
    rows, table = _rows(path)
    assert len(rows) == 3 and rows[1] == (2, ["Sales", "caf\u00e9"])
    assert [(p.line, p.column) for p in table.problems] == [(3, "encoding")]
    assert "0x81 at character 4 is neither UTF-8 nor Windows-1252" in table.problems[0].message


def test_xlsx_cells_read_as_text():
    assert cell_text(4.0) == "4"
    assert cell_text(dt.datetime(2026, 3, 2, 9, 5, 7)) == "2026-03-02 09:05:07"
    assert cell_text(None) == ""
    assert column_letter(0) == "A" and column_letter(27) == "AB"


@pytest.mark.parametrize(
    ("name", "message"),
    [("missing.csv", "does not exist"), ("old.xls", "which Rapport does not read")],
)
def test_files_that_cannot_be_read_say_why(tmp_path, name, message):
    path = tmp_path / name
    if name.endswith(".xls"):
        path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(TableError, match=message):
        open_table(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty: there is nothing to import"),
        (b"\xef\xbb\xbf\r\n \n", "is empty: there is nothing to import"),
        (b"%PDF-1.7\n\x00\x01\x02 binary", "not a text table: it holds binary data"),
    ],
)
def test_an_empty_or_binary_file_is_named_as_such(tmp_path, content, message):
    path = tmp_path / "answers.csv"
    path.write_bytes(content)
    with pytest.raises(TableError, match=message):
        open_table(path)


def test_a_utf16_file_is_not_mistaken_for_binary(tmp_path):
    path = tmp_path / "answers.tsv"
    path.write_bytes("Q1\tQ2\nyes\tno\n".encode("utf-16"))
    with open_table(path) as table:
        assert [cells for _, cells in table.rows()] == [["Q1", "Q2"], ["yes", "no"]]


def test_a_workbook_saved_with_a_csv_ending_is_recognised(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(fixture("forms.xlsx").read_bytes())
    with pytest.raises(TableError, match="Rename it to .xlsx"):
        open_table(path)


def test_the_preview_shows_rows_as_rapport_will_read_them():
    path = fixture("surveymonkey.xlsx")
    result = preview(
        path,
        detect_file(path),
        load_mapping(fixture("surveymonkey.map.yaml")),
        DEPARTMENTS,
        responses=2,
    )
    assert result.responses == 2 and result.problems == []
    first = result.answers[0]
    assert (first.line, first.department) == (3, "Operations")
    assert [(a.column, a.target, a.item, a.value) for a in result.answers[:3]] == [
        ("L", "IT", "timely", "5"),
        ("M", "Marketing", "timely", "1"),
        ("P", "IT", "frequent", "2"),
    ]
    status = {c.key: c for c in result.columns}
    assert status["Email Address"].status == IDENTITY
    assert status["Respondent ID"].status == USED
    assert status["Start Date"].status == DROPPED
    assert status["They get back to us when we need them. - IT"].status == MAPPED


def test_the_preview_marks_unmapped_columns_and_lists_problems(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text("Team,How timely is IT?,Notes\nSales,Sometimes,x\n", encoding="utf-8")
    mapping = load_mapping(fixture("generic.map.yaml"))
    result = preview(path, detect_file(path), mapping, DEPARTMENTS, wave="2025-10")
    status = {c.key: c.status for c in result.columns}
    assert status["Notes"] == UNMAPPED
    assert any('column C "Notes": is not in the mapping' in p for p in result.problems)
    assert any("unknown answer 'Sometimes'" in p for p in result.problems)


def test_a_long_file_is_profiled_from_its_first_rows_and_says_so(tmp_path):
    from surveys.importing.profile import profile_file

    path = tmp_path / "long.csv"
    path.write_text("Team,How timely is IT?\n" + "Sales,Agree\n" * 50, encoding="utf-8")
    short = profile_file(path, max_rows=20)
    assert (short.rows, short.complete, short.rows_read()) == (20, False, "the first 20 responses")
    whole = profile_file(path)
    assert (whole.rows, whole.complete, whole.rows_read()) == (50, True, "50 responses")


def test_the_preview_lists_a_file_that_is_not_utf8_first(tmp_path):
    # A UTF-8 file with lines pasted from a Windows-1252 one: the department 'Opérations'
    # then matches nothing; the cause comes before the consequences it explains.
    path = tmp_path / "sheet.csv"
    path.write_bytes(
        "Team,How timely is IT?\nOpérations,Good\n".encode("cp1252")
        + "Sales,Poor\nOpérations,Fair\n".encode()
    )
    mapping = load_mapping(fixture("generic.map.yaml"))
    result = preview(path, detect_file(path), mapping, DEPARTMENTS, wave="2025-10")
    assert "is not UTF-8 text, though the file's other accented" in result.problems[0]
    assert result.problems[0].startswith(f"{path}:2: encoding: ")
    assert any("department 'Op" in p for p in result.problems[1:])


def test_a_damaged_workbook_is_said_in_words(tmp_path):
    path = tmp_path / "answers.xlsx"
    path.write_bytes(fixture("surveymonkey.xlsx").read_bytes()[:3000])
    with pytest.raises(TableError) as caught:
        open_table(path)
    message = str(caught.value)
    assert "(it is damaged, cut short or not a workbook)" in message
    assert "BadZipFile" not in message
    assert message.endswith("Open it in Excel and save it again as .xlsx, or export a CSV.")


def test_the_typed_other_answer_is_found_beside_its_question():
    from surveys.importing.layouts import detect_layout

    qualtrics = detect_layout(
        [
            (1, ["ResponseId", "Q1", "Q1_4_TEXT", "Q2"]),
            (2, ["Response ID", "Which department?", "Which department? - Other - Text", "Q"]),
            (3, ['{"ImportId":"_recordId"}', '{"ImportId":"QID1"}', '{"ImportId":"QID1_4_TEXT"}']),
        ]
    )
    lime = detect_layout([(1, ["id", "submitdate", "lastpage", "Q1", "Q1[other]", "Q2"])])
    monkey = detect_layout(
        [
            (1, ["Respondent ID", "Which department?", "", "Q2"]),
            (2, ["", "Response", "Other (please specify)", "Response"]),
        ]
    )
    for layout, key in ((qualtrics, "Q1"), (lime, "Q1"), (monkey, "Which department?")):
        column = layout.column(key)
        assert layout.other_answer_of(column).index == column.index + 1, layout.name
        assert layout.other_answer_of(layout.columns[-1]) is None


@pytest.mark.parametrize(
    ("encoding", "read_as"),
    [("cp1252", "TSV, tab-separated, Windows-1252"), ("utf-16", "TSV, tab-separated, UTF-16")],
)
def test_excels_text_exports_are_read_as_written(tmp_path, encoding, read_as):
    # Excel on Windows: "Text (Tab delimited) (*.txt)" is Windows-1252, "Unicode Text" UTF-16
    path = tmp_path / "responses.txt"
    path.write_bytes("Team\tComment\r\nIT\tcaf\u00e9 \u2013 \u201cok\u201d\r\n".encode(encoding))
    rows, table = _rows(path)
    assert rows == [(1, ["Team", "Comment"]), (2, ["IT", "caf\u00e9 \u2013 \u201cok\u201d"])]
    assert (table.problems, table.describe()) == ([], read_as)


def test_the_encoding_sample_is_never_a_persons_name_or_e_mail(tmp_path):
    """The wizard shows a line of the file to judge its letters by: an answer, not who
    wrote it (the wizard shows no identity)."""
    from surveys.importing.profile import profile_file

    path = tmp_path / "comments.csv"
    text = (
        "Name,Email,Department,Question,Comment,Submitted\n"
        "Zoë Brennan,zoë@example.com,Sales,How could IT help?,Le café est fermé.,2025-11-03\n"
    )
    path.write_bytes(text.encode("cp1252"))
    profile = profile_file(path)
    assert profile.text_sample() == "Le café est fermé."
