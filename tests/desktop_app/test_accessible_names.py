"""Every control the keyboard can reach has a name a screen reader can say (an accessible
name, its own text, or a label that points at it), in every window and dialog of both apps."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.desktop_app.accessible_walk import undescribed, unnamed
from tests.desktop_app.hr_helpers import open_window


@pytest.fixture(autouse=True)
def no_modal_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.Discard))


def test_the_respondent_windows_name_every_control(qtbot, share: Path, workspace: Path) -> None:
    from desktop_app.respondent.answers_dialog import AnswersDialog
    from desktop_app.respondent.department_dialog import DepartmentDialog
    from desktop_app.respondent.first_run import FirstRunDialog
    from desktop_app.respondent.source import TeamSource
    from desktop_app.respondent.status_window import StatusWindow
    from desktop_app.respondent.wizard import SurveyWizard
    from desktop_app.settings import Settings

    source = TeamSource(share, "Sales", hold=False)
    [survey] = source.unanswered()
    wizard = SurveyWizard(survey, "Sales", lambda s: source.deliver(survey, s), token="t")
    wizard.departments_page.set_chosen(["IT", "Marketing"])  # builds every page
    wizard.intro.show_draft_note("2026-10-03")
    status = StatusWindow()
    status.show_problem("The folder is away.", 60, untrusted=True, trustable=True)
    windows = [
        FirstRunDialog(Settings(share_folder=str(share))),
        wizard,
        DepartmentDialog(["Sales", "IT"], "Sales"),
        AnswersDialog([]),
        status,
    ]
    for window in windows:
        qtbot.addWidget(window)
    assert [f"{type(w).__name__}: {name}" for w in windows for name in unnamed(w)] == []


def test_every_survey_control_says_what_it_does(qtbot, share: Path) -> None:
    """Beyond its name, each control of the survey and the kiosk has a description a screen
    reader reads after it: the comment box says it is optional and what HR sees of it, a
    department's box that ticking it adds its page, Submit that it sends."""
    from desktop_app.respondent.source import TeamSource
    from desktop_app.respondent.wizard import SurveyWizard

    source = TeamSource(share, "Sales", hold=False)
    [survey] = source.unanswered()
    wizard = SurveyWizard(survey, "Sales", lambda s: source.deliver(survey, s), token="t")
    qtbot.addWidget(wizard)
    wizard.departments_page.set_chosen(["IT", "Marketing"])  # builds every page
    wizard.intro.show_draft_note("2026-10-03")
    wizard.review.show_pages(list(wizard.department_pages.values()))
    wizard.thanks.offer_copy("7KQ2-M9XD-4F8R")
    assert undescribed(wizard) == []
    assert "HR" in wizard.department_pages["IT"].comment.accessibleDescription()


def test_every_kiosk_control_says_what_it_does(qtbot, workspace: Path, monkeypatch) -> None:  # noqa: ANN001
    from desktop_app.cli import main
    from desktop_app.respondent.kiosk_source import KioskSource
    from desktop_app.respondent.kiosk_window import KioskWindow
    from surveys.kiosk import resolve_kiosk
    from tests.desktop_app.conftest import PASSPHRASE

    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    assert main(["publish", str(workspace), "--wave", "2026-10", "--kiosk"]) == 0
    window = KioskWindow(KioskSource(resolve_kiosk(workspace)))
    qtbot.addWidget(window)
    window.show()
    assert undescribed(window) == []
    window.start_page.department.setCurrentIndex(0)
    window.start_session(window.start_page.department.currentText())
    assert undescribed(window) == []


def test_the_kiosk_names_every_control(qtbot, workspace: Path, monkeypatch) -> None:  # noqa: ANN001
    from desktop_app.cli import main
    from desktop_app.respondent.kiosk_source import KioskSource
    from desktop_app.respondent.kiosk_window import KioskWindow
    from surveys.kiosk import resolve_kiosk
    from tests.desktop_app.conftest import PASSPHRASE

    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    assert main(["publish", str(workspace), "--wave", "2026-10", "--kiosk"]) == 0
    window = KioskWindow(KioskSource(resolve_kiosk(workspace)))
    qtbot.addWidget(window)
    window.show()
    assert unnamed(window) == []
    window.start_page.department.setCurrentIndex(0)
    wizard = window.start_session(window.start_page.department.currentText())
    wizard.departments_page.set_chosen(["IT"])
    assert unnamed(window) == []


def test_the_hr_window_names_every_control(qtbot, demo_workspace: Path) -> None:
    window = open_window(qtbot, demo_workspace)
    for row in range(window.sidebar.count()):
        window.show_section_row(row)
    window.context.request_pair("Sales", "IT")  # the pair page too
    assert unnamed(window) == []


def test_the_hr_dialogs_name_every_control(qtbot, demo_workspace: Path) -> None:
    from desktop_app.help_dialogs import ShortcutsDialog, UserGuideDialog
    from desktop_app.new_workspace_dialog import NewWorkspaceDialog
    from tests.desktop_app.test_wording import _dialogs

    window = open_window(qtbot, demo_workspace)
    dialogs = [
        *_dialogs(window.context, window),
        UserGuideDialog(window),
        ShortcutsDialog(window),
        NewWorkspaceDialog(window),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
    assert [f"{type(d).__name__}: {name}" for d in dialogs for name in unnamed(d)] == []


def test_colour_is_never_the_only_signal_of_a_band(qtbot, demo_workspace: Path) -> None:
    """A heatmap cell prints its value (the legend gives the bands' limits) and tells a
    screen reader its band in words; a comment's chip says its label in words."""
    from PySide6.QtCore import Qt

    from desktop_app.models.heatmap_model import BandRole
    from desktop_app.widgets.pair_cards import CommentCard

    window = open_window(qtbot, demo_workspace)
    model = window.panel("relationships").heatmap.model()
    seen = set()
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            band = index.data(BandRole)
            if band in ("strong", "moderate", "weak"):
                seen.add(band)
                assert f"({band})" in index.data(Qt.AccessibleTextRole)
                assert index.data(Qt.DisplayRole)[0].isdigit()
            elif band == "suppressed":
                assert "fewer than" in index.data(Qt.DisplayRole)
    assert seen == {"strong", "moderate", "weak"}
    page = window.open_pair("Sales", "IT")
    cards = page.findChildren(CommentCard)
    assert cards
    for card in cards:
        word = card.label_chip.text()
        assert word.split(" ")[0] in ("negative", "neutral", "positive", "not")
        assert card.accessibleName().startswith(f"Comment, {word}")
