"""The page shown while no workspace is open: open one, or pick a recent one."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget


class WelcomePage(QWidget):
    """ "New workspace", "Open a workspace", the demo organisation and the recent workspaces."""

    new_requested = Signal()
    demo_requested = Signal()
    open_requested = Signal()
    recent_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        heading = QLabel(self.tr("Welcome to Rapport"))
        heading.setStyleSheet("font-size: 20pt; font-weight: 600;")
        text = QLabel(
            self.tr(
                "Open an HR workspace folder to see participation, hotspots and the relationships "
                "between departments, or create a new one for your organisation. To look around "
                "first, open the demo organisation: a fictional company with four departments "
                "and six monthly pulses."
            )
        )
        text.setWordWrap(True)
        text.setMaximumWidth(text.fontMetrics().averageCharWidth() * 90)  # lines one can read
        self.open_button = QPushButton(self.tr("&Open workspace…"), objectName="welcomeOpen")
        self.open_button.clicked.connect(self.open_requested)
        self.new_button = QPushButton(self.tr("&New workspace…"), objectName="welcomeNew")
        self.new_button.clicked.connect(self.new_requested)
        self.demo_button = QPushButton(
            self.tr("Open the &demo organisation"), objectName="welcomeDemo"
        )
        self.demo_button.clicked.connect(self.demo_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        self.recent_heading = QLabel(self.tr("Recent workspaces"))
        self.recent_heading.setStyleSheet("font-weight: 600; margin-top: 12px;")
        self.recent = QListWidget(objectName="welcomeRecent")
        self.recent.setAccessibleName(self.tr("Recent workspaces"))
        # One click opens, as on a start page (a list needed a double click, and a single one
        # did nothing); Enter opens the current one.
        self.recent.itemActivated.connect(self._on_recent_item_chosen)
        self.recent.itemClicked.connect(self._on_recent_item_chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.addWidget(heading)
        layout.addWidget(text)
        layout.addSpacing(text.fontMetrics().height() // 2)
        layout.addLayout(buttons)
        layout.addWidget(self.recent_heading)
        layout.addWidget(self.recent, 1)
        # Without recent workspaces the room left stays under the buttons: the heading, the
        # text and the buttons were spread down the whole page.
        layout.addStretch(0)

    def _on_recent_item_chosen(self, item) -> None:  # noqa: ANN001 - a QListWidgetItem
        # A double click is a click and an activation: the first opened the workspace and
        # hid this page, so the second is not another open.
        if self.isVisible():
            self.recent_chosen.emit(item.text())

    def set_recent(self, paths: list[str]) -> None:
        self.recent.clear()
        self.recent.addItems(paths)
        for row in range(self.recent.count()):
            self.recent.item(row).setToolTip(self.tr("Open %1").replace("%1", paths[row]))
        self.recent_heading.setVisible(bool(paths))
        self.recent.setVisible(bool(paths))
