"""Alt+letter keys: a section's labels and buttons never take the menu bar's letters.

Qt gives Alt+F to a label "&From:" in the section shown rather than to the window's File
menu, so in Comments Alt+F went to the From filter and the File menu could not be opened
from the keyboard; in Settings Alt+G (Go) pressed "Remove lo&go".
"""

from __future__ import annotations

import re
from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QTabWidget, QWidget

from tests.desktop_app.hr_helpers import open_window

_MARK = re.compile(r"&([^&\s])")
#: An HTML entity of a rich-text label ("&lt;" in "p &lt; 0.001") is a character, no Alt key.
_ENTITY = re.compile(r"&(?:[a-zA-Z]+|#\d+);")


def _letters(widgets: list[QWidget]) -> list[tuple[str, str]]:
    """(letter, text) of every Alt key that ``widgets`` take."""
    found = []
    for child in widgets:
        texts = []
        if isinstance(child, QAbstractButton | QLabel):
            texts.append(child.text())
        if isinstance(child, QGroupBox):
            texts.append(child.title())
        if isinstance(child, QTabWidget):
            texts += [child.tabText(i) for i in range(child.count())]
        for text in texts:
            for mark in _MARK.finditer(_ENTITY.sub("", text.replace("&&", ""))):
                found.append((mark.group(1).lower(), text))
    return found


def test_no_section_takes_a_letter_of_the_menu_bar_or_one_twice(qtbot, demo_workspace):
    from datetime import date

    from surveys.programme import Programme, save_programme
    from surveys.store import open_workspace

    db = open_workspace(demo_workspace)  # a pulse programme: its buttons read Change…, Pause
    save_programme(db, Programme("monthly", 10, "short-pulse", date.today().isoformat()))
    db.close()
    window = open_window(qtbot, demo_workspace)
    menus = {_MARK.search(a.text()).group(1).lower() for a in window.menuBar().actions()}
    assert menus == {"f", "a", "g", "h"}
    pages = [*window.panels, window.pair_page]
    frame = _letters(  # the window's own (the workspace picker's label), beside every section
        [
            w
            for w in window.centralWidget().findChildren(QWidget)
            if w.isVisible() and not any(p is w or p.isAncestorOf(w) for p in pages)
        ]
    )
    assert frame == [("k", "Wor&kspace")]
    problems = []
    for page in pages:  # hidden controls too: they show in some states
        taken = _letters([page, *page.findChildren(QWidget)]) + frame
        clashes = [text for letter, text in taken if letter in menus]
        twice = [
            [text for letter, text in taken if letter == repeated]
            for repeated, n in Counter(letter for letter, _ in taken).items()
            if n > 1
        ]
        problems.append((page.objectName(), clashes, twice))
    assert all(not clashes and not twice for _, clashes, twice in problems), problems


def test_alt_f_in_comments_is_left_to_the_file_menu(qtbot, demo_workspace):
    window = open_window(qtbot, demo_workspace)
    qtbot.keyClick(window, Qt.Key_3, Qt.ControlModifier)
    panel = window.panel("comments")
    from_box = panel.findChild(QComboBox, "commentsFrom")
    assert from_box is not None
    panel.findChild(QWidget, "commentsTable").setFocus()
    qtbot.keyClick(window.focusWidget(), Qt.Key_F, Qt.AltModifier)
    assert window.focusWidget() is not from_box
