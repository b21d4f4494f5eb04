"""Qt table models of the import wizard: the mapping's columns, its scales, the preview.

The models read and edit a :class:`surveys.importing.suggestion.Suggestion` (Qt-free) and
show :class:`surveys.importing.preview.Preview` rows. Editing a target, an item or a scale
value changes the suggestion and emits :attr:`ColumnsModel.mapping_edited` /
:attr:`ScalesModel.mapping_edited`, after which the wizard refreshes its preview.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication

from desktop_app.widgets.colours import is_dark
from desktop_app.widgets.plain_text import plain_tip
from surveys.importing.preview import (
    DROPPED,
    IDENTITY,
    MAPPED,
    UNMAPPED,
    USED,
    column_statuses,
    department_rows,
    scale_rows,
)
from surveys.model import DIMENSION_LABELS, ITEMS

#: Shown in the item column for a column that is not imported.
NOT_IMPORTED = "(not imported)"
#: What HR reads for each item: the mapping file's keys ("problem_solving") were shown.
ITEM_LABELS: dict[str, str] = {
    **DIMENSION_LABELS,
    "comment": "Comment",
    "knows_liaison": "Knows the liaison",
    "meeting_cadence": "Meeting cadence",
}


_SURE = re.compile(r"\b(high|medium|low|CHECK) (\d\.\d\d)\b")
_SCALE_CHECK = re.compile(r"CHECK scale \S+")


def status_words(reason: str) -> str:
    """A mapped column's status as HR reads it: "high 0.94; CHECK scale numbers_1_7" (the
    mapping file's notation) becomes "94 % sure; check its scale (Scales tab)"."""

    def sure(match: re.Match) -> str:
        percent = round(float(match.group(2)) * 100)
        if match.group(1) == "CHECK":
            return _tr("check: %1 % sure").replace("%1", str(percent))
        return _tr("%1 % sure").replace("%1", str(percent))

    text = _SURE.sub(sure, reason)
    return _SCALE_CHECK.sub(_tr("check its scale (Scales tab)"), text)


def item_label(key: str) -> str:
    """The item ``key`` as HR reads it ("Problem solving"); an unknown key as it is."""
    return ITEM_LABELS.get(key, key)


def item_key(text: str) -> str:
    """The item key of a label chosen in the table (or ``text`` when it is none)."""
    return next((key for key, label in ITEM_LABELS.items() if label == text), text)


TARGET, ITEM, VALUE = 2, 3, 2
#: Row tints, (light palette, dark palette): on a dark palette the text is light, so the
#: tints are deep ones (the light tints under light text could not be read).
_TINTS = {
    IDENTITY: ("#e1e1e1", "#3f4349"),
    DROPPED: ("#eeeeee", "#303338"),
    UNMAPPED: ("#ffe0b2", "#5a3d17"),
    USED: ("#e3f2fd", "#1f3347"),
}
_CHECK = ("#fff9c4", "#4a4216")


def _brush(tint: tuple[str, str] | None) -> QBrush | None:
    """The brush of ``tint`` for the application's palette (``None`` for no tint)."""
    if tint is None:
        return None
    return QBrush(QColor(tint[1] if is_dark(QGuiApplication.palette()) else tint[0]))


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportModels", text)


class _EditableModel(QAbstractTableModel):
    """A model over a suggestion, re-read (after the cell editor has closed) on each edit.

    A subclass names its ``HEADERS`` and how its rows are read from the suggestion
    (``_read_rows``); the counts, headers and re-reading are shared.
    """

    mapping_edited = Signal()
    HEADERS: tuple[str, ...] = ()

    def __init__(self, suggestion, parent=None) -> None:
        super().__init__(parent)
        self.suggestion = suggestion
        self.rows = self._read_rows(suggestion)

    def _read_rows(self, suggestion) -> list:  # pragma: no cover - every model defines it
        raise NotImplementedError

    def refresh(self) -> None:
        self.beginResetModel()
        self.rows = self._read_rows(self.suggestion)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return _tr(self.HEADERS[section])
        return None

    def _edited(self) -> None:
        # Not inside setData: the editor that called it must close before the rows change.
        QTimer.singleShot(0, self._after_edit)

    def _after_edit(self) -> None:
        self.refresh()
        self.mapping_edited.emit()


