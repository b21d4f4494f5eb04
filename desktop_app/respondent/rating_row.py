"""One question as a row of labelled radio buttons (never a slider), plus "Don't know".

The buttons of a row are exclusive, so Tab enters the row (on the chosen option), Tab
leaves it. The Left and Right arrow keys move along the row *and choose*, also when
nothing was chosen yet (Qt's own radio buttons only move the focus then). The last option,
"Don't know / N/A", is stored as no answer; it sits at the right end of the question's
line rather than after the scale, because it is not a point on the scale (and the five
agreement labels already fill the window's width).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLayout,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.widgets.flow_layout import FlowLayout
from desktop_app.widgets.plain_text import no_mnemonic
from surveys.model import ITEMS, Question

#: The button id of "Don't know / not applicable" (the scale's options are 1..n).
NOT_APPLICABLE = 0


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
        self.label.setTextFormat(Qt.PlainText)  # the survey's words come from the share
        self.label.setWordWrap(True)
        self.label.setObjectName("questionText")
        heading = QHBoxLayout()
        heading.setSpacing(16)
        heading.addWidget(self.label, 1)
        layout.addLayout(heading)
        if question.help:
            hint = QLabel(question.help)
            hint.setTextFormat(Qt.PlainText)
            hint.setWordWrap(True)
            hint.setObjectName("questionHelp")
            layout.addWidget(hint)
        options = QWidget()
        options.setAccessibleName(question.text)
        layout.addWidget(options)  # parented before "Don't know": Tab reaches the scale first
        # Wraps on a narrow window (1024×700 at 150 %) rather than scrolling sideways.
        row = FlowLayout(options, spacing=16, line_spacing=2)
        row.setContentsMargins(12, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.buttons: list[QRadioButton] = []
        stem = question.text.rstrip(" .?!…:")
        for value, label in enumerate(item.scale, start=1):
            button = QRadioButton(no_mnemonic(label[:1].upper() + label[1:]))
            # A screen reader says the statement and where on the scale: "…: 4 of 5, agree".
            button.setAccessibleName(
                self.tr("{0}: {1} of {2}, {3}").format(stem, value, len(item.scale), label)
            )
            button.setAccessibleDescription(self.tr("About {0}").format(target))
            self._add_button(button, value, row)
        self.not_applicable = QRadioButton(self.tr("Don't know / N/A"))
        self.not_applicable.setObjectName("notApplicable")
        self.not_applicable.setAccessibleName(
            self.tr("{0}: don't know or not applicable").format(stem)
        )
        self.not_applicable.setAccessibleDescription(self.tr("About {0}").format(target))
        self.not_applicable.setToolTip(
            self.tr("You don't know, or it does not apply: counted as no answer.")
        )
        self._add_button(self.not_applicable, NOT_APPLICABLE, heading)
        heading.setAlignment(self.not_applicable, Qt.AlignTop)
        self.label.setBuddy(self.buttons[0])
        self.group.idToggled.connect(self._on_group_id_toggled)

    def _add_button(self, button: QRadioButton, button_id: int, row: QLayout) -> None:
        """Add ``button`` to the group (and its keys) and to the layout ``row``."""
        self.group.addButton(button, button_id)
        if button_id != NOT_APPLICABLE:
            self.buttons.append(button)
        button.installEventFilter(self)
        row.addWidget(button)

    def _ordered(self) -> list[QRadioButton]:
        return [*self.buttons, self.not_applicable]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Left and Right choose the neighbouring option (and move the focus to it)."""
        if event.type() == QEvent.KeyPress and event.key() in (Qt.Key_Left, Qt.Key_Right):
            ordered = self._ordered()
            if watched in ordered and event.modifiers() == Qt.NoModifier:
                step = -1 if event.key() == Qt.Key_Left else 1
                position = ordered.index(watched) + step
                if 0 <= position < len(ordered):
                    ordered[position].setChecked(True)
                    ordered[position].setFocus(Qt.TabFocusReason)
                return True
        return super().eventFilter(watched, event)

    def value(self) -> int | None:
        """The chosen option (1 = lowest), or ``None`` when not answered or "Don't know"."""
        chosen = self.group.checkedId()
        return None if chosen <= NOT_APPLICABLE else chosen

    def choice(self) -> int | None:
        """Like :meth:`value`, but :data:`NOT_APPLICABLE` (0) for "Don't know"."""
        chosen = self.group.checkedId()
        return None if chosen < 0 else chosen

    def set_value(self, value: int | None) -> None:
        """Choose option ``value`` (:data:`NOT_APPLICABLE` for "Don't know", ``None`` clears)."""
        if value is None:
            self.group.setExclusive(False)
            for button in self._ordered():
                button.setChecked(False)
            self.group.setExclusive(True)
        elif value == NOT_APPLICABLE:
            self.not_applicable.setChecked(True)
        else:
            self.buttons[value - 1].setChecked(True)

    def label_of(self, value: int | None) -> str:
        """The shown label of ``value`` (a :meth:`choice`)."""
        if value is None:
            return self.tr("not answered")
        if value == NOT_APPLICABLE:
            return self.tr("Don't know / not applicable")
        return self.buttons[value - 1].text()

    def focus_first(self) -> None:
        """Give the keyboard focus to the chosen option, else the first one."""
        chosen = self.group.checkedButton() or self.buttons[0]
        chosen.setFocus(Qt.TabFocusReason)

    def _on_group_id_toggled(self, button_id: int, checked: bool) -> None:
        if checked:
            self.changed.emit(button_id)
