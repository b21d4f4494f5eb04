"""Pulses: create a wave, publish it, ingest what respondents delivered, participation."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from desktop_app.context import Changes
from desktop_app.panels.pulses_panel import PulsesPanel
from desktop_app.passphrase_dialog import PassphraseDialog
from desktop_app.wave_dialog import suggested_name
from surveys.store import open_workspace, set_setting

PASSPHRASE = "correct horse battery staple"


def _type_passphrase_when_asked(text: str = PASSPHRASE) -> list[str]:
    """Fill and confirm the modal passphrase dialog as soon as it opens.

    If the dialog refuses the passphrase (it stays open with an error line), the error is
    added to the returned list and the dialog is cancelled.
    """
    refused: list[str] = []

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PassphraseDialog):
            QTimer.singleShot(10, fill)
            return
        dialog.passphrase_edit.setText(text)
        dialog.confirm_edit.setText(text)
        dialog.buttons.button(QDialogButtonBox.Ok).click()
        if dialog.isVisible():
            refused.append(dialog.error.text())
            dialog.buttons.button(QDialogButtonBox.Cancel).click()

    QTimer.singleShot(0, fill)
    return refused


def _use_share(folder: Path, share: Path) -> None:
    """The workspace uses ``share``, an existing shared folder (set up as publishing does)."""
    from surveys.transport import prepare_share

    prepare_share(share)
    db = open_workspace(folder)
    set_setting(db, "share", str(share))
    db.close()


def _create_wave(panel, qtbot, name: str, untick: str | None = None) -> None:
    dialog = panel.new_wave()
    qtbot.addWidget(dialog)
    dialog.name_edit.setText(name)
    dialog.template_box.setCurrentIndex(dialog.template_box.findData("short-pulse"))
    if untick:
        dialog.targets.findItems(untick, Qt.MatchExactly)[0].setCheckState(Qt.Unchecked)
    with qtbot.waitSignal(panel.context.data_changed) as changed:
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
    assert changed.args == [Changes(waves=True), dialog]


def _publish(panel, qtbot) -> None:
    _type_passphrase_when_asked()
    job = panel.publish_selected()
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=20000):
        pass


def deliver_signed_answer(workspace: Path, share: Path, published) -> None:  # noqa: ANN001
    """A Sales respondent asks for a ticket, HR signs it, and the answer (every item 2, one
    comment on IT) is delivered to the share's inbox with it."""
    from surveys.submission import Answer, Comment, Submission
    from surveys.ticket_client import request_ticket
    from surveys.ticket_wait import deliver_ticketed
    from surveys.tickets import sign_pending

    request_ticket(published, share, "Sales")
    assert sign_pending(workspace, share, PASSPHRASE).signed == 1
    answers = tuple(Answer("IT", q.item, 2) for q in published.questions if q.item != "comment")
    sub = Submission(
        wave=published.wave,
        department="Sales",
        day="2026-11-03",
        answers=answers,
        comments=(Comment("IT", "Tickets wait for weeks."),),
        token="ab" * 32,
    )
    assert deliver_ticketed(sub, published, share, "Sales").status == "delivered"


def test_create_and_publish_a_wave(open_panel, demo_workspace, tmp_path, qtbot) -> None:
    share = tmp_path / "share"
    _use_share(demo_workspace, share)
    panel = open_panel(PulsesPanel)
    _create_wave(panel, qtbot, "2026-11", untick="Marketing")
    wave = panel.selected_wave()
    assert wave.name == "2026-11" and wave.status == "draft"
    assert wave.targets == ("Sales", "IT", "Operations")
    assert not (share / "published" / "2026-11.json").exists()
    _publish(panel, qtbot)
    published = share / "published" / "2026-11.json"
    assert published.exists(), panel.status.text()
    data = json.loads(published.read_text("utf-8"))
    assert data["wave"] == "2026-11" and data["targets"] == ["Sales", "IT", "Operations"]
    assert data["survey"]["key"] == "short-pulse"
    assert "Published 2026-11" in panel.status.text()
    assert panel.selected_wave().status == "open"
    assert panel.waves_model.index(0, 4).data() == "open"


