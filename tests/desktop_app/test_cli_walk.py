"""The command line as a new user meets it from a shell: the real `rapport` console script,
run as a separate process, with the terminal's encoding, display and streams it would have.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys

import pytest

from desktop_app.cli import build_parser, main
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


def _without_display(tmp_path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _DISPLAY_VARIABLES}
    return {**env, "XDG_CONFIG_HOME": str(tmp_path / "config"), "HOME": str(tmp_path)}


_DISPLAY_VARIABLES = {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}


def test_windows_without_a_display_are_refused_with_what_to_do(tmp_path):
    create_workspace(tmp_path / "ws", ["Sales", "IT"]).close()
    env = _without_display(tmp_path)
    for args, name in [([], "rapport"), (["open", str(tmp_path / "ws")], "rapport open")]:
        done = subprocess.run(
            [sys.executable, "-c", _RUN, *args], capture_output=True, timeout=120, env=env
        )
        err = done.stderr.decode()
        assert done.returncode == 2, err  # was 134: Qt aborted on its platform plugin
        assert err.startswith(f"{name}: this opens a window, but no display was found")
        assert "ssh -X" in err and "qt.qpa" not in err


def test_a_bad_workspace_is_still_named_before_the_display(tmp_path):
    env = _without_display(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", _RUN, "open", str(tmp_path / "gone")],
        capture_output=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 2
    assert b"does not exist or cannot be reached" in done.stderr


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


def test_a_file_given_as_the_workspace_is_called_a_file(tmp_path, capsys):
    create_workspace(tmp_path / "ws", ["Sales", "IT"]).close()
    (tmp_path / "notes.txt").write_text("not a workspace")
    assert main(["analyze", str(tmp_path / "notes.txt")]) == 2
    err = capsys.readouterr().err  # was: "does not exist or cannot be reached"
    assert "notes.txt is a file, not a workspace folder; give the folder that holds" in err
    assert main(["analyze", str(tmp_path / "ws" / "rapport.db")]) == 2
    err = capsys.readouterr().err
    assert f"is the workspace's database; give the folder that holds it: {tmp_path / 'ws'}." in err


def test_a_file_given_as_the_shared_folder_is_called_a_file(tmp_path, capsys, monkeypatch):
    create_workspace(tmp_path / "ws", ["Sales", "IT"]).close()
    (tmp_path / "share.txt").write_text("")
    monkeypatch.setenv("RAPPORT_PASSPHRASE", "correct horse battery")
    for create in ([], ["--create"]):
        argv = ["publish", str(tmp_path / "ws"), "--share", str(tmp_path / "share.txt")]
        assert main([*argv, "--wave", "2026-12", *create]) == 2
        err = capsys.readouterr().err
        assert "share.txt is a file, not a folder; give the shared folder" in err
        assert "Traceback" not in err


def _leaf_commands(parser, path=()):
    """Every command a user runs, as its words (("roster", "import"), ("analyze",))."""
    nested = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not nested:
        yield path
    for action in nested:
        for name, sub in action.choices.items():
            yield from _leaf_commands(sub, (*path, name))


def test_every_command_has_an_example_that_the_parser_accepts():
    from desktop_app.commands.examples import EXAMPLES

    leaves = {" ".join(words) for words in _leaf_commands(build_parser()) if words}
    assert leaves == set(EXAMPLES)  # a new command gets an example, a removed one loses it
    for command, lines in EXAMPLES.items():
        for line in lines:
            words = shlex.split(line.split(" > ")[0])
            assert words[0] == "rapport" and " ".join(words[1:]).startswith(command)
            args = build_parser().parse_args(words[1:])  # SystemExit on a wrong option
            assert args.command == command.split()[0]


def test_help_ends_with_examples_kept_on_one_line_to_copy(capsys):
    with pytest.raises(SystemExit):
        main(["roster", "import", "--help"])
    out = capsys.readouterr().out
    assert "\nexamples:\n  rapport roster import demo-workspace employees.xlsx --dry-run\n" in out
    assert (
        "\n  rapport roster import demo-workspace headcounts.csv "
        "--department-column Team --headcount-column People\n" in out
    )
    with pytest.raises(SystemExit):
        main(["close", "--help"])  # its exit status stays, after the example
    out = capsys.readouterr().out
    assert "example:\n  rapport close hr-pulse --wave 2026-11\n\nexit status: 0 closed" in out


def test_the_main_help_gives_a_first_session_and_every_exit_status(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "examples: rapport demo rapport analyze demo-workspace" in out
    for status in ("0 done", "1 --self-test", "2 an error", "3 done with a warning", "130"):
        assert status in out


def test_options_and_files_all_have_help_and_named_values(capsys):
    for words in _leaf_commands(build_parser()):
        parser = build_parser()
        for word in words:  # down to the command's own parser
            (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
            parser = action.choices[word]
        for action in parser._actions:
            assert action.help, f"rapport {' '.join(words)}: {action.option_strings} has no help"
            if action.option_strings and action.nargs != 0 and not action.choices:
                metavar = action.metavar or action.dest.upper()
                assert "_" not in metavar, f"rapport {' '.join(words)}: {metavar}"


def test_one_problem_in_a_template_is_fixed_as_it(tmp_path, capsys):
    assert main(["survey", "validate", str(tmp_path / "none.yaml")]) == 2
    assert ": 1 problem; fix it and validate again:" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["sentiment", "themes"])
def test_out_over_the_file_being_read_is_refused_and_it_stays(tmp_path, capsys, command):
    source = tmp_path / "comments.csv"
    source.write_bytes("text;label\r\ngréat work;positive\r\n".encode("cp1252"))
    before = source.read_bytes()
    out = tmp_path / "." / "comments.csv"  # the same file, written another way
    assert main([command, str(source), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "is the file being read; give another name, such as" in err
    assert source.read_bytes() == before  # was rewritten as UTF-8 with commas


def test_a_folder_as_the_passphrase_file_is_not_called_readable_by_others(
    tmp_path, capsys, monkeypatch
):
    monkeypatch.delenv("RAPPORT_PASSPHRASE", raising=False)
    create_workspace(tmp_path / "ws", ["Sales", "IT"]).close()
    (tmp_path / "keys").mkdir(mode=0o755)
    argv = ["tickets", str(tmp_path / "ws"), "--share", str(tmp_path / "share")]
    assert main([*argv, "--passphrase-file", str(tmp_path / "keys")]) == 2
    err = capsys.readouterr().err
    assert "cannot read" in err and "(Is a directory)" in err
    assert "can be read by other users" not in err and "chmod" not in err


def test_a_mapping_that_is_a_folder_or_missing_says_what_to_do(tmp_path, capsys):
    create_workspace(tmp_path / "ws", ["Sales", "IT"]).close()
    export = tmp_path / "forms.csv"
    export.write_text("ID,Which department do you work in?,Rate IT\n1,Sales,Agree\n")
    argv = ["import", str(tmp_path / "ws"), str(export), "--mapping"]
    assert main([*argv, str(tmp_path)]) == 2
    err = capsys.readouterr().err  # was: "cannot be read ([Errno 21] ...); save it as UTF-8"
    assert "1 problem in import mapping" in err and "fix it and import again" in err
    assert "file: is a folder; give the mapping file (.yaml) inside it" in err
    assert "UTF-8" not in err
    assert main([*argv, str(tmp_path / "map.yaml")]) == 2
    assert "file: does not exist; check the file name and folder" in capsys.readouterr().err


def test_json_to_standard_output_is_only_the_json(demo_workspace, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["analyze", str(demo_workspace), "--json", "-", "--quiet"]) == 0
    out = capsys.readouterr().out
    analysis = json.loads(out)  # no summary before it, no "Wrote -." after it
    assert analysis["wave"] == "2026-10" and analysis["hotspots"]
    assert not (tmp_path / "-").exists()  # was: a file named "-"


def test_ctrl_c_names_the_command_it_stopped(tmp_path, capsys, monkeypatch):
    import analysis.pipeline

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(analysis.pipeline, "analyse_workspace", interrupted)
    create_workspace(tmp_path / "ws", ["Sales", "IT"]).close()
    assert main(["analyze", str(tmp_path / "ws"), "--quiet"]) == 130
    err = capsys.readouterr().err  # was a bare "Interrupted; ..." line
    assert err.endswith("rapport analyze: interrupted; nothing was half-written.\n")


@pytest.fixture
def no_passphrase(monkeypatch):
    monkeypatch.delenv("RAPPORT_PASSPHRASE", raising=False)


def test_a_utf16_passphrase_file_is_read_and_a_binary_one_refused(tmp_path, capsys, no_passphrase):
    create_workspace(tmp_path / "ws", ["Sales", "IT"]).close()
    argv = ["tickets", str(tmp_path / "ws"), "--share", str(tmp_path / "share")]
    utf16 = tmp_path / "pass-utf16.txt"  # Windows PowerShell 5: echo ... > pass.txt
    utf16.write_bytes("correct horse battery\r\n".encode("utf-16"))
    utf16.chmod(0o600)
    assert main([*argv, "--passphrase-file", str(utf16)]) == 2
    err = capsys.readouterr().err  # was: UnicodeDecodeError, a traceback
    assert "has no key pair yet" in err  # the passphrase was read; the key comes next
    binary = tmp_path / "pass.bin"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\xff\x00")
    binary.chmod(0o600)
    assert main([*argv, "--passphrase-file", str(binary)]) == 2
    err = capsys.readouterr().err
    assert "pass.bin is not a text file in UTF-8; save the passphrase in it as UTF-8" in err


def test_ctrl_d_at_the_passphrase_prompt_is_a_message(tmp_path, capsys, monkeypatch, no_passphrase):
    import getpass

    def ended(_prompt=""):
        raise EOFError

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(getpass, "getpass", ended)
    create_workspace(tmp_path / "ws", ["Sales", "IT"]).close()
    argv = ["tickets", str(tmp_path / "ws"), "--share", str(tmp_path / "share")]
    assert main(argv) == 2
    err = capsys.readouterr().err  # was: EOFError, a traceback, status 1
    assert "rapport tickets: No passphrase was typed (the input ended); nothing was done." in err


def test_a_folder_as_the_taxonomy_and_one_template_problem(tmp_path, capsys):
    texts = tmp_path / "texts.csv"
    texts.write_text("text\nslow tickets\n")
    argv = ["themes", str(texts), "--out", str(tmp_path / "out.csv"), "--taxonomy"]
    assert main([*argv, str(tmp_path)]) == 2
    err = capsys.readouterr().err  # was: "cannot be read ([Errno 21] ...); save it as UTF-8"
    assert "is a folder; give the taxonomy file (.yaml) inside it." in err
    assert "UTF-8" not in err
    create_workspace(tmp_path / "ws", ["Sales", "IT"]).close()
    template = ["--template", str(tmp_path / "none.yaml")]
    assert main(["publish", str(tmp_path / "ws"), "--local", "--wave", "2027-02", *template]) == 2
    assert "1 problem in survey template" in (err := capsys.readouterr().err)
    assert "; fix it and try again:" in err


def test_validating_a_folder_says_to_give_the_file_inside_it(tmp_path, capsys):
    assert main(["survey", "validate", str(tmp_path)]) == 2
    err = capsys.readouterr().err  # was only: "cannot be read (Is a directory)"
    assert "it is a folder: give the template file (.yaml) inside it" in err


def test_a_file_name_that_is_not_utf8_is_printed_not_a_traceback(tmp_path):
    folder = os.fsencode(tmp_path) + b"/Ber\xe9ich"  # Latin-1, as an old share names it
    done = subprocess.run(
        [sys.executable.encode(), b"-c", _RUN.encode(), b"init", folder],
        capture_output=True,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},  # strict, as in en_US.UTF-8
    )
    assert b"Traceback" not in done.stderr, done.stderr.decode(errors="replace")
    assert done.returncode == 0
    assert b"Created workspace " in done.stdout and b"Ber\\xe9ich with departments" in done.stdout


def test_a_suggested_mapping_redirected_on_a_windows_code_page_is_utf8(tmp_path):
    export = tmp_path / "ankieta.csv"
    export.write_text("ID,Dział,Oceń IT\n1,Sales,Agree\n", encoding="utf-8")
    done = rapport("import", "--suggest-mapping", str(export), env={"PYTHONIOENCODING": "cp1252"})
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    mapping = done.stdout.decode("utf-8")  # what --mapping reads
    assert "column: Dział" in mapping and "Oceń IT" in mapping


def test_schedule_set_checks_targets_and_template_when_they_are_typed(tmp_path, capsys):
    create_workspace(tmp_path / "ws", ["Sales", "IT", "Legal"]).close()
    argv = ["schedule", "set", str(tmp_path / "ws"), "--cadence", "monthly", "--starts"]
    argv.append("2027-01-04")
    # Was stored, and refused only when `schedule run` published from cron weeks later.
    assert main([*argv, "--targets", "Legalx,IT"]) == 2
    err = capsys.readouterr().err
    assert "rapport schedule set: --targets: Legalx is not a department of this workspace" in err
    assert main([*argv, "--template", "nope"]) == 2
    err = capsys.readouterr().err  # was: "... load yours (Pulses → New wave → Load template…)"
    assert "there is no survey template 'nope'; use one of full-pulse, liaison-check" in err
    assert "Pulses" not in err
    assert main(["schedule", "show", str(tmp_path / "ws")]) == 0
    assert "No pulse programme yet" in capsys.readouterr().out
    assert main([*argv, "--targets", "legal,it"]) == 0
    assert "asking about Legal, IT." in capsys.readouterr().out


def test_help_as_a_word_gives_the_commands_help(capsys):
    for words in (["analyze"], ["roster", "import"], []):
        with pytest.raises(SystemExit) as exited:
            main(["help", *words])  # was: "invalid choice: 'help'", status 2
        assert exited.value.code == 0
        usage = " ".join(["rapport", *words])
        assert capsys.readouterr().out.startswith(f"usage: {usage} [-h]")
    assert main(["version"]) == 2
    assert "the version is 'rapport --version'" in capsys.readouterr().err


def _summaries_and_file_helps(parser, path=()):
    """(command, its one-line summary, the help of its positionals) for every command."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            lines = {choice.dest: choice.help or "" for choice in action._choices_actions}
            for name, sub in action.choices.items():
                files = " ".join(a.help or "" for a in sub._actions if not a.option_strings)
                yield " ".join((*path, name)), lines[name], files
                yield from _summaries_and_file_helps(sub, (*path, name))