class ColumnsModel(_EditableModel):
    """One row per column of the file: what it is imported as, or why it is not."""

    HEADERS = ("Column", "Question", "Target", "Item", "Scale", "Status")

    def __init__(self, suggestion, departments: list[str], parent=None) -> None:
        self.departments = departments
        super().__init__(suggestion, parent)

    def _read_rows(self, suggestion) -> list:
        return column_statuses(suggestion)

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        row = self.rows[index.row()]
        if role in (Qt.DisplayRole, Qt.EditRole):
            return self._text(row, index.column(), role == Qt.EditRole)
        if role == Qt.ToolTipRole and index.column() > 0:  # whole, where the cell cuts it
            return plain_tip(
                row.text if index.column() == 1 else self._text(row, index.column(), False)
            )
        if role == Qt.BackgroundRole:
            tint = _TINTS.get(row.status)
            # a column dropped for now that may hold answers is a line to check too
            if row.status in (MAPPED, DROPPED) and "CHECK" in row.reason:
                tint = _CHECK
            return _brush(tint)
        return None

    def _text(self, row, column: int, editing: bool) -> str:
        if column == 0:
            return row.letter
        if column == 1:
            return " ".join(row.text.split())
        if column == TARGET:
            return row.target
        if column == ITEM:
            if row.status == MAPPED:
                return item_label(row.item)
            return "" if editing or row.status == USED else NOT_IMPORTED
        if column == 4:
            return row.scale
        if row.status == MAPPED:
            return status_words(row.reason) or _tr("imported")
        return row.reason

    def flags(self, index: QModelIndex) -> Qt.ItemFlags:
        base = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        row = self.rows[index.row()]
        if index.column() in (TARGET, ITEM) and row.status in (MAPPED, DROPPED, UNMAPPED):
            return base | Qt.ItemIsEditable
        return base

    def choices(self, index: QModelIndex) -> list[str]:
        """What the editor of a cell offers."""
        if index.column() == TARGET:
            return list(self.departments)
        return [NOT_IMPORTED, *(item_label(key) for key in ITEMS)]

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.EditRole) -> bool:  # noqa: N802
        if role != Qt.EditRole or not index.isValid():
            return False
        row = self.rows[index.row()]
        text = str(value)
        if index.column() == ITEM:
            text = item_key(text)
        if index.column() == ITEM and text == NOT_IMPORTED:
            self.suggestion.drop(row.key)
        elif index.column() == ITEM and text in ITEMS:
            self.suggestion.assign(row.key, row.target or self._guess_target(row), text)
        elif index.column() == TARGET and text in self.departments:
            item = row.item if row.status == MAPPED else "overall"
            self.suggestion.assign(row.key, text, item)
        else:
            return False
        self._edited()
        return True

    def _guess_target(self, row) -> str:
        from surveys.importing.meaning import find_departments

        named = find_departments(row.text, self.departments)
        return named[0][0] if named else self.departments[0]


class ScalesModel(_EditableModel):
    """One row per answer of each scale; the value column is editable (1..n or skip)."""

    HEADERS = ("Scale", "Answer", "Value", "Check")

    def _read_rows(self, suggestion) -> list:
        return scale_rows(suggestion)

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        row = self.rows[index.row()]
        if role in (Qt.DisplayRole, Qt.EditRole):
            if index.column() == VALUE:
                return "skip" if row.value is None else str(row.value)
            return (row.scale, row.written or row.answer, None, row.note)[index.column()]
        if role == Qt.ToolTipRole and index.column() == 3:
            return plain_tip(row.note) or None  # what to check, whole (the column cuts it)
        if role == Qt.BackgroundRole and row.value == "?":
            return _brush(_TINTS[UNMAPPED])
        if role == Qt.BackgroundRole and row.note:
            return _brush(_CHECK)
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlags:
        base = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        return base | Qt.ItemIsEditable if index.column() == VALUE else base

    def choices(self, index: QModelIndex) -> list[str]:
        row = self.rows[index.row()]
        return [*(str(n) for n in range(1, row.points + 1)), "skip"]

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.EditRole) -> bool:  # noqa: N802
        if role != Qt.EditRole or index.column() != VALUE:
            return False
        row = self.rows[index.row()]
        self.suggestion.decisions.pop(f"scale:{row.scale}", None)  # the user has looked at it
        text = str(value)
        if text == "skip":
            stored = None
        elif text.isdigit() and 1 <= int(text) <= row.points:
            stored = int(text)
        else:
            return False
        self.suggestion.mapping.scales[row.scale][row.answer] = stored
        self._edited()
        return True


class DepartmentsModel(_EditableModel):
    """The answers of the department column and the department each one means (editable)."""

    HEADERS = ("Answer in the file", "Department")

    def __init__(self, suggestion, departments: list[str], parent=None) -> None:
        self.departments = departments
        super().__init__(suggestion, parent)

    def _read_rows(self, suggestion) -> list:
        return department_rows(suggestion)

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        answer, department = self.rows[index.row()]
        if role in (Qt.DisplayRole, Qt.EditRole):
            return (answer, department)[index.column()]
        if role == Qt.BackgroundRole and department not in self.departments:
            return _brush(_TINTS[UNMAPPED])
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlags:
        base = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        return base | Qt.ItemIsEditable if index.column() == 1 else base

    def choices(self, index: QModelIndex) -> list[str]:
        return list(self.departments)

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.EditRole) -> bool:  # noqa: N802
        if role != Qt.EditRole or index.column() != 1 or str(value) not in self.departments:
            return False
        self.suggestion.set_department_value(self.rows[index.row()][0], str(value))
        self._edited()
        return True


class PreviewModel(QAbstractTableModel):
    """The first responses as Rapport will read them: row, column, department, target..."""

    HEADERS = ("Row", "Column", "Department", "Target", "Item", "Value")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[tuple] = []

    def show(self, answers) -> None:
        """Show :class:`surveys.importing.preview.PreviewAnswer` rows."""
        self.beginResetModel()
        self.rows = [
            (a.line, a.column, a.department, a.target, item_label(a.item), a.value) for a in answers
        ]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return _tr(self.HEADERS[section])
        return None

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        if role == Qt.DisplayRole:
            value = self.rows[index.row()][index.column()]
            text = str(value)
            return text if len(text) <= 80 else text[:77] + "…"
        if role == Qt.ToolTipRole:  # whole, where the cell cuts it
            return plain_tip(str(self.rows[index.row()][index.column()])) or None
        if role == Qt.TextAlignmentRole and index.column() == 0:  # the row: a number
            return int(Qt.AlignRight | Qt.AlignVCenter)
        return None
