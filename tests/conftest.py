"""Shared fixtures: no test touches a real user's settings or data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[2] / "shared"

# pytester: tests/test_parallel_runs.py runs small suites of its own.
pytest_plugins = ["pytester", "tests.xdist_alone", "tests.qt_threads"]


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point every per-user folder (Rapport's data, XDG config) at a temporary folder."""
    home = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("RAPPORT_HOME", str(home / "rapport"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    # Starting a Rapport worker sets PYTHONSAFEPATH in this process for good
    # (surveys/spawn.py); a later test's `python -c` child, run from the repository to
    # import tests.*, must still find it there.
    monkeypatch.delenv("PYTHONSAFEPATH", raising=False)
    return home


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A new, empty workspace with the default departments and headcounts."""
    from surveys.store import create_workspace

    folder = tmp_path / "ws"
    db = create_workspace(
        folder, headcounts={"Sales": 40, "IT": 25, "Marketing": 15, "Operations": 60}
    )
    db.close()
    return folder
