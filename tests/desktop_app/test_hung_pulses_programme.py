"""The programme box's Pause/Resume on a share that hangs: the write landed while the
programme's read again still waits, and the box's one place for "Saving…" and
"Reading…" (the plain pause: test_hung_pulses_writes.py).
"""

from __future__ import annotations

import threading
from datetime import date

import pytest

from desktop_app.context import Changes
from desktop_app.panels import pulses_programme
from surveys import store
from surveys.programme import Programme, save_programme
from tests.desktop_app.slow_reads import hanging
from tests.desktop_app.test_hung_pulses_writes import _programme, _programme_box


@pytest.fixture
def read_gate():  # noqa: ANN201
    """The programme's read held until set (set at the end, whatever happened)."""
    event = threading.Event()
    yield event
    event.set()


def _running_box(qtbot, workspace, product_wait):  # noqa: ANN001, ANN202
    db = store.open_workspace(workspace)
    save_programme(db, Programme("monthly", 10, "short-pulse", date.today().isoformat()))
    db.close()
    window, box = _programme_box(qtbot, workspace, product_wait)
    window.context.data_changed.emit(Changes(waves=True), None)
    qtbot.waitUntil(lambda: box.pause_button.isEnabled(), timeout=15000)
    return window, box


def test_pause_waits_for_the_programme_read_again_after_its_write(
    qtbot, workspace, monkeypatch, product_wait, read_gate
):
    """Once the write ended the button came back while the read again still waited: it
    said Pause for a paused programme, and a click paused it again."""
    _window, box = _running_box(qtbot, workspace, product_wait)
    reading = hanging(pulses_programme.read_programme, read_gate)
    monkeypatch.setattr(pulses_programme, "read_programme", reading)
    box.pause_button.click()
    qtbot.waitUntil(lambda: box.summary.text().startswith("Reading the workspace…"), timeout=5000)
    assert _programme(workspace).paused is not None
    assert not box.pause_button.isEnabled() and not box.run_button.isEnabled()
    assert box.pause_button.text() == "Resu&me"  # the programme as saved
    read_gate.set()
    qtbot.waitUntil(lambda: box.pause_button.isEnabled(), timeout=15000)
    assert box.pause_button.text() == "Resu&me"
    said = f"Paused since {date.today().isoformat()}: no new wave is published."
    assert box.summary.text().endswith(said)
    box.pause_button.click()
    qtbot.waitUntil(lambda: box.pause_button.text() == "Pau&se", timeout=15000)
    assert _programme(workspace).paused is None


def test_saving_and_reading_each_have_their_say_in_the_summary(
    qtbot, workspace, monkeypatch, gate, product_wait, read_gate
):
    """The write's "Saving…" and the read's "waiting" took turns in one place: the write
    ended while the read still waited, and "Saving…" came back for what was saved."""
    window, box = _running_box(qtbot, workspace, product_wait)
    saving = hanging(pulses_programme.store_paused, gate)
    monkeypatch.setattr(pulses_programme, "store_paused", saving)
    reading = hanging(pulses_programme.read_programme, read_gate)
    monkeypatch.setattr(pulses_programme, "read_programme", reading)
    box.pause_button.click()
    assert box.summary.text().startswith("Saving…")
    window.context.data_changed.emit(Changes(waves=True), None)  # read again meanwhile
    qtbot.wait(500)
    assert box.summary.text().startswith("Saving…")  # the write waits still
    gate.set()
    qtbot.waitUntil(lambda: not box.writes.running(), timeout=15000)
    assert box.summary.text().startswith("Reading the workspace…")
    read_gate.set()
    qtbot.waitUntil(lambda: "Paused since" in box.summary.text(), timeout=15000)
