"""The import hands the comments of closed waves to a ``CommentsAhead`` as it stages them,
and lets it store its work inside the import's transaction (surveys.csv_staging)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from surveys.csv_import import CsvImportError, import_csv
from surveys.importing import import_file
from surveys.store import open_workspace
from surveys.templates import builtin_templates
from surveys.waves import open_wave, save_survey
from tests.surveys.csv_helpers import HEADER, rows, write

FILE = f"""{HEADER}
s-1,2026-09,Sales,IT,overall,2
s-1,2026-09,Sales,IT,comment,Slow answers from the help desk.
s-2,2026-11,IT,Sales,overall,4
s-2,2026-11,IT,Sales,comment,Open wave: never handed over.
s-3,2026-09,Marketing,IT,overall,3
s-3,2026-09,Marketing,IT,comment,Quick and friendly.
"""


class Recorder:
    """A ``CommentsAhead`` that keeps what it was given and what it saw when storing."""

    def __init__(self) -> None:
        self.handed: list[str] = []
        self.stores: list[list[tuple]] = []

    def add(self, texts: list[str]) -> None:
        self.handed.extend(texts)

    def store(self, conn: sqlite3.Connection) -> None:
        seen = conn.execute(
            "SELECT c.text, w.status FROM comments c JOIN waves w ON w.id = c.wave_id ORDER BY c.id"
        ).fetchall()
        self.stores.append(seen)


def _open_wave(folder: Path, name: str) -> None:
    db = open_workspace(folder)
    with db.conn:
        survey = save_survey(db, builtin_templates()["full-pulse"])
        open_wave(db, name, survey, f"{name}-02", f"{name}-16")
    db.close()


@pytest.mark.parametrize("importer", ["import_csv", "import_file"])
def test_only_closed_waves_comments_are_handed_over(workspace, tmp_path, importer) -> None:
    import_csv(workspace, write(tmp_path, f"{HEADER}\ns-0,2026-08,Sales,IT,comment,Earlier.\n"))
    _open_wave(workspace, "2026-11")
    recorder = Recorder()
    path = write(tmp_path, FILE, "more.csv")
    if importer == "import_csv":
        import_csv(workspace, path, ahead=recorder)
    else:
        import_file(workspace, path, ahead=recorder)

    assert recorder.handed == ["Slow answers from the help desk.", "Quick and friendly."]
    [seen] = recorder.stores  # once, after every comment was written
    assert seen == [
        ("Earlier.", "closed"),
        ("Slow answers from the help desk.", "closed"),
        ("Open wave: never handed over.", "open"),
        ("Quick and friendly.", "closed"),
    ]
    assert rows(workspace, "SELECT COUNT(*) FROM comments") == [(4,)]


def test_a_failed_import_never_asks_to_store(workspace, tmp_path) -> None:
    recorder = Recorder()
    bad = FILE.replace("s-3,2026-09,Marketing,IT,overall,3", "s-3,2026-09,Marketing,IT,overall,9")
    with pytest.raises(CsvImportError):
        import_csv(workspace, write(tmp_path, bad), ahead=recorder)
    assert recorder.stores == []


def test_a_file_with_repeated_rows_never_asks_to_store(workspace, tmp_path) -> None:
    recorder = Recorder()
    repeated = FILE + "s-1,2026-09,Sales,IT,comment,Again later in the file.\n"
    with pytest.raises(CsvImportError, match="second time"):
        import_csv(workspace, write(tmp_path, repeated), ahead=recorder)
    assert recorder.stores == []
