"""The pair's page (issue 19.5): a page of the window with Back, two columns, comment cards
and suggested actions recorded in one click."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
)

from desktop_app.action_dialog import ActionDialog
from desktop_app.context import Changes
from desktop_app.panels.pair_page import PairPage
from surveys.actions import list_actions
from surveys.store import open_workspace
from tests.desktop_app.hr_helpers import open_window


def _open_sales_it(qtbot, folder, to_dept: str = "IT"):
    window = open_window(qtbot, folder)
    window.show_section("relationships")
    panel = window.panel("relationships")
    panel.heatmap.setFocus()
    rect = panel.heatmap.cell_rect("Sales", to_dept)
    qtbot.mouseClick(panel.heatmap.viewport(), Qt.LeftButton, pos=rect.center())
    assert window.stack.currentWidget() is window.pair_page
    # Filled before it is shown, the page is laid out by the event loop, as before a person
    # can click anything on it.
    buttons = window.pair_page.findChildren(QPushButton)
    qtbot.waitUntil(lambda: all(b.height() > 0 for b in buttons if b.isVisible()), timeout=5000)
    qtbot.waitUntil(window.pair_page.cards_complete, timeout=5000)  # built a few at a time
    return window, panel, window.pair_page


def _actions(folder):
    db = open_workspace(folder)
    try:
        return list_actions(db)
    finally:
        db.close()


def test_the_pair_is_a_page_of_the_window_not_a_dialog(qtbot, demo_workspace):
    window, _panel, page = _open_sales_it(qtbot, demo_workspace)
    assert not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
    ]
    assert page.window() is window and page.width() == window.stack.width()
    assert page.heading.text() == "Sales → IT"
    assert window.back_action.isEnabled()


@pytest.mark.parametrize("how", ["button", "alt+left", "backspace", "mouse"])
def test_back_returns_to_where_the_page_was_opened(qtbot, demo_workspace, how):
    window, panel, page = _open_sales_it(qtbot, demo_workspace)
    if how == "button":
        qtbot.mouseClick(page.back_button, Qt.LeftButton)
    elif how == "alt+left":
        qtbot.keyClick(page.back_button, Qt.Key_Left, Qt.AltModifier)
    elif how == "backspace":
        qtbot.keyClick(page.back_button, Qt.Key_Backspace)
    else:  # the mouse's back button, over a comment's (selectable) text
        target = page.comment_cards[0].text
        pos = QPointF(target.rect().center())
        for kind in (QEvent.MouseButtonPress, QEvent.MouseButtonRelease):
            event = QMouseEvent(
                kind, pos, target.mapToGlobal(pos), Qt.BackButton, Qt.NoButton, Qt.NoModifier
            )
            QApplication.sendEvent(target, event)
    assert window.stack.currentWidget() is panel
    assert not window.back_action.isEnabled()
    assert panel.heatmap.hasFocus()  # where the person was


def test_backspace_in_a_text_field_edits_the_text(qtbot, demo_workspace):
    window = open_window(qtbot, demo_workspace)
    window.show_section("comments")
    search = window.panel("comments").search
    qtbot.keyClicks(search, "meetings")
    qtbot.keyClick(search, Qt.Key_Backspace)
    assert search.text() == "meeting"
    assert window.stack.currentWidget() is window.panel("comments")


def test_two_columns_at_normal_width_and_one_when_narrow(qtbot, open_panel):
    page = open_panel(PairPage)  # on its own, so it can be narrower than the window allows
    page.show_pair("Sales", "IT")
    columns = page.columns
    page.resize(1100, 800)
    qtbot.waitUntil(lambda: not columns.one_column())
    left, right = columns.left_widget.geometry(), columns.right_widget.geometry()
    assert right.left() > left.right() and abs(right.top() - left.top()) < 5
    page.resize(560, 800)
    qtbot.waitUntil(columns.one_column)
    left, right = columns.left_widget.geometry(), columns.right_widget.geometry()
    assert right.top() > left.bottom()  # stacked: actions and comments under the figures
    assert right.width() > 400  # not squeezed


def test_comments_that_say_nothing_are_counted_not_shown_as_cards(qtbot, demo_workspace):
    # one demo answer about Sales → Marketing in 2026-10 is just "n/a"
    _window, _panel, page = _open_sales_it(qtbot, demo_workspace, "Marketing")
    texts = [card.text.text() for card in page.comment_cards]
    assert texts and "n/a" not in texts
    note = page.comments_note.text()
    nothing = "1 more said nothing (such as “n\u2060/\u2060a”)."  # the slash never breaks
    assert note == f"{len(texts)} comments, most negative first. {nothing}"


def test_one_card_per_redacted_comment_with_label_sentiment_and_theme(qtbot, demo_workspace):
    window, _panel, page = _open_sales_it(qtbot, demo_workspace)
    cards = page.comment_cards
    assert len(cards) == 11 and page.comments_note.text() == "11 comments, most negative first."
    first = cards[0]
    assert first.label_chip.text() == "negative"
    assert first.facts.text() == "sentiment -0.87"  # the weights of the short-comment retrain
    assert first.themes.text() == "Responsiveness"
    assert first.text.text().startswith("Tired of this. We waited four weeks")
    scores = [card.row.sentiment for card in cards]
    assert scores == sorted(scores)  # most negative first
    qtbot.waitUntil(lambda: all(card.isVisible() for card in cards))
    assert all(card.frameShape() == QFrame.StyledPanel for card in cards)  # one frame each
    assert not any("@" in card.text.text() for card in cards)
    assert any("conflict language" in card.facts.text() for card in cards)


def test_hidden_comments_show_no_card(qtbot, demo_workspace):
    window = open_window(qtbot, demo_workspace)
    result = window.context.result
    pair = next(p for p in result.pairs if not p.suppressed and p.comment_count < 5)
    window.context.request_pair(pair.from_dept, pair.to_dept)
    page = window.pair_page
    assert page.comment_cards == []
    assert page.comments_note.text() == (
        "Comments are hidden: fewer than 5 people in this group commented."
    )


def test_a_suggestion_becomes_an_action_in_one_click_and_can_be_undone(qtbot, demo_workspace):
    window, _panel, page = _open_sales_it(qtbot, demo_workspace)
    before = len(_actions(demo_workspace))
    row = page.actions.rows[0]
    title = row.text
    assert row.button.text() == "Record as action" and row.button.isEnabled()
    with qtbot.waitSignal(window.context.data_changed) as changed:
        qtbot.mouseClick(row.button, Qt.LeftButton)
    assert changed.args[0] == Changes(actions=True)
    saved = [a for a in _actions(demo_workspace) if a.title == title]
    assert len(saved) == 1 and len(_actions(demo_workspace)) == before + 1
    assert (saved[0].from_dept, saved[0].to_dept) == ("Sales", "IT")
    assert (saved[0].status, saved[0].wave) == ("planned", "2026-10")
    # shown at once: the notice, the recorded list, the trend marker, the button
    assert page.notice.isVisible()
    assert page.notice.message.text() == (
        f"Recorded “{title}” as a planned action of Sales → IT in wave 2026-10."
    )
    assert title in page.actions.recorded_list.text()
    assert title in page.trend.series.markers["2026-10"]
    recorded = next(r for r in page.actions.rows if r.text == title)
    assert recorded.button.text() == "Recorded ✓" and not recorded.button.isEnabled()
    actions = window.panel("actions").model  # hidden: its read is not waited for
    qtbot.waitUntil(lambda: actions.rowCount() == before + 1, timeout=5000)
    with qtbot.waitSignal(window.context.data_changed):
        qtbot.mouseClick(page.notice.undo_button, Qt.LeftButton)
    assert [a for a in _actions(demo_workspace) if a.title == title] == []
    assert page.notice.message.text() == f"Removed “{title}”."
    assert next(r for r in page.actions.rows if r.text == title).button.isEnabled()


def test_a_recorded_suggestion_can_be_edited(qtbot, demo_workspace):
    window, _panel, page = _open_sales_it(qtbot, demo_workspace)
    row = page.actions.rows[1]
    qtbot.mouseClick(row.button, Qt.LeftButton)
    qtbot.mouseClick(page.notice.edit_button, Qt.LeftButton)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, ActionDialog)  # window-modal: the page waits behind it
    assert dialog.title_edit.text() == row.text  # prefilled
    assert dialog.owner_to_label.text() == "Owner in IT:"
    dialog.owner_to_edit.setText("Dana, IT service desk")
    dialog.buttons.button(QDialogButtonBox.Save).click()
    assert not dialog.isVisible()
    saved = next(a for a in _actions(demo_workspace) if a.title == row.text)
    assert (saved.owner_from, saved.owner_to) == ("", "Dana, IT service desk")
    assert "Dana, IT service desk (IT)" in page.actions.recorded_list.text()


def test_the_overview_hotspot_opens_its_page(qtbot, demo_workspace):
    window = open_window(qtbot, demo_workspace)
    overview = window.panel("overview")
    qtbot.mouseClick(overview.findChild(QPushButton, "openHotspot1"), Qt.LeftButton)
    assert window.stack.currentWidget() is window.pair_page
    assert window.pair_page.heading.text() == "Sales → IT"
    assert "Back to Overview" in window.pair_page.back_button.toolTip()
    qtbot.mouseClick(window.pair_page.back_button, Qt.LeftButton)
    assert window.stack.currentWidget() is overview
    qtbot.waitUntil(overview.findChild(QLabel, "hotspotReasons1").isVisible)


def test_record_as_action_stays_near_its_text_on_a_wide_screen(qtbot, demo_workspace):
    """At 2560 pixels each suggestion's "Record as action" stood at the far edge, some 700
    pixels from its text; on a laptop window the rows still take the column's width."""
    from desktop_app.widgets.pair_cards import MAX_SUGGESTION_CHARS

    window, _panel, page = _open_sales_it(qtbot, demo_workspace)
    row = page.actions.rows[0]
    window.resize(1360, 840)
    qtbot.waitUntil(lambda: row.width() > 0 and row.width() >= row.parentWidget().width() - 40)
    window.resize(2560, 1400)
    qtbot.waitUntil(lambda: window.width() == 2560)
    limit = MAX_SUGGESTION_CHARS * row.fontMetrics().averageCharWidth()
    qtbot.waitUntil(lambda: row.width() == limit)
    assert row.parentWidget().width() > limit + 200  # the column itself is wider


