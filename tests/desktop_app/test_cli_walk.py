"""The command line as a new user meets it from a shell: the real `rapport` console script,
run as a separate process, with the terminal's encoding, display and streams it would have.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from desktop_app.cli import main
from surveys.store import create_workspace

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


@pytest.mark.parametrize(
    ("args", "prefix"),
    [
        (["roster", "import", "{ws}", "{tmp}/none.csv"], "rapport roster import: "),
        (["names", "import", "{ws}", "{tmp}/none.csv"], "rapport names import: "),
        (["labels", "import", "{ws}", "{tmp}/none.csv"], "rapport labels import: "),
        (
            ["schedule", "set", "{ws}", "--cadence", "monthly", "--starts", "2026-13-01"],
            "rapport schedule set: ",
        ),
        (["analyze", "{tmp}/gone"], "rapport analyze: "),
    ],
)
def test_messages_name_the_command_with_its_action(tmp_path, capsys, args, prefix):
    create_workspace(tmp_path / "ws", ["Sales", "IT"]).close()
    argv = [a.format(ws=tmp_path / "ws", tmp=tmp_path) for a in args]
    assert main(argv) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[-1].startswith(prefix)  # was "rapport roster: ", unlike argparse's own errors
