"""Pulses: waves and participation as HR's pulses section shows them (no Qt widgets).

Creating a wave here stores a *draft* (survey, dates, target departments) in the
workspace; publishing it (:func:`surveys.publish.publish_wave`, run as a job) opens it and
writes it to the shared folder.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from surveys.model import SurveyTemplate
from surveys.waves import WaveError, check_wave_name, get_wave, parse_day, save_survey

#: Below this share of headcount a department's participation is flagged as low.
LOW_PARTICIPATION = 0.3


@dataclass(frozen=True)
class WaveInfo:
    """One wave as the pulses table lists it."""

    name: str
    survey: str
    opens: str | None
    closes: str | None
    status: str
    targets: tuple[str, ...] | None
    submissions: int


@dataclass(frozen=True)
class DepartmentParticipation:
    """Submissions of one department in a wave against its headcount."""

    department: str
    headcount: int | None
    submitted: int

    @property
    def rate(self) -> float | None:
        return self.submitted / self.headcount if self.headcount else None

    @property
    def low(self) -> bool:
        return self.rate is not None and self.rate < LOW_PARTICIPATION


def list_waves(db) -> list[WaveInfo]:
    """Every wave, newest first, with its survey title and number of submissions."""
    rows = db.execute(
        "SELECT w.name, COALESCE(s.title, ''), w.opens, w.closes, w.status, w.targets, "
        "(SELECT COUNT(*) FROM submissions x WHERE x.wave_id = w.id) "
        "FROM waves w LEFT JOIN surveys s ON s.id = w.survey_id ORDER BY w.name DESC"
    ).fetchall()
    return [
        WaveInfo(
            name,
            title,
            opens,
            closes,
            status,
            tuple(json.loads(targets)) if targets else None,
            int(count),
        )
        for name, title, opens, closes, status, targets, count in rows
    ]


def create_draft_wave(
    db,
    name: str,
    template: SurveyTemplate,
    opens: str | None,
    closes: str | None,
    targets: list[str] | None,
) -> WaveInfo:
    """Store a new wave as a draft (not yet published).

    Raises
    ------
    surveys.waves.WaveError
        If the name is unusable or taken, or the dates are wrong.
    """
    name = check_wave_name(name)
    if get_wave(db, name) is not None:
        raise WaveError(f"Wave name: there is already a wave called {name!r}; choose another.")
    first, last = parse_day(opens, "Opens"), parse_day(closes, "Closes")
    if first and last and last < first:
        raise WaveError(f"Closes ({last}) is before opens ({first}); fix the dates.")
    with db.atomic():
        survey_id = save_survey(db, template)
        db.execute(
            "INSERT INTO waves(name, survey_id, opens, closes, status, targets) "
            "VALUES (?, ?, ?, ?, 'draft', ?)",
            [name, survey_id, first, last, json.dumps(targets) if targets else None],
        )
    return next(w for w in list_waves(db) if w.name == name)


def wave_participation(db, wave: str) -> list[DepartmentParticipation]:
    """Submissions per department in ``wave`` against its headcount (display order)."""
    rows = db.execute(
        "SELECT d.name, d.headcount, COUNT(s.id) FROM departments d "
        "LEFT JOIN submissions s ON s.department_id = d.id AND s.wave_id = "
        "(SELECT id FROM waves WHERE name = ?) GROUP BY d.id ORDER BY d.position, d.id",
        [wave],
    ).fetchall()
    return [DepartmentParticipation(n, h, int(c)) for n, h, c in rows]


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
            return (
                wave.name,
                wave.survey,
                wave.opens or "",
                wave.closes or "",
                status,
                str(wave.submissions),
            )[index.column()]
        if role == Qt.ToolTipRole and wave.targets:
            return self.tr("Asks about: %1").replace("%1", ", ".join(wave.targets))
        if role == Qt.TextAlignmentRole and index.column() == 5:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None


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
                rate = f"{row.rate:.0%}" + (" — " + self.tr("low") if row.low else "")
            headcount = "" if row.headcount is None else str(row.headcount)
            return (row.department, str(row.submitted), headcount, rate)[index.column()]
        if role == Qt.TextAlignmentRole and index.column() in (1, 2, 3):
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.FontRole and row.low:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        return None
