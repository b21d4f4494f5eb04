"""Esc clears a search field, as in every list a desktop user searches.

With the field empty, Esc goes on to the window (Analysis › Cancel running job, a dialog's
Cancel); with text in it, Esc clears the text first, even while a job runs (the field asks
for the key before the window's shortcut takes it).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLineEdit


class _ClearOnEscape(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if kind not in (QEvent.ShortcutOverride, QEvent.KeyPress):
            return False
        if event.key() != Qt.Key_Escape or event.modifiers() or not watched.text():
            return False
        if kind == QEvent.ShortcutOverride:
            event.accept()  # the field takes Esc before the window's shortcut does
            return False
        watched.clear()
        return True


def clear_on_escape(field: QLineEdit) -> None:
    """Make Esc clear ``field`` while it holds text (then Esc goes on as before)."""
    guard = _ClearOnEscape(field)
    guard.setObjectName("clearOnEscape")
    field.installEventFilter(guard)
