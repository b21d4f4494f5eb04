"""The Comments section's queries run off the GUI thread: typing a search, choosing a
filter and sorting never wait for SQLite, a superseded query's rows are dropped, "Review
next" still selects the first comment, and a share that hangs is said in the section's
own place and in the status bar, not shown as an empty list.

A slow query is the real one made to wait on an Event (at most :data:`HANG` seconds, so
that without the fix the test fails instead of hanging for good).
"""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt

from desktop_app import bounded_read
from desktop_app.models import comments_model, comments_reads
from desktop_app.models.comments_model import COLUMNS
from desktop_app.panels import comments_panel
from desktop_app.panels.comments_panel import CommentsPanel
from tests.desktop_app.slow_reads import HANG, Ticks


@pytest.fixture(autouse=True)
def product_waits(monkeypatch, patient_reads):
    """The waits the product ships (conftest's patient_reads lengthens them)."""
    monkeypatch.setattr(bounded_read, "WAIT_SECONDS", 0.3)
    monkeypatch.setattr(bounded_read, "LIST_WAIT_SECONDS", 0.05)


def _slow_when(monkeypatch, gate, matches) -> list:
    """``select_groups`` of a filter ``matches`` accepts waits for ``gate``; the filters
    whose query ran are listed."""
    real, ran = comments_reads.select_groups, []

    def select(db, flt):  # noqa: ANN001, ANN202
        if matches(flt):
            gate.wait(HANG)
        ran.append(flt)
        return real(db, flt)

    monkeypatch.setattr(comments_reads, "select_groups", select)
    return ran


