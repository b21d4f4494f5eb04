"""The respondent's app refuses a survey swapped for one sealed to another workspace's key."""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.cli import main
from desktop_app.respondent.source import TeamSource
from surveys.key_pins import PINS_FILE, fingerprint, forget, key_change, key_code, new_key
from surveys.keys import public_key
from surveys.paths import user_data_dir
from surveys.store import create_workspace
from tests.surveys.transport_helpers import publish


def test_the_first_key_is_remembered_and_another_one_is_refused(tmp_path: Path) -> None:
    share = tmp_path / "share"
    assert key_change(share, [b"k" * 32]) is None  # first use: remembered
    assert key_change(share, [b"k" * 32, b"k" * 32]) is None
    message = key_change(share, [b"x" * 32])
    assert message is not None and "sealed to a different key" in message
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


def test_a_key_has_a_short_code_and_the_refusal_gives_the_new_one(tmp_path: Path) -> None:
    code = key_code(b"k" * 32)
    assert re.fullmatch(r"[0-9A-F]{4}( [0-9A-F]{4}){3}", code)
    assert code == key_code(b"k" * 32) != key_code(b"x" * 32)
    share = tmp_path / "share"
    assert key_change(share, [b"k" * 32]) is None
    message = key_change(share, [b"x" * 32]) or ""
    assert f"Its key's code is {key_code(b'x' * 32)}:" in message
    assert new_key(share, [b"x" * 32, b"x" * 32]) == b"x" * 32
    assert new_key(share, [b"k" * 32]) is None  # the remembered key is not new
    # Two different unknown keys: none of them can be trusted, and no code is given.
    assert new_key(share, [b"x" * 32, b"y" * 32]) is None
    assert "key's code" not in (key_change(share, [b"x" * 32, b"y" * 32]) or "")


def _swapped_share(workspace: Path, tmp_path: Path) -> tuple[Path, TeamSource, bytes]:
    """A share whose survey this computer trusted, then replaced by another workspace's."""
    share = tmp_path / "share"
    publish(workspace, share)
    source = TeamSource(share, "Sales")
    assert source.problem() is None  # the key is remembered
    theirs = tmp_path / "theirs"
    create_workspace(theirs).close()
    return share, source, publish(theirs, share).public_key


def _answer_trust_box(trust: bool, seen: list[str]) -> None:
    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.objectName() != "trustKeyBox":
            QTimer.singleShot(10, answer)
            return
        seen.append(box.text())
        if trust:
            next(b for b in box.buttons() if b.text() == "&Trust this key").click()
        else:
            box.button(QMessageBox.Cancel).click()

    QTimer.singleShot(0, answer)


def _controller(workspace: Path, tmp_path: Path, use_tray: bool):  # noqa: ANN202
    """The respondent's controller on a swapped share, and the swapped survey's key."""
    from desktop_app.respondent.tray import RespondentController
    from desktop_app.settings import Settings

    share, source, theirs = _swapped_share(workspace, tmp_path)
    settings = Settings(department="Sales", share_folder=str(share))
    return RespondentController(settings, source, use_tray=use_tray), source, theirs


def test_the_respondent_trusts_the_new_key_after_comparing_its_code(
    qtbot, workspace: Path, tmp_path: Path
) -> None:
    controller, source, theirs = _controller(workspace, tmp_path, use_tray=False)
    controller.check()
    window = controller.status_window
    qtbot.addWidget(window)
    assert controller.wizard is None  # the swapped survey is never opened
    assert window.heading.text() == "Rapport does not trust this survey"
    assert "someone may have replaced it" in window.message.text()
    assert window.trust_button.isVisibleTo(window)
    assert key_code(theirs) in window.message.text()

    seen: list[str] = []
    _answer_trust_box(False, seen)  # the codes differ: Cancel
    window.trust_button.click()
    assert key_code(theirs) in seen[0]
    assert source.problem() is not None and controller.wizard is None

    _answer_trust_box(True, seen)  # HR gave the same code: trust it
    window.trust_button.click()
    qtbot.waitUntil(lambda: controller.wizard is not None)
    qtbot.addWidget(controller.wizard)
    assert source.problem() is None and len(source.open_surveys()) == 1


def test_only_the_key_whose_code_was_shown_is_trusted(workspace: Path, tmp_path: Path) -> None:
    share, source, _theirs = _swapped_share(workspace, tmp_path)
    assert source.problem() is not None and source.new_key is not None
    # Before the respondent confirms, the survey is replaced once more.
    third = tmp_path / "third"
    create_workspace(third).close()
    publish(third, share)
    source.trust_new_key()  # trusts the key whose code was shown, not the third one
    assert "sealed to a different key" in (source.problem() or "")
    assert source.open_surveys() == []


