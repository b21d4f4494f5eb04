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
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

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
        self.setWindowTitle(self.tr("Rapport user guide"))
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
        self.resize(h * 46, h * 40)


def _plain(text: str) -> str:
    """An action's text as a person reads it: no mnemonic ``&``, no trailing ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def _where(action: QAction, window: QWidget) -> str:
    """The menu an action is in, or the section and widget it belongs to."""
    for owner in action.associatedObjects():
        if isinstance(owner, QMenu):
            menus = []
            while isinstance(owner, QMenu):
                menus.insert(0, _plain(owner.title()))
                parent = owner.parent()
                owner = parent if isinstance(parent, QMenu) else None
            return " › ".join(menus)
    for owner in action.associatedObjects():
        if isinstance(owner, QWidget) and owner is not window:
            section = owner
            while section is not None and not hasattr(section, "section"):
                section = section.parentWidget()
            name = owner.accessibleName() or owner.objectName()
            if section is not None:
                return (
                    QCoreApplication.translate("ShortcutsDialog", "%1, in the %2")
                    .replace("%1", section.title())
                    .replace("%2", name.lower())
                )
            return name
    return ""


def shortcut_rows(window: QWidget) -> list[tuple[str, str, str]]:
    """``(where, what, keys)`` for every action of ``window`` that has a shortcut."""
    rows = []
    for action in window.findChildren(QAction):
        keys = [k.toString(QKeySequence.NativeText) for k in action.shortcuts() if not k.isEmpty()]
        if keys and action.text():
            rows.append((_where(action, window), _plain(action.text()), ", ".join(keys)))
    return sorted(set(rows), key=lambda row: (row[0] == "", row[0], row[2]))


class ShortcutsDialog(QDialog):
    """Every keyboard shortcut of the window, read from its actions."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = shortcut_rows(window)
        self.table = QTableWidget(len(rows), 3, objectName="shortcutsTable")
        self.table.setHorizontalHeaderLabels([self.tr("Where"), self.tr("What"), self.tr("Keys")])
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setAlternatingRowColors(True)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        h = self.fontMetrics().height()
        width = sum(self.table.columnWidth(c) for c in range(3)) + h * 4
        self.resize(max(width, h * 36), min(h * 40, h * (len(rows) + 6)))


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