def _in_view(page, widget) -> bool:
    """Whether ``widget`` lies inside the part of the scrolling page on screen."""
    from PySide6.QtCore import QRect

    viewport = page.findChild(QScrollArea).viewport()
    top_left = widget.mapTo(viewport, widget.rect().topLeft())
    return viewport.rect().contains(QRect(top_left, widget.size()))


def test_the_recorded_notice_stands_by_the_suggestions_and_in_view(qtbot, demo_workspace):
    """The notice sat above the page's figures, at the other edge of the page from the
    suggestion HR recorded: out of view once the page was scrolled (an edit saved while
    HR read the comments), and it pushed the page down under the pointer."""
    window, _panel, page = _open_sales_it(qtbot, demo_workspace)
    window.resize(1000, 420)
    row = page.actions.rows[0]
    qtbot.mouseClick(row.button, Qt.LeftButton)
    assert page.actions.isAncestorOf(page.notice)  # in the actions' column
    assert page.notice.y() > row.button.mapTo(page.actions, row.button.rect().topLeft()).y()
    qtbot.wait(200)  # the page shown again with the new action
    bar = page.findChild(QScrollArea).verticalScrollBar()
    for _ in range(5):  # HR reads on, down to the comments (the page settles meanwhile)
        bar.setValue(bar.maximum())
        qtbot.wait(50)
    assert not _in_view(page, page.notice)
    action = next(a for a in _actions(demo_workspace) if a.title == row.text)
    page.notice.show_recorded(action)  # the edit saved from the notice's dialog
    qtbot.waitUntil(lambda: _in_view(page, page.notice), timeout=10_000)


