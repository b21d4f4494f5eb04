"""Stop 36's walk of the command line: where the commands that write a CSV (`sentiment`,
`themes`, `labels suggest`, `labels export`) may write it, checked as `rapport export` checks
its files, from the installed console script in a process of its own."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.desktop_app.test_cli_walk import _RUN, rapport


def _source(tmp_path: Path) -> Path:
    source = tmp_path / "in.csv"
    source.write_text("text\nThe handover was slow.\n", encoding="utf-8")
    return source


@pytest.mark.parametrize("command", ["sentiment", "themes"])
def test_a_missing_output_folder_is_refused_not_created(tmp_path: Path, command: str) -> None:
    out = tmp_path / "reprots" / "scored.csv"  # a mistyped folder
    done = rapport(command, str(_source(tmp_path)), "--out", str(out))
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert f"{out.parent} does not exist; create the folder first or choose another one." in err
    assert "Traceback" not in err and "%]" not in err
    assert not out.parent.exists()


def test_labels_export_refuses_a_missing_folder_too(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    assert rapport("init", str(workspace), "--departments", "Sales,IT").returncode == 0
    out = tmp_path / "nowhere" / "labels.csv"
    done = rapport("labels", "export", str(workspace), "--out", str(out))
    assert done.returncode == 2
    assert b"does not exist; create the folder first" in done.stderr
    assert not out.parent.exists()


@pytest.mark.parametrize("command", ["sentiment", "themes"])
def test_a_file_in_the_way_of_the_folder_is_called_a_file(tmp_path: Path, command: str) -> None:
    source = _source(tmp_path)
    done = rapport(command, str(source), "--out", str(source / "scored.csv"))
    assert done.returncode == 2
    assert f"{source} is a file, not a folder".encode() in done.stderr


def test_export_calls_a_file_in_the_way_a_file_not_missing(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    assert rapport("init", str(workspace), "--departments", "Sales,IT").returncode == 0
    notes = tmp_path / "notes.txt"
    notes.write_text("x", encoding="utf-8")
    for option, name in (("--pptx", "deck.pptx"), ("--csv", "tables")):
        done = rapport("export", str(workspace), option, str(notes / name))
        assert done.returncode == 2
        assert f"{notes} is a file, not a folder".encode() in done.stderr, done.stderr


def test_a_read_only_output_folder_is_refused_before_the_scoring(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # In process: root may write anywhere, so the folder's refusal is a monkeypatch.
    import tempfile

    from desktop_app.cli import main

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "TemporaryFile", refuse)
    out = tmp_path / "scored.csv"
    assert main(["sentiment", str(_source(tmp_path)), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"Cannot write in {tmp_path} (Permission denied)" in err
    assert "%]" not in err  # refused before "[  0%] Scoring sentiment"
    assert not out.exists()


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_the_csv_written_gets_the_permissions_of_a_new_file_as_exports_do(
    tmp_path: Path,
) -> None:
    out = tmp_path / "scored.csv"
    done = rapport("sentiment", str(_source(tmp_path)), "--out", str(out))
    assert done.returncode == 0, done.stderr.decode()
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask  # not mkstemp's 0600
    assert not list(tmp_path.glob(".scored-*"))  # no temporary file left


def test_out_dash_is_refused_not_a_file_named_dash(tmp_path: Path) -> None:
    # `analyze --json -` writes to standard output; `sentiment --out -` wrote a file
    # named "-" in the current folder and said "into -".
    workspace = tmp_path / "ws"
    assert rapport("init", str(workspace), "--departments", "Sales,IT").returncode == 0
    source = _source(tmp_path)
    runs = (
        ["sentiment", str(source)],
        ["themes", str(source)],
        ["labels", "export", str(workspace)],
    )
    for words in runs:
        done = subprocess.run(
            [sys.executable, "-c", _RUN, *words, "--out", "-"],
            capture_output=True,
            timeout=120,
            cwd=tmp_path,
        )
        assert done.returncode == 2, done.stderr
        assert b"--out -: this command writes a CSV file, not to standard output" in done.stderr
        assert not (tmp_path / "-").exists()


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
@pytest.mark.parametrize("command", ["sentiment", "themes"])
def test_a_private_source_gives_a_private_csv(tmp_path: Path, command: str) -> None:
    # The CSV repeats every text of the file read: HR's private file of raw comments
    # (0600) was scored into one every user of the computer could read (0644).
    source = _source(tmp_path)
    source.chmod(0o600)
    out = tmp_path / "scored.csv"
    done = rapport(command, str(source), "--out", str(out))
    assert done.returncode == 0, done.stderr.decode()
    assert stat.S_IMODE(out.stat().st_mode) & 0o077 == 0
    source.chmod(0o640)  # a group's file: the group keeps reading what is made from it
    done = rapport(command, str(source), "--out", str(out))
    assert done.returncode == 0, done.stderr.decode()
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o640 & (0o666 & ~umask)
