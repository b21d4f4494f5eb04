"""The Comments section's filters: a search field, a "Filters" button and "Clear filters" in
the section's heading row, and six boxes (wave, from, about, sentiment, theme, conflict) in
a grid under it that folds away.

On a short window (a laptop at 150 %) the grid starts folded, so the table keeps most of
the height; the button then counts the filters in force ("Filters (2)"), so a folded filter
is never forgotten. Once a person opens or folds the grid, their choice stays.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from analysis.comments_query import CommentFilter
from analysis.sentiment.labels import LABELS
from desktop_app.widgets.flow_layout import wrapping_row
from desktop_app.widgets.search_field import clear_on_escape

#: Milliseconds of quiet typing before a search runs.
SEARCH_DELAY_MS = 250
#: Below this height of the section, in lines of text, the boxes start folded away.
UNFOLDED_LINES = 32


class CommentFilters(QWidget):
    """The filter boxes (this widget: the grid that folds) and the heading row's controls."""

    #: A box changed, the search was typed (after a short pause) or Return pressed.
    changed = Signal()

    def __init__(self, label_text: Callable[[str], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("commentsFilters")
        self._chosen = False  # whether a person opened or folded the grid
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.changed)
        self._build_heading_controls()  # first: a box's change updates the toggle
        self.wave_box = self._combo("commentsWave", self.tr("Wave"))
        self.from_box = self._combo("commentsFrom", self.tr("From department"))
        self.to_box = self._combo("commentsTo", self.tr("About department"))
        self.sentiment_box = self._combo("commentsSentiment", self.tr("Sentiment"))
        self.theme_box = self._combo("commentsTheme", self.tr("Theme"))
        self.conflict_box = self._combo("commentsConflict", self.tr("Conflict language"))
        self._fill_fixed_choices(label_text)
        self._build_grid()
        self._update_toggle()

    # -- building ----------------------------------------------------------------------
    def _combo(self, name: str, accessible: str) -> QComboBox:
        combo = QComboBox(objectName=name)
        combo.setAccessibleName(accessible)
        # As wide as a short name, not the longest topic or department: a long one pushed
        # the next filter's label under the box at 150 %. The list shows names whole.
        combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        combo.view().setTextElideMode(Qt.ElideNone)
        combo.currentIndexChanged.connect(self._on_box_changed)
        return combo

    def _build_grid(self) -> None:
        """The six label-and-box pairs in one wrapping row, shared evenly by the lines they
        need (three a line on a desktop, two on a laptop at 200 %), lined up in columns, so
        the filters never hold the window wider than the screen. (Two rows of three each
        wrapped on their own at 200 %: four lines, and the section had no room for them,
        so About and Conflict were drawn under the next line.)"""
        lines = QVBoxLayout(self)
        lines.setContentsMargins(0, 0, 0, 0)
        pairs = [
            (self.tr("&Wave:"), self.wave_box),
            (self.tr("Fro&m:"), self.from_box),
            (self.tr("A&bout:"), self.to_box),
            (self.tr("Se&ntiment:"), self.sentiment_box),
            (self.tr("&Theme:"), self.theme_box),
            (self.tr("C&onflict:"), self.conflict_box),
        ]
        width = max(self.fontMetrics().horizontalAdvance(t.replace("&", "")) for t, _ in pairs)
        shown = [_pair(text, box, width + 4) for text, box in pairs]  # boxes line up
        lines.addWidget(wrapping_row(shown, spacing=12, balanced=True))

    def _build_heading_controls(self) -> None:
        self.search = QLineEdit(objectName="commentsSearch", clearButtonEnabled=True)
        self.search.setPlaceholderText(self.tr("Search the redacted text…"))
        self.search.setAccessibleName(self.tr("Search comments"))
        char = self.search.fontMetrics().averageCharWidth()
        self.search.setMinimumWidth(char * 18)
        self.search.setMaximumWidth(char * 44)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self._on_search_return_pressed)
        clear_on_escape(self.search)
        self.search_label = QLabel(self.tr("&Search:"))
        self.search_label.setBuddy(self.search)
        self.toggle = QToolButton(objectName="commentsFilterToggle", checkable=True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self.toggle.setAccessibleName(self.tr("Show the filters"))
        self.toggle.setChecked(True)
        self.toggle.toggled.connect(self._on_toggle_toggled)
        self.toggle.clicked.connect(self._on_toggle_clicked)
        self.clear_button = QPushButton(self.tr("C&lear filters"), objectName="commentsClear")
        self.clear_button.clicked.connect(self.clear)

    def heading_controls(self) -> list[QWidget]:
        """What goes in the heading row, left to right."""
        return [self.search_label, self.search, self.toggle, self.clear_button]

    def _fill_fixed_choices(self, label_text: Callable[[str], str]) -> None:
        self.sentiment_box.addItem(self.tr("Any"), None)
        for label in LABELS:
            self.sentiment_box.addItem(label_text(label), label)
        self.conflict_box.addItem(self.tr("Any"), None)
        self.conflict_box.addItem(self.tr("With conflict language"), True)
        self.conflict_box.addItem(self.tr("Without conflict language"), False)

    def _boxes(self) -> tuple[QComboBox, ...]:
        return (
            self.wave_box,
            self.from_box,
            self.to_box,
            self.sentiment_box,
            self.theme_box,
            self.conflict_box,
        )

    # -- reading and setting -----------------------------------------------------------
    def current_filter(self) -> CommentFilter:
        """The filter the boxes and the search field describe."""
        return CommentFilter(
            wave=self.wave_box.currentData(),
            from_dept=self.from_box.currentData(),
            to_dept=self.to_box.currentData(),
            sentiment=self.sentiment_box.currentData(),
            theme=self.theme_box.currentData(),
            conflict=self.conflict_box.currentData(),
            search=self.search.text(),
        )

    def active_boxes(self) -> int:
        """How many boxes filter (not at their first choice, "All" or "Any")."""
        return sum(1 for box in self._boxes() if box.currentIndex() > 0)

    def clear(self) -> None:
        """Every box back to its first choice and the search emptied; one ``changed``."""
        for box in self._boxes():
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._update_toggle()
        self._timer.stop()
        self.changed.emit()

    def choose_pair(self, wave: str, from_dept: str, to_dept: str, theme: str | None) -> bool:
        """Every filter cleared but the wave, From, About and theme (``None``: any; no
        ``changed``); False when one is not offered yet (the choices are still being read)."""
        wanted = ((self.wave_box, wave), (self.from_box, from_dept), (self.to_box, to_dept))
        wanted += ((self.theme_box, theme),) if theme else ()
        if any(box.findData(value) < 0 for box, value in wanted):
            return False
        for box in self._boxes():
            box.blockSignals(True)
            box.setCurrentIndex(0)
        for box, value in wanted:
            box.setCurrentIndex(box.findData(value))
        for box in self._boxes():
            box.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._timer.stop()
        self._update_toggle()
        return True

    def stop_typing_delay(self) -> None:
        """The search runs now: a pending delayed run is not needed."""
        self._timer.stop()

    @staticmethod
    def refill(box: QComboBox, items: list[tuple[str, object]]) -> None:
        """Replace ``box``'s choices, keeping the chosen one where it is still offered."""
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        for text, data in items:
            box.addItem(text, data)
        found = box.findData(current)
        box.setCurrentIndex(found if found >= 0 else 0)
        box.blockSignals(False)

    # -- folding -----------------------------------------------------------------------
    def fit_height(self, height: int) -> None:
        """Fold the boxes away in a section shorter than :data:`UNFOLDED_LINES` lines,
        unless a person chose to show or fold them."""
        if not self._chosen:
            self.toggle.setChecked(height >= UNFOLDED_LINES * self.fontMetrics().lineSpacing())

    def _update_toggle(self) -> None:
        shown = self.toggle.isChecked()
        active = self.active_boxes()
        text = self.tr("F&ilters")
        if active and not shown:
            text = self.tr("F&ilters (%n)", "", active)
        self.toggle.setText(text)
        self.toggle.setArrowType(Qt.DownArrow if shown else Qt.RightArrow)
        self.toggle.setToolTip(
            self.tr("Hide the filters") if shown else self.tr("Show the filters")
        )

    def _on_toggle_toggled(self, shown: bool) -> None:
        self.setVisible(shown)
        self._update_toggle()

    def _on_toggle_clicked(self) -> None:
        self._chosen = True

    def _on_box_changed(self, _index: int) -> None:
        self._update_toggle()
        self.changed.emit()

    def _on_search_return_pressed(self) -> None:
        self._timer.stop()
        self.changed.emit()


def _pair(text: str, box: QComboBox, label_width: int) -> QWidget:
    """A filter's label (right-aligned, ``label_width`` wide) and its box."""
    label = QLabel(text)
    label.setBuddy(box)
    label.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
    label.setMinimumWidth(label_width)
    pair = QWidget()
    row = QHBoxLayout(pair)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(label)
    row.addWidget(box)
    return pair
