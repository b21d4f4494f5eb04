"""What a staff member sees at a glance, checked on the real windows: the review's questions
have the room, the kiosk names its own button, the wizard's rule is quiet on a dark desktop."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app.cli import main
from desktop_app.respondent.kiosk_source import KioskSource
from desktop_app.respondent.kiosk_window import KioskWindow
from desktop_app.respondent.source import TeamSource
from desktop_app.respondent.wizard import SurveyWizard
from surveys.kiosk import resolve_kiosk
from tests.desktop_app.conftest import PASSPHRASE


@pytest.fixture(autouse=True)
def no_modal_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal question would stop the test run: answer "Discard"."""
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.Discard))


def click(qtbot, widget) -> None:  # noqa: ANN001
    qtbot.mouseClick(widget, Qt.LeftButton, pos=QPoint(8, widget.height() // 2))


def open_review(qtbot, share: Path, comment: str) -> SurveyWizard:  # noqa: ANN001
    source = TeamSource(share, hold=False)
    [survey] = source.unanswered()
    wizard = SurveyWizard(survey, "Sales", lambda s: source.deliver(survey, s), token="t")
    qtbot.addWidget(wizard)
    wizard.resize(760, 640)
    wizard.show()
    qtbot.waitExposed(wizard)
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.departments_page.boxes["IT"])
    click(qtbot, wizard.next_button)
    for row in wizard.department_pages["IT"].rows:
        row.set_value(3)
    wizard.department_pages["IT"].comment.setPlainText(comment)
    click(qtbot, wizard.next_button)
    assert wizard.current_page() is wizard.review
    return wizard


def answer_column(label) -> float:  # noqa: ANN001
    """Where the answers start in ``label`` as drawn, as a share of its width: the end of
    the widest blank band of pixel columns between the questions and the answers."""
    image = label.grab().toImage()
    inked = [
        any(image.pixelColor(x, y).lightness() < 100 for y in range(0, image.height(), 2))
        for x in range(image.width())
    ]
    first = inked.index(True)
    widest, end, start = 0, 0, None
    for x in range(first, len(inked)):
        if not inked[x] and start is None:
            start = x
        elif inked[x] and start is not None:
            if x - start > widest:
                widest, end = x - start, x
            start = None
    return end / image.width()


def test_the_review_gives_the_questions_the_room_not_the_short_answers(qtbot, share: Path) -> None:
    comment = "Three weeks for a report change. Ask priya.shah@example.com."
    wizard = open_review(qtbot, share, comment)
    # The short answers ("Weekly", "Agree") start past the middle: the questions wrap less.
    assert answer_column(wizard.review.summary) > 0.55


@pytest.fixture
def kiosk_window(qtbot, workspace: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> KioskWindow:  # noqa: ANN001
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    assert main(["publish", str(workspace), "--wave", "2026-10", "--kiosk"]) == 0
    capsys.readouterr()
    window = KioskWindow(KioskSource(resolve_kiosk(workspace)))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_kiosk_start_screen_names_the_button_it_asks_for(kiosk_window: KioskWindow) -> None:
    start = kiosk_window.start_page
    button = start.start_button.text().replace("&", "")
    assert start.start_button.isEnabled()
    assert f"press “{button}”" in start.intro.text()


@pytest.fixture
def dark_desktop(qapp):  # noqa: ANN001, ANN201
    """The application's palette is the dark one for the test, then the old one again."""
    from desktop_app.app import dark_palette

    before = qapp.palette()
    qapp.setPalette(dark_palette())
    yield
    qapp.setPalette(before)


def test_the_rule_above_the_buttons_is_quiet_but_visible_on_a_dark_desktop(
    qtbot, share: Path, dark_desktop
) -> None:  # noqa: ANN001
    source = TeamSource(share, hold=False)
    [survey] = source.unanswered()
    wizard = SurveyWizard(survey, "Sales", lambda s: source.deliver(survey, s), token="t")
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    layout = wizard.layout()
    rule = layout.itemAt(layout.indexOf(wizard.stack) + 1).widget()
    image = rule.grab().toImage()
    lightness = {
        image.pixelColor(x, y).lightness()
        for x in range(0, image.width(), 7)
        for y in range(image.height())
    }
    window = wizard.palette().window().color().lightness()
    assert max(lightness) < 110  # not a white stripe across a dark window
    assert max(lightness) - window > 15  # still seen


def test_a_kiosk_on_the_team_share_tells_the_person_there_what_to_do(
    qtbot, workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:  # noqa: ANN001
    """The person at the kiosk reads first where to answer instead; HR's hint comes after."""
    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    share = tmp_path / "share"
    args = ["publish", str(workspace), "--wave", "2026-10", "--share", str(share), "--create"]
    assert main(args) == 0
    capsys.readouterr()
    window = KioskWindow(KioskSource(share))
    qtbot.addWidget(window)
    window.show()
    message = window.start_page.intro.text()
    for_person, _, for_hr = message.partition("For HR:")
    assert "answer it in Rapport on your own computer" in for_person
    assert "rapport publish" not in for_person and str(share) not in for_person
    assert "--kiosk" in for_hr and str(share) in for_hr
