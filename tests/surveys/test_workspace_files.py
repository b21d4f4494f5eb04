"""The database's file name is spelt once (surveys/workspace_files.py): the recent list's
check, the host lock and the kiosk check spelt "rapport.db" themselves, because the store
that held the name imports them."""

from __future__ import annotations

from pathlib import Path

import surveys
from surveys import store, workspace_files
from surveys.workspace_checks import recent_workspace_problem

ROOT = Path(surveys.__file__).resolve().parent.parent


def test_the_database_name_is_spelt_in_one_place() -> None:
    spelt = [
        path.relative_to(ROOT).as_posix()
        for package in ("surveys", "analysis", "desktop_app")
        for path in sorted((ROOT / package).rglob("*.py"))
        if '"rapport.db"' in path.read_text(encoding="utf-8")
    ]
    assert spelt == ["surveys/workspace_files.py"]
    assert store.DB_NAME == workspace_files.DB_NAME


def test_a_recent_folder_without_its_database_names_the_file(tmp_path) -> None:
    reason, advice = recent_workspace_problem(tmp_path)
    assert reason == "no workspace in this folder"
    assert f"holds no {workspace_files.DB_NAME} any more" in advice
