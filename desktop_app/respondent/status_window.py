"""The small window a respondent sees when there is no system tray and no survey to show.

Without a tray Rapport cannot keep watch in the background, so this window says plainly
what is going on: the shared folder cannot be reached (and Rapport keeps trying while the
window is open), or no pulse is waiting, and it shows the notices the tray would have
shown (answers delivered from the outbox).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.respondent.style import style_sheet
from desktop_app.widgets.screen_fit import fit_to_screen


class StatusWindow(QDialog):
    """ "Cannot reach the folder, trying again" / "No pulse is waiting", with notices."""

    retry_requested = Signal()
    #: "Trust the new key…" was clicked (the respondent has the code from HR).
    trust_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Rapport"))
        self.setStyleSheet(style_sheet())
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.message = QLabel()
        self.message.setObjectName("statusMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.notices = QLabel()
        self.notices.setObjectName("deliveryNotice")
        self.notices.setWordWrap(True)
        self.notices.setTextFormat(Qt.RichText)  # built escaped in add_notice, never guessed
        self.notices.hide()
        layout.addWidget(self.notices)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        self.retry_button = QPushButton(self.tr("&Try again now"))
        self.trust_button = QPushButton(self.tr("Trust the &new key…"))
        self.trust_button.hide()
        self.close_button = QPushButton(self.tr("&Close"))
        buttons.addWidget(self.trust_button)
        buttons.addStretch(1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.retry_button.clicked.connect(self.retry_requested)
        self.trust_button.clicked.connect(self.trust_requested)
        self.close_button.clicked.connect(self.reject)
        self.close_button.setDefault(True)
        fit_to_screen(self, 520, 240)

    def show_problem(
        self, problem: str, retry_seconds: int, untrusted: bool = False, trustable: bool = False
    ) -> None:
        """The source cannot be reached, or (``untrusted``) its survey is sealed to an
        unknown key, which the respondent may choose to trust when ``trustable`` (all its
        surveys carry the same new key); Rapport tries again every ``retry_seconds``."""
        self.trust_button.setVisible(untrusted and trustable)
        if untrusted:
            self.heading.setText(self.tr("Rapport does not trust this survey"))
        else:
            self.heading.setText(self.tr("Rapport cannot reach the survey folder"))
        self.message.setText(
            self.tr(
                "{0} Rapport tries again every {1} seconds while this window is open, and "
                "opens the survey as soon as it can."
            ).format(problem, retry_seconds)
        )
        self.retry_button.show()

    def show_no_pulse(self) -> None:
        """Nothing to answer; without a tray Rapport cannot keep watch, and says so."""
        self.heading.setText(self.tr("No pulse is waiting for you"))
        self.message.setText(
            self.tr(
                "There is no open pulse for you to answer right now. This computer shows no "
                "system tray, so Rapport cannot keep watch in the background: it checks again "
                "each time you start it."
            )
        )
        self.retry_button.hide()
        self.trust_button.hide()

    def add_notice(self, title: str, text: str) -> None:
        """Show a notice the tray would have shown (e.g. answers delivered)."""
        shown = self.notices.text()
        line = f"<b>{_escape(title)}</b><br>{_escape(text)}"
        self.notices.setText(f"{shown}<br><br>{line}" if shown else line)
        self.notices.show()
        self._fit_height()

    def _fit_height(self) -> None:
        """Grow (never shrink) to show every line of the wrapped texts at this width."""
        layout = self.layout()
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
