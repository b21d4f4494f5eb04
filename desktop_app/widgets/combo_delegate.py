"""A table cell edited with a drop-down list of the choices its model offers.

The model must provide ``choices(index) -> list[str]``; picking an entry writes it at once
(no extra Enter), as people expect from a drop-down in a table.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QWidget


class ComboDelegate(QStyledItemDelegate):
    """Edit a cell by choosing one of ``model.choices(index)``."""

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:  # noqa: N802
        combo = QComboBox(parent)
        combo.setObjectName("cellChoice")
        combo.addItems(index.model().choices(index))
        combo.setAccessibleName(str(index.model().headerData(index.column(), Qt.Horizontal)))
        combo.activated.connect(lambda _row, c=combo: self._on_combo_activated(c))
        return combo

    def setEditorData(self, editor: QComboBox, index: QModelIndex) -> None:  # noqa: N802
        current = str(index.data(Qt.EditRole) or "")
        position = editor.findText(current)
        editor.setCurrentIndex(max(position, 0))

    def setModelData(self, editor: QComboBox, model, index: QModelIndex) -> None:  # noqa: N802
        model.setData(index, editor.currentText(), Qt.EditRole)

    def _on_combo_activated(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo)