def _slow_sort(monkeypatch, gate, key: str, *, read_first: bool = False) -> threading.Event:
    """``fetch_rows`` in the order ``key`` waits for ``gate`` (``read_first``: after it read
    the rows, as a query that read them before a change was stored); the Event returned
    is set once such a query has read its rows."""
    real, read = comments_reads.fetch_rows, threading.Event()

    def fetch(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        rows = real(*args, **kwargs) if read_first else None
        if args[5] == key:
            read.set()
            gate.wait(HANG)
        return rows if read_first else real(*args, **kwargs)

    monkeypatch.setattr(comments_reads, "fetch_rows", fetch)
    return read


def _settled(panel) -> bool:
    return not panel.model.loading and not panel.reads.pending()


def test_a_slow_search_leaves_the_window_working_and_shows_its_rows_when_done(
    open_panel, qtbot, monkeypatch, gate
) -> None:
    panel = open_panel(CommentsPanel)
    qtbot.waitUntil(lambda: _settled(panel))
    before = list(panel.model.rows)
    _slow_when(monkeypatch, gate, lambda flt: flt.search == "meeting")
    ticks = Ticks()
    panel.search.setText("meeting")
    started = time.monotonic()
    panel.apply_filter()  # Return pressed
    assert time.monotonic() - started < 2.0 and panel.model.loading
    start = ticks.count
    qtbot.waitUntil(lambda: ticks.count >= start + 3, timeout=HANG * 500)
    assert panel.model.loading  # the event loop turned while the query waited
    assert panel.model.rows == before  # the previous rows stay until the new ones come
    assert panel.message.text() == "Reading the comments…"
    gate.set()
    qtbot.waitUntil(lambda: _settled(panel), timeout=5000)
    texts = [r.text.lower() for r in panel.model.rows]
    assert texts and all("meeting" in t for t in texts)
    assert panel.message.text().endswith("comments shown.") or "hidden" in panel.message.text()


def test_a_superseded_query_is_dropped_when_it_answers_late(
    open_panel, qtbot, monkeypatch, gate
) -> None:
    """HR typed on: the rows of the earlier word must never replace the later word's."""
    panel = open_panel(CommentsPanel)
    qtbot.waitUntil(lambda: _settled(panel))
    ran = _slow_when(monkeypatch, gate, lambda flt: flt.search == "meet")
    panel.search.setText("meet")
    panel.apply_filter()
    assert panel.model.loading
    panel.search.setText("meeting")
    panel.apply_filter()  # answers at once
    qtbot.waitUntil(lambda: not panel.model.loading, timeout=5000)
    shown = [r.id for r in panel.model.rows]
    gate.set()  # the earlier query ends now
    qtbot.waitUntil(lambda: any(f.search == "meet" for f in ran), timeout=5000)
    qtbot.wait(100)  # its late answer would be delivered by now
    assert [r.id for r in panel.model.rows] == shown
    assert panel.model.filter.search == "meeting"


def test_sorting_on_a_slow_query_keeps_the_window_working(
    open_panel, qtbot, monkeypatch, gate
) -> None:
    panel = open_panel(CommentsPanel)
    qtbot.waitUntil(lambda: _settled(panel))
    _slow_sort(monkeypatch, gate, "sentiment")
    ticks = Ticks()
    started = time.monotonic()
    panel.table.sortByColumn(COLUMNS.index("sentiment"), Qt.AscendingOrder)
    assert time.monotonic() - started < 2.0
    start = ticks.count
    qtbot.waitUntil(lambda: ticks.count >= start + 3, timeout=HANG * 500)
    assert panel.model.loading  # the event loop turned while the query waited
    gate.set()
    qtbot.waitUntil(lambda: not panel.model.loading, timeout=5000)
    scores = [r.sentiment for r in panel.model.rows]
    assert scores == sorted(scores)


def test_review_next_selects_the_first_comment_once_its_rows_come(
    open_panel, qtbot, monkeypatch, gate
) -> None:
    panel = open_panel(CommentsPanel)
    qtbot.waitUntil(lambda: _settled(panel))
    _slow_sort(monkeypatch, gate, "review")
    qtbot.mouseClick(panel.review_button, Qt.LeftButton)
    assert panel.model.loading
    gate.set()
    qtbot.waitUntil(lambda: not panel.model.loading, timeout=5000)
    assert panel.model.in_review_order
    assert panel.table.currentIndex().row() == 0
    confidences = [r.confidence for r in panel.model.rows if not r.corrected]
    assert confidences[0] == min(c for c in confidences if c is not None)


def test_the_next_page_comes_off_the_gui_thread(open_panel, qtbot, monkeypatch, gate) -> None:
    panel = open_panel(CommentsPanel)
    qtbot.waitUntil(lambda: _settled(panel))
    loaded = panel.model.rowCount()
    assert panel.model.canFetchMore()
    real = comments_reads.fetch_rows
    monkeypatch.setattr(
        comments_reads,
        "fetch_rows",
        lambda *a, **k: (gate.wait(HANG), real(*a, **k))[1],
    )
    panel.model.fetchMore()
    assert panel.model.rowCount() == loaded and panel.model.loading
    panel.model.fetchMore()  # asked again while the page is read: nothing more is asked
    gate.set()
    qtbot.waitUntil(lambda: not panel.model.loading, timeout=5000)
    assert panel.model.rowCount() == loaded * 2
    assert len({r.id for r in panel.model.rows}) == loaded * 2


def test_a_share_that_hangs_is_said_in_the_section_not_shown_as_no_comments(
    open_panel, qtbot, monkeypatch, gate
) -> None:
    monkeypatch.setattr(comments_model, "SAY_SLOW_MS", 100)
    panel = open_panel(CommentsPanel)
    qtbot.waitUntil(lambda: _settled(panel))
    waits = []
    panel.context.sections_waiting.connect(waits.append)
    _slow_when(monkeypatch, gate, lambda flt: flt.from_dept is not None)
    panel.from_box.setCurrentIndex(1)
    qtbot.waitUntil(lambda: "slow to answer" in panel.message.text(), timeout=10_000)
    assert "network drive" in panel.message.text()
    assert waits == [True]  # the window's status bar says it too
    gate.set()
    qtbot.waitUntil(lambda: not panel.model.loading, timeout=5000)
    assert "slow" not in panel.message.text()
    assert waits == [True, False]
    assert {r.from_dept for r in panel.model.rows} == {panel.from_box.currentText()}


def test_a_label_corrected_while_rows_are_read_is_not_undone_by_their_answer(
    open_panel, qtbot, monkeypatch, gate
) -> None:
    """The rows of a sort still being read were read before the correction was stored:
    applied as they were, the corrected comment showed its old label again."""
    panel = open_panel(CommentsPanel)
    qtbot.waitUntil(lambda: _settled(panel))
    read = _slow_sort(monkeypatch, gate, "sentiment", read_first=True)
    panel.table.sortByColumn(COLUMNS.index("sentiment"), Qt.AscendingOrder)
    qtbot.waitUntil(lambda: panel.model.loading, timeout=10_000)
    qtbot.waitUntil(read.is_set, timeout=10_000)  # the sorted rows have been read
    panel.table.selectRow(0)
    comment = panel.model.row_at(0)
    label = "positive" if comment.label != "positive" else "negative"
    panel.correct_selected(label)
    # stored (after the product's wait on a loaded machine), then the rows read before answer
    qtbot.waitUntil(lambda: not panel.writes.running(), timeout=10_000)
    gate.set()
    qtbot.waitUntil(lambda: not panel.model.loading, timeout=5000)
    shown = {r.id: r for r in panel.model.rows}
    if comment.id not in shown:  # not on the first page of the sorted rows: look for it
        panel.model.fetchMore()
        qtbot.waitUntil(lambda: not panel.model.loading, timeout=5000)
        shown = {r.id: r for r in panel.model.rows}
    assert shown[comment.id].label == label and shown[comment.id].corrected


def test_another_workspace_never_shows_the_previous_ones_comments(
    open_panel, qtbot, monkeypatch, gate, tmp_path
) -> None:
    """Opening another workspace while its folder is slow: the comments of the one before
    stayed in the table (and a label corrected there was stored in the new workspace, by
    the previous one's comment id) until the new workspace's read came."""
    from surveys.store import create_workspace

    create_workspace(tmp_path / "other").close()
    panel = open_panel(CommentsPanel)
    qtbot.waitUntil(lambda: _settled(panel))
    assert panel.model.rowCount()
    rows, section = comments_reads.fetch_rows, comments_panel.read_section
    monkeypatch.setattr(
        comments_reads, "fetch_rows", lambda *a, **k: (gate.wait(HANG), rows(*a, **k))[1]
    )
    panel.model.fetchMore()  # a page of the first workspace, still being read
    assert panel.model.loading
    monkeypatch.setattr(bounded_read, "WAIT_SECONDS", 0.0)
    monkeypatch.setattr(
        comments_panel, "read_section", lambda path: (gate.wait(HANG), section(path))[1]
    )
    panel.context.open(tmp_path / "other")
    assert panel.model.rowCount() == 0 and panel.model.row_at(0) is None
    assert panel.message.text() == "Reading the comments…"
    gate.set()
    qtbot.waitUntil(lambda: _settled(panel), timeout=5000)
    assert panel.model.rowCount() == 0  # the page of the first workspace was dropped
