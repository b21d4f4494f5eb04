"""Tell a screen reader about a change the keyboard focus does not reach.

A new page, an inline error under a field, a warning under the box being typed in, a
folder's state that changed while the person waited: the focus stays where it was, so a
screen reader would not say them. :func:`announce` sends Qt's announcement event (a polite
live-region message on the platforms that support one; nothing happens without a screen
reader).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


def announce(widget: QWidget, text: str) -> None:
    """Have a screen reader say ``text``, on behalf of ``widget``."""
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, text))


def show_message(label: QLabel, text: str) -> None:
    """Show ``text`` in ``label`` (an inline error or note) and say it."""
    label.setText(text)
    label.show()
    announce(label, text)
