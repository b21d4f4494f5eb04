"""One question as a row of labelled radio buttons (never a slider).

The buttons of a row are auto-exclusive siblings, so Qt gives the keyboard behaviour people
expect: Tab enters the row (on the chosen option), the arrow keys move and choose within
the row, Tab leaves it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QRadioButton, QVBoxLayout, QWidget

from surveys.model import ITEMS, Question


class RatingRow(QWidget):
    """A question and its answer options; ``value()`` is 1-based or ``None``."""

    changed = Signal(object)

    def __init__(self, question: Question, target: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        item = ITEMS[question.item]
        self.setAccessibleName(question.text)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.setSpacing(4)
        self.label = QLabel(question.text)
        self.label.setWordWrap(True)
        self.label.setObjectName("questionText")
        layout.addWidget(self.label)
        if question.help:
            hint = QLabel(question.help)
            hint.setWordWrap(True)
            hint.setObjectName("questionHelp")
            layout.addWidget(hint)
        options = QWidget()
        options.setAccessibleName(question.text)
        row = QHBoxLayout(options)
        row.setContentsMargins(12, 0, 0, 0)
        row.setSpacing(18)
        self.group = QButtonGroup(self)
        self.buttons: list[QRadioButton] = []
        for value, label in enumerate(item.scale, start=1):
            button = QRadioButton(label[:1].upper() + label[1:])
            button.setAccessibleName(f"{question.text} {label}")
            button.setAccessibleDescription(
                self.tr("{0} of {1}, about {2}").format(value, len(item.scale), target)
            )
            self.group.addButton(button, value)
            self.buttons.append(button)
            row.addWidget(button)
        row.addStretch(1)
        layout.addWidget(options)
        self.label.setBuddy(self.buttons[0])
        self.group.idToggled.connect(self._on_group_id_toggled)

    def value(self) -> int | None:
        """The chosen option (1 = lowest), or ``None`` when not answered."""
        chosen = self.group.checkedId()
        return None if chosen < 0 else chosen

    def set_value(self, value: int | None) -> None:
        """Choose option ``value`` (``None`` clears the row)."""
        if value is None:
            self.group.setExclusive(False)
            for button in self.buttons:
                button.setChecked(False)
            self.group.setExclusive(True)
        else:
            self.buttons[value - 1].setChecked(True)

    def label_of(self, value: int | None) -> str:
        """The shown label of ``value``."""
        return self.tr("not answered") if value is None else self.buttons[value - 1].text()

    def focus_first(self) -> None:
        """Give the keyboard focus to the chosen option, else the first one."""
        chosen = self.group.checkedButton() or self.buttons[0]
        chosen.setFocus(Qt.TabFocusReason)

    def _on_group_id_toggled(self, button_id: int, checked: bool) -> None:
        if checked:
            self.changed.emit(button_id)
