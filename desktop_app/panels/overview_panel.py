"""Overview: participation against headcount, top hotspots with reasons, what changed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from analysis.export import DEFAULT_HOTSPOT_SLIDES
from analysis.text import capitalised
from desktop_app.models.overview_data import (
    changes_since_previous,
    improvements_by_baseline,
    percent,
    previous_wave,
    total_participation,
)
from desktop_app.panels.base import Panel, header_row
from desktop_app.widgets.charts import BarChart, BarRow
from desktop_app.widgets.figures import grouped, grouped_count
from desktop_app.widgets.hanging_list import set_hanging_lines, set_plain_text
from desktop_app.widgets.hotspot_kinds import kind_help
from desktop_app.widgets.overdue_actions import OverdueActions
from desktop_app.widgets.wave_picker import WavePicker
from surveys.bands import format_index, shown_change
from surveys.pulses import LOW_PARTICIPATION

#: Hotspot cards shown on the overview: as many as the deck's hotspot slides by default.
TOP_HOTSPOTS = DEFAULT_HOTSPOT_SLIDES
#: The markers of "What changed": a pair's index rose or fell.
RISE, FALL = "▲", "▼"


#: The widest the participation chart grows, in average characters.
MAX_CHART_CHARS = 200


class OverviewPanel(Panel):
    """The first screen: how many answered, where it hurts, what moved."""

    section = "overview"

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.wave_picker = WavePicker(context)
        self.headline = self._label("overviewHeadline")
        self.participation = BarChart()
        self.participation.setObjectName("participationChart")
        # On a wide screen the bars ran 2,400 pixels, their figures far from the names:
        # about a laptop window's width at most (the text around it uses the whole width).
        chars = self.participation.fontMetrics().averageCharWidth()
        self.participation.setMaximumWidth(MAX_CHART_CHARS * chars)
        # Said under the heading while there are no bars: a bare heading looked unfinished.
        self.participation_note = self._label("participationNote")
        self.hotspot_box = QWidget(objectName="hotspotCards")
        # The cards' two columns split the whole width: on a 2560-pixel screen the second
        # card's lines began 1,200 pixels from the first's; as wide as the bars at most.
        self.hotspot_box.setMaximumWidth(MAX_CHART_CHARS * chars)
        self.hotspot_grid = QGridLayout(self.hotspot_box)
        self.hotspot_grid.setContentsMargins(0, 0, 0, 0)
        self.changes = self._label("overviewChanges")
        self.overdue = OverdueActions(context)
        # Connected after the overdue box's own slots: its rows, made after the cards, came
        # after them in the Tab order although they stand above them.
        context.analysis_finished.connect(self._order_tabs)
        context.data_changed.connect(self._order_tabs)
        self.overdue.filled.connect(self._order_tabs)  # rows read late on a slow folder
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(self._header())
        layout.addWidget(self.headline)
        layout.addWidget(self.overdue)
        layout.addWidget(self._section(self.tr("Participation against headcount")))
        layout.addWidget(self.participation_note)
        layout.addWidget(self.participation)
        layout.addWidget(self._section(self.tr("Top hotspots")))
        layout.addWidget(self.hotspot_box)
        self.changes_heading = self._section(self.tr("What changed since the last wave"))
        layout.addWidget(self.changes_heading)
        layout.addWidget(self.changes)
        # Improvements measured from an earlier wave than the heading's (a trend over
        # four waves): under their own heading, each line saying since when.
        self.earlier_heading = self._section(self.tr("Improved since an earlier wave"))
        self.earlier_changes = self._label("overviewEarlierChanges")
        layout.addWidget(self.earlier_heading)
        layout.addWidget(self.earlier_changes)
        layout.addStretch(1)
        self.set_scrolling_body(body)
        self._show_empty()

    def title(self) -> str:
        return self.tr("Overview")

    def _header(self) -> QHBoxLayout:
        return header_row(self.tr("Overview"), self.wave_picker)

    def _label(self, name: str) -> QLabel:
        label = QLabel(objectName=name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        return label

    def _section(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setStyleSheet("font-size: 12pt; font-weight: 600; margin-top: 12px;")
        # A style sheet gives a label a frame, and a framed label indents its text by half
        # an "x": the headings stood 5 pixels right of the headline and the lists under them.
        label.setIndent(0)
        return label

    def _show_empty(self, answers: bool = True) -> None:
        self.headline.setText(
            self.tr(
                "No analysis yet. It starts by itself when a workspace opens; press F5 to run it."
            )
            if answers
            else self.tr(
                "No answers yet. Publish a pulse in Pulses and bring in its answers with "
                "Ingest inbox…, or bring in a survey you ran in another tool with File › "
                "Import responses… (Ctrl+I)."
            )
        )
        self.participation.set_rows([], 0.0, 1.0)
        self.participation_note.setText(
            self.tr(
                "Each department's answers against its headcount appear here once answers are in."
            )
            if not answers
            else self.tr(
                "Each department's answers against its headcount appear here once analysed."
            )
        )
        self.participation_note.show()
        self.participation.hide()  # an empty chart left a blank band under the note
        # Each heading says what will come under it (bare headings looked unfinished).
        self._set_cards(
            [],
            self.tr("The pairs to look at first appear here once answers are analysed.")
            if answers
            else self.tr("The pairs to look at first appear here once answers are in."),
        )
        self.changes_heading.setText(self.tr("What changed since the last wave"))
        set_plain_text(
            self.changes, self.tr("Changes between waves are shown from the second wave on.")
        )
        self._show_earlier([])

    # -- filling -----------------------------------------------------------------------
    def _fill_headline(self, result) -> None:
        submitted, heads = total_participation(result)
        parts = [
            self.tr("Wave %1 of %2.").replace("%1", result.wave).replace("%2", result.organisation)
        ]
        if heads:
            parts.append(
                grouped_count(self.tr("%1 of %n people answered (%2 %).", "", heads), heads)
                .replace("%1", grouped(submitted))
                .replace("%2", str(percent(submitted, heads)))
            )
        if not result.released:
            parts.append(
                self.tr(
                    "This wave is still open, so only participation is shown. Its figures are "
                    "released when it is closed (Pulses → Close wave)."
                )
            )
        if result.organisation_index is not None:
            parts.append(
                self.tr("Organisation index %1.").replace(
                    "%1", format_index(result.organisation_index)
                )
            )
        if result.suppressed_pairs:
            count = result.suppressed_pairs  # 1,522 at 40 departments
            hidden = grouped_count(self.tr("%n pairs hidden", "", count), count)
            parts.append(
                hidden + " " + self.tr("(fewer than %n answers, or none).", "", result.min_group)
            )
        self.headline.setText(" ".join(parts))

    def _fill_participation(self, result) -> None:
        rows = []
        for p in result.participation:
            if p.rate is None:
                text = (
                    self.tr("%1 answered (headcount unknown)")
                    if p.headcount is None
                    else self.tr("%1 answered (headcount 0)")
                ).replace("%1", grouped(p.submitted))
            else:
                text = (
                    self.tr("%1 of %2 (%3 %)")
                    .replace("%1", grouped(p.submitted))
                    .replace("%2", grouped(p.headcount))
                    .replace("%3", str(percent(p.submitted, p.headcount)))
                )
                if p.rate < LOW_PARTICIPATION:
                    text += " — " + self.tr("low")
            low = p.rate is not None and p.rate < LOW_PARTICIPATION
            rows.append(BarRow(p.department, p.rate, text, band="weak" if low else "strong"))
        self.participation.set_rows(rows, 0.0, 1.0)
        self.participation.setVisible(bool(rows))
        # Rows of empty bars and "(headcount unknown)" said what was missing, not where to
        # put it (an organisation imported from another tool has no headcounts).
        note = self._participation_note(result.participation)
        self.participation_note.setText(note)
        self.participation_note.setVisible(bool(note))

    def _participation_note(self, participation: list) -> str:
        """What keeps rates from showing, and where to mend it ("" when nothing does)."""
        if not participation:
            return self.tr("No department has a headcount or an answer.")
        unknown = sum(1 for p in participation if p.headcount is None)
        zero = sum(1 for p in participation if p.headcount == 0)
        notes = []
        if unknown:
            notes.append(
                self.tr(
                    "%n departments have no headcount, so their participation rate cannot be "
                    "shown: enter the headcounts in Settings, under Departments and headcounts.",
                    "",
                    unknown,
                )
            )
        if zero:  # 0 is a headcount in Settings: "no headcount" sent HR to a filled cell
            notes.append(
                self.tr(
                    "%n departments have a headcount of 0, so their participation rate cannot "
                    "be shown: correct it in Settings, under Departments and headcounts.",
                    "",
                    zero,
                )
            )
        return " ".join(notes)

    def _order_tabs(self, *_args) -> None:
        """Tab as the page reads: the overdue actions, then each hotspot's Open pair."""
        buttons = [b for b in self.hotspot_box.findChildren(QPushButton) if b.objectName()]
        buttons.sort(key=lambda b: int(b.objectName().removeprefix("openHotspot")))  # rank
        chain = [*self.overdue.rows, *buttons]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _no_hotspot_text(self, result) -> str:
        if not result.released:
            return self.tr("Hotspots are found once the wave is closed.")
        if result.pairs and all(p.suppressed for p in result.pairs):
            # "No hotspot" would read as good news: none could be looked at.
            return self.tr(
                "No pair can be assessed yet: each has fewer than %n answers.", "", result.min_group
            )
        return self.tr("No hotspot in this wave.")

    def _set_cards(self, hotspots, empty_text: str = "") -> None:
        while self.hotspot_grid.count():
            widget = self.hotspot_grid.takeAt(0).widget()
            if widget is not None:
                widget.setParent(None)  # gone now, not at the next deferred delete
                widget.deleteLater()
        if not hotspots:
            self.hotspot_grid.addWidget(self._label("noHotspots"), 0, 0)
            self.hotspot_grid.itemAt(0).widget().setText(empty_text)
            return
        for i, hotspot in enumerate(hotspots[:TOP_HOTSPOTS]):
            self.hotspot_grid.addWidget(self._card(hotspot), i // 2, i % 2)

    def _card(self, hotspot) -> QFrame:
        card = QFrame(objectName=f"hotspotCard{hotspot.rank}")
        card.setFrameShape(QFrame.StyledPanel)
        card.setStyleSheet(f"QFrame#hotspotCard{hotspot.rank} {{ border-radius: 6px; }}")
        layout = QVBoxLayout(card)
        title = QLabel(f"{hotspot.rank}. {hotspot.from_dept} → {hotspot.to_dept}")
        title.setObjectName(f"hotspotTitle{hotspot.rank}")
        title.setStyleSheet("font-size: 12pt; font-weight: 600;")
        title.setWordWrap(True)  # long department names wrap instead of widening the page
        kind = QLabel(self.tr("Kind: %1").replace("%1", hotspot.kind))
        kind.setObjectName(f"hotspotKind{hotspot.rank}")
        kind.setToolTip(kind_help(hotspot.kind))  # "feud", "one-sided": said in words
        reasons = self._label(f"hotspotReasons{hotspot.rank}")
        set_hanging_lines(reasons, [f"• {capitalised(r)}" for r in hotspot.reasons[:4]])
        button = QPushButton(self.tr("Open pair"), objectName=f"openHotspot{hotspot.rank}")
        button.clicked.connect(lambda: self.open_pair(hotspot.from_dept, hotspot.to_dept))
        for widget in (title, kind, reasons):
            layout.addWidget(widget)
        layout.addWidget(button, 0, Qt.AlignLeft)
        layout.addStretch(1)
        return card

    def _fill_changes(self, result) -> None:
        before = previous_wave(result)
        # Not the wave before another workspace's (or another wave's) latest.
        self.changes_heading.setText(self.tr("What changed since the last wave"))
        self._show_earlier([])
        if not result.released:
            set_plain_text(self.changes, self.tr("Changes are shown once the wave is closed."))
            return
        if before is None:
            set_plain_text(self.changes, self.tr("This is the first wave; nothing to compare yet."))
            return
        self.changes_heading.setText(self.tr("What changed since %1").replace("%1", before))
        # One marker scheme: ▲ a pair that rose, ▼ one that fell (the significant
        # improvements, with their reasons, first).
        same, earlier = improvements_by_baseline(result.improvements, before)
        self._show_earlier(earlier)
        lines = [f"{RISE} {text}" for text in same]
        for change in changes_since_previous(result):
            said = f"{change.from_dept} → {change.to_dept} improved from "
            if any(t.startswith(said) for t in same):
                continue  # the sentence above already gives this change, with its test
            arrow = RISE if change.delta > 0 else FALL
            lines.append(
                f"{arrow} {change.from_dept} → {change.to_dept}: {format_index(change.before)} → "
                f"{format_index(change.after)} ({shown_change(change.before, change.after)})"
            )
        if lines:
            set_hanging_lines(self.changes, lines)
        else:
            set_plain_text(
                self.changes,
                self.tr("No pair moved by 0.2 or more since %1.").replace("%1", before),
            )

    def _show_earlier(self, sentences: list[str]) -> None:
        self.earlier_heading.setVisible(bool(sentences))
        self.earlier_changes.setVisible(bool(sentences))
        set_hanging_lines(self.earlier_changes, [f"{RISE} {text}" for text in sentences])

    # -- slots -------------------------------------------------------------------------
    def open_pair(self, from_dept: str, to_dept: str) -> None:
        """Show the page of a hotspot's pair."""
        self.context.request_pair(from_dept, to_dept)

    def _on_context_workspace_opened(self, path) -> None:
        # Whether there are answers is read once, by the window (context.has_responses);
        # until then (a share slow to answer) the section waits for the analysis.
        self._show_empty(answers=self.context.has_responses is not False)

    def _on_context_responses_known(self, has: bool) -> None:
        if not has and self.context.result is None:  # it read "no analysis yet" till now
            self._show_empty(answers=False)

    def _on_context_analysis_finished(self, result) -> None:
        self._fill_headline(result)
        self._fill_participation(result)
        self._set_cards(result.hotspots, self._no_hotspot_text(result))
        self._fill_changes(result)
