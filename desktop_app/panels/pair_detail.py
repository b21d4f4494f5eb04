"""The pair detail: everything about one directed pair in the selected wave.

Dimension bars against the organisation, the trend across waves with action markers, the
asymmetry against the reverse direction, themes, redacted comments (only when the group
meets the comment threshold), suggested and recorded actions. A non-modal dialog reused
for each pair the person opens.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from analysis.comments_query import pair_comments
from analysis.privacy import may_show_pair_comments, result_thresholds
from analysis.results import trend_key
from desktop_app.context import Changes
from desktop_app.panels.actions_panel import ActionDialog
from desktop_app.widgets.charts import BarChart, BarRow, LineChart, TrendSeries
from surveys.actions import ActionRecord, pair_actions
from surveys.bands import format_index
from surveys.model import DIMENSION_LABELS, DIMENSIONS, Bands


class PairDetailDialog(QDialog):
    """Shows one pair; call :meth:`show_pair` to (re)fill it."""

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("pair_detail")
        self.from_dept = self.to_dept = ""
        self.bands = Bands()
        self._build()
        context.data_changed.connect(self._on_context_data_changed)
        context.analysis_finished.connect(self._on_context_analysis_finished)

    def _build(self) -> None:
        self.resize(self.fontMetrics().height() * 48, self.fontMetrics().height() * 44)
        self.heading = QLabel(objectName="pairHeading")
        self.heading.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.summary = self._text_label("pairSummary")
        self.reasons = self._text_label("pairReasons")
        self.dimensions = BarChart()
        self.trend = LineChart()
        self.asymmetry = self._text_label("pairAsymmetry")
        self.asymmetry_bars = BarChart()
        self.themes = self._text_label("pairThemes")
        self.comments_note = self._text_label("pairCommentsNote")
        self.comments = QListWidget(objectName="pairComments")
        self.comments.setWordWrap(True)
        self.comments.setAccessibleName(self.tr("Redacted comments"))
        self.suggested = self._text_label("pairSuggested")
        self.recorded = self._text_label("pairRecorded")
        self.add_action = QPushButton(self.tr("Add action…"), objectName="addAction")
        self.add_action.clicked.connect(self._on_add_action_clicked)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.reasons)
        for title, widget in (
            (self.tr("Dimensions against the organisation"), self.dimensions),
            (self.tr("Trend across waves (▼ = joint action recorded)"), self.trend),
            (self.tr("Asymmetry: the reverse direction"), self.asymmetry),
            (None, self.asymmetry_bars),
            (self.tr("Themes in the comments"), self.themes),
            (self.tr("Comments (redacted)"), self.comments_note),
            (None, self.comments),
            (self.tr("Suggested actions"), self.suggested),
            (self.tr("Recorded actions"), self.recorded),
            (None, self.add_action),
        ):
            if title:
                layout.addWidget(self._section_label(title))
            layout.addWidget(widget)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.close)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll)
        outer.addWidget(buttons)

    def _text_label(self, name: str) -> QLabel:
        label = QLabel(objectName=name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        return label

    def _section_label(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setStyleSheet("font-weight: 600; margin-top: 10px;")
        return label

    # -- filling -----------------------------------------------------------------------
    def show_pair(self, from_dept: str, to_dept: str) -> None:
        """Fill the dialog with ``from_dept → to_dept`` of the current result and show it."""
        self.from_dept, self.to_dept = from_dept, to_dept
        self.refresh()
        self.show()
        self.raise_()
        self.activateWindow()

    def refresh(self) -> None:
        result = self.context.result
        if result is None or not self.from_dept:
            return
        pair = result.pair(self.from_dept, self.to_dept)
        self.setWindowTitle(
            self.tr("%1 → %2").replace("%1", self.from_dept).replace("%2", self.to_dept)
        )
        self.heading.setText(f"{self.from_dept} → {self.to_dept}")
        db = self.context.connect()
        try:
            self.bands = read_bands(db)
            actions = pair_actions(db, self.from_dept, self.to_dept)
            comments = pair_comments(db, result, pair)
        finally:
            db.close()
        self._fill_summary(result, pair)
        self._fill_dimensions(result, pair)
        self._fill_trend(result, actions)
        self._fill_asymmetry(result, pair)
        self._fill_comments(result, pair, comments)
        self._fill_actions(result, actions)

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
            why = (
                self.tr("Nobody in this group rated the pair.")
                if pair is None
                else self.tr(
                    "Fewer than %1 people answered, so no scores and no comments are shown."
                ).replace("%1", str(result.min_group))
            )
            self.summary.setText(f"{rates} {why}")
            self.reasons.hide()
            return
        text = (
            self.tr("%1 Relationship index %2 (%3), 95 % CI %4–%5, n = %6.")
            .replace("%1", rates)
            .replace("%2", format_index(pair.index))
            .replace("%3", pair.band or "")
        )
        text = text.replace("%4", _fmt(pair.ci_low)).replace("%5", _fmt(pair.ci_high))
        text = text.replace("%6", str(pair.n))
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
            self.reasons.setText(head + "\n• " + "\n• ".join(hotspot.reasons))

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

    def _fill_asymmetry(self, result, pair) -> None:
        reverse = result.pair(self.to_dept, self.from_dept)
        both = all(p is not None and not p.suppressed for p in (pair, reverse))
        self.asymmetry_bars.setVisible(both)
        if not both:
            self.asymmetry.setText(
                self.tr(
                    "Not shown: one of the two directions has fewer than %1 answers or was not "
                    "rated."
                ).replace("%1", str(result.min_group))
            )
            self.asymmetry_bars.set_rows([], 1.0, 5.0)
            return
        gap = pair.index - reverse.index
        self.asymmetry.setText(
            self.tr("%1 rates %2 %3; %2 rates %1 %4 (a gap of %5).")
            .replace("%1", self.from_dept)
            .replace("%2", self.to_dept)
            .replace("%3", format_index(pair.index))
            .replace("%4", format_index(reverse.index))
            .replace("%5", f"{gap:+.1f}")
        )
        self.asymmetry_bars.set_rows(
            [
                BarRow(
                    f"{self.from_dept} → {self.to_dept}",
                    pair.index,
                    format_index(pair.index),
                    band=pair.band,
                ),
                BarRow(
                    f"{self.to_dept} → {self.from_dept}",
                    reverse.index,
                    format_index(reverse.index),
                    band=reverse.band,
                ),
            ],
            1.0,
            5.0,
        )

    def _fill_comments(self, result, pair, comments: list[str]) -> None:
        allowed = may_show_pair_comments(pair, result_thresholds(result))
        themes = ", ".join(pair.themes) if allowed and pair.themes else ""
        self.themes.setText(themes or self.tr("No themes to show for this pair."))
        self.comments.clear()
        self.comments.addItems(comments)
        self.comments.setVisible(bool(comments))
        if allowed:
            self.comments_note.setText(
                self.tr("%1 comments, most negative first.").replace("%1", str(len(comments)))
            )
        else:
            self.comments_note.setText(
                self.tr(
                    "Comments are hidden: fewer than %1 people in this group commented."
                ).replace("%1", str(result.min_comment_group))
            )

    def _fill_actions(self, result, actions: list[ActionRecord]) -> None:
        hotspot = self._hotspot(result)
        if hotspot is not None and hotspot.actions:
            self.suggested.setText("• " + "\n• ".join(hotspot.actions))
        else:
            self.suggested.setText(self.tr("This pair is not a hotspot; nothing is suggested."))
        if actions:
            lines = [
                f"• {a.title} — {a.status}"
                + (f", {a.owner}" if a.owner else "")
                + (f", {self.tr('due')} {a.due}" if a.due else "")
                + (f" ({self.tr('wave')} {a.wave})" if a.wave else "")
                for a in actions
            ]
            self.recorded.setText("\n".join(lines))
        else:
            self.recorded.setText(self.tr("No action recorded for this pair yet."))

    # -- slots -------------------------------------------------------------------------
    def _on_add_action_clicked(self) -> None:
        dialog = ActionDialog(self.context, self.from_dept, self.to_dept, self)
        dialog.exec()  # the dialog announces the new action; the refresh follows from it

    def _on_context_data_changed(self, changes: Changes, initiator: object) -> None:
        if self.isVisible() and changes.touches(Changes(actions=True, departments=True)):
            self.refresh()

    def _on_context_analysis_finished(self, result) -> None:
        if self.isVisible():
            self.refresh()


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
