"""A note under a departments table: which departments are smaller than the anonymity
threshold for scores, and what that means.

A department of 4 people with the threshold at 5 can never have its own ratings of another
department shown, whoever answers; nothing said so, and a new analyst who set up such a
department waited for figures that could never come. How the others rate it can still be
shown: those come from the other departments' people.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.widgets.warning_text import mark_warning


class SmallGroupsNote(QLabel):
    """Says which departments have fewer people than ``min_group``; hidden when none."""

    def __init__(self, parent: QWidget | None = None, object_name: str = "smallGroups") -> None:
        super().__init__(parent, objectName=object_name, wordWrap=True)
        mark_warning(self, True)
        self.hide()

    def show_for(self, headcounts: list[tuple[str, int | None]], min_group: int) -> None:
        """Show the note for ``(department, headcount)`` pairs (``None``: not known)."""
        small = [(name, n) for name, n in headcounts if n is not None and n < min_group]
        self.setText(self.text_for(small, min_group) if small else "")
        self.setVisible(bool(small))

    def text_for(self, small: list[tuple[str, int]], min_group: int) -> str:
        if len(small) == 1:
            name, count = small[0]
            return (
                self.tr(
                    "%1 has a headcount of %2, fewer than the smallest group for scores (%3): "
                    "how %1 rates other departments can never be shown. How the others rate %1 "
                    "still can."
                )
                .replace("%2", str(count))
                .replace("%3", str(min_group))
                .replace("%1", name)
            )
        named = [f"{name} ({count})" for name, count in small]
        listed = self.tr("%1 and %2").replace("%1", ", ".join(named[:-1])).replace("%2", named[-1])
        return (
            self.tr(
                "%1 have fewer people than the smallest group for scores (%2): how they rate "
                "other departments can never be shown. How the others rate them still can."
            )
            .replace("%2", str(min_group))
            .replace("%1", listed)
        )