def test_ingest_takes_a_delivered_answer_and_quarantines_junk(
    open_panel, demo_workspace, tmp_path, qtbot
) -> None:
    from surveys.publish import read_published

    share = tmp_path / "share"
    _use_share(demo_workspace, share)
    panel = open_panel(PulsesPanel)
    _create_wave(panel, qtbot, "2026-11")
    _publish(panel, qtbot)
    published = read_published(share / "published" / "2026-11.json")
    assert published.ticket_keys  # the respondent's app asks for its ticket; HR signs it
    deliver_signed_answer(demo_workspace, share, published)
    (share / "inbox" / "junk.rapport").write_bytes(b"not a sealed submission")
    _type_passphrase_when_asked()
    job = panel.ingest_inbox()
    with qtbot.waitSignal(job.finished, timeout=20000):
        pass
    text = panel.status.text()
    assert text == (
        "Took 2 files: 1 new answer, 1 quarantined. The analysis runs again to include them."
    )
    table = panel.inbox.table
    qtbot.waitUntil(lambda: table.rowCount() == 1)
    assert panel.inbox.quarantine.isVisible()
    assert table.item(0, 0).text() == "junk.rapport"
    assert table.item(0, 1).text().startswith("it is not a Rapport sealed file")
    sales = next(r for r in panel.participation_model.rows if r.department == "Sales")
    assert sales.submitted == 1 and sales.low
    assert "Low participation" in panel.participation_warning.text()
    assert "Sales" in panel.participation_warning.text()


def test_a_wrong_passphrase_is_said_in_the_dialog_which_asks_again(
    open_panel, demo_workspace, tmp_path, qtbot
):
    share = tmp_path / "share"
    _use_share(demo_workspace, share)
    panel = open_panel(PulsesPanel)
    _create_wave(panel, qtbot, "2026-11")
    _publish(panel, qtbot)
    seen = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PassphraseDialog):
            QTimer.singleShot(10, answer)
            return
        qtbot.keyClicks(dialog.passphrase_edit, "not the passphrase")
        qtbot.keyClick(dialog.passphrase_edit, Qt.Key_Return)
        edit = dialog.passphrase_edit
        focused = dialog.focusWidget() is edit and edit.selectedText() == edit.text()
        seen.append((dialog.isVisible(), dialog.error.text(), focused))
        dialog.passphrase_edit.setText(PASSPHRASE)
        qtbot.keyClick(dialog.passphrase_edit, Qt.Key_Return)

    QTimer.singleShot(0, answer)
    job = panel.ingest_inbox()
    visible, error, focused = seen[0]
    assert visible and focused  # still asking, the cursor back in the field
    assert error.startswith("Wrong passphrase: it does not open this workspace's key.")
    assert job is not None  # the right passphrase was accepted and the ingest ran
    with qtbot.waitSignal(job.finished, timeout=20000):
        pass
    text = panel.status.text()  # nothing had come: said so, with why and what comes next
    assert text.startswith("The inbox was empty. Respondents' apps send each answer 2 to 20")
    assert "Run the analysis" not in text


def test_demo_participation_is_shown_against_headcount(open_panel) -> None:
    panel = open_panel(PulsesPanel)
    assert panel.selected_wave().name == "2026-10"
    rows = {r.department: r for r in panel.participation_model.rows}
    assert rows["Sales"].headcount == 40 and rows["Sales"].submitted > 0
    sales = [r.department for r in panel.participation_model.rows].index("Sales")
    # 23 of 40 is 57.5 %: shown as 58 %, rounded as everywhere else (it read "57%")
    assert rows["Sales"].submitted == 23
    assert panel.participation_model.index(sales, 3).data() == "58\u00a0%"
    # the department takes the room left, so the rate stands next to the counts it comes
    # from (stretched, the rate's column was a wide blank with the figure at its far end)
    table = panel.participation_table
    table.resize(900, 300)
    header = table.horizontalHeader()
    assert header.sectionSize(3) < header.sectionSize(0)
    fitted = max(table.sizeHintForColumn(3), header.sectionSizeHint(3))
    assert header.sectionSize(3) <= fitted + header.fontMetrics().height()


def test_a_taken_wave_name_is_refused(open_panel, qtbot) -> None:
    panel = open_panel(PulsesPanel)
    dialog = panel.new_wave()
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("2026-10")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
    assert dialog.isVisible() and "already a wave called '2026-10'" in dialog.error.text()


def test_suggested_names_skip_taken_ones() -> None:
    from datetime import date

    assert suggested_name(set(), date(2026, 11, 2)) == "2026-11"
    assert suggested_name({"2026-11", "2026-11-2"}, date(2026, 11, 2)) == "2026-11-3"


def test_the_waves_come_right_under_their_buttons_and_the_programme_last(open_panel) -> None:
    panel = open_panel(PulsesPanel)
    body = panel.waves_table.parentWidget()

    def top(widget) -> int:  # noqa: ANN001
        return widget.mapTo(body, widget.rect().topLeft()).y()

    # The waves are the section's main list: they start within a 700-pixel-high panel
    # (under the programme box they began below it and had to be scrolled to).
    assert top(panel.close_button) < top(panel.waves_table) < 400
    assert top(panel.waves_table) < top(panel.participation_table) < top(panel.programme_box)


