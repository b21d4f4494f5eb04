"""The heatmap: a table view over :class:`~desktop_app.models.heatmap_model.HeatmapModel`.

Each cell is painted in its band's colour with the value in bold and ``n`` below it;
suppressed cells are grey and hatched with "fewer than k". Beyond eight departments
(:data:`~desktop_app.widgets.network_layout.DRAWN_HIDDEN_UP_TO`) a suppressed cell is the
hatch alone, its words in its tooltip, its accessible text and the legend, and the columns
may be narrower: at 40 departments 1,500 cells that said "fewer than 5" buried the few
that hold figures. The view is keyboard operable (arrow keys move, Enter opens the pair)
and emits :attr:`HeatmapView.pair_activated`.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from desktop_app.models.heatmap_model import BandRole, CountRole, HeatmapModel, ValueRole
from desktop_app.widgets.colours import band_colours
from desktop_app.widgets.network_layout import DRAWN_HIDDEN_UP_TO
from desktop_app.widgets.wrapping_header import WrappingHeader
from surveys.bands import format_index


class HeatmapDelegate(QStyledItemDelegate):
    """Paints one cell: band colour, value, ``n``; hatched grey when suppressed."""

    #: Suppressed cells are drawn without their words (a large organisation).
    quiet = False

    def shown_text(self, index: QModelIndex) -> str:
        """The words a cell without figures prints ("" for a quiet suppressed cell)."""
        if self.quiet and index.data(BandRole) == "suppressed":
            return ""
        return index.data(Qt.DisplayRole) or ""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        band = index.data(BandRole)
        palette = option.palette
        background, text = band_colours(band, palette)
        rect = option.rect.adjusted(2, 2, -2, -2)
        painter.save()
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setPen(Qt.NoPen)
        if band is not None:  # the diagonal and unrated cells stay plain
            painter.setBrush(background)
            painter.drawRoundedRect(rect, 4, 4)
        if band == "suppressed":  # a faint hatch, so "fewer than k" stays readable on it
            painter.setBrush(QBrush(_mix(background, text, 0.3), Qt.BDiagPattern))
            painter.drawRoundedRect(rect, 4, 4)
        if option.state & QStyle.State_Selected or option.state & QStyle.State_HasFocus:
            painter.setPen(QPen(palette.highlight().color(), 3))
            painter.setBrush(Qt.NoBrush)
            painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 4, 4)
        painter.setPen(text)
        self._paint_text(painter, option, index, rect, band)
        painter.restore()

    def _paint_text(self, painter, option, index, rect: QRect, band) -> None:
        value, count = index.data(ValueRole), index.data(CountRole)
        font = QFont(option.font)
        if value is None or count is None:
            if band == "suppressed":
                font.setItalic(True)
            painter.setFont(font)
            painter.drawText(rect, Qt.AlignCenter | Qt.TextWordWrap, self.shown_text(index))
            return
        big = QFont(font)
        big.setBold(True)
        big.setPointSizeF(font.pointSizeF() * 1.35)
        upper = QRect(rect.left(), rect.top(), rect.width(), rect.height() * 3 // 5)
        lower = QRect(rect.left(), upper.bottom(), rect.width(), rect.height() - upper.height())
        painter.setFont(big)
        painter.drawText(upper, Qt.AlignHCenter | Qt.AlignBottom, format_index(value))
        painter.setFont(font)
        painter.drawText(lower, Qt.AlignHCenter | Qt.AlignTop, f"n = {count}")

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        height = option.fontMetrics.height()
        return QSize(height * 7, height * 4)


class HatchedChip(QLabel):
    """The legend's chip of hidden pairs, drawn as their cells are: grey with the faint
    hatch behind its words (a plain grey chip stood for cells that, beyond eight
    departments, are the hatch alone). Its style sheet gives no background."""

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        background, text = band_colours("suppressed", self.palette())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setPen(Qt.NoPen)
        for brush in (QBrush(background), QBrush(_mix(background, text, 0.3), Qt.BDiagPattern)):
            painter.setBrush(brush)
            painter.drawRoundedRect(QRectF(self.rect()), 4, 4)
        painter.end()
        super().paintEvent(event)


def _mix(a: QColor, b: QColor, share: float) -> QColor:
    """``a`` with ``share`` of ``b`` blended in."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * share,
        a.greenF() + (b.greenF() - a.greenF()) * share,
        a.blueF() + (b.blueF() - a.blueF()) * share,
    )


class HeatmapView(QTableView):
    """The department matrix. Click, double-click or Enter on a cell opens its pair."""

    pair_activated = Signal(str, str)  # from, to

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("heatmap")
        self.delegate = HeatmapDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setShowGrid(False)
        self.setWordWrap(True)
        self.setCornerButtonEnabled(False)
        # Long department names wrap in the headers (the tooltip has them whole).
        self.setHorizontalHeader(WrappingHeader(Qt.Horizontal, self))
        self.setVerticalHeader(WrappingHeader(Qt.Vertical, self))
        for header in (self.horizontalHeader(), self.verticalHeader()):
            header.setSectionResizeMode(QHeaderView.Stretch)
            header.setHighlightSections(False)
        self.horizontalHeader().setMinimumSectionSize(self.fontMetrics().height() * 6)
        self.verticalHeader().setMinimumSectionSize(self.fontMetrics().height() * 3)
        self.clicked.connect(self._on_self_clicked)
        self.activated.connect(self._on_self_clicked)
        self.setAccessibleName(self.tr("Relationship heatmap"))

    def setModel(self, model: HeatmapModel) -> None:  # noqa: N802 (Qt API)
        super().setModel(model)
        model.modelReset.connect(self._fit_organisation)
        self._fit_organisation()

    def _fit_organisation(self) -> None:
        """Quiet hidden cells and narrower columns beyond eight departments."""
        large = len(self.model().departments()) > DRAWN_HIDDEN_UP_TO
        self.delegate.quiet = large
        line = self.fontMetrics().height()
        self.horizontalHeader().setMinimumSectionSize(int(line * (4.5 if large else 6)))

    def cell_rect(self, from_dept: str, to_dept: str) -> QRect:
        """Where a pair's cell is drawn (viewport coordinates), for tests and tours."""
        model: HeatmapModel = self.model()
        return self.visualRect(model.cell_of(from_dept, to_dept))

    def _on_self_clicked(self, index: QModelIndex) -> None:
        model: HeatmapModel = self.model()
        if model.pair_at(index) is None:
            return
        departments = model.departments()
        self.pair_activated.emit(departments[index.row()], departments[index.column()])
