"""Screenshots of the HR comments, themes, actions, pulses and settings sections, the
export, new-wave and passphrase dialogs, the threshold warning and the Help windows, on the
demo workspace.

Run under an X server with a window manager, so fonts, styles and title bars render as on
a desktop (dialogs are grabbed from the screen, with their title bar)::

    Xvfb :98 -noreset -screen 0 1440x900x24 &  DISPLAY=:98 openbox &
    DISPLAY=:98 .venv/bin/python docs/screenshots/take_hr_panels.py
    DISPLAY=:98 QT_SCALE_FACTOR=1.5 \
        .venv/bin/python docs/screenshots/take_hr_panels.py --suffix -150
    DISPLAY=:98 .venv/bin/python docs/screenshots/take_hr_panels.py --dark --suffix=-dark
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: The shared folder, as the respondent screenshots have it.
SHARE = Path(tempfile.gettempdir()) / "S-drive" / "rapport"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--suffix", default="")
    parser.add_argument(
        "--dark", action="store_true", help="ask for the dark colour scheme, as a dark desktop does"
    )
    parser.add_argument(
        "--sections",
        default="comments,themes,actions,pulses,settings,export,dialogs",
        help="which screenshots to take (comma-separated)",
    )
    args = parser.parse_args()
    wanted = set(args.sections.split(","))
    temp = Path(tempfile.mkdtemp(prefix="rapport-shots-"))
    os.environ["RAPPORT_HOME"] = str(temp / "home")
    os.environ["XDG_CONFIG_HOME"] = str(temp / "config")

    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    from analysis.pipeline import analyse_workspace
    from desktop_app.app import apply_palette, make_application
    from surveys.demo import build_demo

    QCoreApplication.setOrganizationName("RapportScreenshots")
    app = make_application()  # Rapport's style and palette, as `rapport open` has them
    if args.dark:
        apply_palette(app, dark=True)  # what a dark desktop gets (Xvfb has no colour scheme)
    folder = temp / "northwind"
    build_demo(folder, seed=0)
    analyse_workspace(folder)
    # The Pulses section prints the shared folder: a fixed, readable path, not a random one
    # (as docs/screenshots/take_respondent.py), emptied now and removed at the end.
    shutil.rmtree(SHARE.parent, ignore_errors=True)
    _share_with_mail(folder, SHARE)

    from desktop_app.export_dialog import ExportDialog
    from desktop_app.main_window import MainWindow

    window = MainWindow()
    h = window.fontMetrics().height()
    window.resize(h * 80, h * 50)
    window.show()
    loop = QEventLoop()
    window.context.analysis_finished.connect(loop.quit)
    window.open_workspace(str(folder))
    QTimer.singleShot(60000, loop.quit)
    loop.exec()

    def settle() -> None:
        for _ in range(5):
            app.processEvents()

    def shot(widget, name: str) -> None:
        settle()
        path = HERE / f"hr-{name}{args.suffix}.png"
        widget.grab().save(str(path))
        print("wrote", path)

    def screen_shot(widget, name: str) -> None:
        """The widget's window as the screen shows it, title bar included."""
        widget.show()
        widget.raise_()
        widget.activateWindow()
        pause = QEventLoop()
        QTimer.singleShot(1200, pause.quit)  # let the window manager frame and place it
        pause.exec()
        settle()
        frame = widget.frameGeometry()
        picture = widget.screen().grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
        path = HERE / f"hr-{name}{args.suffix}.png"
        picture.save(str(path))
        print("wrote", path)

    if "comments" in wanted:
        comments = window.panel("comments")
        window.show_section("comments")
        comments.search.setText("meeting")
        comments.apply_filter()
        comments.table.selectRow(0)
        shot(window, "comments")
        comments.clear_filters()
    # This month's wave is open (its answers feed the Pulses shot); the other sections
    # show the last released wave, as HR would pick it to read the figures.
    loop = QEventLoop()
    window.context.analysis_finished.connect(loop.quit)
    window.context.select_wave("2026-10")
    QTimer.singleShot(60000, loop.quit)
    loop.exec()
    for section in ("themes", "actions", "pulses", "settings"):
        if section in wanted:
            window.show_section(section)
            if section == "pulses":  # the shared folder is read on a pool thread
                window.panel("pulses").inbox.refresh()
                wait = QEventLoop()
                window.panel("pulses").inbox.status_read.connect(wait.quit)
                QTimer.singleShot(10000, wait.quit)
                wait.exec()
                window.panel("pulses").inbox.table.selectRow(0)  # Retry and Delete usable
            shot(window, section)
    if "export" in wanted:
        dialog = ExportDialog(window.context, window)
        dialog.destination.setText(str(Path.home() / "Documents" / "rapport-2026-10.pptx"))
        dialog.show()
        shot(dialog, "export")
        dialog.close()
    if "dialogs" in wanted:
        dialogs(window, screen_shot)
    window.close()
    shutil.rmtree(SHARE.parent, ignore_errors=True)
    return 0


