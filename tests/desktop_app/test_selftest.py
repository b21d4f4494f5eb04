"""`rapport --self-test`: the real checks pass here, and each kind of failure is reported
as a plain line with what is missing (exit status 1), never a traceback or a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.commands import selftest


@pytest.mark.slow
def test_self_test_passes_on_this_installation(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--self-test"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.startswith("Rapport ")
    for name, _check, _needs in selftest.CHECKS:
        assert f"ok    {name}" in out
    assert f"All {len(selftest.CHECKS)} checks passed" in out
    # The real work happened: a deck with slides and a workbook with sheets were read back.
    assert "deck of " in out and "workbook of " in out
    assert "FAIL" not in out


def test_sample_csv_imports_into_a_workspace(tmp_path: Path, workspace: Path) -> None:
    from surveys.csv_import import import_csv
    from surveys.store import open_workspace

    sample = tmp_path / "sample.csv"
    rows = selftest.write_sample_csv(sample)
    import_csv(workspace, sample)
    db = open_workspace(workspace)
    try:
        submissions = db.table("submissions").count
        comments = db.table("comments").count
    finally:
        db.close()
    departments = len(selftest.DEPARTMENTS)
    per_wave = departments * selftest.RESPONDENTS_PER_DEPARTMENT
    assert submissions == len(selftest.WAVES) * per_wave
    assert comments == submissions * (departments - 1)
    from surveys.model import DIMENSIONS

    rated_items = len(DIMENSIONS) + 1  # and overall
    assert rows == comments * (rated_items + 1)


def _only(monkeypatch: pytest.MonkeyPatch, *checks) -> None:  # noqa: ANN002
    monkeypatch.setattr(selftest, "CHECKS", list(checks))


def test_missing_vader_lexicon_is_named(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from analysis.sentiment import lexicon as sentiment_lexicon
    from analysis.sentiment import scoring  # noqa: F401 (imported before the patch)

    monkeypatch.setattr(sentiment_lexicon, "vader_lexicon_text", lambda: "")
    _only(monkeypatch, ("VADER lexicon", selftest.check_vader, ()))
    code = main(["--self-test"])
    out = capsys.readouterr().out
    assert code == 1
    assert "FAIL  VADER lexicon" in out
    assert "vader_lexicon.txt" in out and "0 entries" in out
    assert "1 of 1 checks failed" in out


def test_missing_sentiment_model_is_named(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from analysis.sentiment import model

    def missing():
        raise FileNotFoundError("sentiment_model.npz")

    monkeypatch.setattr(model, "read_shipped_model", missing)
    _only(monkeypatch, ("sentiment model", selftest.check_sentiment_model, ()))
    assert main(["--self-test"]) == 1
    out = capsys.readouterr().out
    assert "FAIL  sentiment model" in out and "analysis/data/sentiment_model.npz" in out


def test_the_sentiment_model_check_scores_comments(capsys: pytest.CaptureFixture[str]) -> None:
    detail = selftest.check_sentiment_model(selftest.SelfTest(Path(".")))
    assert "terms loaded in" in detail and "scores -" in detail


def test_missing_platform_plugin_is_reported_before_qt_aborts(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(selftest, "plugin_folder", lambda _reported: tmp_path)
    monkeypatch.setattr(selftest, "NATIVE_PLATFORM", {})
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setattr("PySide6.QtWidgets.QApplication.instance", staticmethod(lambda: None))
    with pytest.raises(selftest.CheckFailed, match="'offscreen' is not in") as failure:
        selftest.check_qt(selftest.SelfTest(tmp_path))
    assert str(tmp_path) in str(failure.value)
    assert "reinstall" in str(failure.value)


def test_missing_native_plugin_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "platforms").mkdir()
    (tmp_path / "platforms" / "libqoffscreen.so").write_bytes(b"")
    monkeypatch.setattr(selftest, "plugin_folder", lambda _reported: tmp_path)
    monkeypatch.setattr(selftest, "NATIVE_PLATFORM", {selftest.sys.platform: "xcb"})
    with pytest.raises(selftest.CheckFailed, match="'xcb' platform plugin is missing"):
        selftest.check_qt(selftest.SelfTest(tmp_path))


def test_broken_native_plugin_names_the_problem(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "platforms").mkdir()
    (tmp_path / "platforms" / "libqxcb.so").write_bytes(b"not a library")
    monkeypatch.setattr(selftest, "plugin_folder", lambda _reported: tmp_path)
    monkeypatch.setattr(selftest, "NATIVE_PLATFORM", {selftest.sys.platform: "xcb"})
    with pytest.raises(selftest.CheckFailed, match="'xcb' plugin does not load") as failure:
        selftest.check_qt(selftest.SelfTest(tmp_path))
    assert "libxcb-cursor0" in str(failure.value)  # what to install on Debian/Ubuntu


def test_platform_plugin_names(tmp_path: Path) -> None:
    assert selftest.platform_plugins(tmp_path) == set()
    (tmp_path / "platforms").mkdir()
    for name in ("libqxcb.so", "libqoffscreen.so", "qwindows.dll", "libqcocoa.dylib"):
        (tmp_path / "platforms" / name).write_bytes(b"")
    assert selftest.platform_plugins(tmp_path) == {"xcb", "offscreen", "windows", "cocoa"}


def test_later_checks_are_skipped_after_a_failure(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken_workspace(_run: selftest.SelfTest) -> str:
        raise selftest.CheckFailed("cannot create a workspace in the temporary folder")

    _only(
        monkeypatch,
        ("workspace + CSV import", broken_workspace, ()),
        ("analysis", selftest.check_analysis, ("workspace + CSV import",)),
        ("export pptx + xlsx", selftest.check_export, ("analysis",)),
    )
    code = main(["--self-test"])
    out = capsys.readouterr().out
    assert code == 1
    assert "FAIL  workspace + CSV import cannot create a workspace" in out
    assert "skip  analysis" in out and "not run: needs workspace + CSV import" in out
    assert "skip  export pptx + xlsx" in out and "needs analysis" in out
    assert "3 of 3 checks failed" in out


def test_unexpected_error_is_one_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def crashing(_run: selftest.SelfTest) -> str:
        raise ValueError("the lexicon file is truncated")

    _only(monkeypatch, ("data files", crashing, ()), ("VADER lexicon", selftest.check_vader, ()))
    code = main(["--self-test"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "FAIL  data files             ValueError: the lexicon file is truncated" in out
    assert "ok    VADER lexicon" in out  # one failure does not stop independent checks
    assert "Traceback" not in out + err


def test_self_test_writes_nothing_outside_its_temporary_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, isolated_user_dirs: Path
) -> None:
    seen: list[Path] = []

    def record(run: selftest.SelfTest) -> str:
        (run.folder / "probe").write_text("x")
        seen.append(run.folder)
        return "ok"

    _only(monkeypatch, ("probe", record, ()))
    before = sorted(p.name for p in isolated_user_dirs.rglob("*"))
    assert selftest.run() == 0
    assert seen and not seen[0].exists()  # the temporary folder is gone afterwards
    assert sorted(p.name for p in isolated_user_dirs.rglob("*")) == before


def test_a_workbook_reader_without_defusedxml_is_named(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import openpyxl

    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    _only(monkeypatch, ("workbook reader", selftest.check_workbook_reader, ()))
    assert main(["--self-test"]) == 1
    out = capsys.readouterr().out
    assert "FAIL  workbook reader" in out and "openpyxl runs without defusedxml" in out


@pytest.mark.parametrize("broken", ["missing", "stale"])
def test_a_missing_or_stale_rule_needs_file_is_named(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], broken: str
) -> None:
    """The workplace rules' shipped needs only save time, so the analysis never says when
    the file is gone from a bundle or out of date: the self-test does."""
    import json

    from analysis.sentiment import lexicon

    real = lexicon._data_text
    shipped = json.loads(real(lexicon.WORKPLACE_RULE_NEEDS))
    first = sorted(shipped["needs"])[0]
    shipped["needs"][first] = [[["zzz-never-in-a-comment"]]]  # a need the rule does not have

    def data_text(name: str) -> str:
        if name != lexicon.WORKPLACE_RULE_NEEDS:
            return real(name)
        if broken == "missing":
            raise FileNotFoundError(name)
        return json.dumps(shipped)

    monkeypatch.setattr(lexicon, "_data_text", data_text)
    _only(monkeypatch, ("data files", selftest.check_data, ()))
    code = main(["--self-test"])
    out, err = capsys.readouterr()
    assert code == 1, out
    assert "FAIL  data files" in out and "workplace_rule_needs.json is missing or does" in out
    assert "reinstall Rapport" in out and "Traceback" not in out + err


def test_the_data_check_passes_with_the_shipped_rule_needs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _only(monkeypatch, ("data files", selftest.check_data, ()))
    assert main(["--self-test"]) == 0
    assert "ok    data files" in capsys.readouterr().out
