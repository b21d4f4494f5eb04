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


def test_each_answer_option_says_its_statement_and_value(qtbot, share: Path) -> None:
    wizard = open_wizard(qtbot, share)
    page = to_page(qtbot, wizard, "IT")
    timely = next(r for r in page.rows if r.question.item == "timely")
    assert timely.question.text == "When we need something from them, it arrives in time."
    names = [b.accessibleName() for b in timely.buttons]
    assert names[3] == "When we need something from them, it arrives in time: 4 of 5, agree"
    assert names[0].endswith(": 1 of 5, strongly disagree")
    assert timely.buttons[3].accessibleDescription() == "About IT"
    assert timely.not_applicable.accessibleName() == (
        "When we need something from them, it arrives in time: don't know or not applicable"
    )


def test_each_page_announces_its_step_and_title(
    qtbot, share: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QAccessible, QAccessibleEvent

    said: list[str] = []

    def update(event: QAccessibleEvent) -> None:
        if event.type() == QAccessible.Announcement:
            said.append(event.message())

    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(update))
    wizard = open_wizard(qtbot, share)
    with qtbot.waitActive(wizard):
        wizard.activateWindow()
    to_page(qtbot, wizard, "IT")
    assert said == [
        "Step 2 of 4: who you worked with. Which departments did you work with in this period?",
        "Step 3 of 4: IT (department 1 of 1). Working with IT",
    ]
    assert wizard.current_page().accessibleName() == "Working with IT"
    wizard.department_pages["IT"].rows[0].set_value(3)  # an empty answer is not sent
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.next_button)  # Submit
    assert said[-1] == "Done. Thank you"
    assert wizard.current_page().accessibleName() == "Thank you"


def tab_cycle(qtbot, window, start, presses: int) -> list[str]:  # noqa: ANN001
    """The accessible names (or texts) the focus visits from ``start`` on pressing Tab."""
    with qtbot.waitActive(window):
        window.activateWindow()
    start.setFocus()
    qtbot.waitUntil(start.hasFocus)
    seen = []
    for _ in range(presses):
        qtbot.keyClick(window.focusWidget(), Qt.Key_Tab)
        widget = window.focusWidget()
        seen.append(widget.accessibleName() or widget.text().replace("&", ""))
    return seen


def test_tab_follows_the_reading_order_of_the_survey_pages(qtbot, share: Path) -> None:
    wizard = open_wizard(qtbot, share)
    assert tab_cycle(qtbot, wizard, wizard.next_button, 3) == [
        "Change your department",
        "Close",
        "Next",
    ]
    page = to_page(qtbot, wizard, "IT")
    names = tab_cycle(qtbot, wizard, page.rows[0].buttons[0], len(page.rows) + 4)
    statements = [r.question.text.rstrip(" .?!…:") for r in page.rows]
    assert [n.split(":")[0] for n in names[: len(page.rows) - 1]] == statements[1:]
    assert names[len(page.rows) - 1 :] == [
        "What one thing would make working with them better? (IT)",
        "Close",
        "Back",
        "Next",
        names[-1],
    ] and names[-1].startswith(statements[0])  # and round to the first question


