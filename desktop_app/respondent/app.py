"""Start the respondent's side: first-run questions, then the tray (or the window directly)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.respondent.source import LocalSource, SurveySource, TeamSource
from desktop_app.respondent.tray import RespondentController, app_icon
from desktop_app.settings import TEAM_MODE, Settings, load_settings, save_settings


def source_for(settings: Settings) -> SurveySource:
    """The survey source the settings point at."""
    if settings.mode == TEAM_MODE:
        return TeamSource(settings.share_folder)
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


def run_respondent(share: str | None = None) -> int:
    """The `rapport respond` main loop; returns the process exit code."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationDisplayName("Rapport")
    app.setWindowIcon(app_icon())
    settings = ensure_settings(share)
    if settings is None:
        return 1
    controller = RespondentController(settings, source_for(settings))
    if controller.tray is None:
        controller.check()
        if controller.wizard is None:
            QMessageBox.information(
                None,
                app.translate("Respondent", "Rapport"),
                app.translate(
                    "Respondent",
                    "No pulse is waiting for you right now. Thank you for checking; Rapport "
                    "will ask when the next one opens.",
                ),
            )
            return 0
    else:
        app.setQuitOnLastWindowClosed(False)
        controller.start()
    return app.exec()