def test_the_status_line_takes_no_room_until_it_says_something(open_panel) -> None:
    panel = open_panel(PulsesPanel)
    body = panel.waves_table.parentWidget()

    def gap() -> int:
        buttons = panel.close_button.mapTo(body, panel.close_button.rect().bottomLeft()).y()
        return panel.waves_table.mapTo(body, panel.waves_table.rect().topLeft()).y() - buttons

    line = panel.fontMetrics().height()
    assert panel.status.text() == "" and not panel.status.isVisible()
    assert gap() < line  # an empty line sat between the buttons and the waves
    panel.status.setText("Wave 2026-12 is closed and its figures are released.")
    QApplication.processEvents()
    assert panel.status.isVisible() and gap() >= line
    panel.status.setText("")
    assert not panel.status.isVisible()


def test_the_participation_table_is_as_tall_as_its_departments(open_panel, qtbot) -> None:
    """Ten lines at least left a blank band under the demo's four departments; a tall
    window gives its room to the waves, not to blank participation lines."""
    panel = open_panel(PulsesPanel)
    panel.resize(1200, 1400)
    QApplication.processEvents()
    table = panel.participation_table
    assert table.model().rowCount() == 4
    last = table.model().rowCount() - 1
    bottom = table.rowViewportPosition(last) + table.rowHeight(last)
    assert 0 <= table.viewport().height() - bottom <= 2  # no blank band under the last row
    waves = panel.waves_table
    assert waves.height() > panel.fontMetrics().height() * 20  # the waves got the room


def test_a_new_workspace_says_how_to_get_a_first_wave(qtbot, workspace, open_panel) -> None:
    from desktop_app.context import WorkspaceContext

    context = WorkspaceContext()
    panel = PulsesPanel(context)
    qtbot.addWidget(panel)
    panel.resize(1100, 700)
    panel.show()
    context.open(workspace)
    qtbot.waitUntil(lambda: panel.participation_warning.isVisible(), timeout=5_000)
    text = panel.participation_warning.text()
    assert text.startswith("No waves yet. New wave… sets up a pulse as a draft")
    assert "File › Import responses… (Ctrl+I)" in text
    assert panel.waves_model.rowCount() == 0
    context.close()
    demo = open_panel(PulsesPanel)  # waves, one selected: no such line
    assert demo.selected_wave() is not None
    assert "No waves yet" not in demo.participation_warning.text()
    demo.waves_table.clearSelection()
    assert demo.participation_warning.text() == (
        "Select a wave to see who answered, against headcount."
    )


def test_publishing_to_the_kiosk_on_this_computer_asks_for_no_tickets(
    open_panel, demo_workspace, qtbot
) -> None:
    """Publish › "To a kiosk on this computer…" wrote the wave with participation ticket
    keys, as to a shared folder: the kiosk takes answers only for pulses without them, and
    said on its start screen that the pulse counts each person with a ticket."""
    from desktop_app.panels.pulses_publish import KIOSK
    from desktop_app.respondent.kiosk_source import _takes_answers
    from surveys.kiosk import kiosk_folder
    from surveys.published import read_published

    panel = open_panel(PulsesPanel)
    _create_wave(panel, qtbot, "2026-11")
    _type_passphrase_when_asked()
    job = panel.publish_selected(KIOSK)
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=20000):
        pass
    path = kiosk_folder(demo_workspace) / "published" / "2026-11.json"
    assert path.exists(), panel.status.text()
    published = read_published(path)
    assert published.ticket_keys == {}
    assert [s.wave for s in _takes_answers([published])] == ["2026-11"]
    db = open_workspace(demo_workspace)
    try:
        keys = db.execute(
            "SELECT count(*) FROM ticket_keys k JOIN waves w ON w.id = k.wave_id "
            "WHERE w.name = '2026-11'"
        ).fetchone()
    finally:
        db.close()
    assert keys == (0,)


