"""A salesperson in a hurry, and someone on the keyboard, answering a pulse: what they type
or paste reaches HR, and a long department name keeps the window as it was (found walking
the respondent's app, stop 31)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app.respondent.source import TeamSource
from desktop_app.respondent.wizard import SurveyWizard
from tests.desktop_app.conftest import PASSPHRASE

LONG = "Customer Success, Renewals & Partner Enablement (Europe, Middle East and Africa)"


@pytest.fixture(autouse=True)
def no_modal_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal question would stop the test run: answer "Discard"."""
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.Discard))


def click(qtbot, widget) -> None:  # noqa: ANN001
    qtbot.mouseClick(widget, Qt.LeftButton, pos=QPoint(8, widget.height() // 2))


def open_wizard(qtbot, share: Path) -> tuple[SurveyWizard, TeamSource]:  # noqa: ANN001
    source = TeamSource(share, hold=False)
    [survey] = source.unanswered()
    wizard = SurveyWizard(
        survey, "Sales", lambda s: source.deliver(survey, s), token=source.token(survey)
    )
    qtbot.addWidget(wizard)
    wizard.resize(760, 640)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard, source


@pytest.fixture
def long_share(tmp_path: Path) -> Path:
    from surveys.publish import publish_wave
    from surveys.store import create_workspace

    departments = ["Sales", "IT", "Marketing", "Operations", LONG]
    db = create_workspace(tmp_path / "ws", departments)
    folder = tmp_path / "share"
    publish_wave(db, folder, "2026-10", "full-pulse", passphrase=PASSPHRASE, create=True,
                 tickets=False)  # fmt: skip
    db.close()
    return folder


def test_a_long_department_name_does_not_widen_the_window(qtbot, long_share: Path) -> None:
    """The step line above the pages grew the window by 115 pixels on that page (and it
    stayed so); it is now shortened in the middle, whole for a screen reader."""
    wizard, _ = open_wizard(qtbot, long_share)
    width = wizard.width()
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.departments_page.boxes[LONG])
    click(qtbot, wizard.next_button)
    qtbot.wait(50)
    assert wizard.current_page().heading == f"Working with {LONG}"
    assert wizard.width() == width
    label = wizard.step_label
    full = f"Step 3 of 4: {LONG} (department 1 of 1)"
    assert label.full_text() == full and "…" in label.text()
    assert label.text().startswith("Step 3 of 4: ") and label.text().endswith("(department 1 of 1)")
    assert label.accessibleName() == full and label.toolTip() == full
    assert label.geometry().right() < wizard.progress.geometry().left()
    assert wizard.progress.width() >= 160
    click(qtbot, wizard.back_button)
    assert label.text() == "Step 2 of 4: who you worked with" and label.accessibleName() == ""
