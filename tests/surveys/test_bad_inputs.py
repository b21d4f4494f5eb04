"""Bad input a new user gives the store and the CSV reader: one clear message, nothing changed.

Each case here was found by running the `rapport` commands by hand (see docs/qa.md).
"""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest

from desktop_app.cli import main
from surveys.csv_import import CsvImportError, import_csv
from surveys.store import WorkspaceError, create_workspace, database_path, open_workspace
from tests.surveys.csv_helpers import HEADER, snapshot


def test_init_on_a_path_that_is_a_file_says_so_without_traceback(tmp_path, capsys) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("mine", "utf-8")

    assert main(["init", str(target)]) == 2

    err = capsys.readouterr().err
    assert "is a file, not a folder" in err and "Traceback" not in err
    assert target.read_text("utf-8") == "mine"


def test_init_where_the_folder_cannot_be_created_names_the_folder(tmp_path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("", "utf-8")
    with pytest.raises(WorkspaceError, match="Cannot create a workspace in .*blocker.*write to"):
        create_workspace(blocker / "inside", ["Sales", "IT"])


def test_department_named_twice_says_what_to_do(tmp_path) -> None:
    with pytest.raises(WorkspaceError, match="Sales, sales .*give each department one name"):
        create_workspace(tmp_path / "ws", ["Sales", "IT", "sales"])
    assert not database_path(tmp_path / "ws").exists()


def test_an_empty_database_file_is_refused_and_left_alone(tmp_path) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    database_path(folder).touch()

    with pytest.raises(WorkspaceError, match="not a Rapport workspace database .*empty"):
        open_workspace(folder)

    assert database_path(folder).stat().st_size == 0  # not turned into a workspace


def test_an_sqlite_file_of_another_program_is_refused_and_left_alone(tmp_path) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    other = sqlite3.connect(database_path(folder))
    other.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    other.commit()
    other.close()

    with pytest.raises(WorkspaceError, match="another program.*rapport init"):
        open_workspace(folder)

    check = sqlite3.connect(database_path(folder))
    tables = {r[0] for r in check.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    check.close()
    assert tables == {"invoices"}


def test_a_garbage_database_file_says_what_to_do(tmp_path, capsys) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    database_path(folder).write_bytes(b"this is not sqlite" * 100)

    assert main(["analyze", str(folder)]) == 2

    err = capsys.readouterr().err
    assert "not a Rapport workspace database" in err and "restore rapport.db" in err
    assert "Traceback" not in err


def test_a_six_megabyte_comment_is_reported_as_too_long_not_as_a_quote(
    workspace: Path, tmp_path: Path
) -> None:
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER.split(","))
        writer.writerow(["s-1", "2026-10", "Sales", "IT", "timely", "3"])
        writer.writerow(["s-1", "2026-10", "Sales", "IT", "comment", "x" * 6_000_000])
    before = snapshot(workspace)

    with pytest.raises(CsvImportError) as caught:
        import_csv(workspace, path)

    [error] = caught.value.errors
    assert (error.line, error.field) == (3, "value")
    assert "longer than 131,072 characters" in error.message
    assert "shorten it" in error.message
    assert snapshot(workspace) == before


def test_a_template_that_is_not_utf8_names_the_line_and_the_fix(tmp_path, capsys) -> None:
    path = tmp_path / "pulse.yaml"
    path.write_bytes("key: pulse\ntitle: Très court\n".encode("cp1252"))

    assert main(["survey", "validate", str(path)]) == 2

    err = capsys.readouterr().err
    assert f"{path}:2: encoding: byte 0xe8 is not UTF-8 text" in err
    assert "save the file as UTF-8" in err and "Traceback" not in err


def test_a_missing_template_says_to_check_the_name(tmp_path, capsys) -> None:
    assert main(["survey", "validate", str(tmp_path / "nope.yaml")]) == 2
    assert "check the file name and folder" in capsys.readouterr().err
