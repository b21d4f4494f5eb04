"""The export log in a real workspace database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analysis.export import export_history, log_export
from surveys.store import open_workspace


def test_log_export_writes_day_kind_path_wave(workspace: Path, tmp_path: Path) -> None:
    db = open_workspace(workspace)
    log_export(db, "pptx", tmp_path / "a.pptx", "2026-09", "deck", day=dt.date(2026, 9, 1))
    log_export(db, "csv", tmp_path / "csv", "2026-09", "4 files", day=dt.date(2026, 9, 2))
    db.close()
    db = open_workspace(workspace)
    history = export_history(db)
    assert [(r.day, r.kind, r.wave) for r in history] == [
        ("2026-09-02", "csv", "2026-09"),
        ("2026-09-01", "pptx", "2026-09"),
    ]
    assert history[1].path == str((tmp_path / "a.pptx").resolve())
    row = db.execute("SELECT day FROM export_log").fetchone()
    assert row[0] == "2026-09-01"  # the day only


def test_unknown_kind_is_refused(workspace: Path) -> None:
    db = open_workspace(workspace)
    with pytest.raises(ValueError, match="unknown export kind"):
        log_export(db, "pdf", "x.pdf", None)
    assert export_history(db) == []
