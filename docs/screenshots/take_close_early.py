"""Screenshots of closing a wave before its last day is over (docs/team-mode.md, "Closing a
wave early"): the Pulses section's question, the section while the answers are stopped,
and the respondent's thank-you page after Submit was refused.

Run under an X server with a window manager, so title bars render as on a desktop::

    Xvfb :97 -screen 0 1600x1000x24 -noreset &  DISPLAY=:97 openbox &
    DISPLAY=:97 .venv/bin/python docs/screenshots/take_close_early.py
    DISPLAY=:97 .venv/bin/python docs/screenshots/take_close_early.py --dark --suffix=-dark

Writes ``hr-close-early.png``, ``hr-pulses-stopped.png`` and ``respondent-12-stopped.png``
(with the suffix). Nothing outside a temporary folder is touched.
"""

from __future__ import annotations

import time
from pathlib import Path

from desktop_app.screenshots import (
    PASSPHRASE,
    command_line,
    fixed_share,
    open_and_wait,
    resize_in_lines,
    save_from_screen,
    spin,
    start,
)


def main() -> int:
    run = start(command_line(__doc__))
    from analysis.pipeline import analyse_workspace
    from surveys.demo import build_demo

    # The Pulses section prints the shared folder: a fixed, readable path, as
    # take_hr_panels.py has it (it showed /tmp/rapport-shots-<random>/share).
    folder = run.temp / "northwind"
    with fixed_share() as share:
        build_demo(folder, seed=0)
        analyse_workspace(folder)
        wave = _publish_with_answers(folder, share)
        _take(run, folder, share, wave)
    return 0


def _take(run, folder: Path, share: Path, wave: str) -> None:  # noqa: ANN001
    from desktop_app.main_window import MainWindow

    def screen_shot(widget, name: str) -> None:  # noqa: ANN001
        save_from_screen(widget, run.path(name))

    window = MainWindow()
    resize_in_lines(window, 80, 50)
    window.show()
    open_and_wait(window, folder)
    pulses = window.panel("pulses")
    window.show_section("pulses")
    runner = pulses.programme_box.runner
    runner.first_check.stop()
    runner.unlock(PASSPHRASE)  # as if typed when asked; the shot shows the question only
    names = [w.name for w in pulses.waves_model.waves]
    pulses.waves_table.selectRow(names.index(wave))
    _shoot_question(pulses, lambda box: screen_shot(box, "hr-close-early"))
    spin(0.3)
    pulses.waves_table.scrollToTop()
    screen_shot(window, "hr-pulses-stopped")
    _respondent_refused(share, lambda widget: screen_shot(widget, "respondent-12-stopped"))
    window.close()


def _publish_with_answers(folder: Path, share: Path) -> str:
    """Publish the wave after the demo's last one to ``share`` (open until next week), with
    three answers waiting in the inbox."""
    from datetime import date, timedelta

    from surveys.outbox import deliver
    from surveys.publish import publish_wave
    from surveys.store import open_workspace, set_setting
    from surveys.submission import Answer, Submission

    wave = "2026-11"
    db = open_workspace(folder)
    set_setting(db, "share", str(share))
    db.close()
    today = date.today()
    path = publish_wave(
        folder, share, wave, None, (today - timedelta(days=6)).isoformat(),
        (today + timedelta(days=7)).isoformat(), passphrase=PASSPHRASE, create=True,
        tickets=False,
    )  # fmt: skip
    from surveys.publish import read_published

    survey = read_published(path)
    for number in range(3):
        sub = Submission(wave, "Sales", today.isoformat(), (Answer("IT", "timely", 3),),
                         token=f"{number + 1:064x}")  # fmt: skip
        deliver(sub, survey, share)
    return wave


def _shoot_question(pulses, shoot) -> None:
    """Click Close wave; photograph the question, then choose "Stop answers"."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, answer)
            return
        shoot(box)
        box.findChild(QPushButton, "stopAnswersButton").click()

    QTimer.singleShot(0, answer)
    pulses.close_button.click()


def _respondent_refused(share: Path, shoot) -> None:
    """A respondent's survey window opened before the stop; Submit pressed after it."""
    from desktop_app.respondent.source import TeamSource
    from desktop_app.respondent.wizard import SurveyWizard
    from surveys.published import read_published
    from surveys.wave_stop import stop_moment

    [path] = sorted((share / "published").glob("*.json"))
    stopped = read_published(path)
    # The survey as the app read it before the stop (the window was already open).
    from dataclasses import replace

    before = replace(stopped, stopped=None)
    from desktop_app.respondent.source import open_survey_from_published

    survey = open_survey_from_published(before)
    source = TeamSource(share, "Sales", hold=False)
    wizard = SurveyWizard(survey, "Sales", lambda s: source.deliver(survey, s))
    wizard.show()
    wizard.next_button.click()
    wizard.departments_page.boxes["IT"].setChecked(True)
    wizard.next_button.click()
    for row in wizard.department_pages["IT"].rows:
        row.set_value(4)
    wizard.next_button.click()
    wizard.next_button.click()  # Submit: refused, the pulse stopped
    assert stopped.stopped is not None and stop_moment(time.time()) >= stopped.stopped
    shoot(wizard)
    wizard.accept()


if __name__ == "__main__":
    raise SystemExit(main())
