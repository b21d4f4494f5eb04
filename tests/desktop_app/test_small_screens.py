"""Every window fits a 1366×768 laptop screen at 150 % scaling, title bar and buttons included.

At ``QT_SCALE_FACTOR=1.5`` Qt lays windows out in logical pixels: a 1366×768 screen (less a
task bar) offers 911×512 of them, while fonts keep their logical size. The screen here says
so through ``QScreen.availableGeometry`` (what the windows ask), so each window sizes itself
exactly as it would on that laptop.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QScreen

#: A 1366×768 screen at 150 % scaling, in logical pixels (768 / 1.5 = 512).
LAPTOP_150 = QRect(0, 0, 911, 512)
#: The same screen at 200 % (``QT_SCALE_FACTOR=2``): 683×384 logical pixels.
LAPTOP_200 = QRect(0, 0, 683, 384)


@pytest.fixture
def laptop_screen(monkeypatch: pytest.MonkeyPatch) -> QRect:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: LAPTOP_150)
    return LAPTOP_150


def _fits(window, screen: QRect = LAPTOP_150) -> None:  # noqa: ANN001
    """The window, its minimum size and a title bar of two lines fit the screen."""
    title_bar = window.fontMetrics().height() * 2
    assert window.width() <= screen.width(), window.size()
    assert window.height() + title_bar <= screen.height(), window.size()
    assert window.minimumWidth() <= screen.width(), window.minimumSize()
    assert window.minimumHeight() + title_bar <= screen.height(), window.minimumSize()


def test_the_hr_window_opens_no_larger_than_the_screen(qtbot, laptop_screen) -> None:
    from desktop_app.main_window import MainWindow

    window = MainWindow()  # first run: no saved geometry
    qtbot.addWidget(window)
    _fits(window)
    assert window.width() >= laptop_screen.width() * 0.8  # yet it uses the room there is


def test_the_import_wizard_keeps_its_buttons_on_screen(qtbot, laptop_screen, workspace) -> None:
    from desktop_app.context import WorkspaceContext
    from desktop_app.import_wizard import ImportWizard

    context = WorkspaceContext()
    context.open(workspace)
    wizard = ImportWizard(context)
    qtbot.addWidget(wizard)
    _fits(wizard)
    context.shutdown()


@pytest.mark.parametrize("which", ["guide", "shortcuts", "themes"])
def test_help_and_theme_windows_fit(qtbot, laptop_screen, demo_workspace, which) -> None:
    from desktop_app.help_dialogs import ShortcutsDialog, UserGuideDialog
    from desktop_app.main_window import MainWindow
    from desktop_app.taxonomy_dialog import TaxonomyDialog

    window = MainWindow()
    qtbot.addWidget(window)
    window.context.open(demo_workspace)
    make = {
        "guide": lambda: UserGuideDialog(window),
        "shortcuts": lambda: ShortcutsDialog(window),
        "themes": lambda: TaxonomyDialog(window.context, window),
    }[which]
    _fits(make())
    window.context.shutdown()


def test_the_survey_keeps_next_on_screen(qtbot, laptop_screen, share: Path) -> None:
    from desktop_app.respondent.source import TeamSource
    from desktop_app.respondent.wizard import SurveyWizard

    source = TeamSource(share, "Sales", hold=False)
    [survey] = source.unanswered()
    wizard = SurveyWizard(survey, "Sales", lambda s: source.deliver(survey, s))
    qtbot.addWidget(wizard)
    _fits(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.next_button.click()  # the departments page scrolls inside the window
    assert wizard.next_button.isVisible()
    assert wizard.next_button.mapTo(wizard, wizard.next_button.rect().bottomRight()).y() < (
        wizard.height()
    )


def test_the_kiosk_fits(qtbot, laptop_screen, workspace: Path, monkeypatch, capsys) -> None:
    from desktop_app.cli import main
    from desktop_app.respondent.kiosk_source import KioskSource
    from desktop_app.respondent.kiosk_window import KioskWindow
    from surveys.kiosk import resolve_kiosk
    from tests.desktop_app.conftest import PASSPHRASE

    monkeypatch.setenv("RAPPORT_PASSPHRASE", PASSPHRASE)
    assert main(["publish", str(workspace), "--wave", "2026-10", "--kiosk"]) == 0
    window = KioskWindow(KioskSource(resolve_kiosk(workspace)))
    qtbot.addWidget(window)
    _fits(window)


def test_the_sidebar_leaves_the_width_to_the_sections(qtbot, demo_workspace) -> None:
    from tests.desktop_app.hr_helpers import open_window

    window = open_window(qtbot, demo_workspace)
    window.resize(1366, 700)
    qtbot.waitUntil(lambda: window.width() == 1366)
    char = window.fontMetrics().averageCharWidth()
    left, sections = window.centralWidget().sizes()
    longest = max(window.sidebar.fontMetrics().horizontalAdvance(p.title()) for p in window.panels)
    assert longest < left <= char * 30  # every name shows, and little more is taken
    assert sections >= 1366 - char * 34


@pytest.mark.parametrize("which", ["first run", "department", "answers", "status", "survey"])
def test_every_respondent_window_fits_at_200_percent(
    qtbot, monkeypatch, share: Path, which: str
) -> None:
    """At 200 % "Your answers" opened 760 logical pixels wide on a 683-pixel screen, its
    Close button beyond the right edge; each window now opens within the screen."""
    from desktop_app.respondent.answers_dialog import AnswersDialog
    from desktop_app.respondent.department_dialog import DepartmentDialog
    from desktop_app.respondent.first_run import FirstRunDialog
    from desktop_app.respondent.source import TeamSource
    from desktop_app.respondent.status_window import StatusWindow
    from desktop_app.respondent.wizard import SurveyWizard
    from desktop_app.settings import Settings

    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: LAPTOP_200)
    source = TeamSource(share, "Sales", hold=False)
    make = {
        "first run": lambda: FirstRunDialog(Settings(share_folder=str(share))),
        "department": lambda: DepartmentDialog(["Sales", "IT", "Marketing"], "Sales"),
        "answers": lambda: AnswersDialog([]),
        "status": StatusWindow,
        "survey": lambda: SurveyWizard(source.unanswered()[0], "Sales", lambda s: None),
    }
    window = make[which]()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    _fits(window, LAPTOP_200)


def test_the_hr_window_can_be_as_narrow_as_a_laptop_at_200_percent(qtbot, demo_workspace) -> None:
    """At 200 % a 1366×768 screen is 683 logical pixels wide: the Comments section's filter
    grid (three label-and-box pairs a row), the Relationships legend and the welcome page's
    buttons held the window at 820, its right part off the screen. They wrap now."""
    from tests.desktop_app.hr_helpers import open_window

    window = open_window(qtbot, demo_workspace)
    for row in range(window.sidebar.count()):
        window.show_section_row(row)
    window.context.request_pair("Sales", "IT")
    frame = window.fontMetrics().height()  # the window's borders
    assert window.minimumSizeHint().width() + frame <= LAPTOP_200.width()
    window.resize(LAPTOP_200.width() - frame, 700)
    qtbot.waitUntil(lambda: window.width() == LAPTOP_200.width() - frame)
