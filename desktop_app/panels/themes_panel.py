"""Themes: taxonomy themes and discovered topics of a wave, with their size per pair, top
terms and an example (redacted) comment; edit the taxonomy and re-run the analysis."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from analysis.text import capitalised
from desktop_app.panels.base import Panel, heading
from desktop_app.panels.theme_reads import read_taxonomy_text, read_theme_detail
from desktop_app.section_reads import SectionReads, waiting_text
from desktop_app.widgets.fitted_columns import FittedColumns
from desktop_app.widgets.plain_text import plain_tip
from desktop_app.widgets.wave_picker import WavePicker
from surveys.bands import format_share

#: The most of a theme's example shown beside it (characters); the whole comment is in the
#: label's tooltip and in Comments.
EXAMPLE_CHARS = 300


def theme_name(name: str) -> str:
    """A theme's or topic's name as shown: with a capital, and the two names analysis gives
    a topic without words of its own (``analysis.topic_labels.SWEARING_LABEL`` and
    ``UNNAMED_LABEL``, stored in English like every topic label) in the user's language,
    as the sentiment labels are."""
    translate = QCoreApplication.translate
    nameless = {
        "strong language": translate("ThemeNames", "strong language"),
        "other comments": translate("ThemeNames", "other comments"),
    }
    return capitalised(nameless.get(name, name))


def example_text(text: str) -> tuple[str, str]:
    """A theme's example as shown (one flowing text, at most :data:`EXAMPLE_CHARS`
    characters, cut at a word) and as a whole (one flowing text).

    The example is a respondent's comment, which may hold thousands of line breaks: shown
    as written, one made the window thousands of pixels tall, on every section.
    """
    whole = " ".join(text.split())
    if len(whole) <= EXAMPLE_CHARS:
        return whole, whole
    return whole[: EXAMPLE_CHARS - 1].rsplit(" ", 1)[0] + "…", whole


def _table(name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), objectName=name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
    return table


#: The role of a cell's sort key (a number: a count, a share; -1 when none is shown).
SORT_ROLE = Qt.UserRole + 1
#: The role of a theme row's index into :attr:`ThemesPanel.summaries` (rows move when sorted).
SUMMARY_ROLE = Qt.UserRole
PAIR_ROLE = Qt.UserRole + 2  # (from, to) of a row of the pairs table


class _SortableItem(QTableWidgetItem):
    """Sorts by its number, not its text: "100 %" after "80 %", "fewer than 5" below 5."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.data(SORT_ROLE), other.data(SORT_ROLE)
        if mine is not None and theirs is not None:
            return mine < theirs
        return self.text().casefold() < other.text().casefold()


def _cell(text: str, align_right: bool = False, key: float | None = None) -> QTableWidgetItem:
    item = _SortableItem(text)
    if align_right:
        item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
    if key is not None:
        item.setData(SORT_ROLE, key)
    return item


def _sortable(table: QTableWidget) -> None:
    """Clicking a column's title sorts by it; until then the rows keep the analysis' order.

    The figure columns fit their values and titles, and only the sorted column keeps room
    for the arrow (a sortable header keeps it in every column, and the names wrapped)."""
    table.horizontalHeader().setSortIndicator(-1, Qt.AscendingOrder)
    table.setSortingEnabled(True)
    FittedColumns(table, main=0, caps={})


