"""Tab leaves a table.

A ``QTableView`` keeps Tab for its cells and wraps from the last cell to the first, so a
keyboard user who tabbed into the comments list, the departments in Settings or the import
wizard's mapping could not tab out of it again (only Ctrl+Tab did).

- :func:`let_tab_leave`: Tab moves on at once; the arrow keys move between the cells (lists
  to read and pick from).
- :func:`leave_after_last_cell`: Tab goes from cell to cell, as when typing a form into a
  table, and moves on after the last cell (Shift+Tab before the first).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QWidget


def let_tab_leave(root: QWidget) -> None:
    """Make Tab leave every item view under ``root`` (and ``root`` itself, if one)."""
    views = root.findChildren(QAbstractItemView)
    if isinstance(root, QAbstractItemView):
        views.append(root)
    for view in views:
        view.setTabKeyNavigation(False)


def leave_after_last_cell(view: QAbstractItemView) -> None:
    """Tab through ``view``'s cells, then on to the next control (Shift+Tab: back out)."""
    view.installEventFilter(_LeaveAtTheEnds(view))


class _LeaveAtTheEnds(QObject):
    def eventFilter(self, view, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.KeyPress or event.key() not in (Qt.Key_Tab, Qt.Key_Backtab):
            return False
        forward = event.key() == Qt.Key_Tab and not event.modifiers() & Qt.ShiftModifier
        index, model = view.currentIndex(), view.model()
        if forward:
            at_end = index.row() == model.rowCount() - 1
            at_end = at_end and index.column() == model.columnCount() - 1
        else:
            at_end = index.row() <= 0 and index.column() <= 0
        if index.isValid() and not at_end:
            return False  # the view moves to the next (or previous) cell
        _step_out(view, forward)
        return True


def _step_out(view: QWidget, forward: bool) -> None:
    widget = view
    for _ in range(500):
        widget = widget.nextInFocusChain() if forward else widget.previousInFocusChain()
        if widget is view:
            return
        if (
            not view.isAncestorOf(widget)
            and widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.TabFocus
        ):
            widget.setFocus(Qt.TabFocusReason if forward else Qt.BacktabFocusReason)
            return
