"""Eleventh hostile round: the team's wave without tickets copied into the kiosk folder.

HR publishes the team's pulse 2026-12 without tickets to the shared folder and the wave
"induction" to the kiosk beside the workspace. Someone who may write in the kiosk folder
copies the share's ``published/2026-12.json`` (HR's signature and all) into
``kiosk/published/``: the kiosk then offers 2026-12 beside induction. Round eight's check
said so only of a wave that takes tickets; ingest said nothing, exit 0.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.respondent.kiosk_source import KioskSource
from surveys.kiosk import kiosk_folder, resolve_kiosk
from surveys.published_check import changed_published
from surveys.store import open_workspace
from tests.surveys.transport_helpers import PASSPHRASE


@pytest.fixture
def planted(workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> Path:
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    share = tmp_path / "share"
    publish = ["publish", str(workspace), "--wave"]
    assert main([*publish, "2026-12", "--share", str(share), "--no-tickets", "--create"]) == 0
    assert main([*publish, "induction", "--kiosk", "--create"]) == 0
    kiosk = kiosk_folder(workspace)
    shutil.copy(share / "published" / "2026-12.json", kiosk / "published")
    capsys.readouterr()
    return share


def test_ingest_and_pulses_say_a_shared_wave_copied_into_the_kiosk(
    workspace: Path, planted: Path, capsys
) -> None:
    kiosk = KioskSource(resolve_kiosk(workspace))
    assert sorted(s.wave for s in kiosk.open_surveys()) == ["2026-12", "induction"]
    assert main(["ingest", str(workspace), "--share", str(planted)]) == 3
    err = capsys.readouterr().err
    assert "published/2026-12.json is a wave HR did not publish to the kiosk" in err
    assert "(HR published it to a shared folder only)" in err and "Delete the file" in err
    db = open_workspace(workspace)
    try:
        [said] = changed_published(db, kiosk_folder(workspace))  # the Pulses section's words
    finally:
        db.close()
    assert said.startswith("published/2026-12.json is a wave HR did not publish to the kiosk")


def test_a_wave_hr_published_to_both_is_not_said(workspace: Path, planted: Path, capsys) -> None:
    publish = ["publish", str(workspace), "--wave", "2026-12", "--kiosk"]
    assert main(publish) == 0  # HR's own publish of the wave to the kiosk too
    capsys.readouterr()
    assert main(["ingest", str(workspace), "--share", str(planted)]) == 0
    assert "did not publish" not in capsys.readouterr().err


def test_a_wave_hr_published_to_both_is_not_said_after_the_workspace_moved(
    workspace: Path, planted: Path, tmp_path: Path, capsys
) -> None:
    """HR's copies are kept by the folder's path: after the workspace folder was renamed
    (moved to a new disk, restored elsewhere), HR's own kiosk file of a wave also on the
    share was said to be planted, "Delete the file"; a copy of the share's still is."""
    assert main(["publish", str(workspace), "--wave", "2026-12", "--kiosk"]) == 0
    moved = tmp_path / "moved"
    shutil.move(workspace, moved)
    capsys.readouterr()
    assert main(["ingest", str(moved), "--share", str(planted)]) == 0
    assert "did not publish" not in capsys.readouterr().err
    shutil.copy(planted / "published" / "2026-12.json", kiosk_folder(moved) / "published")
    assert main(["ingest", str(moved), "--share", str(planted)]) == 3
    assert "published/2026-12.json is a wave HR did not publish" in capsys.readouterr().err