def test_another_workspace_opening_slowly_never_lists_the_previous_ones_waves(
    open_panel, qtbot, monkeypatch, tmp_path, gate
) -> None:
    """Its read waits for a slow folder: the previous workspace's waves stayed listed, with
    Publish… and Close wave enabled on a wave of that workspace."""
    from desktop_app import bounded_read
    from desktop_app.panels import pulses_panel
    from surveys.store import create_workspace
    from tests.desktop_app.slow_reads import hanging

    create_workspace(tmp_path / "other").close()
    panel = open_panel(PulsesPanel)
    assert panel.waves_model.waves and panel.selected_wave() is not None
    assert panel.participation_model.rowCount()
    monkeypatch.setattr(bounded_read, "WAIT_SECONDS", 0.0)
    monkeypatch.setattr(pulses_panel, "read_pulses", hanging(pulses_panel.read_pulses, gate))
    panel.context.open(tmp_path / "other")
    assert panel.waves_model.waves == [] and panel.selected_wave() is None
    assert panel.participation_model.rowCount() == 0
    assert not panel.publish_button.isEnabled() and not panel.close_button.isEnabled()
    gate.set()
    qtbot.waitUntil(lambda: not panel.reads.pending(), timeout=5000)
    assert panel.waves_model.waves == []
    assert panel.participation_warning.text().startswith("No waves yet")


def test_a_draft_wave_reads_as_not_yet_asked_not_as_low_participation(open_panel, qtbot) -> None:
    panel = open_panel(PulsesPanel)
    _create_wave(panel, qtbot, "2026-11")
    assert panel.selected_wave().status == "draft"
    # every department read "0 % — low" and HR was told to send a reminder for a wave
    # nobody had been sent
    qtbot.waitUntil(lambda: "draft" in panel.participation_warning.text())
    warning = panel.participation_warning.text()
    assert warning.startswith("2026-11 is a draft: nobody has been asked yet.")
    assert "Low participation" not in warning and "reminder" not in warning
    assert panel.participation_model.rows == []
    assert panel.participation_heading.text() == "Participation in 2026-11"
    # the demo's closed wave still shows its rates
    panel.waves_table.selectRow(1)
    qtbot.waitUntil(lambda: panel.participation_model.rows != [])
    assert panel.participation_heading.text() == "Participation in 2026-10 against headcount"


def test_reminders_are_said_only_while_the_wave_takes_answers(
    open_panel, demo_workspace, qtbot
) -> None:
    panel = open_panel(PulsesPanel)
    _create_wave(panel, qtbot, "2026-11")

    def warning_for(status: str, stopped: str | None) -> str:
        db = open_workspace(demo_workspace)
        db.execute(
            "UPDATE waves SET status = ?, answers_stopped = ? WHERE name = '2026-11'",
            [status, stopped],
        )
        db.close()
        with qtbot.waitSignal(panel.context.data_changed):
            panel.context.data_changed.emit(Changes(waves=True), None)
        panel.waves_table.selectRow(0)
        qtbot.waitUntil(lambda: panel.participation_model.rows != [])
        return panel.participation_warning.text()

    # When the respondents' apps remind people, not "Consider a reminder." (but how?)
    assert warning_for("open", None).endswith(
        "Respondents' apps remind those who have not answered 3 days after it opens and the "
        "day before it closes; a message from you helps too."
    )
    db = open_workspace(demo_workspace)
    db.execute(
        "UPDATE waves SET reminders = ? WHERE name = '2026-11'",
        ['{"after_opening_days": 0, "before_closing_days": 0}'],
    )
    db.close()
    assert warning_for("open", None).endswith(
        "This wave sends no reminders: a message from you may help."
    )
    # nobody can answer a closed wave, nor one whose answers HR stopped: no reminder
    for status, stopped in (("closed", None), ("open", "2026-12-01T09:00:00+00:00")):
        warning = warning_for(status, stopped)
        assert warning.startswith("Low participation (under 30")
        assert "reminder" not in warning


def test_a_wave_imported_from_a_file_says_so(demo_workspace, open_panel, tmp_path) -> None:
    """A wave whose answers came from a file (another tool's export) was a row of blank
    Survey, Opens and Closes cells, as if something had been lost."""
    from surveys.csv_import import import_csv

    csv = tmp_path / "old.csv"
    rows = [f"s{i},2025-12,Sales,IT,frequent,{1 + i % 5}" for i in range(6)]
    header = "submission_id,wave,respondent_department,target_department,item,value"
    csv.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    import_csv(demo_workspace, csv)
    panel = open_panel(PulsesPanel)
    model = panel.waves_model
    row = [model.index(r, 0).data() for r in range(model.rowCount())].index("2025-12")
    assert model.index(row, 1).data() == "imported answers"
    assert "imported from a file" in model.index(row, 1).data(Qt.ToolTipRole)
    published = [model.index(r, 0).data() for r in range(model.rowCount())].index("2026-10")
    assert model.index(published, 1).data(Qt.ToolTipRole) is None
