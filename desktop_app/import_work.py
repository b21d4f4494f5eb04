"""The import wizard's work away from the GUI thread (Qt-free).

:func:`prepare` reads a file and makes the mapping to check (on the worker thread);
:func:`import_responses` runs the import (in the worker process) and returns plain data,
so that problems can be listed one per line in the wizard rather than as one message.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from surveys.progress import Progress


@dataclass
class Prepared:
    """A file read for the wizard: its layout, and the mapping to check (None if tidy)."""

    path: Path
    description: str
    layout: object
    suggestion: object | None
    departments: list[str]


def prepare(
    workspace: Path,
    path: str | Path,
    mapping_path: str | Path | None = None,
    progress: Progress | None = None,
) -> Prepared:
    """Read ``path`` (and a saved mapping, if given) for the wizard.

    Raises ``TableError`` or ``MappingError`` (plain messages) when they cannot be read.
    """
    from surveys.importing.mapping import load_mapping
    from surveys.importing.profile import profile_file
    from surveys.importing.suggest import suggest_mapping
    from surveys.importing.suggestion import Suggestion
    from surveys.store import departments, open_workspace

    db = open_workspace(workspace)
    try:
        names = [d.name for d in departments(db)]
    finally:
        db.close()
    if progress:
        progress(0.1, "Reading the file")
    profile = profile_file(path)
    description = f"{profile.layout.title}; read as {profile.kind}; {profile.rows_read()}"
    if profile.layout.name in ("tidy", "comments"):  # read as they are, no mapping
        return Prepared(Path(path), description, profile.layout, None, names)
    if mapping_path:
        suggestion = Suggestion.from_mapping(profile, load_mapping(mapping_path), names)
    else:
        suggestion = suggest_mapping(profile, names)
    return Prepared(Path(path), description, profile.layout, suggestion, names)


def import_responses(
    workspace: Path, path: str, mapping, wave: str | None = None, progress: Progress | None = None
) -> dict:
    """Import in the worker process; ``{"ok", "summary", "new", "problems"}`` (plain data).

    As `rapport import` does, a large file's comments of closed waves are analysed on the
    other core meanwhile (:mod:`analysis.import_ahead`), so the next analysis is shorter.
    """
    from analysis.import_ahead import ImportAhead
    from surveys.importing import ImportProblems, import_file

    try:
        with ImportAhead(workspace, path) as ahead:
            report = import_file(
                workspace, path, mapping, wave=wave, progress=progress, ahead=ahead
            )
    except ImportProblems as exc:
        return {"ok": False, "summary": "", "new": 0, "problems": exc.lines()}
    return {"ok": True, "summary": report.summary(), "new": report.submissions_new, "problems": []}
