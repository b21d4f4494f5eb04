"""Writes to a workspace on a share that hangs (the file server gone: calls block for tens
of seconds) or fails: the HR window keeps processing events, the control that wrote waits
with "Saving…" beside it, and a write that fails is said in words with nothing lost.

The hang is the real write made to wait on an Event (see test_hung_share.py).
"""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from PySide6.QtCore import Qt

from desktop_app import bounded_read
from desktop_app.context import Changes
from desktop_app.panels.comments_panel import CommentsPanel
from surveys import store
from tests.desktop_app.test_comments_panel import COLUMNS
from tests.desktop_app.test_hung_share import Ticks, _hanging


@pytest.fixture
def gate():
    released = threading.Event()
    yield released
    released.set()  # never leave a thread blocked behind the test


@pytest.fixture
def product_wait(monkeypatch):
    """The wait the product ships, set once a test's window has opened."""
    return lambda: monkeypatch.setattr(bounded_read, "WAIT_SECONDS", 0.3)


def _failing(*_args, **_kwargs):
    """Opening the workspace on a share that went away."""
    raise sqlite3.OperationalError("disk I/O error")


def _label(panel, row: int) -> str:
    return panel.model.index(row, COLUMNS.index("label")).data()


def _first_comment(open_panel):
    panel = open_panel(CommentsPanel)
    panel.table.selectRow(0)
    row = panel.model.row_at(0)
    return panel, row, ("neutral" if row.label != "neutral" else "positive")


def _responsive(qtbot, click) -> None:
    """``click()`` returns at once and the event loop goes on turning."""
    ticks = Ticks()
    started = time.monotonic()
    click()
    assert time.monotonic() - started < 2.0
    before = ticks.count
    qtbot.wait(200)
    assert ticks.count > before


def test_a_label_correction_on_a_share_that_hangs_waits_with_saving(
    qtbot, open_panel, monkeypatch, gate, product_wait
):
    """Correcting a label wrote on the GUI thread: on a share that hangs, the window froze."""
    panel, row, target = _first_comment(open_panel)
    product_wait()
    monkeypatch.setattr(store, "open_workspace", _hanging(store.open_workspace, gate))
    button = panel.label_buttons[target]
    _responsive(qtbot, lambda: qtbot.mouseClick(button, Qt.LeftButton))
    assert not button.isEnabled() and not panel.undo_button.isEnabled()
    assert panel.write_status.isVisible()
    assert panel.write_status.text().startswith("Saving… the workspace's folder is slow")
    assert _label(panel, 0) == row.label  # not said to be saved before it is
    with qtbot.waitSignal(panel.context.data_changed) as changed:
        gate.set()
    assert changed.args == [Changes(labels=True), panel]
    assert _label(panel, 0) == f"{target} (corrected)"
    assert not panel.write_status.isVisible() and button.isEnabled()


def test_a_label_correction_that_fails_says_why_and_changes_nothing(qtbot, open_panel, monkeypatch):
    """A failed write raised into the window's error box; the buttons now say it in place."""
    panel, row, target = _first_comment(open_panel)
    monkeypatch.setattr(store, "open_workspace", _failing)
    changed: list[object] = []
    panel.context.data_changed.connect(lambda *args: changed.append(args))
    qtbot.mouseClick(panel.label_buttons[target], Qt.LeftButton)
    text = panel.write_status.text()
    assert panel.write_status.isVisible() and text.startswith("Not saved: ")
    assert f"Reading or writing the workspace {panel.context.path} failed" in text
    assert text.endswith("What you chose or typed is kept for another try.")
    assert "Traceback" not in text
    assert _label(panel, 0) == row.label and changed == []
    assert panel.label_buttons[target].isEnabled()  # for another try
