"""The survey wizard driven as a person would, with the real transport and workspace.

Team-mode sources here deliver at once (``hold=False``), so that the inbox shows each answer;
the random wait in the outbox is tested in ``test_respondent_hold.py``."""

from __future__ import annotations

import html
import json
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from desktop_app.respondent.local_source import LocalSource
from desktop_app.respondent.source import TeamSource
from desktop_app.respondent.wizard import SurveyWizard
from tests.desktop_app.conftest import PASSPHRASE
from tests.surveys.transport_helpers import write_as_hr


@pytest.fixture(autouse=True)
def no_modal_questions(monkeypatch: pytest.MonkeyPatch) -> list:
    """A modal question would stop the test run: record it and answer "Discard"."""
    asked: list = []

    def question(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        asked.append(args)
        return QMessageBox.Discard

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def open_wizard(qtbot, source, department: str = "Sales") -> SurveyWizard:  # noqa: ANN001
    [survey] = source.unanswered()
    wizard = SurveyWizard(
        survey, department, lambda s: source.deliver(survey, s), token=source.token(survey)
    )
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def click(qtbot, widget) -> None:  # noqa: ANN001
    """Click where a person would: near the left edge (on a check box's box or label)."""
    qtbot.mouseClick(widget, Qt.LeftButton, pos=QPoint(8, widget.height() // 2))


def rate(qtbot, wizard: SurveyWizard, target: str, values: dict[str, int]) -> None:  # noqa: ANN001
    page = wizard.department_pages[target]
    for row in page.rows:
        if row.question.item in values:
            click(qtbot, row.buttons[values[row.question.item] - 1])


def stored_answers(workspace: Path) -> dict[tuple[str, str, str], int]:
    con = sqlite3.connect(workspace / "rapport.db")
    rows = con.execute(
        "SELECT f.name, t.name, a.item, a.value FROM answers a "
        "JOIN departments f ON f.id = a.from_id JOIN departments t ON t.id = a.to_id"
    ).fetchall()
    con.close()
    return {(f, t, i): v for f, t, i, v in rows}


def test_choose_rate_comment_go_back_change_and_submit_lands_sealed_then_ingested(
    qtbot, share: Path, workspace: Path
) -> None:
    wizard = open_wizard(qtbot, TeamSource(share, hold=False))
    assert wizard.step_label.text() == "Step 1 of 4: about this pulse"
    click(qtbot, wizard.next_button)
    assert "Sales" not in wizard.departments_page.boxes  # never rate your own department
    click(qtbot, wizard.departments_page.boxes["IT"])
    click(qtbot, wizard.departments_page.boxes["Operations"])
    click(qtbot, wizard.next_button)
    assert wizard.current_page().heading == "Working with IT"
    assert wizard.step_label.text() == "Step 3 of 4: IT (department 1 of 2)"
    rate(qtbot, wizard, "IT", {"timely": 2, "accurate": 3, "respect": 4, "overall": 2})
    comment = wizard.department_pages["IT"].comment
    click(qtbot, comment)
    qtbot.keyClicks(comment, "Three weeks for a report change.")
    click(qtbot, wizard.next_button)
    rate(qtbot, wizard, "Operations", {"overall": 5})
    click(qtbot, wizard.back_button)
    assert wizard.current_page().heading == "Working with IT"
    rate(qtbot, wizard, "IT", {"timely": 4})  # changed their mind
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.next_button)
    assert wizard.next_button.text() == "&Submit"
    summary = wizard.review.summary.text()
    assert "Three weeks for a report change." in summary and "Excellent" in summary
    click(qtbot, wizard.next_button)

    assert wizard.current_page() is wizard.thanks
    assert "sealed and delivered" in wizard.thanks.status.text()
    [sealed] = list((share / "inbox").iterdir())
    raw = sealed.read_bytes()
    assert b"Three weeks" not in raw and b"Sales" not in raw and b"timely" not in raw

    from surveys.ingest import ingest

    report = ingest(workspace, share, PASSPHRASE)
    assert report.stored == 1
    assert stored_answers(workspace) == {
        ("Sales", "IT", "timely"): 4,
        ("Sales", "IT", "accurate"): 3,
        ("Sales", "IT", "respect"): 4,
        ("Sales", "IT", "overall"): 2,
        ("Sales", "Operations", "overall"): 5,
    }
    con = sqlite3.connect(workspace / "rapport.db")
    assert con.execute("SELECT text FROM comments").fetchall() == [
        ("Three weeks for a report change.",)
    ]
    con.close()


def test_keyboard_only_completion(qtbot, share: Path) -> None:
    wizard = open_wizard(qtbot, TeamSource(share, hold=False), department="IT")
    with qtbot.waitActive(wizard):
        wizard.activateWindow()

    def key(k, modifier=Qt.NoModifier) -> None:  # noqa: ANN001
        qtbot.keyClick(wizard.focusWidget() or wizard, k, modifier)

    key(Qt.Key_Return)  # intro → departments (Next is the default button)
    assert wizard.focusWidget() is wizard.departments_page.boxes["Sales"]
    key(Qt.Key_Space)  # tick Sales
    key(Qt.Key_N, Qt.AltModifier)  # a mnemonic "animates" the click: wait for it
    qtbot.waitUntil(lambda: wizard.current_page() is not wizard.departments_page)
    page = wizard.department_pages["Sales"]
    assert wizard.focusWidget() is page.rows[0].buttons[0]
    for row_number, row in enumerate(page.rows):
        key(Qt.Key_Space)  # choose the first option...
        for _ in range(row_number % 3):
            key(Qt.Key_Right)  # ...and move along the row
        assert row.value() == 1 + row_number % 3
        key(Qt.Key_Tab)
    assert wizard.focusWidget() is page.comment
    qtbot.keyClicks(page.comment, "Weekly check-ins help.")
    key(Qt.Key_Tab)  # leaves the comment box (Tab is not typed into it)
    assert page.comment.toPlainText() == "Weekly check-ins help."
    key(Qt.Key_N, Qt.AltModifier)  # → review
    qtbot.waitUntil(lambda: wizard.current_page() is wizard.review)
    key(Qt.Key_S, Qt.AltModifier)  # Submit
    qtbot.waitUntil(lambda: wizard.current_page() is wizard.thanks)
    answers = {a.item: a.value for a in wizard.submission.answers}
    assert answers == {row.question.item: 1 + n % 3 for n, row in enumerate(page.rows)}
    assert wizard.submission.department == "IT"


def test_warning_while_typing_an_email_or_a_listed_name(qtbot, share: Path) -> None:
    published = share / "published" / "2026-10.json"
    data = json.loads(published.read_text())
    data["redaction_names"] = ["Priya Shah"]
    write_as_hr(share.parent / "ws", published, data)  # HR publishes it so
    wizard = open_wizard(qtbot, TeamSource(share, hold=False))
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.departments_page.boxes["IT"])
    click(qtbot, wizard.next_button)
    page = wizard.department_pages["IT"]
    qtbot.keyClicks(page.comment, "Slow replies. ")
    assert not page.warning.isVisible()
    qtbot.keyClicks(page.comment, "Write to helpdesk@example.org")
    assert page.warning.isVisible()
    assert "e-mail address" in page.warning.text()
    page.comment.clear()
    qtbot.keyClicks(page.comment, "ask priya shah")
    assert page.warning.isVisible() and "name" in page.warning.text()
    assert "It will be removed before HR reads the comment" in page.warning.text()
    qtbot.keyClicks(page.comment, " at helpdesk@example.org")  # two things: "They", "them"
    assert page.warning.text() == (
        "Heads-up: your comment seems to contain an e-mail address and a name. They will be "
        "removed before HR reads the comment, so your point may be clearer without them."
    )


def test_departments_page_needs_a_choice(qtbot, share: Path) -> None:
    wizard = open_wizard(qtbot, TeamSource(share, hold=False))
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.next_button)
    assert wizard.current_page() is wizard.departments_page
    assert wizard.departments_page.message.isVisible()


