"""Table columns that leave the main column readable whatever the names are.

Sized to their contents, a "From" column holding "Information Technology & Digital
Workplace" and a "Wave" column holding "2026-10 Q4 pulse - Customer journey programme"
pushed the comment itself out of sight on a laptop screen. :class:`FittedColumns` keeps a
table's name columns to at most a number of characters (their text wraps or ends in "…";
the model's tooltip has it whole), and when the table is narrow it narrows them further,
down to :data:`SQUEEZED_CHARS`, before the main column drops below its readable width.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView

#: How narrow a capped column may become when the table is short of room.
SQUEEZED_CHARS = 9


class FittedColumns(QObject):
    """Sizes the columns of ``view``: ``caps`` (column → characters) and one ``main`` column.

    The main column stretches over the room left and is kept at ``main_chars`` characters
    while the capped columns can still give way; the other columns fit their contents.
    """

    def __init__(
        self, view: QTableView, main: int, caps: dict[int, int], main_chars: int = 40
    ) -> None:
        super().__init__(view)
        self.view, self.main, self.caps, self.main_chars = view, main, dict(caps), main_chars
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(main, QHeaderView.Stretch)
        for column in self.caps:
            header.setSectionResizeMode(column, QHeaderView.Interactive)
        self._pending = QTimer(self, singleShot=True, interval=0)
        self._pending.timeout.connect(self.fit)
        model = view.model()
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted):
            signal.connect(self._pending.start)
        # Columns fitted to their contents grow after a delayed layout: measure again then.
        header.sectionResized.connect(self._on_header_section_resized)
        view.viewport().installEventFilter(self)

    def _on_header_section_resized(self, column: int, _old: int, _new: int) -> None:
        if column != self.main and column not in self.caps:
            self._pending.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Resize:
            self._pending.start()
        return False

    def fit(self) -> None:
        """Size the capped columns to their contents, within their cap and the room left."""
        header = self.view.horizontalHeader()
        char = self.view.fontMetrics().averageCharWidth()
        for column, chars in self.caps.items():
            wanted = max(self.view.sizeHintForColumn(column), header.sectionSizeHint(column))
            header.resizeSection(column, min(wanted, char * chars))
        others = sum(
            header.sectionSize(c)
            for c in range(header.count())
            if c != self.main and not header.isSectionHidden(c)
        )
        short = char * self.main_chars - (self.view.viewport().width() - others)
        for column in self.caps:
            if short <= 0:
                break
            size = header.sectionSize(column)
            give = min(short, max(size - char * SQUEEZED_CHARS, 0))
            header.resizeSection(column, size - give)
            short -= give
