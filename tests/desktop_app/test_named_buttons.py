"""Small things a polished window gets right (polish17): buttons that name their action,
About with the workspace's own threshold, the organisation in the title bar, counts
grouped by thousands."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget

from desktop_app.panels.pulses_panel import PulsesPanel
from desktop_app.passphrase_dialog import PassphraseDialog
from tests.desktop_app.hr_helpers import open_pair, open_window
from tests.desktop_app.test_pulses_panel import _create_wave, _use_share


def _button_when_asked(said: list[str]) -> None:
    """Cancel the passphrase dialog once it shows; ``said`` gets its button's text."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PassphraseDialog):
            QTimer.singleShot(10, answer)
            return
        said.append(dialog.buttons.button(QDialogButtonBox.Ok).text())
        dialog.buttons.button(QDialogButtonBox.Cancel).click()

    QTimer.singleShot(0, answer)


def test_the_passphrase_dialogs_button_names_what_it_does(
    open_panel, demo_workspace, tmp_path, qtbot
) -> None:
    """It said "OK" to publishing, ingesting and signing alike."""
    _use_share(demo_workspace, tmp_path / "share")
    panel = open_panel(PulsesPanel)
    _create_wave(panel, qtbot, "2026-11")
    said: list[str] = []
    _button_when_asked(said)
    assert panel.publish_selected() is None  # cancelled
    _button_when_asked(said)
    assert panel.ingest_inbox() is None
    _button_when_asked(said)
    panel._on_tickets_passphrase_needed()
    assert said == ["Pu&blish", "&Ingest", "&Sign tickets"]
    assert not panel.tickets.signing


def test_changing_the_passphrase_says_so_on_its_button(qtbot, demo_workspace) -> None:
    from desktop_app.passphrase_dialog import ChangePassphraseDialog

    dialog = ChangePassphraseDialog(demo_workspace)
    qtbot.addWidget(dialog)
    assert dialog.buttons.button(QDialogButtonBox.Ok).text() == "C&hange passphrase"


def test_about_says_the_open_workspaces_threshold(qtbot, demo_workspace) -> None:
    from surveys.store import open_workspace, set_setting

    db = open_workspace(demo_workspace)
    set_setting(db, "min_group", 8)
    db.close()
    window = open_window(qtbot, demo_workspace)
    window.about()
    about = window.findChild(QMessageBox, "aboutBox")
    qtbot.waitExposed(about)
    assert "in this workspace, at least 8 people" in about.text()  # was "5 people unless…"
    about.close()
    window.close_workspace()
    window.about()
    [*_, about] = window.findChildren(QMessageBox, "aboutBox")
    assert "5 people unless changed in a workspace's Settings" in about.text()
    about.close()


def test_the_title_bar_names_the_organisation_and_the_picker_the_folder(
    qtbot, demo_workspace
) -> None:
    window = open_window(qtbot, demo_workspace)
    assert window.windowTitle() == "Northwind Diagnostics — Rapport"  # was "northwind — …"
    assert window.picker.toolTip() == str(demo_workspace)
    window.close_workspace()
    assert window.windowTitle() == "Rapport"
    assert window.picker.toolTip() == ""


def test_the_title_bar_follows_a_rename_where_there_is_nothing_to_analyse(qtbot, workspace) -> None:
    """The title took the name from the analysis that follows a rename; a workspace with
    no responses has none, and its title kept the folder's name until reopened."""
    from desktop_app.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.open_workspace(str(workspace))
    qtbot.waitUntil(lambda: window.context.has_responses is False)
    assert window.windowTitle() == "ws — Rapport"  # no name set: the folder's
    box = window.panel("settings").organisation
    box.name.setText("  Acme   Ltd ")
    assert box.save_name()
    assert window.windowTitle() == "Acme Ltd — Rapport"  # as saved, spaces tidied
    said: list[str] = []  # the analysis a rename started said "nothing to analyse" in a box

    def close_boxes() -> None:
        for box in QApplication.topLevelWidgets():
            if isinstance(box, QMessageBox) and box.isVisible():
                said.append(box.text())
                box.close()

    timer = QTimer(interval=50, timeout=close_boxes)
    timer.start()
    qtbot.wait(1500)
    timer.stop()
    assert said == []


def test_delete_all_like_it_groups_its_counts(open_panel, qtbot) -> None:
    """The question and the end message said "20000" where the window says "20,000"."""
    bulk = open_panel(PulsesPanel).inbox._delete_like
    asked: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        asked.append(box.text())
        box.button(QMessageBox.Cancel).click()

    QTimer.singleShot(0, answer)
    assert not bulk.ask("it is not a Rapport sealed file", 20000)
    assert "the 20,000 files in this quarantine" in asked[0]
    said: list[str] = []
    bulk.said.connect(said.append)
    bulk._names = ["x"] * 21500
    bulk._stop.set()
    bulk._done(20000, "")
    assert said == ["Deleted 20,000 quarantined files. Stopped: 1,500 like them are left."]


