"""Comments: redacted comments with filters, full-text search and label correction.

Only redacted text is ever shown; pairs under the comment threshold are never listed and
filters pass the differencing guard (see :mod:`analysis.comments_query`). Each label shows
the model's confidence. "Review next" orders the comments the filter shows with the
uncorrected, least certain labels first and moves to the next comment after each
correction. Correcting a label stores it in ``comments.label_corrected`` and the shown
score follows it; the analysis keeps it, and "Learn from corrections" adapts the model to
the corrections as a job.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from analysis.comments_query import CommentFilter
from analysis.sentiment.labels import LABELS
from desktop_app.context import Changes
from desktop_app.help_dialogs import WHERE
from desktop_app.models.comments_model import PAGE, PAIR_ROLE, TEXT_COLUMN, CommentsModel
from desktop_app.models.comments_reads import (
    SectionData,
    read_corrections,
    read_section,
    store_correction,
)
from desktop_app.panels.base import Panel, heading
from desktop_app.panels.comments_count import CommentsCount
from desktop_app.panels.comments_filters import CommentFilters
from desktop_app.panels.themes_panel import theme_name
from desktop_app.section_reads import SectionReads
from desktop_app.widgets.caption_delegate import PADDING as COMMENT_PADDING
from desktop_app.widgets.caption_delegate import CaptionDelegate
from desktop_app.widgets.fitted_columns import FittedColumns
from desktop_app.widgets.flow_layout import MinimumHeightItem, wrapping_row
from desktop_app.widgets.sorted_table import sorted_table
from desktop_app.workspace_write import WorkspaceWrite, failed_text, saving_text

#: Keys that mark the selected comment negative, neutral or positive while the table has
#: focus (the Go menu owns Ctrl+1…7).
RELABEL_KEYS = ("N", "U", "P")
#: The share of the table's width the comment keeps at least: below it, the wave and the
#: departments move from their columns to a line under each comment.
COMMENT_SHARE = 0.5


class CommentsPanel(Panel):
    """The comments explorer."""

    section = "comments"

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.model = CommentsModel(context, self)
        self.reads = SectionReads(context, self)  # the boxes' choices and the corrections
        self.writes = WorkspaceWrite(context, self)  # label corrections
        self.writes.saving.connect(self._on_writes_saving)
        self._waiting = ""  # what the section says while a read waits for the folder
        self._pending_pair: tuple | None = None  # show_pair's filter, until the boxes are read
        self._select_when_loaded: int | None = None  # "Review next" before its rows came
        self.learn_job = None
        self.filters = CommentFilters(self.model.label_text)
        self.filters.changed.connect(self.apply_filter)
        for name in ("wave_box", "from_box", "to_box", "sentiment_box", "theme_box"):
            setattr(self, name, getattr(self.filters, name))
        self.conflict_box, self.search = self.filters.conflict_box, self.filters.search
        # The section scrolls when the window is too short for it (a laptop at 200 % with
        # the filters open): the filters and the count line keep their lines and the table
        # its rows, instead of being drawn over one another.
        body = QWidget(objectName="commentsBody")
        layout = QVBoxLayout(body)
        layout.addLayout(self._heading_row())
        layout.addWidget(self.filters)
        # One line under the filters: how many comments are shown, redacted, and which
        # pairs are hidden and why; a filter that would single out a small group says so
        # there instead of rows.
        self.message = CommentsCount()
        layout.addWidget(self.message)
        # The table asks the scrolling section for its minimum only and takes what the
        # window leaves: the section scrolls only when even that does not fit.
        layout.addItem(MinimumHeightItem(self._table(body)))
        layout.setStretch(layout.count() - 1, 1)
        layout.addLayout(self._correction_row())
        layout.addLayout(self._review_row())
        self.set_scrolling_body(body)
        self.model.selection_changed.connect(self._on_model_selection_changed)
        self.model.loading_changed.connect(self._show_message)
        self.model.rows_loaded.connect(self._on_model_rows_loaded)
        self.model.reads.waiting.connect(self._on_reads_waiting)
        self.reads.waiting.connect(self._on_reads_waiting)
        self._show_message()

    def title(self) -> str:
        return self.tr("Comments")

    # -- building ----------------------------------------------------------------------
    def _heading_row(self) -> QHBoxLayout:
        """The title, then the search, the "Filters" button and "Clear filters": one row
        (they took a row of their own under two rows of boxes, which now fold away)."""
        row = QHBoxLayout()
        row.addWidget(heading(self.tr("Comments")))
        row.addStretch(1)
        for widget in self.filters.heading_controls():
            row.addWidget(widget, 1 if widget is self.filters.search else 0)
        return row

    def _table(self, parent: QWidget) -> QTableView:
        self.table = sorted_table(self.model, "commentsTable", self.tr("Comments"))
        self.table.setParent(parent)
        header = self.table.horizontalHeader()
        # Wave and department names wrap within a cap, so the comment keeps its room; where
        # even squeezed names would leave the comment less than half the table, they move
        # under each comment instead (a laptop at 150 %, long department names).
        self.comment_delegate = CaptionDelegate(PAIR_ROLE, self.table)
        self.table.setItemDelegateForColumn(TEXT_COLUMN, self.comment_delegate)
        self._row_height = self.table.verticalHeader().defaultSectionSize()
        # Never less than the heading and two comments of three lines each.
        self.table.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        # Columns fit the first page's rows and the shown ones, not Qt's default of 1,000:
        # the fit runs at every page loaded and every label corrected, and measuring 1,000
        # rows of eight columns took 1.5 s of the GUI thread once the analyst scrolled down.
        header.setResizeContentsPrecision(PAGE)
        self.columns = FittedColumns(
            self.table, TEXT_COLUMN, {0: 16, 1: 18, 2: 18}, fold_below=COMMENT_SHARE
        )
        self.columns.folded_changed.connect(self._on_columns_folded_changed)
        self.table.setContextMenuPolicy(Qt.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_table_context_menu)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        return self.table

    def _on_columns_folded_changed(self, folded: bool) -> None:
        """Wave and pair under each comment (one more line a row) while their columns are
        folded away."""
        self.comment_delegate.show_pair = folded
        lines = self.table.fontMetrics().lineSpacing() * 3  # two of the comment, one pair
        height = lines + 2 * COMMENT_PADDING + 2 if folded else self._row_height
        self.table.verticalHeader().setDefaultSectionSize(height)
        self.table.viewport().update()

    def _relabel_action(self, text: str, key: str, label: str | None) -> QAction:
        """A key that corrects the selected comment while the table has focus."""
        action = QAction(text, self.table, objectName=f"relabel_{label or 'undo'}")
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.WidgetShortcut)
        action.setProperty(WHERE, self.tr("Comments list (when it has the focus)"))
        action.triggered.connect(lambda: self.correct_selected(label))
        self.table.addAction(action)
        return action

    def _correction_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        # The buttons wrap onto a second line on a narrow window (a laptop at 200 %).
        controls: list[QWidget] = [QLabel(self.tr("Correct the label:"))]
        self.label_buttons = {}
        self.relabel_actions = {}
        for label, key in zip(LABELS, RELABEL_KEYS, strict=True):
            word = self.model.label_text(label)
            action = self._relabel_action(self.tr("Mark as %1").replace("%1", word), key, label)
            self.relabel_actions[label] = action
            button = QPushButton(f"{word.capitalize()}  ({key})", objectName=f"mark_{label}")
            button.setToolTip(
                self.tr("Mark the selected comment %1 (key %2 in the table)")
                .replace("%1", word)
                .replace("%2", key)
            )
            button.clicked.connect(action.trigger)
            self.label_buttons[label] = button
            controls.append(button)
        self.undo_action = self._relabel_action(self.tr("Undo correction"), "Del", None)
        self.undo_button = QPushButton(
            self.tr("Undo correction  (Del)"), objectName="undoCorrection"
        )
        self.undo_button.setToolTip(
            self.tr("Put back the label computed from the score (key Delete in the table)")
        )
        self.undo_button.clicked.connect(self.undo_action.trigger)
        controls.append(self.undo_button)
        # A line of the flow is aligned at the top: as tall as a button, the label's text
        # sits level with theirs.
        controls[0].setMinimumHeight(self.undo_button.sizeHint().height())
        controls[0].setAlignment(Qt.AlignVCenter)
        row.addWidget(wrapping_row(controls), 2)
        # "Saving…" while a correction waits for a slow folder; why one was not saved.
        self.write_status = QLabel(objectName="commentsWriteStatus", wordWrap=True)
        self.write_status.hide()
        row.addWidget(self.write_status, 1)
        return row

    def _review_row(self) -> QHBoxLayout:
        """Review next, and learning from the corrections (a row of its own, so the panel
        fits a 1440 × 900 screen at 150 %)."""
        row = QHBoxLayout()
        self.review_button = QPushButton(self.tr("&Review next"), objectName="reviewNext")
        self.review_button.setToolTip(
            self.tr(
                "Show the uncorrected comments whose labels are least certain first, and move "
                "to the next one after each correction."
            )
        )
        self.review_button.clicked.connect(self.review_next)
        row.addWidget(self.review_button)
        self.learn_status = QLabel(objectName="learnStatus", wordWrap=True)
        row.addWidget(self.learn_status, 2)
        self.learn_button = QPushButton(self.tr("Learn from corrections"), objectName="learn")
        self.learn_button.setToolTip(
            self.tr(
                "Adapt the sentiment model to your corrections and compare its cross-validated "
                "accuracy with the shipped model's; Rapport uses it only where it is better."
            )
        )
        self.learn_button.clicked.connect(self.learn)
        row.addWidget(self.learn_button)
        self._update_buttons()
        return row

    # -- filters -----------------------------------------------------------------------
    def current_filter(self) -> CommentFilter:
        """The filter the boxes and the search field describe."""
        return self.filters.current_filter()

    def apply_filter(self) -> None:
        """Show the comments of the current filter."""
        self.filters.stop_typing_delay()
        if self.context.path is not None:
            self.model.set_filter(self.current_filter())

    def show_pair(self, wave: str, from_dept: str, to_dept: str, theme: str = "") -> None:
        """List one pair's comments in one wave (of one theme, ``"topic:<id>"`` for a
        topic), every other filter cleared: a pair's page shows only its 50 most negative,
        Themes only how many there are."""
        self._pending_pair = (wave, from_dept, to_dept, theme or None)
        if self.filters.choose_pair(*self._pending_pair):
            self._pending_pair = None
            self.apply_filter()
        else:  # chosen once the boxes hold the choices
            self._load_choices(then=self.apply_filter)

    def clear_filters(self) -> None:
        """Back to every comment that may be shown."""
        self.filters.clear()  # which applies the empty filter

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        """Fold the filter boxes away in a short window, so the table keeps the height."""
        super().resizeEvent(event)
        self.filters.fit_height(self.height())

    def _load_choices(self, then=None) -> None:
        """Read the boxes' choices, the theme names and the corrections (off the GUI
        thread), fill them in, then run ``then``."""
        self.reads.read(
            "section",
            read_section,
            self.context.path,
            apply=lambda data: self._on_section_read(data, then),
        )

    def _on_section_read(self, data: SectionData, then) -> None:
        if self.context.path is None:
            return
        self._fill_choices(data.choices, data.taxonomy)
        if self._pending_pair is not None:
            self.filters.choose_pair(*self._pending_pair)
            self._pending_pair = None
        self._show_learn_status(data.corrections)
        if then is not None:
            then()

    def _fill_choices(self, choices: dict, taxonomy) -> None:
        self.model.theme_label = taxonomy.label
        everything = self.tr("All")
        self.filters.refill(
            self.wave_box, [(self.tr("All waves"), None)] + [(w, w) for w in choices["waves"]]
        )
        depts = [(everything, None)] + [(d, d) for d in choices["departments"]]
        self.filters.refill(self.from_box, depts)
        self.filters.refill(self.to_box, depts)
        themes = [(taxonomy.label(t), t) for t in choices["themes"]]
        themes.sort(key=lambda item: item[0].lower())
        topics = [
            (self.tr("Topic: %1").replace("%1", theme_name(label)), f"topic:{tid}")
            for tid, label in choices["topics"]
        ]
        self.filters.refill(self.theme_box, [(self.tr("Any"), None), *themes, *topics])

    # -- label correction --------------------------------------------------------------
    def correct_selected(self, label: str | None) -> None:
        """Store ``label`` (``None``: remove the correction) for the selected comment (off
        the GUI thread: on a share that hangs the buttons wait with "Saving…" beside them,
        and a correction that fails is said there, the comment's label unchanged)."""
        index = self.table.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is None or self.context.path is None:
            return
        self.write_status.hide()
        controls = [*self.label_buttons.values(), self.undo_button]
        controls += [*self.relabel_actions.values(), self.undo_action]
        self.writes.run(
            store_correction,
            self.context.path,
            row.id,
            label,
            controls=controls,
            done=lambda shown: self._show_correction(index.row(), row, label, shown),
            failed=self._on_correction_failed,
        )

    def _show_correction(self, at: int, row, label: str | None, shown) -> None:
        from dataclasses import replace

        current = self.model.row_at(at)
        if current is not None and current.id == row.id:  # the list was not read again
            self.model.replace_row(
                at,
                replace(
                    row, label=shown.label, corrected=shown.corrected, sentiment=shown.sentiment
                ),
            )
            if label is not None and self.model.in_review_order:
                self._select_row(at + 1)
        self._update_learn_status()
        self._update_buttons()
        self.context.data_changed.emit(Changes(labels=True), self)

    def _on_correction_failed(self, exc: BaseException) -> None:
        self.write_status.setText(failed_text(exc, self.context.path))
        self.write_status.show()
        self._update_buttons()

    def _on_writes_saving(self, saving: bool) -> None:
        if saving:
            self.write_status.setText(saving_text())
        self.write_status.setVisible(saving)
        if not saving:  # the buttons as the comment selected now (or none) wants them
            self._update_buttons()

    def review_next(self) -> None:
        """Order the comments for review (least certain first) and select the first."""
        if self.context.path is None:
            return
        self.table.horizontalHeader().setSortIndicatorShown(False)
        self._select_when_loaded = 0
        self.model.set_review_order()  # selects the first row once it is read
        self.table.setFocus()

    def _select_row(self, row: int) -> None:
        if row >= self.model.rowCount() and self.model.canFetchMore():
            self._select_when_loaded = row
            self.model.fetchMore()  # selects the row once it is read
            return
        self._select_when_loaded = None
        candidate = self.model.row_at(row)
        if candidate is None or candidate.corrected:
            self.table.clearSelection()
            return
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    def _on_table_context_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self.table.setCurrentIndex(index)
        menu = QMenu(self)
        for label in LABELS:
            menu.addAction(self.relabel_actions[label])
        row = self.model.row_at(index.row())
        if row is not None and row.corrected:
            menu.addAction(self.undo_action)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def _update_buttons(self, *_args) -> None:
        index = self.table.currentIndex() if hasattr(self, "table") else None
        row = self.model.row_at(index.row()) if index is not None and index.isValid() else None
        if self.writes.running():  # a correction is saving: one at a time, said in place
            row = None
        for label, button in self.label_buttons.items():
            button.setEnabled(row is not None)
            self.relabel_actions[label].setEnabled(row is not None)
        self.undo_button.setEnabled(row is not None and row.corrected)
        self.undo_action.setEnabled(row is not None and row.corrected)

    # -- learning ----------------------------------------------------------------------
    def _update_learn_status(self) -> None:
        if self.context.path is None:
            self.learn_status.clear()
            return
        self.reads.read(
            "corrections", read_corrections, self.context.path, apply=self._show_learn_status
        )

    def _show_learn_status(self, count: int) -> None:
        from analysis.sentiment.labels import MIN_CORRECTIONS

        if count < MIN_CORRECTIONS:
            text = self.tr("%n corrections; learning starts at %1.", "", count)
        else:
            text = self.tr("%n corrections (%1 needed to learn).", "", count)
        self.learn_status.setText(text.replace("%1", str(MIN_CORRECTIONS)))
        self.learn_button.setEnabled(count >= MIN_CORRECTIONS and self.learn_job is None)

    def learn(self) -> None:
        """Adapt the model to the corrections as a job; show how it compares with the base."""

        self.learn_button.setEnabled(False)
        self.learn_job = self.context.submit_process(
            self.tr("Learning from corrections"),
            "analysis.sentiment.learned_labels:learn_from_workspace",
        )
        self.learn_job.succeeded.connect(self._on_learn_succeeded)
        self.learn_job.failed.connect(
            lambda error: QMessageBox.warning(self, self.tr("Rapport"), error.message)
        )
        self.learn_job.finished.connect(self._on_learn_finished)

    def _on_learn_succeeded(self, model) -> None:
        if model is None:
            self.learn_status.setText(
                self.tr(
                    "Not enough variety to learn from yet: correct comments of at least two "
                    "different labels."
                )
            )
        else:
            self.learn_status.setText(model.summary())

    def _on_learn_finished(self) -> None:
        self.learn_job = None
        self.learn_button.setEnabled(True)

    # -- context -----------------------------------------------------------------------
    def _on_model_rows_loaded(self) -> None:
        if self._select_when_loaded is not None:
            self._select_row(self._select_when_loaded)

    def _on_reads_waiting(self, text: str) -> None:
        """Say in the message line that a read waits for the folder (``""``: it came)."""
        if not text and (self.model.reads.pending() or self.reads.pending()):
            return  # another read of the section still waits
        self._waiting = text
        self._show_message()

    def _on_model_selection_changed(self) -> None:
        self._show_message()
        self._update_buttons()

    def _show_message(self) -> None:
        selection = self.model.selection
        if self.context.path is None:
            self.message.say(self.tr("Open a workspace to see its comments."))
            return
        if self._waiting or self.model.loading or self.reads.pending("section"):
            self.message.say(self._waiting or self.tr("Reading the comments…"), bool(self._waiting))
            return
        if selection.total == 0 and selection.hidden_groups:
            self.message.say(selection.message, warning=True)
            return
        self.message.show_count(selection, self.model.filter != CommentFilter())

    def _on_context_workspace_opened(self, path) -> None:
        self._deferred.pop("changed", None)
        self._select_when_loaded = self._pending_pair = None
        self.reads.forget()  # the previous workspace's choices and corrections
        self.model.forget()  # and its rows
        self.when_visible("reload", self._reload_all)

    def _on_context_analysis_finished(self, result) -> None:
        self.when_visible("reload", self._reload_all)

    def _on_context_data_changed(self, changes: Changes, initiator: object) -> None:
        # Its own corrections are already shown (the row was replaced in place).
        shown = Changes(labels=True, settings=True, departments=True, waves=True)
        if initiator is not self and changes.touches(shown) and self.context.path is not None:
            self.when_visible("changed", self._reload_rows)

    def _reload_all(self) -> None:
        if self.context.path is not None:
            self._load_choices(then=self.apply_filter)
            self._show_message()  # "Reading the comments…" until the choices come

    def _reload_rows(self) -> None:
        if self.context.path is not None:
            self._load_choices(then=self.model.reload)
