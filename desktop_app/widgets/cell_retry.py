"""A table cell whose edit was refused or could not be saved: the stored value goes back
into the cell and its editor opens again on what was typed.

A department renamed on a share that went away lost the typed name (the table was read
again from the workspace), where the section's other fields kept what was typed. Now
Enter in the reopened editor tries again and Escape keeps the stored value. An edit left
by moving to another cell (the edit was committed by the move) only gets its stored value
back: reopening the editor would pull the cursor back from where the user went.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLineEdit, QTableWidget


def edit_again(table: QTableWidget, row: int, column: int, stored: str, typed: str) -> None:
    """Put ``stored`` back in the cell at ``row``, ``column`` (no ``itemChanged``) and, if
    it is still the current cell, open its editor with ``typed`` in it, selected."""
    item = table.item(row, column)
    if item is None:
        return  # the table was read again meanwhile: the row is gone
    blocked = table.blockSignals(True)
    item.setText(stored)
    table.blockSignals(blocked)
    if (table.currentRow(), table.currentColumn()) != (row, column):
        return  # the user moved on
    # Once the editor that committed the edit has closed (this runs from its commit).
    QTimer.singleShot(0, table, lambda: _reopen(table, row, column, typed))


def _reopen(table: QTableWidget, row: int, column: int, typed: str) -> None:
    item = table.item(row, column)
    if item is None or (table.currentRow(), table.currentColumn()) != (row, column):
        return
    table.editItem(item)
    editors = [e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()]
    if editors:
        editors[-1].setText(typed)
        editors[-1].selectAll()