def test_the_respondents_dialogs_name_their_buttons_and_take_each_letter_once(qtbot) -> None:
    """Set-up and the department dialog said "OK"; set-up gave Alt+T to two choices
    (&Team, &This computer), so Alt+T never reached the second."""
    from desktop_app.respondent.department_dialog import DepartmentDialog
    from desktop_app.respondent.first_run import FirstRunDialog
    from desktop_app.settings import Settings
    from tests.desktop_app.test_dialog_mnemonics import _twice
    from tests.desktop_app.test_mnemonics import _letters

    first = FirstRunDialog(Settings())
    chosen = DepartmentDialog(["Sales", "IT"])
    shown = {}
    for dialog in (first, chosen):
        qtbot.addWidget(dialog)
        texts = [b.text() for b in dialog.findChildren(QDialogButtonBox)[0].buttons()]
        shown[dialog.windowTitle()] = sorted(texts)
        assert _twice(_letters([dialog, *dialog.findChildren(QWidget)])) == {}
    assert shown == {
        "Rapport: set up": ["&Cancel", "&Save"],
        "Rapport: your department": ["&Cancel", "&Use this department"],
    }


def test_the_pulses_counts_are_grouped_by_thousands(open_panel, tmp_path) -> None:
    """Tickets, the kiosk's waiting answers, the inbox and the last ingest said "12000"."""
    from desktop_app.panels.pulses_inbox import InboxView
    from surveys.inbox import ShareStatus
    from surveys.tickets import TicketStatus

    panel = open_panel(PulsesPanel)
    tickets = panel.tickets
    tickets._on_relay_read(tickets.share, TicketStatus(1200, 15000, {"not in the roster": 2500}))
    assert tickets.summary.text().startswith(
        "Ticket requests: 1,200 pending, 15,000 signed in the open waves, 2,500 refused.\n"
        "Refused 2,500: not in the roster."
    )
    panel._show_kiosk(1234)
    assert "1,234 sealed answers waiting" in panel.kiosk_label.text()
    share = tmp_path / "share 2041"  # a number in the path is not the count
    last = {"at": "2026-12-07 10:00", "files": 12000, "stored": 11000, "quarantined": 1000}
    text = panel.inbox._summary_text(InboxView(share, ShareStatus(True, 2041), last))
    assert text == (
        f"Shared folder {share}: 2,041 answers waiting in the inbox.\n"
        "Last ingest 2026-12-07 10:00: 12,000 files, 11,000 stored, 1,000 quarantined."
    )


def test_a_pairs_page_groups_its_comment_count(qtbot, demo_workspace) -> None:
    page = open_window(qtbot, demo_workspace).pair_page
    assert page._comments_note(50, 50, 1580) == "The 50 most negative of 1,580 comments."


def test_an_ingest_in_words_groups_its_counts(qapp) -> None:
    from desktop_app.panels.ingest_text import ingest_summary
    from surveys.ingest import IngestReport

    report = IngestReport(stored=12000, late=1500, repeats={"2026-11": 1200})
    assert ingest_summary(report).startswith(
        "Took 13,500 files: 12,000 new answers, 1,500 too late (their wave had closed). The "
        "analysis runs again to include them. 1,200 answers stored for wave 2026-11 repeat"
    )


def test_the_quarantine_badge_and_imported_names_group_their_counts(qtbot, demo_workspace) -> None:
    from desktop_app.panels.pulses_inbox import InboxView
    from surveys.inbox import ShareStatus
    from surveys.store import open_workspace, set_setting

    people = [["Dana", f"Whitfield {n}"] for n in range(1200)]
    db = open_workspace(demo_workspace)
    set_setting(db, "redaction_people", {"format": 1, "people": people})
    db.close()
    window = open_window(qtbot, demo_workspace)
    settings = window.panel("settings")
    window.show_section("settings")
    qtbot.waitUntil(lambda: settings.imported_names.text() != "", timeout=10000)
    assert settings.imported_names.text() == "1,200 names imported from a list."
    view = InboxView(None, ShareStatus(True, quarantined_total=20000), None)
    window.quarantine_badge.show_view(view)
    assert window.quarantine_badge.text() == "⚠ 20,000 files in quarantine"


def test_a_pairs_summary_groups_how_many_people_answered(qtbot, demo_workspace) -> None:
    import dataclasses

    window = open_window(qtbot, demo_workspace)
    page = open_pair(qtbot, window, "Sales", "IT")
    result = window.context.result
    pair = dataclasses.replace(result.pair("Sales", "IT"), n=1204)
    page._fill_summary(result, pair)
    assert "from 1,204 people." in page.summary.text()
