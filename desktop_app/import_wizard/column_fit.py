"""The mapping page's tables at 1024 × 768: short columns whole, long ones share the rest.

Every column used to start at Qt's 100 pixels (the question at 48 characters), so on a
1024-pixel screen the scales' answers read "strongly disag…", the status and the check
notes lost their ends, and so did the questions, where a Qualtrics or SurveyMonkey export
names the department ("Thinking about working with Sales - It arrives in ti…"), while
blank Target and Scale columns kept their 100 pixels. Now the columns with short values (a
letter, a department, an item, a status) fit their widest cell and title, within a cap,
and the columns of sentences (the question, the note, the comment) share what is left; a
text cut there is cut in the middle, keeping its end, and is whole in its tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableView


def fit_columns(
    view: QTableView,
    sentences: tuple[int, ...],
    minimums: dict[int, int] | None = None,
    caps: dict[int, int] | None = None,
) -> None:
    """Fit ``view``'s columns now and whenever its model is reset or changes.

    ``sentences`` stretch over the room left; the others fit their contents and title,
    at least ``minimums[column]`` pixels (room for a drop-down's longest choice) and at
    most ``caps[column]`` characters.
    """
    minimums, caps = minimums or {}, caps or {}
    header = view.horizontalHeader()
    header.setStretchLastSection(False)

    def fit() -> None:
        model = view.model()
        if model is None:
            return
        for column in range(model.columnCount()):
            if column in sentences:
                header.setSectionResizeMode(column, QHeaderView.Stretch)
                continue
            header.setSectionResizeMode(column, QHeaderView.Interactive)
            width = max(
                _widest(view, column), header.sectionSizeHint(column), minimums.get(column, 0)
            )
            if column in caps:
                width = min(width, view.fontMetrics().averageCharWidth() * caps[column])
            header.resizeSection(column, width)

    view.setTextElideMode(Qt.ElideMiddle)
    model = view.model()
    for signal in (model.modelReset, model.layoutChanged, model.dataChanged):
        signal.connect(fit)
    fit()


def _widest(view: QTableView, column: int) -> int:
    """The width of ``column``'s widest text with the cell's margins, over every row (Qt's
    own hint reads only the rows on screen: "Operations" further down was cut)."""
    model, metrics = view.model(), view.fontMetrics()
    texts = (model.index(row, column).data() for row in range(model.rowCount()))
    widest = max((metrics.horizontalAdvance(str(text)) for text in texts if text), default=0)
    return widest + metrics.averageCharWidth() * 2
