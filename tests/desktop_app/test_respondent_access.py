"""The survey as a keyboard, screen-reader or small-screen user meets it: answer options wrap
instead of scrolling sideways, every option says its question and value, each page announces
its title, and the keyboard focus can be seen in light and dark."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app.respondent.source import TeamSource
from desktop_app.respondent.wizard import SurveyWizard


@pytest.fixture(autouse=True)
def no_modal_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.Discard))


def click(qtbot, widget) -> None:  # noqa: ANN001
    qtbot.mouseClick(widget, Qt.LeftButton, pos=QPoint(8, widget.height() // 2))


def open_wizard(qtbot, share: Path, width: int = 760, height: int = 640) -> SurveyWizard:  # noqa: ANN001
    source = TeamSource(share, hold=False)
    [survey] = source.unanswered()
    wizard = SurveyWizard(survey, "Sales", lambda s: source.deliver(survey, s), token="t")
    qtbot.addWidget(wizard)
    wizard.resize(width, height)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def to_page(qtbot, wizard: SurveyWizard, target: str):  # noqa: ANN001, ANN201
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.departments_page.boxes[target])
    click(qtbot, wizard.next_button)
    return wizard.department_pages[target]


def test_answer_options_wrap_on_a_narrow_window_instead_of_scrolling_sideways(
    qtbot, share: Path
) -> None:
    # 1024×700 at 150 % leaves about 670 logical pixels; the window may be narrower still.
    wizard = open_wizard(qtbot, share, width=560, height=460)
    page = to_page(qtbot, wizard, "IT")
    scroll = wizard.scrolls[page]
    qtbot.waitUntil(lambda: page.width() <= scroll.viewport().width())
    assert scroll.horizontalScrollBar().maximum() == 0
    viewport = scroll.viewport()
    for row in page.rows:
        for button in [*row.buttons, row.not_applicable]:
            right = button.mapTo(viewport, QPoint(button.width(), 0)).x()
            assert right <= viewport.width(), (button.text(), right, viewport.width())
    agree = page.rows[1].buttons  # five agreement labels: they take two lines here
    assert agree[-1].y() > agree[0].y()
