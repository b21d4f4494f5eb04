"""The comments explorer's table model: redacted, threshold-protected, fetched in pages.

Rows come from :mod:`analysis.comments_query` a page at a time (``fetchMore``), so
a workspace of 160,000 comments opens as fast as one of 100: the view asks for more rows
only as the person scrolls. Each page after the first is as long as the rows already
loaded (up to :data:`MAX_PAGE`): every page sorts the whole selection again in SQLite
(0.1–0.7 s of CPU on 160,000 comments, more the further down), so scrolling to the end of
160,000 comments takes about 40 queries instead of 800. Sorting re-queries the database
(``ORDER BY``), it never sorts in memory. Each query runs on a thread of its own with a
connection of its own (:mod:`desktop_app.models.comments_reads`): the GUI thread waits for
it at most :data:`~desktop_app.bounded_read.LIST_WAIT_SECONDS`, so typing a search or
clicking a column title on 163,000 comments no longer stops the window for half a second;
the rows come when the query is done, and a query superseded by a newer one is
interrupted and its rows dropped.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal

from analysis.comments_query import CommentFilter, CommentRow, CommentSelection
from desktop_app import bounded_read
from desktop_app.models.comments_reads import Interrupter, RowsAnswer, RowsQuery, read_rows
from desktop_app.section_reads import SAY_SLOW_MS, SectionReads
from desktop_app.widgets.plain_text import plain_tip
from surveys.bands import format_share, format_signed

#: Rows of the first page.
PAGE = 200
#: The longest later page: each page doubles the rows loaded, up to this many at once.
MAX_PAGE = 5000

COLUMNS = ("wave", "from", "to", "text", "label", "confidence", "sentiment", "conflict")
TEXT_COLUMN = COLUMNS.index("text")
LABEL_COLUMN = COLUMNS.index("label")
#: The comment's pair and wave in one line ("Sales → IT · 2026-10"), for a narrow table
#: that shows them under the comment instead of in their own columns.
PAIR_ROLE = Qt.UserRole + 1
_DISPLAY, _TOOLTIP = int(Qt.DisplayRole), int(Qt.ToolTipRole)
_ALIGNMENT, _FONT, _USER = int(Qt.TextAlignmentRole), int(Qt.FontRole), int(Qt.UserRole)
_ROLES = frozenset((_DISPLAY, _TOOLTIP, _ALIGNMENT, _FONT, _USER, int(PAIR_ROLE)))
_RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)


def _bold():  # noqa: ANN202 (a QFont; imported only when a label was corrected)
    from PySide6.QtGui import QFont

    font = QFont()
    font.setBold(True)
    return font


class CommentsModel(QAbstractTableModel):
    """Comments matching a :class:`CommentFilter`, in pages of :data:`PAGE` rows."""

    selection_changed = Signal()  # a new filter was applied (total or message changed)
    loading_changed = Signal()  # a read began or its rows came (see :attr:`loading`)
    rows_loaded = Signal()  # rows came: a first page or a later one

    def __init__(self, context, parent=None) -> None:
        super().__init__(parent)
        self.context = context
        self.filter = CommentFilter()
        self.selection = CommentSelection()
        self.rows: list[CommentRow] = []
        self.sort_key = "wave"
        self.descending = True
        self.theme_label = lambda theme_id: theme_id
        self.reads = SectionReads(context, self)
        self._interrupter = Interrupter()
        self._query: RowsQuery | None = None  # the latest query asked for

    # -- loading -----------------------------------------------------------------------
    def set_filter(self, flt: CommentFilter) -> None:
        """Apply ``flt``: re-check the groups and load the first page."""
        self.filter = flt
        self.reload()

    def set_review_order(self) -> None:
        """Uncorrected comments first, the least certain label first ("Review next")."""
        self.sort_key, self.descending = "review", False
        self.reload()

    @property
    def in_review_order(self) -> bool:
        """Whether the rows are in "Review next" order."""
        return self.sort_key == "review"

    @property
    def loading(self) -> bool:
        """Whether rows asked for have not come yet (the rows shown are the previous ones)."""
        return self.reads.pending("rows")

    def reload(self) -> None:
        """Read the selection and the first page again (after a change in the data).

        The query runs off the GUI thread (:mod:`desktop_app.section_reads`); the rows come
        at once when it is quick, else when it is done, the previous rows shown meanwhile.
        """
        if self.context.path is None:
            self._apply(RowsAnswer(CommentSelection(), [], 0))
            return
        query = RowsQuery(self.filter, self.sort_key, self.descending, 0, PAGE)
        self._read(query)

    def _read(self, query: RowsQuery) -> None:
        self._interrupter.interrupt()  # a query of the previous filter is not wanted
        self._query = query
        self.reads.read(
            "rows",
            read_rows,
            self.context.path,
            query,
            self._interrupter,
            apply=self._apply,
            wait=bounded_read.LIST_WAIT_SECONDS,
            say_after_ms=SAY_SLOW_MS,
        )
        self.loading_changed.emit()

    def _apply(self, answer: RowsAnswer) -> None:
        if answer.offset:
            self._append(answer)
        else:
            self.beginResetModel()
            self.selection, self.rows = answer.selection, answer.rows
            self.endResetModel()
            self.selection_changed.emit()
        self.loading_changed.emit()
        self.rows_loaded.emit()

    def _append(self, answer: RowsAnswer) -> None:
        if answer.selection is not self.selection:
            return  # a page of an earlier selection
        if not answer.rows:
            self.selection.total = len(self.rows)  # the data shrank meanwhile
            return
        first = len(self.rows)
        self.beginInsertRows(QModelIndex(), first, first + len(answer.rows) - 1)
        self.rows.extend(answer.rows)
        self.endInsertRows()

    def canFetchMore(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and len(self.rows) < self.selection.total

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:  # noqa: N802, B008
        """Read the next page (off the GUI thread, like :meth:`reload`); nothing while a
        page or a new filter's rows are still being read."""
        if parent.isValid() or self.context.path is None or self.loading:
            return
        offset = len(self.rows)
        size = min(max(PAGE, offset), MAX_PAGE)
        query = RowsQuery(self.filter, self.sort_key, self.descending, offset, size, self.selection)
        self._read(query)

    def forget(self) -> None:
        """The workspace was closed or another opened: a read still running is not wanted,
        and the rows shown are no longer the workspace's (none is shown until its own come:
        a label corrected on one would be stored in the other workspace)."""
        self._interrupter.interrupt()
        self.reads.forget()
        self._query = None
        self._apply(RowsAnswer(CommentSelection(), [], 0))

    def sort(self, column: int, order: Qt.SortOrder = Qt.AscendingOrder) -> None:
        key = COLUMNS[column] if 0 <= column < len(COLUMNS) else "wave"
        descending = order == Qt.DescendingOrder
        if (key, descending) == (self.sort_key, self.descending) and self.loading:
            return  # already being read in that order (``sortByColumn`` sorts twice)
        self.sort_key, self.descending = key, descending
        self.reload()

    # -- Qt model API ------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.ToolTipRole:
            return self._header_tooltip(COLUMNS[section])
        if orientation != Qt.Horizontal or role != Qt.DisplayRole:
            return None
        titles = (
            self.tr("Wave"),
            self.tr("From"),
            self.tr("About"),
            self.tr("Comment (redacted)"),
            self.tr("Label"),
            self.tr("Confidence"),
            self.tr("Sentiment"),
            self.tr("Conflict"),
        )
        return titles[section]

    def data(self, index: QModelIndex, role: int = Qt.DisplayRole) -> Any:
        # Only the roles answered are looked at: fitting the columns asks for every role of
        # a page of rows, and comparing each with Qt's enums in turn made a fit take 0.3 s.
        role = int(role)
        if role not in _ROLES or not index.isValid():
            return None
        number = index.row()
        if not 0 <= number < len(self.rows):
            return None
        row = self.rows[number]
        column = COLUMNS[index.column()]
        if role == _DISPLAY:
            return self._display(row, column)
        if role == _TOOLTIP:
            return plain_tip(self._tooltip(row, column))  # a comment may begin with a tag
        if role == _ALIGNMENT:
            return _RIGHT if column in ("confidence", "sentiment", "conflict") else None
        if role == _FONT:
            return _bold() if column == "label" and row.corrected else None
        if role == _USER:
            return row
        return self.pair_line(row)  # PAIR_ROLE

    def pair_line(self, row: CommentRow) -> str:
        """Who wrote about whom, and the wave: "Sales → IT · 2026-10"."""
        return f"{row.from_dept} → {row.to_dept} · {row.wave}"

    def _display(self, row: CommentRow, column: str) -> str:
        if column == "wave":
            return row.wave
        if column == "from":
            return row.from_dept
        if column == "to":
            return row.to_dept
        if column == "text":
            return row.text
        if column == "label":
            label = self.label_text(row.label)
            return self.tr("%1 (corrected)").replace("%1", label) if row.corrected else label
        if column == "confidence":
            if row.corrected:
                return self.tr("HR")
            return "" if row.confidence is None else format_share(row.confidence)
        if column == "sentiment":
            return "" if row.sentiment is None else format_signed(row.sentiment, 2)
        if row.conflict is None:
            return ""
        return f"{row.conflict:.2f}"

    def _header_tooltip(self, column: str) -> str | None:
        """What a column's figures mean: the scale of each number."""
        tips = {
            "sentiment": self.tr(
                "The comment's tone, from -1 (very negative) through 0 (neutral) to +1 (very "
                "positive)."
            ),
            "conflict": self.tr(
                "Conflict language (blame, us-versus-them, escalation, shadow tools), from 0 "
                "(none) to 1; one clear phrase gives about 0.6."
            ),
            "confidence": self.tr("How sure the model is of the label."),
            "label": self.tr("The tone in one word; press N, U or P to correct it."),
        }
        return tips.get(column)

    def _tooltip(self, row: CommentRow, column: str) -> str | None:
        if column in ("wave", "from", "to"):  # whole, where a long name is cut
            return self._display(row, column)
        if column == "text":
            themes = ", ".join(self.theme_label(t) for t in row.themes)
            suffix = "\n\n" + self.tr("Themes: %1").replace("%1", themes) if themes else ""
            return f"{row.text}{suffix}\n\n{self.pair_line(row)}"
        if column == "label":
            return self.tr("Right-click, or press N, U or P, to correct the label.")
        if column == "confidence":
            if row.corrected:
                return self.tr("HR corrected this label.")
            return self.tr(
                "How sure the model is of this label: how often comments it scored like this "
                "one carried this label in data it was not trained on."
            )
        if column == "sentiment" and row.corrected:
            return self.tr("The score follows HR's label.")
        return None

    def label_text(self, label: str | None) -> str:
        """The translated word for a sentiment label."""
        words = {
            "negative": self.tr("negative"),
            "neutral": self.tr("neutral"),
            "positive": self.tr("positive"),
        }
        return words.get(label or "", self.tr("not analysed"))

    def row_at(self, row: int) -> CommentRow | None:
        """The comment shown in ``row``."""
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def replace_row(self, row: int, new: CommentRow) -> None:
        """Show ``new`` in place of ``row`` (after a label correction). Rows still being
        read may have been read before the correction was stored: they are read again, so
        their answer does not show the old label."""
        self.rows[row] = new
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        if self.loading and self._query is not None:
            self._read(self._query)
