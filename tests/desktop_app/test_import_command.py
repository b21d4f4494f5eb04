"""`rapport import`, `rapport roster import`, `rapport names import` from the command line."""

from __future__ import annotations

import pytest

from desktop_app.cli import main
from surveys.csv_import import import_csv
from tests.desktop_app.worker_start_spy import run_spied
from tests.surveys.csv_helpers import snapshot
from tests.surveys.importing.helpers import CASES, content, fixture, new_workspace


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_layout_imports_like_its_tidy_twin(tmp_path, capsys, name):
    mapping_name, tidy_name, _ = CASES[name]
    wide, tidy = new_workspace(tmp_path / "wide"), new_workspace(tmp_path / "tidy")
    args = ["import", str(wide), str(fixture(name)), "--mapping", str(fixture(mapping_name))]
    assert main(args) == 0
    out, err = capsys.readouterr()
    assert err.startswith("Detected: ")
    assert "new responses, 0 already imported" in out
    import_csv(tidy, fixture(tidy_name))
    assert content(wide) == content(tidy)
    assert main(args) == 0
    assert "0 new responses" in capsys.readouterr().out


def test_a_file_the_suggestion_is_sure_of_needs_no_mapping(tmp_path, capsys):
    workspace = new_workspace(tmp_path / "ws")
    assert main(["import", str(workspace), str(fixture("surveymonkey.xlsx"))]) == 0
    out, err = capsys.readouterr()
    assert err == (
        "Detected: SurveyMonkey export (two header rows); no --mapping: using the suggestion.\n"
    )
    assert "14 new responses" in out


def test_a_file_that_needs_checking_lists_the_lines_and_imports_nothing(tmp_path, capsys):
    workspace = new_workspace(tmp_path / "ws")
    before = snapshot(workspace)
    assert main(["import", str(workspace), str(fixture("forms.xlsx"))]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[1].endswith(
        "scale numbers_1_5: not certain (0.60): numbers read as a 1-5 "
        "scale (answers seen: 1 to 5); if the question had another range, "
        "correct this table"
    )
    assert (
        f"rapport import --suggest-mapping {fixture('forms.xlsx')} --workspace {workspace}"
        in "\n".join(err)
    )
    assert err[-1].endswith("Nothing was imported.")
    assert snapshot(workspace) == before


def test_suggest_mapping_writes_yaml_to_stdout_and_a_summary_to_stderr(tmp_path, capsys):
    workspace = new_workspace(tmp_path / "ws")
    path = fixture("qualtrics.csv")
    assert main(["import", "--suggest-mapping", str(path), "--workspace", str(workspace)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("# Rapport import mapping for qualtrics.csv\n")
    assert "format: rapport-import-1\n" in out
    assert err.strip() == (
        "Detected: Qualtrics export (three header rows); read as CSV, comma-separated, UTF-8 "
        "with BOM. 20 answer columns, 15 dropped; 1 line to check (marked CHECK)."
    )
    saved = tmp_path / "map.yaml"
    saved.write_text(out, encoding="utf-8")
    assert main(["import", str(workspace), str(path), "--mapping", str(saved)]) == 0


def test_problems_are_listed_with_row_and_column(tmp_path, capsys):
    workspace = new_workspace(tmp_path / "ws", ["Sales", "IT", "Marketing"])
    args = [
        "import",
        str(workspace),
        str(fixture("generic.csv")),
        "--mapping",
        str(fixture("generic.map.yaml")),
    ]
    assert main(args) == 2
    err = capsys.readouterr().err.splitlines()
    assert any(
        line.startswith(f"{fixture('generic.map.yaml')}:")
        and "'Operations' is not in the workspace" in line
        for line in err
    )
    assert err[-1] == "Nothing was imported."


def test_usage_mistakes_are_one_line_without_traceback(tmp_path, capsys):
    assert main(["import", str(tmp_path)]) == 2
    assert "give the workspace and the file" in capsys.readouterr().err
    assert main(["import", str(tmp_path / "nowhere"), str(fixture("google.csv"))]) == 2
    assert "does not exist or cannot be reached" in capsys.readouterr().err
    assert (
        main(
            [
                "import",
                str(new_workspace(tmp_path / "ws")),
                str(fixture("google.csv")),
                "--mapping",
                str(tmp_path / "missing.yaml"),
            ]
        )
        == 2
    )
    assert "missing.yaml:1: file: does not exist" in capsys.readouterr().err


def test_roster_and_names_commands(tmp_path, capsys):
    workspace = new_workspace(tmp_path / "ws")
    roster = tmp_path / "roster.csv"
    roster.write_text("Team,Headcount\nSales,40\nLab,9\n", encoding="utf-8")
    assert main(["roster", "import", str(workspace), str(roster), "--dry-run"]) == 0
    assert capsys.readouterr().out.startswith("Would set 2 headcounts")
    assert main(["roster", "import", str(workspace), str(roster)]) == 0
    assert "Lab: 9 (new department)" in capsys.readouterr().out
    names = tmp_path / "names.csv"
    names.write_text("Name\nJosé García\nAnn Lee\n", encoding="utf-8")
    assert main(["names", "import", str(workspace), str(names)]) == 0
    assert capsys.readouterr().out.startswith("Stored 2 names for redaction")
    assert main(["names", "clear", str(workspace)]) == 2  # no terminal to ask on: refused
    assert "add --yes" in capsys.readouterr().err
    assert main(["names", "clear", str(workspace), "--yes"]) == 0
    removed = "Removed 2 imported names; run `rapport analyze` to apply it.\n"
    assert capsys.readouterr().out == removed
    bad = tmp_path / "bad.csv"
    bad.write_text("Team,Headcount\nSales,many\n", encoding="utf-8")
    assert main(["roster", "import", str(workspace), str(bad)]) == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{bad}:2: column B \"Headcount\": 'many' is not a headcount; write a whole number of "
        "people"
    )


def test_the_comment_worker_starts_before_the_import_loads(tmp_path) -> None:
    # The worker needs about 0.1 s to start: it starts while the import's modules load.
    workspace = new_workspace(tmp_path / "ws")
    done = run_spied("import", workspace, fixture("surveymonkey.xlsx"))
    assert done.returncode == 0, done.stderr
    assert "loaded when the worker starts: False" in done.stdout
    assert "14 new responses" in done.stdout
