"""The status bar's participation: "N of M answered (P %)" in the wave the window shows.

It is read from the workspace, not from the last analysis, and read again whenever
answers, waves or departments change (``data_changed``), so an ingest shows at once
without pressing F5. A thin vertical rule, with room on either side, sets it apart from
the "Analysed … · wave …" text before it (side by side they read as one sentence).
"""

from __future__ import annotations

from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.context import Changes
from desktop_app.models.overview_data import percent
from desktop_app.widgets.figures import grouped
from surveys.pulses import wave_participation

#: The changes that can move the participation figure.
MOVES_PARTICIPATION = Changes(responses=True, waves=True, departments=True)


class ParticipationStatus(QLabel):
    """Follows the context: the shown wave's submissions against headcount."""

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusParticipation")
        self.context = context
        self.wave: str | None = None
        self.setContentsMargins(self.separator_gap(), 0, 0, 0)
        context.workspace_opened.connect(self._on_context_workspace_opened)
        context.analysis_finished.connect(self._on_context_analysis_finished)
        context.data_changed.connect(self._on_context_data_changed)

    def separator_gap(self) -> int:
        """Pixels between the text before and this one; the rule is drawn in their middle."""
        return self.fontMetrics().averageCharWidth() * 3

    def separator_x(self) -> int:
        """Where the rule is drawn, in this label's coordinates."""
        return self.separator_gap() // 2 - 2  # the status bar's own spacing comes before

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        """The text, and the rule before it while there is a text."""
        super().paintEvent(event)
        if not self.text():
            return
        height = self.fontMetrics().height()
        top = (self.height() - height) // 2
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.WindowText))
        painter.setOpacity(0.45)
        x = self.separator_x()
        painter.drawLine(x, top + 1, x, top + height - 1)
        painter.end()

    def refresh(self) -> None:
        """Read the wave's participation again and show it."""
        if self.context.path is None or self.wave is None:
            self.clear()
            return
        db = self.context.connect()
        try:
            rows = wave_participation(db, self.wave)
        finally:
            db.close()
        submitted = sum(r.submitted for r in rows)
        heads = [r.headcount for r in rows]
        if heads and None not in heads and sum(heads):
            total = sum(heads)
            self.setText(
                self.tr("%1 of %2 answered (%3 %)")
                .replace("%1", grouped(submitted))
                .replace("%2", grouped(total))
                .replace("%3", str(percent(submitted, total)))
            )
        else:
            self.setText(self.tr("%1 answered").replace("%1", grouped(submitted)))
        self.setToolTip(
            self.tr("Submissions in wave %1 against headcount").replace("%1", self.wave)
        )

    def _on_context_workspace_opened(self, _path) -> None:
        self.wave = None
        self.clear()

    def _on_context_analysis_finished(self, result) -> None:
        self.wave = result.wave
        self.refresh()

    def _on_context_data_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.touches(MOVES_PARTICIPATION):
            self.refresh()
