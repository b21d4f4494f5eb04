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

    @property
    def respondent_ready(self) -> bool:
        """True once the first run has stored a department and a folder."""
        folder = self.share_folder if self.mode == TEAM_MODE else self.workspace_folder
        return bool(self.department and folder)


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
