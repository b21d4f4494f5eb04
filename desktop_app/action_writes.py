"""The joint actions' writes, each in one open of the workspace; they run on any thread
(:class:`desktop_app.workspace_write.WorkspaceWrite` runs them off the GUI thread)."""

from __future__ import annotations

from pathlib import Path

from surveys.actions import Action, delete_action, save_action


def store_action(path: Path, action: Action) -> int:
    """Save ``action`` (:func:`surveys.actions.save_action`) and give its id; raises
    :class:`surveys.actions.ActionError` for a field to fix."""
    from desktop_app.workspace_reads import open_for_section

    db = open_for_section(path)
    try:
        return save_action(db, action)
    finally:
        db.close()


def remove_action(path: Path, action_id: int) -> None:
    """Delete the action ``action_id`` (:func:`surveys.actions.delete_action`)."""
    from desktop_app.workspace_reads import open_for_section

    db = open_for_section(path)
    try:
        delete_action(db, action_id)
    finally:
        db.close()
