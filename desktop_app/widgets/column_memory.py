"""Column widths HR set by dragging, kept: after a sort, a new page of rows, a re-analysis
and the next start.

:class:`~desktop_app.widgets.fitted_columns.FittedColumns` fits a table's columns to their
contents whenever the rows change, the table is sorted or resized, and it fitted a column
HR had just dragged wider straight back (a column of figures at once, a name column at the
next sort): a long department name could not be read whole by widening its column, as in
every other desktop table. A drag (or a double-click on a column's edge) is remembered per
table (its object name) in the user's settings, and the fit leaves that column at its
width; the header's context menu, *Fit columns to their contents*, forgets them.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt
from PySide6.QtWidgets import QHeaderView, QMenu


class ColumnMemory(QObject):
    """The widths HR gave the columns of ``header`` by hand (:attr:`widths`, column → px).

    ``refit()`` is called when HR asks for the fitted widths back."""

    def __init__(self, header: QHeaderView, key: str, refit: Callable[[], None]) -> None:
        super().__init__(header)
        self.header, self.key, self._refit = header, key, refit
        self.widths: dict[int, int] = _load(key)
        self._by_hand = False  # a mouse button is down on the header
        header.viewport().installEventFilter(self)
        header.sectionResized.connect(self._on_section_resized)
        header.setContextMenuPolicy(Qt.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_context_menu)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if kind in (QEvent.MouseButtonPress, QEvent.MouseButtonDblClick):
            self._by_hand = True
        elif kind == QEvent.MouseButtonRelease:
            self._by_hand = False
        return False

    def _on_section_resized(self, column: int, _old: int, new: int) -> None:
        if self._by_hand and new > 0:
            self.widths[column] = new
            _save(self.key, self.widths)

    def forget(self) -> None:
        """Forget the widths set by hand and fit the columns again."""
        self.widths = {}
        _save(self.key, self.widths)
        self._refit()

    def _on_context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self.header)
        fit = menu.addAction(
            QCoreApplication.translate("ColumnMemory", "&Fit columns to their contents")
        )
        fit.setEnabled(bool(self.widths))
        fit.triggered.connect(self.forget)
        menu.popup(self.header.mapToGlobal(pos))


def _store():  # noqa: ANN202 (a QSettings)
    from desktop_app.settings import qsettings

    return qsettings()


def _load(key: str) -> dict[int, int]:
    """What was kept for ``key``; nothing when it is missing or unreadable."""
    raw = _store().value(f"columns/{key}", "")
    try:
        kept = json.loads(raw) if isinstance(raw, str) and raw else {}
        return {int(c): int(w) for c, w in kept.items() if int(w) > 0}
    except (ValueError, TypeError, AttributeError):
        return {}  # written by hand or by another version: the fitted widths


def _save(key: str, widths: dict[int, int]) -> None:
    store = _store()
    if widths:
        store.setValue(f"columns/{key}", json.dumps({str(c): w for c, w in widths.items()}))
    else:
        store.remove(f"columns/{key}")
