"""A wave picker bound to the workspace context: every panel follows the same wave.

The box is as wide as the longest wave name, up to :data:`MAX_CHARS` characters; a longer
name is elided in the box and whole in its tooltip (and in the open list).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QWidget,
)

#: The widest the box grows, in average characters (a long wave name is elided beyond).
MAX_CHARS = 50


class ElidingComboBox(QComboBox):
    """A combo box that shows "2026-10 Q4 pulse – Custo…" where the whole name does not fit
    (a plain one cuts the text off at the arrow)."""

    def shown_text(self) -> str:
        """The current text as drawn: whole, or elided to the box's text area."""
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        field = self.style().subControlRect(
            QStyle.CC_ComboBox, option, QStyle.SC_ComboBoxEditField, self
        )
        text = option.currentText
        if self.currentIndex() < 0:  # nothing to choose yet: the placeholder, not a blank box
            text = self.placeholderText()
        return self.fontMetrics().elidedText(text, Qt.ElideRight, field.width() - 2)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        """The frame and arrow as the style draws them, the text elided to fit."""
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        painter.drawComplexControl(QStyle.CC_ComboBox, option)
        option.currentText = self.shown_text()
        if self.currentIndex() < 0:  # the placeholder in its quieter colour, as Qt draws it
            hint = option.palette.color(QPalette.PlaceholderText)
            option.palette.setColor(QPalette.ButtonText, hint)
        painter.drawControl(QStyle.CE_ComboBoxLabel, option)


class WavePicker(QWidget):
    """ "Wave: [2026-10 ▾]". Choosing a wave calls ``context.select_wave``."""

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.combo = ElidingComboBox(objectName="wavePicker")
        self.combo.setAccessibleName(self.tr("Wave"))
        self.combo.setMinimumContentsLength(8)
        # Only analysed waves are listed: "No waves yet" was wrong beside a published,
        # still unanswered one.
        self.combo.setPlaceholderText(self.tr("No results yet"))
        # Sized to its names each time they change, not once when first shown: the box was
        # shown empty, sized for 8 characters, and cut "2026-10 Q4 pulse…" to "2026-10 Q4".
        self.combo.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.combo.setMaximumWidth(self._max_width())
        self.combo.view().setTextElideMode(Qt.ElideNone)
        label = QLabel(self.tr("&Wave:"))
        label.setBuddy(self.combo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.combo)
        self.combo.activated.connect(self._on_combo_activated)
        context.analysis_finished.connect(self._on_context_analysis_finished)
        context.workspace_opened.connect(self._on_context_workspace_opened)

    def _max_width(self) -> int:
        metrics = self.combo.fontMetrics()
        return metrics.averageCharWidth() * MAX_CHARS + metrics.height() * 2  # and the arrow

    def _on_context_analysis_finished(self, result) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItems(list(reversed(result.waves)))  # newest first
        self.combo.setCurrentText(result.wave)
        self.combo.setToolTip(result.wave)  # whole, where the box elides it
        self.combo.blockSignals(False)

    def _on_context_workspace_opened(self, path) -> None:
        self.combo.clear()

    def _on_combo_activated(self, row: int) -> None:
        wave = self.combo.itemText(row)
        result = self.context.result
        if result is not None and wave == result.wave:
            return
        latest = result is not None and result.waves and wave == result.waves[-1]
        self.context.select_wave(None if latest else wave)
