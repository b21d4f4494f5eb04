"""Cards of the pair page: one per comment, and one row per suggested action.

A comment card shows what the analysis made of one comment (its label, score, conflict
language and themes) above its redacted text. The text comes from
:func:`analysis.comments_query.pair_comments`, which reads only comments the privacy gate
allows and only their stored redaction. :class:`CardBatches` builds a page's cards a few at
a time, the first screenful first, so a pair with fifty comments never freezes the window.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from analysis.results import CONFLICT_AT
from desktop_app.widgets.colours import band_colours
from surveys.bands import format_signed

#: The widest a suggested action's row grows, in average characters (its text and its
#: button): on a 2560-pixel screen "Record as action" stood 700 pixels from its text.
MAX_SUGGESTION_CHARS = 130

#: The band colour each sentiment label borrows, so a label reads like the heatmap does.
LABEL_BANDS = {"negative": "weak", "neutral": "moderate", "positive": "strong"}

#: Cards built with the page, before it first paints: more than a 900-pixel window shows.
FIRST_CARDS = 6
#: Cards built per turn of the event loop after the first ones (each takes 10-20 ms on a
#: busy machine: fifty at once froze the window 0.5-0.9 s).
CARDS_PER_TURN = 3


def chip(text: str, band: str | None, parent: QWidget) -> QLabel:
    """A small rounded label in a band's colours (the text says it too, never colour alone)."""
    background, foreground = band_colours(band, parent.palette())
    label = QLabel(text)
    label.setStyleSheet(
        f"background: {background.name()}; color: {foreground.name()}; "
        "border-radius: 4px; padding: 1px 6px; font-weight: 600;"
    )
    return label


class CommentCard(QFrame):
    """One redacted comment with its label, score, conflict language and themes."""

    def __init__(
        self,
        row,
        theme_label: Callable[[str], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.row = row
        self.setObjectName("commentCard")
        self.setFrameShape(QFrame.StyledPanel)
        word = self.label_word(row.label)
        if row.corrected:
            word = self.tr("%1 (corrected)").replace("%1", word)
        self.label_chip = chip(word, LABEL_BANDS.get(row.label or ""), self)
        self.label_chip.setObjectName("commentLabel")
        facts = []
        if row.sentiment is not None:
            facts.append(self.tr("sentiment %1").replace("%1", format_signed(row.sentiment, 2)))
        if row.conflict is not None and row.conflict >= CONFLICT_AT:
            facts.append(self.tr("conflict language"))
        self.facts = QLabel(" · ".join(facts), objectName="commentFacts")
        themes = ", ".join(theme_label(t) for t in row.themes)
        self.themes = QLabel(themes or self.tr("no theme"), objectName="commentThemes")
        self.themes.setWordWrap(True)
        self.themes.setStyleSheet("font-style: italic;")
        self.text = QLabel(row.text, objectName="commentText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.PlainText)
        self.text.setTextInteractionFlags(Qt.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(self.label_chip)
        top.addWidget(self.facts)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.text)
        layout.addWidget(self.themes)
        self.setAccessibleName(
            self.tr("Comment, %1").replace("%1", ", ".join([word, *facts, themes]).strip(", "))
        )
        self.setAccessibleDescription(row.text)

    def label_word(self, label: str | None) -> str:
        """The translated word for a sentiment label."""
        words = {
            "negative": self.tr("negative"),
            "neutral": self.tr("neutral"),
            "positive": self.tr("positive"),
        }
        return words.get(label or "", self.tr("not analysed"))


class CardBatches(QObject):
    """Builds comment cards into a layout: :data:`FIRST_CARDS` at once, the rest
    :data:`CARDS_PER_TURN` at a time, letting the window paint and answer in between."""

    #: every card of the last :meth:`build` is in the layout
    finished = Signal()

    def __init__(self, layout: QBoxLayout, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._layout = layout
        self.cards: list[CommentCard] = []
        self._rows: list = []
        self._theme_label: Callable[[str], str] = str
        self._timer = QTimer(self, singleShot=True, interval=0, timeout=self._next)

    def build(self, rows: list, theme_label: Callable[[str], str]) -> None:
        """Replace the cards with one per row, in order (the rest follow on later turns)."""
        self._timer.stop()
        for card in self.cards:
            card.setParent(None)
            card.deleteLater()
        self.cards, self._rows, self._theme_label = [], list(rows), theme_label
        self._add(FIRST_CARDS)

    def complete(self) -> bool:
        """Whether every card of the last :meth:`build` is built."""
        return not self._rows

    def _next(self) -> None:
        self._add(CARDS_PER_TURN)

    def _add(self, count: int) -> None:
        batch, self._rows = self._rows[:count], self._rows[count:]
        for row in batch:
            card = CommentCard(row, self._theme_label)
            self.cards.append(card)
            self._layout.addWidget(card)
        if self._rows:
            self._timer.start()
        else:
            self.finished.emit()


class SuggestionRow(QWidget):
    """A suggested action with a button that records it for the pair in one click."""

    record_clicked = Signal(str)

    def __init__(self, text: str, recorded: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = text
        self.label = QLabel("• " + text, objectName="suggestionText")
        self.label.setWordWrap(True)
        self.button = QPushButton(objectName="recordSuggestion")
        self.button.clicked.connect(lambda: self.record_clicked.emit(self.text))
        self.set_recorded(recorded)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button, 0, Qt.AlignTop)
        self.setMaximumWidth(MAX_SUGGESTION_CHARS * self.fontMetrics().averageCharWidth())

    def set_recorded(self, recorded: bool) -> None:
        """Show whether the pair already has an action with this title."""
        self.button.setEnabled(not recorded)
        self.button.setText(self.tr("Recorded ✓") if recorded else self.tr("Record as action"))
        self.button.setToolTip(
            self.tr("This pair already has an action with this title (see Actions).")
            if recorded
            else self.tr("Add this as a planned joint action of the pair; you can edit or undo it.")
        )
        self.button.setAccessibleName(self.tr("Record “%1” as an action").replace("%1", self.text))