def test_opening_a_pair_after_an_analysis_fills_the_page_once(qtbot, demo_workspace, monkeypatch):
    """The analysis that opened the workspace left a refresh for the hidden page; opening a
    pair refreshed it and then, on showing, ran that refresh again: every comment card was
    built twice (0.3 + 0.14 s of a 1.3 s freeze on a real-sized workspace)."""
    fills = []
    original = PairPage._fill
    monkeypatch.setattr(PairPage, "_fill", lambda self, *a: fills.append(a) or original(self, *a))
    window, _panel, page = _open_sales_it(qtbot, demo_workspace)
    qtbot.wait(50)
    assert len(fills) == 1
    assert (
        page.cards_complete()
        and page.comment_cards
        and all(card.parent() is not None for card in page.comment_cards)
    )


def test_a_pair_with_more_comments_than_the_page_shows_says_so_and_links_to_all(
    qtbot, demo_workspace, monkeypatch
):
    """A pair of 158 comments said "50 comments, most negative first." and the list just
    stopped: the rest of the pair's comments were nowhere on the page."""
    from desktop_app.panels import pair_page as module

    original = module.pair_comments
    monkeypatch.setattr(module, "pair_comments", lambda *a: original(*a, limit=3))
    window, _panel, page = _open_sales_it(qtbot, demo_workspace)
    qtbot.waitUntil(lambda: len(page.comment_cards) == 3, timeout=5000)
    total = len(original(open_workspace(demo_workspace), window.context.result, _pair(window)))
    assert total > 3
    assert page.comments_note.text().startswith(f"The 3 most negative of {total} comments.")
    assert page.all_comments.isVisible()
    assert page.all_comments.text() == f"Show all {total} in Comments"
    qtbot.mouseClick(page.all_comments, Qt.LeftButton)
    comments = window.panel("comments")
    assert window.stack.currentWidget() is comments
    wave = window.context.result.wave
    qtbot.waitUntil(lambda: comments.model.filter.to_dept == "IT", timeout=5000)
    assert (comments.model.filter.wave, comments.model.filter.from_dept) == (wave, "Sales")
    qtbot.waitUntil(lambda: comments.model.selection.total == total, timeout=5000)


