"""HR sets a wave's reminders in the New wave dialog; publishing carries them to respondents."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.panels.pulses_panel import PulsesPanel
from tests.desktop_app.test_pulses_panel import _publish, _use_share


def test_reminder_days_chosen_in_the_new_wave_dialog_are_published(
    open_panel, demo_workspace: Path, tmp_path: Path, qtbot
) -> None:
    share = tmp_path / "share"
    _use_share(demo_workspace, share)
    panel = open_panel(PulsesPanel)
    dialog = panel.new_wave()
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("2026-11")
    assert (dialog.remind_after.value(), dialog.remind_before.value()) == (3, 1)
    dialog.remind_after.selectAll()
    qtbot.keyClicks(dialog.remind_after, "0")
    assert dialog.remind_after.value() == 0
    dialog.remind_before.selectAll()
    qtbot.keyClicks(dialog.remind_before, "2")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.Ok), Qt.LeftButton)
    _publish(panel, qtbot)
    data = json.loads((share / "published" / "2026-11.json").read_text("utf-8"))
    assert data["reminders"] == {"after_opening_days": 0, "before_closing_days": 2}


def test_one_day_reads_as_one_day(open_panel, qtbot) -> None:
    from PySide6.QtWidgets import QLineEdit

    panel = open_panel(PulsesPanel)
    dialog = panel.new_wave()
    qtbot.addWidget(dialog)
    before = dialog.remind_before
    shown = before.findChild(QLineEdit)
    assert before.value() == 1 and shown.text() == "1 day"  # it said "1 days"
    assert dialog.remind_after.findChild(QLineEdit).text() == "3 days"
    qtbot.keyClick(before, Qt.Key_Up)
    assert before.value() == 2 and shown.text() == "2 days"
    qtbot.keyClick(before, Qt.Key_Down)
    assert before.value() == 1 and shown.text() == "1 day"
    before.setValue(0)
    assert shown.text() == "no reminder"
