"""The status bar's participation: "N of M answered (P %)" in the wave the window shows.

It is read from the workspace, not from the last analysis, and read again whenever
answers, waves or departments change (``data_changed``), so an ingest shows at once
without pressing F5. The read runs off the GUI thread
(:class:`~desktop_app.section_reads.SectionReads`): on a share that hangs the line keeps
what it said and the status bar says that the folder is slow to answer. A thin vertical
rule, with room on either side, sets it apart from the "Analysed … · wave …" text before
it (side by side they read as one sentence).
"""

from __future__ import annotations

from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.context import Changes
from desktop_app.models.overview_data import percent
from desktop_app.section_reads import SectionReads
from desktop_app.widgets.figures import grouped

#: The changes that can move the participation figure.
MOVES_PARTICIPATION = Changes(responses=True, waves=True, departments=True)


class ParticipationStatus(QLabel):
    """Follows the context: the shown wave's submissions against headcount."""

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusParticipation")
        self.context = context
        self.wave: str | None = None
        self.reads = SectionReads(context, self)
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
        wave = self.wave
        self.reads.read(
            "participation",
            read_wave_participation,
            self.context.path,
            wave,
            apply=lambda rows: self._show(wave, rows),
        )

    def _show(self, wave: str, rows: list) -> None:
        if wave != self.wave or self.context.path is None:
            return  # another wave, or no workspace, since: its own read follows
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
        self.reads.forget()
        self.wave = None
        self.clear()

    def _on_context_analysis_finished(self, result) -> None:
        self.wave = result.wave
        self.refresh()

    def _on_context_data_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.touches(MOVES_PARTICIPATION):
            self.refresh()


def read_wave_participation(path, wave: str) -> list:
    """The wave's participation against headcount
    (:func:`surveys.pulses.wave_participation`); runs on any thread."""
    from desktop_app.workspace_reads import open_for_section
    from surveys.pulses import wave_participation

    db = open_for_section(path)
    try:
        return wave_participation(db, wave)
    finally:
        db.close()
