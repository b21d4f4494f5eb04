"""Wording (issue 19.8): no literal "&" in a label, no "(s)", every count through ``%n``."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from tests.desktop_app.hr_helpers import open_window

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "desktop_app"
#: A mnemonic: one "&" before a letter or digit ("&&" is a literal "&", "&amp;" an entity).
MNEMONIC = re.compile(r"(?<!&)&(?!&)(?![a-zA-Z]+;|#\d+;)\w")


def _strings(path: Path):
    tree = ast.parse(path.read_text("utf-8"), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


def test_no_hand_made_plural_in_the_app() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text!r}"
        for path in sorted(APP.rglob("*.py"))
        for line, text in _strings(path)
        if "(s)" in text
    ]
    assert found == []


def _tr_calls(path: Path):
    tree = ast.parse(path.read_text("utf-8"), str(path))
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr == "tr":
            text_at = 0
        elif node.func.attr == "translate":
            text_at = 1
        else:
            continue
        if len(node.args) > text_at and isinstance(node.args[text_at], ast.Constant):
            yield node.lineno, node.args[text_at].value, len(node.args) - text_at


def test_every_text_with_a_count_gives_qt_the_count() -> None:
    wrong = [
        f"{path.relative_to(ROOT)}:{line}: {text!r}"
        for path in sorted(APP.rglob("*.py"))
        for line, text, given in _tr_calls(path)
        if "%n" in text and given < 3
    ]
    assert wrong == []


def labels_with_a_literal_ampersand(root: QWidget) -> list[str]:
    """Labels showing "&" as a character: a mnemonic without a widget to jump to."""
    return [
        f"{label.objectName() or type(label.parentWidget()).__name__}: {label.text()!r}"
        for label in root.findChildren(QLabel)
        if MNEMONIC.search(label.text()) and label.buddy() is None
    ]


def test_the_window_shows_no_literal_ampersand(qtbot, demo_workspace) -> None:
    window = open_window(qtbot, demo_workspace)
    window.context.request_pair("Sales", "IT")  # the pair page too
    assert labels_with_a_literal_ampersand(window) == []


def _dialogs(context, parent):
    from desktop_app.action_dialog import ActionDialog
    from desktop_app.export_dialog import ExportDialog
    from desktop_app.passphrase_dialog import ChangePassphraseDialog, PassphraseDialog
    from desktop_app.taxonomy_dialog import TaxonomyDialog
    from desktop_app.wave_dialog import WaveDialog

    return [
        ActionDialog(context, "Sales", "IT", parent),
        WaveDialog(context, parent),
        PassphraseDialog("Publishing 2026-11:", new=True, parent=parent, path="/srv/share"),
        ChangePassphraseDialog(context.path, parent),
        TaxonomyDialog(context, parent),
        ExportDialog(context, parent),
    ]


def test_no_dialog_shows_a_literal_ampersand_and_mnemonics_reach_their_field(
    qtbot, demo_workspace
) -> None:
    window = open_window(qtbot, demo_workspace)
    for dialog in _dialogs(window.context, window):
        qtbot.addWidget(dialog)
        assert labels_with_a_literal_ampersand(dialog) == [], type(dialog).__name__
    action = _dialogs(window.context, window)[0]
    qtbot.addWidget(action)
    with qtbot.waitActive(action):
        action.show()
    action.title_edit.setFocus()
    qtbot.waitUntil(action.title_edit.hasFocus)
    qtbot.keyClick(action.title_edit, Qt.Key_P, Qt.AltModifier)  # "&Pair (from → about):"
    assert action.focusWidget() is action.from_box


def test_the_overview_counts_hidden_pairs_in_english(qtbot, demo_workspace) -> None:
    window = open_window(qtbot, demo_workspace)
    hidden = window.context.result.suppressed_pairs
    assert hidden >= 1
    words = "1 pair hidden" if hidden == 1 else f"{hidden} pairs hidden"
    headline = window.panel("overview").headline.text()
    assert f"{words} (fewer than 5 answers, or none)." in headline