def dialogs(window, screen_shot) -> None:
    """The dialogs and Help windows, each grabbed with its title bar."""
    from PySide6.QtWidgets import QMessageBox

    from desktop_app.help_dialogs import ShortcutsDialog, UserGuideDialog
    from desktop_app.passphrase_dialog import PassphraseDialog
    from desktop_app.wave_dialog import WaveDialog

    share = Path("/srv/shares/Human Resources/Rapport pulse surveys/northwind")
    passphrase = PassphraseDialog(
        window.tr("Opening the sealed answers in the shared inbox:"),
        path=share / "inbox",
        action=window.tr("&Ingest"),
    )
    passphrase.passphrase_edit.setText("not the passphrase")
    passphrase.error.setText(
        "Wrong passphrase: it does not open this workspace's key. Type it again; it is the "
        "passphrase chosen when the first wave was published."
    )
    screen_shot(passphrase, "passphrase")
    passphrase.close()
    wave = WaveDialog(window.context, window)
    wave.template_box.setCurrentIndex(wave.template_box.findData("short-pulse"))
    screen_shot(wave, "new-wave")
    wave.close()
    settings = window.panel("settings")
    window.show_section("settings")
    settings.min_group.setValue(3)
    original = QMessageBox.exec
    QMessageBox.exec = lambda self: (screen_shot(self, "lower-threshold"), self.reject())[1]
    try:
        settings.save_privacy()  # asks first; the shot answers "keep"
    finally:
        QMessageBox.exec = original
    guide = UserGuideDialog(window)
    screen_shot(guide, "user-guide")
    guide.close()
    keys = ShortcutsDialog(window)
    screen_shot(keys, "shortcuts")
    keys.close()
    window.about()  # the open workspace's own threshold
    about = window.findChild(QMessageBox, "aboutBox")
    screen_shot(about, "about")
    about.close()


def _share_with_mail(folder: Path, share: Path) -> None:
    """A shared folder with answers waiting, an earlier ingest and two quarantined files.

    Each answer goes through the ticket protocol as in team mode: its own Rapport folder
    (one per person) requests a ticket, HR's app signs one per account, the ticket is picked
    up and sealed with the answer. File owners cannot be set without root, so each request's
    owner is the account named here.
    """
    import json
    from datetime import date

    from surveys.ingest import ingest
    from surveys.keys import seal
    from surveys.outbox import deliver
    from surveys.publish import publish_wave, read_published
    from surveys.store import open_workspace, set_setting
    from surveys.submission import Answer, Submission
    from surveys.ticket_client import finished_ticket, pick_up, request_ticket
    from surveys.tickets import sign_pending

    passphrase = "screenshots only, not a secret"
    today = date.today()
    wave = today.strftime("%Y-%m")  # a wave of this month, open since today
    path = publish_wave(folder, share, wave, "short-pulse", passphrase=passphrase, create=True)
    survey = read_published(path)
    homes, owners = share.parent / "homes", {}

    def as_person(number: int):
        os.environ["RAPPORT_HOME"] = str(homes / f"person-{number}")
        return ("Sales", "IT") if number % 2 else ("Operations", "Marketing")

    def request(numbers: range) -> None:
        for number in numbers:
            own, _ = as_person(number)
            owners[f"{request_ticket(survey, share, own).request}.request"] = f"person-{number}"
        sign_pending(folder, share, passphrase, owner_of=lambda p, info=None: owners.get(p.name))

    def deliver_all(numbers: range) -> None:
        for number in numbers:
            own, other = as_person(number)
            pick_up(survey, share)
            answers = (Answer(other, "timely", 3),)
            sub = Submission(wave, own, today.isoformat(), answers, ticket=finished_ticket(wave))
            deliver(sub, survey, share)

    home = os.environ["RAPPORT_HOME"]
    request(range(12))
    deliver_all(range(5))
    stale = Submission(wave, "Sales", today.isoformat(), (Answer("IT", "timely", 3),))
    stale_data = stale.to_dict() | {"wave": "2026-09-pilot", "counter": 1, "token": "9" * 64}
    (share / "inbox" / "3f9c1d0e.rapport").write_bytes(
        seal(json.dumps(stale_data).encode(), survey.public_key)
    )
    (share / "inbox" / "notes.txt").write_text("meeting notes saved in the wrong folder")
    ingest(folder, share, passphrase)
    deliver_all(range(5, 12))
    os.environ["RAPPORT_HOME"] = home
    db = open_workspace(folder)
    set_setting(db, "share", str(share))
    db.close()


if __name__ == "__main__":
    raise SystemExit(main())
