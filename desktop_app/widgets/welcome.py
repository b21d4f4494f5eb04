"""The page shown while no workspace is open: open one, or pick a recent one."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop_app import gui_release
from desktop_app.widgets.flow_layout import wrapping_row
from desktop_app.widgets.plain_text import plain_tip

#: Rows of recent workspaces shown before the list scrolls.
RECENT_ROWS = 8
#: How often the page asks again whether the recent workspaces can be reached (ms): a
#: share that comes back is shown as available without leaving the page.
RECHECK_MS = 10_000
#: The item data role holding a recent workspace's path.
PATH_ROLE = Qt.UserRole


class _Relay(QObject):
    checked = Signal(object)


class _CheckRecent(QRunnable):
    """Asks the file system about each recent workspace on a pool thread (a share that does
    not answer must not freeze the window); touches no widget."""

    def __init__(self, paths: list[str], relay: _Relay) -> None:
        super().__init__()
        # The relay has no parent: let go on the GUI thread, even when this task is the
        # last to hold it (the page deleted meanwhile); see desktop_app/gui_release.py.
        self.paths, self.relay = paths, gui_release.parcel(relay)

    def run(self) -> None:
        from surveys.workspace_checks import recent_workspace_problem

        problems = {}
        try:
            problems = {path: recent_workspace_problem(path) for path in self.paths}
        finally:  # always answered, so the next check can run
            self.relay[0].checked.emit(problems)
            gui_release.hand_back(self.relay)


class RecentList(QListWidget):
    """The recent workspaces, as tall as its rows (up to :data:`RECENT_ROWS`, then it
    scrolls): it used to fill the page, a tall empty box under two or three paths."""

    def sizeHint(self):  # noqa: N802 (Qt API)
        hint = super().sizeHint()
        rows = max(1, min(self.count(), RECENT_ROWS))
        row = self.sizeHintForRow(0) if self.count() else self.fontMetrics().height() + 4
        hint.setHeight(rows * row + 2 * self.frameWidth() + 2)
        return hint

    def minimumSizeHint(self):  # noqa: N802 (Qt API)
        return self.sizeHint()


class WelcomePage(QWidget):
    """ "New workspace", "Open a workspace", the demo organisation and the recent workspaces."""

    new_requested = Signal()
    demo_requested = Signal()
    open_requested = Signal()
    recent_chosen = Signal(str)
    #: HR removed a recent workspace from the list (its path).
    recent_removed = Signal(str)
    #: The recent workspaces were checked; :attr:`problems` holds what was found.
    recent_checked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        self.problems: dict[str, tuple[str, str] | None] = {}
        self._checking = self._check_again = False
        # No parent: a check still running when the page is deleted (a test, the window
        # closing) emits into a relay that still exists, and the connection is gone.
        self._relay = _Relay()
        self._relay.checked.connect(self._on_relay_checked)
        self.timer = QTimer(self, interval=RECHECK_MS)
        self.timer.timeout.connect(self.check_recent)
        heading = QLabel(self.tr("Welcome to Rapport"))
        heading.setStyleSheet("font-size: 20pt; font-weight: 600;")
        text = QLabel(
            self.tr(
                "Open an HR workspace folder to see participation, hotspots and the relationships "
                "between departments, or create a new one for your organisation. To look around "
                "first, open the demo organisation: a fictional company with four departments "
                "and six monthly pulses. New to Rapport? The user guide (F1) walks through a "
                "first pulse step by step."
            ),
            objectName="welcomeIntro",
        )
        text.setWordWrap(True)
        readable = text.fontMetrics().averageCharWidth() * 90  # lines one can read
        text.setMaximumWidth(readable)
        self.open_button = QPushButton(self.tr("&Open workspace…"), objectName="welcomeOpen")
        self.open_button.clicked.connect(self.open_requested)
        self.new_button = QPushButton(self.tr("&New workspace…"), objectName="welcomeNew")
        self.new_button.clicked.connect(self.new_requested)
        self.demo_button = QPushButton(
            self.tr("Open the &demo organisation"), objectName="welcomeDemo"
        )
        self.demo_button.clicked.connect(self.demo_requested)
        buttons = wrapping_row([self.new_button, self.open_button, self.demo_button])
        self.recent_heading = QLabel(self.tr("Recent workspaces"))
        self.recent_heading.setStyleSheet("font-weight: 600; margin-top: 12px;")
        # A style sheet frames a label, and a framed label indents its text by half an "x":
        # the heading stood out of line with the buttons and the list.
        self.recent_heading.setIndent(0)
        self.recent = self._build_recent_list(readable)
        self.remove_button = QPushButton(
            self.tr("Re&move from list"), objectName="welcomeRemoveRecent"
        )
        self.remove_button.setToolTip(
            self.tr("Take the selected workspace off this list; its folder is not touched")
        )
        self.remove_button.clicked.connect(self.remove_current)
        remove_row = QHBoxLayout()
        remove_row.addWidget(self.remove_button)
        remove_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.addWidget(heading)
        layout.addWidget(text)
        layout.addSpacing(text.fontMetrics().height() // 2)
        layout.addWidget(buttons)
        layout.addWidget(self.recent_heading)
        layout.addWidget(self.recent)
        layout.addLayout(remove_row)
        # The room left stays under the list: the heading, the text and the buttons were
        # spread down the whole page, and then the list stretched over it.
        layout.addStretch(1)

    def _build_recent_list(self, readable: int) -> RecentList:
        recent = RecentList(objectName="welcomeRecent")
        recent.setAccessibleName(self.tr("Recent workspaces"))
        recent.setMaximumWidth(readable)
        recent.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        recent.setTextElideMode(Qt.ElideMiddle)
        recent.setStyleSheet("QListWidget#welcomeRecent::item { padding: 3px 4px; }")
        # One click opens, as on a start page (a list needed a double click, and a single one
        # did nothing); Enter opens the current one.
        recent.itemActivated.connect(self._on_recent_item_chosen)
        recent.itemClicked.connect(self._on_recent_item_chosen)
        recent.currentRowChanged.connect(self._update_remove_button)
        remove = QAction(self.tr("Remove from list"), recent)
        remove.setShortcut(QKeySequence.Delete)
        remove.setShortcutContext(Qt.WidgetShortcut)
        remove.setProperty("shortcut_where", self.tr("Recent workspaces (welcome page)"))
        remove.triggered.connect(self.remove_current)
        recent.addAction(remove)
        recent.setContextMenuPolicy(Qt.ActionsContextMenu)
        return recent

    def _on_recent_item_chosen(self, item: QListWidgetItem) -> None:
        # A double click is a click and an activation: the first opened the workspace and
        # hid this page, so the second is not another open.
        if self.isVisible():
            self.recent_chosen.emit(item.data(PATH_ROLE))

    def paths(self) -> list[str]:
        """The recent workspaces listed, in order."""
        return [self.recent.item(row).data(PATH_ROLE) for row in range(self.recent.count())]

    def set_recent(self, paths: list[str]) -> None:
        """List ``paths`` (newest first) and ask again whether each can be reached."""
        self.recent.clear()
        for path in paths:
            item = QListWidgetItem(path)
            item.setData(PATH_ROLE, path)
            self.recent.addItem(item)
            self._show_problem(item, self.problems.get(path))
        self.recent_heading.setVisible(bool(paths))
        self.recent.setVisible(bool(paths))
        self.remove_button.setVisible(bool(paths))
        self.recent.updateGeometry()
        self._update_remove_button()
        self.check_recent()

    def remove_current(self) -> None:
        """Take the selected workspace off the list (``recent_removed``)."""
        item = self.recent.currentItem()
        if item is None:
            return
        row = self.recent.row(item)
        path = item.data(PATH_ROLE)
        self.recent.takeItem(row)
        self.recent_removed.emit(path)
        self.set_recent(self.paths())
        if self.recent.count():
            self.recent.setCurrentRow(min(row, self.recent.count() - 1))
            self.recent.setFocus()
        else:
            self.new_button.setFocus()

    def check_recent(self) -> None:
        """Ask the file system again about each recent workspace, on a pool thread."""
        if self._checking:
            self._check_again = True
            return
        paths = self.paths()
        if not paths:
            return
        self._checking, self._check_again = True, False
        QThreadPool.globalInstance().start(_CheckRecent(paths, self._relay))

    def _on_relay_checked(self, problems: dict) -> None:
        self._checking = False
        self.problems.update(problems)
        for row in range(self.recent.count()):
            item = self.recent.item(row)
            if item.data(PATH_ROLE) in problems:
                self._show_problem(item, problems[item.data(PATH_ROLE)])
        self.recent_checked.emit()
        if self._check_again:
            self.check_recent()

    def _show_problem(self, item: QListWidgetItem, problem: tuple[str, str] | None) -> None:
        path = item.data(PATH_ROLE)
        if problem is None:
            item.setText(path)
            item.setToolTip(plain_tip(self.tr("Open %1").replace("%1", path)))
            item.setData(Qt.ForegroundRole, None)
            return
        reason, advice = problem
        item.setText(self.tr("%1  (unavailable: %2)").replace("%1", path).replace("%2", reason))
        item.setToolTip(
            plain_tip(
                self.tr("%1\n%2\nRapport tries again by itself; Delete removes it from the list.")
                .replace("%1", path)
                .replace("%2", advice)
            )
        )
        item.setData(Qt.ForegroundRole, self.palette().brush(QPalette.PlaceholderText))

    def _update_remove_button(self) -> None:
        self.remove_button.setEnabled(self.recent.currentItem() is not None)

    def showEvent(self, event) -> None:  # noqa: N802, ANN001 (Qt API)
        super().showEvent(event)
        self.timer.start()
        self.check_recent()

    def hideEvent(self, event) -> None:  # noqa: N802, ANN001 (Qt API)
        self.timer.stop()
        super().hideEvent(event)
