"""A table as tall as its rows, within limits: no blank band under a short list."""

from __future__ import annotations

from PySide6.QtWidgets import QTableView


def rows_height(view: QTableView, rows: int) -> int:
    """The height that shows ``view``'s header and ``rows`` rows (rows it does not have
    counted at the default row height)."""
    count = view.model().rowCount() if view.model() is not None else 0
    height = sum(view.rowHeight(row) for row in range(min(count, rows)))
    height += max(0, rows - count) * view.verticalHeader().defaultSectionSize()
    header = view.horizontalHeader()
    top = header.sizeHint().height() if not header.isHidden() else 0
    return top + height + 2 * view.frameWidth()


def fit_to_rows(view: QTableView, max_rows: int, min_rows: int = 1) -> int:
    """Make ``view`` exactly as tall as its header and rows, between ``min_rows`` and
    ``max_rows`` rows (beyond, it scrolls); returns the height set."""
    count = view.model().rowCount() if view.model() is not None else 0
    height = rows_height(view, max(min(count, max_rows), min_rows))
    view.setFixedHeight(height)
    return height
