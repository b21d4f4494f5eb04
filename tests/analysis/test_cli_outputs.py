"""Output files of `rapport analyze --json` and of the exports: whole files, usual permissions.

Each case here was found by running the commands by hand (see docs/qa.md).
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from analysis.export.files import ExportError, write_text
from desktop_app.cli import main
from tests.analysis.core_helpers import Filler, use_fake_engine


@pytest.fixture
def analysed(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    filler = Filler(workspace)
    filler.group("2026-10", "Sales", "IT", 6, 2)
    filler.group("2026-10", "IT", "Sales", 6, 4)
    filler.close()
    use_fake_engine(monkeypatch)
    return workspace


def test_json_to_a_folder_is_refused_before_the_analysis(analysed, tmp_path, capsys) -> None:
    folder = tmp_path / "out"
    folder.mkdir()

    assert main(["analyze", str(analysed), "--json", str(folder), "--quiet"]) == 2

    out, err = capsys.readouterr()
    assert "is a folder; give a file name inside it" in err and "Traceback" not in err
    assert out == ""  # refused before the analysis printed anything
    assert list(folder.iterdir()) == []


def test_json_to_a_missing_folder_names_it(analysed, tmp_path, capsys) -> None:
    target = tmp_path / "missing" / "a.json"
    assert main(["analyze", str(analysed), "--json", str(target), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert f"{target.parent} does not exist" in err and "Traceback" not in err


def test_json_is_complete_and_replaces_an_earlier_file(analysed, tmp_path) -> None:
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "a.json"
    target.write_text("old", "utf-8")
    assert main(["analyze", str(analysed), "--json", str(target), "--quiet"]) == 0
    data = json.loads(target.read_text("utf-8"))
    assert {p["from"] for p in data["pairs"] if not p["suppressed"]} == {"Sales", "IT"}
    assert len(data["pairs"]) == 12  # every directed pair of four departments, rated or not
    assert [p.name for p in target.parent.iterdir()] == ["a.json"]  # no temporary left


def test_the_summary_says_what_learning_from_corrections_did(analysed, capsys) -> None:
    assert main(["analyze", str(analysed), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith(
        "Comment labels: no corrections yet; labels follow the shipped model, which adapts "
        "to HR's corrections from 20 on."
    )


def test_a_failed_write_leaves_the_earlier_file_and_no_temporary(tmp_path, monkeypatch) -> None:
    target = tmp_path / "a.json"
    target.write_text("earlier", "utf-8")

    def disk_full(self, *args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_text", disk_full)
    with pytest.raises(ExportError, match="No space left on device.*another folder"):
        write_text(target, "{}")
    monkeypatch.undo()

    assert target.read_text("utf-8") == "earlier"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_written_files_get_the_usual_permissions_not_private_temporaries(tmp_path) -> None:
    old = os.umask(0o022)
    try:
        written = write_text(tmp_path / "a.json", "{}")
    finally:
        os.umask(old)
    # mkstemp creates 0600 files; a deck or workbook meant for colleagues must be readable
    # by them like any file the user saves.
    assert stat.S_IMODE(written.stat().st_mode) == 0o644


def _read_only(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make ``folder`` refuse new files, as a read-only share does (root ignores chmod)."""
    real_temporary_file, real_mkstemp, real_mkdir = (
        tempfile.TemporaryFile,
        tempfile.mkstemp,
        Path.mkdir,
    )

    def refuse(where) -> None:
        if Path(where).resolve() == folder.resolve():
            raise PermissionError(13, "Permission denied")

    def temporary_file(*args, dir=None, **kwargs):  # noqa: A002 - tempfile's own name
        refuse(dir)
        return real_temporary_file(*args, dir=dir, **kwargs)

    def mkstemp(*args, dir=None, **kwargs):  # noqa: A002
        refuse(dir)
        return real_mkstemp(*args, dir=dir, **kwargs)

    def mkdir(self, *args, **kwargs):
        refuse(self.parent)
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(tempfile, "TemporaryFile", temporary_file)
    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    monkeypatch.setattr(Path, "mkdir", mkdir)


@pytest.mark.parametrize(
    "option",
    [["--csv", "locked/tables"], ["--csv", "locked"], ["--pptx", "locked/d.pptx"]],
)
def test_export_into_a_read_only_folder_is_refused_before_the_analysis(
    analysed, tmp_path, monkeypatch, capsys, option
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    monkeypatch.chdir(tmp_path)
    _read_only(monkeypatch, locked)
    calls = []
    monkeypatch.setattr("analysis.pipeline.analyse_workspace", lambda *a, **k: calls.append(a))

    assert main(["export", str(analysed), *option]) == 2

    err = capsys.readouterr().err
    assert "Cannot write in locked (Permission denied)" in err and "Traceback" not in err
    assert calls == [] and list(locked.iterdir()) == []


def test_json_into_a_read_only_folder_is_refused_before_the_analysis(
    analysed, tmp_path, monkeypatch, capsys
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    _read_only(monkeypatch, locked)

    code = main(["analyze", str(analysed), "--json", str(locked / "a.json"), "--quiet"])

    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert f"Cannot write in {locked}" in err and "Traceback" not in err


def test_demo_into_a_read_only_folder_says_so(tmp_path, monkeypatch, capsys) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    _read_only(monkeypatch, locked)

    assert main(["demo", "--workspace", str(locked / "demo")]) == 2

    err = capsys.readouterr().err
    assert "Cannot write the demo workspace" in err and "--workspace" in err
    assert "Traceback" not in err and list(locked.iterdir()) == []


def test_a_wave_where_every_pair_is_suppressed_does_not_claim_no_hotspots(
    workspace, monkeypatch, capsys
) -> None:
    filler = Filler(workspace)
    filler.group("2026-10", "Sales", "IT", 3, 1)  # very weak, but only 3 people
    filler.close()
    use_fake_engine(monkeypatch)

    assert main(["analyze", str(workspace), "--quiet"]) == 0

    out = capsys.readouterr().out
    assert "every pair has fewer than 5 respondents" in out
    assert "No hotspots" not in out


def test_the_fake_engine_is_gone_after_a_test_in_a_fresh_process() -> None:
    # In a process that has not imported analysis.pipeline yet (a test file run first),
    # patching comment_analysis first made the pipeline import the fake engine for good:
    # the demo's golden output was then analysed with it by every later test.
    code = (
        "import pytest\n"
        "from tests.analysis.core_helpers import use_fake_engine\n"
        "patch = pytest.MonkeyPatch()\n"
        "use_fake_engine(patch)\n"
        "patch.undo()\n"
        "import analysis.pipeline, analysis.comment_analysis as c\n"
        "assert analysis.pipeline.default_engine is c.default_engine\n"
        "assert c.default_engine.__module__ == 'analysis.comment_analysis'\n"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_demo_report_groups_thousands(tmp_path) -> None:
    """`rapport demo` printed "9240 answers": every other count Rapport shows is grouped."""
    from desktop_app.commands.demo import DemoRun, report
    from surveys.demo import DemoSummary, FolderState

    summary = DemoSummary(
        tmp_path, 0, "Northwind", 4, 6, 1549, 9240, 1476, 1391, 3, 12, (0.5, 0.6),
        ("2026-05", "2026-10"), FolderState.NEW,
    )  # fmt: skip
    text = report(DemoRun(tmp_path, 0, summary=summary))
    assert "1,549 submissions" in text
    assert "9,240 answers, 1,476 comments (1,391 different)" in text
