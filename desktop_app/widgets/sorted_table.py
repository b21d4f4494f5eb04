"""A read-only table of rows that HR sorts by clicking a column title."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView


def sorted_table(model: QAbstractItemModel, name: str, accessible_name: str) -> QTableView:
    """A table of ``model`` that selects one whole row at a time, wraps words, alternates
    row colours and hides row numbers; sorted by its first column, newest first, with the
    sort arrow shown once HR clicks a column title (not before: the order is the model's)."""
    table = QTableView(objectName=name)
    table.setAccessibleName(accessible_name)
    table.setModel(model)
    table.setSortingEnabled(True)
    header = table.horizontalHeader()
    header.setSortIndicator(0, Qt.DescendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.setWordWrap(True)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    header.sortIndicatorChanged.connect(lambda *_: header.setSortIndicatorShown(True))
    return table