def test_share_unreachable_says_queued_and_delivers_later(
    qtbot, share: Path, tmp_path: Path
) -> None:
    source = TeamSource(share, hold=False)
    wizard = open_wizard(qtbot, source)
    away = tmp_path / "share-away"
    share.rename(away)  # the network drive drops while the person answers
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.departments_page.boxes["Marketing"])
    click(qtbot, wizard.next_button)
    rate(qtbot, wizard, "Marketing", {"overall": 3})
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.next_button)
    status = wizard.thanks.status.text()
    assert "saved on this computer" in status and "sent automatically" in status
    away.rename(share)
    assert list((share / "inbox").iterdir()) == []
    assert source.retry() == 1
    assert len(list((share / "inbox").iterdir())) == 1
    assert source.unanswered() == []  # the tray will not nag again


def test_thank_you_page_shows_what_changed(qtbot, share: Path) -> None:
    published = share / "published" / "2026-10.json"
    data = json.loads(published.read_text())
    data["results"] = {
        "wave": "2026-09",
        "pairs": [
            {"from": "Sales", "to": "IT", "index": 3.4, "previous": 3.0},
            {"from": "Marketing", "to": "IT", "index": 3.9, "previous": 3.9},
        ],
    }
    write_as_hr(share.parent / "ws", published, data)  # HR publishes it so
    wizard = open_wizard(qtbot, TeamSource(share, hold=False))
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.departments_page.boxes["IT"])
    click(qtbot, wizard.next_button)
    rate(qtbot, wizard, "IT", {"overall": 4})  # an answer with nothing in it is not sent
    for _ in range(2):
        click(qtbot, wizard.next_button)
    changes = wizard.thanks.changes
    assert changes.isVisible()
    assert "Sales → IT: 3.4 out of 5 (up 0.4" in changes.text()
    assert "Marketing" not in changes.text()  # only pairs that involve your department


