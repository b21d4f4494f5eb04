"""The line above the survey's pages ("Step 3 of 4: IT (department 1 of 2)"), on one line.

With a department called "Customer Success, Renewals & Partner Enablement (Europe, Middle
East and Africa)" the line was wider than the window, and the window grew by 115 pixels on
that page (more than a small screen has) and stayed so. The line now takes the room it is
given and shortens its middle to fit ("Step 3 of 4: Customer Suc…(department 11 of 11)");
the page's heading below gives the name whole, and a screen reader gets the whole line.

Built with the survey's frame, before the first paint: the ``Qt`` namespace is touched only
when the line is actually shortened (:mod:`desktop_app.respondent.intro_page`, Start-up).
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.respondent.intro_page import PLAIN_TEXT, set_qt_property
from desktop_app.widgets.plain_text import plain_tip

#: Characters the line keeps however narrow the window is.
MIN_CHARACTERS = 16


class StepLabel(QLabel):
    """One line of plain text, shortened in the middle when the room is short."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_qt_property(self, "textFormat", PLAIN_TEXT)  # a department name is shown as written
        self._full = ""

    def full_text(self) -> str:
        return self._full

    def set_step(self, text: str) -> None:
        self._full = text
        self.updateGeometry()
        layout = self.window().layout()
        if layout is not None and self.isVisible():
            layout.activate()  # the room for the new line now, not at the next event loop turn
        self._fit()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        hint = super().sizeHint()  # of the text shown: add what the shortening took away
        metrics = self.fontMetrics()
        missing = metrics.horizontalAdvance(self._full) - metrics.horizontalAdvance(self.text())
        return QSize(hint.width() + max(missing, 0), hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        hint = super().minimumSizeHint()
        metrics = self.fontMetrics()
        shown = metrics.horizontalAdvance(self.text())
        least = metrics.averageCharWidth() * MIN_CHARACTERS
        return QSize(hint.width() - shown + min(shown, least), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        room = max(self.contentsRect().width() - 2 * self.margin(), 0)
        shown = self._full
        if self.fontMetrics().horizontalAdvance(shown) > room:
            from PySide6.QtCore import Qt

            shown = self.fontMetrics().elidedText(shown, Qt.ElideMiddle, room)
        if shown != self.text():
            self.setText(shown)
        # A screen reader says the name instead of the text: the whole line when shortened.
        self.setAccessibleName("" if shown == self._full else self._full)
        self.setToolTip("" if shown == self._full else plain_tip(self._full))
