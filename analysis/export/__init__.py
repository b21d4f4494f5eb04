"""Exports of an analysis: an editable PowerPoint deck, an XLSX workbook and CSV files,
and the figures shared back with respondents in the next pulse (:mod:`.shared_results`).

Every writer applies the anonymity rules again (:func:`exportable`) before it writes, and
callers record each file in the workspace's export log with :func:`log_export`.

:mod:`analysis.export.publish` publishes a pulse to the shared folder, with the previous
wave's results for respondents when HR asks: the workflow `rapport publish` and the HR
window share. :mod:`analysis.export.schedule` runs the pulse programme with it (close what is
past, publish what is due): `rapport schedule run` and the HR window's timer.

The names below are imported on first use (PEP 562), so a command that only needs
:mod:`analysis.export.files` does not load python-pptx and openpyxl.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

#: How many hotspots get a slide of their own by default, and at most (the deck, the
#: export dialog and ``rapport export --hotspots``). The default is the hotspots the
#: Overview shows, so the deck has a slide for each (it had 3 against the Overview's 4).
DEFAULT_HOTSPOT_SLIDES = 4
MAX_HOTSPOT_SLIDES = 5

_HOMES = {
    "ExportError": "files",
    "ExportRecord": "log",
    "export_history": "log",
    "log_export": "log",
    "build_deck": "pptx",
    "write_deck": "pptx",
    "check_outputs": "run",
    "export_workspace": "run",
    "write_exports": "run",
    "exportable": "safety",
    "neutralise": "safety",
    "TABLE_NAMES": "tables",
    "build_tables": "tables",
    "write_csv": "tables",
    "write_xlsx": "tables",
}

__all__ = [
    "DEFAULT_HOTSPOT_SLIDES",
    "MAX_HOTSPOT_SLIDES",
    "ExportError",
    "ExportRecord",
    "TABLE_NAMES",
    "build_deck",
    "build_tables",
    "check_outputs",
    "export_history",
    "export_workspace",
    "exportable",
    "log_export",
    "neutralise",
    "write_csv",
    "write_deck",
    "write_exports",
    "write_xlsx",
]

if TYPE_CHECKING:
    from analysis.export.files import ExportError
    from analysis.export.log import ExportRecord, export_history, log_export
    from analysis.export.pptx import build_deck, write_deck
    from analysis.export.run import check_outputs, export_workspace, write_exports
    from analysis.export.safety import exportable, neutralise
    from analysis.export.tables import TABLE_NAMES, build_tables, write_csv, write_xlsx


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOMES])
