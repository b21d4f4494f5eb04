"""First run, stored settings and the tray controller (notice, answer now, remind later)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt

from desktop_app.respondent.first_run import FirstRunDialog
from desktop_app.respondent.source import TeamSource
from desktop_app.respondent.tray import RespondentController
from desktop_app.settings import SINGLE_MODE, TEAM_MODE, Settings, load_settings, save_settings


def test_first_run_offers_the_shares_departments_and_stores_the_choice(
    qtbot, share: Path, isolated_qsettings: Path
) -> None:
    dialog = FirstRunDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.team.isChecked()
    dialog.folder.setFocus()
    qtbot.keyClicks(dialog.folder, str(share))
    dialog.folder.editingFinished.emit()
    offered = [dialog.department.itemText(i) for i in range(dialog.department.count())]
    assert offered == ["Sales", "IT", "Marketing", "Operations"]
    assert dialog.department.currentIndex() == -1  # nothing chosen for the person
    dialog.department.setFocus()
    qtbot.keyClick(dialog.department, Qt.Key_Return)  # Enter must not pick Sales
    assert dialog.result() != FirstRunDialog.Accepted
    assert dialog.message.isVisible() and "department" in dialog.message.text()
    qtbot.keyClicks(dialog.department, "Finance")  # typing cannot invent a department
    assert dialog.department.currentText() in ("", *offered)
    dialog.department.setCurrentIndex(offered.index("Marketing"))
    dialog.accept()
    assert dialog.result() == FirstRunDialog.Accepted
    save_settings(dialog.settings)

    stored = load_settings(QSettings())
    assert (stored.mode, stored.department, stored.share_folder) == (
        TEAM_MODE,
        "Marketing",
        str(share),
    )
    assert stored.respondent_ready
    ini = list(isolated_qsettings.rglob("*.ini"))
    assert ini and "Marketing" in ini[0].read_text()


def test_first_run_with_a_missing_folder_says_so_and_keeps_trying(
    qtbot, tmp_path: Path, workspace: Path, monkeypatch
) -> None:
    from desktop_app.respondent import first_run
    from surveys.key_pins import key_code
    from surveys.keys import public_key
    from surveys.publish import publish_wave
    from tests.desktop_app.conftest import PASSPHRASE

    monkeypatch.setattr(first_run, "RETRY_MS", 50)
    away = tmp_path / "not-mounted"
    dialog = FirstRunDialog(Settings(share_folder=str(away)))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.folder_status.isVisible()
    assert "cannot be reached" in dialog.folder_status.text()
    assert dialog.department.count() == 0  # no built-in departments as if all were fine
    assert dialog.retry_timer.isActive()
    publish_wave(workspace, away, "2026-10", "full-pulse", passphrase=PASSPHRASE, create=True)
    qtbot.waitUntil(lambda: dialog.department.count() == 4, timeout=5000)
    # No more problem: the note now gives the survey key's code, to compare with HR's.
    assert dialog.folder_status.objectName() == "folderStatus"
    code = key_code(public_key(workspace))
    assert f"Survey key code: {code}." in dialog.folder_status.text()
    assert not dialog.retry_timer.isActive()


def test_first_run_refuses_to_go_on_without_a_folder(qtbot) -> None:
    dialog = FirstRunDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.single.setChecked(True)
    dialog.accept()
    assert dialog.result() != FirstRunDialog.Accepted
    assert dialog.message.isVisible()


def test_settings_survive_a_round_trip_and_ignore_bad_values() -> None:
    settings = Settings(department="IT", mode=SINGLE_MODE, workspace_folder="/w")
    save_settings(settings)
    store = QSettings()
    store.setValue("snooze_minutes", "not a number")
    loaded = load_settings(QSettings())
    assert (loaded.department, loaded.mode, loaded.workspace_folder) == ("IT", SINGLE_MODE, "/w")
    assert loaded.snooze_minutes == Settings().snooze_minutes


def test_without_a_tray_an_open_pulse_opens_the_wizard(qtbot, share: Path) -> None:
    settings = Settings(department="IT", share_folder=str(share))
    controller = RespondentController(settings, TeamSource(share), use_tray=False)
    with qtbot.waitSignal(controller.wizard_opened) as opened:
        controller.check()
    wizard = opened.args[0]
    qtbot.addWidget(wizard)
    assert wizard.isVisible()
    assert "IT" not in wizard.departments_page.boxes


def test_answered_waves_do_not_open_the_survey_again(qtbot, share: Path) -> None:
    from surveys.outbox import mark_answered

    settings = Settings(department="IT", share_folder=str(share))
    controller = RespondentController(settings, TeamSource(share), use_tray=False)
    mark_answered("2026-10")
    controller.check()
    assert controller.wizard is None and controller.pending is None
    window = controller.status_window
    qtbot.addWidget(window)
    assert "No pulse is waiting" in window.heading.text()
    # Without a tray nothing keeps watch: the window must not promise that it will.
    assert "will ask when the next one opens" not in window.message.text()
    assert "cannot keep watch" in window.message.text()


class CountingSource(TeamSource):
    """The real team-mode source, counting the participation tokens it makes."""

    tokens_made = 0

    def token(self, survey):  # noqa: ANN001, ANN201
        self.tokens_made += 1
        return super().token(survey)


def test_the_token_is_made_when_the_answers_are_sent(qtbot, share: Path) -> None:
    from surveys.outbox import participation_token

    source = CountingSource(share)
    controller = RespondentController(Settings(department="IT"), source, use_tray=False)
    with qtbot.waitSignal(controller.wizard_opened) as opened:
        controller.check()
    wizard = opened.args[0]
    qtbot.addWidget(wizard)
    assert source.tokens_made == 0  # opening the window does not load the HMAC machinery
    wizard.next_button.click()
    wizard.departments_page.boxes["Sales"].setChecked(True)
    wizard.next_button.click()
    wizard.department_pages["Sales"].rows[0].set_value(3)  # an empty answer is not sent
    for _ in range(2):
        wizard.next_button.click()
    assert wizard.current_page() is wizard.thanks
    assert source.tokens_made == 1
    assert wizard.submission.token == participation_token("2026-10")
    assert len(list((share / "inbox").iterdir())) == 1


def test_the_outbox_is_retried_after_the_window_opens(qtbot, share: Path, monkeypatch) -> None:
    from desktop_app.respondent import tray
    from surveys.outbox import ANSWERED_FILE, deliver, pending_count
    from surveys.paths import user_data_dir
    from surveys.published import list_open_surveys
    from surveys.submission import Answer, Submission

    (published,) = list_open_surveys(share)
    earlier = Submission("2026-10", "Sales", "2026-10-02", (Answer("IT", "timely", 2),))
    assert deliver(earlier, published, None).status == "queued"  # the share was away
    (user_data_dir() / ANSWERED_FILE).unlink()  # as if it were the answer to an earlier pulse
    monkeypatch.setattr(tray, "RETRY_AFTER_OPEN_MS", 50)
    settings = Settings(department="IT", share_folder=str(share))
    controller = RespondentController(settings, TeamSource(share), use_tray=False)
    with qtbot.waitSignal(controller.wizard_opened) as opened:
        controller.check()
    qtbot.addWidget(opened.args[0])
    assert pending_count() == 1  # not before the window is open...
    qtbot.waitUntil(lambda: pending_count() == 0, timeout=5000)  # ...but right after
    assert len(list((share / "inbox").iterdir())) == 1
