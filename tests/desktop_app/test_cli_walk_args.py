"""Stop 36's walk of the command line: arguments, from the console script in a process of
its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.desktop_app.test_cli_walk import rapport


def _console_main_whose_main(tmp_path: Path, body: list[str], *argv: str):  # noqa: ANN202
    """Run the console script's entry in a process of its own, its ``main`` replaced by a
    function ``broken`` of ``body`` (lines, each run in order; ``error_report`` is
    imported)."""
    import os
    import subprocess
    import sys

    lines = "".join(f"    {line}\n" for line in body)
    run = (
        "import sys, desktop_app.cli as cli\n"
        "from desktop_app import error_report\n"
        f"def broken(argv=None):\n{lines}"
        "cli.main = broken\n"
        "sys.exit(cli.console_main())\n"
    )
    return subprocess.run(
        [sys.executable, "-c", run, *argv],
        capture_output=True,
        timeout=120,
        env={**os.environ, "RAPPORT_HOME": str(tmp_path)},
    )


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


def test_a_reader_gone_before_the_output_is_flushed_is_quiet_status_1(tmp_path: Path) -> None:
    # `rapport schedule show ws | true`, `rapport analyze ws --json - | head -1`: the reader
    # is gone while the last lines wait in the buffer, flushed at exit ("Exception ignored
    # ... BrokenPipeError", status 120) unless the command flushes them itself.
    import os
    import subprocess
    import sys

    from tests.desktop_app.test_cli_walk import _RUN

    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-c", _RUN, "init", str(tmp_path / "ws"), "--departments", "A,B"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=120,
            env={k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"},
        )
    finally:
        os.close(write_end)
    assert done.stderr == b""
    assert done.returncode == 1  # rapport --help: 1 "the reader of the output went away"


def test_a_folder_named_with_a_leading_dash_gets_how_to_name_it(tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.desktop_app.test_cli_walk import _RUN

    (tmp_path / "-ws").mkdir()
    done = subprocess.run(
        [sys.executable, "-c", _RUN, "analyze", "-ws"],
        capture_output=True,
        cwd=tmp_path,
        timeout=120,
    )
    err = done.stderr.decode()
    assert done.returncode == 2
    assert "rapport analyze: error: the following arguments are required: WORKSPACE" in err
    assert "'-ws' starts with '-', so it is read as an option" in err
    assert "write ./-ws" in err and "Traceback" not in err


def test_an_option_that_is_no_file_gets_no_such_hint() -> None:
    done = rapport("analyze", "--bogus-option-x")
    assert done.returncode == 2
    assert b"read as an option" not in done.stderr


@pytest.mark.parametrize("given", ["", ",,"])
def test_targets_that_name_no_department_are_refused_not_read_as_all(
    tmp_path: Path, given: str
) -> None:
    workspace = str(tmp_path / "ws")
    assert rapport("init", workspace, "--departments", "Sales,IT").returncode == 0
    for words in (
        ["schedule", "set", workspace, "--cadence", "monthly", "--starts", "2027-01-04"],
        ["publish", workspace, "--wave", "2027-01", "--local"],
    ):
        done = rapport(*words, "--targets", given)
        err = done.stderr.decode()
        assert done.returncode == 2, err
        assert "--targets names no department; list them separated by commas" in err
    assert rapport("schedule", "show", workspace).stdout.startswith(b"No pulse programme yet.")


def test_a_blank_between_commas_is_left_out(tmp_path: Path) -> None:
    workspace = str(tmp_path / "ws")
    assert rapport("init", workspace, "--departments", "Sales,IT,Ops").returncode == 0
    done = rapport(
        "schedule", "set", workspace, "--cadence", "monthly", "--starts", "2027-01-04",
        "--targets", "it,,Sales,",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr.decode()
    assert "asking about IT, Sales." in rapport("schedule", "show", workspace).stdout.decode()


def test_a_negative_themes_seed_is_a_usage_error_not_a_traceback(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("text\nThe handover was slow.\n", encoding="utf-8")
    done = rapport("themes", str(source), "--out", str(tmp_path / "t.csv"), "--seed", "-1")
    err = done.stderr.decode()
    assert done.returncode == 2 and "Traceback" not in err, err
    assert "argument --seed: '-1' is not a whole number of 0 or more" in err


def test_a_fault_of_rapport_s_own_is_one_message_and_the_traceback_goes_to_the_log(
    tmp_path: Path,
) -> None:
    # A bug no check foresaw (as `themes --seed -1` was): the console script says so in
    # words and logs the traceback, as the apps do, instead of printing it at the user.
    done = _console_main_whose_main(
        tmp_path, ["raise ValueError('expected non-negative integer')"], "themes"
    )
    err = done.stderr.decode()
    assert done.returncode == 1, err
    assert "Traceback" not in err
    log = tmp_path / "logs" / "rapport.log"
    assert (
        "an unexpected error stopped the command (ValueError: expected non-negative integer)" in err
    )
    assert f"its details are in {log}" in err
    logged = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in logged and "in broken" in logged
    # Where it failed, not the error's words: they may quote a comment or a name, and the
    # log is the file HR is asked to send on (second read of the walk).
    assert "builtins.ValueError (its message is not logged)" in logged
    assert "expected non-negative integer" not in logged


def test_a_negative_rotation_is_a_usage_error_not_the_last_group(tmp_path: Path) -> None:
    workspace = str(tmp_path / "ws")
    assert rapport("init", workspace, "--departments", "Sales,IT").returncode == 0
    done = rapport("publish", workspace, "--wave", "2027-01", "--local", "--rotation", "-1")
    assert done.returncode == 2
    assert b"argument --rotation: '-1' is not a whole number of 0 or more" in done.stderr


def test_a_folder_as_publish_template_is_called_a_folder(tmp_path: Path) -> None:
    workspace = str(tmp_path / "ws")
    assert rapport("init", workspace, "--departments", "Sales,IT").returncode == 0
    (tmp_path / "surveys").mkdir()
    done = rapport(
        "publish", workspace, "--wave", "2027-01", "--local",
        "--template", str(tmp_path / "surveys"),
    )  # fmt: skip
    assert done.returncode == 2
    expected = b"surveys is a folder; give the survey template file (.yaml) inside it"
    assert expected in done.stderr


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"PK\x03\x04" + bytes(range(256)) * 4, "is a zipped file (an Excel workbook?), not a CSV"),
        (bytes(range(256)) * 16, "is not a text file: it holds binary data (NUL bytes)"),
    ],
)
def test_import_csv_names_a_workbook_or_binary_file_as_such(
    tmp_path: Path, content: bytes, words: str
) -> None:
    workspace = str(tmp_path / "ws")
    assert rapport("init", workspace, "--departments", "Sales,IT").returncode == 0
    source = tmp_path / "answers.csv"
    source.write_bytes(content)
    done = rapport("import-csv", workspace, str(source))
    err = done.stderr.decode()
    assert done.returncode == 2
    assert words in err, err
    assert "looks like data" not in err and "encoding" not in err.split("(")[0]


@pytest.mark.parametrize("command", ["ingest", "tickets"])
def test_a_file_as_share_is_said_before_the_passphrase_is_asked_for(
    tmp_path: Path, command: str
) -> None:
    workspace = str(tmp_path / "ws")
    assert rapport("init", workspace, "--departments", "Sales,IT").returncode == 0
    notes = tmp_path / "notes.txt"
    notes.write_text("x", encoding="utf-8")
    env = {"RAPPORT_PASSPHRASE": ""}  # no passphrase: it would be asked for next
    done = rapport(command, workspace, "--share", str(notes), env=env)
    assert done.returncode == 2
    assert f"--share {notes} is a file, not a folder".encode() in done.stderr, done.stderr


@pytest.mark.parametrize("words", [["--help"], ["sentiment", "--help"], ["--version"]])
def test_help_or_version_to_a_reader_gone_is_quiet_status_1(words: list[str]) -> None:
    # `rapport --help | true`: argparse's words wait in the buffer past main(); the
    # interpreter's flush at exit said "Exception ignored ... BrokenPipeError", status 120.
    import os
    import subprocess
    import sys

    from tests.desktop_app.test_cli_walk import _RUN

    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-c", _RUN, *words],
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=120,
            env={k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"},
        )
    finally:
        os.close(write_end)
    assert done.stderr == b""
    assert done.returncode == 1


def test_a_kiosk_s_fault_is_logged_nowhere_and_its_words_are_not_quoted(tmp_path: Path) -> None:
    # Everyone who answers at a kiosk shares its account, so a kiosk keeps no log (the
    # apps' rule); the last resort wrote the traceback, and an answer its message quoted,
    # to that account's log all the same.
    done = _console_main_whose_main(
        tmp_path,
        [
            "error_report.install(log_file=False)",
            "raise ValueError('could not read: my manager Anna ignores IT')",
        ],
        "respond",
        "--kiosk",
        str(tmp_path / "ws"),
    )
    err = done.stderr.decode()
    assert done.returncode == 1, err
    assert "an unexpected error stopped the command (ValueError)" in err
    assert "a kiosk keeps no log" in err
    assert "Anna" not in err and "Traceback" not in err
    assert not (tmp_path / "logs").exists()


def test_ctrl_c_before_the_command_runs_is_status_130_not_a_traceback(tmp_path: Path) -> None:
    # Ctrl+C while the command line is read (its modules loading): main()'s own handler
    # covers only the command's run, so Python printed a KeyboardInterrupt traceback.
    done = _console_main_whose_main(tmp_path, ["raise KeyboardInterrupt"], "analyze")
    assert done.returncode == 130
    assert done.stderr.decode() == "rapport: interrupted; nothing was done.\n"
