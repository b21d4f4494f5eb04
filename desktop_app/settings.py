"""The app's per-user settings: a typed dataclass stored through QSettings, with a version.

Only preferences of this person on this machine live here (their department, where the
shared folder or workspace is). Business data (departments, thresholds, surveys) lives in
the workspace database.

Adding a setting: add a field with a default. Renaming or changing the meaning of one: bump
:data:`SETTINGS_VERSION` and add a step to :data:`MIGRATIONS` that rewrites the old keys.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, fields

from PySide6.QtCore import QCoreApplication, QSettings

ORGANISATION = "Rapport"
APPLICATION = "Rapport"

#: Version of the stored layout; bump it together with a new entry in MIGRATIONS.
SETTINGS_VERSION = 1

#: Roles for bare `rapport`.
ROLE_HR = "hr"
ROLE_RESPONDENT = "respondent"

#: How many recent workspaces File › Open recent lists.
MAX_RECENT = 8

#: Respondent modes: answers go through a shared folder, or straight into a local workspace.
TEAM_MODE = "team"
SINGLE_MODE = "single"


@dataclass
class Settings:
    """Everything Rapport remembers for this user on this machine."""

    version: int = SETTINGS_VERSION
    #: The respondent's own department ("" until the first run asked).
    department: str = ""
    #: TEAM_MODE (shared folder) or SINGLE_MODE (local workspace).
    mode: str = TEAM_MODE
    #: The shared folder in team mode.
    share_folder: str = ""
    #: The workspace folder in single-machine mode.
    workspace_folder: str = ""
    #: Minutes a "Remind me later" waits.
    snooze_minutes: int = 120
    #: What bare `rapport` opens: ROLE_HR, ROLE_RESPONDENT, or "" (not chosen: HR window).
    role: str = ""
    #: HR workspaces opened recently, newest first, one path per line.
    recent_workspaces: str = ""
    #: 1: the HR window opens the last workspace at start; 0 once it was closed (File ›
    #: Close workspace), so the next start shows the welcome page.
    reopen_last: int = 1
    #: The HR window's last section (a Panel.section id).
    last_section: str = ""
    #: The HR window's geometry (QMainWindow.saveGeometry as hex).
    window_geometry: str = ""
    #: 1 once the first-run dialog was accepted (the department may still be unknown when
    #: no pulse was open then: it is asked when the first one opens).
    first_run_done: int = 0

    @property
    def respondent_ready(self) -> bool:
        """True once the first run has stored a folder (and a department, if one was open)."""
        folder = self.share_folder if self.mode == TEAM_MODE else self.workspace_folder
        return bool(folder) and bool(self.department or self.first_run_done)


def recent_workspaces(settings: Settings) -> list[str]:
    """The remembered HR workspaces, newest first."""
    return [line for line in settings.recent_workspaces.splitlines() if line.strip()]


def remember_workspace(settings: Settings, path: str) -> None:
    """Put ``path`` first in the recent workspaces (keeping at most :data:`MAX_RECENT`)."""
    kept = [p for p in recent_workspaces(settings) if p != path]
    settings.recent_workspaces = "\n".join([path, *kept][:MAX_RECENT])


def forget_workspace(settings: Settings, path: str) -> None:
    """Drop ``path`` from the recent workspaces (it no longer opens)."""
    settings.recent_workspaces = "\n".join(p for p in recent_workspaces(settings) if p != path)


#: ``{old_version: step}``; each step rewrites the QSettings of ``old_version`` in place.
MIGRATIONS: dict[int, Callable[[QSettings], None]] = {}


def qsettings() -> QSettings:
    """Rapport's QSettings store (INI files under the user's config folder)."""
    if not QCoreApplication.organizationName():
        QCoreApplication.setOrganizationName(ORGANISATION)
    if not QCoreApplication.applicationName():
        QCoreApplication.setApplicationName(APPLICATION)
    return QSettings(QSettings.IniFormat, QSettings.UserScope, ORGANISATION, APPLICATION)


def _migrate(store: QSettings) -> None:
    stored = int(store.value("version", SETTINGS_VERSION) or SETTINGS_VERSION)
    while stored < SETTINGS_VERSION:
        MIGRATIONS[stored](store)
        stored += 1
        store.setValue("version", stored)


def load_settings(store: QSettings | None = None) -> Settings:
    """Read the settings, upgrading an older stored layout first.

    A value of the wrong type (a hand-edited file) falls back to the default.
    """
    store = store or qsettings()
    _migrate(store)
    defaults = Settings()
    values = {}
    for f in fields(Settings):
        default = getattr(defaults, f.name)
        raw = store.value(f.name, default)
        try:
            values[f.name] = type(default)(raw)
        except (TypeError, ValueError):
            values[f.name] = default
    values["version"] = SETTINGS_VERSION
    return Settings(**values)


def save_settings(settings: Settings, store: QSettings | None = None) -> None:
    """Write every field and flush to disk."""
    store = store or qsettings()
    for name, value in asdict(settings).items():
        store.setValue(name, value)
    store.setValue("version", SETTINGS_VERSION)
    store.sync()
