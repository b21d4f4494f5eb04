"""A list of problems, each wrapped onto as many lines as it needs.

A problem says what, where and what to do, in that order: on one line, what to do was past
the list's right edge, behind a horizontal scroll bar.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListView, QListWidget


def problem_list(name: str, accessible_name: str) -> QListWidget:
    """A ``QListWidget`` whose items wrap at its width (never scrolled sideways)."""
    problems = QListWidget(objectName=name)
    problems.setAccessibleName(accessible_name)
    problems.setWordWrap(True)
    problems.setTextElideMode(Qt.ElideNone)
    problems.setResizeMode(QListView.Adjust)  # wrap again when the list is resized
    problems.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
    problems.setHorizontalScrollMode(QListView.ScrollPerPixel)
    problems.setVerticalScrollMode(QListView.ScrollPerPixel)
    return problems
