"""Start the respondent's side: first-run questions, then the tray (or the window directly).

``rapport respond --kiosk WORKSPACE`` starts the kiosk instead (several people in turn on
one computer; :mod:`desktop_app.respondent.kiosk_window`): no first-run questions, no tray,
no per-user settings.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from desktop_app.gui_collector import collect_on_gui_thread
from desktop_app.palette import outline_fusion
from desktop_app.respondent.icon import app_icon
from desktop_app.settings import TEAM_MODE, Settings, load_settings, save_settings

if TYPE_CHECKING:
    from desktop_app.respondent.source import SurveySource


def source_for(settings: Settings) -> SurveySource:
    """The survey source the settings point at."""
    from desktop_app.respondent.local_source import LocalSource
    from desktop_app.respondent.source import TeamSource

    if settings.mode == TEAM_MODE:
        return TeamSource(settings.share_folder, lambda: settings.department)
    return LocalSource(settings.workspace_folder)


def ensure_settings(share: str | None = None) -> Settings | None:
    """Load the settings; ask the first-run questions when something is missing.

    ``share`` (from ``--share``) switches to team mode with that folder. Returns ``None``
    when the person cancelled the first-run dialog.
    """
    settings = load_settings()
    if share:
        settings.mode, settings.share_folder = TEAM_MODE, share
    if not settings.respondent_ready:
        # Only the very first start needs the dialog: keep it out of every other start-up.
        from desktop_app.respondent.first_run import FirstRunDialog

        dialog = FirstRunDialog(settings)
        if dialog.exec() != FirstRunDialog.Accepted:
            return None
    save_settings(settings)
    return settings


def run_respondent(share: str | None = None, kiosk: str | None = None) -> int:
    """The `rapport respond` main loop; returns the process exit code."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    collect_on_gui_thread(app)
    from desktop_app import error_report

    # Tracebacks to the log file, words in a box; a kiosk keeps no log.
    error_report.install(log_file=kiosk is None)
    outline_fusion(app)  # radio buttons seen on a dark desktop where the style is Fusion
    app.setApplicationDisplayName("Rapport")
    app.setWindowIcon(app_icon())
    if kiosk is not None:
        from desktop_app.respondent.kiosk_window import run_kiosk

        return run_kiosk(kiosk)
    settings = ensure_settings(share)
    if settings is None:
        return 1
    # Loaded after the first-run dialog: a new user's first window does not wait for it.
    from desktop_app.respondent.tray import RespondentController

    controller = RespondentController(settings, source_for(settings))
    app.aboutToQuit.connect(controller.save_draft_on_quit)
    if controller.tray is None:
        # No tray: the survey opens at once; otherwise a window says what is going on
        # (the folder cannot be reached and Rapport keeps trying, or nothing is waiting).
        controller.check()
        if controller.wizard is None and controller.department_dialog is None:
            controller.show_status_window()
    else:
        app.setQuitOnLastWindowClosed(False)
        controller.start()
    return app.exec()
