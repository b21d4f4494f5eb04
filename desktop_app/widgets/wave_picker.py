"""A wave picker bound to the workspace context: every panel follows the same wave."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget


class WavePicker(QWidget):
    """ "Wave: [2026-10 ▾]". Choosing a wave calls ``context.select_wave``."""

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.combo = QComboBox(objectName="wavePicker")
        self.combo.setAccessibleName(self.tr("Wave"))
        self.combo.setMinimumContentsLength(8)
        label = QLabel(self.tr("&Wave:"))
        label.setBuddy(self.combo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.combo)
        self.combo.activated.connect(self._on_combo_activated)
        context.analysis_finished.connect(self._on_context_analysis_finished)
        context.workspace_opened.connect(self._on_context_workspace_opened)

    def _on_context_analysis_finished(self, result) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItems(list(reversed(result.waves)))  # newest first
        self.combo.setCurrentText(result.wave)
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
