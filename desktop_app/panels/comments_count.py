"""The Comments section's count line: how many comments are shown, that they are
redacted, and why none or not all are.

One line under the filters (it was two: a fixed note that comments are redacted, then the
count), so a laptop at 200 % keeps rows of the table in view. A filter that would single
out a small group, a read waiting for the folder and "Reading the comments…" take its
place (:meth:`CommentsCount.say`).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.widgets.figures import grouped_count
from desktop_app.widgets.warning_text import mark_warning


class CommentsCount(QLabel):
    """The count line of :class:`~desktop_app.panels.comments_panel.CommentsPanel`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="commentsMessage", wordWrap=True)

    def say(self, text: str, warning: bool = False) -> None:
        """Show ``text`` instead of the count (``warning`` styles it as one)."""
        self.setText(text)
        mark_warning(self, warning)

    def show_count(self, selection, filtered: bool) -> None:
        """Say how many comments ``selection`` shows (``filtered``: a filter is set)."""
        self.say(self.count_text(selection, filtered))

    def count_text(self, selection, filtered: bool) -> str:
        """How many comments are shown, and why none or not all are, in words."""
        hidden = (
            self.tr(
                "Comments of pairs where fewer than %n people commented are hidden (the "
                "comment threshold in Settings), so no one can be recognised.",
                "",
                selection.k,
            )
            if selection.small_groups
            else ""
        )
        if selection.total:
            shown = grouped_count(
                self.tr("%n comments shown.", "", selection.total), selection.total
            )
            redacted = self.tr("Names, e-mails, phone numbers and links are removed.")
            return f"{shown} {redacted} {hidden}".strip()
        if filtered:
            none = self.tr("No comments match. Clear a filter or search for other words.")
            return f"{none} {hidden}".strip()
        if selection.small_groups:
            return self.tr("No comment can be shown yet.") + " " + hidden
        return self.tr("No comments yet: they appear here once answers with comments are analysed.")
