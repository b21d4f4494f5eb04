"""A line that says what a section last did, and takes no room while it says nothing.

Used by the Pulses section (:mod:`desktop_app.panels.pulses_panel`) under its buttons.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


class StatusLine(QLabel):
    """What the section last did; hidden while it says nothing (empty, it left a gap of a
    line between the buttons and the waves)."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003 (QLabel's)
        super().__init__(*args, **kwargs)
        self.hide()

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        """Show ``text``, or hide the line for an empty one."""
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        """Say nothing: the line is hidden."""
        super().clear()
        self.hide()
