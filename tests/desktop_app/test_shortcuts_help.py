"""Keys and Help (issue 19.6 and 19.14): relabelling keys that do not clash with the Go
menu, Help › Keyboard shortcuts read from the actions, the user guide, Report a problem."""

from __future__ import annotations

import getpass
import platform

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.help_dialogs import ShortcutsDialog, UserGuideDialog
from surveys import __version__
from tests.desktop_app.hr_helpers import open_window


def _comments(qtbot, folder):
    window = open_window(qtbot, folder)
    qtbot.keyClick(window, Qt.Key_3, Qt.ControlModifier)
    panel = window.panel("comments")
    assert window.stack.currentWidget() is panel
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0)
    rect = panel.table.visualRect(panel.model.index(0, 3))
    qtbot.mouseClick(panel.table.viewport(), Qt.LeftButton, pos=rect.center())
    assert panel.table.hasFocus()
    return window, panel


def _label_shown(panel) -> str:
    return panel.model.index(0, 4).data()


def test_relabel_keys_relabel_and_ctrl_1_switches_section(qtbot, qtlog, demo_workspace):
    window, panel = _comments(qtbot, demo_workspace)
    for key, label in ((Qt.Key_N, "negative"), (Qt.Key_U, "neutral"), (Qt.Key_P, "positive")):
        qtbot.keyClick(panel.table, key)
        assert _label_shown(panel) == f"{label} (corrected)"
        assert panel.model.row_at(0).corrected
    qtbot.keyClick(panel.table, Qt.Key_Delete)
    assert not panel.model.row_at(0).corrected
    assert "(corrected)" not in _label_shown(panel)
    # the keys are shown where people look: the buttons and the column's tooltip
    assert [b.text() for b in panel.label_buttons.values()] == [
        "Negative  (N)",
        "Neutral  (U)",
        "Positive  (P)",
    ]
    assert "N, U or P" in panel.model.index(0, 4).data(Qt.ToolTipRole)
    # Ctrl+1 from the comments table goes to the overview, with no ambiguity
    qtbot.keyClick(panel.table, Qt.Key_1, Qt.ControlModifier)
    assert window.stack.currentWidget() is window.panel("overview")
    messages = [record.message for record in qtlog.records]
    assert not [m for m in messages if "Ambiguous" in m], messages


def test_typing_n_in_the_search_field_types_it(qtbot, demo_workspace):
    _window, panel = _comments(qtbot, demo_workspace)
    before = _label_shown(panel)
    qtbot.keyClicks(panel.search, "np")
    assert panel.search.text() == "np"
    assert _label_shown(panel) == before or panel.model.rowCount() == 0


def _help_menu(window):
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    return menus["&Help"]


def test_help_holds_the_guide_the_shortcuts_a_problem_report_and_about(qtbot, demo_workspace):
    window = open_window(qtbot, demo_workspace)
    texts = [a.text() for a in _help_menu(window).actions() if not a.isSeparator()]
    assert texts == ["&User guide", "&Keyboard shortcuts", "&Report a problem…", "&About Rapport"]


def test_f1_opens_the_user_guide_rendered_from_markdown(qtbot, demo_workspace):
    window = open_window(qtbot, demo_workspace)
    qtbot.keyClick(window, Qt.Key_F1)
    guide = window.guide
    assert isinstance(guide, UserGuideDialog) and guide.isVisible()
    text = guide.browser.toPlainText()
    assert text.startswith("Rapport user guide")
    assert guide.windowTitle() == "User guide"  # the title bar adds " — Rapport"
    assert "Anonymity comes first" in text and "Record as action" in text
    # A new analyst's path, and the words the window uses without explaining them
    assert "Your first pulse, step by step" in text
    assert "A wave is one run of it" in text
    for word in ("Pulse", "Ingest", "Quarantine", "Participation ticket", "Shared folder"):
        assert f"{word}: " in text, word
    assert "## " not in text and "**" not in text  # rendered, not shown as source
    heading = guide.browser.document().firstBlock()
    assert heading.blockFormat().headingLevel() == 1


