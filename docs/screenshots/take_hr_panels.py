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

import os
from pathlib import Path

from desktop_app.screenshots import (
    PASSPHRASE,
    command_line,
    fixed_share,
    open_and_wait,
    resize_in_lines,
    save,
    save_from_screen,
    start,
    wait_for,
)


def main() -> int:
    parser = command_line(__doc__)
    parser.add_argument(
        "--sections",
        default="comments,themes,actions,pulses,settings,export,dialogs",
        help="which screenshots to take (comma-separated)",
    )
    run = start(parser)
    wanted = set(run.args.sections.split(","))
    from analysis.pipeline import analyse_workspace
    from surveys.demo import build_demo

    folder = run.temp / "northwind"
    build_demo(folder, seed=0)
    analyse_workspace(folder)
    # The Pulses section prints the shared folder: a fixed, readable path, not a random one
    # (as docs/screenshots/take_respondent.py), emptied now and removed at the end.
    with fixed_share() as share:
        _share_with_mail(folder, share)
        _take(run, folder, wanted)
    return 0


def _take(run, folder: Path, wanted: set[str]) -> None:  # noqa: ANN001
    from desktop_app.export_dialog import ExportDialog
    from desktop_app.main_window import MainWindow

    window = MainWindow()
    resize_in_lines(window, 80, 50)
    window.show()
    open_and_wait(window, folder)

    def shot(widget, name: str) -> None:  # noqa: ANN001
        save(widget, run.path(f"hr-{name}"))

    def screen_shot(widget, name: str) -> None:  # noqa: ANN001
        save_from_screen(widget, run.path(f"hr-{name}"))

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
    wait_for(window.context.analysis_finished, lambda: window.context.select_wave("2026-10"))
    for section in ("themes", "actions", "pulses", "settings"):
        if section in wanted:
            window.show_section(section)
            if section == "pulses":  # the shared folder is read on a pool thread
                inbox = window.panel("pulses").inbox
                wait_for(inbox.status_read, inbox.refresh, 10)
                inbox.table.selectRow(0)  # Retry and Delete usable
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

    passphrase = PASSPHRASE
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
