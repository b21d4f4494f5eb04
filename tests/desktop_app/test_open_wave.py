"""An open wave shows participation only in the HR window; closing it releases the figures."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton

from surveys.model import DIMENSIONS
from surveys.store import open_workspace
from tests.desktop_app.hr_helpers import ANALYSIS_TIMEOUT_MS, open_window


def _open_wave_with_answers(folder: Path) -> None:
    """Wave 2026-11 is open and twelve people of Sales have rated IT so far."""
    db = open_workspace(folder)
    ids = dict(db.execute("SELECT name, id FROM departments").fetchall())
    survey = db.execute("SELECT id FROM surveys LIMIT 1").fetchone()[0]
    with db.atomic():
        wave = db.execute(
            "INSERT INTO waves (name, survey_id, opens, closes, status) "
            "VALUES ('2026-11', ?, '2026-11-02', '2026-11-16', 'open')",
            [survey],
        ).lastrowid
        for i in range(12):
            sub = f"open-{i}"
            db.execute(
                "INSERT INTO submissions (id, wave_id, department_id, day) VALUES (?, ?, ?, ?)",
                [sub, wave, ids["Sales"], "2026-11-05"],
            )
            for item in (*DIMENSIONS, "overall"):
                db.execute(
                    "INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?)",
                    [sub, wave, ids["Sales"], ids["IT"], item, 1 + i % 5],
                )
    db.close()


def test_an_open_wave_shows_participation_until_it_is_closed(qtbot, demo_workspace) -> None:
    _open_wave_with_answers(demo_workspace)
    window = open_window(qtbot, demo_workspace)
    result = window.context.result
    assert result.wave == "2026-11" and not result.released and result.pairs == []
    overview = window.panel("overview")
    assert "still open, so only participation is shown" in overview.headline.text()
    assert {row.label: row.text for row in overview.participation.rows}["Sales"].startswith("12")
    assert overview.changes.text() == "Changes are shown once the wave is closed."
    assert "once the wave is closed" in overview.findChild(QLabel, "noHotspots").text()
    relationships = window.panel("relationships")
    assert relationships.caption.text().startswith("Wave 2026-11 is still open, so no figures")
    cell = relationships.model.index(0, 1)  # not "not rated": nobody knows yet
    assert relationships.model.data(cell) == "after closing"
    assert "shown once wave 2026-11 is closed" in relationships.model.data(cell, Qt.ToolTipRole)
    window.show_section("themes")  # a hidden panel shows its result when it is shown
    assert "Wave 2026-11 is still open: its themes" in window.panel("themes").status.text()

    pulses = window.panel("pulses")
    window.show_section("pulses")
    names = [w.name for w in pulses.waves_model.waves]
    pulses.waves_table.selectRow(names.index("2026-11"))
    asked = []

    def answer(how: str) -> None:  # the question is modal: answer it once it shows
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, lambda: answer(how))
            return
        default = box.defaultButton().text() if box.defaultButton() else ""
        asked.append((default, sorted(b.text() for b in box.buttons())))
        if how == "enter":  # Enter took Qt's default Yes: the wave closed for good
            qtbot.keyClick(box, Qt.Key_Return)
        else:
            box.findChild(QPushButton, "closeWaveButton").click()

    QTimer.singleShot(0, lambda: answer("enter"))
    pulses.close_selected()
    assert asked == [("Cancel", ["&Close wave", "Cancel"])]
    assert "closed and its figures are released" not in pulses.status.text()
    QTimer.singleShot(0, lambda: answer("click"))
    pulses.close_selected()
    assert "closed and its figures are released" in pulses.status.text()
    with qtbot.waitSignal(window.context.analysis_finished, timeout=ANALYSIS_TIMEOUT_MS):
        window.run_analysis()
    result = window.context.result
    assert result.released and result.pair("Sales", "IT").n == 12
    assert "still open" not in overview.headline.text()
    assert "still open" not in window.panel("relationships").caption.text()
    assert window.panel("relationships").model.data(
        window.panel("relationships").model.index(0, 1)
    ) not in ("after closing", None)
    assert overview.changes_heading.text() == "What changed since 2026-10"


def test_the_open_wave_summary_rounds_participation_as_every_screen_does() -> None:
    from types import SimpleNamespace

    from analysis.results import Participation
    from desktop_app.commands.analyze import summary

    sales = Participation("Sales", headcount=40, submitted=23, rate=23 / 40)
    result = SimpleNamespace(
        released=False, organisation="Northwind", wave="2026-11", waves=["2026-11"],
        participation=[sales],
    )  # fmt: skip
    assert "  Sales: 23 of 40 (58 %)" in summary(result)  # 57.5 %, halves up; it read "57%"
