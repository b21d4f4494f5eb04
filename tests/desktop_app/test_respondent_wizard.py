"""The survey wizard driven as a person would, with the real transport and workspace."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from PySide6.QtCore import QPoint, Qt

from desktop_app.respondent.source import LocalSource, TeamSource
from desktop_app.respondent.wizard import SurveyWizard
from tests.desktop_app.conftest import PASSPHRASE


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
    wizard = open_wizard(qtbot, TeamSource(share))
    assert wizard.step_label.text() == "Step 1 of 3"
    click(qtbot, wizard.next_button)
    assert "Sales" not in wizard.departments_page.boxes  # never rate your own department
    click(qtbot, wizard.departments_page.boxes["IT"])
    click(qtbot, wizard.departments_page.boxes["Operations"])
    click(qtbot, wizard.next_button)
    assert wizard.current_page().heading == "Working with IT"
    assert wizard.step_label.text() == "Step 3 of 5"
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
    wizard = open_wizard(qtbot, TeamSource(share), department="IT")
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
    published.write_text(json.dumps(data))
    wizard = open_wizard(qtbot, TeamSource(share))
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


def test_departments_page_needs_a_choice(qtbot, share: Path) -> None:
    wizard = open_wizard(qtbot, TeamSource(share))
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.next_button)
    assert wizard.current_page() is wizard.departments_page
    assert wizard.departments_page.message.isVisible()


def test_share_unreachable_says_queued_and_delivers_later(
    qtbot, share: Path, tmp_path: Path
) -> None:
    source = TeamSource(share)
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
    published.write_text(json.dumps(data))
    wizard = open_wizard(qtbot, TeamSource(share))
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.departments_page.boxes["IT"])
    for _ in range(3):
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