class ThemesPanel(Panel):
    """What the comments are about, per theme and per pair."""

    section = "themes"
    #: a pair's row activated: the wave, From, About and the theme's key in Comments' filter
    comments_requested = Signal(str, str, str, str)

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.summaries = []
        self.reads = SectionReads(context, self)  # a theme's detail, the editor's taxonomy
        self._editor = None  # the last themes editor opened
        self._said_before = ""  # the status line before a read said that it waits
        self.reads.waiting.connect(self._on_reads_waiting)
        self.analysis_job = None
        self.themes = _table(
            "themesTable",
            [
                self.tr("Theme or topic"),
                self.tr("Kind"),
                self.tr("Comments"),
                self.tr("Share"),
                self.tr("Negative"),
            ],
        )
        self.themes.setAccessibleName(self.tr("Themes and topics"))
        _sortable(self.themes)
        self.themes.itemSelectionChanged.connect(self._show_detail)
        self.pairs = _table("themePairsTable", [self.tr("Pair"), self.tr("Comments")])
        self.pairs.setAccessibleName(self.tr("Size per pair"))
        _sortable(self.pairs)
        self.pairs.activated.connect(self._on_pairs_activated)  # double-click or Enter
        self.theme_key: str | None = None  # the selected theme's key in Comments' filter
        self.detail_title = QLabel(objectName="themeTitle")
        self.detail_title.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.terms = QLabel(objectName="themeTerms", wordWrap=True)
        self.example = QLabel(objectName="themeExample", wordWrap=True)
        self.example.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.status = QLabel(objectName="themesStatus", wordWrap=True)
        self.edit_button = QPushButton(self.tr("&Edit themes…"), objectName="editThemes")
        self.edit_button.clicked.connect(self.edit_taxonomy)
        top = QHBoxLayout()
        top.addWidget(heading(self.tr("Themes")))
        top.addStretch(1)
        top.addWidget(self.edit_button)
        top.addWidget(WavePicker(context))
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.detail_title, self.terms, self.example):
            detail_layout.addWidget(widget)
        detail_layout.addWidget(
            QLabel(
                self.tr(
                    "Comments per pair (pairs that may be shown; double-click one to read "
                    "them in Comments):"
                ),
                wordWrap=True,
            )
        )
        detail_layout.addWidget(self.pairs, 1)
        splitter = QSplitter()
        splitter.addWidget(self.themes)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Themes come from Rapport's list of friction themes (which you can edit); "
                    "topics "
                    "are discovered in the comments themselves. Counts are of comments in the wave."
                ),
                wordWrap=True,
            )
        )
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)

    def title(self) -> str:
        return self.tr("Themes")

    # -- showing -----------------------------------------------------------------------
    def show_result(self, result) -> None:
        """List the themes and topics of ``result`` (an AnalysisResult)."""
        self.summaries = list(result.themes) if result is not None else []
        self.themes.setSortingEnabled(False)  # rows filled in place, then sorted as HR chose
        self.themes.setRowCount(len(self.summaries))
        for row, summary in enumerate(self.summaries):
            kind = self.tr("theme") if summary.kind == "taxonomy" else self.tr("topic")
            negative = (
                "" if summary.negative_share is None else format_share(summary.negative_share)
            )
            cells = [
                _cell(theme_name(summary.name)),
                _cell(kind),
                _cell(str(summary.count), True, summary.count),
                _cell(format_share(summary.share), True, summary.share),
                _cell(
                    negative, True, -1 if summary.negative_share is None else summary.negative_share
                ),
            ]
            cells[0].setData(SUMMARY_ROLE, row)
            for column, item in enumerate(cells):
                self.themes.setItem(row, column, item)
        self.themes.setSortingEnabled(True)
        if result is not None and not result.released:
            self.status.setText(
                self.tr(
                    "Wave %1 is still open: its themes are shown once it is closed (Pulses → "
                    "Close wave). Pick an earlier wave above to see its themes."
                ).replace("%1", result.wave)
            )
        elif result is not None and not self.summaries:
            self.status.setText(
                self.tr(
                    "No themes to show for %1: the wave has fewer comments than the comment "
                    "threshold, or none were analysed yet."
                ).replace("%1", result.wave)
            )
        elif result is not None:
            self.status.setText(
                self.tr("Wave %1: %n themes and topics.", "", len(self.summaries)).replace(
                    "%1", result.wave
                )
            )
        if self.summaries:
            with QSignalBlocker(self.themes):  # its detail is read once, just below
                self.themes.selectRow(0)
        # Read whether the selection changed or not: with the first row already selected,
        # another result (another wave, a re-analysis) kept the previous one's detail.
        self._show_detail()

    def selected(self):
        rows = self.themes.selectionModel().selectedRows()
        if not rows:
            return None
        return self.summaries[self.themes.item(rows[0].row(), 0).data(SUMMARY_ROLE)]

    def _show_detail(self) -> None:
        summary = self.selected()
        result = self.context.result
        self.pairs.setRowCount(0)
        if summary is None or result is None:
            self.reads.forget()  # a late detail of another theme or workspace is not shown
            self.detail_title.clear()
            self.terms.clear()
            self.example.clear()
            return
        self.detail_title.setText(theme_name(summary.name))
        shown, whole = example_text(summary.example or "")
        self.example.setText(
            self.tr("Example: “%1”").replace("%1", shown)
            if summary.example
            else self.tr("No example: no pair with this theme meets the comment threshold.")
        )
        self.example.setToolTip(plain_tip(whole) if shown != whole else "")
        self.terms.clear()
        if self.context.path is not None:  # the sizes per pair and the terms: off the GUI thread
            self.reads.read(
                "detail",
                read_theme_detail,
                self.context.path,
                result,
                summary,
                apply=lambda detail: self._fill_detail(result, detail),
            )

    def _fill_detail(self, result, detail: tuple) -> None:
        sizes, terms, self.theme_key, refused = detail
        depts = {f"{p.from_dept} → {p.to_dept}": (p.from_dept, p.to_dept) for p in result.pairs}
        self.terms.setText(
            self.tr("Top terms: %1").replace("%1", ", ".join(terms[:12])) if terms else ""
        )
        self.pairs.setSortingEnabled(False)
        self.pairs.setRowCount(len(sizes))
        fewer = self.tr("fewer than %1").replace("%1", str(result.min_comment_group))
        for row, (pair, count) in enumerate(sizes):
            shown = fewer if count is None else str(count)
            self.pairs.setItem(row, 0, _cell(pair))
            # A count given as "fewer than k" leads nowhere: Comments would list them; nor
            # does one whose comments Comments' differencing guard refuses to list.
            leads = count is not None and pair not in refused
            self.pairs.item(row, 0).setData(PAIR_ROLE, depts.get(pair) if leads else None)
            if pair in refused:  # the guard's words: why Comments does not list them
                tip = self.tr("Not listed in Comments: %1").replace("%1", refused[pair])
                self.pairs.item(row, 0).setToolTip(tip)
            self.pairs.setItem(row, 1, _cell(shown, True, -1 if count is None else count))
        self.pairs.setSortingEnabled(True)

    def _on_pairs_activated(self, index) -> None:
        pair = self.pairs.item(index.row(), 0).data(PAIR_ROLE)
        result = self.context.result
        if pair and result is not None and self.theme_key:
            self.comments_requested.emit(result.wave, *pair, self.theme_key)

    def _on_reads_waiting(self, text: str) -> None:
        """Say under the heading that a read (a theme's detail, the themes editor's) waits
        for the folder; once every read answered, what it said before comes back."""
        if text:
            self._said_before = self.status.text()
            self.status.setText(text)
        elif self.status.text() == waiting_text():  # nothing was said since
            self.status.setText(self._said_before)

    # -- editing -----------------------------------------------------------------------
    def edit_taxonomy(self):
        """Open the taxonomy editor once the taxonomy is read (off the GUI thread: on a share
        that hangs the section says so and the editor opens when the folder answers); after
        saving, re-run the analysis as a job. The dialog, or ``None`` until then. An
        editor closed while its save still waits is shown again instead."""
        if self._editor is not None and isValid(self._editor) and self._editor.show_again():
            return self._editor
        opened = []
        self.reads.read(
            "taxonomy",
            read_taxonomy_text,
            self.context.path,
            apply=lambda text: opened.append(self._open_editor(text)),
            asked=True,
        )
        return opened[0] if opened else None

    def _open_editor(self, text: str):
        from desktop_app.taxonomy_dialog import TaxonomyDialog

        dialog = self._editor = TaxonomyDialog(self.context, self, text)
        dialog.accepted.connect(self.reanalyse)
        dialog.open()
        return dialog

    def reanalyse(self):
        """Run the analysis again (after the taxonomy changed)."""
        self.status.setText(self.tr("Themes saved. Analysing the comments again…"))
        job = self.context.run_analysis(self.context.wave)
        job.failed.connect(lambda error: self.status.setText(error.message))
        job.cancelled.connect(
            lambda: self.status.setText(
                self.tr("The analysis was cancelled; the new themes apply at the next analysis.")
            )
        )
        self.analysis_job = job
        return job

    # -- context -----------------------------------------------------------------------
    def _on_context_workspace_opened(self, path) -> None:
        self._deferred.pop("result", None)
        self.show_result(None)
        self._say_waiting(self.context.has_responses is not False)

    def _on_context_responses_known(self, has: bool) -> None:
        if not has and self.context.result is None:  # it read "Analysing…" till now
            self._say_waiting(False)

    def _say_waiting(self, has_responses: bool) -> None:
        """What comes before the first result: the analysis, or answers first."""
        self.status.setText(
            self.tr("Analysing…")
            if has_responses
            else self.tr(
                "No themes yet: they are found in the comments once answers are in (publish "
                "a wave and ingest its answers in Pulses, or File › Import responses…)."
            )
        )

    def _on_context_analysis_finished(self, result) -> None:
        self.when_visible("result", lambda: self.show_result(self.context.result))