def test_publish_prints_the_code_the_respondent_sees(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    share = tmp_path / "share"
    monkeypatch.setenv("RAPPORT_PASSPHRASE", "correct horse battery staple")
    args = ["publish", str(workspace), "--share", str(share), "--create", "--no-tickets"]
    assert main([*args, "--wave", "2026-11", "--closes", "2099-12-31"]) == 0
    printed = capsys.readouterr().out
    assert f"Survey key code: {key_code(public_key(workspace))}." in printed


def test_the_tray_says_so_once_and_offers_to_trust_the_key(
    qtbot, workspace: Path, tmp_path: Path
) -> None:
    controller, _source, _theirs = _controller(workspace, tmp_path, use_tray=True)
    qtbot.addWidget(controller._menu)
    shown: list[str] = []
    controller.notified.connect(lambda title, _text: shown.append(title))
    controller.check()
    controller.check()  # the next poll: told once, not at every check
    assert shown == ["Rapport does not trust this survey"]
    assert controller.trust_action.isVisible() and controller.pending is None

    _answer_trust_box(True, [])
    controller.trust_action.trigger()
    assert not controller.trust_action.isVisible()
    assert shown[-1] == "A Rapport pulse is open"


def _stopped_by_colleague(share: Path, theirs: bytes, name: str = "2026-10.json") -> None:
    """A colleague who may write to ``published/`` marks the wave stopped, sealed to their
    own key: a stopped survey is offered to nobody, but answers that waited for their
    ticket are still sealed to it."""
    import base64

    data = json.loads((share / "published" / "2026-10.json").read_text(encoding="utf-8"))
    data.update(public_key=base64.b64encode(theirs).decode(), stopped="2026-10-08T12:02:00Z")
    (share / "published" / name).write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize("how", ["replaced", "added beside HR's"])
def test_an_answer_waiting_for_its_ticket_is_never_sealed_to_a_swapped_stopped_survey(
    workspace: Path, tmp_path: Path, how: str
) -> None:
    from surveys.ingest import ingest
    from surveys.keys import ensure_keypair
    from surveys.ticket_wait import waiting_names
    from tests.surveys.ticket_helpers import make_world
    from tests.surveys.transport_helpers import PASSPHRASE, submission

    world = make_world(workspace, tmp_path)
    survey = world.publish()
    hr_file = (world.share / "published" / "2026-10.json").read_bytes()
    world.request("alice", survey)  # alice's app asked when it noticed the wave
    with world.person("alice"):
        source = TeamSource(world.share, "Sales", hold=False)
        assert source.problem() is None  # HR's key is remembered
        [open_survey] = source.open_surveys()
        answer = submission({"IT": {"overall": 2}}, {"IT": "Ask me, Sam, on 555 201 7788."})
        assert source.deliver(open_survey, answer).status == "waiting"

    theirs = tmp_path / "theirs"
    create_workspace(theirs).close()
    name = "2026-10.json" if how == "replaced" else "2026-10-b.json"
    _stopped_by_colleague(world.share, ensure_keypair(theirs, PASSPHRASE), name)
    assert world.sign().signed == 1  # HR's app signs alice's request meanwhile
    with world.person("alice"):
        assert source.retry(at_once=True) == 0
        assert "sealed to a different key" in (source.problem() or "")
        assert len(waiting_names()) == 1  # still waiting on alice's computer, not lost
    assert sorted((world.share / "inbox").iterdir()) == []  # nothing the colleague could open

    # HR puts its own file back: the answer goes to HR, sealed to HR's key.
    (world.share / "published" / "2026-10-b.json").unlink(missing_ok=True)
    (world.share / "published" / "2026-10.json").write_bytes(hr_file)
    with world.person("alice"):
        assert source.problem() is None
        source.retry(at_once=True)
        assert waiting_names() == set()
    assert len(list((world.share / "inbox").iterdir())) == 1
    report = ingest(workspace, world.share, PASSPHRASE, owner_of=world.owners)
    assert (report.stored, len(report.quarantined)) == (1, 0)


def test_the_key_code_box_shows_its_code_bold_not_its_tags(
    qtbot, workspace: Path, tmp_path: Path
) -> None:
    """The box says which format it holds; left to Qt's guess, it showed '<b>…</b>' as
    text beside the HR window's plain-labels guard (one process: the test session)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    from desktop_app.widgets import plain_labels

    plain_labels.install()
    controller, _source, _theirs = _controller(workspace, tmp_path, use_tray=False)
    controller.check()
    qtbot.addWidget(controller.status_window)
    formats: list = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.objectName() != "trustKeyBox":
            QTimer.singleShot(10, answer)
            return
        formats.append(box.findChild(QLabel, "qt_msgbox_label").textFormat())
        box.button(QMessageBox.Cancel).click()

    QTimer.singleShot(0, answer)
    controller.status_window.trust_button.click()
    assert formats == [Qt.RichText]
