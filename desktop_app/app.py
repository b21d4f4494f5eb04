"""The HR application: QApplication set-up (names, icon, style, palette, high DPI) and `run_hr`.

The dark palette and the style live in :mod:`desktop_app.palette`.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from desktop_app.gui_collector import collect_on_gui_thread
from desktop_app.palette import RapportStyle, dark_palette
from desktop_app.settings import (
    APPLICATION,
    ORGANISATION,
    Settings,
    load_settings,
    recent_workspaces,
)
from desktop_app.translations import install_translations


def icon() -> QIcon:
    """Rapport's window icon (package data)."""
    return QIcon(str(resources.files("desktop_app") / "resources" / "rapport.svg"))


def system_is_dark() -> bool:
    """Whether the desktop asks for a dark colour scheme."""
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_palette(app: QApplication, dark: bool | None = None) -> None:
    """Use the dark palette when the system is dark (or ``dark`` says so), else the light."""
    dark = system_is_dark() if dark is None else dark
    app.setPalette(dark_palette() if dark else app.style().standardPalette())


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, created once, with Rapport's names, icon, style and palette."""
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(argv if argv is not None else sys.argv[:1])
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Rapport")
    app.setWindowIcon(icon())
    app.setStyle(RapportStyle(focus_ring=True))  # the focused button differs from the default
    install_translations(app)
    apply_palette(app)
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_palette(app))
    collect_on_gui_thread(app)
    return app


def startup_workspace(path: str | Path | None, settings: Settings) -> str | None:
    """The workspace the HR window opens at start: ``path`` if given, else the last one,
    unless it was closed (File › Close workspace) before the window was."""
    if path:
        return str(path)
    return next(iter(recent_workspaces(settings)), None) if settings.reopen_last else None


def run_hr(path: str | Path | None = None, *, take_over: bool = False) -> int:
    """Open the HR window (on ``path``, else the last workspace) and run the event loop.

    ``take_over``: take over another computer's stale claim on ``path`` without asking
    (`rapport open --take-over`)."""
    from desktop_app import error_report
    from desktop_app.main_window import MainWindow

    app = make_application()
    error_report.install()  # tracebacks to the log file, words in a box
    window = MainWindow()
    window.show()
    target = startup_workspace(path, load_settings())
    if target:
        window.open_workspace(target, take_over=take_over and bool(path))
    return app.exec()
