"""A column HR drags wider stays that wide: after a sort, a resize, and in the next window.

The tables fit their columns to their contents at every sort, page of rows and resize,
and fitted a column HR had widened straight back: a long department name in Comments'
From column could not be read whole by widening it. The header's context menu puts the
fitted widths back.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QMenu

from tests.desktop_app.hr_helpers import open_window

FROM = 1  # Comments' From column


def _drag_edge(qtbot, header, column: int, by: int) -> None:
    """Drag the right edge of ``column``'s title by ``by`` pixels, as a hand does."""
    viewport = header.viewport()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) - 1
    start, end = QPoint(x, header.height() // 2), QPoint(x + by, header.height() // 2)
    qtbot.mousePress(viewport, Qt.LeftButton, pos=start)
    move = QMouseEvent(
        QEvent.MouseMove,
        QPointF(end),
        QPointF(viewport.mapToGlobal(end)),
        Qt.NoButton,
        Qt.LeftButton,
        Qt.NoModifier,
    )
    QApplication.sendEvent(viewport, move)
    qtbot.mouseRelease(viewport, Qt.LeftButton, pos=end)


def _comments(qtbot, folder):
    window = open_window(qtbot, folder)
    window.show_section("comments")
    panel = window.panel("comments")
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=10_000)
    qtbot.waitUntil(lambda: panel.table.horizontalHeader().sectionSize(FROM) > 0)
    return window, panel


def test_a_dragged_column_keeps_its_width_until_hr_fits_the_columns_again(qtbot, demo_workspace):
    window, panel = _comments(qtbot, demo_workspace)
    header = panel.table.horizontalHeader()
    qtbot.wait(100)  # the first fit
    fitted = header.sectionSize(FROM)
    _drag_edge(qtbot, header, FROM, 120)
    widened = header.sectionSize(FROM)
    assert widened >= fitted + 100
    header.sectionClicked.emit(0)  # sorted by another column: fitted again, but not From
    panel.table.sortByColumn(0, Qt.DescendingOrder)
    window.resize(window.width() - 60, window.height())
    qtbot.wait(200)
    assert header.sectionSize(FROM) == widened
    window.close()
    again, panel = _comments(qtbot, demo_workspace)  # the next start
    header = panel.table.horizontalHeader()
    qtbot.wait(200)
    assert header.sectionSize(FROM) == widened
    menus = []
    real_popup = QMenu.popup
    QMenu.popup = lambda menu, *_args: menus.append(menu)
    try:
        header.customContextMenuRequested.emit(QPoint(5, 5))
    finally:
        QMenu.popup = real_popup
    (fit,) = menus[0].actions()
    assert fit.text() == "&Fit columns to their contents" and fit.isEnabled()
    fit.trigger()
    qtbot.waitUntil(lambda: header.sectionSize(FROM) < widened, timeout=5000)
    assert abs(header.sectionSize(FROM) - fitted) <= 2


def test_a_kept_width_follows_its_column_and_a_stored_value_that_is_no_width_is_ignored(
    qtbot, demo_workspace
) -> None:
    """Widths are kept under the column's title: after an update that adds or removes a
    column the others keep theirs (by position, From's width went to whichever column took
    its place). Settings edited by hand or by another version open the window as fitted:
    a stored ``1e400`` stopped it from opening (OverflowError), a 99,999-pixel width was
    kept."""
    import json

    from desktop_app.settings import qsettings

    kept = {"From": 260, "A column an update removed": 900, "Wave": 99_999}
    qsettings().setValue("columns/commentsTable", json.dumps(kept))
    window, panel = _comments(qtbot, demo_workspace)
    header = panel.table.horizontalHeader()
    qtbot.wait(200)
    assert header.sectionSize(FROM) == 260
    assert header.sectionSize(0) < 1000  # Wave: fitted, not 99,999 pixels
    _drag_edge(qtbot, header, FROM, 40)
    stored = json.loads(qsettings().value("columns/commentsTable"))
    assert stored["From"] == header.sectionSize(FROM) > 260
    window.close()
    for raw in ('{"From": 1e400}', '{"From": "wide"}', "[1, 2]", "{not json"):
        qsettings().setValue("columns/commentsTable", raw)
        window, panel = _comments(qtbot, demo_workspace)  # opens, as fitted
        assert panel.columns.memory.widths == {}
        window.close()
