"""The command line as a new user meets it from a shell: the real `rapport` console script,
run as a separate process, with the terminal's encoding, display and streams it would have.
"""

from __future__ import annotations

import os
import subprocess
import sys

_RUN = "import sys; from desktop_app.cli import console_main; sys.exit(console_main())"


def rapport(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run `rapport ARGS...` as the console script does, in a process of its own."""
    return subprocess.run(
        [sys.executable, "-c", _RUN, *args],
        capture_output=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_an_ascii_terminal_gets_plain_arrows_and_quotes_not_a_traceback(tmp_path):
    done = rapport(
        "init",
        str(tmp_path / "ws"),
        "--departments",
        "Sales→EU,IT",
        "--organisation",
        "Zoë “North”",
        env={"PYTHONIOENCODING": "ascii"},
    )
    assert b"Traceback" not in done.stderr, done.stderr.decode()
    assert done.returncode == 0
    assert b'for Zo? "North" with departments Sales->EU, IT.' in done.stdout


def test_a_cp1252_console_keeps_its_accents_and_plain_arrows(tmp_path):
    done = rapport(
        "init",
        str(tmp_path / "ws"),
        "--departments",
        "Sales→EU,IT",
        "--organisation",
        "Zoë",
        env={"PYTHONIOENCODING": "cp1252"},
    )
    assert done.returncode == 0, done.stderr.decode()
    assert "for Zoë with departments Sales->EU, IT.".encode("cp1252") in done.stdout


def test_a_utf8_terminal_is_unchanged(tmp_path):
    done = rapport(
        "init",
        str(tmp_path / "ws"),
        "--departments",
        "Sales→EU,IT",
        env={"PYTHONIOENCODING": "utf-8"},
    )
    assert done.returncode == 0
    assert "Sales→EU, IT".encode() in done.stdout