def test_single_machine_mode_writes_into_the_workspace(qtbot, share: Path, workspace: Path) -> None:
    wizard = open_wizard(qtbot, LocalSource(workspace), department="Operations")
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.departments_page.boxes["Sales"])
    click(qtbot, wizard.next_button)
    rate(qtbot, wizard, "Sales", {"shared_goals": 1, "overall": 2})
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.next_button)
    assert "saved in the workspace" in wizard.thanks.status.text()
    assert stored_answers(workspace) == {
        ("Operations", "Sales", "shared_goals"): 1,
        ("Operations", "Sales", "overall"): 2,
    }


# -- issue 17: the respondent side tells the truth ------------------------------------------


def activate(qtbot, wizard: SurveyWizard) -> None:  # noqa: ANN001
    """Make the window the active one, so the keyboard focus moves as on a desktop."""
    with qtbot.waitActive(wizard):
        wizard.activateWindow()


def to_page(qtbot, wizard: SurveyWizard, target: str) -> None:  # noqa: ANN001
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.departments_page.boxes[target])
    click(qtbot, wizard.next_button)
    assert wizard.current_page().heading == f"Working with {target}"


def test_dont_know_is_a_choice_on_every_row_and_stored_as_no_answer(
    qtbot, share: Path, workspace: Path
) -> None:
    wizard = open_wizard(qtbot, TeamSource(share, hold=False))
    to_page(qtbot, wizard, "IT")
    page = wizard.department_pages["IT"]
    assert all(row.not_applicable.isVisible() for row in page.rows)
    assert page.rows[0].not_applicable.text() == "Don't know / N/A"
    rate(qtbot, wizard, "IT", {"timely": 4, "overall": 2})
    timely = next(r for r in page.rows if r.question.item == "timely")
    click(qtbot, timely.not_applicable)  # changed their mind: they don't know
    click(qtbot, wizard.next_button)
    assert "Don't know / not applicable" in html.unescape(wizard.review.summary.text())
    click(qtbot, wizard.next_button)
    assert {(a.item, a.value) for a in wizard.submission.answers} == {("overall", 2)}

    from surveys.ingest import ingest

    assert ingest(workspace, share, PASSPHRASE).stored == 1
    assert stored_answers(workspace) == {("Sales", "IT", "overall"): 2}


