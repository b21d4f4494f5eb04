"""Table models of the pulses section: waves (:func:`surveys.pulses.list_waves`) and
participation (:func:`surveys.pulses.wave_participation`)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from desktop_app.widgets.figures import grouped
from desktop_app.widgets.plain_text import plain_tip
from surveys.bands import format_percent
from surveys.pulses import DepartmentParticipation, WaveInfo


class WavesModel(QAbstractTableModel):
    """The waves table."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.waves: list[WaveInfo] = []

    def set_waves(self, waves: list[WaveInfo]) -> None:
        self.beginResetModel()
        self.waves = list(waves)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.waves)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Horizontal or role != Qt.DisplayRole:
            return None
        return (
            self.tr("Wave"),
            self.tr("Survey"),
            self.tr("Opens"),
            self.tr("Closes"),
            self.tr("Status"),
            self.tr("Answers"),
        )[section]

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        wave = self.waves[index.row()]
        if role == Qt.DisplayRole:
            status = {
                "draft": self.tr("draft (not published)"),
                "open": self.tr("open"),
                "closed": self.tr("closed"),
            }.get(wave.status, wave.status)
            if wave.stopped is not None:
                status = self.tr("answers stopped; closes at %1").replace(
                    "%1", closing_time(wave.stopped)
                )
            return (
                wave.name,
                wave.survey or self.tr("imported answers"),  # no survey: a file's answers
                wave.opens or "",
                self._closes(wave),
                status,
                grouped(wave.submissions),
            )[index.column()]
        if role == Qt.ToolTipRole and wave.stopped is not None and index.column() == 4:
            return self.tr(
                "Respondents can no longer answer. Rapport takes in the answers given before "
                "the stop, which respondents' apps may hold for up to 20 minutes, then closes "
                "the wave and releases its figures."
            )
        if role == Qt.ToolTipRole and not wave.survey and index.column() == 1:
            return self.tr(
                "Its answers were imported from a file (File › Import responses…); it was "
                "not published as a pulse, so it has no survey or dates."
            )
        if role == Qt.ToolTipRole and wave.closed_early and index.column() == 3:
            return (
                self.tr("Closed early on %1; it was planned to close on %2.")
                .replace("%1", wave.released or "")
                .replace("%2", wave.closes or "")
            )
        if role == Qt.ToolTipRole and wave.targets:
            return plain_tip(self.tr("Asks about: %1").replace("%1", ", ".join(wave.targets)))
        if role == Qt.TextAlignmentRole and index.column() == 5:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None

    def _closes(self, wave: WaveInfo) -> str:
        """The planned closing day, or the day a wave closed early (the plan is its tip)."""
        if wave.closed_early:
            return self.tr("%1 (early)").replace("%1", wave.released or "")
        return wave.closes or ""


def closing_time(stopped: str) -> str:
    """When a wave whose answers stopped at ``stopped`` closes, as this computer's time."""
    from surveys.wave_stop import clock_text, close_time

    try:
        return clock_text(close_time(stopped))
    except ValueError:  # not a time: it closes at the next check
        return "—"


class ParticipationModel(QAbstractTableModel):
    """Participation per department against headcount, low rates flagged in words."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[DepartmentParticipation] = []

    def set_rows(self, rows: list[DepartmentParticipation]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Horizontal or role != Qt.DisplayRole:
            return None
        return (
            self.tr("Department"),
            self.tr("Answered"),
            self.tr("Headcount"),
            self.tr("Participation"),
        )[section]

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.DisplayRole:
            if row.rate is None:
                rate = self.tr("no headcount")
            else:
                percent = format_percent(row.submitted, row.headcount or 0)
                rate = percent + (" — " + self.tr("low") if row.low else "")
            headcount = "" if row.headcount is None else grouped(row.headcount)
            return (row.department, grouped(row.submitted), headcount, rate)[index.column()]
        if role == Qt.TextAlignmentRole and index.column() in (1, 2, 3):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.FontRole and row.low:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        return None
