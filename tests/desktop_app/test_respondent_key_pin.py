"""The respondent's app refuses a survey swapped for one sealed to another workspace's key."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.respondent.source import TeamSource
from surveys.key_pins import PINS_FILE, fingerprint, forget, key_change
from surveys.paths import user_data_dir
from surveys.store import create_workspace
from tests.surveys.transport_helpers import publish


def test_the_first_key_is_remembered_and_another_one_is_refused(tmp_path: Path) -> None:
    share = tmp_path / "share"
    assert key_change(share, [b"k" * 32]) is None  # first use: remembered
    assert key_change(share, [b"k" * 32, b"k" * 32]) is None
    message = key_change(share, [b"x" * 32])
    assert message is not None and "sealed to a different key" in message
    assert "rapport respond --trust-new-key" in message
    assert key_change(share, [b"k" * 32, b"x" * 32]) is not None  # one bad survey is enough
    pins = json.loads((user_data_dir() / PINS_FILE).read_text(encoding="utf-8"))
    assert list(pins.values()) == [fingerprint(b"k" * 32)]
    if os.name != "nt":
        assert stat.S_IMODE((user_data_dir() / PINS_FILE).stat().st_mode) & 0o077 == 0
    assert forget(share) and not forget(share)
    assert key_change(share, [b"x" * 32]) is None  # trusted anew after forgetting


def test_two_keys_at_first_sight_are_not_trusted(tmp_path: Path) -> None:
    assert key_change(tmp_path, [b"a" * 32, b"b" * 32]) is not None
    assert not (user_data_dir() / PINS_FILE).exists()


def test_a_survey_swapped_for_another_workspaces_is_not_offered(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    share = tmp_path / "share"
    publish(workspace, share)
    source = TeamSource(share, "Sales")
    assert source.problem() is None and len(source.open_surveys()) == 1

    # A colleague who may write to the share puts a survey of their own workspace there.
    theirs = tmp_path / "theirs"
    create_workspace(theirs).close()
    publish(theirs, share)
    assert "sealed to a different key" in (source.problem() or "")
    assert source.open_surveys() == [] and source.unanswered() == []
    assert source.departments() == []

    # HR confirms a new workspace: the respondent forgets the old key.
    assert main(["respond", "--trust-new-key", "--share", str(share)]) == 0
    assert "Forgot the survey key" in capsys.readouterr().out
    assert source.problem() is None and len(source.open_surveys()) == 1
    assert main(["respond", "--trust-new-key", "--share", str(tmp_path / "other")]) == 0
    assert "nothing to forget" in capsys.readouterr().out


def test_the_window_says_the_survey_is_not_trusted(qtbot, workspace: Path, tmp_path: Path) -> None:
    from desktop_app.respondent.tray import RespondentController
    from desktop_app.settings import Settings

    share = tmp_path / "share"
    publish(workspace, share)
    source = TeamSource(share, "Sales")
    assert source.problem() is None  # the key is remembered
    theirs = tmp_path / "theirs"
    create_workspace(theirs).close()
    publish(theirs, share)
    settings = Settings(department="Sales", share_folder=str(share))
    controller = RespondentController(settings, source, use_tray=False)
    controller.check()
    window = controller.status_window
    qtbot.addWidget(window)
    assert controller.wizard is None  # the swapped survey is never opened
    assert window.heading.text() == "Rapport does not trust this survey"
    assert "someone may have replaced it" in window.message.text()
