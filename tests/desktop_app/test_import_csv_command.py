"""`rapport import-csv`: summary, FILE:LINE: field: message errors, exit codes."""

from __future__ import annotations

import gc

import pytest

from desktop_app.cli import main
from tests.desktop_app.worker_start_spy import run_spied
from tests.surveys.csv_helpers import GOOD, HEADER, rows, write


def test_cli_prints_a_summary_and_says_when_everything_was_there(
    workspace, tmp_path, capsys
) -> None:
    path = write(tmp_path, GOOD)
    assert main(["import-csv", str(workspace), str(path)]) == 0
    out = capsys.readouterr().out
    assert "3 new submissions, 0 already imported" in out
    assert "6 answers and 1 comment added" in out

    assert main(["import-csv", str(workspace), str(path)]) == 0
    assert "0 new submissions, 3 already imported" in capsys.readouterr().out


def test_cli_lists_problems_as_file_line_field_and_exits_2(workspace, tmp_path, capsys) -> None:
    path = write(tmp_path, f"{HEADER}\ns-1,2026-10,Sales,IT,timely,9\ns-2,2026-10,HR,IT,timely,1\n")

    assert main(["import-csv", str(workspace), str(path)]) == 2

    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{path}:2: value: 9 is out of range")
    assert err[1].startswith(f"{path}:3: respondent_department: unknown department 'HR'")
    assert err[-1] == "Nothing was imported."
    assert rows(workspace, "SELECT count(*) FROM submissions") == [(0,)]


def test_cli_help_describes_the_command(capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["import-csv", "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert "submission_id,wave,respondent_department,target_department,item,value" in out
    assert "nothing is imported" in out


def test_cli_reports_a_missing_workspace_or_file_without_traceback(tmp_path, capsys) -> None:
    path = write(tmp_path, GOOD)
    assert main(["import-csv", str(tmp_path / "none"), str(path)]) == 2
    assert "does not exist or cannot be reached" in capsys.readouterr().err
    (tmp_path / "ws").mkdir()
    assert main(["init", str(tmp_path / "ws2")]) == 0
    assert main(["import-csv", str(tmp_path / "ws2"), str(tmp_path / "missing.csv")]) == 2
    err = capsys.readouterr().err
    assert "missing.csv does not exist" in err and "Traceback" not in err


def test_cli_starts_the_comment_worker_before_loading_the_import(workspace, tmp_path) -> None:
    # The worker needs about 0.1 s to start: it starts while the import's modules load.
    path = write(tmp_path, GOOD)
    done = run_spied("import-csv", workspace, path)
    assert done.returncode == 0, done.stderr
    assert "loaded when the worker starts: False" in done.stdout
    assert "3 new submissions" in done.stdout


def test_cli_imports_with_the_collector_paused(workspace, tmp_path, monkeypatch) -> None:
    from surveys import csv_import

    seen: list[bool] = []
    real = csv_import.import_csv
    monkeypatch.setattr(
        csv_import, "import_csv", lambda *a, **k: seen.append(gc.isenabled()) or real(*a, **k)
    )
    was_enabled = gc.isenabled()  # these tests' Qt application may have turned it off
    gc.enable()
    try:
        assert main(["import-csv", str(workspace), str(write(tmp_path, GOOD))]) == 0
        assert seen == [False] and gc.isenabled()
    finally:
        if not was_enabled:
            gc.disable()
