"""The Comments section's count line (desktop_app/panels/comments_count.py): one line that
says how many comments are shown and that they are redacted, leaving the table its rows on
a laptop at 200 % (1366×768: 683×384 to Qt). Twelfth polish round."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.panels.comments_count import CommentsCount
from tests.desktop_app.hr_helpers import open_window


@dataclass
class _Selection:
    total: int
    small_groups: bool = False
    k: int = 5


def test_the_count_line_reads_one_comment_and_two_comments(qtbot) -> None:
    line = CommentsCount()
    qtbot.addWidget(line)
    assert line.count_text(_Selection(1), False).startswith("1 comment shown. Names, e-mails")
    assert line.count_text(_Selection(2), False).startswith("2 comments shown. Names, e-mails")
    hidden = line.count_text(_Selection(2, small_groups=True, k=1), False)
    assert "fewer than 1 person commented are hidden" in hidden


def _bottom(widget, ancestor) -> int:
    return widget.mapTo(ancestor, widget.rect().bottomLeft()).y()


def _top(widget, ancestor) -> int:
    return widget.mapTo(ancestor, widget.rect().topLeft()).y()


def test_at_200_percent_on_1366_by_768_nothing_is_drawn_over(qtbot, demo_workspace) -> None:
    """At 200 % (683×384 to Qt) a fixed note "Comments are shown redacted…" and the count
    took five lines above the table; with the filters open the section had no room: About
    and Conflict were drawn under the next line of boxes, and the table showed no whole
    comment. The section now scrolls instead."""
    window = open_window(qtbot, demo_workspace)
    window.resize(683, 384)
    window.show_section("comments")
    panel = window.panel("comments")
    qtbot.waitUntil(lambda: panel.message.text().startswith("408 comments shown."))
    labels = [w for w in panel.findChildren(QLabel) if w.isVisible() and "redacted" in w.text()]
    assert labels == []  # said once, in the count line
    assert "links are removed." in panel.message.text()
    if not panel.filters.toggle.isChecked():
        panel.filters.toggle.click()
    body = panel.findChild(QWidget, "commentsBody")
    qtbot.waitUntil(lambda: _bottom(panel.filters.conflict_box, body) < _top(panel.message, body))
    boxes = [panel.wave_box, panel.from_box, panel.to_box, panel.sentiment_box]
    boxes += [panel.theme_box, panel.conflict_box]
    for box in boxes:  # inside the grid, not under the count line
        assert _bottom(box, body) <= _bottom(panel.filters, body), box.objectName()
    assert panel.message.height() >= panel.message.heightForWidth(panel.message.width())
    assert _bottom(panel.message, body) < _top(panel.table, body)
    assert panel.table.viewport().height() >= panel.table.rowHeight(0)
    assert _bottom(panel.table, body) < _top(panel.review_button, body)


def test_on_a_wide_window_the_filters_are_three_and_three(qtbot, demo_workspace) -> None:
    """As one wrapping row the six filters were five on a line and Conflict alone below;
    the lines share them evenly."""
    window = open_window(qtbot, demo_workspace)
    window.resize(1360, 840)
    window.show_section("comments")
    panel = window.panel("comments")
    if not panel.filters.toggle.isChecked():
        panel.filters.toggle.click()
    body = panel.findChild(QWidget, "commentsBody")
    qtbot.waitUntil(lambda: _top(panel.conflict_box, body) > _top(panel.wave_box, body))
    tops = [_top(box, body) for box in (panel.wave_box, panel.from_box, panel.to_box)]
    lower = [_top(b, body) for b in (panel.sentiment_box, panel.theme_box, panel.conflict_box)]
    assert len(set(tops)) == 1 and len(set(lower)) == 1 and lower[0] > tops[0]


def test_a_refusal_reads_as_a_warning_and_the_count_again_as_plain_text(qtbot) -> None:
    """The line's refusals ("This filter is hidden…") were given a ``warning`` property no
    style sheet read, so they looked like an ordinary count."""
    from PySide6.QtGui import QColor

    from desktop_app.widgets.warning_text import warning_colour

    line = CommentsCount()
    qtbot.addWidget(line)
    line.say("This filter is hidden: it would single out a small group.", warning=True)
    line.ensurePolished()
    assert line.palette().color(line.foregroundRole()) == QColor(warning_colour(line))
    assert line.font().weight() >= 600
    line.show_count(_Selection(2), False)
    line.ensurePolished()
    assert line.palette().color(line.foregroundRole()) != QColor(warning_colour(line))