def test_a_commands_summary_names_the_files_it_reads():
    """`rapport --help` says `sentiment` and `themes` read TSV and XLSX as their --help does
    (it said 'in a CSV'), and every summary words the kinds alike ('CSV, TSV or XLSX')."""
    wrong = []
    for command, summary, files in _summaries_and_file_helps(build_parser()):
        kinds = [k for k in ("tsv", "xlsx") if k in files.lower()]
        if kinds and "CSV, TSV or XLSX" not in summary:
            wrong.append(f"rapport {command}: {summary!r}")
    assert wrong == []


#: Options whose value means something else in one command, so named otherwise there:
#: publish names a new wave, schedule set takes a built-in template's key only, and demo
#: makes the workspace folder.
OWN_METAVAR = {("publish", "--wave"), ("schedule set", "--template"), ("demo", "--workspace")}


def _metavars(parser, path=()):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _metavars(sub, (*path, name))
        elif action.option_strings and action.nargs != 0 and not action.choices:
            yield " ".join(path), action.option_strings[-1], action.metavar or action.dest.upper()


def test_an_option_names_its_value_alike_in_every_command():
    """`--wave WAVE` in analyze and close was `--wave W` in export and import, and `--out`
    was OUT.csv in sentiment but FILE.csv in labels."""
    seen: dict[str, set[str]] = {}
    for command, option, metavar in _metavars(build_parser()):
        if (command, option) not in OWN_METAVAR:
            seen.setdefault(option, set()).add(metavar)
    assert {o: m for o, m in seen.items() if len(m) > 1} == {}
