"""The status bar's quarantine badge: shown while files wait in the share's quarantine.

It follows :attr:`desktop_app.panels.pulses_inbox.InboxBox.status_read`; a click opens the
Pulses section, where the files are listed with their reasons.
"""

from __future__ import annotations

from PySide6.QtWidgets import QToolButton, QWidget

from desktop_app.widgets.figures import grouped_count
from desktop_app.widgets.warning_text import mark_warning


class QuarantineBadge(QToolButton):
    """ "⚠ N in quarantine", hidden when the quarantine is empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quarantineBadge")
        self.setAutoRaise(True)
        mark_warning(self, True)  # orange with contrast on either scheme
        self.count = 0
        self.setAccessibleName(self.tr("Files in quarantine"))  # until a count is shown
        self.hide()

    def show_view(self, view) -> None:  # noqa: ANN001 - an InboxView
        """Show how many files are in quarantine (hide the badge when none)."""
        self.count = view.quarantined
        text = grouped_count(self.tr("%n files in quarantine", "", self.count), self.count)
        self.setText("⚠ " + text)
        self.setAccessibleName(text)
        self.setToolTip(
            self.tr(
                "Some answers could not be stored. Open Pulses to see why, then retry or delete."
            )
        )
        self.setVisible(self.count > 0)
