"""Table columns that leave the main column readable whatever the names are.

Sized to their contents, a "From" column holding "Information Technology & Digital
Workplace" and a "Wave" column holding "2026-10 Q4 pulse - Customer journey programme"
pushed the comment itself out of sight on a laptop screen. :class:`FittedColumns` keeps a
table's name columns to at most a number of characters (their text wraps or ends in "…";
the model's tooltip has it whole), and when the table is narrow it narrows them further,
down to :data:`SQUEEZED_CHARS`, before the main column drops below its readable width.
When the table is wide, the room the main column does not need (for its widest cell and
its share) widens the capped columns again, up to their contents: no name is cut beside
a blank main column.

A table may also *fold* its name columns: when even squeezed names would leave the main
column less than a share of the table (``fold_below``), the name columns (``fold``, all
capped columns unless named) are hidden and :attr:`FittedColumns.folded_changed` tells the
view to show them with the main column instead (the comments and actions tables print them
under each comment or title, whole). The other columns fit
their contents and their title, without the room a plain header keeps in every column for
a sort arrow that only the sorted column shows.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView

from desktop_app.widgets.column_memory import ColumnMemory

#: How narrow a capped column may become when the table is short of room.
SQUEEZED_CHARS = 9


class FittedColumns(QObject):
    """Sizes the columns of ``view``: ``caps`` (column → characters) and one ``main`` column.

    The main column stretches over the room left and is kept at ``main_chars`` characters
    while the capped columns can still give way; the other columns fit their contents.
    With ``fold_below`` (a share of the table's width), the ``fold`` columns are hidden
    whenever the main column would get less than that share with the capped ones squeezed.
    """

    folded_changed = Signal(bool)  # the capped columns were hidden (True) or shown again

    def __init__(
        self,
        view: QTableView,
        main: int,
        caps: dict[int, int],
        main_chars: int = 40,
        fold_below: float | None = None,
        fold: tuple[int, ...] | None = None,
    ) -> None:
        super().__init__(view)
        self.view, self.main, self.caps, self.main_chars = view, main, dict(caps), main_chars
        self.fold_below = fold_below
        self.fold = tuple(self.caps) if fold is None else fold
        self.folded = False
        self._fitting = False
        self._measured = {}
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setSectionResizeMode(main, QHeaderView.Stretch)
        self._pending = QTimer(self, singleShot=True, interval=0)
        self._pending.timeout.connect(self.fit)
        model = view.model()
        changes = (model.modelReset, model.layoutChanged, model.rowsInserted, model.dataChanged)
        for signal in changes:
            signal.connect(self._pending.start)
        header.sortIndicatorChanged.connect(lambda *_: self._pending.start())
        # Columns fitted to their contents grow after a delayed layout: measure again then.
        header.sectionResized.connect(self._on_header_section_resized)
        view.viewport().installEventFilter(self)
        # Widths HR drags are kept (per table, by its object name): the fit leaves them.
        name = view.objectName()
        self.memory = ColumnMemory(header, name, self.fit) if name else None

    def _on_header_section_resized(self, column: int, _old: int, _new: int) -> None:
        by_hand = self.memory is not None and column in self.memory.widths
        if not self._fitting and not by_hand and column != self.main and column not in self.caps:
            self._pending.start()

    def _by_hand(self) -> dict[int, int]:
        """The widths HR set by dragging, of the columns shown (not the main one)."""
        kept = self.memory.widths if self.memory is not None else {}
        return {
            c: w for c, w in kept.items() if c != self.main and c < self.view.model().columnCount()
        }

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Resize:
            self._pending.start()
        return False

    def content_width(self, column: int) -> int:
        """What ``column`` needs: its widest shown cell, and its title with a sort arrow only
        if the table is sorted by it.

        Measured here, not with ``QHeaderView.sectionSizeHint``: that is 0 for a hidden
        (folded) column, so a table that unfolded with no rows (a new workspace) gave its
        name columns Qt's 26-pixel minimum and cut their titles to "Wav", "rom", ".bou".
        """
        header = self.view.horizontalHeader()
        title = self.view.model().headerData(column, Qt.Horizontal, Qt.DisplayRole)
        bold = header.font()  # a header measures its titles bold, as it may draw them
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        margin = header.style().pixelMetric(QStyle.PM_HeaderMargin, None, header)
        wanted = metrics.horizontalAdvance(str(title or "")) + 4 * margin
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == column:
            wanted += metrics.height() + margin
        return max(self.view.sizeHintForColumn(column), wanted)

    def fit(self) -> None:
        """Size the columns: the others to their contents, the capped ones within their cap
        and the room left (or fold them away)."""
        self._fitting = True
        self._measured: dict[int, int] = {}  # each column measured once a fit
        try:
            self._fit()
        finally:
            self._fitting = False
            self._measured = {}

    def _width(self, column: int) -> int:
        """:meth:`content_width`, measured once per fit: each measure asks the model for
        a page of rows in every role (a capped column was measured twice, the main one
        once more: 0.3 s of the GUI thread per fit on a busy machine)."""
        if column not in self._measured:
            self._measured[column] = self.content_width(column)
        return self._measured[column]

    def _fit(self) -> None:
        header = self.view.horizontalHeader()
        char = self.view.fontMetrics().averageCharWidth()
        width = self.view.viewport().width()
        others = 0
        by_hand = self._by_hand()
        for column in range(header.count()):
            if column != self.main and column not in self.caps:
                header.resizeSection(column, by_hand.get(column) or self._width(column))
                others += 0 if header.isSectionHidden(column) else header.sectionSize(column)
        sizes = {}
        for column, chars in self.caps.items():
            wanted = self._width(column)
            sizes[column] = min(wanted, char * chars)
        short = char * self.main_chars - (width - others - sum(sizes.values()))
        for column in self.caps:
            give = min(max(short, 0), max(sizes[column] - char * SQUEEZED_CHARS, 0))
            sizes[column] -= give
            short -= give
        # Folded or not as the window's width says, whatever HR dragged (a name column
        # dragged wider folded the names away at once).
        main_left = width - others - sum(sizes.values())
        folded = self.fold_below is not None and main_left < self.fold_below * width
        if folded:  # the room the folded columns leave goes back to the others first
            sizes = self._unfolded_sizes(sizes, width - others, char)
        sizes.update({c: w for c, w in by_hand.items() if c in sizes})  # as HR left them
        sizes = self._grown(sizes, width - others, folded, char)
        for column, size in sizes.items():
            hidden = folded and column in self.fold
            header.setSectionHidden(column, hidden)
            if not hidden:
                header.resizeSection(column, size)
        if folded != self.folded:
            self.folded = folded
            self.folded_changed.emit(folded)
            self.view.updateGeometries()  # the scroll range of the columns now shown

    def _unfolded_sizes(self, squeezed: dict[int, int], room: int, char: int) -> dict[int, int]:
        """The capped columns left after folding, as wide as their cap allows while the main
        column keeps ``fold_below`` of the width."""
        width = self.view.viewport().width()
        left = [c for c in self.caps if c not in self.fold]
        sizes = dict(squeezed)
        spare = room - sum(squeezed[c] for c in left) - math.ceil(self.fold_below * width)
        for column in left:
            wanted = self._width(column)
            grow = max(min(wanted, char * self.caps[column]) - sizes[column], 0)
            sizes[column] += min(grow, max(spare, 0))
            spare -= grow
        return sizes

    def _grown(self, sizes: dict[int, int], room: int, folded: bool, char: int) -> dict[int, int]:
        """The capped columns shown, past their cap up to their contents, with the room the
        main column does not need for its contents and its share (owners were cut to
        "Sales operations lead …" beside a title column that was half blank)."""
        by_hand = self._by_hand()
        shown = [c for c in sizes if not (folded and c in self.fold) and c not in by_hand]
        needed = max(self._width(self.main), char * self.main_chars)
        if self.fold_below is not None:  # and the main column keeps its share
            needed = max(needed, math.ceil(self.fold_below * self.view.viewport().width()))
        spare = room - sum(sizes[c] for c in sizes if not (folded and c in self.fold)) - needed
        for column in shown:
            wanted = self._width(column)
            grow = min(max(wanted - sizes[column], 0), max(spare, 0))
            sizes[column] += grow
            spare -= grow
        return sizes
