"""Import responses, rosters and name lists from other tools' exports.

Public API:

- :func:`import_file` ``(workspace, path, mapping=None, *, wave=None, progress=None)``:
  import a tidy or wide CSV/TSV/XLSX file, all or nothing (:mod:`.runner`).
- :func:`detect_file` ``(path) -> Layout``: which tool wrote the file (:mod:`.layouts`).
- :func:`suggest_mapping` ``(path, departments=None) -> Suggestion``: a mapping to check,
  with a confidence per line; ``Suggestion.to_yaml()`` writes it (:mod:`.suggest`).
- :func:`load_mapping` ``(path) -> Mapping``: read and validate a mapping file.
- :func:`preview` ``(path, mapping, departments, rows=20)``: the first rows as Rapport will
  read them (the import wizard's live preview).
- :func:`import_roster` and :func:`import_names` (:mod:`.roster`, :mod:`.names`).

Everything here uses the standard library and sqlite-utils; openpyxl (XLSX) and PyYAML
(mapping files) are imported only when needed.
"""

from __future__ import annotations

from surveys.importing.layouts import LAYOUTS, Column, Layout, detect_layout
from surveys.importing.mapping import Mapping, MappingError, load_mapping, parse_mapping
from surveys.importing.runner import (
    FileImportReport,
    ImportProblems,
    detect_file,
    import_file,
)
from surveys.importing.table import CellProblem, TableError

__all__ = [
    "LAYOUTS",
    "CellProblem",
    "Column",
    "FileImportReport",
    "ImportProblems",
    "Layout",
    "Mapping",
    "MappingError",
    "TableError",
    "detect_file",
    "detect_layout",
    "import_file",
    "load_mapping",
    "import_names",
    "import_roster",
    "parse_mapping",
    "preview",
    "suggest_mapping",
]


def suggest_mapping(path, departments=None, *, wave=None):
    """See :func:`surveys.importing.suggest.suggest_mapping`."""
    from surveys.importing.suggest import suggest_mapping as suggest

    return suggest(path, departments, wave=wave)


def preview(path, layout, mapping, departments, *, responses=20, wave=None):
    """See :func:`surveys.importing.preview.preview`."""
    from surveys.importing.preview import preview as run

    return run(path, layout, mapping, departments, responses=responses, wave=wave)


def import_roster(workspace, path, **options):
    """See :func:`surveys.importing.roster.import_roster`."""
    from surveys.importing.roster import import_roster as run

    return run(workspace, path, **options)


def import_names(workspace, path):
    """See :func:`surveys.importing.names.import_names`."""
    from surveys.importing.names import import_names as run

    return run(workspace, path)
