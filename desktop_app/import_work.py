"""The import wizard's work away from the GUI thread (Qt-free).

:func:`prepare` reads a file and makes the mapping to check (on the worker thread);
:func:`import_responses` runs the import (in the worker process) and returns plain data,
so that problems can be listed one per line in the wizard rather than as one message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from surveys.progress import Progress
from surveys.read_options import ReadOptions, reading_as

#: Encodings that are certain when read (a byte-order mark, or UTF-8 throughout).
_CERTAIN = ("UTF-8", "UTF-8 with BOM", "UTF-16")


@dataclass
class Prepared:
    """A file read for the wizard: its layout, and the mapping to check (None if tidy)."""

    path: Path
    description: str
    layout: object
    suggestion: object | None
    departments: list[str]
    #: How the file was read (the wizard's encoding and worksheet choices).
    read: ReadOptions = field(default_factory=ReadOptions)
    #: The encoding used (CSV, TSV), or "".
    encoding: str = ""
    #: A workbook's visible worksheets, and the one read.
    sheets: list[str] = field(default_factory=list)
    sheet: str = ""
    #: Whether the encoding is worth offering to change: a code page was recognised (the
    #: words decide, and may mislead), one was chosen, or a byte could not be read.
    encoding_matters: bool = False
    #: A cell with letters beyond ASCII, as read (to judge the encoding by), or "".
    sample: str = ""


def prepare(
    workspace: Path,
    path: str | Path,
    mapping_path: str | Path | None = None,
    progress: Progress | None = None,
    read: ReadOptions | None = None,
) -> Prepared:
    """Read ``path`` (and a saved mapping, if given) for the wizard, as ``read`` says.

    Raises ``TableError`` or ``MappingError`` (plain messages) when they cannot be read.
    """
    read = read or ReadOptions()
    with reading_as(read):
        prepared = _prepare(workspace, path, mapping_path, progress)
    prepared.read = read
    return prepared


def _prepare(workspace, path, mapping_path, progress) -> Prepared:
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
    suggestion = None
    if profile.layout.name in ("tidy", "comments"):  # read as they are, no mapping
        pass
    elif mapping_path:
        suggestion = Suggestion.from_mapping(profile, load_mapping(mapping_path), names)
    else:
        suggestion = suggest_mapping(profile, names)
    return Prepared(
        Path(path),
        description,
        profile.layout,
        suggestion,
        names,
        encoding=profile.encoding,
        sheets=profile.sheet_titles,
        sheet=profile.sheet_title,
        encoding_matters=bool(profile.encoding)
        and (profile.encoding not in _CERTAIN or profile.encoding_problem),
        sample=profile.text_sample() if profile.encoding else "",
    )


def import_responses(
    workspace: Path,
    path: str,
    mapping,
    wave: str | None = None,
    progress: Progress | None = None,
    read: ReadOptions | None = None,
) -> dict:
    """Import in the worker process; ``{"ok", "summary", "new", "problems"}`` (plain data).

    As `rapport import` does, a large file's comments of closed waves are analysed on the
    other core meanwhile (:mod:`analysis.import_ahead`), so the next analysis is shorter.
    """
    from analysis.import_ahead import ImportAhead
    from surveys.importing import ImportProblems, import_file

    try:
        with ImportAhead(workspace, path) as ahead, reading_as(read or ReadOptions()):
            report = import_file(
                workspace, path, mapping, wave=wave, progress=progress, ahead=ahead
            )
    except ImportProblems as exc:
        return {"ok": False, "summary": "", "new": 0, "problems": exc.lines()}
    return {"ok": True, "summary": report.summary(), "new": report.submissions_new, "problems": []}
