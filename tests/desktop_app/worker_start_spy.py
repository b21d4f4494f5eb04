"""Run `rapport import` or `rapport import-csv` in a new process that reports whether
sqlite_utils was already loaded when the import's comment worker started (it should not
be: the worker starts while the import's own modules load)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

_STARTED = """
import sys
from analysis import import_ahead
from desktop_app.cli import main

class Spy(import_ahead.ImportAhead):
    def __init__(self, folder, file=None):
        print("loaded when the worker starts:", "sqlite_utils" in sys.modules)
        super().__init__(folder, file)

import_ahead.ImportAhead = Spy
sys.exit(main([sys.argv[1], sys.argv[2], sys.argv[3]]))
"""


def run_spied(command: str, workspace: Path, path: Path) -> subprocess.CompletedProcess:
    """``rapport COMMAND WORKSPACE PATH`` with the spy; its output captured as text."""
    return subprocess.run(
        [sys.executable, "-c", _STARTED, command, str(workspace), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
