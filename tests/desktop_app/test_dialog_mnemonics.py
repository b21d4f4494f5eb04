"""Alt+letter keys in the HR window's dialogs: no letter is taken twice.

Two controls with the same underlined letter share it: Alt+letter only moves the focus
between them and presses neither. In New workspace Alt+R went to Remove, never to Create
(C&reate, &Remove); in Edit themes Alt+A never reached the Name field (N&ame:, &Add theme);
in the import wizard's mapping page Alt+C never reached the Scales tab (&Columns, S&cales).
The window's questions (message boxes) give every button an Alt key too, but Qt's own OK
and Cancel (Enter and Esc answer them): "Delete action", "Keep the names", "Discard
changes" and "Open anyway" had none.
"""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget, QWizard

from tests.desktop_app.test_mnemonics import _letters


def _twice(taken: list[tuple[str, str]]) -> dict[str, list[str]]:
    counts = Counter(letter for letter, _ in taken)
    return {letter: [t for x, t in taken if x == letter] for letter, n in counts.items() if n > 1}


@pytest.fixture
def context(demo_workspace):  # noqa: ANN201
    from desktop_app.context import WorkspaceContext

    context = WorkspaceContext()
    context.open(demo_workspace)
    yield context
    context.shutdown()


def _dialogs(context, tmp_path) -> dict[str, QWidget]:  # noqa: ANN001
    from desktop_app.action_dialog import ActionDialog
    from desktop_app.export_dialog import ExportDialog
    from desktop_app.hr_file_dialog import HrFileDialog
    from desktop_app.new_workspace_dialog import NewWorkspaceDialog
    from desktop_app.passphrase_dialog import ChangePassphraseDialog, PassphraseDialog
    from desktop_app.programme_dialog import ProgrammeDialog
    from desktop_app.taxonomy_dialog import TaxonomyDialog
    from desktop_app.wave_dialog import WaveDialog

    roster = tmp_path / "roster.csv"
    roster.write_text("Department,Headcount\nSales,40\nIT,25\n", encoding="utf-8")
    return {
        "new workspace": NewWorkspaceDialog(start=str(tmp_path)),
        "export": ExportDialog(context),
        "new wave": WaveDialog(context),
        "passphrase": PassphraseDialog("publish", new=True),
        "change passphrase": ChangePassphraseDialog(context.path),
        "edit themes": TaxonomyDialog(context),
        "action": ActionDialog(context, "Sales", "IT"),
        "programme": ProgrammeDialog(context),
        "roster": HrFileDialog(context, str(roster), "roster"),
        "names": HrFileDialog(context, str(roster), "names"),
    }


def test_no_dialog_takes_a_letter_twice(qtbot, context, tmp_path) -> None:
    problems = {}
    for name, dialog in _dialogs(context, tmp_path).items():
        qtbot.addWidget(dialog)
        twice = _twice(_letters([dialog, *dialog.findChildren(QWidget)]))
        if twice:
            problems[name] = twice
    assert problems == {}


def test_no_page_of_the_import_wizard_shares_a_letter_with_another_or_its_buttons(
    qtbot, context
) -> None:
    from desktop_app.import_wizard.wizard import ImportWizard

    wizard = ImportWizard(context)
    qtbot.addWidget(wizard)
    problems = {}
    ids = wizard.pageIds()
    for n, page_id in enumerate(ids):
        page = wizard.page(page_id)
        # Back from the second page on; Next, then Finish on the last page.
        shown = [QWizard.FinishButton if n == len(ids) - 1 else QWizard.NextButton]
        shown += [QWizard.BackButton] if n else []
        own = [(t.lower(), wizard.buttonText(b)) for b in shown for t in _mark(wizard, b)]
        twice = _twice(_letters([page, *page.findChildren(QWidget)]) + own)
        if twice:
            problems[page.title()] = twice
    assert problems == {}


def _mark(wizard: QWizard, which: QWizard.WizardButton) -> list[str]:
    text = wizard.buttonText(which).replace("&&", "")
    return [text[i + 1] for i, c in enumerate(text[:-1]) if c == "&"]


def test_the_create_buttons_alt_key_creates_the_workspace(qtbot, tmp_path) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from desktop_app.new_workspace_dialog import NewWorkspaceDialog

    dialog = NewWorkspaceDialog(start=str(tmp_path))
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):  # Alt keys go to the active window
        dialog.show()
    organisation = dialog.findChild(QLineEdit, "newOrganisation")
    qtbot.keyClicks(organisation, "Acme Health")
    create = dialog.buttons.button(QDialogButtonBox.Ok)
    [(letter, _)] = _letters([create])
    qtbot.keyClick(organisation, Qt.Key(ord(letter.upper())), Qt.AltModifier)
    qtbot.waitUntil(lambda: dialog.created is not None, timeout=10_000)
    assert dialog.created == (tmp_path / "acme-health").resolve()


def _keyless(box) -> list[str]:  # noqa: ANN001 - a QMessageBox
    """The buttons of ``box`` that no key presses: no Alt letter, and not Qt's own OK or
    Cancel (Enter and Esc). A letter taken twice in the box is listed too."""
    from PySide6.QtWidgets import QMessageBox

    keyed = (QMessageBox.Ok, QMessageBox.Cancel)
    missing = [
        b.text() for b in box.buttons() if not _letters([b]) and box.standardButton(b) not in keyed
    ]
    return missing + [
        f"{letter}: {texts}" for letter, texts in _twice(_letters(box.buttons())).items()
    ]


def test_every_button_of_the_windows_questions_has_a_key(qtbot, demo_workspace, monkeypatch):
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QMessageBox, QPushButton

    from desktop_app.workspace_in_use_dialog import WorkspaceInUseDialog
    from tests.desktop_app.hr_helpers import open_window

    asked: dict[str, list[str]] = {}

    def answer(box) -> int:  # noqa: ANN001 - each question as the window asks it, then no
        asked[box.objectName() or box.windowTitle()] = _keyless(box)
        return QMessageBox.Cancel

    monkeypatch.setattr(QMessageBox, "exec", answer)
    window = open_window(qtbot, demo_workspace)
    window.show_section("settings")
    settings = window.panel("settings")
    settings.min_group.setValue(3)
    qtbot.mouseClick(settings.findChild(QPushButton, "savePrivacy"), Qt.LeftButton)
    settings.confirm_clearing()
    settings.names.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(settings.names, " Karin Olsen")
    window.close_workspace()  # typed, not saved: asked (and "Go back" keeps it open)
    assert window.context.path is not None
    window.show_section("actions")
    actions = window.panel("actions")
    qtbot.waitUntil(lambda: actions.model.rowCount() == 2)
    actions.table.selectRow(0)
    qtbot.mouseClick(actions.delete_button, Qt.LeftButton)
    answer(WorkspaceInUseDialog(window, "Left open on HR-LAPTOP.", stale=True))
    assert set(asked) == {
        "lowerThresholdBox",
        "clearNamesBox",
        "discardTypedBox",
        "deleteActionQuestion",
        "Workspace open on another computer",
    }
    assert {name: keyless for name, keyless in asked.items() if keyless} == {}