def test_keyboard_shortcuts_are_read_from_the_actions(qtbot, demo_workspace):
    window = open_window(qtbot, demo_workspace)
    opened = []

    def grab() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ShortcutsDialog)]
        if not dialogs:
            QTimer.singleShot(10, grab)
            return
        opened.append(dialogs[0])

    QTimer.singleShot(0, grab)
    qtbot.keyClick(window, Qt.Key_Slash, Qt.ControlModifier)
    qtbot.waitUntil(lambda: bool(opened))
    tree = opened[0].tree
    rows = set()
    for g in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(g)
        for c in range(group.childCount()):
            rows.add((group.text(0), group.child(c).text(0), group.child(c).text(1)))
    groups = [tree.topLevelItem(g).text(0) for g in range(tree.topLevelItemCount())]
    assert groups == [
        "File",
        "Analysis",
        "Go",
        "Help",
        "Comments list (when it has the focus)",
        "Recent workspaces (welcome page)",
    ]
    assert ("Go", "Overview", "Ctrl+1") in rows
    assert ("Go", "Settings", "Ctrl+7") in rows
    assert ("Analysis", "Run analysis", "F5") in rows
    assert ("Help", "Keyboard shortcuts", "Ctrl+/") in rows
    comments = "Comments list (when it has the focus)"
    assert (comments, "Mark as negative", "N") in rows
    assert (comments, "Undo correction", "Del") in rows
    back = next(row for row in rows if row[1] == "Back")
    assert "Alt+Left" in back[2] and "Backspace" in back[2]
    # every action with a key is listed, and nothing else
    with_keys = [a for a in window.findChildren(QAction) if a.shortcuts() and a.text()]
    assert len(rows) == len(with_keys)
    # a new action shows up by itself: the list cannot drift from the keys
    extra = QAction("Zoom in", window, shortcut="Ctrl++")
    window.menuBar().actions()[0].menu().addAction(extra)
    again = ShortcutsDialog(window)
    qtbot.addWidget(again)
    assert ("File", "Zoom in", "Ctrl++") in again.rows


def test_the_shortcuts_list_draws_no_focus_frame_round_its_first_heading(qtbot, demo_workspace):
    """Opening the list drew a pale frame round "File" (the current cell of a list with the
    focus), which read as a heading half selected; the arrow keys select whole rows."""
    window = open_window(qtbot, demo_workspace)
    dialog = window.show_shortcuts()
    qtbot.waitUntil(lambda: dialog.tree.hasFocus())
    tree = dialog.tree
    qtbot.waitUntil(lambda: tree.currentItem() is not None)
    rect = tree.visualItemRect(tree.topLevelItem(0))
    image = tree.viewport().grab().toImage()
    x = rect.right() - 4  # right of any text
    inside = image.pixelColor(x, rect.center().y())
    for y in (rect.top(), rect.bottom()):
        assert image.pixelColor(x, y) == inside, (y, image.pixelColor(x, y).name())
    qtbot.keyClick(tree, Qt.Key_Down)
    assert tree.selectedItems() == [tree.currentItem()]  # the keyboard's place, a whole row
    assert tree.currentItem().text(0) == "New workspace"
    dialog.close()


def test_report_a_problem_copies_system_details_and_nothing_of_the_workspace(qtbot, demo_workspace):
    window = open_window(qtbot, demo_workspace)
    boxes = []

    def grab() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, grab)
            return
        boxes.append((box.text(), box.informativeText()))
        box.accept()

    QTimer.singleShot(0, grab)
    action = next(a for a in _help_menu(window).actions() if a.text() == "&Report a problem…")
    action.trigger()
    qtbot.waitUntil(lambda: bool(boxes))
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith(f"Rapport {__version__}")
    for needed in ("Python ", "Qt ", "PySide6 ", "System: ", "Screen: ", " scale"):
        assert needed in copied
    private = [str(demo_workspace), demo_workspace.name, "Sales", "Operations", "2026-10"]
    private += [getpass.getuser(), str(demo_workspace.parent), platform.node()]
    assert not [word for word in private if word and word in copied]
    text, details = boxes[0]
    assert "on the clipboard" in text and "no workspace data" in text
    assert details == copied  # the person sees exactly what was copied


def test_places_outside_the_menus_keep_one_order_whatever_was_built_first(qtbot):
    """The welcome page and the Comments section are built in an order that changes from
    run to run; the dialog listed their keys in that order, so they swapped places."""
    from PySide6.QtWidgets import QMainWindow

    from desktop_app.help_dialogs import WHERE, shortcut_rows

    def rows(places: list[str]) -> list[str]:
        window = QMainWindow()
        qtbot.addWidget(window)
        for n, where in enumerate(places):
            action = QAction(f"Do {n}", window)
            action.setShortcut(f"Ctrl+Shift+{n + 1}")
            action.setProperty(WHERE, where)
        return [where for where, _what, _keys in shortcut_rows(window)]

    places = ["Recent workspaces (welcome page)", "Comments list (when it has the focus)"]
    assert rows(places) == rows(list(reversed(places))) == sorted(places)