def test_tab_follows_the_reading_order_of_first_run_and_kiosk(
    qtbot, share: Path, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.cli import main
    from desktop_app.respondent.first_run import FirstRunDialog
    from desktop_app.respondent.kiosk_source import KioskSource
    from desktop_app.respondent.kiosk_window import KioskWindow
    from desktop_app.settings import Settings
    from surveys.kiosk import resolve_kiosk
    from tests.desktop_app.conftest import PASSPHRASE

    dialog = FirstRunDialog(Settings(share_folder=str(share)))
    qtbot.addWidget(dialog)
    dialog.show()
    assert tab_cycle(qtbot, dialog, dialog.team, 6) == [
        "Folder",
        "Browse for the folder",
        "Your department",
        "Save",
        "Cancel",
        "Team: surveys come through a shared folder",
    ]
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    assert main(["publish", str(workspace), "--wave", "2026-10", "--kiosk"]) == 0
    kiosk = KioskWindow(KioskSource(resolve_kiosk(workspace)))
    qtbot.addWidget(kiosk)
    kiosk.show()
    start = kiosk.start_page
    assert tab_cycle(qtbot, kiosk, start.department, 4) == [
        "Start the survey",
        "Receipt code to check",
        "Check",
        "Your department",
    ]


def test_the_receipt_code_can_be_copied_with_the_keyboard(qtbot, share: Path) -> None:
    import re

    from PySide6.QtWidgets import QApplication

    QApplication.clipboard().clear()
    wizard = open_wizard(qtbot, share)
    to_page(qtbot, wizard, "IT")
    wizard.department_pages["IT"].rows[0].set_value(3)  # an empty answer is not sent
    click(qtbot, wizard.next_button)
    with qtbot.waitActive(wizard):
        wizard.activateWindow()
    qtbot.keyClick(wizard.focusWidget(), Qt.Key_S, Qt.AltModifier)  # Submit
    qtbot.waitUntil(lambda: wizard.current_page() is wizard.thanks)
    code = re.search(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", wizard.thanks.receipt.text()).group()
    assert wizard.focusWidget() is wizard.thanks.status
    qtbot.keyClick(wizard.focusWidget(), Qt.Key_Tab)
    assert wizard.focusWidget() is wizard.thanks.copy_receipt
    qtbot.keyClick(wizard.focusWidget(), Qt.Key_Space)
    assert QApplication.clipboard().text() == code
    assert wizard.thanks.copy_receipt.text() == "Co&pied to the clipboard"


def _spoken(widget) -> str:  # noqa: ANN001
    """What a screen reader says for ``widget``: its accessible name and description."""
    from PySide6.QtGui import QAccessible

    face = QAccessible.queryAccessibleInterface(widget)
    return f"{face.text(QAccessible.Name)} | {face.text(QAccessible.Description)}"


def test_a_screen_reader_hears_the_warning_the_review_and_the_receipt_code(
    qtbot, share: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import re

    from PySide6.QtGui import QAccessible, QAccessibleEvent

    said: list[str] = []

    def update(event: QAccessibleEvent) -> None:
        if event.type() == QAccessible.Announcement:
            said.append(event.message())

    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(update))
    wizard = open_wizard(qtbot, share)
    page = to_page(qtbot, wizard, "IT")
    click(qtbot, page.rows[1].buttons[3])
    click(qtbot, page.comment)
    qtbot.keyClicks(page.comment, "Ask priya.shah@example.com")
    assert "seems to contain an e-mail address" in _spoken(page.warning)
    assert any("seems to contain an e-mail address" in s for s in said), said  # as it appears
    click(qtbot, wizard.next_button)
    review = _spoken(wizard.review.summary)
    assert review.startswith("Summary of your answers | IT.")
    assert "When we need something from them, it arrives in time: Agree." in review
    assert "Comment: Ask priya.shah@example.com" in review
    click(qtbot, wizard.next_button)  # Submit
    code = re.search(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", wizard.thanks.receipt.text()).group()
    assert f"Your receipt: {code}" in _spoken(wizard.thanks.receipt)


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the windows announced to a screen reader."""
    from PySide6.QtGui import QAccessible, QAccessibleEvent

    messages: list[str] = []

    def update(event: QAccessibleEvent) -> None:
        if event.type() == QAccessible.Announcement:
            messages.append(event.message())

    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(update))
    return messages


def test_first_run_says_when_the_folder_goes_away_and_comes_back(
    qtbot, share: Path, tmp_path: Path, said: list[str]
) -> None:
    from desktop_app.respondent.first_run import FirstRunDialog
    from desktop_app.settings import Settings

    away = tmp_path / "away"
    share.rename(away)
    dialog = FirstRunDialog(Settings(share_folder=str(share)))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog._refresh_departments()  # the 5-second look, nothing new: said once
    assert len([s for s in said if "cannot be reached" in s]) == 1
    away.rename(share)
    dialog._refresh_departments()
    assert said[-1].startswith("Survey key code:")
    dialog.buttons.buttons()[0].click()  # OK without a department
    assert said[-1] == "Choose your department from the list to go on."


def test_an_inline_error_is_said(qtbot, share: Path, said: list[str]) -> None:
    wizard = open_wizard(qtbot, share)
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.next_button)  # no department ticked
    assert said[-1].startswith("Tick at least one department")


def test_a_restored_draft_is_said(qtbot, share: Path, said: list[str]) -> None:
    wizard = open_wizard(qtbot, share)
    page = to_page(qtbot, wizard, "IT")
    click(qtbot, page.rows[0].buttons[1])
    click(qtbot, wizard.close_button)  # kept as a draft
    again = open_wizard(qtbot, share)
    qtbot.waitUntil(lambda: again.intro.draft_note is not None, timeout=10_000)
    assert said[-1].startswith("Your unfinished answers from ")


def test_the_kiosk_says_what_a_receipt_check_found(
    qtbot, workspace: Path, monkeypatch: pytest.MonkeyPatch, said: list[str]
) -> None:
    from desktop_app.cli import main
    from desktop_app.respondent.kiosk_source import KioskSource
    from desktop_app.respondent.kiosk_window import KioskWindow
    from surveys.kiosk import resolve_kiosk
    from tests.desktop_app.conftest import PASSPHRASE

    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    assert main(["publish", str(workspace), "--wave", "2026-10", "--kiosk"]) == 0
    kiosk = KioskWindow(KioskSource(resolve_kiosk(workspace)))
    qtbot.addWidget(kiosk)
    kiosk.show()
    start = kiosk.start_page
    click(qtbot, start.receipt)
    qtbot.keyClicks(start.receipt, "7KQ2")
    qtbot.keyClick(start.receipt, Qt.Key_Return)
    assert said[-1].startswith("That is not a receipt code")
    start.receipt.setText("7KQ2-M9XD-4F8R")
    qtbot.keyClick(start.receipt, Qt.Key_Return)
    assert said[-1].startswith("Not in HR's list of received answers yet")


def test_a_long_department_is_shortened_in_the_middle_where_it_does_not_fit(qtbot) -> None:
    from desktop_app.respondent.department_dialog import department_box, fill_departments

    europe = "Customer Success, Renewals & Partner Enablement (Europe, Middle East and Africa)"
    americas = "Customer Success, Renewals & Partner Enablement (Americas and Asia Pacific)"
    box = department_box()
    qtbot.addWidget(box)
    fill_departments(box, ["Sales", europe, americas])
    box.resize(300, box.sizeHint().height())
    box.show()
    qtbot.waitExposed(box)
    width = 260
    assert box.shown_text(width) == "Choose your department"  # nothing chosen yet
    shown = []
    for name in (europe, americas):
        box.setCurrentIndex(box.findText(name))
        text = box.shown_text(width)
        assert "…" in text and box.fontMetrics().horizontalAdvance(text) <= width
        shown.append(text)
    assert shown[0].endswith("Africa)") and shown[1].endswith("Pacific)")
    box.setCurrentIndex(box.findText("Sales"))
    assert box.shown_text(width) == "Sales"
    box.grab()  # paints through shown_text without an error


def test_the_kiosk_says_which_survey_opened(
    qtbot, workspace: Path, monkeypatch: pytest.MonkeyPatch, said: list[str]
) -> None:
    from desktop_app.cli import main
    from desktop_app.respondent.kiosk_source import KioskSource
    from desktop_app.respondent.kiosk_window import KioskWindow
    from surveys.kiosk import resolve_kiosk
    from tests.desktop_app.conftest import PASSPHRASE

    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    assert main(["publish", str(workspace), "--wave", "2026-10", "--kiosk"]) == 0
    kiosk = KioskWindow(KioskSource(resolve_kiosk(workspace)))
    qtbot.addWidget(kiosk)
    kiosk.show()
    wizard = kiosk.start_session("Sales")  # inside the kiosk's window: no title of its own
    assert said[-1] == f"Step 1 of 4: about this pulse. {wizard.survey.title}"
