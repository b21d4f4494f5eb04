"""`--encoding` and `--sheet` on the commands that read HR's own files (`rapport roster
import`, `rapport names import`, `rapport labels import`), and UTF-32, which `--encoding`
refused (its four-byte line ends were split as bytes) and a file marked UTF-32 was read as
UTF-16. Real files are written here and read through the commands."""

from __future__ import annotations

import codecs

import openpyxl

from desktop_app.cli import main
from tests.desktop_app.test_import_comment_exports import comments
from tests.desktop_app.test_import_read_options import HUNGARIAN, TIDY
from tests.surveys.importing.helpers import new_workspace

ROSTER = "Department,Headcount\nSales,42\nKönyvelés,8\n"
NAMES = "Name\nŐrs Gábor\nIlona Szőke\n"


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([*map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def headcounts(workspace) -> dict[str, int]:
    from surveys.store import open_workspace

    db = open_workspace(workspace)
    try:
        return dict(db.execute("SELECT name, headcount FROM departments").fetchall())
    finally:
        db.close()


def stored_names(workspace) -> list[str]:
    from surveys.importing.names import stored_names as names
    from surveys.store import open_workspace

    db = open_workspace(workspace)
    try:
        return names(db)
    finally:
        db.close()


def test_a_utf32_file_is_read_by_its_mark_and_with_encoding_utf32(tmp_path, capsys):
    marked = tmp_path / "tidy32.csv"
    marked.write_text(TIDY, encoding="utf-32")  # a byte-order mark, little-endian
    bare = tmp_path / "tidy32be.csv"
    bare.write_bytes(TIDY.encode("utf-32-be"))  # no mark
    for command in ("import-csv", "import"):
        workspace = new_workspace(tmp_path / command)
        code, _, err = run(capsys, command, workspace, marked)
        assert code == 0, err
        assert comments(workspace)[0][3] == HUNGARIAN
        again = new_workspace(tmp_path / f"{command}-given")
        code, _, err = run(capsys, command, again, bare, "--encoding", "utf-32-be")
        assert code == 0, err
        assert comments(again)[0][3] == HUNGARIAN


def test_a_utf32_file_without_a_mark_is_refused_with_the_encoding_to_name(tmp_path, capsys):
    bare = tmp_path / "tidy32be.csv"
    bare.write_bytes(TIDY.encode("utf-32-be"))
    code, _, err = run(capsys, "import", new_workspace(tmp_path / "ws"), bare)
    assert code != 0
    assert "without a byte-order mark, name its encoding: --encoding" in err


def test_roster_import_takes_encoding(tmp_path, capsys):
    path = tmp_path / "roster.csv"
    path.write_bytes(ROSTER.encode("iso-8859-2"))
    workspace = new_workspace(tmp_path / "ws")
    code, out, err = run(capsys, "roster", "import", workspace, path, "--encoding", "iso-8859-2")
    assert code == 0, err
    assert headcounts(workspace)["Könyvelés"] == 8
    wide = tmp_path / "roster32.csv"
    wide.write_text(ROSTER.replace("42", "43"), encoding="utf-32")
    code, out, err = run(capsys, "roster", "import", workspace, wide)
    assert code == 0, err
    assert headcounts(workspace)["Sales"] == 43


def test_roster_import_takes_sheet(tmp_path, capsys):
    book = openpyxl.Workbook()
    book.active.title = "Terminations"
    book.active.append(["Department", "Headcount"])
    book.active.append(["Sales", 3])
    current = book.create_sheet("Current staff")
    current.append(["Department", "Headcount"])
    current.append(["Sales", 40])
    path = tmp_path / "report.xlsx"
    book.save(path)
    workspace = new_workspace(tmp_path / "ws")
    code, _, err = run(capsys, "roster", "import", workspace, path, "--sheet", "Current staff")
    assert code == 0, err
    assert headcounts(workspace)["Sales"] == 40
    code, _, err = run(capsys, "roster", "import", workspace, path, "--sheet", "Leavers")
    assert code == 2
    assert "Current staff" in err and headcounts(workspace)["Sales"] == 40


def test_names_import_takes_encoding_and_sheet(tmp_path, capsys):
    path = tmp_path / "names.csv"
    path.write_bytes(NAMES.encode("cp1250"))
    workspace = new_workspace(tmp_path / "ws")
    code, _, err = run(capsys, "names", "import", workspace, path, "--encoding", "cp1250")
    assert code == 0, err
    assert sorted(stored_names(workspace)) == ["ilona szoke", "ors gabor"]
    book = openpyxl.Workbook()
    book.active.append(["Report"])
    sheet = book.create_sheet("People")
    sheet.append(["First name", "Last name"])
    sheet.append(["Zsófia", "Kertész"])
    book_path = tmp_path / "people.xlsx"
    book.save(book_path)
    code, _, err = run(capsys, "names", "import", workspace, book_path, "--sheet", "2")
    assert code == 0, err
    # A second list adds to the first (names are never dropped from redaction by an import).
    assert sorted(stored_names(workspace)) == ["ilona szoke", "ors gabor", "zsofia kertesz"]


def test_an_unknown_encoding_is_refused_by_roster_and_names(tmp_path, capsys):
    path = tmp_path / "roster.csv"
    path.write_text(ROSTER, encoding="utf-8")
    workspace = new_workspace(tmp_path / "ws")
    for command in ("roster", "names"):
        code, _, err = run(capsys, command, "import", workspace, path, "--encoding", "klingon")
        assert code != 0
        assert "--encoding klingon: no such encoding" in err
    assert "Könyvelés" not in headcounts(workspace)


def test_labels_import_takes_encoding_and_reads_utf16(tmp_path, capsys, monkeypatch):
    from analysis import label_review

    seen: list[str] = []

    def read(db, path):  # the file as the command reads it, without an analysed workspace
        with label_review._open_text(path) as handle:
            seen.append(handle.read())
        return label_review.ImportSummary(0, 0, 0)

    monkeypatch.setattr(label_review, "import_corrections", read)
    text = "comment_id,label\nc-Ő,positive\n"
    workspace = new_workspace(tmp_path / "ws")
    latin2 = tmp_path / "labels.csv"
    latin2.write_bytes(text.encode("iso-8859-2"))
    code, _, err = run(capsys, "labels", "import", workspace, latin2, "--encoding", "iso-8859-2")
    assert code == 0, err
    unicode_text = tmp_path / "labels.txt"  # Excel's "Unicode Text"
    unicode_text.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    code, _, err = run(capsys, "labels", "import", workspace, unicode_text)
    assert code == 0, err
    assert seen == [text, text]


def test_a_byte_that_cannot_be_read_says_how_to_name_the_encoding(tmp_path, capsys):
    path = tmp_path / "names.csv"
    path.write_bytes(b"Name\nJan \x81ukasz\n")  # 0x81: no character in Windows-1252
    workspace = new_workspace(tmp_path / "ws")
    for command in ("names", "roster"):
        code, _, err = run(capsys, command, "import", workspace, path)
        assert code == 2
        assert "If you know its encoding, name it: add --encoding NAME" in err
