"""The Themes section's reads, off the GUI thread
(:class:`~desktop_app.section_reads.SectionReads` runs them): a theme's detail in one open
of the workspace, and the taxonomy the themes editor opens on.

Choosing a theme read the workspace three times on the GUI thread (the themes' keys, the
size per pair, the taxonomy's keywords): on a share that hangs, the window froze at each
row chosen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def read_theme_detail(
    path: Path, result: Any, summary: Any
) -> tuple[list[tuple[str, int | None]], list[str], str | None, dict[str, str]]:
    """The comments per pair of ``summary`` (a theme of ``result``; ``None``: fewer than
    the comment threshold), its terms (the topic's own, else the theme's keywords and
    phrases in the workspace's taxonomy), its key in the Comments section's theme filter,
    and, per pair shown, why Comments would not list its comments of the theme (the
    differencing guard's message); runs on any thread."""
    from analysis.theme_pairs import pair_sizes, theme_keys
    from desktop_app.workspace_reads import open_for_section

    db = open_for_section(path)
    try:
        keys = theme_keys(db)
        key = keys.get(summary.name)
        sizes = pair_sizes(db, result, summary, keys)
        terms = list(summary.terms or []) or _keywords(db, key or "")
        refused = _guarded(db, result.wave, sizes, key) if key else {}
    finally:
        db.close()
    return sizes, terms, key, refused


def _guarded(db, wave: str, sizes: list, key: str) -> dict[str, str]:  # noqa: ANN001
    """``"From → To"`` -> the guard's message, for each pair shown whose comments of the
    theme Comments would refuse to list (they leave fewer than k of the pair's out)."""
    from analysis.comments_query import CommentFilter, select_groups

    refused = {}
    for pair, count in sizes:
        from_dept, _, to_dept = pair.partition(" → ")
        if count is None or not to_dept:
            continue
        flt = CommentFilter(wave=wave, from_dept=from_dept, to_dept=to_dept, theme=key)
        message = select_groups(db, flt).message
        if message:
            refused[pair] = message
    return refused


def read_taxonomy_text(path: Path) -> str:
    """The workspace's taxonomy as YAML text (the default one when it has none), for the
    themes editor; runs on any thread."""
    from analysis.taxonomy_setting import workspace_taxonomy_text
    from desktop_app.workspace_reads import open_for_section

    db = open_for_section(path)
    try:
        return workspace_taxonomy_text(db)
    finally:
        db.close()


def _keywords(db: Any, key: str) -> list[str]:
    from analysis.taxonomy_setting import workspace_taxonomy
    from analysis.themes import default_taxonomy

    taxonomy = workspace_taxonomy(db) or default_taxonomy()
    theme = taxonomy.theme(key)
    return list(theme.keywords) + list(theme.phrases) if theme else []
