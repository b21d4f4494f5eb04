"""The comment box's length line: how much of the most a comment can hold is used.

A comment longer than :data:`surveys.validation.MAX_COMMENT` would be refused at HR's
ingest with the whole answer, after the person was told it was delivered; the line under
the box counts the characters from 90 % of the limit on, says by how much a comment is too
long, and the wizard does not go on until it is shortened.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from surveys.validation import MAX_COMMENT

#: The count is shown from this many characters on.
SHOW_FROM = MAX_COMMENT * 9 // 10


class CommentCount(QLabel):
    """The line under a comment box: hidden, a count, or how much is too much."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.setTextFormat(Qt.PlainText)
        self.setObjectName("commentCount")
        self.setProperty("over", False)
        self.hide()

    def update_for(self, text: str) -> bool:
        """Show the line for a comment of ``text``; True when it has just gone over."""
        size = len(text)
        was_over = bool(self.property("over"))
        over = size > MAX_COMMENT
        if over:
            self.setText(
                self.tr(
                    "{0:,} characters: {1:,} more than a comment can hold ({2:,}). Shorten "
                    "it to go on."
                ).format(size, size - MAX_COMMENT, MAX_COMMENT)
            )
        elif size >= SHOW_FROM:
            self.setText(self.tr("{0:,} of {1:,} characters").format(size, MAX_COMMENT))
        self.setVisible(size >= SHOW_FROM)
        if over != was_over:
            self.setProperty("over", over)
            self.style().unpolish(self)  # the style sheet picks the colour by "over"
            self.style().polish(self)
        return over and not was_over

    def is_over(self) -> bool:
        return bool(self.property("over"))
