"""Workspace store: creation, WAL and foreign keys, migrations, newer-schema refusal."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from surveys.migrations import known_names
from surveys.store import (
    SchemaTooNewError,
    WorkspaceError,
    create_workspace,
    database_path,
    departments,
    get_setting,
    open_workspace,
    savepoint,
    set_setting,
)
from tests.conftest import FIXTURES


def test_new_workspace_has_departments_wal_and_foreign_keys(tmp_path: Path) -> None:
    db = create_workspace(tmp_path / "ws", ["Sales", "IT"], {"Sales": 40})
    assert [(d.name, d.headcount) for d in departments(db)] == [("Sales", 40), ("IT", None)]
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO submissions(id, wave_id, department_id) VALUES ('x', 99, 99)")


def test_sqlite_utils_plugins_never_see_a_workspace_connection(tmp_path: Path) -> None:
    """A sqlite-utils plugin installed beside Rapport gets no workspace connection (its
    comments), and none is looked for (reading every package's metadata cost each process
    that opens a workspace about 0.015 s)."""
    from sqlite_utils import hookimpl
    from sqlite_utils.plugins import pm

    seen: list[sqlite3.Connection] = []

    class Plugin:
        @hookimpl
        def prepare_connection(self, conn: sqlite3.Connection) -> None:
            seen.append(conn)

    plugin = Plugin()
    pm.register(plugin, name="rapport-test-plugin")
    try:
        create_workspace(tmp_path / "ws", ["Sales", "IT"]).close()
        open_workspace(tmp_path / "ws").close()
    finally:
        pm.unregister(plugin)
    assert seen == []


def test_dashboard_queries_use_the_pair_index(workspace: Path) -> None:
    db = open_workspace(workspace)
    plan = db.execute(
        "EXPLAIN QUERY PLAN SELECT to_id, avg(value) FROM answers "
        "WHERE wave_id = 1 AND from_id = 1 AND item = 'timely' GROUP BY to_id"
    ).fetchall()
    assert "answers_wave_pair" in " ".join(str(row) for row in plan)


@pytest.mark.parametrize(
    ("names", "message"),
    [(["Sales", "sales"], "named twice"), (["Sales", ""], "empty"), (["Sales"], "two")],
)
def test_bad_department_lists_are_refused(tmp_path: Path, names, message) -> None:
    with pytest.raises(WorkspaceError, match=message):
        create_workspace(tmp_path / "ws", names)
    assert not database_path(tmp_path / "ws").exists()


def test_creating_over_an_existing_workspace_is_refused(workspace: Path) -> None:
    with pytest.raises(WorkspaceError, match="already holds"):
        create_workspace(workspace)


def test_missing_and_foreign_files_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="rapport init"):
        open_workspace(tmp_path)
    database_path(tmp_path).write_text("this is not a database" * 100)
    with pytest.raises(WorkspaceError, match="not a Rapport workspace"):
        open_workspace(tmp_path)


def test_database_from_a_newer_rapport_is_refused_and_left_untouched(workspace: Path) -> None:
    db = open_workspace(workspace)
    db.execute(
        "INSERT INTO _sqlite_migrations(migration_set, name, applied_at) "
        "VALUES ('rapport', 'm999_from_the_future', '2030-01-01')"
    )
    db.close()
    before = database_path(workspace).read_bytes()
    with pytest.raises(SchemaTooNewError, match="newer version of Rapport"):
        open_workspace(workspace)
    assert database_path(workspace).read_bytes() == before


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("schema_*.db")), ids=lambda p: p.name)
def test_every_released_schema_upgrades_to_the_newest(tmp_path: Path, fixture: Path) -> None:
    shutil.copy(fixture, database_path(tmp_path))
    db = open_workspace(tmp_path)
    applied = [r[0] for r in db.execute("SELECT name FROM _sqlite_migrations ORDER BY rowid")]
    assert applied == known_names()
    assert [d.name for d in departments(db)] == ["Sales", "IT", "Marketing", "Operations"]


def test_fixture_for_the_first_schema_is_kept() -> None:
    assert (FIXTURES / "schema_001.db").exists()


def test_settings_round_trip_as_json(workspace: Path) -> None:
    db = open_workspace(workspace)
    set_setting(db, "min_group", 5)
    set_setting(db, "names", ["Ann Smith"])
    set_setting(db, "min_group", 6)
    assert get_setting(db, "min_group") == 6
    assert get_setting(db, "names") == ["Ann Smith"]
    assert get_setting(db, "missing", "fallback") == "fallback"


def test_savepoint_undoes_only_its_own_block_and_lets_the_outer_one_go_on(tmp_path: Path) -> None:
    db = create_workspace(tmp_path / "ws", ["Sales", "IT"], {})
    with db.atomic():
        set_setting(db, "kept", 1)
        with pytest.raises(RuntimeError), savepoint(db, "inner_block"):
            set_setting(db, "undone", 2)
            raise RuntimeError("stop")
        with savepoint(db, "second_block"):
            set_setting(db, "written", 3)
    again = open_workspace(tmp_path / "ws")
    assert (get_setting(again, "kept"), get_setting(again, "undone")) == (1, None)
    assert get_setting(again, "written") == 3


def test_savepoint_names_are_identifiers() -> None:
    conn = sqlite3.connect(":memory:")
    with pytest.raises(ValueError, match="identifier"), savepoint(conn, "x; DROP TABLE y"):
        pass


def test_begin_immediate_asks_between_attempts_and_keeps_the_busy_timeout(workspace) -> None:
    from surveys.store import begin_immediate

    db = open_workspace(workspace)
    other = sqlite3.connect(workspace / "rapport.db", isolation_level=None)
    try:
        db.execute("PRAGMA busy_timeout = 2000")
        other.execute("BEGIN IMMEDIATE")
        asked: list[int] = []

        def waiting() -> None:  # the other job commits after the second attempt
            asked.append(1)
            if len(asked) == 2:
                other.execute("COMMIT")

        begin_immediate(db.conn, waiting)
        assert db.conn.in_transaction and len(asked) == 2
        db.execute("ROLLBACK")
        assert db.execute("PRAGMA busy_timeout").fetchone() == (2000,)
        with pytest.raises(sqlite3.OperationalError, match="within a transaction"):
            db.execute("BEGIN")
            begin_immediate(db.conn, lambda: asked.append(1))  # not a busy lock: at once
        assert len(asked) == 2
    finally:
        if db.conn.in_transaction:
            db.execute("ROLLBACK")
        other.close()
        db.close()
