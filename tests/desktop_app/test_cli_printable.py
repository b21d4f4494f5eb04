"""Messages never pass a file's control characters to HR's terminal (third hostile round)."""

from __future__ import annotations

import pytest

from desktop_app.cli import main
from desktop_app.commands import printable
from surveys.store import create_workspace

#: Clears the screen, retitles the window, then returns to the line's start to print a
#: made-up success over the real message.
_TRAP = "\x1b]0;pwned\x07\x1b[2J\rImported 500 answers"


@pytest.fixture
def workspace(tmp_path):
    create_workspace(tmp_path / "ws", ["Sales", "IT"]).close()
    return tmp_path / "ws"


@pytest.mark.parametrize("command", [["roster", "import"], ["names", "import"], ["import"]])
def test_a_file_name_with_escape_sequences_is_printed_inert(workspace, tmp_path, capsys, command):
    path = tmp_path / f"list{_TRAP}.csv"
    path.write_text("Colour,Size\n")  # no department column, no name column
    status = main([*command, str(workspace), str(path)])
    err = capsys.readouterr().err
    assert status == 2
    assert "\x1b" not in err and "\r" not in err and "\x07" not in err
    assert "list\\u001b]0;pwned\\u0007\\u001b[2J\\u000dImported 500 answers.csv" in err


def test_a_cell_with_escape_sequences_is_printed_inert(workspace, tmp_path, capsys):
    path = tmp_path / "names.csv"
    path.write_text(f'Team,"{_TRAP}"\nSales,4\n', newline="")
    assert main(["names", "import", str(workspace), str(path)]) == 2
    err = capsys.readouterr().err
    assert "the columns are Team, \\u001b]0;pwned" in err
    assert "\x1b" not in err and "\r" not in err


def test_missing_files_and_other_errors_are_printed_inert(workspace, tmp_path, capsys):
    assert main(["labels", "import", str(workspace), str(tmp_path / f"a{_TRAP}.csv")]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\\u001b" in err


def test_printable_keeps_line_breaks_tabs_and_letters():
    text = "Zoë, 日本, Ärger\n\tline two"
    assert printable(text) == text
    assert printable("a\u202eb\x9bc") == "a\\u202eb\\u009bc"


def test_response_csv_problems_and_summaries_are_printed_inert(workspace, tmp_path, capsys):
    header = "submission_id,wave,respondent_department,target_department,item,value\n"
    path = tmp_path / f"r{_TRAP}.csv"
    path.write_text(header + "s1,2026-01,Legal,IT,overall,4\n")
    assert main(["import-csv", str(workspace), str(path)]) == 2
    err = capsys.readouterr().err
    assert "unknown department 'Legal'" in err and "\x1b" not in err and "\r" not in err
    path.write_text(header + "s1,2026-01,Sales,IT,overall,4\n")
    assert main(["import-csv", str(workspace), str(path)]) == 0
    out = capsys.readouterr().out
    assert "Imported " in out and "\x1b" not in out and "\\u001b" in out


def test_a_text_table_without_its_column_names_a_few_columns(tmp_path, capsys):
    path = tmp_path / "wide.csv"
    path.write_text(",".join(f"Q{i}" for i in range(5_000)) + "\n" + "x," * 4_999 + "x\n")
    assert main(["themes", str(path), "--out", str(tmp_path / "out.csv")]) == 2
    err = capsys.readouterr().err
    assert "found: Q0, Q1" in err and "Q19 and 4,980 more" in err
    assert len(err) < 2_000  # before: every one of the 5,000 columns


def test_import_notes_and_the_tidy_suggestion_print_file_names_inert(workspace, tmp_path, capsys):
    header = "submission_id,wave,respondent_department,target_department,item,value\n"
    path = tmp_path / f"r{_TRAP}.csv"
    path.write_text(header + "s1,2026-01,Sales,IT,overall,4\n")
    (tmp_path / f"~${path.name}").write_bytes(b"")  # Excel holds it open
    assert main(["import", str(workspace), str(path)]) == 0
    assert main(["import", "--suggest-mapping", str(path)]) == 0
    captured = capsys.readouterr()
    assert "Note: Excel has r\\u001b]0;pwned" in captured.err
    assert "is a Rapport response CSV" in captured.err
    for text in (captured.out, captured.err):
        assert "\x1b" not in text and "\r" not in text and "\x07" not in text


def test_a_suggested_mapping_keeps_a_file_name_inert_and_on_one_line(tmp_path, capsys):
    from surveys.importing import load_mapping

    path = tmp_path / f"w{_TRAP}\ncolumns: {{}}\n.csv"
    path.write_text("Department,How well does IT work with you?\nSales,4\nIT,5\n")
    assert main(["import", "--suggest-mapping", str(path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\r" not in out and "\x07" not in out
    assert out.splitlines()[0].startswith("# Rapport import mapping for w\\u001b]0;pwned")
    saved = tmp_path / "map.yaml"
    saved.write_text(out)
    assert load_mapping(saved).columns  # the name's "columns: {}" stayed in the comment


def test_text_table_commands_and_label_imports_print_file_names_inert(workspace, tmp_path, capsys):
    path = tmp_path / f"c{_TRAP}.csv"
    path.write_text("text,label\nQuick and friendly.,positive\nSlow again.,negative\n")
    assert main(["sentiment", str(path), "--out", str(tmp_path / "out.csv")]) == 0
    assert main(["eval-sentiment", str(path)]) == 0
    corrections = tmp_path / f"l{_TRAP}.csv"
    corrections.write_text("comment_id,label\n")
    assert main(["labels", "import", str(workspace), str(corrections)]) == 0
    out = capsys.readouterr().out
    assert "/c\\u001b]0;pwned" in out and "Imported " in out
    assert "\x1b" not in out and "\r" not in out and "\x07" not in out
