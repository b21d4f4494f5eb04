"""Deleting a draft wave (``surveys.pulses.delete_draft_wave``) on a real workspace file:
it never deletes a wave that holds answers, and what it checks is what it deletes, even
when another HR computer writes to the same workspace meanwhile."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from surveys.csv_import import import_csv
from surveys.pulses import create_draft_wave, delete_draft_wave
from surveys.store import database_path, open_workspace
from surveys.templates import builtin_templates
from surveys.waves import WaveError, get_wave
from tests.surveys.csv_helpers import HEADER, write


def _draft(folder: Path, name: str = "2026-11") -> None:
    db = open_workspace(folder)
    try:
        create_draft_wave(db, name, builtin_templates()["short-pulse"], None, None, None)
    finally:
        db.close()


def _delete(folder: Path, name: str = "2026-11") -> None:
    db = open_workspace(folder)
    try:
        delete_draft_wave(db, name)
    finally:
        db.close()


def _count(folder: Path, sql: str) -> int:
    conn = sqlite3.connect(database_path(folder))
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def test_a_draft_with_imported_responses_is_kept_with_a_clear_refusal(
    workspace: Path, tmp_path: Path
) -> None:
    _draft(workspace)
    csv = write(tmp_path, f"{HEADER}\ns-1,2026-11,Sales,IT,timely,2\n")
    import_csv(workspace, csv)  # the file names the draft's wave: its answers go there
    with pytest.raises(WaveError, match="1 response was imported into it"):
        _delete(workspace)
    assert _count(workspace, "SELECT COUNT(*) FROM waves WHERE name = '2026-11'") == 1
    assert _count(workspace, "SELECT COUNT(*) FROM submissions") == 1


class _OtherComputer:
    """A workspace whose statement containing ``after`` is followed at once by ``sql``,
    written by another connection (another HR computer on the same shared workspace)."""

    def __init__(self, db, folder: Path, after: str, sql: str) -> None:  # noqa: ANN001
        self.db, self.folder, self.after, self.sql = db, folder, after, sql
        self.happened: list[str] = []

    def execute(self, statement: str, params=()):  # noqa: ANN001, ANN201
        result = self.db.execute(statement, params)
        if self.after in statement and not self.happened:
            other = sqlite3.connect(database_path(self.folder), timeout=0.2)
            try:
                other.execute("PRAGMA foreign_keys = ON")
                other.execute(self.sql)
                other.commit()
                self.happened.append("written")
            except sqlite3.OperationalError:  # "database is locked": the delete holds it
                self.happened.append("waited")
            finally:
                other.close()
        return result

    def __getattr__(self, name: str):  # noqa: ANN204
        return getattr(self.db, name)


def _delete_meanwhile(folder: Path, after: str, sql: str) -> tuple[str, list[str]]:
    """Delete the draft while the other computer writes ``sql``: how it ended, and whether
    the other write got in."""
    db = open_workspace(folder)
    other = _OtherComputer(db, folder, after, sql)
    try:
        delete_draft_wave(other, "2026-11")
        ended = "deleted"
    except WaveError as exc:
        ended = str(exc)
    finally:
        db.close()
    return ended, other.happened


def test_a_draft_published_meanwhile_is_not_reported_deleted(workspace: Path) -> None:
    _draft(workspace)
    publish = "UPDATE waves SET status = 'open' WHERE name = '2026-11'"
    ended, happened = _delete_meanwhile(workspace, "FROM waves", publish)
    db = open_workspace(workspace)
    try:
        wave = get_wave(db, "2026-11")
    finally:
        db.close()
    # Either the delete went first (the publish waited for it) or it refused: never
    # "deleted" with the wave there, open.
    if ended == "deleted":
        assert (happened, wave) == (["waited"], None)
    else:
        assert "was published" in ended and wave is not None and wave.status == "open"


def test_an_action_recorded_meanwhile_keeps_the_draft_with_a_clear_refusal(
    workspace: Path,
) -> None:
    _draft(workspace)
    action = (
        "INSERT INTO actions(from_id, to_id, wave_id, title) SELECT 1, 2, id, 'Weekly call' "
        "FROM waves WHERE name = '2026-11'"
    )
    ended, happened = _delete_meanwhile(workspace, "FROM actions", action)
    left = _count(workspace, "SELECT COUNT(*) FROM waves WHERE name = '2026-11'")
    if ended == "deleted":
        assert (happened, left) == (["waited"], 0)
    else:
        assert "joint actions" in ended and left == 1


def test_a_programme_draft_is_kept_with_a_clear_refusal(workspace: Path) -> None:
    """The programme claims its wave as a draft, then publishes it: deleted in between,
    the publish made it again without its slot and the next run asked about it twice."""
    _draft(workspace)
    conn = sqlite3.connect(database_path(workspace))
    conn.execute("UPDATE waves SET programme_slot = '2026-11-02' WHERE name = '2026-11'")
    conn.commit()
    conn.close()
    with pytest.raises(WaveError, match="pulse programme's wave of 2026-11-02.*pause"):
        _delete(workspace)
    assert _count(workspace, "SELECT COUNT(*) FROM waves WHERE name = '2026-11'") == 1
