"""The pair page: everything about one directed pair in the selected wave.

A page of the main window, reached by clicking a heatmap cell, a network edge or a hotspot
card (``context.pair_requested``), and left with Back. Two columns at normal widths (one
when the window is narrow): on the left the figures (dimension bars against the
organisation, the trend across waves with action markers, the asymmetry against the reverse
direction) and the actions (suggested ones, each recorded in one click, and recorded ones);
on the right the themes and one card per redacted comment, shown only when the group meets
the comment threshold (:func:`analysis.comments_query.pair_comments` asks the privacy gate).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from analysis.comments_query import pair_comment_count, pair_comments
from analysis.privacy import may_show_pair_comments, result_thresholds
from analysis.results import trend_key
from analysis.sentiment.labels import is_non_answer
from analysis.text import capitalised
from desktop_app import section_reads
from desktop_app.context import Changes
from desktop_app.panels.base import Panel
from desktop_app.panels.pair_actions import ActionNotice, PairActions
from desktop_app.section_reads import SectionReads
from desktop_app.widgets.charts import BarChart, BarRow
from desktop_app.widgets.columns import Columns
from desktop_app.widgets.figures import grouped, grouped_count
from desktop_app.widgets.hotspot_kinds import kind_help
from desktop_app.widgets.pair_cards import CardBatches, CommentCard
from desktop_app.widgets.trend_chart import LineChart, TrendSeries
from surveys.actions import ActionRecord, pair_actions
from surveys.bands import format_index, shown_change
from surveys.model import DIMENSION_LABELS, DIMENSIONS, Bands


class PairPage(Panel):
    """One pair, filling the window; :meth:`show_pair` (re)fills it."""

    section = "pair"
    back_requested = Signal()
    #: "Show all … in Comments": the wave, From and About of the pair shown
    comments_requested = Signal(str, str, str)

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.from_dept = self.to_dept = ""
        self.bands = Bands()
        #: The pair and wave whose read was last applied (``(from, to, wave)``)
        self.shown: tuple[str, str, str] | None = None
        # Filled, then shown; waited for a moment only: on a big workspace the read takes
        # 0.3–0.6 s, and the page says it reads meanwhile (it froze the window that long).
        self.reads = SectionReads(context, self, wait_hidden=True, brief=True)
        self.reads.waiting.connect(self._on_reads_waiting)
        self._build()

    def title(self) -> str:
        return self.tr("Pair")

    # -- building ----------------------------------------------------------------------
    def _build(self) -> None:
        self.back_button = QToolButton(objectName="pairBack")
        self.back_button.setArrowType(Qt.LeftArrow)
        self.back_button.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self.back_button.setText(self.tr("Back"))
        self.back_button.setAccessibleName(self.tr("Back"))
        self.back_button.clicked.connect(self.back_requested)
        self.heading = QLabel(objectName="pairHeading")
        self.heading.setStyleSheet("font-size: 17pt; font-weight: 600;")
        self.heading.setWordWrap(True)  # long department names wrap instead of widening the page
        self.summary = self._text_label("pairSummary")
        self.summary.setToolTip(
            self.tr(
                "The relationship index is the mean of the seven dimensions, from 1 (poor) to "
                "5 (excellent). The range is where the index of everyone in the department "
                "would most likely fall, judged from the people who answered."
            )
        )
        self.reasons = self._text_label("pairReasons")
        # Said while the pair's read waits for a slow folder (hidden otherwise).
        self.waiting = self._text_label("pairWaiting")
        self.waiting.hide()
        self.dimensions = BarChart()
        self.trend = LineChart()
        self.asymmetry = self._text_label("pairAsymmetry")
        self.asymmetry_bars = BarChart()
        self.actions = PairActions(self.context, self)
        self.notice = ActionNotice(self.context, self)
        self.actions.recorded.connect(self.notice.show_recorded)
        self.actions.failed.connect(self.notice.show_error)
        self.actions.writes.saving.connect(self.notice.show_saving)
        self.themes = self._text_label("pairThemes")
        self.comments_note = self._text_label("pairCommentsNote")
        self.all_comments = QPushButton(objectName="pairAllComments")
        self.all_comments.clicked.connect(self._on_all_comments_clicked)
        self.all_comments.hide()
        self.comments = QWidget(objectName="pairComments")
        self.comments.setAccessibleName(self.tr("Redacted comments"))
        self.comments_layout = QVBoxLayout(self.comments)
        self.comments_layout.setContentsMargins(0, 0, 0, 0)
        self.cards = CardBatches(self.comments_layout, self)
        self.columns = Columns()
        for title, widget in (
            (self.tr("Dimensions against the organisation"), self.dimensions),
            (self.tr("Trend across waves (▼ = joint action recorded)"), self.trend),
            (self.tr("Asymmetry: the reverse direction"), self.asymmetry),
            (None, self.asymmetry_bars),
        ):
            if title:
                self.columns.left.addWidget(self._section_label(title))
            self.columns.left.addWidget(widget)
        self.columns.left.addStretch(1)
        for title, widget in (
            (None, self.actions),
            (self.tr("Themes in the comments"), self.themes),
            (self.tr("Comments (redacted)"), self.comments_note),
            (None, self.comments),
            (None, self.all_comments),
        ):
            if title:
                self.columns.right.addWidget(self._section_label(title))
            self.columns.right.addWidget(widget)
        self.columns.right.addStretch(1)
        body = QWidget()
        layout = QVBoxLayout(body)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addSpacing(self.fontMetrics().height())
        top.addWidget(self.heading, 1)
        layout.addLayout(top)
        self.actions.place_notice(self.notice)  # by the suggestions it speaks of
        for widget in (self.waiting, self.summary, self.reasons, self.columns):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.set_scrolling_body(body)

    def _text_label(self, name: str) -> QLabel:
        label = QLabel(objectName=name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        return label

    def _section_label(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setStyleSheet("font-size: 12pt; font-weight: 600; margin: 10px 0 0 0;")
        label.setIndent(0)
        return label

    # -- filling -----------------------------------------------------------------------
    def show_pair(self, from_dept: str, to_dept: str) -> None:
        """Fill the page with ``from_dept → to_dept`` of the current result."""
        if (from_dept, to_dept) != (self.from_dept, self.to_dept):
            self.notice.hide()
        self.from_dept, self.to_dept = from_dept, to_dept
        self.refresh()

    @property
    def comment_cards(self) -> list[CommentCard]:
        """The comment cards built so far (the first screenful with the page, the rest on
        the next turns of the event loop: :meth:`cards_complete`)."""
        return self.cards.cards

    def cards_complete(self) -> bool:
        """Whether every comment card of the pair shown is built."""
        return self.cards.complete()

    def set_back_tooltip(self, text: str) -> None:
        """Say where Back goes and its keys (the window knows both)."""
        self.back_button.setToolTip(text)

    def refresh(self) -> None:
        """Read the pair again from the current result and the workspace (off the GUI
        thread: on a share that hangs the page says so in its place, and fills in once the
        folder answers)."""
        # A refresh held back while the page was hidden (an analysis finished, an action
        # was recorded) is this one: run on showing, it built every card a second time.
        self._deferred.pop("refresh", None)
        result = self.context.result
        if result is None or not self.from_dept or self.context.path is None:
            return
        key = (self.from_dept, self.to_dept)
        pair = result.pair(*key)
        self.heading.setText(f"{self.from_dept} → {self.to_dept}")
        done = self.reads.read(
            "pair",
            read_pair,
            self.context.path,
            result,
            *key,
            apply=lambda found: self._fill(key, result, pair, found),
            say_after_ms=section_reads.SAY_SLOW_MS,
        )
        if not done and self.shown != (*key, result.wave):
            # Another pair's figures and comments stay no moment under this heading, nor
            # another wave's (the wave chosen while the page is shown).
            self.summary.hide()
            self.reasons.hide()
            self.columns.hide()
            self._on_reads_waiting(self.tr("Reading this pair's figures and comments…"))

    def _fill(self, key: tuple[str, str], result, pair, found: PairReading) -> None:
        """Show what the pair's read found (on the GUI thread)."""
        if key != (self.from_dept, self.to_dept) or result is not self.context.result:
            return  # another pair or result was asked for meanwhile: its read follows
        self.shown = (*key, result.wave)
        self.bands = found.bands
        if not self.reads.pending():  # "Reading…", or the folder was slow: it answered
            self._on_reads_waiting("")
        self.summary.show()
        self.columns.show()
        self._fill_summary(result, pair)
        self._fill_dimensions(result, pair)
        self._fill_trend(result, found.actions)
        self._fill_asymmetry(result, pair)
        self._fill_comments(result, pair, found)
        self.actions.show_actions(
            self.from_dept, self.to_dept, self._hotspot(result), found.actions
        )

    def _on_reads_waiting(self, text: str) -> None:
        self.waiting.setText(text)
        self.waiting.setVisible(bool(text))

    def _hotspot(self, result) -> Any:
        for hotspot in result.hotspots:
            if (hotspot.from_dept, hotspot.to_dept) == (self.from_dept, self.to_dept):
                return hotspot
        return None

    def _fill_summary(self, result, pair) -> None:
        rates = (
            self.tr("How %1 rates %2 in wave %3.")
            .replace("%1", self.from_dept)
            .replace("%2", self.to_dept)
            .replace("%3", result.wave)
        )
        if pair is None or pair.suppressed:
            # Nobody and one to k-1 people read alike: telling them apart reveals a group.
            why = self.tr(
                "Fewer than %n people answered, so no scores and no comments are shown.",
                "",
                result.min_group,
            )
            self.summary.setText(f"{rates} {why}")
            self.reasons.hide()
            return
        text = (
            self.tr(
                "%1 Relationship index %2 (%3), most likely between %4 and %5 (95 % "
                "confidence), from %6 people."
            )
            .replace("%1", rates)
            .replace("%2", format_index(pair.index))
            .replace("%3", pair.band or "")
        )
        text = text.replace("%4", _fmt(pair.ci_low)).replace("%5", _fmt(pair.ci_high))
        text = text.replace("%6", grouped(pair.n))
        if result.organisation_index is not None:
            text += " " + self.tr("Organisation: %1.").replace(
                "%1", format_index(result.organisation_index)
            )
        self.summary.setText(text)
        hotspot = self._hotspot(result)
        self.reasons.setVisible(hotspot is not None)
        if hotspot is not None:
            head = (
                self.tr("Hotspot #%1 (%2):")
                .replace("%1", str(hotspot.rank))
                .replace("%2", hotspot.kind)
            )
            self.reasons.setText(
                head + "\n• " + "\n• ".join(capitalised(r) for r in hotspot.reasons)
            )
            self.reasons.setToolTip(kind_help(hotspot.kind))

    def _fill_dimensions(self, result, pair) -> None:
        rows = []
        shown = pair is not None and not pair.suppressed
        for dim in DIMENSIONS if shown else ():
            value = pair.dimensions.get(dim)
            org = result.organisation_dimensions.get(dim)
            text = f"{_fmt(value)}  ({self.tr('organisation')} {_fmt(org)})"
            rows.append(BarRow(DIMENSION_LABELS[dim], value, text, org, self.bands.band(value)))
        self.dimensions.set_rows(rows, 1.0, 5.0, self.tr("organisation") if rows else "")
        self.dimensions.setVisible(shown)

    def _fill_trend(self, result, actions: list[ActionRecord]) -> None:
        points = result.trends.get(trend_key(self.from_dept, self.to_dept), [])
        by_wave = {p.wave: p.index for p in points}
        markers: dict[str, list[str]] = {}
        for action in actions:
            if action.wave:
                markers.setdefault(action.wave, []).append(action.title)
        waves = list(result.waves)
        self.trend.set_series(TrendSeries(waves, [by_wave.get(w) for w in waves], markers))

    def _asymmetry_text(self, index: float, reverse: float) -> str:
        """ "Sales rates IT 2.6; IT rates Sales 3.9, 1.3 higher.": the gap as a size and a
        direction ("a gap of -1.3" left people to work out which way it went)."""
        gap = shown_change(index, reverse)
        if gap == "0.0":
            text = self.tr("%1 rates %2 %3, and %2 rates %1 the same.")
        elif gap.startswith("-"):
            text = self.tr("%1 rates %2 %3; %2 rates %1 %4, %5 lower.")
        else:
            text = self.tr("%1 rates %2 %3; %2 rates %1 %4, %5 higher.")
        return (
            text.replace("%1", self.from_dept)
            .replace("%2", self.to_dept)
            .replace("%3", format_index(index))
            .replace("%4", format_index(reverse))
            .replace("%5", gap.lstrip("+-"))
        )

    def _fill_asymmetry(self, result, pair) -> None:
        reverse = result.pair(self.to_dept, self.from_dept)
        both = all(p is not None and not p.suppressed for p in (pair, reverse))
        self.asymmetry_bars.setVisible(both)
        if not both:
            self.asymmetry.setText(
                self.tr(
                    "Not shown: one of the two directions has fewer than %n answers.",
                    "",
                    result.min_group,
                )
            )
            self.asymmetry_bars.set_rows([], 1.0, 5.0)
            return
        self.asymmetry.setText(self._asymmetry_text(pair.index, reverse.index))
        self.asymmetry_bars.set_rows(
            [
                BarRow(f"{a.from_dept} → {a.to_dept}", a.index, format_index(a.index), band=a.band)
                for a in (pair, reverse)
            ],
            1.0,
            5.0,
        )

    def _fill_comments(self, result, pair, found: PairReading) -> None:
        comments, theme_label, total = found.comments, found.theme_label, found.comment_total
        allowed = may_show_pair_comments(pair, result_thresholds(result))
        themes = ", ".join(pair.themes) if allowed and pair.themes else ""
        self.themes.setText(themes or self.tr("No themes to show for this pair."))
        # "n/a", "none", "-" say nothing: counted, not shown as cards (the explorer lists them)
        said = [row for row in comments if not is_non_answer(row.text)]
        self.cards.build(said, theme_label)
        self.comments.setVisible(bool(said))
        more = max(total - len(comments), 0)  # beyond the page's limit: in Comments
        self.all_comments.setVisible(allowed and more > 0)
        self.all_comments.setText(
            grouped_count(self.tr("Show all %n in Comments", "", total), total)
        )
        if allowed:
            self.comments_note.setText(self._comments_note(len(said), len(comments), total))
        else:
            self.comments_note.setText(
                self.tr(
                    "Comments are hidden: fewer than %n people in this group commented.",
                    "",
                    result.min_comment_group,
                )
            )

    def _comments_note(self, said: int, read: int, total: int) -> str:
        """What the cards are: all of the pair's comments, or its most negative ones."""
        if total > read:
            note = grouped_count(self.tr("The %1 most negative of %n comments.", "", total), total)
            note = note.replace("%1", grouped(said))
        else:
            note = self.tr("%n comments, most negative first.", "", said)
        if said < read:
            note += " " + self.tr(
                "%n more said nothing (such as “n\u2060/\u2060a”).", "", read - said
            )
        return note

    # -- slots -------------------------------------------------------------------------
    def _on_all_comments_clicked(self) -> None:
        if self.context.result is not None:
            self.comments_requested.emit(self.context.result.wave, self.from_dept, self.to_dept)

    def _on_context_data_changed(self, changes: Changes, initiator: object) -> None:
        if changes.touches(Changes(actions=True, departments=True, labels=True, settings=True)):
            self.when_visible("refresh", self.refresh)

    def _on_context_analysis_finished(self, result) -> None:
        self.when_visible("refresh", self.refresh)


