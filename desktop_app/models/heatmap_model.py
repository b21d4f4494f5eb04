"""The directed department × department matrix of one wave as a Qt table model.

Rows are the departments that rate (``from``), columns the departments rated (``to``).
A cell shows the relationship index, or one dimension, with its ``n``. Suppressed cells
(fewer than k people) carry no value and no ``n``: only the words "fewer than k".
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop_app.widgets.plain_text import plain_tip
from surveys.bands import format_index
from surveys.model import DIMENSION_LABELS, DIMENSIONS, Bands

#: The measure that shows the relationship index rather than one dimension.
INDEX = "index"

PairRole = Qt.UserRole + 1  # the PairResult, or None
BandRole = Qt.UserRole + 2  # "strong" / "moderate" / "weak" / "suppressed" / None
ValueRole = Qt.UserRole + 3  # the shown value (float) or None
CountRole = Qt.UserRole + 4  # the shown n (int) or None when suppressed

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def measure_value(pair: Any, measure: str) -> float | None:
    """A pair's value for ``measure`` (the index or one dimension); ``None`` if hidden."""
    if pair is None or pair.suppressed:
        return None
    return pair.index if measure == INDEX else pair.dimensions.get(measure)


def measure_band(pair: Any, measure: str, bands: Bands) -> str | None:
    """The band a pair is coloured by for ``measure`` (``"suppressed"`` when hidden).

    The band of the value as shown (:class:`surveys.model.Bands` rounds as
    :mod:`surveys.bands` does), for the index and for each dimension alike, so the heatmap,
    the network and the exports always agree.
    """
    if pair is None:
        return None
    if pair.suppressed:
        return "suppressed"
    return bands.band(measure_value(pair, measure))


