"""`rapport publish --share-results`: what changed, end to end to the respondent's source."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.respondent.results_note import changes_html
from desktop_app.respondent.source import TeamSource
from surveys.intake import store_submission
from surveys.model import DIMENSIONS
from surveys.publish import close_wave, publish_wave
from surveys.store import open_workspace
from surveys.submission import Answer, Comment, Submission

PASSPHRASE = "correct horse battery staple"
SECRET_COMMENT = "Bernadette keeps the zebra spreadsheet to herself"


def _answer(wave: str, day: str, source: str, target: str, timely: int, others: int):
    values = {d: others for d in DIMENSIONS} | {"timely": timely, "overall": others}
    answers = tuple(Answer(target, item, value) for item, value in values.items())
    return Submission(wave, source, day, answers, (Comment(target, SECRET_COMMENT),))


def _two_waves(workspace: Path, share: Path) -> None:
    """Sales rates IT (5 people) and IT rates Sales (2 people, under k) in two closed waves.

    Timeliness of IT rises from 2 to 4; every other rating stays the same.
    """
    db = open_workspace(workspace)
    try:
        for wave, timely in (("2026-06", 2), ("2026-09", 4)):
            opens, day = f"{wave}-01", f"{wave}-05"
            publish_wave(
                db, share, wave, "full-pulse", opens, opens, passphrase=PASSPHRASE, create=True
            )
            for _ in range(5):
                store_submission(db, _answer(wave, day, "Sales", "IT", timely, 3))
            for _ in range(2):
                store_submission(db, _answer(wave, day, "IT", "Sales", 4, 4))
            close_wave(db, share, wave)  # an open wave's figures are not released
    finally:
        db.close()


@pytest.fixture
def results_share(workspace: Path, tmp_path: Path, monkeypatch, capsys) -> Path:
    share = tmp_path / "share"
    _two_waves(workspace, share)
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    code = main(
        [
            "publish",
            str(workspace),
            "--share",
            str(share),
            "--wave",
            "2026-12",
            "--opens",
            "2020-01-01",
            "--closes",
            "2099-12-31",
            "--share-results",
        ]
    )
    assert code == 0
    assert "Shared the results of wave 2026-09" in capsys.readouterr().out
    return share


def test_published_results_reach_the_respondent(results_share: Path) -> None:
    (survey,) = TeamSource(results_share).open_surveys()
    results = survey.results
    assert (survey.wave, results["wave"], results["since"]) == ("2026-12", "2026-09", "2026-06")
    # Only Sales → IT met the threshold of 5: IT → Sales (2 people) is not there at all.
    # Index: mean of the seven dimensions, (4 + 6 × 3) / 7 = 3.1 now, (2 + 18) / 7 = 2.9 before.
    assert results["pairs"] == [{"from": "Sales", "to": "IT", "index": 3.1, "previous": 2.9}]
    # Organisation figures count only shown pairs (IT → Sales would otherwise be found by
    # subtracting Sales → IT from them): timeliness 4.0 now, 2.0 before.
    assert results["summary"] == "Across the organisation, timeliness rose from 2.0 to 4.0."
    assert results["organisation"] == {"index": 3.1, "previous": 2.9}
    html = changes_html(results, "IT")
    assert "timeliness rose from 2.0 to 4.0" in html
    assert "Sales → IT: 3.1 out of 5 (up 0.2 since the pulse before)" in html


def test_published_file_holds_no_comment_group_size_or_submission(results_share: Path) -> None:
    text = (results_share / "published" / "2026-12.json").read_text(encoding="utf-8")
    results = json.loads(text)["results"]
    assert "zebra" not in text and "Bernadette" not in text
    assert set(results) == {"wave", "since", "summary", "organisation", "pairs"}
    assert all(set(p) <= {"from", "to", "index", "previous"} for p in results["pairs"])


def test_no_earlier_wave_publishes_without_results(
    workspace: Path, tmp_path: Path, monkeypatch, capsys
):
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    share = tmp_path / "share"
    args = ["publish", str(workspace), "--share", str(share), "--wave", "2026-10", "--create"]
    assert main([*args, "--share-results"]) == 0
    assert "no wave before this one has responses" in capsys.readouterr().err
    data = json.loads((share / "published" / "2026-10.json").read_text(encoding="utf-8"))
    assert "results" not in data


def test_single_machine_mode_announces_the_workspace_min_group(workspace: Path, tmp_path) -> None:
    from desktop_app.respondent.local_source import LocalSource
    from surveys.store import set_setting

    db = open_workspace(workspace)
    set_setting(db, "min_group", 8)
    publish_wave(
        db, tmp_path / "share", "2026-10", "short-pulse", passphrase=PASSPHRASE, create=True
    )
    db.close()
    (survey,) = LocalSource(workspace).open_surveys()
    assert (survey.wave, survey.min_group) == ("2026-10", 8)


def _count_analyses(monkeypatch) -> list[str]:
    """Record every analysis run in this process (the CLI analyses in-process)."""
    import analysis.pipeline

    calls: list[str] = []
    real = analysis.pipeline.analyse_workspace

    def counted(folder, wave=None, *args, **kwargs):
        calls.append(str(wave))
        return real(folder, wave, *args, **kwargs)

    monkeypatch.setattr(analysis.pipeline, "analyse_workspace", counted)
    return calls


def test_a_wrong_passphrase_is_refused_before_the_analysis(
    workspace: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    share = tmp_path / "share"
    _two_waves(workspace, share)
    analyses = _count_analyses(monkeypatch)
    args = ["publish", str(workspace), "--share", str(share), "--wave", "2026-12"]
    monkeypatch.setenv("RAPPORT_PASSPHRASE", "not the passphrase")
    assert main([*args, "--share-results"]) == 2
    err = capsys.readouterr().err
    assert "Wrong passphrase" in err and "Traceback" not in err
    assert analyses == []  # refused before the long part
    assert not (share / "published" / "2026-12.json").exists()

    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)  # the same command, right passphrase
    assert main([*args, "--share-results"]) == 0
    assert analyses == ["2026-09"]
    assert (share / "published" / "2026-12.json").exists()


def test_a_bad_wave_name_is_refused_before_the_analysis(
    workspace: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    share = tmp_path / "share"
    _two_waves(workspace, share)
    analyses = _count_analyses(monkeypatch)
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    args = ["publish", str(workspace), "--share", str(share), "--wave", "../2026-12"]
    assert main([*args, "--share-results"]) == 2
    assert "cannot be used" in capsys.readouterr().err
    assert analyses == []
