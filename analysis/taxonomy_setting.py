"""The workspace's theme taxonomy: HR's edited copy, kept as the setting ``taxonomy_yaml``.

:mod:`analysis.themes` turns taxonomy YAML into a :class:`~analysis.themes.Taxonomy`; this
module reads and writes the copy HR edits (the Themes panel's editor). A workspace without
the setting uses the taxonomy shipped with Rapport. :mod:`analysis.themes` (and with it the
stemmer) is imported only when a taxonomy is parsed, so the GUI thread may read the text.

Functions take an open ``sqlite_utils.Database`` owned by the calling thread; no Qt.
"""

from __future__ import annotations

import hashlib
from importlib import resources
from typing import TYPE_CHECKING

from surveys.workspace_reads import get_setting, set_setting

if TYPE_CHECKING:
    from analysis.themes import Taxonomy

#: Workspace setting holding HR's edited taxonomy (YAML text); absent = the shipped one.
TAXONOMY_SETTING = "taxonomy_yaml"


def shipped_taxonomy_text() -> str:
    """Return the YAML of the taxonomy shipped with Rapport."""
    return resources.files("analysis").joinpath("data/taxonomy.yaml").read_text("utf-8")


def workspace_taxonomy_text(db) -> str:
    """Return the workspace's taxonomy YAML, or the shipped one when it was never edited.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.

    Returns
    -------
    str
        The text HR would edit.
    """
    return get_setting(db, TAXONOMY_SETTING) or shipped_taxonomy_text()


def workspace_taxonomy(db) -> Taxonomy | None:
    """Return HR's edited taxonomy of a workspace, if there is one.

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.

    Returns
    -------
    analysis.themes.Taxonomy or None
        ``None`` when the workspace uses the shipped taxonomy. The ``version`` names the
        text's digest, so editing the taxonomy re-matches cached comments.

    Raises
    ------
    analysis.themes.TaxonomyError
        If the stored text is invalid (line and field named).
    """
    from analysis.themes import taxonomy_from_yaml_text

    text = get_setting(db, TAXONOMY_SETTING)
    if not text:
        return None
    taxonomy = taxonomy_from_yaml_text(text, source="workspace taxonomy")
    taxonomy.version = "workspace-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
    return taxonomy


def save_workspace_taxonomy(db, text: str) -> None:
    """Check ``text`` and keep it as the workspace's taxonomy.

    Text equal to the shipped taxonomy removes the workspace's copy, so the workspace follows
    the shipped taxonomy again (and its updates).

    Parameters
    ----------
    db : sqlite_utils.Database
        An open workspace.
    text : str
        Taxonomy YAML.

    Raises
    ------
    analysis.themes.TaxonomyError
        If ``text`` is not a valid taxonomy (line and field named); nothing is stored.
    """
    from analysis.themes import taxonomy_from_yaml_text

    taxonomy_from_yaml_text(text, "taxonomy")
    with db.atomic():
        if text == shipped_taxonomy_text():
            db.execute("DELETE FROM settings WHERE key = ?", [TAXONOMY_SETTING])
        else:
            set_setting(db, TAXONOMY_SETTING, text)
