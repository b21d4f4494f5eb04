"""Relationships: the directed heatmap (index or one dimension) and the network view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.context import Changes
from desktop_app.models.heatmap_model import INDEX, HeatmapModel
from desktop_app.panels.base import Panel, header_row
from desktop_app.panels.pair_page import read_workspace_bands
from desktop_app.section_reads import SectionReads
from desktop_app.widgets.colours import band_colours
from desktop_app.widgets.figures import grouped_count
from desktop_app.widgets.flow_layout import FlowLayout
from desktop_app.widgets.heatmap import HatchedChip, HeatmapView
from desktop_app.widgets.network import NetworkView
from desktop_app.widgets.network_layout import left_out
from desktop_app.widgets.wave_picker import WavePicker
from surveys.bands import format_index
from surveys.model import DIMENSION_LABELS, DIMENSIONS, Bands


class RelationshipsPanel(Panel):
    """Heatmap and network of the selected wave; a cell or edge opens the pair detail."""

    section = "relationships"

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.bands = Bands()
        self.reads = SectionReads(context, self)
        self.reads.waiting.connect(self._on_reads_waiting)
        self.model = HeatmapModel(self)
        self.heatmap = HeatmapView()
        self.heatmap.setModel(self.model)
        self.network = NetworkView()
        self.wave_picker = WavePicker(context)
        self.measures = QButtonGroup(self)
        self.measures.setExclusive(True)
        self.tabs = QTabWidget(objectName="relationshipViews")
        self.tabs.setAccessibleName(self.tr("Heatmap or network"))
        self.tabs.addTab(self.heatmap, self.tr("Hea&tmap"))
        self.tabs.addTab(self.network, self.tr("&Network"))
        self.caption = QLabel(objectName="relationshipsCaption")
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(self._header())
        layout.addLayout(self._measure_bar())
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.caption)
        layout.addWidget(self._legend())
        layout.addStretch(0)  # the room left while the views are hidden: under the caption
        self.heatmap.pair_activated.connect(self.open_pair)
        self.network.pair_activated.connect(self.open_pair)
        self.tabs.currentChanged.connect(lambda _index: self._show_caption())
        self._show_caption()

    def title(self) -> str:
        return self.tr("Relationships")

    def _header(self) -> QHBoxLayout:
        return header_row(self.tr("Relationships"), self.wave_picker)

    def _measure_bar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Show:")), 0, Qt.AlignTop)
        buttons = QWidget(objectName="measureButtons")
        policy = QSizePolicy(QSizePolicy.Preferred, QSizePolicy.Preferred)
        policy.setHeightForWidth(True)
        buttons.setSizePolicy(policy)
        flow = FlowLayout(buttons)  # wraps onto a second line on a narrow window
        for measure in (INDEX, *DIMENSIONS):
            text = self.tr("Index") if measure == INDEX else self.tr(DIMENSION_LABELS[measure])
            button = QToolButton(text=text, objectName=f"measure_{measure}")
            button.setCheckable(True)
            button.setChecked(measure == INDEX)
            button.setToolTip(
                self.tr("Show %1 in the heatmap and the network").replace("%1", text.lower())
            )
            button.toggled.connect(
                lambda checked, m=measure: checked and self._on_measure_toggled(m)
            )
            self.measures.addButton(button)
            flow.addWidget(button)
        row.addWidget(buttons, 1)
        self._embolden_checked()
        return row

    def _legend(self) -> QWidget:
        """The bands' swatches, wrapping onto a second line on a narrow window (200 %)."""
        legend = QWidget(objectName="legend")
        policy = QSizePolicy(QSizePolicy.Preferred, QSizePolicy.Preferred)
        policy.setHeightForWidth(True)
        legend.setSizePolicy(policy)
        row = FlowLayout(legend)
        self.legend_labels = []
        for band in ("strong", "moderate", "weak", "suppressed"):
            kind = HatchedChip if band == "suppressed" else QLabel  # hatched as the cells
            swatch = kind(objectName=f"legend_{band}")
            self.legend_labels.append((band, swatch))
            row.addWidget(swatch)
        self._paint_legend()
        return legend

    def _paint_legend(self) -> None:
        words = {
            "strong": self.tr("strong (above %1)").replace(
                "%1", format_index(self.bands.strong_above)
            ),
            "moderate": self.tr("moderate"),
            "weak": self.tr("weak (below %1)").replace("%1", format_index(self.bands.weak_below)),
            "suppressed": self.tr(
                "fewer than %n people, or none: hidden", "", self.model.min_group
            ),
        }
        for band, label in self.legend_labels:
            background, text = band_colours(band, self.palette())
            label.setText(words[band])
            fill = "" if isinstance(label, HatchedChip) else f"background: {background.name()}; "
            label.setStyleSheet(
                f"{fill}color: {text.name()}; border-radius: 4px; padding: 3px 8px;"
            )

    def _measure_name(self) -> str:
        measure = self.model.measure
        return (
            self.tr("the index") if measure == INDEX else self.tr(DIMENSION_LABELS[measure]).lower()
        )

    def _nothing_yet(self) -> str:
        """Why there is no matrix: no answers yet (F5 would do nothing), or no analysis."""
        if self.context.path is not None and self.context.has_responses is False:
            return self.tr(
                "No answers yet: publish a wave and ingest its answers (Pulses), or import "
                "responses (File › Import responses…); the matrix fills in once they are "
                "analysed."
            )
        return self.tr(
            "No analysis shown yet: it runs by itself when a workspace opens, and the matrix "
            "appears here when it is done (F5 runs it again)."
        )

    def _show_caption(self) -> None:
        result = self.context.result
        # Without a result the empty grid, the network tab and the legend stood over
        # nothing: only the line that says why is shown.
        for widget in (self.tabs, *(label for _band, label in self.legend_labels)):
            widget.setVisible(result is not None)
        if result is None:
            self.caption.setText(self._nothing_yet())
            return
        if not result.released:
            text = self.tr(
                "Wave %1 is still open, so no figures are shown: they are released when it is "
                "closed (Pulses → Close wave). Pick an earlier wave above to see its figures."
            )
        elif self.tabs.currentWidget() is self.network:
            text = self.tr(
                "Wave %1, showing %2. Each arrow goes from the department that rates to the "
                "one it rates (the arrow from %3 to %4 is how %3 rates %4); its label "
                "and colour show %2, and the thicker it is, the more often the two talk. "
                "Click a label, or choose one with the arrow keys and press Enter, for the "
                "pair's page."
            )
        else:
            text = self.tr(
                "Wave %1, showing %2. Rows rate columns: the cell in row %3, column %4 is "
                "how %3 rates %4, and n under the value is how many people of %3 rated it. "
                "Click a cell (or press Enter) for the pair's page."
            )
        # The example pair is two of this organisation's own departments.
        first, second = (list(result.departments) + ["Sales", "IT"])[:2]
        hidden = left_out(result) if self.tabs.currentWidget() is self.network else 0
        if result.released and hidden:
            said = self.tr(
                "The %n pairs with fewer than %5 people, or none, are not drawn: the heatmap "
                "lists every pair.",
                "",
                hidden,
            )
            text += " " + grouped_count(said, hidden).replace("%5", str(result.min_group))
        text = text.replace("%1", result.wave).replace("%2", self._measure_name())
        self.caption.setText(text.replace("%3", first).replace("%4", second))

    # -- slots -------------------------------------------------------------------------
    def open_pair(self, from_dept: str, to_dept: str) -> None:
        """Show the page of ``from_dept → to_dept``."""
        self.context.request_pair(from_dept, to_dept)

    def _on_measure_toggled(self, measure: str) -> None:
        self.model.set_measure(measure)
        self.network.set_measure(measure)
        self._show_caption()
        self._embolden_checked()

    def _embolden_checked(self) -> None:
        """The chosen measure in bold: a sunken button alone is faint in dark colours."""
        for button in self.measures.buttons():
            font = button.font()
            font.setBold(button.isChecked())
            button.setFont(font)

    def _read_bands(self) -> None:
        """Read the bands (off the GUI thread: on a share that hangs the caption and the
        status bar say so, and the colours follow once the folder answers)."""
        if self.context.path is not None:
            self.reads.read("bands", read_workspace_bands, self.context.path, apply=self._set_bands)

    def _set_bands(self, bands: Bands) -> None:
        if bands == self.bands:
            return
        self.bands = bands
        if self.context.result is not None:  # painted with the bands read before
            self._on_context_analysis_finished(self.context.result)

    def _on_reads_waiting(self, text: str) -> None:
        if text:
            self.caption.setText(text)
        else:
            self._show_caption()

    def _on_context_workspace_opened(self, path) -> None:
        self.reads.forget()
        self.model.set_result(None, self.bands)
        self.network.set_result(None)
        self._show_caption()
        self._read_bands()

    def _on_context_responses_known(self, has: bool) -> None:
        if not has and self.context.result is None:  # it read "no analysis shown yet"
            self._show_caption()

    def _on_context_analysis_finished(self, result) -> None:
        self.model.set_result(result, self.bands)
        self.network.set_result(result, self.bands)
        self._paint_legend()
        self._show_caption()

    def _on_context_data_changed(self, changes: Changes, initiator: object) -> None:
        if changes.settings:
            self._read_bands()
