"""Opening an analysed workspace shows its stored result at once; the GUI loads no engine."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from surveys.store import open_workspace
from tests.desktop_app.hr_helpers import ANALYSIS_TIMEOUT_MS

ROOT = Path(__file__).resolve().parents[2]


def _window(qtbot):
    from desktop_app.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1300, 850)
    with qtbot.waitActive(window):
        window.show()
    return window


def _shown_index(window, source: str, target: str) -> str:
    model = window.panel("relationships").model
    return model.data(model.cell_of(source, target), Qt.DisplayRole)


def test_an_analysed_workspace_shows_its_heatmap_without_analysing(qtbot, demo_workspace):
    window = _window(qtbot)
    assert window.open_workspace(str(demo_workspace))
    # No event loop turn and no job: the stored result is already on screen.
    assert window.analysis_job is None and window.context.runner.running() == []
    assert window.context.result.wave == "2026-10"
    assert window.panel("relationships").model.rowCount() == 4
    assert _shown_index(window, "Sales", "IT").endswith(
        f"n = {window.context.result.pair('Sales', 'IT').n}"
    )
    assert "wave 2026-10" in window.analysis_label.text()


def test_a_changed_workspace_is_analysed_again(qtbot, demo_workspace):
    db = open_workspace(demo_workspace)
    with db.atomic():
        db.execute("INSERT INTO actions (from_id, to_id, title) VALUES (1, 2, 'Weekly liaison')")
    db.close()
    window = _window(qtbot)
    with qtbot.waitSignal(window.context.analysis_finished, timeout=ANALYSIS_TIMEOUT_MS) as done:
        assert window.open_workspace(str(demo_workspace))
        assert window.analysis_job is not None and window.analysis_job.in_process
    assert "Weekly liaison" in [a.title for a in done.args[0].actions]


def test_a_wave_seen_before_comes_back_at_once(qtbot, demo_workspace):
    window = _window(qtbot)
    window.open_workspace(str(demo_workspace))
    combo = window.panel("relationships").wave_picker.combo
    with qtbot.waitSignal(window.context.analysis_finished, timeout=ANALYSIS_TIMEOUT_MS):
        combo.activated.emit(combo.findText("2026-08"))  # first time: analysed
    for wave in ("2026-10", "2026-08", "2026-10"):
        combo.activated.emit(combo.findText(wave))
        assert window.context.result.wave == wave  # stored: shown before any event
        assert window.analysis_job is None or window.analysis_job.is_cancelling
        assert combo.currentText() == wave


def test_a_hidden_section_reads_the_workspace_when_it_is_shown(qtbot, demo_workspace):
    window = _window(qtbot)
    window.open_workspace(str(demo_workspace))
    comments = window.panel("comments")
    assert not comments.isVisible() and comments.model.rowCount() == 0
    window.show_section("comments")
    assert comments.model.rowCount() > 0


OPEN_ALL_SECTIONS = """
import sys
from desktop_app import bounded_read
from desktop_app.app import make_application
from desktop_app.main_window import MainWindow
# A loaded machine is no hung share (conftest.py's patient_reads): the stored result is
# read within the wait, even when a working read takes longer than the product's 0.3 s.
bounded_read.WAIT_SECONDS = bounded_read.LIST_WAIT_SECONDS = 30.0
app = make_application()
window = MainWindow()
window.show()
window.open_workspace(sys.argv[1])
assert window.context.result is not None
for panel in window.panels:
    window.show_section(panel.section)
    app.processEvents()
window.panel("relationships").open_pair("Sales", "IT")
app.processEvents()
heavy = ("scipy", "sklearn", "nltk", "pptx", "openpyxl", "analysis.pipeline")
print(sorted(m for m in heavy if m in sys.modules))
window.close()
"""


def test_the_gui_process_imports_no_engine_while_showing_every_section(demo_workspace, tmp_path):
    env = dict(os.environ, RAPPORT_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    done = subprocess.run(
        [sys.executable, "-c", OPEN_ALL_SECTIONS, str(demo_workspace)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"
