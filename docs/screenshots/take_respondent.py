"""Take the respondent screenshots (docs/screenshots/respondent-*.png).

Run under a virtual display with a window manager (and, for the tray picture, a system
tray), so the real platform plugin and fonts are used:

    Xvfb :99 -screen 0 1600x1000x24 -noreset &
    DISPLAY=:99 openbox & DISPLAY=:99 trayer --edge top --align right --widthtype request &
    DISPLAY=:99 .venv/bin/python docs/screenshots/take_respondent.py

It builds a throw-away workspace and shared folder, publishes the full pulse, and takes
every respondent window: the first-run dialog, the survey's pages (with a "Don't know"
answer and the privacy warning showing, and a comment over the length limit), the thank-you
page with its receipt, "Your answers" while the sealed answer waits for its due time, the
question Quit asks then, "Your answers" after HR's ingest, the kiosk's start screen, the
window shown when the shared folder cannot be reached, the refusals of a changed survey and
of one sealed to another key, and the tray with its menu. It then runs itself again at 150 %
(``QT_SCALE_FACTOR=1.5``, suffix ``-150``) and with a dark palette (suffix ``-dark``).
Nothing outside a temporary folder is touched. The shared folder is the temporary folder's
``S-drive/rapport`` (``/tmp/S-drive/rapport``), emptied at the start and removed at the end,
and the unreachable one is ``/mnt/S-drive/rapport``, never created: three windows and the
first-run dialog print the path, and a random ``/tmp/tmpeign1n3_/share`` read as a test run
and changed at every run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from desktop_app.screenshots import (
    FOLDER,
    PASSPHRASE,
    fixed_share,
    respondent_application,
    save,
    temporary_home,
)

VARIANTS = {"normal": "", "150": "-150", "dark": "-dark"}
#: A network drive that is not connected.
AWAY = Path("/mnt/S-drive/rapport")


def build(root: Path, share: Path) -> Path:
    """A workspace with the full pulse published to ``share`` and to its kiosk."""
    from surveys.publish import publish_wave
    from surveys.store import create_workspace, set_setting

    workspace = root / "ws"
    db = create_workspace(workspace, headcounts={"Sales": 40, "IT": 25, "Marketing": 15})
    set_setting(db, "redaction_names", ["Priya Shah"])
    # HR may share last wave's figures; the thank-you page shows what changed for Sales.
    results = {
        "wave": "2026-09",
        "summary": "Sales and IT now meet every second Tuesday to plan report changes.",
        "pairs": [
            {"from": "Sales", "to": "IT", "index": 3.1, "previous": 2.7},
            {"from": "IT", "to": "Sales", "index": 3.8, "previous": 3.9},
        ],
    }
    for folder, tickets in ((share, True), (workspace / "kiosk", False)):
        publish_wave(  # the kiosk's pulse has no tickets, as `rapport publish --kiosk`
            db,
            folder,
            "2026-10",
            "full-pulse",
            closes="2099-12-31",
            passphrase=PASSPHRASE,
            create=True,
            tickets=tickets,
            results=results if tickets else None,
        )
    db.close()
    return workspace


class Camera:
    """Saves grabs as ``respondent-<name><suffix>.png``."""

    def __init__(self, suffix: str) -> None:
        self.suffix = suffix

    def snap(self, name: str, widget) -> None:  # noqa: ANN001
        save(widget, FOLDER / f"respondent-{name}{self.suffix}.png", rounds=3)


def first_run(camera: Camera, share: Path) -> None:
    from desktop_app.respondent.first_run import FirstRunDialog
    from desktop_app.settings import Settings

    dialog = FirstRunDialog(Settings(share_folder=str(share)))
    dialog.show()
    camera.snap("0-first-run", dialog)
    dialog.close()


def survey(camera: Camera, share: Path, workspace: Path):  # noqa: ANN201 - the TeamSource
    from desktop_app.respondent.source import TeamSource
    from desktop_app.respondent.wizard import SurveyWizard
    from surveys.outbox_hold import Hold

    # The answer waits eleven minutes (a fixed draw, so the pictures tell the same story).
    source = TeamSource(share, "Sales", hold=Hold(delay=lambda: 660.0))
    [open_survey] = source.unanswered()
    # As in real use, the app asked for its participation ticket when it noticed the wave
    # and HR's app has signed it, so the answer is sealed with it at once.
    from surveys.ticket_client import pick_up, request_ticket
    from surveys.tickets import sign_pending

    request_ticket(open_survey.handle, share, "Sales")
    sign_pending(workspace, share, PASSPHRASE)
    pick_up(open_survey.handle, share)
    wizard = SurveyWizard(open_survey, "Sales", lambda s: source.deliver(open_survey, s))
    wizard.show()
    camera.snap("1-intro", wizard)
    wizard.next_button.click()
    for name in ("IT", "Operations"):
        wizard.departments_page.boxes[name].setChecked(True)
    camera.snap("2-departments", wizard)
    wizard.next_button.click()
    page = wizard.department_pages["IT"]
    for row, value in zip(page.rows, (4, 2, 3, 2, 0, 2, 3, 2), strict=False):
        row.set_value(value)  # 0: "Don't know / N/A"
    # A comment over the 5,000 characters a comment can hold: Next stays on the page.
    page.comment.setPlainText("Report changes wait three weeks in the queue. " * 115)
    page.comment.setFocus()
    wizard.next_button.click()
    camera.snap("14-comment-limit", wizard)
    page.comment.setPlainText("Three weeks for a report change. Ask priya.shah@example.com.")
    page.comment.setFocus()
    camera.snap("3-department", wizard)
    wizard.next_button.click()
    for row in wizard.department_pages["Operations"].rows:
        row.set_value(4)
    wizard.next_button.click()
    camera.snap("4-review", wizard)
    wizard.next_button.click()
    camera.snap("5-thanks", wizard)
    wizard.accept()
    return source


def held(camera: Camera, source, share: Path) -> None:  # noqa: ANN001
    """ "Your answers" while the answer waits, and Quit's question; then "Deliver now"."""
    from desktop_app.respondent.tray import RespondentController
    from desktop_app.settings import Settings

    settings = Settings(department="Sales", share_folder=str(share))
    controller = RespondentController(settings, source, use_tray=False)
    dialog = controller.show_answers()
    camera.snap("6-answers-held", dialog)
    controller._on_quit_action_triggered()
    camera.snap("11-quit-held", controller.quit_box)
    controller.quit_box.reject()
    dialog.deliver_button.click()
    dialog.close()


