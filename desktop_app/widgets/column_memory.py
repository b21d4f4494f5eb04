"""Column widths HR set by dragging, kept: after a sort, a new page of rows, a re-analysis
and the next start.

:class:`~desktop_app.widgets.fitted_columns.FittedColumns` fits a table's columns to their
contents whenever the rows change, the table is sorted or resized, and it fitted a column
HR had just dragged wider straight back (a column of figures at once, a name column at the
next sort): a long department name could not be read whole by widening its column, as in
every other desktop table. A drag (or a double-click on a column's edge) is remembered per
table (its object name) in the user's settings, and the fit leaves that column at its
width; the header's context menu, *Fit columns to their contents*, forgets them.

A width is kept under its column's title, not its position: after an update that adds or
removes a column the others keep theirs (by position, From's width went to the column
that took its place). A value that is not a width (settings edited by hand, another
version's) is ignored: a stored ``1e400`` stopped the window from opening.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt
from PySide6.QtWidgets import QHeaderView, QMenu


class ColumnMemory(QObject):
    """The widths HR gave the columns of ``header`` by hand (:attr:`widths`, column → px).

    ``refit()`` is called when HR asks for the fitted widths back."""

    #: Wider than any screen: a stored width beyond it is not one HR dragged.
    WIDEST = 10_000

    def __init__(self, header: QHeaderView, key: str, refit: Callable[[], None]) -> None:
        super().__init__(header)
        self.header, self.key, self._refit = header, key, refit
        self._kept: dict[str, int] = _load(key, self.WIDEST)  # column title → px
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

    @property
    def widths(self) -> dict[int, int]:
        """The kept widths by the column that has the title now."""
        titles = [_title(self.header, column) for column in range(self.header.count())]
        return {c: self._kept[t] for c, t in enumerate(titles) if t in self._kept}

    def _on_section_resized(self, column: int, _old: int, new: int) -> None:
        title = _title(self.header, column)
        if self._by_hand and 0 < new <= self.WIDEST and title:
            self._kept[title] = new
            _save(self.key, self._kept)

    def forget(self) -> None:
        """Forget the widths set by hand and fit the columns again."""
        self._kept = {}
        _save(self.key, self._kept)
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


def _title(header: QHeaderView, column: int) -> str:
    model = header.model()
    title = model.headerData(column, Qt.Horizontal, Qt.DisplayRole) if model else None
    return title if isinstance(title, str) else ""


def _load(key: str, widest: int) -> dict[str, int]:
    """What was kept for ``key``: the widths that are widths (1 to ``widest`` pixels) under
    their titles; nothing when it is missing or unreadable."""
    raw = _store().value(f"columns/{key}", "")
    try:
        kept = json.loads(raw) if isinstance(raw, str) and raw else {}
    except ValueError:
        return {}  # written by hand or by another version: the fitted widths
    if not isinstance(kept, dict):
        return {}
    return {
        title: width for title, width in kept.items() if type(width) is int and 0 < width <= widest
    }


def _save(key: str, widths: dict[str, int]) -> None:
    store = _store()
    if widths:
        store.setValue(f"columns/{key}", json.dumps(widths))
    else:
        store.remove(f"columns/{key}")
