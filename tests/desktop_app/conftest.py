"""Qt fixtures: QSettings lives under tmp_path, never in a real user's config."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path: Path, qapp):  # noqa: ANN001, ANN201 (pytest-qt fixture)
    """Point QSettings (INI format, user and system scope) at a temporary folder."""
    from PySide6.QtCore import QCoreApplication, QSettings

    folder = tmp_path / "qsettings"
    folder.mkdir()
    QSettings.setDefaultFormat(QSettings.IniFormat)
    for scope in (QSettings.UserScope, QSettings.SystemScope):
        QSettings.setPath(QSettings.IniFormat, scope, str(folder))
    QCoreApplication.setOrganizationName("Rapport")
    QCoreApplication.setApplicationName("Rapport")
    return folder


PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def share(tmp_path: Path, workspace: Path) -> Path:
    """A shared folder with wave 2026-10 of the full pulse published from ``workspace``."""
    from surveys.publish import publish_wave

    folder = tmp_path / "share"
    publish_wave(workspace, folder, "2026-10", "full-pulse", passphrase=PASSPHRASE)
    return folder