def test_arrow_keys_choose_within_an_unanswered_row(qtbot, share: Path) -> None:
    wizard = open_wizard(qtbot, TeamSource(share, hold=False))
    activate(qtbot, wizard)
    to_page(qtbot, wizard, "IT")
    row = wizard.department_pages["IT"].rows[0]
    assert wizard.focusWidget() is row.buttons[0] and row.value() is None
    qtbot.keyClick(wizard.focusWidget(), Qt.Key_Right)
    assert row.value() == 2 and wizard.focusWidget() is row.buttons[1]
    qtbot.keyClick(wizard.focusWidget(), Qt.Key_Right)
    qtbot.keyClick(wizard.focusWidget(), Qt.Key_Left)
    assert row.value() == 2
    for _ in range(len(row.buttons)):
        qtbot.keyClick(wizard.focusWidget(), Qt.Key_Right)
    assert row.value() is None and row.not_applicable.isChecked()  # the last option


def test_a_click_on_the_partly_visible_last_row_ticks_it(qtbot, share: Path) -> None:
    wizard = open_wizard(qtbot, TeamSource(share, hold=False))
    activate(qtbot, wizard)
    to_page(qtbot, wizard, "IT")
    page = wizard.department_pages["IT"]
    viewport = wizard.scrolls[page].viewport()
    row = page.rows[6]
    # Size the window so that the bottom edge of the page cuts through the row's buttons
    # (the layout may reflow as the window changes, so measure again after each resize).
    for _ in range(4):
        top = row.buttons[0].mapTo(page, QPoint(0, 0)).y()
        height = wizard.height() - viewport.height() + top + row.buttons[0].height() // 2
        if height == wizard.height():
            break
        wizard.resize(760, height)
        qtbot.waitUntil(lambda height=height: wizard.height() == height)
    assert wizard.scrolls[page].verticalScrollBar().value() == 0
    button = row.buttons[2]
    corner = button.mapTo(wizard, QPoint(0, 0))
    bottom = viewport.mapTo(wizard, QPoint(0, viewport.height())).y()
    assert corner.y() < bottom < corner.y() + button.height()  # partly visible
    aim = QPoint(corner.x() + 8, (corner.y() + bottom) // 2)  # on its visible part
    assert wizard.childAt(aim) is button
    qtbot.mouseClick(wizard.windowHandle(), Qt.LeftButton, pos=aim)  # as the pointer does
    assert row.value() == 3


def test_the_review_page_opens_at_its_top(qtbot, share: Path) -> None:
    wizard = open_wizard(qtbot, TeamSource(share, hold=False))
    wizard.resize(760, 480)
    activate(qtbot, wizard)
    click(qtbot, wizard.next_button)
    for name in ("IT", "Marketing", "Operations"):
        click(qtbot, wizard.departments_page.boxes[name])
    for name in ("IT", "Marketing", "Operations"):
        click(qtbot, wizard.next_button)
        for row in wizard.department_pages[name].rows:
            row.set_value(3)
    click(qtbot, wizard.next_button)
    assert wizard.current_page() is wizard.review
    bar = wizard.scrolls[wizard.review].verticalScrollBar()
    assert bar.maximum() > 0  # the review is longer than the window
    assert bar.value() == 0
    heading = wizard.review.findChild(QLabel, "pageHeading")
    assert not heading.visibleRegion().isEmpty()


def test_the_privacy_warning_stays_visible_while_typing(qtbot, share: Path) -> None:
    wizard = open_wizard(qtbot, TeamSource(share, hold=False))
    wizard.resize(760, 560)
    activate(qtbot, wizard)
    to_page(qtbot, wizard, "IT")
    page = wizard.department_pages["IT"]
    click(qtbot, page.comment)
    qtbot.keyClicks(page.comment, "Their replies are slow; write to helpdesk@example.org")
    viewport = wizard.scrolls[page].viewport()

    def warning_in_view() -> bool:
        top = page.warning.mapTo(viewport, QPoint(0, 0))
        return (
            page.warning.isVisible()
            and top.y() >= 0
            and (top.y() + page.warning.height() <= viewport.height())
        )

    qtbot.waitUntil(warning_in_view, timeout=10_000)
    top = page.comment.mapTo(viewport, QPoint(0, 0))
    assert top.y() + page.comment.height() > 0  # the comment box is still on screen


def test_close_keeps_a_sealed_draft_that_the_next_open_restores(
    qtbot, share: Path, no_modal_questions: list
) -> None:
    from surveys.paths import user_data_dir

    source = TeamSource(share, hold=False)
    wizard = open_wizard(qtbot, source)
    to_page(qtbot, wizard, "IT")
    rate(qtbot, wizard, "IT", {"timely": 2, "overall": 4})
    page = wizard.department_pages["IT"]
    next(r for r in page.rows if r.question.item == "respect").set_value(0)  # don't know
    click(qtbot, page.comment)
    qtbot.keyClicks(page.comment, "Three weeks for a report change.")
    click(qtbot, wizard.close_button)  # no question: the answers are kept
    assert not wizard.isVisible() and no_modal_questions == []
    [draft] = (user_data_dir() / "drafts").iterdir()
    raw = draft.read_bytes()
    assert b"Three weeks" not in raw and b"timely" not in raw and b"IT" not in raw

    again = open_wizard(qtbot, source)
    qtbot.waitUntil(lambda: again.intro.draft_note is not None, timeout=10_000)
    assert "unfinished answers" in again.intro.draft_note.text()
    assert again.departments_page.chosen() == ["IT"]
    restored = again.department_pages["IT"]
    assert restored.answers() == {"timely": 2, "overall": 4}
    assert restored.choices()["respect"] == 0
    assert restored.comment_text() == "Three weeks for a report change."
    for _ in range(3):
        click(qtbot, again.next_button)
    click(qtbot, again.next_button)  # submit
    assert again.current_page() is again.thanks
    assert list((user_data_dir() / "drafts").iterdir()) == []  # sent: the draft is gone


def test_the_privacy_note_tells_the_truth_for_each_mode(
    qtbot, share: Path, workspace: Path
) -> None:
    sealed = open_wizard(qtbot, TeamSource(share, hold=False))
    assert "sealed on this computer" in sealed.intro.privacy.text()
    local = open_wizard(qtbot, LocalSource(workspace))
    note = local.intro.privacy.text()
    assert "not sealed" in note and "sealed on this computer" not in note


def test_the_department_can_be_changed_on_the_intro_page(qtbot, share: Path) -> None:
    wizard = open_wizard(qtbot, TeamSource(share, hold=False), department="Sales")
    changed = []
    wizard.department_changed.connect(changed.append)
    assert "Sales" in wizard.intro.department_label.text()
    click(qtbot, wizard.intro.change_department)
    dialog = wizard.department_dialog
    dialog.box.setCurrentIndex(dialog.box.findText("IT"))
    dialog.accept()
    assert changed == ["IT"] and "IT" in wizard.intro.department_label.text()
    click(qtbot, wizard.next_button)
    assert "IT" not in wizard.departments_page.boxes and "Sales" in wizard.departments_page.boxes


def test_the_step_count_stays_the_same_whatever_is_ticked(qtbot, share: Path) -> None:
    """It counted pages: "Step 1 of 3" on the intro, "Step 2 of 5" once two departments were
    ticked, "of 6" with a third; now four stages, the department pages counted within."""
    wizard = open_wizard(qtbot, TeamSource(share, hold=False))
    seen = [wizard.step_label.text()]
    click(qtbot, wizard.next_button)
    seen.append(wizard.step_label.text())
    for name in ("IT", "Operations", "Marketing"):
        click(qtbot, wizard.departments_page.boxes[name])
        seen.append(wizard.step_label.text())
    click(qtbot, wizard.departments_page.boxes["Marketing"])  # not after all
    values = [wizard.progress.value()]
    for _ in range(3):
        click(qtbot, wizard.next_button)
        seen.append(wizard.step_label.text())
        values.append(wizard.progress.value())
    assert seen == [
        "Step 1 of 4: about this pulse",
        *["Step 2 of 4: who you worked with"] * 4,
        "Step 3 of 4: IT (department 1 of 2)",
        "Step 3 of 4: Operations (department 2 of 2)",
        "Step 4 of 4: check and send",
    ]
    assert values == sorted(values) and values[-1] == wizard.progress.maximum()
