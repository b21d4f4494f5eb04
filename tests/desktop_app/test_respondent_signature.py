"""The respondent's window, its tray and the kiosk refuse a survey that does not carry HR's
signature, as they refuse one sealed to another key: nothing is offered or sent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.respondent.kiosk_source import KioskSource
from desktop_app.respondent.kiosk_window import KioskWindow
from desktop_app.respondent.source import TeamSource
from desktop_app.respondent.tray import RespondentController
from desktop_app.settings import Settings
from surveys.kiosk import kiosk_folder
from tests.desktop_app.conftest import PASSPHRASE
from tests.surveys.transport_helpers import WAVE, publish

REFUSED = "someone may have changed it after HR published it"


def reword(folder: Path) -> bytes:
    """A colleague rewords a question of HR's file; returns HR's file."""
    path = folder / "published" / f"{WAVE}.json"
    hr_file = path.read_bytes()
    data = json.loads(hr_file)
    data["questions"][-1]["text"] += " not"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return hr_file


def _controller(workspace: Path, tmp_path: Path, use_tray: bool):  # noqa: ANN202
    share = tmp_path / "share"
    publish(workspace, share)
    source = TeamSource(share, "Sales", hold=False)
    assert source.problem() is None  # both keys are remembered
    settings = Settings(department="Sales", share_folder=str(share))
    return RespondentController(settings, source, use_tray=use_tray), share


def test_the_window_says_the_survey_was_changed_and_offers_no_key(
    qtbot, workspace: Path, tmp_path: Path
) -> None:
    controller, share = _controller(workspace, tmp_path, use_tray=False)
    hr_file = reword(share)
    controller.check()
    window = controller.status_window
    qtbot.addWidget(window)
    assert controller.wizard is None  # the changed survey is never opened
    assert window.heading.text() == "Rapport does not trust this survey"
    text = window.message.text()
    assert REFUSED in text and "Nothing is sent" in text and "tell HR" in text
    assert not window.trust_button.isVisibleTo(window)  # the key is HR's: nothing to trust

    # HR's next ingest writes its copy back: the survey opens.
    (share / "published" / f"{WAVE}.json").write_bytes(hr_file)
    window.retry_button.click()
    qtbot.waitUntil(lambda: controller.wizard is not None)
    qtbot.addWidget(controller.wizard)


def test_the_tray_says_so_once(qtbot, workspace: Path, tmp_path: Path) -> None:
    controller, share = _controller(workspace, tmp_path, use_tray=True)
    qtbot.addWidget(controller._menu)
    shown: list[tuple[str, str]] = []
    controller.notified.connect(lambda title, text: shown.append((title, text)))
    reword(share)
    controller.check()
    controller.check()  # the next poll: told once, not at every check
    assert [title for title, _ in shown] == ["Rapport does not trust this survey"]
    assert REFUSED in shown[0][1]
    assert controller.pending is None and not controller.trust_action.isVisible()


def test_the_kiosk_refuses_a_changed_survey(
    qtbot, workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    assert main(["publish", str(workspace), "--wave", WAVE, "--kiosk"]) == 0
    capsys.readouterr()
    folder = kiosk_folder(workspace)
    source = KioskSource(folder)
    assert source.problem() is None and len(source.open_surveys()) == 1
    reword(folder)
    assert source.open_surveys() == []
    window = KioskWindow(source)
    qtbot.addWidget(window)
    window.show()
    assert window.survey is None
    assert REFUSED in window.start_page.intro.text()
    assert not window.start_page.start_button.isEnabled()


def test_the_kiosk_refuses_a_survey_of_another_workspace_signed_by_its_own_key(
    qtbot, workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """A colleague who may write to the kiosk's ``published/`` publishes their own
    workspace's survey there: sealed to their key and signed by their signing key. Before,
    the kiosk pinned the new pair at once and sealed every person's answers to it."""
    from surveys.store import create_workspace
    from tests.surveys.transport_helpers import publish, submission

    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    assert main(["publish", str(workspace), "--wave", WAVE, "--kiosk"]) == 0
    folder = kiosk_folder(workspace)
    source = KioskSource(folder, mix=lambda: 0)
    assert source.problem() is None and len(source.open_surveys()) == 1

    theirs = tmp_path / "theirs"
    create_workspace(theirs).close()
    their_key = publish(theirs, folder).public_key
    assert source.open_surveys() == []
    problem = source.problem() or ""
    assert "sealed to a different key" in problem and "--trust-new-key" in problem
    window = KioskWindow(source)
    qtbot.addWidget(window)
    window.show()
    assert window.survey is None and not window.start_page.start_button.isEnabled()
    assert "sealed to a different key" in window.start_page.intro.text()

    # HR really started a new workspace: the kiosk's account forgets the old keys.
    capsys.readouterr()
    assert main(["respond", "--kiosk", str(workspace), "--trust-new-key"]) == 0
    assert "Forgot the survey key" in capsys.readouterr().out
    [survey] = source.open_surveys()
    assert survey.handle.public_key == their_key
    answer = submission({"IT": {"overall": 2}}, wave=WAVE)
    assert source.deliver(survey, answer).status == "delivered"


def test_ingest_writes_a_changed_kiosk_survey_back_and_says_so(
    workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """The kiosk refuses a reworded survey on its start screen, but HR, away from it, was
    told nothing: ingest wrote HR's copy back (and warned) only in the shared folder."""
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    assert main(["publish", str(workspace), "--wave", WAVE, "--kiosk"]) == 0
    folder = kiosk_folder(workspace)
    source = KioskSource(folder, mix=lambda: 0)
    assert len(source.open_surveys()) == 1
    hr_file = reword(folder)
    assert source.open_surveys() == []
    capsys.readouterr()
    assert main(["ingest", str(workspace)]) == 3
    err = capsys.readouterr().err
    assert f"The kiosk's published/{WAVE}.json is not the file HR published" in err
    assert (folder / "published" / f"{WAVE}.json").read_bytes() == hr_file
    assert len(source.open_surveys()) == 1
