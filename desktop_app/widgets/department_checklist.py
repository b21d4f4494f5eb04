"""The departments a wave asks about: a checklist, all checked at first.

Used by the New wave dialog and the pulse programme dialog.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget


class DepartmentChecklist(QListWidget):
    """A list of department names with a check box each, ``rows`` lines high at most."""

    def __init__(
        self, names: Iterable[str], object_name: str, rows: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, objectName=object_name)
        self.setAccessibleName(self.tr("Departments to ask about"))
        for name in names:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked)
            self.addItem(item)
        self._rows = rows

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        """``rows`` lines high: the dialog opens that tall, and a dialog made taller gives
        the list its room (a long list of departments scrolled under a blank gap)."""
        hint = super().sizeHint()
        return QSize(hint.width(), self.fontMetrics().height() * self._rows)

    def targets(self) -> list[str] | None:
        """The checked departments, or ``None`` when all are checked (the wave asks all)."""
        items = [self.item(i) for i in range(self.count())]
        chosen = [item.text() for item in items if item.checkState() == Qt.Checked]
        return None if len(chosen) == len(items) else chosen

    def check_only(self, names: Iterable[str]) -> None:
        """Check exactly ``names``."""
        wanted = set(names)
        for i in range(self.count()):
            item = self.item(i)
            item.setCheckState(Qt.Checked if item.text() in wanted else Qt.Unchecked)