@dataclass(frozen=True)
class PairReading:
    """What the pair page reads from the workspace besides the result."""

    bands: Bands
    actions: list[ActionRecord]
    comments: list
    theme_label: Callable[[str], str]
    comment_total: int = 0  # the pair's comments that may be shown, beyond ``comments``' limit


def read_pair(path: Path, result: Any, from_dept: str, to_dept: str) -> PairReading:
    """The workspace's bands, the pair's actions, its redacted comments (only where the
    privacy gate allows: :func:`analysis.comments_query.pair_comments`) and the theme
    labels, in one open; runs on any thread."""
    from desktop_app.workspace_reads import open_for_section

    db = open_for_section(path)
    try:
        actions = pair_actions(db, from_dept, to_dept)
        pair = result.pair(from_dept, to_dept)
        comments = pair_comments(db, result, pair)
        total = pair_comment_count(db, result, pair)
        return PairReading(read_bands(db), actions, comments, theme_labels(db), total)
    finally:
        db.close()


def read_workspace_bands(path: Path) -> Bands:
    """The workspace's bands (:func:`read_bands`); runs on any thread."""
    from desktop_app.workspace_reads import open_for_section

    db = open_for_section(path)
    try:
        return read_bands(db)
    finally:
        db.close()


def theme_labels(db):
    """A function giving a theme id's label in the workspace's taxonomy."""
    from analysis.taxonomy_setting import workspace_taxonomy
    from analysis.themes import TaxonomyError, default_taxonomy

    try:
        taxonomy = workspace_taxonomy(db) or default_taxonomy()
    except TaxonomyError:
        taxonomy = default_taxonomy()
    return taxonomy.label


def read_bands(db) -> Bands:
    """The workspace's bands, or the defaults when the stored setting is unusable.

    Read here rather than through :mod:`analysis.relationships` so that the GUI thread
    never imports the analysis engine (SciPy): an import on the GUI thread would stall
    the window, and wait for the worker's own import of the same modules.
    """
    from surveys.store import get_setting

    raw = get_setting(db, "bands")
    try:
        if isinstance(raw, str):
            raw = json.loads(raw)
        weak, strong = float(raw["weak_below"]), float(raw["strong_above"])
    except (KeyError, TypeError, ValueError):
        return Bands()  # unset, or unusable: the analysis and Settings report it
    return Bands(weak, strong) if 1 <= weak <= strong <= 5 else Bands()


def _fmt(value: float | None) -> str:
    return format_index(value)
