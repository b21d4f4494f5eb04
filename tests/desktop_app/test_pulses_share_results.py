"""Pulses panel: "Show respondents what changed since the last pulse" when publishing."""

from __future__ import annotations

import json

from PySide6.QtCore import QPoint, Qt

from desktop_app.panels.pulses_panel import PulsesPanel
from surveys.store import get_setting, open_workspace
from tests.desktop_app.test_pulses_panel import (
    _create_wave,
    _publish,
    _type_passphrase_when_asked,
    _use_share,
)

#: All a published ``results`` entry may hold (docs/respondent.md): nothing else leaks.
RESULT_KEYS = {"wave", "since", "summary", "organisation", "pairs"}
PAIR_KEYS = {"from", "to", "index", "previous"}


def _latest_answered_wave(folder) -> str:  # noqa: ANN001
    db = open_workspace(folder)
    try:
        return db.execute(
            "SELECT w.name FROM waves w JOIN submissions s ON s.wave_id = w.id "
            "ORDER BY w.opens DESC LIMIT 1"
        ).fetchone()[0]
    finally:
        db.close()


def _tick(qtbot, box) -> None:  # noqa: ANN001
    qtbot.mouseClick(box, Qt.LeftButton, pos=QPoint(8, box.height() // 2))


def test_ticked_publish_carries_the_previous_waves_results(
    open_panel, demo_workspace, tmp_path, qtbot
) -> None:
    share = tmp_path / "share"
    _use_share(demo_workspace, share)
    panel = open_panel(PulsesPanel)
    _create_wave(panel, qtbot, "2026-11")
    box = panel.share_results_box
    assert box.isVisible() and not box.isChecked()
    _publish(panel, qtbot)  # not ticked: nothing shared
    published = share / "published" / "2026-11.json"
    assert "results" not in json.loads(published.read_text("utf-8"))

    _tick(qtbot, box)
    assert box.isChecked()
    _type_passphrase_when_asked()
    job = panel.publish_selected()
    assert job.in_process  # the analysis never runs in the GUI process
    with qtbot.waitSignal(job.finished, timeout=60000):
        pass
    data = json.loads(published.read_text("utf-8"))
    results = data["results"]
    previous = _latest_answered_wave(demo_workspace)
    assert results["wave"] == previous
    assert set(results) <= RESULT_KEYS and results["pairs"]
    assert all(set(pair) <= PAIR_KEYS for pair in results["pairs"])
    assert all(1 <= pair["index"] <= 5 for pair in results["pairs"])
    status = panel.status.text()
    assert f"what changed in wave {previous}" in status, status
    assert f"{len(results['pairs'])} department pairs" in status

    db = open_workspace(demo_workspace)  # the choice is the workspace's, kept for next time
    assert get_setting(db, "share_results") is True
    db.close()
    again = open_panel(PulsesPanel)
    assert again.share_results_box.isChecked()


def test_a_wrong_passphrase_with_results_is_said_in_words(
    open_panel, demo_workspace, tmp_path, qtbot
) -> None:
    share = tmp_path / "share"
    _use_share(demo_workspace, share)
    panel = open_panel(PulsesPanel)
    _create_wave(panel, qtbot, "2026-11")
    _publish(panel, qtbot)  # creates the key pair
    panel.share_results_box.setChecked(True)
    refused = _type_passphrase_when_asked("not the passphrase")
    assert panel.publish_selected() is None  # said in the dialog: no job started
    assert refused and refused[0].startswith("Wrong passphrase")
    assert "Traceback" not in refused[0]
    assert "results" not in json.loads((share / "published" / "2026-11.json").read_text())


def _stored_analyses(folder) -> list[str]:  # noqa: ANN001
    db = open_workspace(folder)
    try:
        return [row[0] for row in db.execute("SELECT wave FROM analysis_cache")]
    finally:
        db.close()


def test_a_wrong_passphrase_is_refused_before_the_worker_analyses(
    open_panel, demo_workspace, tmp_path, qtbot
) -> None:
    """The panel runs the same workflow as `rapport publish`: the passphrase comes first.

    The analysis runs in the worker process, so the test watches what it leaves behind:
    every analysis stores its result in the workspace's ``analysis_cache``.
    """
    from desktop_app.jobs.outcome import Outcome

    share = tmp_path / "share"
    _use_share(demo_workspace, share)
    panel = open_panel(PulsesPanel)
    _create_wave(panel, qtbot, "2026-11")
    _publish(panel, qtbot)  # creates the key pair
    db = open_workspace(demo_workspace)
    with db.conn:
        db.execute("DELETE FROM analysis_cache")
    db.close()
    panel.share_results_box.setChecked(True)

    refused = _type_passphrase_when_asked("not the passphrase")
    assert panel.publish_selected() is None  # refused in the dialog, before any job
    assert refused and refused[0].startswith("Wrong passphrase")
    assert _stored_analyses(demo_workspace) == []  # no analysis ran

    _type_passphrase_when_asked()  # the right one: now the previous wave is analysed
    job = panel.publish_selected()
    with qtbot.waitSignal(job.finished, timeout=60000):
        pass
    assert job.outcome is Outcome.SUCCEEDED
    assert _stored_analyses(demo_workspace) == [_latest_answered_wave(demo_workspace)]
