"""The workspace database is HR's alone (third hostile round, docs/qa.md).

It holds every answer and every comment as written, before redaction and below the
threshold. Under the usual umask 022 it used to be created ``0644`` in a ``0755`` folder:
any account of the computer (the kiosk's, a colleague's on a terminal server) could copy
it and read it.
"""

from __future__ import annotations

import os
import sqlite3
import stat

import pytest

from surveys.store import WorkspaceError, create_workspace, database_path, open_workspace

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX modes")


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def usual_umask():
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_a_new_workspace_and_its_wal_are_readable_by_hr_only(tmp_path, usual_umask):
    folder = tmp_path / "ws"
    db = create_workspace(folder, ["Sales", "IT"])
    try:
        db.execute("INSERT INTO settings(key, value) VALUES ('x', '1')")
        path = database_path(folder)
        assert _mode(path) == 0o600
        for suffix in ("-wal", "-shm"):
            assert _mode(f"{path}{suffix}") == 0o600
    finally:
        db.close()


def test_a_workspace_in_an_existing_folder_is_readable_by_hr_only(tmp_path, usual_umask):
    folder = tmp_path / "ws"
    folder.mkdir()
    create_workspace(folder, ["Sales", "IT"]).close()
    assert _mode(database_path(folder)) == 0o600


def test_opening_an_older_workspace_takes_the_access_of_others(tmp_path):
    folder = tmp_path / "ws"
    create_workspace(folder, ["Sales", "IT"]).close()
    path = database_path(folder)
    os.chmod(path, 0o644)  # as an earlier Rapport made it
    open_workspace(folder).close()
    assert _mode(path) == 0o640  # the group is HR's choice


def test_another_programs_database_keeps_its_mode(tmp_path):
    folder = tmp_path / "ws"
    folder.mkdir()
    path = database_path(folder)
    sqlite3.connect(path).execute("CREATE TABLE t(x)").connection.close()
    os.chmod(path, 0o644)
    with pytest.raises(WorkspaceError):
        open_workspace(folder)
    assert _mode(path) == 0o644


def test_a_linked_database_is_never_opened_up_to_its_group(tmp_path):
    # HR keeps rapport.db elsewhere (an encrypted volume) and links it into the folder. A
    # link's own mode is 0777: taking "others" from it gave the database 0770, readable and
    # writable by the group.
    real = tmp_path / "vault" / "ws"
    create_workspace(real, ["Sales", "IT"]).close()
    assert _mode(database_path(real)) == 0o600
    folder = tmp_path / "ws"
    folder.mkdir()
    os.symlink(database_path(real), database_path(folder))
    open_workspace(folder).close()
    assert _mode(database_path(real)) == 0o600
