"""`rapport export`: analysis first, then the files, each one logged in the workspace.

The analysis pipeline is replaced by a stand-in returning the fixture result, so these
tests check the command itself (arguments, files, log, messages).
"""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from analysis.export import export_history
from desktop_app.cli import main
from surveys.store import open_workspace
from tests.analysis.export_fixtures import analysis_result


@pytest.fixture
def pipeline_calls(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    calls: list[dict] = []

    def analyse_workspace(folder, wave=None, progress=None):
        calls.append({"folder": Path(folder), "wave": wave})
        if progress is not None:
            progress(1.0, "Analysed")
        return analysis_result()

    module = types.ModuleType("analysis.pipeline")
    module.analyse_workspace = analyse_workspace
    monkeypatch.setitem(sys.modules, "analysis.pipeline", module)
    return calls


def test_export_writes_all_three_and_logs_them(
    workspace: Path, tmp_path: Path, pipeline_calls: list[dict], capsys: pytest.CaptureFixture
) -> None:
    deck, book, folder = tmp_path / "deck.pptx", tmp_path / "tables.xlsx", tmp_path / "csv"
    argv = ["export", str(workspace), "--pptx", str(deck), "--xlsx", str(book)]
    code = main([*argv, "--csv", str(folder), "--wave", "2026-09"])
    assert code == 0
    assert pipeline_calls == [{"folder": workspace, "wave": "2026-09"}]
    assert len(Presentation(str(deck)).slides) == 11  # 4 hotspot slides by default
    assert load_workbook(book).sheetnames == [
        "matrix",
        "hotspots",
        "themes",
        "participation",
        "trends",
        "comments",
    ]
    assert sorted(p.name for p in folder.iterdir()) == [
        "comments.csv",
        "hotspots.csv",
        "matrix.csv",
        "participation.csv",
        "themes.csv",
        "trends.csv",
    ]
    db = open_workspace(workspace)
    history = export_history(db)
    assert sorted(r.kind for r in history) == ["csv", "pptx", "xlsx"]
    assert {r.wave for r in history} == {"2026-09"}
    assert {r.path for r in history} == {str(p.resolve()) for p in (deck, book, folder)}
    out, err = capsys.readouterr()
    assert "Wrote PPTX" in out and str(deck.resolve()) in out
    assert "100%" in err  # progress went to stderr


def test_export_needs_an_output(workspace: Path, pipeline_calls, capsys) -> None:
    assert main(["export", str(workspace)]) == 2
    assert "give --pptx OUT.pptx" in capsys.readouterr().err
    assert pipeline_calls == []


def test_bad_output_is_refused_before_the_analysis(
    workspace: Path, tmp_path: Path, pipeline_calls, capsys
) -> None:
    code = main(["export", str(workspace), "--pptx", str(tmp_path / "nowhere" / "d.pptx")])
    assert code == 2
    err = capsys.readouterr().err
    assert "does not exist" in err and "Traceback" not in err
    assert pipeline_calls == []
    assert export_history(open_workspace(workspace)) == []


def test_missing_workspace_is_a_clear_error(tmp_path: Path, pipeline_calls, capsys) -> None:
    code = main(["export", str(tmp_path / "none"), "--xlsx", str(tmp_path / "t.xlsx")])
    assert code == 2
    assert "does not exist or cannot be reached" in capsys.readouterr().err
    assert pipeline_calls == [] and not (tmp_path / "t.xlsx").exists()


def test_hotspots_option_chooses_the_number_of_hotspot_slides(
    workspace: Path, tmp_path: Path, pipeline_calls: list[dict], capsys: pytest.CaptureFixture
) -> None:
    deck = tmp_path / "one.pptx"
    assert main(["export", str(workspace), "--pptx", str(deck), "--hotspots", "1"]) == 0
    titles = [s.shapes.title.text for s in Presentation(str(deck)).slides]
    assert [t for t in titles if t.startswith("Hotspot ") and ":" in t] == ["Hotspot 1: Sales → IT"]
    assert "(deck with 1 hotspot slide)" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["export", str(workspace), "--pptx", str(deck), "--hotspots", "6"])
    assert "invalid choice" in capsys.readouterr().err


def test_the_command_line_uses_the_deck_s_hotspot_limits() -> None:
    import analysis.export
    from desktop_app.commands import export

    assert export.DEFAULT_HOTSPOT_SLIDES == analysis.export.DEFAULT_HOTSPOT_SLIDES
    assert export.MAX_HOTSPOT_SLIDES == analysis.export.MAX_HOTSPOT_SLIDES


def test_a_full_disk_mid_export_is_said_in_words_and_leaves_nothing_half_written(
    workspace: Path,
    tmp_path: Path,
    pipeline_calls: list[dict],
    capsys: pytest.CaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The deck is complete in its temporary file when the disk fills up (the rename fails
    with ENOSPC). Before: "...: No space left on device. Check the path, that the folder
    exists and that you may read or write there" (none of which was wrong)."""
    import errno
    import os

    out = tmp_path / "out"
    out.mkdir()
    deck = out / "deck.pptx"
    real = os.replace

    def full(src, dst, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if Path(dst).parent == out:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))
        return real(src, dst, *args, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(os, "replace", full)
        assert main(["export", str(workspace), "--pptx", str(deck)]) == 2
    err = capsys.readouterr().err
    assert str(deck) in err and "The disk is full: free some space there" in err
    assert "Check the path" not in err and "Traceback" not in err
    assert list(out.iterdir()) == []  # no deck, no temporary file

    assert main(["export", str(workspace), "--pptx", str(deck)]) == 0  # space again
    assert len(Presentation(str(deck)).slides) == 11  # 4 hotspot slides by default
