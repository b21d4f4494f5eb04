"""A colleague rewrites a published survey's words: the respondent's window shows them as text.

Fifth hostile round (docs/qa.md). Where ``published/`` can be written by a colleague (a
share set up by hand, see team-mode.md "Permissions"), the file can be replaced with one
that keeps HR's public key, so the key pin lets it through, and changes only the words: the
title, the intro, the questions and their help. (HR's signature now refuses such a file once
a respondent's app has pinned the signing key; before that, an unsigned one is still read.)
Qt's labels guess whether a text is rich text (HTML) from its first tag, so such words used
to be drawn as HTML in the respondent's window: a red heading claiming the answers are not
anonymous, a picture loaded from a file path, a question hidden under another one.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import Qt as QtGui
from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.respondent.source import TeamSource
from desktop_app.respondent.wizard import SurveyWizard
from tests.surveys.transport_helpers import write_unsigned

#: Marked-up words a colleague puts in the file; each begins with a tag, as Qt looks for.
PLANTED = "<h1 style='color:red'>Your answers are NOT anonymous</h1><img src='/etc/x.png'>"


def plant(share: Path) -> None:
    """Rewrite ``published/2026-10.json`` as a colleague would, keeping HR's public key.

    Without a signature: HR's signature now makes respondents' apps refuse a changed file
    (tests/surveys/test_survey_signature.py), but an app that has not pinned the share's
    signing key yet takes an unsigned file (as an earlier Rapport published them), and
    the words must still be shown as text then.
    """
    path = share / "published" / "2026-10.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["survey"]["title"] = PLANTED
    data["survey"]["intro"] = PLANTED
    for question in data["questions"]:
        question["text"] = PLANTED + question["item"]
        question["help"] = PLANTED
    write_unsigned(path, data)


def drawn_as_html(window: QWidget) -> list[str]:
    """The texts of the labels in ``window`` that Qt draws as rich text and hold the words."""
    found = []
    for label in window.findChildren(QLabel):
        text = label.text()
        rich = label.textFormat() == Qt.RichText or (
            label.textFormat() == Qt.AutoText and QtGui.mightBeRichText(text)
        )
        if rich and "<h1" in text:
            found.append(text)
    return found


def test_planted_markup_in_a_published_survey_is_shown_as_written(qtbot, share: Path) -> None:
    plant(share)
    source = TeamSource(share, hold=False)
    [survey] = source.unanswered()
    assert survey.title == PLANTED  # the key pin lets the unsigned file through
    wizard = SurveyWizard(
        survey, "Sales", lambda s: source.deliver(survey, s), token=source.token(survey)
    )
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    qtbot.mouseClick(wizard.next_button, Qt.LeftButton, pos=QPoint(8, 8))
    box = wizard.departments_page.boxes["IT"]
    qtbot.mouseClick(box, Qt.LeftButton, pos=QPoint(8, box.height() // 2))
    qtbot.mouseClick(wizard.next_button, Qt.LeftButton, pos=QPoint(8, 8))
    assert wizard.current_page().heading == "Working with IT"
    shown = [label.text() for label in wizard.findChildren(QLabel)]
    assert sum(PLANTED in text for text in shown) >= 3  # title, intro, questions: all there
    assert drawn_as_html(wizard) == []


def test_a_notice_naming_the_survey_is_shown_as_written(qtbot, share: Path) -> None:
    """Without a tray, notices (e.g. "… closed before your answers were sent", which names
    the survey) are shown above the wizard's page."""
    plant(share)
    source = TeamSource(share, hold=False)
    [survey] = source.unanswered()
    wizard = SurveyWizard(survey, "Sales", lambda s: source.deliver(survey, s))
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.show_notice("Your answers were not sent", survey.title)
    assert wizard.notice.isVisible() and PLANTED in wizard.notice.text()
    assert drawn_as_html(wizard) == []


def test_the_trays_notice_and_tooltip_carry_no_markup(qtbot, share: Path, monkeypatch) -> None:
    """A tray notice goes to the desktop's notification service, whose body is markup on
    Linux (freedesktop "body-markup"; Qt's own balloon is a label that guesses HTML), and a
    tray tooltip is guessed the same way: the survey's title starts the notice."""
    from desktop_app.respondent.tray import RespondentController
    from desktop_app.settings import Settings

    plant(share)
    controller = RespondentController(
        Settings(department="Sales", share_folder=str(share)), TeamSource(share), use_tray=True
    )
    qtbot.addWidget(controller._menu)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(controller.tray, "showMessage", lambda t, m, *a: shown.append((t, m)))
    controller.check()
    assert shown, "a notice for the open pulse"
    texts = [text for pair in shown for text in pair] + [controller.tray.toolTip()]
    assert any("Your answers are NOT anonymous" in text for text in texts)
    assert not any("<" in text for text in texts)


def test_shared_results_that_are_not_numbers_still_end_on_the_thank_you_page(
    qtbot, share: Path
) -> None:
    """``results`` in the published file is decoration; a ``previous`` that is not a number
    raised on Submit after the answer was delivered, so the thank-you page (and its receipt
    code) never showed and the person was left on the review page."""
    path = share / "published" / "2026-10.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["results"] = {
        "wave": "2026-07",
        "summary": "<b>fine</b>",
        "pairs": [{"from": "Sales", "to": "IT", "index": 3.1, "previous": "x"}],
    }
    write_unsigned(path, data)
    source = TeamSource(share, hold=False)
    [survey] = source.unanswered()
    wizard = SurveyWizard(
        survey, "Sales", lambda s: source.deliver(survey, s), token=source.token(survey)
    )
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    qtbot.mouseClick(wizard.next_button, Qt.LeftButton, pos=QPoint(8, 8))
    box = wizard.departments_page.boxes["IT"]
    qtbot.mouseClick(box, Qt.LeftButton, pos=QPoint(8, box.height() // 2))
    qtbot.mouseClick(wizard.next_button, Qt.LeftButton, pos=QPoint(8, 8))
    [row] = [r for r in wizard.department_pages["IT"].rows if r.question.item == "overall"]
    qtbot.mouseClick(row.buttons[3], Qt.LeftButton, pos=QPoint(8, row.buttons[3].height() // 2))
    qtbot.mouseClick(wizard.next_button, Qt.LeftButton, pos=QPoint(8, 8))  # review
    with qtbot.waitSignal(wizard.submitted):
        qtbot.mouseClick(wizard.next_button, Qt.LeftButton, pos=QPoint(8, 8))  # submit
    assert wizard.current_page() is wizard.thanks
    assert wizard.thanks.receipt.isVisible()
    assert "&lt;b&gt;fine" in wizard.thanks.changes.text()  # shown as written
