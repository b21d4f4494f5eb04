"""Import responses, rosters and name lists from other tools' exports.

Public API:

- :func:`import_file` ``(workspace, path, mapping=None, *, wave=None, progress=None)``:
  import a tidy or wide CSV/TSV/XLSX file, all or nothing (:mod:`.runner`).
- :func:`detect_file` ``(path) -> Layout``: which tool wrote the file (:mod:`.layouts`).
- :func:`suggest_mapping` ``(path, departments=None) -> Suggestion``: a mapping to check,
  with a confidence per line; ``Suggestion.to_yaml()`` writes it (:mod:`.suggest`).
- :func:`load_mapping` ``(path) -> Mapping``: read and validate a mapping file.
- :func:`surveys.importing.preview.preview`: the first rows as Rapport will read them (the
  import wizard's live preview).
- :func:`import_roster` and :func:`import_names` (:mod:`.roster`, :mod:`.names`).

Everything here uses the standard library and sqlite-utils; openpyxl (XLSX) and PyYAML
(mapping files) are imported only when needed. The names above are loaded on first use
(PEP 562), so importing one module of the package (``surveys.importing.names`` for the
HR window's settings) does not load the others.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "surveys.importing.layouts": ("LAYOUTS", "Column", "Layout", "detect_layout"),
    "surveys.importing.mapping": ("Mapping", "MappingError", "load_mapping", "parse_mapping"),
    "surveys.importing.runner": (
        "FileImportReport",
        "ImportProblems",
        "detect_file",
        "import_file",
    ),
    "surveys.importing.table": ("CellProblem", "TableError"),
    "surveys.importing.suggest": ("suggest_mapping",),
    "surveys.importing.roster": ("import_roster",),
    "surveys.importing.names": ("import_names",),
}
_EXPORTED = {name: module for module, names in _EXPORTS.items() for name in names}

__all__ = sorted(_EXPORTED)


def __getattr__(name: str):
    """Load the modules' public names on first use (PEP 562)."""
    module = _EXPORTED.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
