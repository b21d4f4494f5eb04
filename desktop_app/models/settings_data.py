"""What the settings section shows, read in one go (a thin helper, no SQL).

Business data lives in the workspace (:mod:`surveys.departments`,
:mod:`analysis.privacy_settings`, the ``share`` setting), never in QSettings.
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.privacy_settings import thresholds_from_settings, typed_redaction_names
from surveys import store
from surveys.store import get_setting, set_setting


@dataclass(frozen=True)
class WorkspaceSettings:
    """The values the settings section shows."""

    min_group: int
    min_comment_group: int
    redaction_names: tuple[str, ...]
    share: str
    imported_names: int = 0


def read_settings(db) -> WorkspaceSettings:
    """Current thresholds (already clamped to the floor), names and shared folder.

    ``redaction_names`` are the names HR typed; the imported list is only counted.
    """
    from surveys.importing.names import stored_people

    k = thresholds_from_settings(db)
    typed = tuple(typed_redaction_names(db))
    share = get_setting(db, "share", "")
    return WorkspaceSettings(k.min_group, k.min_comment_group, typed, share, len(stored_people(db)))


def save_share(db, share: str) -> None:
    """Store the shared folder (empty: none)."""
    with db.atomic():
        set_setting(db, "share", share.strip())


#: The longest organisation name accepted (it goes on every slide's footer); the same limit
#: as a new workspace's (:func:`surveys.store.create_workspace`).
MAX_ORGANISATION = store.MAX_ORGANISATION


def organisation(db, folder) -> str:
    """The organisation's name (default: the workspace folder's name, as the analysis uses)."""
    from pathlib import Path

    return str(get_setting(db, "organisation", Path(folder).resolve().name))


def save_organisation(db, name: str) -> None:
    """Store the organisation's name.

    Raises
    ------
    SettingsError
        If the name is empty or longer than :data:`MAX_ORGANISATION` characters.
    """
    from surveys.errors import SettingsError

    name = " ".join(name.split())
    if not name:
        raise SettingsError("The organisation name is empty: type the name the deck should show.")
    if len(name) > MAX_ORGANISATION:
        raise SettingsError(
            f"The organisation name has {len(name)} characters; shorten it to "
            f"{MAX_ORGANISATION} or fewer (it goes on every slide)."
        )
    with db.atomic():
        set_setting(db, "organisation", name)
