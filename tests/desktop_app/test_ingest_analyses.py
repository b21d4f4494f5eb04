"""An ingest that takes in answers has the window analyse again, as an import does.

A new analyst's first ingest said "Took 1 file: 1 new answer. Run the analysis to include
them." while the Overview and the status bar went on saying "No answers yet" until F5.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.main_window import MainWindow
from tests.desktop_app.test_pulses_panel import (
    PASSPHRASE,
    _type_passphrase_when_asked,
    deliver_signed_answer,
)


def _one_delivered_answer(workspace: Path, share: Path) -> None:
    from surveys.publish import publish_wave, read_published
    from surveys.store import open_workspace, set_setting

    path = publish_wave(
        workspace, share, "2026-11", "short-pulse", "2020-01-01", "2099-12-31",
        passphrase=PASSPHRASE, create=True,
    )  # fmt: skip
    deliver_signed_answer(workspace, share, read_published(path))
    db = open_workspace(workspace)
    set_setting(db, "share", str(share))
    db.close()


def test_a_first_ingest_shows_its_answers_without_f5(qtbot, workspace: Path, tmp_path) -> None:
    _one_delivered_answer(workspace, tmp_path / "share")
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1300, 850)
    with qtbot.waitActive(window):
        window.show()
    assert window.open_workspace(str(workspace))
    qtbot.waitUntil(lambda: "No answers yet" in window.analysis_label.text(), timeout=20_000)
    window.show_section("pulses")
    panel = window.panel("pulses")
    _type_passphrase_when_asked()
    with qtbot.waitSignal(window.context.analysis_finished, timeout=60_000):
        job = panel.ingest_inbox()
        assert job is not None
    assert panel.status.text().startswith(
        "Took 1 file: 1 new answer. The analysis runs again to include them."
    )
    assert "No answers yet" not in window.analysis_label.text()
    assert window.context.result is not None and window.context.result.wave == "2026-11"
