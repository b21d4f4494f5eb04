"""Walk a window's widgets and list every control a keyboard can reach that a screen reader
could not name: no accessible name, no text of its own, no label pointing at it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QTabBar,
    QWidget,
)


def _buddies(root: QWidget) -> set[int]:
    """The widgets some label names (``QLabel.setBuddy``), by id."""
    return {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy() is not None}


def _own_text(widget: QWidget) -> str:
    if isinstance(widget, QAbstractButton):
        return widget.text().replace("&", "").strip()
    if isinstance(widget, QGroupBox):
        return widget.title().replace("&", "").strip()
    if isinstance(widget, QLabel):  # a focusable label reads its own text
        return widget.text().strip()
    if isinstance(widget, QTabBar):  # each tab is named by its text
        return "".join(widget.tabText(i) for i in range(widget.count()))
    return ""


def _inside_compound(widget: QWidget) -> bool:
    """An editor inside a spin box or combo box: the outer control carries the name."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractSpinBox | QComboBox):
            return True
        parent = parent.parentWidget()
    return False


def focusable(widget: QWidget) -> bool:
    """Whether Tab can reach ``widget`` (hidden pages count: they are shown later)."""
    return bool(widget.focusPolicy() & Qt.TabFocus) and widget.isEnabledTo(widget.window())


def unnamed(root: QWidget) -> list[str]:
    """``Class 'objectName' in Parent`` for each focusable control without a name."""
    named_by_label = _buddies(root)
    missing = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not focusable(widget) or _inside_compound(widget):
            continue
        if widget.accessibleName().strip() or _own_text(widget) or id(widget) in named_by_label:
            continue
        parent = widget.parentWidget() or widget
        missing.append(
            f"{type(widget).__name__} {widget.objectName()!r} in "
            f"{type(parent).__name__} {parent.objectName()!r} {parent.accessibleName()!r}"
        )
    return missing


def undescribed(root: QWidget) -> list[str]:
    """``Class 'accessible name'`` for each focusable control a screen reader can name but
    not explain: no accessible description and no tool tip (Qt reads either as the
    description). A focusable label is exempt: its text is what it says."""
    from PySide6.QtGui import QAccessible

    missing = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not focusable(widget) or _inside_compound(widget) or isinstance(widget, QLabel):
            continue
        interface = QAccessible.queryAccessibleInterface(widget)
        if interface is None or not interface.text(QAccessible.Description).strip():
            missing.append(f"{type(widget).__name__} {widget.accessibleName()!r}")
    return missing
