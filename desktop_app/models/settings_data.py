"""What the settings section shows, read in one go (a thin helper, no SQL).

Business data lives in the workspace (:mod:`surveys.departments`,
:mod:`analysis.privacy_settings`, the ``share`` setting), never in QSettings.
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.privacy_settings import thresholds_from_settings, typed_redaction_names
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