def test_a_pair_whose_comments_all_fit_has_no_link(qtbot, demo_workspace):
    _window, _panel, page = _open_sales_it(qtbot, demo_workspace)
    assert page.comment_cards
    assert page.comments_note.text().startswith(f"{len(page.comment_cards)} comments")
    assert not page.all_comments.isVisible()


def _pair(window):
    return window.context.result.pair("Sales", "IT")


def test_the_page_shows_its_first_cards_at_once_and_builds_the_rest_while_answering(
    qtbot, demo_workspace
):
    """A pair page of fifty comment cards froze the window 0.5-0.9 s on a real-sized
    workspace while it built every card at once. The first screenful comes with the page;
    the rest follow a few per turn of the event loop, which answers in between."""
    from PySide6.QtCore import QTimer

    from desktop_app.widgets.pair_cards import CARDS_PER_TURN, FIRST_CARDS

    window = open_window(qtbot, demo_workspace)
    page = window.open_pair("Sales", "IT")  # 11 comments in the demo
    assert len(page.comment_cards) == FIRST_CARDS and not page.cards_complete()
    built_at_ticks = []
    ticker = QTimer(interval=0, timeout=lambda: built_at_ticks.append(len(page.comment_cards)))
    ticker.start()
    qtbot.waitUntil(page.cards_complete, timeout=5000)
    ticker.stop()
    assert len(page.comment_cards) == 11
    assert [c.row.sentiment for c in page.comment_cards] == sorted(
        c.row.sentiment for c in page.comment_cards
    )  # still most negative first, in the page's order
    assert FIRST_CARDS + CARDS_PER_TURN in built_at_ticks  # the window ran between batches
    assert page.comments_layout.count() == 11
    window.open_pair("IT", "Sales")  # another pair while cards are built: none of these stay
    qtbot.waitUntil(page.cards_complete, timeout=5000)
    assert page.comments_layout.count() == len(page.comment_cards)