def answers(camera: Camera, source, workspace: Path, share: Path) -> None:  # noqa: ANN001
    from desktop_app.respondent.answers_dialog import AnswersDialog
    from surveys.ingest import ingest

    ingest(workspace, share, PASSPHRASE)
    dialog = AnswersDialog(source.answer_states())
    dialog.show()
    camera.snap("6-answers", dialog)
    dialog.close()


def kiosk(camera: Camera, workspace: Path) -> None:
    from desktop_app.respondent.kiosk_source import KioskSource
    from desktop_app.respondent.kiosk_window import KioskWindow
    from surveys.kiosk import resolve_kiosk

    window = KioskWindow(KioskSource(resolve_kiosk(workspace)))
    window.show()
    camera.snap("7-kiosk-start", window)
    window.close()


def unreachable(camera: Camera) -> None:
    from desktop_app.respondent.source import TeamSource
    from desktop_app.respondent.tray import RespondentController
    from desktop_app.settings import Settings

    away = AWAY
    settings = Settings(department="Sales", share_folder=str(away))
    controller = RespondentController(settings, TeamSource(away), use_tray=False)
    controller.check()
    camera.snap("8-unreachable", controller.status_window)
    controller.status_window.close()


def survey_changed(camera: Camera, share: Path) -> None:
    """A colleague reworded a question of HR's signed survey: nothing is offered."""
    from desktop_app.respondent.source import TeamSource
    from desktop_app.respondent.tray import RespondentController
    from desktop_app.settings import Settings

    path = share / "published" / "2026-10.json"
    hr_file = path.read_bytes()
    data = json.loads(hr_file)
    [overall] = [q for q in data["questions"] if q["item"] == "overall"]
    overall["text"] = overall["text"].replace("with them is", "with them is not")
    path.write_text(json.dumps(data), encoding="utf-8")
    settings = Settings(department="Sales", share_folder=str(share))
    controller = RespondentController(settings, TeamSource(share), use_tray=False)
    controller.check()
    camera.snap("13-survey-changed", controller.status_window)
    controller.status_window.close()
    path.write_bytes(hr_file)  # HR's ingest writes its copy back


