"""The `rapport` console script runs the command, then freezes the cycle collector.

The freeze spares the interpreter's last collections at exit a walk over everything the
command built (:func:`desktop_app.cli.console_main`); tests and other callers keep using
:func:`desktop_app.cli.main`, which leaves the collector alone.
"""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points

_PROBE = """
import gc, sys
from desktop_app.cli import {entry}
before = gc.get_freeze_count()
code = {entry}(["analyze", sys.argv[1]])
print(code, before, gc.get_freeze_count() > before)
"""


def _probe(entry: str, missing: str) -> tuple[str, str]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE.format(entry=entry), missing],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout.split(), done.stderr


def test_the_console_script_is_console_main() -> None:
    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "rapport"]
    assert script.value == "desktop_app.cli:console_main"


def test_console_main_returns_the_commands_status_and_freezes_the_collector(tmp_path) -> None:
    missing = tmp_path / "no-such-workspace"
    (code, before, frozen), stderr = _probe("console_main", str(missing))
    assert (code, before, frozen) == ("2", "0", "True")
    assert "rapport analyze:" in stderr and "Traceback" not in stderr


def test_main_leaves_the_collector_alone(tmp_path) -> None:
    (code, _, frozen), _ = _probe("main", str(tmp_path / "no-such-workspace"))
    assert (code, frozen) == ("2", "False")
