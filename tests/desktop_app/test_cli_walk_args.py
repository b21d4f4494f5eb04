"""Stop 36's walk of the command line: arguments, from the console script in a process of
its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.desktop_app.test_cli_walk import rapport


@pytest.mark.parametrize(
    ("words", "command"),
    [
        (["analyze", "WS", "extra"], "analyze"),
        (["roster", "import", "WS", "staff.csv", "extra"], "roster import"),
        (["schedule", "show", "WS", "--bogus"], "schedule show"),
    ],
)
def test_an_extra_argument_is_named_with_the_command_s_own_usage(
    tmp_path: Path, words: list[str], command: str
) -> None:
    words = [str(tmp_path / "ws") if word == "WS" else word for word in words]
    done = rapport(*words)
    err = done.stderr.decode()
    assert done.returncode == 2
    assert f"usage: rapport {command} [-h]" in err, err
    assert f"rapport {command}: error: unrecognized arguments: {words[-1]}" in err
    assert not (tmp_path / "ws").exists()


def test_an_unknown_option_of_rapport_itself_keeps_the_main_usage() -> None:
    done = rapport("--bogus")
    assert done.returncode == 2
    assert b"usage: rapport [-h]" in done.stderr
    assert b"rapport: error: unrecognized arguments: --bogus" in done.stderr
