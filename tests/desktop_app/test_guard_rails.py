"""Guard rails (issue 19.10): lowering a threshold asks first, hidden comments say why,
templates say how many questions a wave asks, and `rapport open` errors reach people who
started it from a desktop shortcut."""

from __future__ import annotations

import io

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from analysis.privacy_settings import save_thresholds
from desktop_app.panels.comments_panel import CommentsPanel
from desktop_app.panels.pulses_panel import PulsesPanel
from desktop_app.panels.settings_panel import SettingsPanel
from desktop_app.wave_dialog import WaveDialog
from surveys.store import get_setting, open_workspace


def _setting(folder, key):
    db = open_workspace(folder)
    try:
        return get_setting(db, key)
    finally:
        db.close()


def _answer_box(button_text: str, seen: list) -> None:
    """Read the next message box and click its button called ``button_text``."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        seen.append((box.objectName(), box.text(), box.informativeText()))
        next(b for b in box.buttons() if b.text().replace("&", "") == button_text).click()

    QTimer.singleShot(0, answer)


def _type_threshold(qtbot, spin, value: str) -> None:
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, value)
    spin.interpretText()


def test_lowering_the_threshold_explains_the_trade_off_and_asks(
    open_panel, demo_workspace, qtbot
) -> None:
    panel = open_panel(SettingsPanel)
    save = panel.findChild(QPushButton, "savePrivacy")
    _type_threshold(qtbot, panel.min_group, "3")
    seen = []
    _answer_box("Keep the current thresholds", seen)
    qtbot.mouseClick(save, Qt.LeftButton)
    name, text, why = seen[0]
    assert name == "lowerThresholdBox"
    assert text == "Smallest group for scores: from 5 to 3."
    assert "tell who answered what" in why and "less reliable" in why
    assert _setting(demo_workspace, "min_group") is None  # nothing stored
    assert panel.min_group.value() == 5
    assert panel.message.text() == "Nothing was saved: the thresholds stay as they were."
    _type_threshold(qtbot, panel.min_group, "3")
    _answer_box("Lower to 3", seen)
    with qtbot.waitSignal(panel.context.analysis_finished, timeout=30000) as done:
        qtbot.mouseClick(save, Qt.LeftButton)
    assert len(seen) == 2 and _setting(demo_workspace, "min_group") == 3
    assert done.args[0].min_group == 3


def test_raising_a_threshold_asks_nothing(open_panel, demo_workspace, qtbot) -> None:
    panel = open_panel(SettingsPanel)
    _type_threshold(qtbot, panel.min_comment_group, "6")
    assert panel.lowered_thresholds() == []
    with qtbot.waitSignal(panel.context.analysis_finished, timeout=30000):
        qtbot.mouseClick(panel.findChild(QPushButton, "savePrivacy"), Qt.LeftButton)
    assert _setting(demo_workspace, "min_comment_group") == 6


def test_comments_hidden_by_the_threshold_say_so(open_panel, demo_workspace) -> None:
    db = open_workspace(demo_workspace)
    save_thresholds(db, 5, 40)  # no pair of the demo has 40 comments in a wave
    db.close()
    panel = open_panel(CommentsPanel)
    assert panel.model.rowCount() == 0
    text = panel.message.text()
    assert "No comments match" not in text and "Clear a filter" not in text
    assert text == (
        "No comment can be shown yet. Comments of pairs where fewer than 40 people "
        "commented are hidden (the comment threshold in Settings), so no one can be "
        "recognised."
    )


def test_no_comments_at_all_is_not_blamed_on_a_filter(open_panel, workspace) -> None:
    from desktop_app.context import WorkspaceContext

    context = WorkspaceContext()
    panel = CommentsPanel(context)
    panel.show()
    context.open(workspace)
    assert panel.message.text() == (
        "No comments yet: they appear here once answers with comments are analysed."
    )
    panel.close()
    context.shutdown()


def test_templates_say_how_many_questions_a_wave_asks(open_panel, qtbot) -> None:
    panel = open_panel(PulsesPanel)
    qtbot.mouseClick(panel.findChild(QPushButton, "newWave"), Qt.LeftButton)
    dialog = panel.findChild(WaveDialog)
    assert dialog is not None and dialog.isVisible()
    box = dialog.template_box
    items = [box.itemText(i) for i in range(box.count())]
    assert "Short relationship pulse — 9 questions, 5 per wave (rotating)" in items
    assert "Full relationship pulse — 9 questions" in items
    assert "Liaison check — 4 questions" in items
    dialog.reject()


def test_has_terminal_looks_at_the_standard_streams(monkeypatch) -> None:
    from desktop_app.commands import open as open_command

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    for name in ("stdin", "stdout", "stderr"):
        monkeypatch.setattr(f"sys.{name}", io.StringIO())
    assert not open_command.has_terminal()  # a desktop shortcut: streams, no terminal
    monkeypatch.setattr("sys.stdout", None)  # a windowed Windows build: no streams at all
    monkeypatch.setattr("sys.stderr", None)
    assert not open_command.has_terminal()
    monkeypatch.setattr("sys.stdin", Tty())
    assert open_command.has_terminal()


def test_rapport_open_without_a_terminal_shows_the_error_in_a_dialog(
    tmp_path, capsys, monkeypatch
) -> None:
    from desktop_app import cli

    monkeypatch.setattr("desktop_app.commands.open.has_terminal", lambda: False)
    seen = []
    _answer_box("OK", seen)
    assert cli.main(["open", str(tmp_path / "nowhere")]) == 2
    name, text, why = seen[0]
    assert name == "openErrorBox" and text == "Rapport cannot open the workspace."
    assert "does not exist or cannot be reached" in why and str(tmp_path / "nowhere") in why
    assert "Traceback" not in why
    # and for a terminal's log
    assert "does not exist or cannot be reached" in capsys.readouterr().err
