"""Workspaces that are not ours, or not whole: recognised before anything is changed.

Before, another program's SQLite file was refused but already switched to WAL (header bytes
18-19 changed); any sqlite-utils application's database (it has ``_sqlite_migrations``)
was migrated into a workspace; damaged pages, a missing table, a setting that is not JSON and
text that is not UTF-8 printed tracebacks; a template nested 2,000 deep gave RecursionError.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop_app.cli import main
from surveys.csv_import import import_csv
from surveys.store import WorkspaceError, database_path, open_workspace, set_setting
from tests.conftest import FIXTURES
from tests.surveys.csv_helpers import HEADER, write

RAPPORT_ID = 0x52505254


def _foreign(folder: Path, build) -> bytes:
    folder.mkdir()
    conn = sqlite3.connect(database_path(folder))
    build(conn)
    conn.commit()
    conn.close()
    return database_path(folder).read_bytes()


def _invoices(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.execute("INSERT INTO invoices VALUES (1, 9.5)")


def _sqlite_utils_app(conn: sqlite3.Connection) -> None:
    """What any application built on sqlite-utils migrations looks like."""
    conn.execute(
        "CREATE TABLE _sqlite_migrations (id INTEGER PRIMARY KEY, migration_set TEXT, "
        "name TEXT, applied_at TEXT)"
    )
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('inventory', 'm001_create', '2026-01-01')"
    )
    conn.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT)")


def _geopackage(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA application_id = 0x47504B47")
    conn.execute("CREATE TABLE features (id INTEGER PRIMARY KEY)")


@pytest.mark.parametrize(
    ("build", "words"),
    [
        (_invoices, "an SQLite file of another program"),
        (_sqlite_utils_app, "an SQLite file of another program"),
        (_geopackage, r"belongs to another program \(SQLite application id 0x47504b47\)"),
    ],
)
def test_another_programs_file_is_refused_and_not_changed(tmp_path, build, words) -> None:
    folder = tmp_path / "ws"
    before = _foreign(folder, build)
    assert before[18:20] == b"\x01\x01"  # rollback journal, not WAL

    with pytest.raises(WorkspaceError, match=words):
        open_workspace(folder)
    assert main(["analyze", str(folder)]) == 2

    after = database_path(folder).read_bytes()
    assert after[18:20] == b"\x01\x01"
    assert after == before
    assert sorted(p.name for p in folder.iterdir()) == ["rapport.db"]


def test_new_workspaces_carry_the_application_id_and_marker(workspace: Path) -> None:
    raw = database_path(workspace).read_bytes()
    assert int.from_bytes(raw[68:72], "big") == RAPPORT_ID
    db = open_workspace(workspace)
    assert db.execute("SELECT key, value FROM rapport_workspace").fetchall() == [
        ("format", "rapport-workspace-1")
    ]


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("schema_*.db")), ids=lambda p: p.name)
def test_old_workspaces_are_recognised_and_stamped(tmp_path: Path, fixture: Path) -> None:
    shutil.copy(fixture, database_path(tmp_path))
    assert sqlite3.connect(fixture).execute("PRAGMA application_id").fetchone() == (0,)
    db = open_workspace(tmp_path)
    assert db.execute("PRAGMA application_id").fetchone() == (RAPPORT_ID,)
    db.close()
    open_workspace(tmp_path).close()  # and it opens again as a stamped workspace


def _with_answers(workspace: Path, tmp_path: Path) -> None:
    lines = [HEADER]
    for number in range(300):
        lines.append(f"s-{number},2026-10,Sales,IT,timely,{1 + number % 5}")
        lines.append(f"s-{number},2026-10,Sales,IT,comment,Comment {number} on the handovers")
    import_csv(workspace, write(tmp_path, "\n".join(lines) + "\n"))
    conn = sqlite3.connect(database_path(workspace))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _analyze_says(workspace: Path, capsys) -> str:
    assert main(["analyze", str(workspace)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err


def test_damaged_pages_are_a_clear_message(workspace, tmp_path, capsys) -> None:
    _with_answers(workspace, tmp_path)
    path = database_path(workspace)
    raw = bytearray(path.read_bytes())
    page = 4096
    for number in range(len(raw) // page - 12, len(raw) // page):
        start = number * page + 100
        raw[start : start + 3800] = bytes((number * 7 + i) % 251 for i in range(3800))
    path.write_bytes(bytes(raw))

    err = _analyze_says(workspace, capsys)
    assert "is damaged" in err and "Restore rapport.db from a backup" in err


def test_a_missing_table_is_a_clear_message(workspace, tmp_path, capsys) -> None:
    _with_answers(workspace, tmp_path)
    conn = sqlite3.connect(database_path(workspace))
    conn.execute("DROP TABLE comments")
    conn.commit()
    conn.close()

    err = _analyze_says(workspace, capsys)
    assert "is damaged: the table comments is missing" in err


def test_a_setting_that_is_not_json_is_a_clear_message(workspace, tmp_path, capsys) -> None:
    _with_answers(workspace, tmp_path)
    db = open_workspace(workspace)
    set_setting(db, "min_group", 5)
    db.close()
    conn = sqlite3.connect(database_path(workspace))
    conn.execute("UPDATE settings SET value = '{five' WHERE key = 'min_group'")
    conn.commit()
    conn.close()

    err = _analyze_says(workspace, capsys)
    assert "its setting 'min_group' is not valid JSON" in err


def test_text_that_is_not_utf8_is_a_clear_message(workspace, tmp_path, capsys) -> None:
    _with_answers(workspace, tmp_path)
    conn = sqlite3.connect(database_path(workspace))
    conn.execute("UPDATE departments SET name = CAST(x'53616c6573ff' AS TEXT) WHERE id = 1")
    conn.commit()
    conn.close()

    err = _analyze_says(workspace, capsys)
    assert "holds text that is not UTF-8" in err


def _deep_template(tmp_path: Path) -> Path:
    path = tmp_path / "deep.yaml"
    path.write_text("key: deep\ntitle: Deep\nquestions: " + "[" * 2000 + "]" * 2000 + "\n")
    return path


def test_a_template_nested_2000_deep_is_a_clear_message(
    workspace, tmp_path, capsys, monkeypatch
) -> None:
    path = _deep_template(tmp_path)

    assert main(["survey", "validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:3: YAML: nested more than 20 levels deep" in err
    assert "Traceback" not in err and "RecursionError" not in err

    share = tmp_path / "share"
    (share / "inbox").mkdir(parents=True)
    (share / "published").mkdir()
    command = ["publish", str(workspace), "--share", str(share), "--wave", "2026-10"]
    monkeypatch.setenv("RAPPORT_PASSPHRASE", "correct horse battery staple")
    assert main([*command, "--template", str(path)]) == 2
    err = capsys.readouterr().err
    assert "nested more than 20 levels deep" in err and "Traceback" not in err


def test_a_damaged_file_found_while_opening_says_nothing_was_changed(tmp_path: Path) -> None:
    folder = tmp_path / "damaged"
    folder.mkdir()
    database_path(folder).write_bytes(b"SQLite format 3\x00" + b"garbage" * 600)
    with pytest.raises(WorkspaceError) as raised:
        open_workspace(folder)
    message = str(raised.value)
    assert "is damaged" in message and "Rapport changed nothing" in message
    assert "unfinished step" not in message  # opening is not a step that was cut short
