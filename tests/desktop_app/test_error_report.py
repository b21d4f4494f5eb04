"""Errors raised on the HR window's thread (a section reading a workspace whose share went
away) are said in words, once, and their traceback goes to the log file, not the
terminal (desktop_app.error_report)."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop_app import error_report
from tests.desktop_app.hr_helpers import open_window


@pytest.mark.qt_no_exception_capture
def test_a_share_gone_while_the_window_is_open_is_said_in_words_not_a_traceback(
    qtbot, demo_workspace: Path, monkeypatch: pytest.MonkeyPatch, capfd
) -> None:
    """Before: opening the Comments and Themes sections printed two tracebacks in the
    terminal ("Error calling Python override of QWidget::showEvent(): ...") and the
    sections stayed as they were, without a word."""
    import logging

    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda parent, title, text, *a, **k: shown.append(text)
    )
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back afterwards
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    handlers = list(logging.getLogger().handlers)
    try:
        hook = error_report.install()
        window = open_window(qtbot, demo_workspace)
        capfd.readouterr()
        demo_workspace.rename(demo_workspace.with_name("moved"))  # the share goes away
        window.show_section("comments")
        window.show_section("themes")
        qtbot.waitUntil(lambda: len(shown) >= 1)
        qtbot.wait(50)
        thread = threading.Thread(target=lambda: 1 / 0, name="rapport-test-thread")
        thread.start()
        thread.join()
    finally:
        if demo_workspace.with_name("moved").exists():  # later tests' timers read it
            demo_workspace.with_name("moved").rename(demo_workspace)
        for handler in logging.getLogger().handlers:
            if handler not in handlers:
                logging.getLogger().removeHandler(handler)
                handler.close()

    assert "Traceback" not in capfd.readouterr().err
    assert len(shown) == 1  # the same trouble, said once
    assert shown[0].startswith(f"The workspace folder {demo_workspace} does not exist")
    assert "Error calling" not in shown[0]
    log = hook.log_file.read_text(encoding="utf-8")
    assert "Traceback" in log and "showEvent" in log
    assert "on rapport-test-thread: division by zero" in log  # a thread's error, logged


def test_an_unexpected_error_names_the_log_file(tmp_path: Path) -> None:
    text = error_report.describe(KeyError("wave"), tmp_path / "rapport.log")
    assert "unexpected problem" in text and str(tmp_path / "rapport.log") in text


@pytest.mark.parametrize("kiosk", [False, True])
def test_a_kiosk_keeps_no_log_file(
    qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kiosk: bool
) -> None:
    """A kiosk keeps no log (docs/respondent.md): everyone who answers there shares its
    account, and each error's line is stamped to the millisecond, next to the deliveries
    its mixing rounds follow. The respondent's own app logs in its private folder."""
    import logging

    from desktop_app.respondent import app as respondent_app
    from desktop_app.respondent import kiosk_window, tray
    from surveys.paths import user_data_dir

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(kiosk_window, "run_kiosk", lambda path: 0)
    monkeypatch.setattr(respondent_app, "ensure_settings", lambda share: None)
    monkeypatch.setattr(tray, "RespondentController", None)
    handlers = list(logging.getLogger().handlers)
    try:
        respondent_app.run_respondent(kiosk=str(tmp_path / "kiosk") if kiosk else None)
        logging.getLogger("rapport.test").error("a failed mixing round")
        hook = sys.excepthook
    finally:
        for handler in logging.getLogger().handlers:
            if handler not in handlers:
                logging.getLogger().removeHandler(handler)
                handler.close()
    log_file = user_data_dir() / "logs" / error_report.LOG_NAME
    assert isinstance(hook, error_report._Hook)  # errors are still said in words
    if kiosk:
        assert hook.log_file is None and not log_file.exists()
    else:
        assert hook.log_file == log_file
        assert "a failed mixing round" in log_file.read_text(encoding="utf-8")
