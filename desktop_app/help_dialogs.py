"""The Help menu's windows: the user guide, the keyboard shortcuts, and "Report a problem".

* The user guide is ``desktop_app/resources/user-guide.md`` (package data, so it is in the
  installed package and in the frozen bundle), rendered with ``QTextBrowser.setMarkdown``.
* The shortcuts are read from the window's own ``QAction`` objects when the dialog opens,
  so the list cannot drift from what the keys do.
* "Report a problem" copies the versions and the system (Rapport, Python, Qt, the
  operating system, the screen's size and scale) to the clipboard: nothing about the
  workspace, no path, no name.
"""

from __future__ import annotations

import platform
import sys
from importlib import resources

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, QLocale, qVersion
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QMenu,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.widgets.screen_fit import fit_to_screen
from surveys import __version__

GUIDE = "user-guide.md"


def guide_text() -> str:
    """The user guide's Markdown, read from the package's resources."""
    return (resources.files("desktop_app") / "resources" / GUIDE).read_text(encoding="utf-8")


class UserGuideDialog(QDialog):
    """The user guide, in a window of its own (not modal: keep it open while working)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("userGuide")
        # The title bar adds " — Rapport": "Rapport user guide — Rapport" said it twice.
        self.setWindowTitle(self.tr("User guide"))
        self.browser = QTextBrowser(objectName="userGuideText")
        self.browser.setOpenExternalLinks(True)
        self.browser.setMarkdown(guide_text())
        self.browser.setAccessibleName(self.tr("User guide"))
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        h = self.fontMetrics().height()
        fit_to_screen(self, h * 46, h * 40)


def _plain(text: str) -> str:
    """An action's text as a person reads it: no mnemonic ``&``, no trailing ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


#: An action's dynamic property naming where its key works (for widget actions, e.g. the
#: comments list's relabelling keys).
WHERE = "shortcut_where"


def _menu_path(menu: QMenu) -> str:
    titles = []
    while isinstance(menu, QMenu):
        titles.insert(0, _plain(menu.title()))
        parent = menu.parent()
        menu = parent if isinstance(parent, QMenu) else None
    return " › ".join(titles)


def _keys(action: QAction) -> str:
    keys = [k.toString(QKeySequence.NativeText) for k in action.shortcuts() if not k.isEmpty()]
    return ", ".join(keys)


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """``(where, what, keys)`` of every action of ``window`` with a key, menus first.

    Menu actions are listed in the order of the menu bar and of each menu; other actions
    (keys that work in one list, say) follow, grouped by the :data:`WHERE` they name, the
    places in alphabetical order.
    """
    rows, seen = [], set()

    def add(where: str, action: QAction) -> None:
        keys = _keys(action)
        if keys and action.text() and action not in seen:
            seen.add(action)
            rows.append((where, _plain(action.text()), keys))

    def walk(menu: QMenu) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu())
            else:
                add(_menu_path(menu), action)

    for top in window.menuBar().actions():
        if top.menu() is not None:
            walk(top.menu())
    others = [a for a in window.findChildren(QAction) if a not in seen and _keys(a)]
    places = {}  # where -> its actions, in the order the places and actions were made
    for action in others:
        where = str(action.property(WHERE) or QCoreApplication.translate("help", "Window"))
        places.setdefault(where, []).append(action)
    # Places by name: the order sections and pages were built in changes from run to run.
    for where, actions in sorted(places.items(), key=lambda item: item[0].casefold()):
        for action in actions:
            add(where, action)
    return rows


class ShortcutsDialog(QDialog):
    """Every keyboard shortcut of the window, read from its actions, grouped by place."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.rows = shortcut_rows(window)
        self.tree = QTreeWidget(objectName="shortcutsTree")
        self.tree.setHeaderLabels([self.tr("What"), self.tr("Keys")])
        self.tree.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QTreeWidget.SelectRows)
        # No focus frame round a cell: opening the list drew a pale frame round "File", as
        # if a heading were half selected. The arrow keys select whole rows instead, which
        # shows where the keyboard is; and each row gets a little room (none at the sides,
        # where the text lines up with the column titles).
        self.tree.setStyleSheet(
            "QTreeWidget#shortcutsTree { outline: 0; }"
            " QTreeWidget#shortcutsTree::item { padding: 2px 0px; }"
        )
        groups: dict[str, QTreeWidgetItem] = {}
        for where, what, keys in self.rows:
            if where not in groups:
                groups[where] = QTreeWidgetItem(self.tree, [where])
                font = groups[where].font(0)
                font.setBold(True)
                groups[where].setFont(0, font)
                groups[where].setFirstColumnSpanned(True)
            QTreeWidgetItem(groups[where], [what, keys])
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        self.tree.resizeColumnToContents(1)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        h = self.fontMetrics().height()
        width = self.tree.columnWidth(0) + self.tree.columnWidth(1) + h * 4
        lines = len(self.rows) + len(groups) + 2
        height = self.tree.sizeHintForRow(0) * lines + buttons.sizeHint().height() + h * 3
        fit_to_screen(self, max(width, h * 30), min(height, h * 44))


def system_report(widget: QWidget | None = None) -> str:
    """Versions and system details for a problem report; no workspace data, paths or names."""
    screen = widget.screen() if widget is not None else QGuiApplication.primaryScreen()
    lines = [
        f"Rapport {__version__}{' (bundle)' if getattr(sys, 'frozen', False) else ''}",
        f"Python {platform.python_version()} ({platform.python_implementation()})",
        f"Qt {qVersion()}, PySide6 {pyside_version}",
        f"System: {platform.system()} {platform.release()} ({platform.machine()})",
        f"Display: {QGuiApplication.platformName()}",
    ]
    if screen is not None:
        size = screen.size()
        lines.append(
            f"Screen: {size.width()}×{size.height()} at {screen.devicePixelRatio():g}× scale, "
            f"{screen.logicalDotsPerInch():.0f} dpi"
        )
    app = QApplication.instance()
    if isinstance(app, QApplication):
        dark = app.palette().color(app.palette().ColorRole.Window).lightnessF() < 0.5
        lines.append(f"Style: {app.style().name()}, {'dark' if dark else 'light'} colours")
    lines.append(f"Locale: {QLocale.system().name()}")
    return "\n".join(lines)


def copy_system_report(widget: QWidget) -> str:
    """Put :func:`system_report` on the clipboard and return it."""
    text = system_report(widget)
    QGuiApplication.clipboard().setText(text)
    return text