class HeatmapModel(QAbstractTableModel):
    """Departments × departments of an :class:`~analysis.results.AnalysisResult`."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._result: Any = None
        self._departments: list[str] = []
        self._pairs: dict[tuple[str, str], Any] = {}
        self._measure = INDEX
        self._bands = Bands()

    # -- feeding -------------------------------------------------------------------------
    def set_result(self, result: Any, bands: Bands | None = None) -> None:
        """Show ``result`` (an AnalysisResult, or None for an empty matrix)."""
        self.beginResetModel()
        self._result = result
        self._departments = list(result.departments) if result is not None else []
        self._pairs = {(p.from_dept, p.to_dept): p for p in (result.pairs if result else [])}
        if result is not None and result.released:
            self._pairs = _every_pair(result, self._pairs)
        if bands is not None:
            self._bands = bands
        self.endResetModel()

    def set_measure(self, measure: str) -> None:
        """Show ``"index"`` or one dimension id (e.g. ``"timely"``)."""
        if measure != INDEX and measure not in DIMENSIONS:
            raise ValueError(f"unknown measure {measure!r}")
        self._measure = measure
        if self._departments:
            last = self.index(len(self._departments) - 1, len(self._departments) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    @property
    def measure(self) -> str:
        return self._measure

    @property
    def min_group(self) -> int:
        return self._result.min_group if self._result is not None else 5

    def departments(self) -> list[str]:
        return list(self._departments)

    def pair_at(self, index: _Index) -> Any:
        """The PairResult of a cell (``None`` on the diagonal, and in a wave still open)."""
        if not index.isValid():
            return None
        return self._pairs.get(self._key(index))

    def cell_of(self, from_dept: str, to_dept: str) -> QModelIndex:
        """The model index of a directed pair."""
        return self.index(self._departments.index(from_dept), self._departments.index(to_dept))

    # -- QAbstractTableModel -----------------------------------------------------------
    def rowCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._departments)

    def columnCount(self, parent: _Index = _ROOT) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._departments)

    def headerData(self, section: int, orientation, role: int = Qt.DisplayRole):  # noqa: N802
        if role == Qt.DisplayRole and 0 <= section < len(self._departments):
            return self._departments[section]
        if role == Qt.ToolTipRole and 0 <= section < len(self._departments):
            name = self._departments[section]
            if orientation == Qt.Vertical:
                return plain_tip(self.tr("How %1 rates the other departments").replace("%1", name))
            return plain_tip(self.tr("How the other departments rate %1").replace("%1", name))
        return None

    def flags(self, index: _Index) -> Qt.ItemFlags:
        if not index.isValid():
            return Qt.NoItemFlags
        if index.row() == index.column():
            return Qt.NoItemFlags
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.DisplayRole) -> Any:
        if not index.isValid():
            return None
        pair = self.pair_at(index)
        if role == PairRole:
            return pair
        if role == BandRole:
            return self._band(pair)
        if role == ValueRole:
            return self._value(pair)
        if role == CountRole:
            return None if pair is None or pair.suppressed else pair.n
        if role == Qt.DisplayRole:
            return self._display(index, pair)
        if role == Qt.ToolTipRole:
            return plain_tip(self._describe(index, pair))
        if role == Qt.AccessibleTextRole:
            return self._describe(index, pair)
        return None

    # -- helpers -----------------------------------------------------------------------
    def _key(self, index: _Index) -> tuple[str, str]:
        return self._departments[index.row()], self._departments[index.column()]

    def _value(self, pair: Any) -> float | None:
        return measure_value(pair, self._measure)

    def _band(self, pair: Any) -> str | None:
        return measure_band(pair, self._measure, self._bands)

    @property
    def _open_wave(self) -> bool:
        """Whether the result is of a wave still open, whose figures are not released."""
        return self._result is not None and not self._result.released

    @property
    def bands(self) -> Bands:
        return self._bands

    def _display(self, index: _Index, pair: Any) -> str:
        if index.row() == index.column():
            return "—"
        if pair is None and self._open_wave:
            return self.tr("after closing")
        if pair.suppressed:
            return self.tr("fewer than %1").replace("%1", str(self.min_group))
        value = self._value(pair)
        shown = format_index(value)
        return f"{shown}\nn = {pair.n}"

    def _describe(self, index: _Index, pair: Any) -> str:
        source, target = self._key(index)
        if index.row() == index.column():
            return self.tr("%1 does not rate itself").replace("%1", source)
        if pair is None and self._open_wave:
            return (
                self.tr("%1 rates %2: shown once wave %3 is closed")
                .replace("%1", source)
                .replace("%2", target)
                .replace("%3", self._result.wave)
            )
        if pair is None or pair.suppressed:
            return (
                self.tr(
                    "%1 rates %2: fewer than %n people answered, so nothing is shown",
                    "",
                    self.min_group,
                )
                .replace("%1", source)
                .replace("%2", target)
            )
        value = self._value(pair)
        what = self.tr("index") if self._measure == INDEX else DIMENSION_LABELS[self._measure]
        text = f"{source} → {target}: {what} {format_index(value)}" if value is not None else what
        band = self._band(pair)
        if band:
            text += f" ({band})"
        if self._measure == INDEX and pair.ci_low is not None:
            # In words, as on the pair's page ("95 % CI 2.4–2.7, n = 23" was statistics).
            text += (
                self.tr(", most likely between %1 and %2 (95 % confidence)")
                .replace("%1", format_index(pair.ci_low))
                .replace("%2", format_index(pair.ci_high))
            )
        return (
            text
            + self.tr(", from %1 people. ").replace("%1", f"{pair.n:,}")
            + self.tr("Click for details.")
        )


def _every_pair(result: Any, pairs: dict[tuple[str, str], Any]) -> dict[tuple[str, str], Any]:
    """``pairs`` with every directed pair of the result's departments: a pair nobody rated
    is shown as one of fewer than k ("fewer than k" both), never as "not rated", which would
    tell it from a group of one to k-1 people. The analysis lists every pair already; this
    keeps the cells alike for a result that does not (one kept from an earlier version)."""
    from analysis.results import PairResult

    filled = dict(pairs)
    for source in result.departments:
        for target in result.departments:
            if source != target and (source, target) not in filled:
                filled[source, target] = PairResult(result.wave, source, target, 0, True)
    return filled
