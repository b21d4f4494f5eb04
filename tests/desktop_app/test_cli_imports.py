"""What importing the command line costs: nothing but the module itself.

A worker process started with ``spawn`` (the sentiment worker of `rapport analyze`, the
comment worker of `rapport import`) imports the main module again, ``desktop_app.cli``; it
must not import every subcommand and what they import. The commands are imported when the
parser is built, and every one of them still is.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from desktop_app import cli

_IMPORTED = """
import sys
before = set(sys.modules)
import desktop_app.cli
new = set(sys.modules) - before - {"gc", "contextlib"}  # two small standard modules
print(sorted(m for m in new if not m.startswith("desktop_app")))
print(sorted(m for m in sys.modules if m.startswith("desktop_app.commands")))
"""


def test_importing_the_command_line_imports_no_command() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _IMPORTED], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["[]", "[]"]


_ANALYZE_HELP = """
import sys
from desktop_app.cli import main
try:
    main(["analyze", "--help"])
except SystemExit:
    pass
print(sorted(m for m in sys.modules if m.startswith("desktop_app.commands.")), file=sys.stderr)
"""


def test_a_named_command_imports_only_its_own_module() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _ANALYZE_HELP], capture_output=True, text=True, check=True
    )
    imported = done.stderr.strip()
    # examples: the help's example lines and formatter (it imports only argparse)
    assert imported == (
        "['desktop_app.commands.analyze', 'desktop_app.commands.examples', "
        "'desktop_app.commands.selftest']"
    )
    (subparsers,) = [a for a in cli.build_parser()._actions if a.dest == "command"]
    assert done.stdout == subparsers.choices["analyze"].format_help()  # as the whole parser's


def test_other_arguments_get_the_whole_parser(capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["analysis-of", "ws"])  # no command: the choices are listed
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'analysis-of'" in err and "'analyze'" in err and "'survey'" in err


def test_a_mistyped_command_gets_the_likeliest_one(capsys) -> None:
    # argparse (Python 3.11) only listed the twenty choices after "invalid choice".
    assert cli.main(["analyse", "ws"]) == 2
    err = capsys.readouterr().err
    assert "did you mean 'rapport analyze'?" in err and "Traceback" not in err
    assert cli.main(["expot", "ws", "--pptx", "d.pptx"]) == 2
    assert "did you mean 'rapport export'?" in capsys.readouterr().err