def key_changed(camera: Camera, root: Path, share: Path) -> None:
    """A colleague put a survey of their own workspace in the share: nothing is offered."""
    from desktop_app.respondent.source import TeamSource
    from desktop_app.respondent.tray import RespondentController
    from desktop_app.settings import Settings
    from surveys.publish import publish_wave
    from surveys.store import create_workspace

    theirs = root / "theirs"
    create_workspace(theirs).close()
    publish_wave(theirs, share, "2026-10", "full-pulse", closes="2099-12-31",
                 passphrase=PASSPHRASE)  # fmt: skip
    settings = Settings(department="Sales", share_folder=str(share))
    controller = RespondentController(settings, TeamSource(share), use_tray=False)
    controller.check()
    camera.snap("10-key-changed", controller.status_window)
    controller.status_window.close()


def tray(camera: Camera, share: Path) -> None:
    """The tray icon's menu with its status line (needs a system tray, e.g. trayer)."""
    from PySide6.QtWidgets import QApplication, QSystemTrayIcon

    from desktop_app.respondent.source import TeamSource
    from desktop_app.respondent.tray import RespondentController
    from desktop_app.settings import Settings
    from surveys.reminders import clear_snooze

    if not QSystemTrayIcon.isSystemTrayAvailable():
        print("no system tray: the tray picture is skipped", file=sys.stderr)
        return
    clear_snooze("2026-10")
    settings = Settings(department="Sales", share_folder=str(share))
    controller = RespondentController(settings, TeamSource(share), use_tray=True)
    from surveys.outbox import ANSWERED_FILE
    from surveys.paths import user_data_dir

    (user_data_dir() / ANSWERED_FILE).unlink(missing_ok=True)  # as before answering
    controller.check()
    controller.remind_later()
    menu = controller._menu
    deadline = time.monotonic() + 3  # the tray embeds the icon asynchronously
    while time.monotonic() < deadline and controller.tray.geometry().topLeft().isNull():
        QApplication.processEvents()
        time.sleep(0.02)
    area = controller.tray.geometry()
    menu.popup(area.bottomLeft())
    deadline = time.monotonic() + 0.8  # let the window manager place and paint the menu
    while time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.02)
    screen = QApplication.primaryScreen()
    right = area.right() + 8
    left = min(menu.geometry().left(), area.left()) - 8
    shot = screen.grabWindow(0, left, 0, right - left, menu.geometry().bottom() + 8)
    shot.save(str(FOLDER / f"respondent-9-tray{camera.suffix}.png"))
    menu.close()


def take(variant: str) -> None:
    """Every shot of one variant, in a temporary home, on the fixed shared folder."""
    root = temporary_home()
    app = respondent_application(dark=variant == "dark")  # Xvfb has no colour scheme
    camera = Camera(VARIANTS[variant])
    try:
        with fixed_share() as share:
            workspace = build(root, share)
            first_run(camera, share)
            source = survey(camera, share, workspace)
            held(camera, source, share)
            answers(camera, source, workspace, share)
            kiosk(camera, workspace)
            unreachable(camera)
            tray(camera, share)
            survey_changed(camera, share)
            key_changed(camera, root, share)  # last: the share's survey is replaced
    finally:
        app.quit()
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variant", choices=sorted(VARIANTS))
    variant = parser.parse_args().variant
    if variant is not None:
        take(variant)
        return
    for name in VARIANTS:
        env = dict(os.environ)
        if name == "150":
            env["QT_SCALE_FACTOR"] = "1.5"
        subprocess.run([sys.executable, __file__, "--variant", name], env=env, check=True)
    print(f"Saved respondent screenshots in {FOLDER}")


if __name__ == "__main__":
    main()
